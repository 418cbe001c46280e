import type { Ctx } from '../types.js'
import type { Ticket } from '../../core/types.js'
import { ownerRoom } from '../../kernel/permissions.js'
import type { Analysis } from '../../core/intake/index.js'
import { analyze, parseLocation } from '../../core/intake/index.js'
import { answerQuestion, type Notice } from '../../core/kb/index.js'
import { GRID_LEADER, gridOfBuilding } from '../../core/directory.js'
import { assigneeFor, createTicket, findDuplicate, findTicket, isOpen, isSuicide, record, transition, type NewTicket } from '../../core/tickets.js'
import { readVerdict } from '../../core/verdict.js'
import { awaitingVerdict, joinedDone, rejectDone } from './verdicts.js'
import { dispatch } from './dispatch.js'
import { floodAckUrgent, tellFlood, urgentFlood } from './urgent-flood.js'
export { dispatch } from './dispatch.js'
import { isReporter, reporterIdOf } from '../../core/identity.js'
import { routeToHandler, type Outgoing } from '../../core/routing.js'
import { T } from '../../core/texts.js'
import { iso, shanghaiDate } from '../../core/time.js'

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

/**
 * Text that is no command: the answer to a location question, else (in residents' groups and private
 * chats; staff and team groups talk among themselves) a request in the resident's own words, else a
 * hint when the bot was addressed.
 */
export function hearText(ctx: Ctx, text: string): boolean {
  if (handleLocationAnswer(ctx, text)) return true
  if (handleVerdictWords(ctx, text)) return true
  const room = ctx.msg.room
  if (room !== null && ctx.room.role?.kind !== 'resident') return false
  if (handleReport(ctx, ctx.msg.text)) return true
  if (room !== null && !ctx.msg.mentionsBot) return false
  // Addressed and nothing to do: thanks get a short welcome, a question we cannot answer says who can.
  const plain = text.replace(/[\s!！。.~～,，]/g, '')
  // A question first (谢谢，请问社区医院怎么走 is a question): thanks alone get the welcome.
  if (/[?？吗呢]$|请问|问一下|问下|怎么|几点|什么时候|哪里|哪儿|多少|能不能|可以吗/.test(plain)) ctx.reply(T.cannotAnswer(ctx.db.community.publicPhones[0]))
  else if (THANKS.test(plain)) ctx.reply(T.welcomeBack)
  else ctx.reply(T.privateHint(room !== null))
  return true
}

/**
 * After being asked whether it was fixed, the reporter answers in their own words (修好了 谢谢, 还是漏,
 * 👍) in their group or privately: the verdict of their one ticket awaiting it.
 */
function handleVerdictWords(ctx: Ctx, text: string): boolean {
  const verdict = readVerdict(ctx.msg.text)
  if (!verdict) return false
  const own = awaitingVerdict(ctx)
  // A neighbour whose report joined the ticket may say it is not fixed (the reporter alone says it is),
  // in the group where the ticket lives — a name proves nothing anywhere else.
  const here = ownerRoom(ctx)
  const list = own.length === 0 && verdict === 'dissatisfied' ? joinedDone(ctx).filter(t => t.room !== null && here.includes(t.room)) : own
  if (list.length === 0) return false
  if (isNewReport(ctx, text, list)) return false
  if (list.length > 1) {
    // Which one is meant is not for us to guess; an unhappy word must not be lost either.
    ctx.reply(
      T.whichOne(
        list.map(t => t.id),
        verdict,
      ),
    )
    return true
  }
  const t = list[0]
  if (verdict === 'dissatisfied') return rejectDone(ctx, t, ctx.msg.text.trim())
  if (transition(t, 'satisfied', ctx.now, ctx.actor.name, { note: ctx.msg.text.trim().slice(0, 100) }).ok) ctx.reply(T.thanks(t))
  return true
}

/**
 * "报修 12号楼电梯又坏了" reads as "still broken" too: a report that names a building none of the awaiting
 * tickets is in, or another kind of fault with 报修 (or the like) or a building, is a new report, not a
 * verdict — while "维修师傅来过了还是漏" about the same leak is the verdict.
 */
