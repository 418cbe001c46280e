import type { Command } from '../types.js'
import { ticketArg, word } from '../../core/command-text.js'
import { privateParts } from '../../core/redact.js'
import { rawTail } from '../../core/raw-tail.js'
import { addEntry, audienceLabel, parseScheduleAdd, removeEntry, upcoming } from '../../core/calendar/index.js'

/** What 日程 says (Simplified Chinese). */
const C = {
  added: (no: number, title: string, audiences: string, hidden: string[]) =>
    `已添加日程 [${no}]：${title}（${audiences}）。发送「日程」查看，「日程 删除 ${no}」可删除。` +
    (hidden.length ? `\n⚠ 内容里有门牌号或电话（${hidden.join('、')}），发到群里会显示为「已隐藏」。` : ''),
  deleteUsage: '请写上日程编号，例如「日程 删除 3」。发送「日程」查看编号。',
  deleted: (no: number, title: string) => `已删除日程 [${no}]：${title}。`,
  usage: '用法：「日程」查看；「日程 添加 12月20日 09:00 全体 内容」；「日程 删除 N」。',
}

/** 日程 / 日程 添加 … / 日程 删除 N: the community calendar, for staff. */
export const schedule: Command = {
  name: '日程',
  usage: '日程',
  help: '查看未来7天的日程；「日程 添加 12月20日 09:00 全体 内容」「日程 删除 N」',
  who: 'staff',
  match: word('日程'),
  run(ctx, args) {
    const db = ctx.db
    const [sub, ...rest] = args.split(' ')
    if (sub === '添加' || sub === '新增') {
      const raw = rawTail(ctx.msg.text, 2) // after 日程 添加, as typed
      const r = parseScheduleAdd(rest.join(' '), ctx.now, { teams: db.teams.map(t => t.name), grids: db.grids.length, raw })
      if (!r.ok) {
        ctx.reply(r.error)
        return
      }
      db.calendar = addEntry(db.calendar, r.entry)
      const added = db.calendar.entries.at(-1)!
      ctx.audit('日程添加', `${added.no} ${added.title}`)
      const hidden = privateParts(added.text, db.community.publicPhones)
      ctx.reply(C.added(added.no!, added.title, added.audiences.map(audienceLabel).join('、'), hidden))
    } else if (sub === '删除' || sub === '取消') {
      const no = ticketArg(rest.join(' '))?.[0]
      if (no === undefined) {
        ctx.reply(C.deleteUsage)
        return
      }
      const r = removeEntry(db.calendar, no)
      if (!r.ok) {
        ctx.reply(r.error)
        return
      }
      db.calendar = r.calendar
      ctx.audit('日程删除', `${no} ${r.removed.title}`)
      ctx.reply(C.deleted(no, r.removed.title))
    } else if (!sub) {
      ctx.reply(upcoming(db.calendar, ctx.now, 7))
    } else {
      ctx.reply(C.usage)
    }
  },
}

/** 最近活动: what residents can join in the coming two weeks. */
export const recentEvents: Command = {
  name: '最近活动',
  usage: '最近活动',
  help: '看看社区最近有什么活动',
  who: 'anyone',
  match: text => (/^(最近|近期)(有什么)?活动[?？吗]*$/.test(text) ? '' : null),
  run(ctx) {
    ctx.reply(upcoming(ctx.db.calendar, ctx.now, 14, { residents: true }))
  },
}
