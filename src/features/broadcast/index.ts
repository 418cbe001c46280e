import type { Command, Ctx, Feature } from '../types.js'
import { word } from '../../core/command-text.js'
import { parseAudience, deliveryReport } from '../../core/broadcast.js'
import { readMoment } from '../../core/calendar/when.js'
import type { Broadcast, State } from '../../core/state.js'
import { afterQuietHours, human, iso } from '../../core/time.js'
import { rawTail } from '../../core/raw-tail.js'

const CONFIRM_MS = 5 * 60_000
const EXAMPLE = '通知 全体 明天上午9点至12点停水，请提前储水'

/** Creates a broadcast; more than one group waits for 确认 after a preview. */
function create(ctx: Ctx, audienceWord: string, text: string, at: Date | null): void {
  const target = parseAudience(ctx.db, audienceWord)
  if (!target) { ctx.reply(`没有找到发送对象「${audienceWord}」。可以写：全体、3网格、12号楼、队伍名（如 海军帮忙队）、工作群。例如「${EXAMPLE}」`); return }
  if (!text.trim()) { ctx.reply(`请写上通知内容，例如「${EXAMPLE}」`); return }
  const state = ctx.state
  state.broadcasts = state.broadcasts.filter(b => !(b.status === 'confirming' && b.by === ctx.actor.name))
  const sendAt = afterQuietHours(at ?? ctx.now, ctx.db.settings.quietHours)
  const b: Broadcast = {
    id: state.nextBroadcastId++, by: ctx.actor.name, text, label: target.label, rooms: target.rooms,
    createdAt: iso(ctx.now), sendAt: iso(sendAt), status: 'scheduled', reported: false,
  }
  state.broadcasts.push(b)
  const when = sendAt.getTime() > ctx.now.getTime() + 60_000 ? `将于 ${human(sendAt)} 发送` : '将立即发送'
  const quiet = at === null && sendAt.getTime() > ctx.now.getTime() ? '（现在是夜间免打扰时段，早上再发）' : ''
  if (target.rooms.length > 1) {
    b.status = 'confirming'
    b.confirmBy = iso(new Date(ctx.now.getTime() + CONFIRM_MS))
    ctx.reply([`【预览 通知 #${b.id}】${when}${quiet}，发往 ${target.rooms.length} 个群：`, target.rooms.join('、'),
      `内容：${text}`, '5分钟内回复「确认」发送，回复其他内容则不发送。'].join('\n'))
  } else {
    ctx.reply(`通知 #${b.id} ${when}${quiet}，发往 ${target.rooms[0]}。发送后会告诉您结果。`)
  }
  ctx.audit('通知', `#${b.id} ${target.label}`)
}

export const notify: Command = {
  name: '通知', usage: '通知 全体 内容', help: '给全体、某网格（3网格）、某楼（12号楼）或某队伍发通知，先预览再确认', who: 'staff', privateOnly: true,
  // Only `通知 <known audience> <text>`: a resident relaying "通知：明天停水" is chatter, not a command.
  match: (text, db) => {
    const m = /^通知\s+(\S+)\s+\S/.exec(text)
    return m && parseAudience(db, m[1]) ? text.slice(2).trim() : null
  },
  run(ctx, args) {
    const [aud] = args.split(' ')
    create(ctx, aud, rawTail(ctx.msg.text, 2), null)
  },
}

export const scheduledNotify: Command = {
  name: '定时通知', usage: '定时通知 12月1日 09:00 全体 内容', help: '在指定时间发通知', who: 'staff', privateOnly: true,
  match: word('定时通知'),
  run(ctx, args) {
    const w = readMoment(args, ctx.now)
    if ('error' in w) { ctx.reply(`${w.error.replace(/。$/, '')}。例如「${this.usage}」`); return }
    const [aud] = w.rest.split(' ')
    // Words before the content: 定时通知, the date/time words readMoment consumed, the audience.
    const consumed = args.split(' ').length - w.rest.split(' ').length
    create(ctx, aud ?? '', rawTail(ctx.msg.text, 2 + consumed), w.at)
  },
}

