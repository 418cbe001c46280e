import type { Settings } from './settings.js'
import type { Ticket } from './types.js'
import { afterQuietHours } from './time.js'

/**
 * Deadlines by priority and the escalation ladder, pure. Each step has a stable key recorded in the
 * ticket's history when taken, so a restart neither loses nor repeats one.
 *   warn  → the assignee, before the deadline
 *   L1    → the grid leader, at the deadline (urgent: grid leader and staff group at once)
 *   L2    → 花园社区工作群, later
 * Normal steps wait out quiet hours; urgent ones do not.
 */
export interface Step { key: string; at: number; level: 'warn' | 'L1' | 'L2'; phase: 'accept' | 'done'; deadline: number }

const MIN = 60_000, HOUR = 60 * MIN, DAY = 24 * HOUR

export function isConsult(t: Ticket, s: Settings): boolean { return s.deadlines.consultTeams.includes(t.target) }
export function isUtility(t: Ticket, s: Settings): boolean {
  return t.target === '海军帮忙队' && s.deadlines.utilityCategories.some(c => t.category.includes(c))
}

/** When the current clock for a phase started: creation, or the latest reopening/transfer. */
function phaseStart(t: Ticket): number {
  const restart = [...t.history].reverse().find(h => h.action === 'reopened' || h.action === 'transferred')
  return Date.parse(restart?.at ?? t.createdAt)
}

export function acceptDeadline(t: Ticket, s: Settings): number {
  const d = s.deadlines
  const span = t.urgent ? d.urgentAcceptMinutes * MIN : isConsult(t, s) ? d.consultAnswerDays * DAY : d.acceptMinutes * MIN
  return Date.parse(t.createdAt) + span
}

export function doneDeadline(t: Ticket, s: Settings): number | null {
  if (isConsult(t, s)) return null
  const d = s.deadlines
  return phaseStart(t) + (isUtility(t, s) || t.urgent ? d.utilityDoneHours : d.otherDoneHours) * HOUR
}

/** Every escalation step for the ticket's current phase (none once done, closed or cancelled). */
export function stepsFor(t: Ticket, s: Settings): Step[] {
  const d = s.deadlines
  let phase: 'accept' | 'done'
  let deadline: number | null
  if (t.status === 'open') { phase = 'accept'; deadline = acceptDeadline(t, s) }
  else if (t.status === 'accepted') { phase = 'done'; deadline = doneDeadline(t, s) }
  else return []
  if (deadline === null) return []
  const start = phase === 'accept' ? Date.parse(t.createdAt) : phaseStart(t)
  const span = deadline - start
  const warnBefore = t.urgent ? span / 3 : Math.min(d.warnBeforeMinutes * MIN, span / 2)
  const tag = `${phase}@${start}`
  const quiet = (ms: number) => (t.urgent ? ms : afterQuietHours(new Date(ms), s.quietHours).getTime())
  return [
    { key: `${tag}:warn`, at: quiet(deadline - warnBefore), level: 'warn', phase, deadline },
    { key: `${tag}:L1`, at: quiet(deadline), level: 'L1', phase, deadline },
    { key: `${tag}:L2`, at: quiet(deadline + (t.urgent ? 0 : d.staffAfterMinutes * MIN)), level: 'L2', phase, deadline },
  ]
}

const taken = (t: Ticket) => new Set(t.history.filter(h => h.action === 'escalated' || h.action === 'warned').map(h => h.note ?? ''))

/** Steps due now and not yet taken. */
export function dueSteps(t: Ticket, s: Settings, now: number): Step[] {
  const done = taken(t)
  return stepsFor(t, s).filter(x => x.at <= now && !done.has(x.key))
}

/** The next step time still to come for this ticket, or null. */
export function nextStepAt(t: Ticket, s: Settings): number | null {
  const done = taken(t)
  const rest = stepsFor(t, s).filter(x => !done.has(x.key)).map(x => x.at)
  return rest.length ? Math.min(...rest) : null
}
