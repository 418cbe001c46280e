import type { Command, Ctx, Feature } from '../types.js'
import { ticketArg, word } from '../../core/command-text.js'
import { parseAudience, deliveryReport, noticeText, sameNoticeToday } from '../../core/broadcast.js'
import { readMoment } from '../../core/calendar/when.js'
import type { Broadcast, State } from '../../core/state.js'
import { afterQuietHours, human, humanSince, iso } from '../../core/time.js'
import { privateParts, redact } from '../../core/redact.js'
import { rawTail } from '../../core/raw-tail.js'
import { N, type Same } from './texts.js'

const CONFIRM_MS = 5 * 60_000

const targetsHint = (ctx: Ctx) =>
  N.targets(
    ctx.db.grids.length,
    Math.max(...ctx.db.buildings),
    ctx.db.teams.map(t => t.name),
  )

/** Strips @mentions and the command word from the person's own text, keeping their punctuation. */
const afterCommand = (raw: string, word: string) => raw.replace(/^[\s\u2005\u3000]*(@\S+[\s\u2005\u3000]+)*/, '').slice(word.length)

/** The audience word at the start of `rest` and the staff's words after it, as they wrote them. */
function split(rest: string): { audience: string; text: string } {
  const m = /^[\s:：]*([^\s:：,，]+)[\s:：,，]*([\s\S]*)$/.exec(rest)
  return m ? { audience: m[1], text: m[2].trim() } : { audience: '', text: '' }
}

/** When an earlier notice with the same words went, or will go: 今天 14:00, 昨天 19:00, 12月18日 19:00. */
function sameOf(x: Broadcast, now: Date): Same {
  const at = new Date(x.sendAt)
  const later = at.getTime() > now.getTime()
  return { id: x.id, label: x.label, when: later ? human(at) : humanSince(at, now), later }
}

/**
 * Every notice gets a preview of exactly what each group will receive and waits for 确认: the header,
 * the building named first, the staff's words as written (door and phone numbers hidden, and said so),
 * the signature; when it will go; and whether the same words went to these groups today.
 */
function create(ctx: Ctx, audienceWord: string, text: string, at: Date | null): void {
  const target = parseAudience(ctx.db, audienceWord)
  if (!target) {
    ctx.reply(audienceWord ? N.unknownTarget(audienceWord, targetsHint(ctx)) : N.usage(targetsHint(ctx)))
    return
  }
  if (!text) {
    ctx.reply(N.noText)
    return
  }
  const state = ctx.state
  state.broadcasts = state.broadcasts.filter(b => !(b.status === 'confirming' && b.by === ctx.actor.name))
  const sendAt = afterQuietHours(at ?? ctx.now, ctx.db.settings.quietHours)
  const b: Broadcast = {
    id: state.nextBroadcastId++,
    by: ctx.actor.name,
    text,
    label: target.label,
    rooms: target.rooms,
    createdAt: iso(ctx.now),
    sendAt: iso(sendAt),
    status: 'confirming',
    reported: false,
    confirmBy: iso(new Date(ctx.now.getTime() + CONFIRM_MS)),
    ...(target.building ? { building: target.building } : {}),
  }
  const same = sameNoticeToday(state, b, ctx.now.getTime())
  if (same) b.sameAs = same.id
  state.broadcasts.push(b)
  const later = sendAt.getTime() > ctx.now.getTime() + 60_000
  // Moved out of the night (asked for now, or for 22:00): say why it goes later than asked.
  const moved = sendAt.getTime() !== (at ?? ctx.now).getTime()
  const when = later ? N.at(human(sendAt), moved ? ctx.db.settings.quietHours : null) : N.now
  const shown = noticeText(ctx.db, b)
  const earlier = same && sameOf(same, ctx.now)
  ctx.reply(N.preview(b, when, redact(shown, ctx.db.community.publicPhones), privateParts(shown, ctx.db.community.publicPhones), earlier))
  ctx.audit('通知', `#${b.id} ${target.label}`)
}

export const notify: Command = {
  name: '通知',
  usage: '通知 全体 内容',
  help: '给全体、某网格（3网格）、某楼（12号楼）或某队伍发通知，先预览再确认',
  who: 'staff',
  privateOnly: true,
  // In a group, a resident relaying "通知：明天停水" is chatter: no refusal there.
  quietRefusal: 'group',
  match: text => (/^通知(?=[\s:：]|$)/.test(text) ? text.slice(2) : null),
  run(ctx) {
    const { audience, text } = split(afterCommand(ctx.msg.text, '通知'))
    create(ctx, audience, text, null)
  },
}