function isNewReport(ctx: Ctx, text: string, awaiting: Ticket[]): boolean {
  const a = analyze(text, ctx.vocabulary, { buildings: ctx.db.buildings })
  if (!a.request) return false
  const otherPlace = a.building !== null && !awaiting.some(t => t.building === a.building)
  // Another kind for another handler (维修 and 漏水 both go to the repair team: the same matter, likely).
  const otherKind = a.category !== null && !awaiting.some(t => t.category === a.category || t.target === a.target)
  return otherPlace || (otherKind && (a.explicit || a.building !== null))
}

/** A short thank-you (it reaches here only when it is no request): 太感谢了, 谢谢你们辛苦了, 🙏, thank you. */
const THANKS = /^.{0,6}(谢谢|感谢|多谢|谢啦|谢了|辛苦|thank|thx|🙏).{0,12}$/iu

/**
 * A photo joins the reporter's latest ticket. A voice message gets a short, kind hint to say it in
 * words (or ask a neighbour or the grid member to type it): privately each time, in a group once a day
 * per person, so a group of elderly speakers is not flooded.
 */
export function hearMedia(ctx: Ctx): boolean {
  if (ctx.msg.kind === 'image') return handlePhoto(ctx)
  if (ctx.msg.kind !== 'voice') return false
  if (ctx.msg.room === null) {
    ctx.reply(T.voiceHint)
    return true
  }
  if (ctx.room.role?.kind !== 'resident') return false
  const today = shanghaiDate(ctx.now)
  const key = `${keyOf(ctx)}@${today}`
  if (ctx.state.voiceHints.includes(key)) return false
  ctx.state.voiceHints = [...ctx.state.voiceHints.filter(k => k.endsWith(`@${today}`)), key]
  ctx.reply(T.voiceHintGroup)
  return true
}

/** Staff notices already sent, newest last: outage questions are answered from them. */
export const sentNotices = (ctx: Ctx): Notice[] =>
  ctx.state.broadcasts.filter(b => b.status === 'sending' || b.status === 'done').map(b => ({ text: b.text, sentAt: b.sendAt }))

const YES = /^(是|是的|对|对的|嗯|嗯嗯|要|要的|好|好的|报修|报|需要|麻烦了?|是要报修)[!！。.~～]*$/
const NO = /^(不是|不用|不要|没有|没事|不需要|不了|算了|不用了|没事了)[!！。.~～]*$/

/**
 * The answer to "是要报修吗？": yes makes the ticket from the message it asked about, no is thanked;
 * anything else drops the question and is read as a new message.
 */
function handleConfirm(ctx: Ctx, text: string): boolean {
  const now = ctx.now.getTime()
  const i = ctx.state.confirms.findIndex(c => c.who === keyOf(ctx) && c.room === ctx.msg.room && Date.parse(c.expiresAt) > now)
  if (i < 0) return false
  const c = ctx.state.confirms[i]
  ctx.state.confirms.splice(i, 1)
  const answer = text.replace(/\s+/g, '')
  if (NO.test(answer)) {
    ctx.reply(T.notReported)
    return true
  }
  if (!YES.test(answer)) return false
  return report(ctx, c.text, analyze(c.text, ctx.vocabulary, { buildings: ctx.db.buildings }), true)
}

/**
 * A resident's own words: an everyday question gets its answer (or a matter outside the community a
 * pointer to 12345) instead of a ticket; a request becomes a ticket (saved before any reply); an unsure
 * one, when the bot was addressed, gets one short question instead of a guess; chatter gets silence.
 */
