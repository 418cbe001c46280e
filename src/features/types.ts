/**
 * What a feature declares and what it may use. A feature owns its commands (with who may use each), the
 * messages it hears, its periodic job and next wake, and its texts; the kernel (src/app.ts) enforces
 * permissions from the declarations, calls the jobs, and knows no feature by name.
 */
import type { Db } from '../core/schema.js'
import type { State } from '../core/state.js'
import type { Actor } from '../core/directory.js'
import type { Destination, Ticket } from '../core/types.js'
import type { EnqueueOptions } from '../core/outbox.js'
import type { IntakeVocabulary } from '../core/intake/index.js'
import type { Outgoing } from '../core/routing.js'
import type { Archive, ConsoleLink, Incoming, Logger, ReportFiles, ServerCodes, WeChat } from '../ports.js'
import type { RoomRole } from '../core/rooms.js'

/** What a feature may see and do. Sends are only queued; the kernel persists, then the outbox delivers. */
export interface Ctx {
  now: Date
  db: Db
  state: State
  actor: Actor
  msg: Incoming
  log: Logger
  /** The intake vocabulary: shipped words plus the community's additions. */
  vocabulary: IntakeVocabulary
  /** What the group the message came from is to us (null role: a private chat or an unknown group). */
  /** trusted: work content may go there; genuine: its members check out (a renamed residents' group too). */
  room: { role: RoomRole | null; trusted: boolean; genuine?: boolean; was?: string }
  /** Which login this is: session refs of an older login are stale. */
  epoch: number
  /** WeChat itself, for remarks and groups. */
  wechat: WeChat
  /** Binding codes issued from the server (`npm run bind`). */
  serverCodes: ServerCodes
  /** The staff console's one-time sign-in link (null: the console is not running). */
  consoleLink: ConsoleLink
  /** Tells the duty worker privately, once per key (an impostor, a shared remark, an untrusted group). */
  tellStaffOnce(key: string, text: string): void
  /** Alerts staff outside WeChat (the webhook) at once: for what WeChat alone did not get answered. */
  alert(text: string): void
  /** A text message to the duty phone, when an SMS provider is configured. */
  sms(text: string, params: Record<string, string>): void
  /** Answers in the conversation the message came from (rate-limited for residents). */
  reply(text: string, opts?: { urgent?: boolean; about?: EnqueueOptions['about'] }): void
  send(dest: Destination, text: string, opts?: EnqueueOptions): void
  /** Queues messages a core routing function produced. */
  deliver(out: Outgoing[]): void
  /** A ticket moved to the archive (closed long ago), or undefined. */
  archived(id: number): Promise<Ticket | undefined>
  audit(action: string, detail?: string): void
}

/** Who may use a command: anyone, volunteers/grid workers/staff, or staff only. */
export type Who = 'anyone' | 'worker' | 'staff'

/** How a command's ticket number is checked before it runs: handlers, the reporter, or anyone may see it. */
export type TicketAccess = 'work' | 'own' | 'view'

export interface Command {
  name: string
  usage: string
  help: string
  /** Who may run it (the kernel refuses everyone else with one text, and 帮助 shows it only to them). */
  who: Who
  /** Only in a private chat (staff commands that would flood a group). */
  privateOnly?: boolean
  /** Not ours to answer when someone else says it (a resident saying 确认 in a chat): no refusal, no reply; 'group': quiet in groups only. */
  quietRefusal?: boolean | 'group'
  /** The command starts with a ticket number: the kernel parses and checks it, and passes the ticket. */
  ticket?: TicketAccess
  /** Without a number: the ticket it must mean (the one awaiting this person's verdict), or what to say. */
  defaultTicket?: (ctx: Ctx) => Ticket | string
  /** Returns the argument text when this command applies to the message, else null. */
  match(text: string, db: Db): string | null
  run(ctx: Ctx, args: string, ticket: Ticket): void | Promise<void>
}

/** Something a feature hears that is not a command (a report, an answer, a photo): true when taken. */
export type Hearer = (ctx: Ctx, text: string) => boolean

/** The context of a job: no message, the system acts. Report jobs also get files and the archive. */
export interface JobCtx extends Ctx {
  files: ReportFiles
  archive: Archive
  /** The WeChat session is up (schedules wait while it is down). */
  loggedIn: boolean
}

export interface Job {
  /** Does the due work; returns whether it changed anything (then the kernel writes the db). */
  run(ctx: JobCtx): boolean | Promise<boolean>
  /** The earliest time (ms) this job has something to do, or null. */
  nextWake(db: Db, now: Date): number | null
  /** Runs while the session is down too (it sends nothing then). Default: only while logged in. */
  whileLoggedOut?: boolean
  /** Slow work (files, charts): run after the quick work and the first drain of the outbox. */
  slow?: boolean
}

export interface Feature {
  name: string
  commands?: Command[]
  /** Non-command text, tried in feature order after the commands. */
  hears?: Hearer
  /** Images and voice messages. */
  media?: (ctx: Ctx) => boolean
  /** A form from the resident web page (ctx.msg.form): true when taken. */
  form?: (ctx: Ctx) => boolean
  /** Sees every message before it is routed (who is speaking, from where); true when it changed state. */
  observe?: (ctx: Ctx) => boolean
  /** People joined a resident group. */
  joined?: (ctx: Ctx, room: string, names: string[]) => boolean
  /** Someone changed a group's topic. */
  renamed?: (ctx: Ctx, from: string, to: string, by: string) => boolean
  job?: Job
  /** An outbox item this feature tagged was sent or gave up: returns whether the state changed. */
  sent?: (ctx: JobCtx, tag: string) => boolean
  /** Keep a sent item with this tag in the outbox (a delivery report still needs it). */
  keepsSent?: (state: State, tag: string) => boolean
}
