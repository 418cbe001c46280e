import type { Ticket } from '../types.js'
import type { Directory } from '../schema.js'
import { GRID_LEADER } from '../directory.js'
import { DEFAULT_DEADLINES, type Deadlines } from '../settings.js'
import { addServiceTime, serviceTimeBetween, type QuietHours } from '../calendar/quiet.js'
import { atShanghai, shanghaiDate } from '../time.js'

/**
 * Report figures over tickets. PURE: no clock, no fs, no env — periods and `asOf` are arguments.
 *
 * A period is half-open: a ticket belongs to it when `from <= createdAt < to`. Cancelled tickets are never
 * counted in any figure; they are listed separately by number.
 */

export interface Period {
  from: Date
  to: Date
}

// Service deadlines are defined with the settings that tune them (core/settings.ts).
export { DEFAULT_DEADLINES, type Deadlines } from '../settings.js'

/** The team that repairs inside residents' homes: only its water/power/heating tickets get the short deadline. */
export const HOME_REPAIR_TEAM = '海军帮忙队'
/** Teams whose tickets are consultations, answered within two days. */
export const CONSULTATION_TEAMS: readonly string[] = ['律师会客厅', '阳光大姐心理咨询']

const UTILITY_RE = /水|漏|渗|堵|排污|马桶|卫浴|洁具|龙头|管道|暖气|供暖|供热|取暖|散热|地暖|停电|断电|跳闸|电路|电线|插座|漏电|电表|没电|电源/
const APPLIANCE_RE = /电器|家电/

/**
 * Default test for "water, power or heating" categories (water, leaks, drains, toilets and taps, pipes,
 * heating, electricity, sockets): matches Chinese category words; appliances (电器/家电) are not utilities.
 * Of the intake's categories this picks 下水堵塞, 漏水, 给水, 暖气, 电路 and 卫浴洁具, not 家电, 门窗门锁, 家具 or 维修.
 * Pass your own predicate in `StatsOptions.isUtility` when the intake uses other category names.
 */
export function isUtilityCategory(category: string): boolean {
  return UTILITY_RE.test(category) && !APPLIANCE_RE.test(category)
}

export interface StatsOptions {
  /** Quiet hours: non-urgent deadlines count only service time outside them (db.json settings). */
  quiet?: QuietHours
  /** Deadline overrides (e.g. from db.json settings); missing fields take DEFAULT_DEADLINES. */
  deadlines?: Partial<Deadlines>
  /** Whether a 海军帮忙队 ticket's category is water/power/heating; default isUtilityCategory. */
  isUtility?: (category: string) => boolean
  /** The instant at which "not yet done" is judged (a deadline still in the future is pending). Default: period.to. */
  asOf?: Date
}

export type TicketKind = 'urgent' | 'consultation' | 'utility' | 'other'

/** Which deadline class a ticket falls in. Urgent wins over everything else. */
export function kindOf(t: Ticket, isUtility: (category: string) => boolean = isUtilityCategory): TicketKind {
  if (t.urgent) return 'urgent'
  if (CONSULTATION_TEAMS.includes(t.target)) return 'consultation'
  if (t.target === HOME_REPAIR_TEAM && isUtility(t.category)) return 'utility'
  return 'other'
}

const MIN = 60_000
const HOUR = 60 * MIN
const ms = (s: string | null | undefined) => (s ? Date.parse(s) : NaN)

/**
 * The instants by which a ticket must be accepted and done:
 * - urgent: accepted within `urgentAcceptMinutes`; done by the deadline its non-urgent kind would have
 *   (utility 24 h, consultation 48 h, otherwise 72 h) — urgency never loosens a deadline;
 * - consultation: accepted and answered (done) within `consultationHours`;
 * - utility (海军帮忙队, water/power/heating): accepted within `acceptMinutes`, done within `utilityDoneHours`;
 * - other: accepted within `acceptMinutes`, done within `otherDoneHours`.
 */
