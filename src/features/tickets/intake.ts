import type { Ctx } from '../types.js'
import type { Analysis } from '../../core/intake/index.js'
import { analyze, parseLocation } from '../../core/intake/index.js'
import { GRID_LEADER, gridByRoom, gridOfBuilding, isResidentRoom } from '../../core/directory.js'
import { assigneeFor, createTicket, findDuplicate, findTicket, isOpen, record, type NewTicket } from '../../core/tickets.js'
import { routeDispatch, routeToHandler } from '../../core/routing.js'
import { T } from '../../core/texts.js'
import { iso } from '../../core/time.js'

const TICKET_TEXT = 300
const REQUESTS_PER_MINUTE = 3

/** Tickets this resident opened in the last minute. */
const recentTickets = (ctx: Ctx) => {
  let n = 0
  for (let i = ctx.state.tickets.length - 1; i >= 0; i--) {
    const t = ctx.state.tickets[i]
    if (ctx.now.getTime() - Date.parse(t.createdAt) > 60_000) break
    if (t.reporter === ctx.actor.name) n++
  }
  return n
}

/** Sends the ticket to whoever handles it (core/routing decides where). */
export function dispatch(ctx: Ctx, t: Parameters<typeof routeDispatch>[1]) {
  ctx.deliver(routeDispatch(ctx.db, t))
  ctx.log.info(`ticket #${t.id} dispatched to ${t.target}`)
}

/**
 * Text that is no command: the answer to a location question, else (in residents' groups and private
 * chats; staff and team groups talk among themselves) a request in the resident's own words, else a
 * hint when the bot was addressed.
 */
export function hearText(ctx: Ctx, text: string): boolean {
  if (handleLocationAnswer(ctx, text)) return true
  const room = ctx.msg.room
  if (room !== null && !isResidentRoom(ctx.db, room)) return false
  if (handleReport(ctx, ctx.msg.text)) return true
  if (room !== null && !ctx.msg.mentionsBot) return false
  ctx.reply(T.privateHint)
  return true
}

/** A photo joins the reporter's latest ticket; a voice message privately gets a hint to type instead. */
export function hearMedia(ctx: Ctx): boolean {
  if (ctx.msg.kind === 'image') return handlePhoto(ctx)
  if (ctx.msg.kind === 'voice' && ctx.msg.room === null) { ctx.reply(T.voiceHint); return true }
  return false
}

/** A resident's own words: a request becomes a ticket (saved before any reply), chatter gets silence. */
export function handleReport(ctx: Ctx, text: string): boolean {
  const a = analyze(text, ctx.vocabulary)
  if (!a.request) return false
  const roomGrid = gridByRoom(ctx.db, ctx.msg.room)
  const grid = gridOfBuilding(ctx.db, a.building)?.id ?? roomGrid?.id ?? null
  const draft: NewTicket = {
    reporter: ctx.actor.name,
    room: ctx.msg.room,
    text: text.length > TICKET_TEXT ? `${text.slice(0, TICKET_TEXT)}…` : text,
    category: a.category ?? '其他',
    target: a.target ?? GRID_LEADER,
    grid,
    building: a.building,
    unit: a.unit,
    roomNo: a.room,
    urgent: a.urgent,
    areaKey: a.areaHint ? `a:${a.areaHint}` : null,
    awaitingLocation: false,
  }
  if (!a.urgent && ctx.actor.roles.length === 0 && recentTickets(ctx) >= REQUESTS_PER_MINUTE) {
    ctx.reply(T.slowDown)
    return true
  }
  const dup = findDuplicate(ctx.state, draft)
  if (dup) {
    if (!dup.reporters.includes(ctx.actor.name)) dup.reporters.push(ctx.actor.name)
    record(dup, ctx.now, ctx.actor.name, 'merged')
    ctx.reply(T.merged(dup))
    return true
  }
  draft.awaitingLocation = needsLocation(a, grid)
  const t = createTicket(ctx.state, ctx.db, draft, ctx.now)
  ctx.log.info(`ticket #${t.id} created: ${t.category} → ${t.target}${t.urgent ? ' URGENT' : ''}`)
  // The reporter hears first; the dispatch follows in the paced outbox.
  if (t.urgent) {
    ctx.reply(T.urgentAck(t, T.callFor(a.emergency, ctx.db.community.emergency)), { urgent: true })
    dispatch(ctx, t)
    if (draft.awaitingLocation) ask(ctx, t.id)
    return true
  }
  if (draft.awaitingLocation) {
    ask(ctx, t.id)
    ctx.reply(T.ackAsk(t))
  } else {
    ctx.reply(T.ack(t))
    dispatch(ctx, t)
  }
  return true
}