export function handleReport(ctx: Ctx, text: string): boolean {
  if (handleConfirm(ctx, text)) return true
  const a = analyze(text, ctx.vocabulary, { buildings: ctx.db.buildings })
  const addressed = ctx.msg.room === null || ctx.msg.mentionsBot
  if (!a.urgent && (a.question || a.remit === 'outside' || !a.request)) {
    const answer = answerQuestion(text, ctx.db.knowledge, sentNotices(ctx), ctx.now, { outside: a.remit === 'outside' })
    if (answer && (addressed || a.question || a.explicit)) {
      ctx.reply(answer.answer)
      return true
    }
  }
  // Unsure: the analyser is not sure, or a problem is named without being talk (thanks, news, the past).
  const unsure = !a.urgent && (a.unsure ? a.request || a.candidate !== null : !a.request && a.candidate !== null && !a.talk && !a.question)
  if (unsure) {
    if (!addressed) return false // in a group an unsure message stays quiet …
    ctx.state.confirms = [
      ...ctx.state.confirms.filter(c => !(c.who === keyOf(ctx) && c.room === ctx.msg.room)),
      { who: keyOf(ctx), room: ctx.msg.room, text, expiresAt: iso(new Date(ctx.now.getTime() + ctx.db.settings.askLocationMinutes * 60_000)) },
    ]
    ctx.reply(T.isItARequest) // … unless the bot was addressed: one short question
    return true
  }
  if (!a.request) return false
  return report(ctx, text, a, false)
}