export function deadlinesOf(t: Ticket, opts: StatsOptions = {}): { kind: TicketKind; acceptBy: Date; doneBy: Date } {
  const d = { ...DEFAULT_DEADLINES, ...opts.deadlines }
  const isUtility = opts.isUtility ?? isUtilityCategory
  const created = ms(t.createdAt)
  const kind = kindOf(t, isUtility)
  const base = kindOf({ ...t, urgent: false }, isUtility)
  const doneHours = base === 'consultation' ? d.consultationHours : base === 'utility' ? d.utilityDoneHours : d.otherDoneHours
  const acceptMin = kind === 'urgent' ? d.urgentAcceptMinutes : kind === 'consultation' ? d.consultationHours * 60 : d.acceptMinutes
  // Urgent matters count every minute; everything else only service hours (the night does not count).
  const at = (span: number) => (kind === 'urgent' || !opts.quiet ? new Date(created + span) : addServiceTime(new Date(created), span, opts.quiet))
  return { kind, acceptBy: at(acceptMin * MIN), doneBy: at(doneHours * HOUR) }
}

const VERDICT_ACTIONS = new Set(['satisfied', 'dissatisfied'])

/**
 * The ticket's standing verdict: 'satisfied' or 'dissatisfied' as the reporter last said, else 'none'
 * (never asked, not answered within 3 days, or still waiting). A dissatisfied ticket that was redone but
 * not rated again stays 'dissatisfied' (the reporter never said satisfied later).
 */
export function finalVerdict(t: Ticket): 'satisfied' | 'dissatisfied' | 'none' {
  if (t.verdict === 'satisfied' || t.verdict === 'dissatisfied') return t.verdict
  const last = [...t.history].reverse().find(e => VERDICT_ACTIONS.has(e.action))
  return last ? (last.action as 'satisfied' | 'dissatisfied') : 'none'
}

/** Whether the reporter was ever dissatisfied with this ticket (which counts it as not on time). */
export const everDissatisfied = (t: Ticket) => t.verdict === 'dissatisfied' || t.history.some(e => e.action === 'dissatisfied')

/** Done or closed (办结). A reopened ticket is back to 'accepted' and is not resolved. */
export const isResolved = (t: Ticket) => t.status === 'done' || t.status === 'closed'
export const isOpenTicket = (t: Ticket) => t.status === 'open' || t.status === 'accepted'

/** When the work was finished: doneAt, else the last 'done' event, else closedAt (closed without a done step). */
export function doneTime(t: Ticket): number {
  if (!isResolved(t)) return NaN
  const last = [...t.history].reverse().find(e => e.action === 'done')
  const v = ms(t.doneAt) || ms(last?.at) || ms(t.closedAt)
  return Number.isFinite(v) ? v : NaN
}

/** The last 'done' event (who finished the ticket and when), if any. */
export const lastDone = (t: Ticket) => [...t.history].reverse().find(e => e.action === 'done')

export type Timeliness = 'onTime' | 'late' | 'pending'

/**
 * On time (按时办结) means: accepted by `acceptBy`, finished by `doneBy`, and never rejected by the reporter.
 * - 'late': a deadline was missed (already, as of `asOf`), or the reporter was ever dissatisfied;
 * - 'pending': still open and no deadline has passed at `asOf` — left out of the on-time rate;
 * - 'onTime': finished within both deadlines and never rejected.
 */
/**
 * When someone responded: accepting it, or, for an urgent matter, acknowledging it (收到 N): a person
 * is on it, which is what the 15-minute promise is about.
 */
export function respondedAt(t: Ticket): number {
  const accepted = ms(t.acceptedAt)
  const acked = t.urgent && t.ack ? ms(t.ack.at) : NaN
  return Number.isFinite(accepted) && Number.isFinite(acked) ? Math.min(accepted, acked) : Number.isFinite(accepted) ? accepted : acked
}

