import type { Db } from '../../core/schema.js'
import type { Ticket, TicketStatus } from '../../core/types.js'
import { huddle, monthOf, monthPeriod, previousMonth, type Period } from '../../core/report/index.js'
import { statsOptions } from '../../core/deadlines.js'
import { weekStart } from './today.js'

/** The tickets list's filters, as the query string gives them. */
export interface TicketQuery {
  status?: string // active (default) | open | accepted | done | closed | cancelled | all
  grid?: string
  team?: string
  category?: string
  period?: string // week | 7d | 30d | month | lastMonth | '' (all)
  overdue?: string // '1'
  urgent?: string // '1'
  q?: string
  page?: string
}

export const STATUS_FILTERS: [string, string][] = [
  ['active', '在办（待接单＋处理中）'],
  ['open', '待接单'],
  ['accepted', '处理中'],
  ['done', '已完成待评价'],
  ['closed', '已办结'],
  ['cancelled', '已撤销'],
  ['all', '全部状态'],
]
export const PERIODS: [string, string][] = [
  ['', '全部时间'],
  ['week', '本周'],
  ['7d', '近7天'],
  ['30d', '近30天'],
  ['month', '本月'],
  ['lastMonth', '上月'],
]
export const PAGE_SIZE = 30

function periodOf(p: string | undefined, now: Date): Period | null {
  const DAY = 86_400_000
  switch (p) {
    case 'week':
      return { from: weekStart(now), to: new Date(now.getTime() + 1) }
    case '7d':
      return { from: new Date(now.getTime() - 7 * DAY), to: new Date(now.getTime() + 1) }
    case '30d':
      return { from: new Date(now.getTime() - 30 * DAY), to: new Date(now.getTime() + 1) }
    case 'month':
      return monthPeriod(monthOf(now))
    case 'lastMonth':
      return monthPeriod(previousMonth(now))
    default:
      return null
  }
}

const statusOk = (s: TicketStatus, want: string | undefined) =>
  !want || want === 'active' ? s === 'open' || s === 'accepted' : want === 'all' ? true : s === want

/** Searches the ticket's number, text, category, handler, reporter and building. */
function matches(t: Ticket, q: string): boolean {
  const id = /^#?(\d+)$/.exec(q)
  if (id && t.id === Number(id[1])) return true
  const b = /^(\d+)号楼$/.exec(q)
  if (b) return t.building === Number(b[1])
  const hay = [t.text, t.category, t.target, t.assignee, ...t.reporters].join(' ')
  return q.split(/\s+/).every(w => hay.includes(w))
}

/** The filtered tickets, newest first, a page of them, and which of them are overdue now. */
export function filterTickets(db: Db, now: Date, q: TicketQuery) {
  const overdueIds = new Set(huddle(db.state.tickets, now, statsOptions(db.settings)).overdue.map(o => o.ticket.id))
  const period = periodOf(q.period, now)
  const text = (q.q ?? '').trim()
  const all = db.state.tickets
    .filter(
      t =>
        statusOk(t.status, q.status) &&
        (!q.grid || t.grid === Number(q.grid)) &&
        (!q.team || t.target === q.team) &&
        (!q.category || t.category === q.category) &&
        (!period || (Date.parse(t.createdAt) >= period.from.getTime() && Date.parse(t.createdAt) < period.to.getTime())) &&
        (q.overdue !== '1' || overdueIds.has(t.id)) &&
        (q.urgent !== '1' || t.urgent) &&
        (!text || matches(t, text)),
    )
    .sort((a, b) => b.id - a.id)
  const pages = Math.max(1, Math.ceil(all.length / PAGE_SIZE))
  const page = Math.min(pages, Math.max(1, Number(q.page) || 1))
  return { total: all.length, page, pages, list: all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE), overdueIds }
}
