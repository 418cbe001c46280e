import type { Calendar } from './schema.js'
import { firesBetween, type Fire } from './fires.js'
import { WorkdayCheck } from './workdays.js'
import { shanghaiDay } from './days.js'
import { afterQuiet, DEFAULT_QUIET, inQuiet, type QuietHours } from './quiet.js'

const DAY_MS = 86_400_000

export interface PlanOptions {
  quiet?: QuietHours
}

export interface Plan {
  /** Send these now, in order. `sendAt` (<= now) is when each became due. */
  send: Array<Fire & { sendAt: Date }>
  /** Missed and too late to send (their day has passed, or it is already quiet hours): log them. */
  dropped: Fire[]
  warnings: string[]
}

/**
 * What to send now. A fire becomes due at its time, or, when that lies in quiet hours
 * (21:00–07:30 by default), at the end of those quiet hours: a 07:00 fire is due at 07:30, a 22:00 one
 * at 07:30 the next morning. Calendar entries are never urgent, so this holds for every audience.
 *
 * Considered: fires whose due time lies in (lastCheck, now] and whose key is not in `fired`.
 * Each is sent if it became due on now's Shanghai day and now is outside quiet hours (late
 * the same day is fine: a missed 08:00 greeting goes out at 11:00); otherwise it is dropped.
 * Callers persist the keys they send (and may persist dropped ones); restarting with an old
 * `lastCheck` and the same `fired` set never yields a key twice.
 */
export function planDue(cal: Calendar, lastCheck: Date, now: Date, fired: ReadonlySet<string>, opts: PlanOptions = {}): Plan {
  const quiet = opts.quiet ?? DEFAULT_QUIET
  const wd = new WorkdayCheck()
  const send: Plan['send'] = []
  const dropped: Fire[] = []
  // A fire may be due up to a day after its time (quiet hours), so look back one day further.
  for (const f of firesBetween(cal, new Date(lastCheck.getTime() - DAY_MS), now, wd)) {
    const due = afterQuiet(f.at, quiet)
    if (due.getTime() <= lastCheck.getTime() || due.getTime() > now.getTime() || fired.has(f.key)) continue
    if (shanghaiDay(due) === shanghaiDay(now) && !inQuiet(now, quiet)) send.push({ ...f, sendAt: due })
    else dropped.push(f)
  }
  send.sort((a, b) => a.sendAt.getTime() - b.sendAt.getTime())
  return { send, dropped, warnings: wd.warnings() }
}

/** All fires with from < at <= to, sorted by time. */
export function occurrencesBetween(cal: Calendar, from: Date, to: Date): Fire[] {
  return firesBetween(cal, from, to, new WorkdayCheck())
}

/**
 * The next moment after `after` at which planDue would have something to send (a fire's due time,
 * i.e. after quiet hours), searching about 400 days ahead; null when nothing is scheduled.
 */
export function nextFireAfter(cal: Calendar, after: Date, opts: PlanOptions = {}): Date | null {
  const quiet = opts.quiet ?? DEFAULT_QUIET
  const wd = new WorkdayCheck()
  const step = 31 * DAY_MS
  for (let from = after.getTime() - DAY_MS; from < after.getTime() + 400 * DAY_MS; from += step) {
    let best: number | null = null
    for (const f of firesBetween(cal, new Date(from), new Date(from + step), wd)) {
      const due = afterQuiet(f.at, quiet).getTime()
      if (due > after.getTime() && (best === null || due < best)) best = due
    }
    if (best !== null) return new Date(best)
  }
  return null
}