export function timeliness(t: Ticket, asOf: Date, opts: StatsOptions = {}): Timeliness {
  if (everDissatisfied(t)) return 'late'
  const { acceptBy, doneBy } = deadlinesOf(t, opts)
  const now = asOf.getTime()
  const accepted = respondedAt(t)
  if (Number.isFinite(accepted) ? accepted > acceptBy.getTime() : now > acceptBy.getTime()) return 'late'
  const done = doneTime(t)
  if (Number.isFinite(done)) return done <= doneBy.getTime() ? 'onTime' : 'late'
  return now > doneBy.getTime() ? 'late' : 'pending'
}

/** Accepted within the acceptance deadline (the hotline's 响应). A ticket accepted late or never is not. */
export function respondedInTime(t: Ticket, opts: StatsOptions = {}): boolean {
  const accepted = respondedAt(t)
  return Number.isFinite(accepted) && accepted <= deadlinesOf(t, opts).acceptBy.getTime()
}

/** A ratio with its parts; `rate` is num/den in [0, 1], or null when den is 0. */
export interface Ratio {
  num: number
  den: number
  rate: number | null
}
export const ratio = (num: number, den: number): Ratio => ({ num, den, rate: den > 0 ? num / den : null })

/** One line of a breakdown (a grid, a team or a category). */
export interface GroupRow {
  key: string // grid id ('none' = no grid), team/target name, or category
  label: string // shown to people: '3网格', '未定位', '海军帮忙队', '网格长', '水管漏水'
  total: number // tickets created in the period, cancelled excluded
  resolved: number // done or closed
  open: number // open or accepted (including reopened)
  onTime: number
  late: number
  pending: number // neither on time nor late yet
  satisfied: number
  dissatisfied: number
  noVerdict: number // resolved tickets with no verdict ('none' or not yet given)
}

export interface MonthlyStats {
  period: Period
  asOf: Date
  /** The deadlines the figures were judged by. */
  deadlines: Deadlines
  /** Non-cancelled tickets created in the period. */
  total: number
  /** Numbers of the tickets created in the period and cancelled; counted nowhere else. */
  cancelled: number[]
  byGrid: GroupRow[]
  byTarget: GroupRow[]
  byCategory: GroupRow[]
  totals: GroupRow
  /** Median minutes from creation to acceptance, over accepted tickets; null if none. */
  medianAcceptMinutes: number | null
  /** Median minutes from creation to done, over resolved tickets; null if none. */
  medianDoneMinutes: number | null
  /** 按时办结率 = onTime / (onTime + late); pending tickets (no deadline passed yet) are left out. */
  onTime: Ratio & { pending: number }
  /** 满意率 = satisfied / (satisfied + dissatisfied); `noVerdict` resolved tickets are reported apart, never as satisfied. */
  satisfaction: Ratio & { noVerdict: number }
  /**
   * The three rates as government hotlines (12345, 接诉即办) count them, over non-cancelled tickets created in the period:
   * - 响应率 response = tickets accepted within their acceptance deadline / all tickets;
   * - 解决率 resolution = tickets done or closed / all tickets;
   * - 满意率 satisfaction = satisfied / (satisfied + dissatisfied) (same as `satisfaction`).
   */
  hotline: { response: Ratio; resolution: Ratio; satisfaction: Ratio }
}

/** The median of a list of numbers (mean of the two middle values for an even count); null if empty. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null
  const s = [...values].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

const emptyRow = (key: string, label: string): GroupRow => ({
  key,
  label,
  total: 0,
  resolved: 0,
  open: 0,
  onTime: 0,
  late: 0,
  pending: 0,
  satisfied: 0,
  dissatisfied: 0,
  noVerdict: 0,
})

interface Judged {
  t: Ticket
  timely: Timeliness
  verdict: 'satisfied' | 'dissatisfied' | 'none'
}

function add(row: GroupRow, j: Judged) {
  row.total++
  if (isResolved(j.t)) row.resolved++
  if (isOpenTicket(j.t)) row.open++
  row[j.timely]++
  if (j.verdict === 'satisfied') row.satisfied++
  else if (j.verdict === 'dissatisfied') row.dissatisfied++
  else if (isResolved(j.t)) row.noVerdict++
}

export const inPeriod = (iso: string | null | undefined, p: Period) => {
  const v = ms(iso)
  return v >= p.from.getTime() && v < p.to.getTime()
}

export const gridLabel = (grid: number | null) => (grid === null ? '未定位' : `${grid}网格`)

/**
 * The figures of one period (a month, a week, any range): counts by grid, by team (target) and by category,
 * median times, on-time and satisfaction rates and the hotline rates. Every grid and every team of the
 * directory gets a row (zero when idle), plus '网格长' for grid-leader tickets; tickets without a grid go to
 * '未定位', unknown targets get their own row. Categories are sorted by count, most first.
 */
