import type { Ctx } from '../types.js'
import type { WebForm } from '../../ports.js'
import type { Ticket } from '../../core/types.js'
import { analyze, type Analysis } from '../../core/intake/index.js'
import { answerQuestion } from '../../core/kb/index.js'
import { GRID_LEADER, gridOfBuilding } from '../../core/directory.js'
import { WEB_REPORTER } from '../../core/identity.js'
import { normalizeInput } from '../../core/input.js'
import { addressOf, createTicket, findDuplicate, findTicket, isSuicide, record, type NewTicket } from '../../core/tickets.js'
import { routeToHandler } from '../../core/routing.js'
import { T } from '../../core/texts.js'
import { dispatch } from './dispatch.js'
import { sentNotices } from './intake.js'
import { move, rejectDone } from './verdicts.js'
import { WT } from './web-texts.js'
import { tellFlood, urgentFlood } from './urgent-flood.js'

type ReportForm = Extract<WebForm, { kind: 'report' }>
type VerdictForm = Extract<WebForm, { kind: 'verdict' }>

const TICKET_TEXT = 300

/** A form from the resident web page (src/web/resident): a report, or a verdict through a follow link. */
export function hearForm(ctx: Ctx): boolean {
  const f = ctx.msg.form
  if (!f || ctx.msg.channel !== 'web') return false
  // Replies to a web form are shown on the page, never sent: the chat's reply limiter (which keeps a
  // chatty resident from flooding WeChat) does not apply; the page limits submissions itself.
  const web: Ctx = { ...ctx, reply: text => ctx.reply(text, { urgent: true }) }
  return f.kind === 'report' ? reportFromWeb(web, f) : verdictFromWeb(web, f)
}

/**
 * A report from the web page, through the chat's intake, merging, routing and dispatch. The resident
 * pressed 提交, so it is a report even where the intake alone would not be sure; the building and unit
 * come from the page's lists (never a location question: there is no chat to answer it in). The phone
 * is kept for the handler only, the photo goes with the ticket as a chat photo does, and the ticket
 * keeps the hash of its follow link.
 */
export function reportFromWeb(ctx: Ctx, f: ReportForm): boolean {
  const problem = normalizeInput(f.problem).trim().slice(0, TICKET_TEXT)
  const place = `${f.building}号楼${f.unit !== null ? `${f.unit}单元` : ''}`
  const a = analyze(`${problem} ${place}`, ctx.vocabulary, { buildings: ctx.db.buildings })
  const kind = a.request ? { category: a.category, target: a.target } : a.candidate
  const draft: NewTicket = {
    reporter: WEB_REPORTER,
    reporterId: { remark: null, ref: ctx.actor.ref, epoch: ctx.epoch },
    room: null,
    text: problem,
    category: kind?.category ?? '其他',
    target: kind?.target ?? GRID_LEADER,
    grid: gridOfBuilding(ctx.db, f.building)?.id ?? null,
    building: f.building,
    unit: f.unit,
    roomNo: f.door,
    urgent: a.urgent,
    areaKey: null,
    awaitingLocation: false,
  }
  const dup = findDuplicate(ctx.state, draft, ctx.now)
  if (dup) return joinTicket(ctx, dup, f, a)
  const flood = urgentFlood(ctx, draft)
  if (flood) draft.urgent = false
  const t = createTicket(ctx.state, ctx.db, draft, ctx.now)
  if (f.phone) t.contactPhone = f.phone
  t.webToken = f.follow
  ctx.log.info(`ticket #${t.id} created from the web page: ${t.category} → ${t.target}${t.urgent ? ' URGENT' : flood ? ' (urgent words, past the limit)' : ''}`)
  const n = ctx.db.community.emergency
  if (t.urgent) ctx.reply(isSuicide(t) ? T.suicideAck(t, n) : T.urgentAck(t, T.callFor(a.emergency, n)))
  else if (flood)
    ctx.reply(T.floodAck(t, T.callFor(a.emergency, n))) // the page shows it at once
  else ctx.reply(WT.ack(t, ctx.db.community.publicPhones[0]))
  if (flood) tellFlood(ctx, t)
  dispatch(ctx, t)
  if (f.photo) attachPhoto(ctx, t, f.photo)
  tellInChat(ctx, t, f)
  // A question the knowledge base answers (or a matter for 12345) is still a report here, with the answer.
  if (!a.urgent && (a.question || a.remit === 'outside' || !a.request)) {
    const answer = answerQuestion(problem, ctx.db.knowledge, sentNotices(ctx), ctx.now, { outside: a.remit === 'outside' })
    if (answer) ctx.reply(WT.alsoKnow(answer.answer))
  }
  return true
}

/**
 * When the resident gave their WeChat nickname, they are told in their grid's group too, once the bot
 * is logged in (the outbox holds it till then): the number only, never the address, the phone or the
 * link, so a nickname typed wrongly, or someone else's, discloses nothing.
 */
function tellInChat(ctx: Ctx, t: Ticket, f: ReportForm) {
  const room = ctx.db.grids.find(g => g.id === t.grid)?.room
  if (!f.nick || !room) return
  ctx.send({ room }, WT.toldInChat(t), { mentions: [f.nick] })
}

/**
 * The same fault in the same place is already open: the report joins it (one dispatch, not two), its
 * follow link shows that ticket's status, and the handler hears where this neighbour is and how to
 * reach them, when they said.
 */
function joinTicket(ctx: Ctx, t: Ticket, f: ReportForm, a: Analysis): boolean {
  const where = addressOf({ building: f.building, unit: f.unit, roomNo: f.door, grid: null })
  record(t, ctx.now, WEB_REPORTER, 'merged', `网页报修：${where}${f.phone ? `，电话 ${f.phone}` : ''}`)
  t.webFollowers = [...(t.webFollowers ?? []), f.follow]
  if (f.door || f.phone) ctx.deliver(routeToHandler(ctx.db, t, WT.joinedToHandler(t, where, f.phone)))
  if (f.photo) attachPhoto(ctx, t, f.photo)
  ctx.reply(WT.merged(t, t.urgent ? T.callFor(a.emergency, ctx.db.community.emergency) : ''))
  return true
}

/** The photo joins the ticket and goes to its handler, as a photo sent in chat does (intake.ts handlePhoto). */
function attachPhoto(ctx: Ctx, t: Ticket, file: string) {
  t.photos.push(file)
  record(t, ctx.now, WEB_REPORTER, 'photo')
  ctx.deliver(routeToHandler(ctx.db, t, T.photoForward(t, WEB_REPORTER)))
  ctx.deliver(routeToHandler(ctx.db, t, '', file))
}

/**
 * 满意 / 还有问题 pressed on a status page: the reporter's link (not a merged neighbour's) acts on that
 * one ticket, through the same transitions as the chat's verdicts.
 */
function verdictFromWeb(ctx: Ctx, f: VerdictForm): boolean {
  const t = findTicket(ctx.state, f.ticket)
  // The page checked the link already; the queue checks it again against the ticket as it is now.
  if (!t || t.webToken === undefined || t.webToken !== f.follow) {
    ctx.reply(WT.notFound)
    return false
  }
  const note = normalizeInput(f.note).trim().slice(0, 100)
  if (f.verdict === 'dissatisfied') return rejectDone(ctx, t, note)
  if (move(ctx, t, 'satisfied', '评价', { note: note || undefined })) ctx.reply(T.thanks(t))
  return true
}
