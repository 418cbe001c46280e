import type { Db } from './core/schema.js'
import type { Destination, Ticket } from './core/types.js'
import type { Ctx, Incoming, Logger } from './commands/types.js'
import { actorOf, gridById, teamByRoom, isResidentRoom, type Actor } from './core/directory.js'
import { assignedTeam } from './core/tickets.js'
import { enqueue, markFailed, markSent, nextSend, pruneOutbox, type EnqueueOptions } from './core/outbox.js'
import type { OutboxItem } from './core/state.js'
import { findCommand } from './commands/index.js'
import { expireAsks, handleLocationAnswer, handlePhoto, handleReport } from './commands/report.js'
import { runCalendar, nextCalendarWake } from './commands/reminders.js'
import { runBroadcasts, nextBroadcastWake, broadcastPending } from './commands/broadcast.js'
import { runWelcomes } from './commands/welcome.js'
import { runEscalations, nextEscalationAt, closeUnrated, nextUnratedAt } from './commands/escalation.js'
import { commandText } from './core/command-text.js'
import { T } from './core/texts.js'
import { redact } from './core/redact.js'
import { iso, shanghaiDate } from './core/time.js'
import { archivable, markArchived, monthsFor } from './core/archive.js'
import type { Archive } from './adapters/archive.js'
import { onCalendarFire, runReportJobs, type ReportFiles } from './commands/reports.js'
import { pointEvents } from './core/report/points.js'
import type { IntakeVocabulary } from './core/intake/index.js'
import { extendVocabulary } from './core/intake/vocabulary.js'

/**
 * The storage the app needs: the loaded db (directory + state), a durable full write, and a cheap
 * durable journal for the outcome of each send (folded into the next full write; replayed at start).
 */
export interface Store {
  db: Db
  write(): Promise<void>
  journal(entry: SendRecord): Promise<void>
  /** Journal entries written after the last full write of a previous run. */
  replay?: unknown[]
}
export type SendRecord = { item: OutboxItem; pacing: Db['state']['pacing'] } | { seen: string }
/** Delivers one outbox item to WeChat; throws when it could not. */
export interface Sender { send(item: OutboxItem): Promise<void> }
export interface Clock { now(): Date }

export interface AppDeps {
  store: Store
  archive: Archive
  files: ReportFiles
  sender: Sender
  clock: Clock
  log: Logger
  random?: () => number
  /** The intake vocabulary that ships with the code (the community's additions come from the db). */
  vocabulary: IntakeVocabulary
  /** Alerts staff outside WeChat (the webhook). */
  alert?: (text: string) => Promise<unknown>
}

export interface App {
  handle(msg: Incoming): Promise<void>
  tick(): Promise<void>
  /** The earliest time (ms) the app has something to do, or null. */
  nextWake(): number | null
  /** Whether paced sends are due within a minute (the bot is not idle). */
  busy(): boolean
  /** People joined a group (welcomes are batched). */
  joined(room: string, names: string[]): Promise<void>
  /** The WeChat session dropped (false) or came back (true): sends and schedules pause meanwhile. */
  session(loggedIn: boolean): Promise<void>
}

const SEEN_MAX = 500
const MAX_TEXT = 1000
const REPLY_LIMIT = 6
const REPLY_WINDOW_MS = 10 * 60_000
const WELCOME_BATCH_MS = 30_000
const STALL_FAILURES = 3
const SYSTEM: Incoming = { id: '', from: '系统', room: null, text: '', kind: 'other', mentionsBot: false }

/** Folds send outcomes journaled after the last full write back into the state. */
function applyJournal(state: Db['state'], entries: unknown[]) {
  for (const e of entries as SendRecord[]) {
    if ('seen' in e) { if (!state.seen.includes(e.seen)) state.seen.push(e.seen); continue }
    const i = state.outbox.findIndex(o => o.id === e.item?.id)
    if (i < 0) continue
    if (state.outbox[i].status !== 'sent' && e.item.status === 'sent') state.sentLog.push(Date.parse(e.item.sentAt!))
    state.outbox[i] = e.item
    state.pacing = e.pacing
  }
}