export const cancelNotify: Command = {
  name: '取消通知', usage: '取消通知 3', help: '取消还没发出的通知', who: 'staff', privateOnly: true,
  match: word('取消通知'),
  run(ctx, args) {
    const id = Number(args.replace(/^#/, '').split(' ')[0])
    const b = ctx.state.broadcasts.find(x => x.id === id)
    if (!b) { ctx.reply(`没有找到通知 #${args || '?'}，例如「${this.usage}」`); return }
    if (b.status !== 'scheduled' && b.status !== 'confirming') { ctx.reply(`通知 #${b.id} 已经${b.status === 'cancelled' ? '取消' : '发出'}，不能取消。`); return }
    b.status = 'cancelled'
    ctx.audit('取消通知', `#${b.id}`)
    ctx.reply(`已取消通知 #${b.id}。`)
  },
}

export const confirm: Command = {
  name: '确认', usage: '确认', help: '确认发送预览中的通知', who: 'staff', privateOnly: true,
  quietRefusal: true,   // a resident saying 确认 in a chat is not talking to the bot
  match: text => (/^(确认|确定)(发送)?$/.test(text) ? '' : null),
  run(ctx) {
    const b = ctx.state.broadcasts.find(x => x.status === 'confirming' && x.by === ctx.actor.name)
    if (!b || Date.parse(b.confirmBy!) < ctx.now.getTime()) {
      if (b) b.status = 'cancelled'
      ctx.reply('没有等待确认的通知（预览5分钟内有效），请重新发送。')
      return
    }
    b.status = 'scheduled'
    ctx.audit('确认通知', `#${b.id}`)
    ctx.reply(`好的，通知 #${b.id} 开始发送，共 ${b.rooms.length} 个群，每个群间隔几秒，发完告诉您结果。`)
  },
}

/** Tick: release scheduled broadcasts into the outbox, expire previews, report finished deliveries. Returns whether anything changed. */
function runBroadcasts(ctx: Ctx): boolean {
  const now = ctx.now.getTime()
  let changed = false
  for (const b of ctx.state.broadcasts) {
    if (b.status === 'confirming' && Date.parse(b.confirmBy!) < now) { b.status = 'cancelled'; changed = true }
    if (b.status === 'scheduled' && Date.parse(b.sendAt) <= now) {
      for (const room of b.rooms) ctx.send({ room }, b.text, { tag: `broadcast:${b.id}`, verbatim: true })
      b.status = 'sending'
      changed = true
    }
    if (b.status === 'sending' && !b.reported) {
      const report = deliveryReport(ctx.state, b)
      if (report) { ctx.send({ to: b.by }, report); b.reported = true; b.status = 'done'; changed = true }
    }
  }
  return changed
}

const nextBroadcastWake = (state: State): number | null => {
  const times = state.broadcasts.flatMap(b => b.status === 'scheduled' ? [Date.parse(b.sendAt)] : b.status === 'confirming' ? [Date.parse(b.confirmBy!)] : [])
  return times.length ? Math.min(...times) : null
}

/** Whether an outbox tag belongs to a broadcast whose delivery report is still to come. */
function broadcastPending(state: State, tag: string): boolean {
  const m = /^broadcast:(\d+)$/.exec(tag)
  return m !== null && state.broadcasts.some(b => b.id === Number(m[1]) && !b.reported)
}

/** Staff notices to all groups, a grid, a building or a team: preview, 确认, scheduling, delivery reports. */
export const broadcast: Feature = {
  name: 'broadcast',
  commands: [notify, scheduledNotify, cancelNotify, confirm],
  job: { run: runBroadcasts, nextWake: db => nextBroadcastWake(db.state) },
  // A broadcast's send went out: its delivery report may be due now.
  sent: (ctx, tag) => tag.startsWith('broadcast:') && (runBroadcasts(ctx), true),
  keepsSent: broadcastPending,
}