export function monthlyStats(tickets: Ticket[], dir: Directory, period: Period, opts: StatsOptions = {}): MonthlyStats {
  const asOf = opts.asOf ?? period.to
  const created = tickets.filter(t => inPeriod(t.createdAt, period)).sort((a, b) => a.id - b.id)
  const cancelled = created.filter(t => t.status === 'cancelled').map(t => t.id)
  const live = created.filter(t => t.status !== 'cancelled')
  const judged: Judged[] = live.map(t => ({ t, timely: timeliness(t, asOf, opts), verdict: finalVerdict(t) }))

  const byGrid = new Map<string, GroupRow>()
  for (const g of [...dir.grids].sort((a, b) => a.id - b.id)) byGrid.set(String(g.id), emptyRow(String(g.id), gridLabel(g.id)))
  const byTarget = new Map<string, GroupRow>()
  for (const team of dir.teams) byTarget.set(team.name, emptyRow(team.name, team.name))
  byTarget.set(GRID_LEADER, emptyRow(GRID_LEADER, GRID_LEADER))
  const byCategory = new Map<string, GroupRow>()
  const totals = emptyRow('total', '合计')

  for (const j of judged) {
    const gk = j.t.grid === null ? 'none' : String(j.t.grid)
    if (!byGrid.has(gk)) byGrid.set(gk, emptyRow(gk, gridLabel(j.t.grid)))
    add(byGrid.get(gk)!, j)
    if (!byTarget.has(j.t.target)) byTarget.set(j.t.target, emptyRow(j.t.target, j.t.target))
    add(byTarget.get(j.t.target)!, j)
    if (!byCategory.has(j.t.category)) byCategory.set(j.t.category, emptyRow(j.t.category, j.t.category))
    add(byCategory.get(j.t.category)!, j)
    add(totals, j)
  }

  const acceptMinutes = live.filter(t => t.acceptedAt).map(t => (ms(t.acceptedAt) - ms(t.createdAt)) / MIN)
  const doneMinutes = live.map(t => (doneTime(t) - ms(t.createdAt)) / MIN).filter(Number.isFinite)
  const satisfaction = { ...ratio(totals.satisfied, totals.satisfied + totals.dissatisfied), noVerdict: totals.noVerdict }

  return {
    period,
    asOf,
    deadlines: { ...DEFAULT_DEADLINES, ...opts.deadlines },
    total: live.length,
    cancelled,
    byGrid: [...byGrid.values()],
    byTarget: [...byTarget.values()],
    byCategory: [...byCategory.values()].sort((a, b) => b.total - a.total || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
    totals,
    medianAcceptMinutes: median(acceptMinutes),
    medianDoneMinutes: median(doneMinutes),
    onTime: { ...ratio(totals.onTime, totals.onTime + totals.late), pending: totals.pending },
    satisfaction,
    hotline: {
      response: ratio(live.filter(t => respondedInTime(t, opts)).length, live.length),
      resolution: ratio(totals.resolved, live.length),
      satisfaction: ratio(satisfaction.num, satisfaction.den),
    },
  }
}

// ---- periods (Asia/Shanghai) ----

const MONTH_RE = /^(\d{4})-(\d{2})$/

/** The calendar month 'YYYY-MM' in Shanghai time as a half-open period [1st 00:00, next 1st 00:00). */
export function monthPeriod(month: string): Period {
  const m = MONTH_RE.exec(month)
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw new Error(`月份格式应为 YYYY-MM，例如 2026-11，收到 "${month}"`)
  const y = Number(m[1]),
    mo = Number(m[2])
  const next = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`
  return { from: atShanghai(`${month}-01`, '00:00'), to: atShanghai(`${next}-01`, '00:00') }
}

/** The Shanghai month 'YYYY-MM' containing `now` (报表 本月). */
export const monthOf = (now: Date) => shanghaiDate(now).slice(0, 7)

/** The Shanghai month before the one containing `now` (报表 上月; the report sent on the 1st). */
export function previousMonth(now: Date): string {
  const [y, m] = monthOf(now).split('-').map(Number)
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`
}

/** The seven Shanghai days ending at the start of `now`'s day: [day-7 00:00, day 00:00) — the week before a meeting. */
export function weekBefore(now: Date): Period {
  const to = atShanghai(shanghaiDate(now), '00:00')
  return { from: new Date(to.getTime() - 7 * 24 * HOUR), to }
}

// ---- the daily huddle ----

export interface OverdueItem {
  ticket: Ticket
  /** Which deadline was missed: not accepted in time, or not done in time. */
  missed: 'accept' | 'done'
  deadline: Date
  /** Minutes past the deadline at `now`. */
  minutesLate: number
}

export interface Huddle {
  since: Date
  now: Date
  /** Created in [since, now), cancelled excluded. */
  created: Ticket[]
  /** Open or accepted now, whenever created. */
  open: Ticket[]
  /** Open tickets past a deadline at `now`, most late first. */
  overdue: OverdueItem[]
  /** Finished (done or closed) with the finishing time in [since, now). */
  done: Ticket[]
  /** Dissatisfied verdicts given in [since, now), with the reason if one was given. */
  dissatisfied: { ticket: Ticket; by: string; at: string; reason: string | null }[]
}

/**
 * The figures of the daily huddle (一天一碰头): new since `since` (default: 24 hours before `now`), open now,
 * overdue now (with the missed deadline), finished since, and dissatisfied verdicts since.
 */
export function huddle(tickets: Ticket[], now: Date, opts: StatsOptions & { since?: Date } = {}): Huddle {
  const since = opts.since ?? new Date(now.getTime() - 24 * HOUR)
  const window: Period = { from: since, to: now }
  const byId = [...tickets].sort((a, b) => a.id - b.id)
  const open = byId.filter(isOpenTicket)
  const overdue: OverdueItem[] = []
  for (const t of open) {
    const { acceptBy, doneBy } = deadlinesOf(t, opts)
    const accepted = (Number.isFinite(ms(t.acceptedAt)) && t.status === 'accepted') || (t.urgent && !!t.ack)
    const missed = !accepted && now > acceptBy ? 'accept' : now > doneBy ? 'done' : null
    if (!missed) continue
    const deadline = missed === 'accept' ? acceptBy : doneBy
    // Late by service time too (urgent ones by the clock): a night is no hours late.
    const late = t.urgent || !opts.quiet ? now.getTime() - deadline.getTime() : serviceTimeBetween(deadline, now, opts.quiet)
    overdue.push({ ticket: t, missed, deadline, minutesLate: Math.floor(late / MIN) })
  }
  overdue.sort((a, b) => b.minutesLate - a.minutesLate || a.ticket.id - b.ticket.id)
  const dissatisfied = byId.flatMap(t =>
    t.history.filter(e => e.action === 'dissatisfied' && inPeriod(e.at, window)).map(e => ({ ticket: t, by: e.by, at: e.at, reason: e.note ?? null })),
  )
  return {
    since,
    now,
    created: byId.filter(t => t.status !== 'cancelled' && inPeriod(t.createdAt, window)),
    open,
    overdue,
    done: byId.filter(t => {
      const d = doneTime(t)
      return d >= since.getTime() && d < now.getTime()
    }),
    dissatisfied,
  }
}
