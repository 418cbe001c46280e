import type { Command, Feature } from '../types.js'
import { word } from '../../core/command-text.js'
import { monthPeriod, monthOf, pointsOf, pointsText, ranking, rankingText, levelOf } from '../../core/report/index.js'
import { iso } from '../../core/time.js'

/** What 记积分 says (Simplified Chinese; the points texts themselves are the reports' in core/report/text.ts). */
const P = {
  usage: (usage: string) => `用法：「${usage}」，分数为 1 到 100 的整数（默认 5）。`,
  recorded: (name: string, activity: string, n: number) => `已为 ${name} 记「${activity}」${n} 分。`,
}

/** 积分: a volunteer's own points and level. */
export const myPoints: Command = {
  name: '积分',
  usage: '积分',
  help: '查看自己的奉献积分和等级',
  who: 'worker',
  match: text => (/^(我的)?积分\s*$/.test(text) ? '' : null),
  run(ctx) {
    const now = ctx.now
    const archived = ctx.state.pointsArchived[ctx.actor.name] ?? 0
    const all = pointsOf(ctx.actor.name, ctx.state.tickets, ctx.state.attendance, ctx.db)
    const month = pointsOf(ctx.actor.name, ctx.state.tickets, ctx.state.attendance, ctx.db, { period: monthPeriod(monthOf(now)) })
    const lifetime = all.lifetimePoints + archived
    ctx.reply(pointsText({ ...all, lifetimePoints: lifetime, level: levelOf(lifetime) }, month))
  },
}

/** 积分榜: this month's ranking, for staff and volunteers (posted to where it was asked). */
export const pointsRanking: Command = {
  name: '积分榜',
  usage: '积分榜',
  help: '本月奉献积分排行',
  who: 'worker',
  match: text => (/^积分(榜|排行|排名)\s*$/.test(text) ? '' : null),
  run(ctx) {
    const month = monthOf(ctx.now)
    ctx.reply(rankingText(month, ranking(month, ctx.state.tickets, ctx.state.attendance, ctx.db)))
  },
}

/** 记积分 名字 活动 分数: staff mark someone as attending a calendar activity. */
export const recordAttendance: Command = {
  name: '记积分',
  usage: '记积分 王阿姨 重阳敬老活动 5',
  help: '为参加活动的志愿者记奉献积分',
  who: 'staff',
  match: word('记积分'),
  run(ctx, args) {
    const [name, activity, pts] = args.split(' ')
    const n = /^\d{1,3}$/.test(pts ?? '5') ? Number(pts ?? '5') : NaN
    if (!name || !activity || !(n >= 1 && n <= 100)) {
      ctx.reply(P.usage(this.usage))
      return
    }
    ctx.state.attendance.push({ name, points: n, at: iso(ctx.now), activity })
    ctx.audit('记积分', `${name} ${activity} ${n}`)
    ctx.reply(P.recorded(name, activity, n))
  },
}

/** Volunteers' points (奉献积分): their own, the month's ranking, attendance recorded by staff. */
export const points: Feature = {
  name: 'points',
  commands: [pointsRanking, myPoints, recordAttendance],
}