/** Home repairs need the flat; anything else needs at least a grid to route to (a grid group gives one). */
function needsLocation(a: Analysis, grid: number | null): boolean {
  if (a.target === '海军帮忙队') return a.building === null || a.room === null
  if (a.target === GRID_LEADER) return grid === null && !a.areaHint
  return false
}

function ask(ctx: Ctx, ticketId: number) {
  const minutes = ctx.db.settings.askLocationMinutes
  ctx.state.pending = ctx.state.pending.filter(p => !(p.who === ctx.actor.name && p.room === ctx.msg.room))
  ctx.state.pending.push({ who: ctx.actor.name, room: ctx.msg.room, ticketId, expiresAt: iso(new Date(ctx.now.getTime() + minutes * 60_000)) })
}

/** The reporter's next message after we asked where: fill in the location and dispatch. */
export function handleLocationAnswer(ctx: Ctx, text: string): boolean {
  const i = ctx.state.pending.findIndex(p => p.who === ctx.actor.name && p.room === ctx.msg.room
    && Date.parse(p.expiresAt) > ctx.now.getTime())
  if (i < 0) return false
  const p = ctx.state.pending[i]
  const t = findTicket(ctx.state, p.ticketId)
  if (!t || !isOpen(t) || !t.awaitingLocation) return false   // stale: expireAsks clears it
  ctx.state.pending.splice(i, 1)
  const loc = parseLocation(text)
  if (loc.building !== null) {
    t.building = loc.building
    t.unit = loc.unit ?? t.unit
    t.roomNo = loc.room ?? t.roomNo
    t.grid = gridOfBuilding(ctx.db, loc.building)?.id ?? t.grid
    t.assignee = assigneeFor(ctx.db, t.target, t.grid)
    record(t, ctx.now, ctx.actor.name, 'located')
  } else {
    record(t, ctx.now, ctx.actor.name, 'located', text.slice(0, 200))
    t.text = `${t.text}（补充：${text.slice(0, 200)}）`
  }
  t.awaitingLocation = false
  if (!t.urgent) dispatch(ctx, t)
  else ctx.deliver(routeToHandler(ctx.db, t, T.dispatch(t)))
  ctx.reply(T.located(t))
  return true
}

/** Location questions nobody answered in time: dispatch with what we know. */
export function expireAsks(ctx: Ctx): boolean {
  const due = ctx.state.pending.filter(p => Date.parse(p.expiresAt) <= ctx.now.getTime())
  if (due.length === 0) return false
  ctx.state.pending = ctx.state.pending.filter(p => !due.includes(p))
  for (const p of due) {
    const t = findTicket(ctx.state, p.ticketId)
    if (!t || !isOpen(t) || !t.awaitingLocation) continue
    t.awaitingLocation = false
    record(t, ctx.now, '系统', 'located', '居民未回复位置')
    if (!t.urgent) dispatch(ctx, t)
  }
  return true
}

/** A photo sent soon after a report is attached to the reporter's latest open ticket and forwarded. */
export function handlePhoto(ctx: Ctx): boolean {
  if (!ctx.msg.file) return false
  const windowMs = ctx.db.settings.photoWindowMinutes * 60_000
  const t = [...ctx.state.tickets].reverse().find(x => x.reporters.includes(ctx.actor.name) && isOpen(x)
    && (x.room === ctx.msg.room) && ctx.now.getTime() - Date.parse(lastTouch(x)) <= windowMs)
  if (!t) return false
  t.photos.push(ctx.msg.file)
  record(t, ctx.now, ctx.actor.name, 'photo')
  ctx.deliver(routeToHandler(ctx.db, t, T.photoForward(t, ctx.actor.name)))
  ctx.deliver(routeToHandler(ctx.db, t, '', ctx.msg.file))
  ctx.reply(T.photoAttached(t))
  return true
}

const lastTouch = (t: { history: { at: string; by: string }[]; createdAt: string }) => t.history.at(-1)?.at ?? t.createdAt
