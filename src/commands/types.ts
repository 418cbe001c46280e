import type { Db } from '../core/schema.js'
import type { State } from '../core/state.js'
import type { Actor } from '../core/directory.js'
import type { Destination, Ticket } from '../core/types.js'
import type { EnqueueOptions } from '../core/outbox.js'
import type { IntakeVocabulary } from '../core/intake/index.js'

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

export interface Logger {
  debug(msg: string): void
  info(msg: string): void
  warn(msg: string): void
  error(msg: string): void
}

/** What a command may see and do. Sends are only queued; the app persists, then the outbox delivers. */
export interface Ctx {
  now: Date
  db: Db
  state: State
  actor: Actor
  msg: Incoming
  log: Logger
  /** The intake vocabulary: shipped words plus the community's additions. */
  vocabulary: IntakeVocabulary
  reply(text: string, opts?: { urgent?: boolean }): void
  send(dest: Destination, text: string, opts?: EnqueueOptions): void
  tellReporters(t: Ticket, text: string): void
  tellAssignee(t: Ticket, text: string, file?: string): void
  dispatch(t: Ticket): void
  /** A ticket moved to the archive (closed long ago), or undefined. */
  archived(id: number): Promise<Ticket | undefined>
  audit(action: string, detail?: string): void
}

export type Audience = 'all' | 'worker' | 'staff'

export interface Command {
  name: string
  usage: string
  help: string
  audience: Audience          // who sees it in 帮助 (and who may run it, checked by the command itself)
  /** Returns the argument text when this command applies to the message, else null. */
  match(text: string, db: Db): string | null
  run(ctx: Ctx, args: string): void | Promise<void>
}

/** A matcher for `WORD rest`: the word at the start, followed by a space, a number, '#' or the end. */
export function word(w: string): (text: string) => string | null {
  const re = new RegExp(`^${w}(?:$|[\\s#\\d:：,，])`)
  return text => (re.test(text) ? text.slice(w.length).replace(/^[\s:：,，]+/, '').trim() : null)
}

/** Parses a ticket number written `12` or `#12` at the start of args; returns [id, rest]. */
export function ticketArg(args: string): [number, string] | null {
  const m = /^#?\s*(\d{1,9})(?!\d)\s*(.*)$/s.exec(args)
  if (!m) return null
  const id = Number(m[1])
  return Number.isSafeInteger(id) && id > 0 ? [id, m[2].trim()] : null
}