export const scheduledNotify: Command = {
  name: '定时通知',
  usage: '定时通知 12月1日 09:00 全体 内容',
  help: '在指定时间发通知',
  who: 'staff',
  privateOnly: true,
  match: word('定时通知'),
  run(ctx, args) {
    const w = readMoment(args, ctx.now)
    if ('error' in w) {
      ctx.reply(`${w.error.replace(/。$/, '')}。例如「${this.usage}」`)
      return
    }
    const audience = split(w.rest).audience
    // The staff's words as written: skip the words the date and time took, then the audience word.
    const consumed = args.split(' ').length - w.rest.split(' ').length
    let raw = rawTail(ctx.msg.text, 1 + consumed)
    if (audience && !raw.startsWith(audience)) raw = raw.slice(Math.max(0, raw.indexOf(audience)))
    create(ctx, audience, split(raw).text, w.at)
  },
}

export const cancelNotify: Command = {
  name: '取消通知',
  usage: '取消通知 3',
  help: '取消还没发出的通知',
  who: 'staff',
  privateOnly: true,
  match: word('取消通知'),
  run(ctx, args) {
    const id = ticketArg(args)?.[0]
    if (id === undefined) {
      ctx.reply(N.cancelUsage)
      return
    }
    const b = ctx.state.broadcasts.find(x => x.id === id)
    if (!b) {
      ctx.reply(N.noNotice(id))
      return
    }
    if (b.status !== 'scheduled' && b.status !== 'confirming') {
      ctx.reply(N.notCancellable(b))
      return
    }
    b.status = 'cancelled'
    ctx.audit('取消通知', `#${b.id}`)
    ctx.reply(N.cancelled(b))
  },
}

export const confirm: Command = {
  name: '确认',
  usage: '确认',
  help: '确认发送预览中的通知',
  who: 'staff',
  privateOnly: true,
  quietRefusal: true, // a resident saying 确认 in a chat is not talking to the bot
  match: text => (/^(确认|确定)(发送)?$/.test(text) ? '' : null),
  run(ctx) {
    const b = ctx.state.broadcasts.find(x => x.status === 'confirming' && x.by === ctx.actor.name)
    if (!b || Date.parse(b.confirmBy!) < ctx.now.getTime()) {
      if (b) b.status = 'cancelled'
      ctx.reply(N.nothingToConfirm)
      return
    }
    if (b.sameAs !== undefined) {
      // the same words within a day: ask once more
      const same = ctx.db.state.broadcasts.find(x => x.id === b.sameAs)
      delete b.sameAs
      if (same) {
        b.confirmBy = iso(new Date(ctx.now.getTime() + CONFIRM_MS))
        ctx.reply(N.askAgain(b, sameOf(same, ctx.now)))
        return
      }
    }
    b.status = 'scheduled'
    ctx.audit('确认通知', `#${b.id}`)
    const at = new Date(b.sendAt)
    ctx.reply(at.getTime() > ctx.now.getTime() + 60_000 ? N.confirmedLater(b, human(at)) : N.confirmedNow(b))
  },
}

/** Tick: release scheduled broadcasts into the outbox, expire previews, report finished deliveries. Returns whether anything changed. */
function runBroadcasts(ctx: Ctx): boolean {
  const now = ctx.now.getTime()
  let changed = false
  for (const b of ctx.state.broadcasts) {
    if (b.status === 'confirming' && Date.parse(b.confirmBy!) < now) {
      b.status = 'cancelled'
      changed = true
    }
    if (b.status === 'scheduled' && Date.parse(b.sendAt) <= now) {
      for (const room of b.rooms) ctx.send({ room }, noticeText(ctx.db, b), { tag: `broadcast:${b.id}` })
      b.status = 'sending'
      changed = true
    }
    if (b.status === 'sending' && !b.reported) {
      const report = deliveryReport(ctx.state, b)
      if (report) {
        ctx.send({ to: b.by }, report)
        b.reported = true
        b.status = 'done'
        changed = true
      }
    }
  }
  return changed
}

const nextBroadcastWake = (state: State): number | null => {
  const times = state.broadcasts.flatMap(b => (b.status === 'scheduled' ? [Date.parse(b.sendAt)] : b.status === 'confirming' ? [Date.parse(b.confirmBy!)] : []))
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
  sent: (ctx, tag) => {
    if (!tag.startsWith('broadcast:')) return false
    runBroadcasts(ctx)
    return true
  },
  keepsSent: broadcastPending,
}
