import type { State } from './state.js'
import type { Ticket } from './types.js'
import { isOpen } from './tickets.js'

/** Pure archive planning: closed tickets older than the retention move to monthly files by creation month. */

export const ARCHIVE_AFTER_DAYS = 90

export const monthOf = (t: Ticket) => t.createdAt.slice(0, 7)

/** Tickets to archive now, grouped by creation month. */
export function archivable(state: State, now: number, days = ARCHIVE_AFTER_DAYS): Map<string, Ticket[]> {
  const cutoff = now - days * 86_400_000
  const out = new Map<string, Ticket[]>()
  for (const t of state.tickets) {
    if (isOpen(t) || t.status === 'done' || !t.closedAt || Date.parse(t.closedAt) > cutoff) continue
    const m = monthOf(t)
    out.set(m, [...(out.get(m) ?? []), t])
  }
  return out
}

/** Records that these tickets now live in the month's archive file, and drops them from the live state. */
export function markArchived(state: State, month: string, moved: Ticket[], totalInFile: number): void {
  const ids = new Set(moved.map(t => t.id))
  state.tickets = state.tickets.filter(t => !ids.has(t.id))
  const entry = state.archive.find(a => a.month === month)
  const min = Math.min(...moved.map(t => t.id)),
    max = Math.max(...moved.map(t => t.id))
  if (entry) {
    entry.minId = Math.min(entry.minId, min)
    entry.maxId = Math.max(entry.maxId, max)
    entry.count = totalInFile
  } else state.archive.push({ month, minId: min, maxId: max, count: totalInFile })
  state.archive.sort((a, b) => a.month.localeCompare(b.month))
}

/** Which archive months may hold ticket `id`. */
export const monthsFor = (state: State, id: number) => state.archive.filter(a => id >= a.minId && id <= a.maxId).map(a => a.month)
