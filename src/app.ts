import type { Db } from './core/schema.js'
import type { Destination, Ticket } from './core/types.js'
import type { Ctx, Incoming, Logger } from './commands/types.js'
import { actorOf, GRID_LEADER, gridById, teamByName, isResidentRoom } from './core/directory.js'
import { enqueue, markFailed, markSent, nextSend, pruneOutbox, type EnqueueOptions } from './core/outbox.js'
import type { OutboxItem } from './core/state.js'
import { findCommand } from './commands/index.js'
import { expireAsks, handleLocationAnswer, handlePhoto, handleReport } from './commands/report.js'
import { runCalendar, nextCalendarWake } from './commands/reminders.js'
import { runBroadcasts, nextBroadcastWake } from './commands/broadcast.js'
import { commandText } from './core/command-text.js'
import { T } from './core/texts.js'
import { redact } from './core/redact.js'
import { iso } from './core/time.js'

/** The storage the app needs: the loaded db (directory + state) and a durable write. */
export interface Store { db: Db; write(): Promise<void> }
/** Delivers one outbox item to WeChat; throws when it could not. */
export interface Sender { send(item: OutboxItem): Promise<void> }
export interface Clock { now(): Date }

export interface AppDeps {
  store: Store
  sender: Sender
  clock: Clock
  log: Logger
  random?: () => number
}

export interface App {
  handle(msg: Incoming): Promise<void>
  tick(): Promise<void>
  /** The earliest time (ms) the app has something to do, or null. */
  nextWake(): number | null
  /** Whether paced sends are due within a minute (the bot is not idle). */
  busy(): boolean
}

const SEEN_MAX = 2000
const SYSTEM: Incoming = { id: '', from: '系统', room: null, text: '', kind: 'other', mentionsBot: false }

export function createApp(deps: AppDeps): App {
  const { store, sender, clock, log } = deps
  const random = deps.random ?? Math.random
  let chain: Promise<unknown> = Promise.resolve()
  const serial = <R>(fn: () => Promise<R>): Promise<R> => {
    const next = chain.then(fn, fn)
    chain = next.catch(() => undefined)
    return next
  }

  function context(msg: Incoming, now: Date): Ctx {
    const db = store.db
    const state = db.state
    const send = (dest: Destination, text: string, opts?: EnqueueOptions) => { enqueue(state, dest, text, now, opts) }
    const toConversation = (room: string | null, who: string, text: string, urgent = false) =>
      room ? send({ room }, isResidentRoom(db, room) ? redact(text) : text, { mentions: [who], urgent }) : send({ to: who }, text, { urgent })
    const ctx: Ctx = {
      now, db, state, msg, log,
      actor: actorOf(db, msg.from, now),
      reply: (text, opts) => toConversation(msg.room, msg.from, text, opts?.urgent),
      send,
      tellReporters(t, text) {
        for (const who of t.reporters) toConversation(t.room, who, text)
      },
      tellAssignee(t, text, file) {
        const team = t.target === GRID_LEADER ? undefined : teamByName(db, t.target)
        send(team ? { room: team.room } : { to: t.assignee }, text, file ? { file } : undefined)
      },
      dispatch: t => dispatch(ctx, t),
      audit(action, detail) { state.audit.push({ at: iso(now), by: msg.from, action, ...(detail ? { detail } : {}) }) },
    }
    return ctx
  }

  /** The team's group and its lead privately, or the grid leader privately; urgent ones also to the staff group. */
  function dispatch(ctx: Ctx, t: Ticket) {
    const team = t.target === GRID_LEADER ? undefined : teamByName(ctx.db, t.target)
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

  async function handleNow(msg: Incoming) {
    const state = store.db.state
    if (msg.id && state.seen.includes(msg.id)) { log.debug(`skip duplicate message ${msg.id}`); return }
    if (msg.id) state.seen.push(msg.id)
    if (state.seen.length > SEEN_MAX) state.seen.splice(0, state.seen.length - SEEN_MAX)
    const ctx = context(msg, clock.now())
    if (msg.kind === 'image') handlePhoto(ctx)
    else if (msg.kind === 'voice') { if (msg.room === null) ctx.reply(T.voiceHint) }
    else if (msg.kind === 'text') await handleText(ctx)
    await store.write()      // the ticket and its replies are durable before anything is sent
    await drain()
  }

  async function handleText(ctx: Ctx) {
    const text = commandText(ctx.msg.text, ctx.db.community.botName)
    if (!text) return
    const found = findCommand(text, ctx.db)
    if (found) { await found.command.run(ctx, found.args); return }
    if (handleLocationAnswer(ctx, text)) return
    if (handleReport(ctx, ctx.msg.text)) return
    if (ctx.msg.room === null || ctx.msg.mentionsBot) ctx.reply(T.privateHint)
  }

  /** Periodic work: location questions, calendar, broadcasts. */
  function periodic(now: Date) {
    const ctx = context(SYSTEM, now)
    expireAsks(ctx)
    runCalendar(ctx)
    runBroadcasts(ctx)
    pruneOutbox(ctx.state, now.getTime())
  }

  /** Sends whatever the pacing allows now, one at a time, persisting each outcome. */
  async function drain() {
    const db = store.db
    for (;;) {
      const now = clock.now().getTime()
      const next = nextSend(db.state, db.state.pacing, db.settings, now)
      if (!('item' in next)) return
      const item = next.item
      try {
        await sender.send(item)
        markSent(item, db.state.pacing, db.settings, now, random)
      } catch (e) {
        const outcome = markFailed(item, db.state.pacing, db.settings, now, String((e as Error)?.message ?? e), random)
        log.warn(`send #${item.id} failed (${outcome}): ${item.error}`)
      }
      if (item.tag?.startsWith('broadcast:')) runBroadcasts(context(SYSTEM, new Date(now)))
      await store.write()
    }
  }

  async function tickNow() {
    periodic(clock.now())
    await store.write()
    await drain()
  }

  return {
    handle: msg => serial(() => handleNow(msg)),
    tick: () => serial(tickNow),
    nextWake() {
      const db = store.db
      const now = clock.now().getTime()
      const times: number[] = []
      const n = nextSend(db.state, db.state.pacing, db.settings, now)
      if ('item' in n) times.push(now)
      else if (n.wakeAt !== null) times.push(n.wakeAt)
      for (const p of db.state.pending) times.push(Date.parse(p.expiresAt))
      const cal = nextCalendarWake(db, new Date(now))
      if (cal !== null) times.push(cal)
      const b = nextBroadcastWake(db)
      if (b !== null) times.push(b)
      return times.length ? Math.min(...times) : null
    },
    busy: () => store.db.state.outbox.some(o => o.status === 'queued' && Date.parse(o.notBefore) <= clock.now().getTime() + 60_000),
  }
}
