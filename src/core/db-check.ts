import type { Db } from './schema.js'
import { allRooms } from './directory.js'

/**
 * Cross-field checks of the bot's working state (`state`) against itself and the directory: what a hand
 * edit can break that the field-by-field schema cannot see. Pure; each issue has the field path, the
 * problem and the fix, in Chinese, for the person who edits db.json.
 *
 * Only what the bot itself can never produce is an error, so that a file the bot wrote always loads:
 * - ticket, outbox and broadcast ids are unique, and each `next…Id` is above every id in use (for tickets
 *   also every archived id, `state.archive[].maxId`): otherwise a new ticket reuses an old number;
 * - a location question (`state.pending`) points to a ticket that exists (live, or in an archived range);
 * - a notice still to go out (`state.broadcasts`, confirming / scheduled / sending) goes to rooms of the
 *   directory (staffRoom, grids[].room, teams[].room);
 * - each archive month is listed once.
 * Tickets naming a room or a team the directory no longer has are history, not errors; grants may name
 * residents, who are not in `people`.
 */
export interface DbIssue {
  path: (string | number)[]
  message: string
}

export function checkDb(db: Db): DbIssue[] {
  const issues: DbIssue[] = []
  const add = (path: (string | number)[], message: string) => issues.push({ path, message })
  const s = db.state

  // Ids: unique, and below the next one to be given.
  const ticketAt = uniqueIds(s.tickets, 'tickets', '单号', add)
  let maxTicket = 0
  let maxWhere = ''
  s.tickets.forEach((t, i) => {
    if (t.id > maxTicket) {
      maxTicket = t.id
      maxWhere = `state.tickets.${i}`
    }
  })
  s.archive.forEach((a, i) => {
    if (a.maxId > maxTicket) {
      maxTicket = a.maxId
      maxWhere = `state.archive.${i}（${a.month} 的归档）`
    }
  })
  if (s.nextTicketId <= maxTicket) {
    add(
      ['state', 'nextTicketId'],
      `nextTicketId 为 ${s.nextTicketId}，但单号 ${maxTicket} 已被使用（${maxWhere}），新工单会重复使用旧单号。请把 nextTicketId 改为 ${maxTicket + 1}`,
    )
  }
  uniqueIds(s.outbox, 'outbox', '消息编号', add)
  nextAbove(
    s.outbox.map(o => o.id),
    s.nextOutboxId,
    'nextOutboxId',
    'state.outbox',
    add,
  )
  uniqueIds(s.broadcasts, 'broadcasts', '通知编号', add)
  nextAbove(
    s.broadcasts.map(b => b.id),
    s.nextBroadcastId,
    'nextBroadcastId',
    'state.broadcasts',
    add,
  )

  const months = new Map<string, number>()
  s.archive.forEach((a, i) => {
    const prev = months.get(a.month)
    if (prev !== undefined)
      add(['state', 'archive', i, 'month'], `归档月份 ${a.month} 重复（与 state.archive.${prev} 相同）。请把两条合并为一条（minId 取较小值，maxId 取较大值）`)
    else months.set(a.month, i)
    if (a.minId > a.maxId) add(['state', 'archive', i], `归档 ${a.month} 的 minId ${a.minId} 大于 maxId ${a.maxId}。请改正这两个值`)
  })

  // References.
  s.pending.forEach((p, i) => {
    const live = ticketAt.has(p.ticketId)
    const archived = s.archive.some(a => p.ticketId >= a.minId && p.ticketId <= a.maxId)
    if (!live && !archived)
      add(['state', 'pending', i, 'ticketId'], `追问位置的记录指向不存在的工单 #${p.ticketId}。请删除 state.pending 中的这一条，或改为存在的单号`)
  })
  const rooms = new Set(allRooms(db))
  s.broadcasts.forEach((b, i) => {
    if (b.status !== 'confirming' && b.status !== 'scheduled' && b.status !== 'sending') return
    b.rooms.forEach((room, j) => {
      if (!rooms.has(room))
        add(
          ['state', 'broadcasts', i, 'rooms', j],
          `待发的通知 #${b.id} 要发往群「${room}」，但目录中没有这个群（staffRoom、grids[].room、teams[].room）。请改成目录中的群名，或把这条通知的 status 改为 cancelled`,
        )
    })
  })
  return issues
}

/** Reports repeated ids of `list` (at state.<name>.<i>.id); returns the first index of each id. */
function uniqueIds(list: { id: number }[], name: string, label: string, add: (p: (string | number)[], m: string) => void): Map<number, number> {
  const first = new Map<number, number>()
  list.forEach((x, i) => {
    const prev = first.get(x.id)
    if (prev !== undefined)
      add(['state', name, i, 'id'], `${label} ${x.id} 重复（与 state.${name}.${prev} 相同）。请删除重复的一条，或给它一个未用过的${label}`)
    else first.set(x.id, i)
  })
  return first
}

function nextAbove(ids: number[], next: number, field: string, where: string, add: (p: (string | number)[], m: string) => void) {
  const max = ids.reduce((m, id) => Math.max(m, id), 0)
  if (next <= max) add(['state', field], `${field} 为 ${next}，但 ${where} 中已有编号 ${max}，新记录会重复使用旧编号。请把 ${field} 改为 ${max + 1}`)
}

/** `file: path: problem` lines, as the schema's issues are printed. */
export function describeDbIssues(file: string, issues: DbIssue[]): string {
  return issues.map(i => `${file}: ${i.path.map(String).join('.')}: ${i.message}`).join('\n')
}