/** Someone speaking in a team's work group is one of its volunteers, even if the directory does not list them yet. */
function withRoomTeam(db: Db, a: Actor, room: string | null): Actor {
  const team = teamByRoom(db, room)
  if (!team || a.team) return a
  return { ...a, team: team.name, roles: a.roles.includes('volunteer') ? a.roles : [...a.roles, 'volunteer'] }
}

export function createApp(deps: AppDeps): App {
  const { store, sender, clock, log, archive, files } = deps
  const random = deps.random ?? Math.random
  applyJournal(store.db.state, store.replay ?? [])
  let chain: Promise<unknown> = Promise.resolve()
  const serial = <R>(fn: () => Promise<R>): Promise<R> => {
    const next = chain.then(fn, fn)
    chain = next.catch(() => undefined)
    return next
  }

  // Anti-abuse: a resident gets at most REPLY_LIMIT replies in REPLY_WINDOW, then one polite note and
  // silence until the window passes (in memory: a restart forgives). Staff and volunteers are not limited.
  const replies = new Map<string, number[]>()
  let spoke = 0   // replies and sends attempted (a rate-limited reply still counts: its change must be written)
  function mayReply(name: string, limited: boolean, now: number): 'yes' | 'note' | 'no' {
    if (!limited) return 'yes'
    const recent = (replies.get(name) ?? []).filter(t => now - t < REPLY_WINDOW_MS)
    recent.push(now)
    replies.set(name, recent)
    return recent.length <= REPLY_LIMIT ? 'yes' : recent.length === REPLY_LIMIT + 1 ? 'note' : 'no'
  }

  function context(msg: Incoming, now: Date): Ctx {
    const db = store.db
    const state = db.state
    const send = (dest: Destination, text: string, opts?: EnqueueOptions) => { spoke++; enqueue(state, dest, text, now, opts) }
    const toConversation = (room: string | null, who: string, text: string, urgent = false) =>
      room ? send({ room }, isResidentRoom(db, room) ? redact(text) : text, { mentions: [who], urgent }) : send({ to: who }, text, { urgent })
    const ctx: Ctx = {
      now, db, state, msg, log,
      vocabulary: extendVocabulary(deps.vocabulary, db.intake),
      actor: withRoomTeam(db, actorOf(db, msg.from, now), msg.room),
      reply(text, opts) {
        spoke++
        const verdict = opts?.urgent ? 'yes' : mayReply(msg.from, ctx.actor.roles.length === 0, now.getTime())
        if (verdict === 'yes') toConversation(msg.room, msg.from, text, opts?.urgent)
        else if (verdict === 'note') toConversation(msg.room, msg.from, T.slowDown)
      },
      send,
      tellReporters(t, text) {
        for (const who of t.reporters) toConversation(t.room, who, text)
      },
      tellAssignee(t, text, file) {
        const team = assignedTeam(db, t)
        send(team ? { room: team.room } : { to: t.assignee }, text, file ? { file } : undefined)
      },
      dispatch: t => dispatch(ctx, t),
      async archived(id) {
        for (const month of monthsFor(state, id)) {
          const t = (await archive.load(month)).find(x => x.id === id)
          if (t) return t
        }
        return undefined
      },
      audit(action, detail) { state.audit.push({ at: iso(now), by: msg.from, action, ...(detail ? { detail } : {}) }) },
    }
    return ctx
  }

  /** The team's group and its lead privately, or the grid leader privately; urgent ones also to the staff group. */
  function dispatch(ctx: Ctx, t: Ticket) {
    const team = assignedTeam(ctx.db, t)
    const urgent = t.urgent
    if (team) {
      ctx.send({ room: team.room }, T.dispatch(t), { urgent })
      ctx.send({ to: team.lead }, T.dispatch(t), { urgent })
    } else {
      ctx.send({ to: t.assignee }, T.dispatch(t), { urgent })
    }
    if (urgent) {
      const leader = gridById(ctx.db, t.grid)?.leader
      if (leader && leader !== t.assignee) ctx.send({ to: leader }, T.urgentAlert(t), { urgent })
      ctx.send({ room: ctx.db.community.staffRoom }, T.urgentAlert(t), { urgent })
    }
    ctx.log.info(`ticket #${t.id} dispatched to ${t.target}`)
  }

  async function handleNow(raw: Incoming) {
    // Nobody reports a fault in more than a few lines: read at most MAX_TEXT characters of a message.
    const msg = raw.text.length > MAX_TEXT ? { ...raw, text: raw.text.slice(0, MAX_TEXT) } : raw
    const state = store.db.state
    if (msg.id && state.seen.includes(msg.id)) { log.debug(`skip duplicate message ${msg.id}`); return }
    if (msg.id) state.seen.push(msg.id)
    if (state.seen.length > SEEN_MAX) state.seen.splice(0, state.seen.length - SEEN_MAX)
    const ctx = context(msg, clock.now())
    const spokeBefore = spoke
    if (msg.kind === 'image') handlePhoto(ctx)
    else if (msg.kind === 'voice') { if (msg.room === null) ctx.reply(T.voiceHint) }
    else if (msg.kind === 'text') await handleText(ctx)
    // Every change a message makes comes with something to say (a reply, a dispatch): a message the bot
    // stays quiet on changed nothing but the seen ids, which the cheap journal records.
    if (spoke === spokeBefore) { if (msg.id) await store.journal({ seen: msg.id }); return }
    await store.write()      // the ticket and its replies are durable before anything is sent
    await drain()
    pruneOutbox(state, clock.now().getTime(), tag => broadcastPending(state, tag))
    await reportJobs(ctx.now)
  }

  async function handleText(ctx: Ctx) {
    const text = commandText(ctx.msg.text, ctx.db.community.botName)
    if (!text) return
    const found = findCommand(text, ctx.db)
    if (found) { await found.command.run(ctx, found.args); return }
    if (handleLocationAnswer(ctx, text)) return
    // Requests come from residents' groups and private chats; staff and team groups talk among themselves.
    const room = ctx.msg.room
    if (room !== null && !isResidentRoom(ctx.db, room)) return
    if (handleReport(ctx, ctx.msg.text)) return
    if (ctx.msg.room === null || ctx.msg.mentionsBot) ctx.reply(T.privateHint)
  }

  /** Periodic work: location questions, calendar, broadcasts, welcomes. Schedules wait while logged out. */
  function periodic(now: Date): boolean {
    const ctx = context(SYSTEM, now)
    let changed = expireAsks(ctx)
    changed = closeUnrated(ctx) || changed
    if (ctx.state.session.loggedIn) {
      changed = runEscalations(ctx) || changed
      changed = runCalendar(ctx, onCalendarFire) || changed
      changed = runBroadcasts(ctx) || changed
      changed = runWelcomes(ctx) || changed
    }
    return pruneOutbox(ctx.state, now.getTime(), tag => broadcastPending(ctx.state, tag)) || changed
  }

  /** Sends whatever the pacing allows now, one at a time, persisting each outcome. */
  async function drain() {
    const db = store.db
    while (db.state.session.loggedIn) {
      const now = clock.now().getTime()
      const next = nextSend(db.state, db.state.pacing, db.settings, now)
      if (!('item' in next)) {
        if (next.blocked) noticeCap(next.blocked.until, next.blocked.which, now)
        return
      }
      const item = next.item
      try {
        await sender.send(item)
        markSent(db.state, item, db.state.pacing, db.settings, now, random)
        failures = 0
      } catch (e) {
        const outcome = markFailed(item, db.state.pacing, db.settings, now, String((e as Error)?.message ?? e), random)
        log.warn(`send #${item.id} failed (${outcome}): ${item.error}`)
        stalled(++failures, now)
      }
      if (item.tag?.startsWith('broadcast:')) {
        runBroadcasts(context(SYSTEM, new Date(now)))
        await store.write()
      } else {
        await store.journal({ item, pacing: db.state.pacing })
      }
    }
  }

  // A session can stall without logging out: sends keep failing. Staff hear of it outside WeChat
  // (the retries with backoff go on meanwhile), at most once an hour.
  let failures = 0
  let stallAlertAt = -Infinity
  function stalled(count: number, now: number) {
    if (count < STALL_FAILURES || now - stallAlertAt < 3600_000) return
    stallAlertAt = now
    log.error(`${count} sends failed in a row: the WeChat session may have stalled`)
    void deps.alert?.(T.stalled(count))
  }

  /** Tells staff once per block that a sending cap holds messages back (they are queued, never dropped). */
  function noticeCap(until: number, which: 'hourly' | 'daily', now: number) {
    const session = store.db.state.session
    if (session.capNoticeUntil >= until) return
    session.capNoticeUntil = until
    const waiting = store.db.state.outbox.filter(o => o.status === 'queued').length
    log.warn(`outbox ${which} cap reached; ${waiting} queued until ${iso(new Date(until))}`)
    enqueue(store.db.state, { room: store.db.community.staffRoom },
      T.capNotice(which, waiting, new Date(until)), new Date(now), { urgent: true })
  }

  async function sessionNow(loggedIn: boolean) {
    const state = store.db.state
    const now = clock.now()
    if (state.session.loggedIn === loggedIn) return
    state.session.loggedIn = loggedIn
    if (!loggedIn) {
      state.session.since = iso(now)
      log.warn('WeChat session dropped: outbox and schedules paused')
    } else {
      const held = state.outbox.filter(o => o.status === 'queued').length
      if (state.session.since) enqueue(state, { room: store.db.community.staffRoom }, T.resumed(new Date(state.session.since), held), now, { urgent: true })
      state.session.since = null
      log.info(`WeChat session back: resuming ${held} queued messages`)
    }
    await store.write()
    if (loggedIn) { periodic(now); await store.write(); await drain() }
  }

  async function joinedNow(room: string, names: string[]) {
    const db = store.db
    if (!isResidentRoom(db, room)) return
    const fresh = names.filter(n => n !== db.community.botName)
    if (fresh.length === 0) return
    const now = clock.now()
    const pending = db.state.welcomes.find(w => w.room === room)
    if (pending) pending.names.push(...fresh.filter(n => !pending.names.includes(n)))
    else db.state.welcomes.push({ room, names: fresh, dueAt: iso(new Date(now.getTime() + WELCOME_BATCH_MS)) })
    await store.write()
  }

  /** Once a day: closed tickets older than 90 days move to monthly archive files, keeping db.json small. */
  async function archiveOld(now: Date) {
    const state = store.db.state
    const today = shanghaiDate(now)
    if (state.lastArchiveDay === today) return false
    for (const [month, tickets] of archivable(state, now.getTime())) {
      const total = await archive.append(month, tickets)   // the archive file first: a crash here duplicates, never loses
      for (const e of pointEvents(tickets, [])) state.pointsArchived[e.name] = (state.pointsArchived[e.name] ?? 0) + e.points
      markArchived(state, month, tickets, total)
      log.info(`archived ${tickets.length} tickets of ${month}`)
    }
    state.lastArchiveDay = today
    return true
  }

  /** Report jobs draw a chart and write files: done after the quick work, then sent through the outbox. */
  async function reportJobs(now: Date) {
    const state = store.db.state
    if (state.reportJobs.length === 0 || !state.session.loggedIn) return
    const ctx = context(SYSTEM, now)
    await runReportJobs(ctx, files, async month => (state.archive.some(a => a.month === month) ? archive.load(month) : []))
    await store.write()
    await drain()
  }

  async function tickNow() {
    const archived = await archiveOld(clock.now())
    if (periodic(clock.now()) || archived) await store.write()   // nothing new, nothing to write
    await drain()
    await reportJobs(clock.now())
  }

  return {
    handle: msg => serial(() => handleNow(msg)),
    tick: () => serial(tickNow),
    nextWake() {
      const db = store.db
      const state = db.state
      const now = clock.now().getTime()
      const times: (number | null)[] = [
        ...state.pending.map(p => Date.parse(p.expiresAt)),
        nextUnratedAt({ db, state }),
      ]
      if (state.session.loggedIn) {   // sends and schedules wait while the session is down
        const n = nextSend(state, state.pacing, db.settings, now)
        times.push('item' in n ? now : n.wakeAt)
        times.push(nextCalendarWake(db, new Date(now)), nextBroadcastWake(db), nextEscalationAt({ db, state }))
        times.push(...state.welcomes.map(w => Date.parse(w.dueAt)))
      }
      const real = times.filter((t): t is number => t !== null)
      return real.length ? Math.min(...real) : null
    },
    joined: (room, names) => serial(() => joinedNow(room, names)),
    session: loggedIn => serial(() => sessionNow(loggedIn)),
    busy: () => store.db.state.session.loggedIn && store.db.state.outbox.some(o => o.status === 'queued' && Date.parse(o.notBefore) <= clock.now().getTime() + 60_000),
  }
}
