import {
  isWriteFailure,
  type Sms,
  type Alert,
  type App,
  type Archive,
  type Clock,
  type ConsoleLink,
  type Incoming,
  type Logger,
  type ReportFiles,
  type Sender,
  type ServerCodes,
  type SessionInfo,
  type Store,
  type WeChat,
} from './ports.js'
import type { Feature, JobCtx } from './features/types.js'
import type { IntakeVocabulary } from './core/intake/index.js'
import { normalizeInput } from './core/input.js'
import { pruneOutbox } from './core/outbox.js'
import { iso } from './core/time.js'
import { T } from './core/texts.js'
import { createContext, createJobContext, SYSTEM, type ContextDeps } from './kernel/context.js'
import { createRouter } from './kernel/commands.js'
import { applyJournal, createDelivery } from './kernel/delivery.js'
import { replyLimiter } from './kernel/replies.js'
import { serialQueue } from './kernel/queue.js'
import { healthOf } from './kernel/health.js'
import { createJobs } from './kernel/jobs.js'
import { recordSession } from './kernel/session.js'
import { createWriteFailure } from './kernel/write-failure.js'

export interface AppDeps {
  store: Store
  archive: Archive
  files: ReportFiles
  sender: Sender
  /** WeChat besides sending: groups by topic (to check work groups), remarks. */
  wechat: WeChat
  /** Binding codes issued from the server (`npm run bind`). */
  serverCodes?: ServerCodes
  clock: Clock
  log: Logger
  random?: () => number
  /** The intake vocabulary that ships with the code (the community's additions come from the db). */
  vocabulary: IntakeVocabulary
  /** Alerts staff outside WeChat (the webhook). */
  alert?: Alert
  /** A text message to the duty phone (an SMS provider), when configured. */
  sms?: Sms
  /** The staff console's sign-in links (the 后台 command), when the console runs. */
  consoleLink?: ConsoleLink
  /** The features, in order (src/features/index.ts). */
  features: Feature[]
  /** The session's diagnosis and the puppet's capabilities, for health() (adapters/session-watch.ts). */
  sessionInfo?: () => SessionInfo
}

const SEEN_MAX = 500
const MAX_TEXT = 1000

/**
 * The kernel: one serial queue for everything that changes state, the Ctx, message routing with the
 * permissions the features declare, and a loop over the features' jobs. It knows no feature by name.
 */
