import type { Directory } from './schema.js'
import type { State } from './state.js'
import type { Ticket, TicketStatus } from './types.js'
import { GRID_LEADER, gridById, teamByName, type Actor, isStaff } from './directory.js'
import { isReporter, type Ownership } from './identity.js'
import { iso } from './time.js'

/** Pure ticket operations: creation, lookup, merging and the status machine (`transition`). */

export const OPEN_STATUSES: TicketStatus[] = ['open', 'accepted']
export const isOpen = (t: Ticket) => OPEN_STATUSES.includes(t.status)

export interface NewTicket {
  reporter: string
  reporterId?: Ticket['reporterId']
  room: string | null
  text: string
  category: string
  target: string
  grid: number | null
  building: number | null
  unit: number | null
  roomNo: string | null
  urgent: boolean
  areaKey: string | null
  awaitingLocation: boolean
}

/** Who receives a ticket for a target: the team lead, or the grid leader of the ticket's grid. */
export function assigneeFor(dir: Directory, target: string, grid: number | null): string {
  if (target !== GRID_LEADER) return teamByName(dir, target)?.lead ?? dir.community.staffRoom
  return gridById(dir, grid)?.leader ?? '值班社工'
}

/** The team a ticket is assigned to, or undefined when the grid leader handles it. */
export const assignedTeam = (dir: Directory, t: Pick<Ticket, 'target'>) => (t.target === GRID_LEADER ? undefined : teamByName(dir, t.target))

/**
 * Matters a group must not hear about: psychological, legal and mediation requests, family quarrels,
 * violence and words of suicide. Acknowledged without naming the matter or the team.
 */
const SENSITIVE_TEAMS = new Set(['阳光大姐心理咨询', '律师会客厅', '静华调解室'])
const SENSITIVE_KINDS = new Set(['自杀风险', '暴力', '心理疏导', '法律咨询', '邻里调解'])
export const isSensitive = (t: Pick<Ticket, 'target' | 'category'>) => SENSITIVE_TEAMS.has(t.target) || SENSITIVE_KINDS.has(t.category)
/** Words of suicide: warmth first, the psychological help line, and only private alerts. */
export const isSuicide = (t: Pick<Ticket, 'category'>) => t.category === '自杀风险'

/** Who handles it, as residents and staff read it: a team, a grid's leader, or (no grid known) the duty worker. */
export const handlerLabel = (t: Pick<Ticket, 'target' | 'grid'>) => (t.target !== GRID_LEADER ? t.target : t.grid ? `${t.grid}网格网格长` : '社区值班人员')

export function createTicket(state: State, dir: Directory, t: NewTicket, now: Date): Ticket {
  const ticket: Ticket = {
    id: state.nextTicketId++,
    reporter: t.reporter,
    reporters: [t.reporter],
    ...(t.reporterId ? { reporterId: t.reporterId } : {}),
    room: t.room,
    text: t.text,
    category: t.category,
    target: t.target,
    assignee: assigneeFor(dir, t.target, t.grid),
    grid: t.grid,
    building: t.building,
    unit: t.unit,
    roomNo: t.roomNo,
    urgent: t.urgent,
    status: 'open',
    verdict: null,
    createdAt: iso(now),
    acceptedAt: null,
    doneAt: null,
    closedAt: null,
    history: [{ at: iso(now), by: t.reporter, action: 'created' }],
    photos: [],
    awaitingLocation: t.awaitingLocation,
    areaKey: t.areaKey,
  }
  state.tickets.push(ticket)
  return ticket
}

/** The key under which two reports describe the same fault in the same place, or null (never merge). */
export function placeKey(t: { building: number | null; unit: number | null; roomNo: string | null; areaKey: string | null }): string | null {
  if (t.building !== null && t.roomNo !== null) return `b${t.building}-${t.unit ?? ''}-${t.roomNo}`
  if (t.building !== null) return `b${t.building}`
  return t.areaKey
}

/** Urgent reports of one kind in one grid within this span are one emergency, whatever place each names. */
const URGENT_MERGE_MS = 6 * 3600_000

/**
 * An open ticket describing the same fault in the same place (building, flat or named common area); an
 * urgent report also joins an open urgent ticket of the same kind from the same grid (or, with no grid,
 * the same conversation) reported in the last hours, unless the two name different places.
 */
export function findDuplicate(state: State, t: NewTicket, now?: Date): Ticket | undefined {
  const key = placeKey(t)
  // An urgent report never joins a ticket that raised no alarm (one past someone's urgent limit).
  const same = (x: Ticket) => isOpen(x) && x.category === t.category && x.target === t.target && (!t.urgent || x.urgent)
  if (key !== null) {
    const hit = state.tickets.find(x => same(x) && placeKey({ ...x, areaKey: x.areaKey ?? null }) === key)
    if (hit || !t.urgent) return hit
  }
  if (!t.urgent || !now) return undefined
  return state.tickets.find(
    x =>
      same(x) &&
      x.urgent &&
      now.getTime() - Date.parse(x.createdAt) < URGENT_MERGE_MS &&
      (t.grid !== null ? x.grid === t.grid : x.room === t.room) &&
      (key === null || placeKey({ ...x, areaKey: x.areaKey ?? null }) === null || placeKey({ ...x, areaKey: x.areaKey ?? null }) === key),
  )
}

export const findTicket = (state: State, id: number) => state.tickets.find(t => t.id === id)

/**
 * Records a change on the ticket's timestamped history. Every change to a ticket goes with one: the
 * history is the ticket's audit trail, and the db writer relies on it to know which tickets changed.
 */
