import type { Ticket } from '../types.js'
import type { Directory } from '../schema.js'
import { finalVerdict, isResolved, lastDone, monthPeriod, type Period } from './stats.js'

/**
 * Volunteer points (奉献积分). PURE.
 *
 * - A finished ticket (done or closed) earns `ticket` points, `urgentTicket` when urgent, for the person
 *   of its last 'done' history entry (`by`), at that entry's time. A ticket the reporter rejected — standing
 *   verdict 'dissatisfied', never satisfied later — earns nothing, nor does a reopened or cancelled one,
 *   nor one the volunteer reported or rated themselves.
 * - An attended calendar activity earns the points staff gave it, at the activity's time.
 * - Levels (一星 … 六星志愿者) follow lifetime points.
 */

export interface PointRules {
  ticket: number
  urgentTicket: number
}
export const DEFAULT_POINT_RULES: PointRules = { ticket: 10, urgentTicket: 20 }

/** One attended activity as staff marked it. `at` is an ISO string or a Date. */
export interface Attendance {
  name: string
  points: number
  at: string | Date
  activity?: string
}

export interface Level {
  level: number
  name: string
  min: number
}

/** The six levels and the lifetime points each starts at. */
export const LEVELS: readonly Level[] = [
  { level: 1, name: '一星志愿者', min: 0 },
  { level: 2, name: '二星志愿者', min: 100 },
  { level: 3, name: '三星志愿者', min: 300 },
  { level: 4, name: '四星志愿者', min: 600 },
  { level: 5, name: '五星志愿者', min: 1000 },
  { level: 6, name: '六星志愿者', min: 1500 },
]

/** The level for a number of points, and how many points are missing for the next one (null at the top). */
export function levelOf(points: number): Level & { next: Level | null; toNext: number | null } {
  let i = 0
  while (i + 1 < LEVELS.length && points >= LEVELS[i + 1].min) i++
  const next = LEVELS[i + 1] ?? null
  return { ...LEVELS[i], next, toNext: next ? next.min - points : null }
}

/** A point-earning event. */
export interface PointEvent {
  name: string
  points: number
  at: number
  kind: 'ticket' | 'activity'
  ticketId?: number
  urgent?: boolean
  activity?: string
}

const SYSTEM = '系统'

/** Whether the reporter rejected the ticket: standing verdict 'dissatisfied' (never satisfied later). */
export const rejected = (t: Ticket) => finalVerdict(t) === 'dissatisfied'

/** Every point-earning event, from finished tickets and attendance. */
export function pointEvents(tickets: Ticket[], attendance: Attendance[], rules: PointRules = DEFAULT_POINT_RULES): PointEvent[] {
  const out: PointEvent[] = []
  for (const t of tickets) {
    if (!isResolved(t) || rejected(t)) continue
    const d = lastDone(t)
    if (!d?.by || d.by === SYSTEM) continue
    // Nothing for a ticket one reported or rated oneself.
    if (t.reporters.includes(d.by) || t.history.some(h => h.by === d.by && (h.action === 'satisfied' || h.action === 'dissatisfied'))) continue
    out.push({ name: d.by, points: t.urgent ? rules.urgentTicket : rules.ticket, at: Date.parse(d.at), kind: 'ticket', ticketId: t.id, urgent: t.urgent })
  }
  for (const a of attendance) {
    const at = a.at instanceof Date ? a.at.getTime() : Date.parse(a.at)
    out.push({ name: a.name, points: a.points, at, kind: 'activity', ...(a.activity ? { activity: a.activity } : {}) })
  }
  return out
}

export interface PointsSummary {
  name: string
  team: string | null
  /** Points in the period asked for (lifetime when no period). */
  points: number
  ticketPoints: number
  activityPoints: number
  /** Finished tickets that earned points (of which urgent). */
  tickets: number
  urgent: number
  activities: number
  /** Lifetime points and the level they give. */
  lifetimePoints: number
  level: ReturnType<typeof levelOf>
}

export interface PointsOptions {
  period?: Period
  rules?: PointRules
}

const within = (at: number, p?: Period) => !p || (at >= p.from.getTime() && at < p.to.getTime())
const teamOf = (dir: Directory, name: string) => dir.people.find(p => p.name === name)?.team ?? null

function summarize(name: string, events: PointEvent[], dir: Directory, period?: Period): PointsSummary {
  const mine = events.filter(e => e.name === name)
  const inWindow = mine.filter(e => within(e.at, period))
  const sum = (es: PointEvent[]) => es.reduce((n, e) => n + e.points, 0)
  const lifetimePoints = sum(mine)
  const tickets = inWindow.filter(e => e.kind === 'ticket')
  const acts = inWindow.filter(e => e.kind === 'activity')
  return {
    name,
    team: teamOf(dir, name),
    points: sum(inWindow),
    ticketPoints: sum(tickets),
    activityPoints: sum(acts),
    tickets: tickets.length,
    urgent: tickets.filter(e => e.urgent).length,
    activities: acts.length,
    lifetimePoints,
    level: levelOf(lifetimePoints),
  }
}

/** One volunteer's points (`积分`): lifetime by default, or within `opts.period`; the level is always by lifetime points. */
export function pointsOf(name: string, tickets: Ticket[], attendance: Attendance[], dir: Directory, opts: PointsOptions = {}): PointsSummary {
  return summarize(name, pointEvents(tickets, attendance, opts.rules), dir, opts.period)
}

export interface RankEntry extends PointsSummary {
  rank: number
}

/**
 * The month's ranking (`积分榜`): everyone who earned points in the month ('YYYY-MM' Shanghai, or any period),
 * most points first (ties: more tickets, then name); equal points and tickets share a rank (1, 1, 3).
 */
export function ranking(month: string | Period, tickets: Ticket[], attendance: Attendance[], dir: Directory, opts: { rules?: PointRules } = {}): RankEntry[] {
  const period = typeof month === 'string' ? monthPeriod(month) : month
  const events = pointEvents(tickets, attendance, opts.rules)
  const names = [...new Set(events.filter(e => within(e.at, period)).map(e => e.name))]
  const rows = names.map(n => summarize(n, events, dir, period)).filter(r => r.points > 0)
  rows.sort((a, b) => b.points - a.points || b.tickets - a.tickets || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  const out: RankEntry[] = []
  rows.forEach((r, i) => {
    const prev = out[i - 1]
    const rank = prev && prev.points === r.points && prev.tickets === r.tickets ? prev.rank : i + 1
    out.push({ ...r, rank })
  })
  return out
}
