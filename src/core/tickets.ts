import type { Directory } from './schema.js'
import type { State } from './state.js'
import type { Ticket, TicketStatus } from './types.js'
import { GRID_LEADER, gridById, teamByName, type Actor, isStaff } from './directory.js'
import { iso } from './time.js'

/** Pure ticket operations: creation, lookup, merging and the status machine (`transition`). */

export const OPEN_STATUSES: TicketStatus[] = ['open', 'accepted']
export const isOpen = (t: Ticket) => OPEN_STATUSES.includes(t.status)

export interface NewTicket {
  reporter: string
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
export const assignedTeam = (dir: Directory, t: Pick<Ticket, 'target'>) =>
  t.target === GRID_LEADER ? undefined : teamByName(dir, t.target)

/** Who handles the ticket, as residents and staff read it: the team, or "3网格网格长". */
export const handlerLabel = (t: Pick<Ticket, 'target' | 'grid'>) =>
  t.target === GRID_LEADER ? `${t.grid ? t.grid + '网格' : ''}网格长` : t.target

export function createTicket(state: State, dir: Directory, t: NewTicket, now: Date): Ticket {
  const ticket: Ticket = {
    id: state.nextTicketId++,
    reporter: t.reporter,
    reporters: [t.reporter],
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

/** An open ticket describing the same fault in the same place (building, flat or named common area). */
export function findDuplicate(state: State, t: NewTicket): Ticket | undefined {
  const key = placeKey(t)
  if (key === null) return undefined
  return state.tickets.find(x => isOpen(x) && x.category === t.category && x.target === t.target
    && placeKey({ ...x, areaKey: x.areaKey ?? null }) === key)
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
export type TicketMove = 'accept' | 'finish' | 'satisfied' | 'dissatisfied' | 'noVerdict' | 'cancel' | 'transfer'

/** The table of allowed moves: from which statuses, to which status, and the history action recorded. */
export const MOVES: Record<TicketMove, { from: readonly TicketStatus[]; to: TicketStatus; action: string }> = {
  accept: { from: ['open'], to: 'accepted', action: 'accepted' },
  finish: { from: ['open', 'accepted'], to: 'done', action: 'done' },
  satisfied: { from: ['done'], to: 'closed', action: 'satisfied' },
  dissatisfied: { from: ['done'], to: 'accepted', action: 'dissatisfied' },
  noVerdict: { from: ['done'], to: 'closed', action: 'noVerdict' },
  cancel: { from: ['open', 'accepted'], to: 'cancelled', action: 'cancelled' },
  transfer: { from: ['open', 'accepted'], to: 'open', action: 'transferred' },
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
    case 'accept': t.acceptedAt ??= at; t.awaitingLocation = false; break
    case 'finish': t.acceptedAt ??= at; t.doneAt = at; break
    case 'satisfied': t.verdict = 'satisfied'; t.closedAt = at; break
    case 'noVerdict': t.verdict = 'none'; t.closedAt = at; break
    case 'dissatisfied': t.verdict = 'dissatisfied'; t.doneAt = null; break
    case 'cancel': t.closedAt = at; t.awaitingLocation = false; break
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

/** May this person work on the ticket (accept, finish, transfer)? Assigned team, the grid's leader, or staff. */
export function mayWork(dir: Directory, a: Actor, t: Ticket): boolean {
  if (isStaff(a)) return true
  if (a.name === t.assignee) return true
  if (t.target !== GRID_LEADER && a.team === t.target) return true
  if (a.roles.includes('gridLeader') && a.grid !== undefined && a.grid === t.grid) return true
  return false
}

/**
 * May this person cancel or rate the ticket? The one who reported it, or staff. Neighbours whose reports
 * were merged into it hear of its progress but cannot cancel it for everyone.
 */
export const mayOwn = (a: Actor, t: Ticket) => isStaff(a) || t.reporter === a.name

export const STATUS_TEXT: Record<TicketStatus, string> = {
  open: '待接单', accepted: '处理中', done: '已完成待评价', closed: '已办结', cancelled: '已撤销',
}

export function addressOf(t: Pick<Ticket, 'building' | 'unit' | 'roomNo' | 'grid'>): string {
  const parts = [
    t.building !== null ? `${t.building}号楼` : '',
    t.unit !== null ? `${t.unit}单元` : '',
    t.roomNo !== null ? `${t.roomNo}室` : '',
  ].join('')
  if (parts) return parts
  return t.grid !== null ? `${t.grid}网格（未说明楼号）` : '未提供'
}