export function createApp(appDeps: AppDeps): App {
  let deps = appDeps
  const { store, clock, log, features } = deps
  applyJournal(store.db.state, store.replay ?? [])
  // The last alert sent outside WeChat, for the console's health panel.
  let lastAlert: { at: string; text: string } | null = null
  const outside = deps.alert
  const alert =
    outside &&
    (async (text: string) => {
      lastAlert = { at: iso(clock.now()), text }
      return outside(text)
    })
  deps = { ...deps, alert }
  const ctxDeps: ContextDeps = { ...deps, mayReply: replyLimiter() }
  const jobCtx = (now: Date) => createJobContext(ctxDeps, now)
  const delivery = createDelivery({
    ...deps,
    random: deps.random ?? Math.random,
    afterTagged: (tag, now) => {
      const ctx = jobCtx(now)
      return features.reduce((changed, f) => (f.sent?.(ctx, tag) ?? false) || changed, false)
    },
  })
  const prune = (now: Date) => pruneOutbox(store.db.state, now.getTime(), tag => features.some(f => f.keepsSent?.(store.db.state, tag)))

  const serial = serialQueue()
  const jobs = createJobs(features, jobCtx)
  const quickJobs = async (ctx: JobCtx) => {
    const changed = await jobs.quick(ctx)
    return prune(ctx.now) || changed
  }

  const routeText = createRouter(features)

  const rolledBack = createWriteFailure(deps)
  async function writeFailed(e: Error & { code: string }, msg: Incoming | null, captured?: string[]) {
    rolledBack(e)
    if (!msg) return
    if (captured) captured.splice(0)
    const ctx = createContext(ctxDeps, msg, clock.now(), captured)
    ctx.reply(T.notSaved(store.db.community.publicPhones[0]), { urgent: true })
    await delivery.drain({ volatile: true })
  }

  async function handleNow(raw: Incoming, captured?: string[]) {
    try {
      await handleMessage(raw, captured)
    } catch (e) {
      if (!isWriteFailure(e)) throw e
      await writeFailed(e, raw, captured)
    }
  }

  async function handleMessage(raw: Incoming, captured?: string[]) {
    // Nobody reports a fault in more than a few lines: read at most MAX_TEXT characters of a message,
    // with invisible characters gone and every digit form read as a digit (core/input.ts).
    const msg = { ...raw, text: normalizeInput(raw.text.slice(0, MAX_TEXT)) }
    const state = store.db.state
    if (msg.id && state.seen.includes(msg.id)) {
      log.debug(`skip duplicate message ${msg.id}`)
      return
    }
    if (msg.id) state.seen.push(msg.id)
    if (state.seen.length > SEEN_MAX) state.seen.splice(0, state.seen.length - SEEN_MAX)
    const ctx = createContext(ctxDeps, msg, clock.now(), captured)
    const noted = features.reduce((changed, f) => (f.observe?.(ctx) ?? false) || changed, false)
    // A web form is never read as chat text: no command can run from a form's fields.
    const taken =
      (msg.form ? features.some(f => f.form?.(ctx) ?? false) : msg.kind === 'text' ? await routeText(ctx) : features.some(f => f.media?.(ctx) ?? false)) ||
      noted
    // A message the bot stays quiet on changed nothing but the seen ids, which the cheap journal records.
    if (!taken) {
      if (msg.id) await store.journal({ seen: msg.id })
      return
    }
    await store.write() // the ticket and its replies are durable before anything is sent
    await delivery.drain()
    prune(clock.now())
    await slowJobs()
  }

  /** Slow jobs after the quick work; whatever they queue is sent at once. */
  async function slowJobs() {
    if (!(await jobs.slow(clock.now()))) return
    await store.write()
    await delivery.drain()
  }

  async function tickNow() {
    try {
      if (await quickJobs(jobCtx(clock.now()))) await store.write() // nothing new, nothing to write
      await delivery.drain()
      await slowJobs()
    } catch (e) {
      if (!isWriteFailure(e)) throw e
      await writeFailed(e, null)
    }
  }

  async function sessionNow(loggedIn: boolean) {
    const now = clock.now()
    const change = recordSession(store.db, loggedIn, now, log)
    if (change === 'same') return
    await store.write()
    if (change !== 'back') return
    await quickJobs(jobCtx(now))
    await store.write()
    await delivery.drain()
  }

  async function renamedNow(from: string, to: string, by: string) {
    const ctx = createContext(ctxDeps, { ...SYSTEM, room: to }, clock.now())
    if (features.reduce((taken, f) => (f.renamed?.(ctx, from, to, by) ?? false) || taken, false)) await store.write()
  }

  async function joinedNow(room: string, names: string[]) {
    const ctx = createContext(ctxDeps, { id: '', from: '系统', room, text: '', kind: 'other', mentionsBot: false }, clock.now())
    if (features.reduce((taken, f) => (f.joined?.(ctx, room, names) ?? false) || taken, false)) await store.write()
  }

  return {
    // Forms come only from the web pages (perform), whose replies are returned.
    handle: msg => serial(() => handleNow(msg.form ? { ...msg, form: undefined } : msg)),
    tick: () => serial(tickNow),
    nextWake() {
      const now = clock.now()
      const real = [jobs.nextWake(store.db, now), delivery.nextWake(now.getTime())].filter((t): t is number => t !== null)
      return real.length ? Math.min(...real) : null
    },
    joined: (room, names) => serial(() => joinedNow(room, names)),
    renamed: (from, to, by) => serial(() => renamedNow(from, to, by)),
    session: loggedIn => serial(() => sessionNow(loggedIn)),
    busy: () => delivery.busy(),
    perform: msg =>
      serial(async () => {
        const captured: string[] = []
        await handleNow({ ...msg, channel: 'web' }, captured)
        return captured
      }),
    update: (by, change) =>
      serial(async () => {
        const who = { remark: by, nick: by, friend: true, ref: `web:${by}`, remarkShared: false, nickTwins: 0 }
        const ctx = createContext(ctxDeps, { ...SYSTEM, from: by, who, channel: 'web' }, clock.now(), [])
        const result = await change(ctx)
        try {
          await store.write()
        } catch (e) {
          if (isWriteFailure(e)) rolledBack(e) // the console shows the error; staff are alerted as for chat
          throw e
        }
        await delivery.drain()
        return result
      }),
    view: () => store.db,
    health: () => healthOf(store.db, clock.now().getTime(), lastAlert, deps.sessionInfo?.()),
  }
}