export function record(t: Ticket, now: Date, by: string, action: string, note?: string) {
  t.history.push({ at: iso(now), by, action, ...(note ? { note } : {}) })
}

/** What can happen to a ticket's status. Each move is allowed only from the listed statuses. */
export type TicketMove = 'accept' | 'finish' | 'satisfied' | 'dissatisfied' | 'noVerdict' | 'cancel' | 'transfer' | 'notRequest' | 'reopen'

/** The table of allowed moves: from which statuses, to which status, and the history action recorded. */
export const MOVES: Record<TicketMove, { from: readonly TicketStatus[]; to: TicketStatus; action: string }> = {
  accept: { from: ['open'], to: 'accepted', action: 'accepted' },
  finish: { from: ['open', 'accepted'], to: 'done', action: 'done' },
  satisfied: { from: ['done'], to: 'closed', action: 'satisfied' },
  dissatisfied: { from: ['done'], to: 'accepted', action: 'dissatisfied' },
  noVerdict: { from: ['done'], to: 'closed', action: 'noVerdict' },
  cancel: { from: ['open', 'accepted'], to: 'cancelled', action: 'cancelled' },
  transfer: { from: ['open', 'accepted'], to: 'open', action: 'transferred' },
  // Staff close a ticket the intake should not have made (不是报修): closed, no verdict, nobody earns points.
  notRequest: { from: ['open', 'accepted'], to: 'closed', action: 'notRequest' },
  // Staff reopen a ticket that was finished, closed or cancelled too soon: open again, to be accepted anew.
  reopen: { from: ['done', 'closed', 'cancelled'], to: 'open', action: 'reopened' },
}

export interface MoveOptions {
  note?: string
  /** transfer: the new target (a team or 网格长) and who receives it. */
  target?: string
  assignee?: string
}

export type MoveResult = { ok: true } | { ok: false; status: TicketStatus }

/**
 * The one way a ticket changes status: checks the move against the table, sets the status and its
 * timestamps, and records the move in the ticket's history. A refused move changes nothing.
 */
export function transition(t: Ticket, move: TicketMove, now: Date, by: string, opts: MoveOptions = {}): MoveResult {
  const m = MOVES[move]
  if (!m.from.includes(t.status)) return { ok: false, status: t.status }
  const at = iso(now)
  t.status = m.to
  switch (move) {
    case 'accept':
      t.acceptedAt ??= at
      t.awaitingLocation = false
      if (t.urgent) t.ack ??= { by, at }
      break
    case 'finish':
      t.acceptedAt ??= at
      t.doneAt = at
      break
    case 'satisfied':
      t.verdict = 'satisfied'
      t.closedAt = at
      break
    case 'noVerdict':
      t.verdict = 'none'
      t.closedAt = at
      break
    case 'dissatisfied':
      t.verdict = 'dissatisfied'
      t.doneAt = null
      break
    case 'cancel':
      t.closedAt = at
      t.awaitingLocation = false
      break
    case 'notRequest':
      t.verdict = 'none'
      t.closedAt = at
      t.awaitingLocation = false
      break
    case 'reopen':
      t.verdict = null
      t.acceptedAt = null
      t.doneAt = null
      t.closedAt = null
      break
    case 'transfer':
      t.target = opts.target ?? t.target
      t.assignee = opts.assignee ?? t.assignee
      t.acceptedAt = null
      break
  }
  record(t, now, by, m.action, move === 'transfer' ? t.target : opts.note)
  if (move === 'dissatisfied') record(t, now, '系统', 'reopened')
  return { ok: true }
}

/** An urgent matter acknowledged by a person (`收到 N`): the ladder of alerts stops. False if it already was. */
export function acknowledge(t: Ticket, now: Date, by: string): boolean {
  if (!t.urgent || t.ack) return false
  t.ack = { by, at: iso(now) }
  record(t, now, by, 'acknowledged')
  return true
}

/** A note on the ticket's timeline (the staff console): no status change, only a history line. */
export function addNote(t: Ticket, now: Date, by: string, note: string) {
  record(t, now, by, 'note', note)
}

/**
 * May this person work on the ticket (accept, finish, transfer)? Staff, the assignee (by remark), the
 * assigned team's people, or the grid's leader. Roles only ever come from a remark (core/identity.ts).
 */
export function mayWork(_dir: Directory, a: Actor, t: Ticket): boolean {
  if (isStaff(a)) return true
  if (a.remark !== null && a.remark === t.assignee) return true
  if (t.target !== GRID_LEADER && a.team === t.target && a.roles.length > 0) return true
  if (a.roles.includes('gridLeader') && a.grid !== undefined && a.grid === t.grid) return true
  return false
}

/**
 * May this person cancel, rate or look into the ticket? Its reporter (core/identity.ts isReporter) or
 * staff. Neighbours whose reports were merged into it hear of its progress but cannot act for everyone.
 */
export function mayOwn(a: Actor, t: Ticket, rooms: readonly string[], epoch: number): Ownership {
  return isStaff(a) ? 'yes' : isReporter(t, a, rooms, epoch)
}

export const STATUS_TEXT: Record<TicketStatus, string> = {
  open: '待接单',
  accepted: '处理中',
  done: '已完成待评价',
  closed: '已办结',
  cancelled: '已撤销',
}

export function addressOf(t: Pick<Ticket, 'building' | 'unit' | 'roomNo' | 'grid'>): string {
  const parts = [t.building !== null ? `${t.building}号楼` : '', t.unit !== null ? `${t.unit}单元` : '', t.roomNo !== null ? `${t.roomNo}室` : ''].join('')
  if (parts) return parts
  return t.grid !== null ? `${t.grid}网格（未说明楼号）` : '未提供'
}