/** Opens (or merges) the ticket for an analysed request. `confirmed`: the resident said yes to "是要报修吗？". */
function report(ctx: Ctx, text: string, a: Analysis, confirmed: boolean): boolean {
  if (confirmed && !a.request && a.candidate) Object.assign(a, { request: true, category: a.candidate.category, target: a.candidate.target })
  // A building the community does not have is asked about, not accepted.
  const unknown = a.unknownBuilding ?? (a.building !== null && !ctx.db.buildings.includes(a.building) ? `${a.building}号楼` : null)
  if (unknown !== null) Object.assign(a, { building: null, unit: null, room: null })
  const roomGrid = ctx.room.role?.kind === 'resident' ? ctx.room.role.grid : null
  const grid = gridOfBuilding(ctx.db, a.building)?.id ?? roomGrid
  const draft: NewTicket = {
    reporter: ctx.actor.name,
    reporterId: reporterIdOf(ctx.actor, ctx.epoch),
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
  const dup = findDuplicate(ctx.state, draft, ctx.now)
  if (dup) {
    // Repeated reports of the same thing (an urgent one too) join the first: one alert, not sixty.
    if (!dup.reporters.includes(ctx.actor.name)) dup.reporters.push(ctx.actor.name)
    record(dup, ctx.now, ctx.actor.name, 'merged')
    // An urgent report that names a place joins one that named none: the handler gets the place now.
    if (dup.building === null && draft.building !== null) {
      Object.assign(dup, { building: draft.building, unit: draft.unit, roomNo: draft.roomNo, grid: draft.grid ?? dup.grid })
      dup.assignee = assigneeFor(ctx.db, dup.target, dup.grid)
      dup.text = `${dup.text}（另一位邻居：${draft.text}）`
      record(dup, ctx.now, ctx.actor.name, 'located')
      // An urgent ticket went out at once (again now, with the place); one that waited for its place goes now.
      const waited = dup.awaitingLocation
      dup.awaitingLocation = false
      if (waited && !dup.urgent) dispatch(ctx, dup)
      else ctx.deliver(atOnce(routeToHandler(ctx.db, dup, T.dispatch(dup))))
    }
    // Joining an emergency, the neighbour is told at once whom to call (twice an hour at most a person,
    // so repeats cannot spend the urgent budget).
    ctx.reply(T.merged(dup, dup.urgent ? T.callFor(a.emergency, ctx.db.community.emergency) : ''), { urgent: dup.urgent && floodAckUrgent(ctx) })
    return true
  }
  draft.awaitingLocation = unknown !== null || needsLocation(a, grid, ctx.msg.room !== null)
  const flood = urgentFlood(ctx, draft)
  if (flood) draft.urgent = false
  const t = createTicket(ctx.state, ctx.db, draft, ctx.now)
  ctx.log.info(`ticket #${t.id} created: ${t.category} → ${t.target}${t.urgent ? ' URGENT' : flood ? ' (urgent words, past the limit)' : ''}`)
  if (flood) tellFlood(ctx, t)
  // The reporter hears first; the dispatch follows in the paced outbox.
  if (t.urgent) {
    const n = ctx.db.community.emergency
    ctx.reply(isSuicide(t) ? T.suicideAck(t, n) : T.urgentAck(t, T.callFor(a.emergency, n)), { urgent: true })
    dispatch(ctx, t)
    if (draft.awaitingLocation) ask(ctx, t.id)
    return true
  }
  if (flood) ctx.reply(T.floodAck(t, T.callFor(a.emergency, ctx.db.community.emergency)), { urgent: floodAckUrgent(ctx) })
  if (draft.awaitingLocation) {
    ask(ctx, t.id)
    ctx.reply(unknown !== null ? T.unknownBuilding(t, unknown, Math.max(...ctx.db.buildings)) : T.ackAsk(t, ctx.msg.room !== null))
  } else {
    if (!flood) ctx.reply(T.ack(t), { about: { ticket: t.id, status: 'open', assignee: t.assignee } })
    dispatch(ctx, t)
  }
  return true
}

/**
 * Home repairs need the flat privately, the building and unit in a group (nobody posts a door number
 * there: the handler gets it privately or by calling); anything else needs at least a grid to route to
 * (a grid group gives one).
 */
function needsLocation(a: Analysis, grid: number | null, inGroup: boolean): boolean {
  if (a.target === '海军帮忙队') return a.building === null || (inGroup ? a.unit === null && a.room === null : a.room === null)
  if (a.target === GRID_LEADER) return grid === null && !a.areaHint
  return false
}

/** The identity a location question or a photo is tied to: the remark, else this login's ref, else the name. */
const keyOf = (ctx: Ctx) => ctx.actor.remark ?? ctx.actor.ref ?? ctx.actor.name

function ask(ctx: Ctx, ticketId: number) {
  const minutes = ctx.db.settings.askLocationMinutes
  ctx.state.pending = ctx.state.pending.filter(p => !(p.who === keyOf(ctx) && p.room === ctx.msg.room))
  ctx.state.pending.push({ who: keyOf(ctx), room: ctx.msg.room, ticketId, expiresAt: iso(new Date(ctx.now.getTime() + minutes * 60_000)) })
}

/** Messages about an urgent matter go at once, day or night. */
const atOnce = (out: Outgoing[]): Outgoing[] => out.map(o => ({ ...o, opts: { ...o.opts, urgent: true } }))

/** The reporter's next message after we asked where: fill in the location and dispatch. */
export function handleLocationAnswer(ctx: Ctx, text: string): boolean {
  const i = ctx.state.pending.findIndex(p => p.who === keyOf(ctx) && p.room === ctx.msg.room && Date.parse(p.expiresAt) > ctx.now.getTime())
  if (i < 0) return false
  const p = ctx.state.pending[i]
  const t = findTicket(ctx.state, p.ticketId)
  if (!t || !isOpen(t) || !t.awaitingLocation) return false // stale: expireAsks clears it
  // An emergency is never the answer to "where?": it is a report of its own (厨房着火了 救命).
  if (analyze(text, ctx.vocabulary, { buildings: ctx.db.buildings }).urgent) return false
  ctx.state.pending.splice(i, 1)
  const loc = parseLocation(text)
  if (loc.building !== null && ctx.db.buildings.includes(loc.building)) {
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
  else ctx.deliver(atOnce(routeToHandler(ctx.db, t, T.dispatch(t))))
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
  const t = [...ctx.state.tickets]
    .reverse()
    .find(
      x =>
        isOpen(x) &&
        x.room === ctx.msg.room &&
        (x.reporter === ctx.actor.name ? isReporter(x, ctx.actor, ownerRoom(ctx), ctx.epoch) === 'yes' : x.reporters.includes(ctx.actor.name)) &&
        ctx.now.getTime() - Date.parse(lastTouch(x)) <= windowMs,
    )
  if (!t) return false
  t.photos.push(ctx.msg.file)
  record(t, ctx.now, ctx.actor.name, 'photo')
  ctx.deliver(routeToHandler(ctx.db, t, T.photoForward(t, ctx.actor.name)))
  ctx.deliver(routeToHandler(ctx.db, t, '', ctx.msg.file))
  ctx.reply(T.photoAttached(t))
  return true
}

const lastTouch = (t: { history: { at: string; by: string }[]; createdAt: string }) => t.history.at(-1)?.at ?? t.createdAt
