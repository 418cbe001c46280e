import type { Command, Ctx, Feature, JobCtx } from '../types.js'
import { word } from '../../core/command-text.js'
import type { Destination } from '../../core/types.js'
import { statsOptions } from '../../core/deadlines.js'
import {
  huddle,
  huddleText,
  weekBefore,
  weeklyReportText,
  monthlyStats,
  monthlyReportText,
  monthlyCsv,
  monthPeriod,
  previousMonth,
  monthOf,
  ranking,
  rankingText,
  ticketLedger,
  toCsv,
} from '../../core/report/index.js'

/** What 报表 says, and the names of the report files (Simplified Chinese). */
const R = {
  usage: '请发送「报表 本月」或「报表 上月」。',
  chart: (month: string) => `月报-${month}.png`,
  totals: (month: string) => `月报-${month}.csv`,
  ledger: (month: string) => `民情台账-${month}.csv`,
}

/** Calendar hook: the huddle and weekly meeting carry the figures; the monthly report becomes a job (it has files). */
export function onCalendarFire(entryId: string, ctx: Ctx): string | undefined {
  const opts = statsOptions(ctx.db.settings)
  if (entryId === 'daily-huddle') return huddleText(huddle(ctx.state.tickets, ctx.now, opts))
  if (entryId === 'weekly-meeting')
    return weeklyReportText(monthlyStats(ctx.state.tickets, ctx.db, weekBefore(ctx.now), { ...opts, asOf: ctx.now }), ctx.db.community.name)
  if (entryId === 'monthly-report') ctx.state.reportJobs.push({ month: previousMonth(ctx.now), dest: { room: ctx.db.community.staffRoom }, ranking: true })
  return undefined
}

/** Runs queued report jobs: text, a PNG chart and an Excel-ready CSV, then the points ranking. */
async function runReportJobs(ctx: JobCtx): Promise<boolean> {
  if (ctx.state.reportJobs.length === 0 || !ctx.loggedIn) return false
  const { files } = ctx
  while (ctx.state.reportJobs.length > 0) {
    const job = ctx.state.reportJobs[0]
    const live = ctx.state.tickets
    const ids = new Set(live.map(t => t.id))
    const archived = ctx.state.archive.some(a => a.month === job.month) ? await ctx.archive.load(job.month) : []
    const tickets = [...live, ...archived.filter(t => !ids.has(t.id))]
    const period = monthPeriod(job.month)
    const stats = monthlyStats(tickets, ctx.db, period, { ...statsOptions(ctx.db.settings), asOf: new Date(Math.min(ctx.now.getTime(), period.to.getTime())) })
    const png = await files.save(R.chart(job.month), await files.chart(stats))
    const csv = await files.save(R.totals(job.month), monthlyCsv(stats, ctx.db.community.name))
    // The 民情台账 beside the totals: one row per ticket, for reporting upward.
    const ledger = await files.save(R.ledger(job.month), toCsv(ticketLedger(tickets, stats, statsOptions(ctx.db.settings))))
    ctx.send(job.dest, monthlyReportText(stats, ctx.db.community.name))
    ctx.send(job.dest, '', { file: png })
    ctx.send(job.dest, '', { file: csv })
    ctx.send(job.dest, '', { file: ledger })
    if (job.ranking) ctx.send(job.dest, rankingText(job.month, ranking(job.month, live, ctx.state.attendance, ctx.db)))
    ctx.state.reportJobs.shift()
  }
  return true
}

/** 报表 本月 / 报表 上月: the monthly report on demand, privately to staff. */
export const report: Command = {
  name: '报表',
  usage: '报表 本月',
  help: '本月或上月的统计报表（文字、图表、Excel 表格）',
  who: 'staff',
  match: word('报表'),
  run(ctx, args) {
    const which = args.trim() || '本月'
    if (which !== '本月' && which !== '上月') {
      ctx.reply(R.usage)
      return
    }
    const month = which === '本月' ? monthOf(ctx.now) : previousMonth(ctx.now)
    const dest: Destination = ctx.msg.room ? { room: ctx.msg.room } : { to: ctx.actor.name }
    ctx.state.reportJobs.push({ month, dest, ranking: false })
    ctx.audit('报表', month)
  },
}

/** Reports: the huddle and weekly figures on the calendar's posts, the monthly report with chart and CSV, 报表. */
export const reports: Feature = {
  name: 'reports',
  commands: [report],
  // Report jobs draw a chart and write files: done after the quick work, then sent through the outbox.
  job: { run: runReportJobs, slow: true, nextWake: () => null },
}
