import { atShanghai, minutesOf, shanghaiDay, shanghaiMinutes, addDays } from './days.js'

/** Quiet hours, Shanghai wall clock, [start, end) possibly wrapping midnight. */
export interface QuietHours { start: string; end: string }
export const DEFAULT_QUIET: QuietHours = { start: '21:00', end: '07:30' }

export function inQuiet(at: Date, q: QuietHours): boolean {
  const m = shanghaiMinutes(at), a = minutesOf(q.start), b = minutesOf(q.end)
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
