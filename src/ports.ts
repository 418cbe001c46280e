/**
 * Every interface between the app and the outside world, in one place. The core never sees these;
 * the kernel (src/app.ts) and the features use them; the adapters (src/adapters/) implement them.
 */
import type { Db } from './core/schema.js'
import type { OutboxItem } from './core/state.js'
import type { Destination, Ticket } from './core/types.js'
import type { MonthlyStats } from './core/report/index.js'
import type { Diagnosis } from './core/session-diagnosis.js'
import type { FeatureReport } from './core/puppet-profile.js'

export interface Logger {
  debug(msg: string): void
  info(msg: string): void
  warn(msg: string): void
  error(msg: string): void
}

export interface Clock {
  now(): Date
}

/** A send outcome (the item, the pacing gates and the attempt's time) or a seen message id, journaled between full writes and replayed at start. */
export type SendRecord = { item: OutboxItem; pacing: Db['state']['pacing']; at?: number } | { seen: string }

/**
 * The loaded db (directory + state), a durable full write, and a cheap durable journal for the outcome
 * of each send (folded into the next full write; replayed at start).
 */
export interface Store {
  db: Db
  /** Durable (written completely, fsynced, renamed, folder fsynced) or throws with the file intact. */
  write(): Promise<void>
  journal(entry: SendRecord): Promise<void>
  /** Journal entries to re-apply over `db`: at open, those a previous run left; after rollback(), those since the last durable write. */
  replay?: unknown[]
  /** Puts `db` back, in place, to what the last durable write (or the load) holds. */
  rollback(): void
}

/** A write that did not become durable (a full disk, an I/O error, permissions): the file on disk is intact. */
export const isWriteFailure = (e: unknown): e is Error & { code: string } => (e as Error)?.name === 'StoreWriteError'

/** Monthly archive files beside db.json: closed tickets, still found by 查询 and reports. */
export interface Archive {
  /** Adds tickets to a month's file (idempotent by id); returns how many the file holds. */
  append(month: string, tickets: Ticket[]): Promise<number>
  load(month: string): Promise<Ticket[]>
}

/**
 * Delivers one outbox item to WeChat; throws when it could not. `roomRef` names the very room (the
 * kernel chose it among rooms of the same topic); without it the item's own session refs or its topic
 * decide.
 */
export interface Sender {
  send(item: OutboxItem, roomRef?: string): Promise<void>
}

/** A group as the account sees it now: a session-scoped ref and its members' handles. */
export interface RoomView {
  ref: string
  /** `r:<remark>` for members the account has given a remark, `n:<nickname>` for everyone else. */
  members: string[]
}

/** What the kernel asks of WeChat besides sending: rooms by topic, and the remarks the account gives. */
export interface WeChat {
  /** The groups the account is in with this topic, oldest first. */
  roomsByTopic(topic: string): Promise<RoomView[]>
  /** Gives a friend (by this session's ref) the remark; throws when they are not a friend. */
  setRemark(contactRef: string, remark: string): Promise<void>
  /** Takes the remark away from every contact that has it; returns how many had it. */
  clearRemark(remark: string): Promise<number>
  /** The remarks the account has given, one entry per contact (a remark given twice appears twice). */
  remarks(): Promise<string[]>
}

/** Report files: the chart renderer and where files are kept. */
export interface ReportFiles {
  chart(stats: MonthlyStats): Promise<Buffer>
  save(name: string, data: Buffer | string): Promise<string>
}

/** A one-time binding code issued from the server (`npm run bind`): only its hash is kept. */
export interface IssuedCode {
  name: string
  hash: string
  expires: string
}
/** Codes issued from the server, read by the bot when someone sends one (the server writes, the bot reads). */
export type ServerCodes = () => Promise<IssuedCode[]>

/**
 * The staff console's one-time sign-in link for a staff member (src/web makes it): a URL, 'busy' when
 * too many were asked for lately, or null when the console is not running.
 */
export type ConsoleLink = (staff: string) => string | 'busy' | null

/** Alerts staff outside WeChat (a WeCom or DingTalk group robot); never throws. */
export type Alert = (text: string) => Promise<unknown>

/** A text message to the duty phone (an SMS provider), when one is configured; never throws. */
export type Sms = (text: string, params: Record<string, string>) => Promise<boolean>

