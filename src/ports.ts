/**
 * Every interface between the app and the outside world, in one place. The core never sees these;
 * the kernel (src/app.ts) and the features use them; the adapters (src/adapters/) implement them.
 */
import type { Db } from './core/schema.js'
import type { OutboxItem } from './core/state.js'
import type { Ticket } from './core/types.js'
import type { MonthlyStats } from './core/report/index.js'

export interface Logger {
  debug(msg: string): void
  info(msg: string): void
  warn(msg: string): void
  error(msg: string): void
}

export interface Clock { now(): Date }

/** A send outcome (the item, the pacing gates and the attempt's time) or a seen message id, journaled between full writes and replayed at start. */
export type SendRecord = { item: OutboxItem; pacing: Db['state']['pacing']; at?: number } | { seen: string }

/**
 * The loaded db (directory + state), a durable full write, and a cheap durable journal for the outcome
 * of each send (folded into the next full write; replayed at start).
 */
export interface Store {
  db: Db
  write(): Promise<void>
  journal(entry: SendRecord): Promise<void>
  /** Journal entries written after the last full write of a previous run. */
  replay?: unknown[]
}

/** Monthly archive files beside db.json: closed tickets, still found by 查询 and reports. */
export interface Archive {
  /** Adds tickets to a month's file (idempotent by id); returns how many the file holds. */
  append(month: string, tickets: Ticket[]): Promise<number>
  load(month: string): Promise<Ticket[]>
}

/** Delivers one outbox item to WeChat; throws when it could not. */
export interface Sender { send(item: OutboxItem): Promise<void> }

/** Report files: the chart renderer and where files are kept. */
export interface ReportFiles {
  chart(stats: MonthlyStats): Promise<Buffer>
  save(name: string, data: Buffer | string): Promise<string>
}

/** Alerts staff outside WeChat (a WeCom or DingTalk group robot); never throws. */
export type Alert = (text: string) => Promise<unknown>

/** A message as the app sees it: names and topics only, never Wechaty ids. */
export interface Incoming {
  id: string
  from: string
  room: string | null          // group topic, or null for a private chat
  text: string
  kind: 'text' | 'image' | 'voice' | 'other'
  mentionsBot: boolean
  file?: string                // saved media path (images)
}

/** What the shell (Wechaty plugin, simulator, scheduler) asks of the app. */
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
}
