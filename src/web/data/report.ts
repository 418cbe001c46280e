import type { Db } from '../../core/schema.js'
import type { Ticket } from '../../core/types.js'
import type { Archive } from '../../ports.js'
import { STATUS_TEXT, handlerLabel, isSensitive } from '../../core/tickets.js'
import { finalVerdict, monthlyStats, monthOf, monthPeriod, timeliness, type MonthlyStats } from '../../core/report/index.js'
import { statsOptions } from '../../core/deadlines.js'
import { human } from '../../core/time.js'

/** The months a report can be had for: from the first ticket's (live or archived) to this one, newest first. */
export function reportMonths(db: Db, now: Date): string[] {
  const first = [...db.state.archive.map(a => a.month), ...db.state.tickets.map(t => t.createdAt.slice(0, 7))].sort()[0] ?? monthOf(now)
  const out: string[] = []
  for (let m = monthOf(now); m >= first && out.length < 120;) {
    out.push(m)
    const [y, mo] = m.split('-').map(Number)
    m = mo === 1 ? `${y - 1}-12` : `${y}-${String(mo - 1).padStart(2, '0')}`
  }
  return out
}

/** A month's tickets: the live ones and that month's archive file. */
export async function monthTickets(db: Db, archive: Archive, month: string): Promise<Ticket[]> {
  const live = db.state.tickets
  const ids = new Set(live.map(t => t.id))
  const archived = db.state.archive.some(a => a.month === month) ? await archive.load(month) : []
  return [...live, ...archived.filter(t => !ids.has(t.id))]
}

export function monthReport(db: Db, tickets: Ticket[], month: string, now: Date): MonthlyStats {
  const period = monthPeriod(month)
  return monthlyStats(tickets, db, period, { ...statsOptions(db.settings), asOf: now < period.to ? now : period.to })
}

const VERDICT = { satisfied: '满意', dissatisfied: '不满意', none: '未评价' }
const TIMELY = { onTime: '按时', late: '超时', pending: '未到期' }

/**
 * One row per ticket created in the month: what, where (grid and building only), who handled it, when,
 * and how it ended. No door numbers, names of residents or their words (a sensitive matter not even its
 * building): the file is for reports.
 */
export function ticketRows(db: Db, tickets: Ticket[], s: MonthlyStats): (string | number | null)[][] {
  const inMonth = tickets.filter(t => { const v = Date.parse(t.createdAt); return v >= s.period.from.getTime() && v < s.period.to.getTime() }).sort((a, b) => a.id - b.id)
  const opts = statsOptions(db.settings)
  return [
    ['单号', '报告时间', '类别', '紧急', '承办', '网格', '楼号', '状态', '接单时间', '完成时间', '办结时间', '评价', '时限'],
    ...inMonth.map(t => [
      t.id, human(new Date(t.createdAt)), t.category, t.urgent ? '是' : '', handlerLabel(t), t.grid, isSensitive(t) ? null : t.building,
      t.history.some(e => e.action === 'notRequest') ? '不是报修' : STATUS_TEXT[t.status],
      t.acceptedAt && human(new Date(t.acceptedAt)), t.doneAt && human(new Date(t.doneAt)), t.closedAt && human(new Date(t.closedAt)),
      t.status === 'closed' || t.status === 'done' ? VERDICT[finalVerdict(t)] : '', t.status === 'cancelled' ? '' : TIMELY[timeliness(t, s.asOf, opts)],
    ]),
  ]
}
