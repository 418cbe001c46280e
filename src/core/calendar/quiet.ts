import { atShanghai, minutesOf, shanghaiDay, shanghaiMinutes, addDays } from './days.js'

/** Quiet hours, Shanghai wall clock, [start, end) possibly wrapping midnight. */
export interface QuietHours {
  start: string
  end: string
}
export const DEFAULT_QUIET: QuietHours = { start: '21:00', end: '07:30' }

export function inQuiet(at: Date, q: QuietHours): boolean {
  const m = shanghaiMinutes(at),
    a = minutesOf(q.start),
    b = minutesOf(q.end)
  if (a === b) return false
  return a < b ? m >= a && m < b : m >= a || m < b
}

/** `at` itself, or the end of the quiet hours it falls in (a 22:00 fire → 07:30 the next morning). */
export function afterQuiet(at: Date, q: QuietHours): Date {
  if (!inQuiet(at, q)) return at
  const day = shanghaiDay(at)
  const end = atShanghai(day, q.end)
  return end.getTime() > at.getTime() ? end : atShanghai(addDays(day, 1), q.end)
}

/** The next start of quiet hours at or after `at` (which is outside them). */
function nextQuietStart(at: Date, q: QuietHours): Date {
  const day = shanghaiDay(at)
  const start = atShanghai(day, q.start)
  return start.getTime() > at.getTime() ? start : atShanghai(addDays(day, 1), q.start)
}

/**
 * `from` plus `ms` of service time: the quiet hours do not count, so a two-hour deadline for a leak
 * reported at 01:12 ends at 09:30, not at 03:12, and nothing is overdue at 07:30 because of the night.
 */
export function addServiceTime(from: Date, ms: number, q: QuietHours): Date {
  if (minutesOf(q.start) === minutesOf(q.end)) return new Date(from.getTime() + ms)
  let t = afterQuiet(from, q)
  let left = ms
  for (let i = 0; i < 10_000; i++) {
    const stop = nextQuietStart(t, q)
    if (t.getTime() + left <= stop.getTime()) return new Date(t.getTime() + left)
    left -= stop.getTime() - t.getTime()
    t = afterQuiet(stop, q)
  }
  return new Date(t.getTime() + left)
}

/** Service time between two moments (ms): the quiet hours in between do not count. */
export function serviceTimeBetween(from: Date, to: Date, q: QuietHours): number {
  if (to.getTime() <= from.getTime()) return 0
  if (minutesOf(q.start) === minutesOf(q.end)) return to.getTime() - from.getTime()
  let t = afterQuiet(from, q)
  let total = 0
  for (let i = 0; i < 10_000 && t.getTime() < to.getTime(); i++) {
    const stop = nextQuietStart(t, q)
    total += Math.min(stop.getTime(), to.getTime()) - t.getTime()
    t = afterQuiet(stop, q)
  }
  return total
}