/**
 * Who sent a message, as far as WeChat lets the bot know (the remark, the nickname, a friend or not, this
 * login's ref, a shared remark, twins in the group): defined with the identity rules in core/identity.ts.
 */
export type { SpeakerInfo as Speaker } from './core/identity.js'
import type { SpeakerInfo as Speaker } from './core/identity.js'

/** A message as the app sees it: names, topics and session-scoped refs, never stored Wechaty ids. */
export interface Incoming {
  id: string
  /** The name to show and address: the remark, else the nickname. */
  from: string
  room: string | null // group topic, or null for a private chat
  text: string
  kind: 'text' | 'image' | 'voice' | 'other'
  mentionsBot: boolean
  file?: string // saved media path (images)
  /** Absent for the system's own work. */
  who?: Speaker
  /** The group's ref for this login and its members' handles (see RoomView). */
  roomRef?: string
  roomMembers?: string[]
  /** Where it came from: WeChat (default), or the web pages, whose replies are returned, not sent. */
  channel?: 'wechat' | 'web'
  /** A form from the resident web page (channel 'web'): handled by the features' `form` hooks, never read as chat. */
  form?: WebForm
}

/**
 * What the resident web page (/r, src/web/resident) submits, already checked there: a report with the
 * building and unit from the directory's lists, or a verdict through a ticket's follow link. `follow`
 * is the hash of the link's secret (the db keeps only hashes).
 */
export type WebForm =
  | {
      kind: 'report'
      problem: string
      building: number
      unit: number | null
      door: string | null
      phone: string | null
      /** The resident's WeChat nickname: told in their grid's group too (the number only). */
      nick?: string | null
      photo: string | null
      follow: string
    }
  | { kind: 'verdict'; ticket: number; follow: string; verdict: 'satisfied' | 'dissatisfied'; note: string }

/** The WeChat session and the outbox, as the staff console shows them. */
export interface Health {
  loggedIn: boolean
  /** When the session dropped (while it is down). */
  since: string | null
  queued: number
  sentLastHour: number
  hourlyCap: number
  urgentLastHour: number
  urgentHourlyCap: number
  lastAlert: { at: string; text: string } | null
  /** Why the session cannot stay up (a refused login, a logout right after login, a scan loop, the network); null while it is fine. */
  diagnosis: SessionInfo['diagnosis']
  /** The puppet in use and which of the features Linli relies on it supports (checked after login). */
  puppet: SessionInfo['puppet']
}

/** What the session watch (adapters/session-watch.ts) knows, for the health panel. */
export interface SessionInfo {
  diagnosis: (Diagnosis & { at: string }) | null
  puppet: { name: string; features: FeatureReport[]; checkedAt: string | null } | null
}

/** What a console change may see and do: the db, the time, an audit line, a message to send. */
export interface UpdateCtx {
  now: Date
  db: Db
  audit(action: string, detail?: string): void
  send(dest: Destination, text: string): void
}

/** What the shell (Wechaty plugin, simulator, scheduler, web pages) asks of the app. */
export interface App {
  handle(msg: Incoming): Promise<void>
  tick(): Promise<void>
  /** The earliest time (ms) the app has something to do, or null. */
  nextWake(): number | null
  /** Whether paced sends are due within a minute (the bot is not idle). */
  busy(): boolean
  /** People joined a group. */
  joined(room: string, names: string[]): Promise<void>
  /** The WeChat session dropped (false) or came back (true): sends and schedules pause meanwhile. */
  session(loggedIn: boolean): Promise<void>
  /** Someone changed a group's topic. */
  renamed(from: string, to: string, by: string, roomRef: string): Promise<void>
  /**
   * A message from the web pages (channel 'web'), in the same queue, through the same commands,
   * permissions and intake as WeChat: the replies are returned instead of sent.
   */
  perform(msg: Incoming): Promise<string[]>
  /** A change the console makes (directory, calendar, knowledge base…), in the queue, written and audited. */
  update<R>(by: string, change: (ctx: UpdateCtx) => R | Promise<R>): Promise<R>
  /** The db as it stands (read only: change it through update or perform). */
  view(): Db
  health(): Health
}
