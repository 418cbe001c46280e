import type { Command, Ctx } from './types.js'
import { word } from './types.js'
import type { Destination, Ticket } from '../core/types.js'
import { isStaff, isVolunteer, isGridLeader } from '../core/directory.js'
import { statsOptions } from '../core/deadlines.js'
import {
  huddle, huddleText, weekBefore, weeklyReportText, monthlyStats, monthlyReportText, monthlyCsv, monthPeriod,
  previousMonth, monthOf, pointsOf, pointsText, ranking, rankingText, levelOf, type MonthlyStats,
} from '../core/report/index.js'
import { iso } from '../core/time.js'

/** Report files: the chart renderer and where files are kept (adapters). */
export interface ReportFiles {
  chart(stats: MonthlyStats): Promise<Buffer>
  save(name: string, data: Buffer | string): Promise<string>
}

/** Calendar hook: the huddle and weekly meeting carry the figures; the monthly report becomes a job (it has files). */
export function onCalendarFire(entryId: string, ctx: Ctx): string | undefined {
  const opts = statsOptions(ctx.db.settings)
  if (entryId === 'daily-huddle') return huddleText(huddle(ctx.state.tickets, ctx.now, opts))
  if (entryId === 'weekly-meeting') return weeklyReportText(monthlyStats(ctx.state.tickets, ctx.db, weekBefore(ctx.now), { ...opts, asOf: ctx.now }), ctx.db.community.name)
  if (entryId === 'monthly-report') ctx.state.reportJobs.push({ month: previousMonth(ctx.now), dest: { room: ctx.db.community.staffRoom }, ranking: true })
  return undefined
}

/** Runs queued report jobs: text, a PNG chart and an Excel-ready CSV, then the points ranking. */
export async function runReportJobs(ctx: Ctx, files: ReportFiles, archivedMonth: (month: string) => Promise<Ticket[]>): Promise<void> {
  while (ctx.state.reportJobs.length > 0) {
    const job = ctx.state.reportJobs[0]
    const live = ctx.state.tickets
    const ids = new Set(live.map(t => t.id))
    const tickets = [...live, ...(await archivedMonth(job.month)).filter(t => !ids.has(t.id))]
    const period = monthPeriod(job.month)
    const stats = monthlyStats(tickets, ctx.db, period, { ...statsOptions(ctx.db.settings), asOf: ctx.now < period.to ? ctx.now : period.to })
    const png = await files.save(`月报-${job.month}.png`, await files.chart(stats))
    const csv = await files.save(`月报-${job.month}.csv`, monthlyCsv(stats, ctx.db.community.name))
    ctx.send(job.dest, monthlyReportText(stats, ctx.db.community.name))
    ctx.send(job.dest, '', { file: png })
    ctx.send(job.dest, '', { file: csv })
    if (job.ranking) ctx.send(job.dest, rankingText(job.month, ranking(job.month, live, attendance(ctx), ctx.db)))
    ctx.state.reportJobs.shift()
  }
}

const attendance = (ctx: Ctx) => ctx.state.attendance

/** 报表 本月 / 报表 上月: the monthly report on demand, privately to staff. */
export const report: Command = {
  name: '报表', usage: '报表 本月', help: '本月或上月的统计报表（文字、图表、Excel 表格）', audience: 'staff',
  match: word('报表'),
  run(ctx, args) {
    if (!isStaff(ctx.actor)) { ctx.reply('抱歉，报表只对社区工作人员开放。'); return }
    const which = args.trim() || '本月'
    if (which !== '本月' && which !== '上月') { ctx.reply('请发送「报表 本月」或「报表 上月」。'); return }
    const month = which === '本月' ? monthOf(ctx.now) : previousMonth(ctx.now)
    const dest: Destination = ctx.msg.room ? { room: ctx.msg.room } : { to: ctx.actor.name }
    ctx.state.reportJobs.push({ month, dest, ranking: false })
    ctx.audit('报表', month)
  },
}

/** 积分: a volunteer's own points and level. */
export const points: Command = {
  name: '积分', usage: '积分', help: '查看自己的奉献积分和等级', audience: 'worker',
  match: text => (/^(我的)?积分\s*$/.test(text) ? '' : null),
  run(ctx) {
    const now = ctx.now
    const archived = ctx.state.pointsArchived[ctx.actor.name] ?? 0
    const all = pointsOf(ctx.actor.name, ctx.state.tickets, attendance(ctx), ctx.db)
    const month = pointsOf(ctx.actor.name, ctx.state.tickets, attendance(ctx), ctx.db, { period: monthPeriod(monthOf(now)) })
    const lifetime = all.lifetimePoints + archived
    ctx.reply(pointsText({ ...all, lifetimePoints: lifetime, level: levelOf(lifetime) }, month))
  },
}

/** 积分榜: this month's ranking, for staff (posted to where it was asked). */
export const pointsRanking: Command = {
  name: '积分榜', usage: '积分榜', help: '本月奉献积分排行', audience: 'staff',
  match: text => (/^积分(榜|排行|排名)\s*$/.test(text) ? '' : null),
  run(ctx) {
    if (!isStaff(ctx.actor) && !isGridLeader(ctx.actor) && !isVolunteer(ctx.actor)) { ctx.reply('抱歉，积分榜只对社区工作人员和志愿者开放。'); return }
    const month = monthOf(ctx.now)
    ctx.reply(rankingText(month, ranking(month, ctx.state.tickets, attendance(ctx), ctx.db)))
  },
}

/** 记积分 名字 活动 分数: staff mark someone as attending a calendar activity. */
export const recordAttendance: Command = {
  name: '记积分', usage: '记积分 王阿姨 重阳敬老活动 5', help: '为参加活动的志愿者记奉献积分', audience: 'staff',
  match: word('记积分'),
  run(ctx, args) {
    if (!isStaff(ctx.actor)) { ctx.reply('抱歉，只有社区工作人员可以记积分。'); return }
    const [name, activity, pts] = args.split(' ')
    const n = Number(pts ?? '5')
    if (!name || !activity || !Number.isInteger(n) || n <= 0 || n > 100) { ctx.reply(`用法：「${this.usage}」，分数为 1 到 100 的整数（默认 5）。`); return }
    ctx.state.attendance.push({ name, points: n, at: iso(ctx.now), activity })
    ctx.audit('记积分', `${name} ${activity} ${n}`)
    ctx.reply(`已为 ${name} 记「${activity}」${n} 分。`)
  },
}
