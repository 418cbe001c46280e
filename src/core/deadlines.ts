import type { Settings } from './settings.js'
import type { Ticket } from './types.js'
import { afterQuietHours } from './time.js'
import { addServiceTime } from './calendar/quiet.js'
import { deadlinesOf, type StatsOptions } from './report/stats.js'

/**
 * The escalation ladder, pure. Deadlines come from the one definition the reports use (deadlinesOf),
 * fed by db.json's settings; after a reopening or transfer the clock for the current phase restarts.
 * Each step has a stable key recorded in the ticket's history when taken, so a restart neither loses
 * nor repeats one.
 *   warn → the assignee, before the deadline
 *   L1   → the grid leader, at the deadline (urgent: grid leader and staff group at once)
 *   L2   → 花园社区工作群, later (normal tickets)
 * Normal steps wait out quiet hours; urgent ones do not.
 */
export interface Step {
  key: string
  at: number
  level: 'warn' | 'L1' | 'L2'
  phase: 'accept' | 'done'
  deadline: number
}

const MIN = 60_000

/** Report and escalation options from db.json's settings. */
export const statsOptions = (s: Settings): StatsOptions => ({ deadlines: s.deadlines, quiet: s.quietHours })

/** When the clock for the current phase started: creation, or the latest reopening/transfer. */
function phaseStart(t: Ticket): number {
  const restart = [...t.history].reverse().find(h => h.action === 'reopened' || h.action === 'transferred')
  return Date.parse(restart?.at ?? t.createdAt)
}

/** Every escalation step for the ticket's current phase (none once done, closed or cancelled). */
export function stepsFor(t: Ticket, s: Settings): Step[] {
  if (t.status !== 'open' && t.status !== 'accepted') return []
  const phase = t.status === 'open' ? 'accept' : 'done'
  // An urgent matter is chased by its own ladder until a person acknowledges it (core/urgent.ts).
  if (t.urgent && phase === 'accept') return []
  const start = phaseStart(t)
  // The phase's deadline as if the ticket had been created when the phase began (a reopening or a
  // transfer restarts the clock), counted in service hours for all but urgent matters.
  const d = deadlinesOf({ ...t, createdAt: new Date(start).toISOString() }, statsOptions(s))
  const deadline = (phase === 'accept' ? d.acceptBy : d.doneBy).getTime()
  const later = (from: number, ms: number) => (t.urgent ? from + ms : addServiceTime(new Date(from), ms, s.quietHours).getTime())
  const span = deadline - start
  const warnBefore = t.urgent ? span / 3 : Math.min(s.deadlines.warnBeforeMinutes * MIN, span / 2)
  const tag = `${phase}@${start}`
  const quiet = (ms: number) => (t.urgent ? ms : afterQuietHours(new Date(ms), s.quietHours).getTime())
  return [
    { key: `${tag}:warn`, at: quiet(Math.max(start, deadline - warnBefore)), level: 'warn', phase, deadline },
    { key: `${tag}:L1`, at: quiet(deadline), level: 'L1', phase, deadline },
    { key: `${tag}:L2`, at: later(deadline, t.urgent ? 0 : s.deadlines.staffAfterMinutes * MIN), level: 'L2', phase, deadline },
  ]
}

const TAKEN = new Set(['escalated', 'warned', 'warnSkipped'])
const taken = (t: Ticket) => new Set(t.history.filter(h => TAKEN.has(h.action)).map(h => h.note ?? ''))

/** Steps due now and not yet taken. */
export function dueSteps(t: Ticket, s: Settings, now: number): Step[] {
  const done = taken(t)
  return stepsFor(t, s).filter(x => x.at <= now && !done.has(x.key))
}

/** The next step time still to come for this ticket, or null. */
export function nextStepAt(t: Ticket, s: Settings): number | null {
  const done = taken(t)
  const rest = stepsFor(t, s)
    .filter(x => !done.has(x.key))
    .map(x => x.at)
  return rest.length ? Math.min(...rest) : null
}
