import type { Db } from '../../core/schema.js'
import type { Ticket } from '../../core/types.js'
import { huddle, type OverdueItem } from '../../core/report/index.js'
import { statsOptions } from '../../core/deadlines.js'
import { addDays, atShanghai, shanghaiDay, weekdayOf } from '../../core/calendar/days.js'
import { GRID_LEADER } from '../../core/directory.js'

/** The Today page's figures, pure over the db and the time. */
export interface Today {
  open: Ticket[]
  overdue: OverdueItem[]
  /** Urgent and not yet accepted by anyone. */
  urgentUnacked: Ticket[]
  /** Created since Monday 00:00 (cancelled excluded). */
  newThisWeek: Ticket[]
  byGrid: Row[]
  byTeam: Row[]
}
export interface Row {
  label: string
  key: string
  open: number
  overdue: number
  newThisWeek: number
}

/** Monday 00:00 (Asia/Shanghai) of the week `now` falls in. */
export function weekStart(now: Date): Date {
  const day = shanghaiDay(now)
  return atShanghai(addDays(day, 1 - weekdayOf(day)), '00:00')
}

export function todayFigures(db: Db, now: Date): Today {
  const since = weekStart(now)
  const hd = huddle(db.state.tickets, now, { ...statsOptions(db.settings), since })
  const overdueIds = new Set(hd.overdue.map(o => o.ticket.id))
  const row = (label: string, key: string, pick: (t: Ticket) => boolean): Row => ({
    label,
    key,
    open: hd.open.filter(pick).length,
    overdue: hd.open.filter(t => pick(t) && overdueIds.has(t.id)).length,
    newThisWeek: hd.created.filter(pick).length,
  })
  const teams = [...db.teams.map(t => t.name), GRID_LEADER]
  return {
    open: hd.open,
    overdue: hd.overdue,
    urgentUnacked: hd.open.filter(t => t.urgent && !t.ack && t.status === 'open'),
    newThisWeek: hd.created,
    byGrid: db.grids.map(g => row(`${g.id}网格`, String(g.id), t => t.grid === g.id)),
    byTeam: teams.map(name => row(name === GRID_LEADER ? '网格长' : name, name, t => t.target === name)),
  }
}
