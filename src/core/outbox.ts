import type { Destination } from './types.js'
import type { OutboxItem, State } from './state.js'
import type { Settings } from './settings.js'
import { iso } from './time.js'

/** Pure planning for the single serialized outbox: what may be sent now, and when to wake next. */

export interface Pacing { nextGroupAt: number; nextPrivateAt: number }
export const isGroup = (d: Destination): d is { room: string } => 'room' in d

export interface EnqueueOptions {
  mentions?: string[]
  file?: string
  urgent?: boolean
  tag?: string
  /** Staff's own words to a resident group, sent as written (they saw the preview). */
  verbatim?: boolean
}

export function enqueue(state: State, dest: Destination, text: string, now: Date, opts: EnqueueOptions = {}): OutboxItem {
  const item: OutboxItem = {
    id: state.nextOutboxId++,
    dest, text,
    mentions: opts.mentions ?? [],
    ...(opts.file ? { file: opts.file } : {}),
    urgent: opts.urgent ?? false,
    createdAt: iso(now),
    notBefore: iso(now),
    status: 'queued',
    attempts: 0,
    ...(opts.tag ? { tag: opts.tag } : {}),
  }
  state.outbox.push(item)
  return item
}

const HOUR = 3600_000, DAY = 24 * HOUR
const t = (s: string) => Date.parse(s)

export type Blocked = { kind: 'cap'; which: 'hourly' | 'daily'; until: number }

/**
 * The next item to send at `now`, or the earliest time something could be sent.
 * Urgent items go first; otherwise strict order of enqueueing. Caps hold (never drop) non-urgent items.
 */
export function nextSend(state: State, pacing: Pacing, settings: Settings, now: number):
  { item: OutboxItem } | { wakeAt: number | null; blocked?: Blocked } {
  let head: OutboxItem | undefined
  let earliest = Infinity
  for (const o of state.outbox) {
    if (o.status !== 'queued') continue
    const at = t(o.notBefore)
    if (at > now) { earliest = Math.min(earliest, at); continue }
    if (!head || (o.urgent && !head.urgent) || (o.urgent === head.urgent && o.id < head.id)) head = o
  }
  if (!head) return { wakeAt: Number.isFinite(earliest) ? earliest : null }
  if (!head.urgent) {
    const cap = capBlock(state, settings, now)
    if (cap) return { wakeAt: cap.until, blocked: cap }
  }
  const gateAt = isGroup(head.dest) ? pacing.nextGroupAt : pacing.nextPrivateAt
  if (gateAt > now) return { wakeAt: gateAt }
  return { item: head }
}

/** Caps count every send in the last hour and day (state.sentLog keeps their times). */
function capBlock(state: State, settings: Settings, now: number): Blocked | undefined {
  const { hourlyCap, dailyCap } = settings.outbox
  const inDay = state.sentLog.filter(s => now - s < DAY)
  if (inDay.length >= dailyCap) return { kind: 'cap', which: 'daily', until: inDay[inDay.length - dailyCap] + DAY }
  const inHour = inDay.filter(s => now - s < HOUR)
  if (inHour.length >= hourlyCap) return { kind: 'cap', which: 'hourly', until: inHour[inHour.length - hourlyCap] + HOUR }
  return undefined
}

/** Records a successful send and moves the pacing gate. */
export function markSent(state: State, item: OutboxItem, pacing: Pacing, settings: Settings, now: number, random: () => number): void {
  item.status = 'sent'
  item.sentAt = iso(new Date(now))
  item.attempts++
  state.sentLog.push(now)
  // A sent item stays only as a record for a delivery report: its text (and any file path) can go.
  item.text = ''
  item.mentions = []
  delete item.file
  advanceGate(item, pacing, settings, now, random)
}

/** Records a failed send: retry with exponential backoff, or give up after maxAttempts. */
export function markFailed(item: OutboxItem, pacing: Pacing, settings: Settings, now: number, error: string, random: () => number): 'retry' | 'failed' {
  item.attempts++
  item.error = error
  advanceGate(item, pacing, settings, now, random)
  if (item.attempts >= settings.outbox.maxAttempts) { item.status = 'failed'; return 'failed' }
  item.notBefore = iso(new Date(now + 5000 * 2 ** (item.attempts - 1)))
  return 'retry'
}

function advanceGate(item: OutboxItem, pacing: Pacing, settings: Settings, now: number, random: () => number) {
  const o = settings.outbox
  if (isGroup(item.dest)) pacing.nextGroupAt = now + o.groupGapMs + Math.floor(random() * o.jitterMs)
  else pacing.nextPrivateAt = now + o.privateGapMs + Math.floor(random() * Math.min(o.jitterMs, 500))
}

/**
 * Keeps the outbox small: sent items go at once (a broadcast's stay until its delivery report is out),
 * failed ones after two days; send times older than a day leave the cap log.
 */
export function pruneOutbox(state: State, now: number, keepTag: (tag: string) => boolean = () => false): boolean {
  const before = state.outbox.length
  state.outbox = state.outbox.filter(o => o.status === 'queued'
    || (o.status === 'sent' && o.tag !== undefined && keepTag(o.tag))
    || (o.status === 'failed' && now - t(o.sentAt ?? o.createdAt) < 2 * DAY))
  if (state.sentLog.length && now - state.sentLog[0] >= DAY) state.sentLog = state.sentLog.filter(s => now - s < DAY)
  return state.outbox.length !== before
}
