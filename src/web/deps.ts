import type { Context } from 'hono'
import type { App, Archive, Clock, Logger, UpdateCtx } from '../ports.js'
import type { IntakeVocabulary } from '../core/intake/index.js'
import type { Db } from '../core/schema.js'
import { actorOf } from '../core/identity.js'
import { isStaff } from '../core/directory.js'
import type { Auth, Session } from './auth.js'

/** What the console needs from the rest of the bot: the app (the one writer), the clock, files to read. */
export interface ConsoleDeps {
  app: App
  clock: Clock
  log: Logger
  /** Monthly archive files (past months' tickets, read only). */
  archive: Archive
  /** The db's media/ folder: the only place photos are served from. */
  mediaDir: string
  /** The intake vocabulary that ships with the code (Open311 services are its categories). */
  vocabulary: IntakeVocabulary
  /** The remarks the WeChat account gives (binding state); absent while WeChat is not reachable. */
  remarks?: () => Promise<string[]>
  /** The address people open, e.g. https://linli.example.org (sign-in links). */
  publicUrl: string
  /** A reverse proxy we control sets X-Forwarded-Proto / X-Forwarded-For. */
  trustProxy?: boolean
  /** When set, Open311 callers must pass ?api_key=… */
  open311ApiKey?: string
  /** After each change: the shell re-arms its wake-up timer (a notice scheduled, a message queued). */
  afterWork?: () => void
}

/** The console's own helpers over the deps, shared by the pages. */
export interface Web extends ConsoleDeps {
  auth: Auth
  /** Runs a chat command as the signed-in staff member (same permissions and transitions), audited; returns the replies. */
  perform(staff: string, label: string, text: string): Promise<string[]>
  /** A console change in the app's queue: written and audited with who and when. */
  change<R>(staff: string, action: string, detail: string, fn: (ctx: UpdateCtx) => R): Promise<R>
}

export type Env = { Variables: { session: Session } }
export type C = Context<Env>

/**
 * Who may use the console: staff, exactly as chat decides it (the directory's roles and the day's grants,
 * through the remark), and not unbound (解绑) since `since`. Checked at sign-in and on every request, so
 * someone removed or unbound loses access at once. Volunteers and grid leaders may later get a read-only
 * view of their own tickets here; residents never.
 */
export function mayUseConsole(db: Db, name: string, now: Date, since: number): boolean {
  const who = { remark: name, nick: name, friend: true, ref: `web:${name}`, remarkShared: false, nickTwins: 0 }
  if (!isStaff(actorOf(db, db.state.grants, name, who, now))) return false
  return !db.state.audit.some(a => a.action === '解绑' && a.detail?.trim() === name && Date.parse(a.at) >= since - 999)
}
