import type { Db } from '../../core/schema.js'
import type { Ticket } from '../../core/types.js'
import type { Archive } from '../../ports.js'
import { monthlyStats, monthOf, monthPeriod, ticketLedger, type MonthlyStats } from '../../core/report/index.js'
import { statsOptions } from '../../core/deadlines.js'

/** The months a report can be had for: from the first ticket's (live or archived) to this one, newest first. */
export function reportMonths(db: Db, now: Date): string[] {
  const first = [...db.state.archive.map(a => a.month), ...db.state.tickets.map(t => t.createdAt.slice(0, 7))].sort()[0] ?? monthOf(now)
  const out: string[] = []
  for (let m = monthOf(now); m >= first && out.length < 120; ) {
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

/** One row per ticket created in the month (the 民情台账): see core/report/csv.ts ticketLedger. */
export const ticketRows = (db: Db, tickets: Ticket[], s: MonthlyStats) => ticketLedger(tickets, s, statsOptions(db.settings))
