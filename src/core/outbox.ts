import type { Destination } from './types.js'
import type { OutboxItem, State } from './state.js'
import type { Settings } from './settings.js'
import { iso } from './time.js'

/** Pure planning for the single serialized outbox: what may be sent now, and when to wake next. */

export interface Pacing { nextGroupAt: number; nextPrivateAt: number }
export const isGroup = (d: Destination): d is { room: string } => 'room' in d

export interface EnqueueOptions { mentions?: string[]; file?: string; urgent?: boolean; notBefore?: Date; tag?: string }

export function enqueue(state: State, dest: Destination, text: string, now: Date, opts: EnqueueOptions = {}): OutboxItem {
  const item: OutboxItem = {
    id: state.nextOutboxId++,
    dest, text,
    mentions: opts.mentions ?? [],
    ...(opts.file ? { file: opts.file } : {}),
    urgent: opts.urgent ?? false,
    createdAt: iso(now),
    notBefore: iso(opts.notBefore && opts.notBefore > now ? opts.notBefore : now),
    status: 'queued',
    attempts: 0,
    ...(opts.tag ? { tag: opts.tag } : {}),
  }
  state.outbox.push(item)
  return item
}

const HOUR = 3600_000, DAY = 24 * HOUR
const t = (s: string) => Date.parse(s)

function sentWithin(state: State, now: number, span: number): number {
  let n = 0
  for (const o of state.outbox) if (o.status === 'sent' && o.sentAt && now - t(o.sentAt) < span) n++
  return n
}

export type Blocked = { kind: 'cap'; which: 'hourly' | 'daily'; until: number }

/**
 * The next item to send at `now`, or the earliest time something could be sent.
 * Urgent items go first; otherwise strict order of enqueueing. Caps hold (never drop) non-urgent items.
 */
export function nextSend(state: State, pacing: Pacing, settings: Settings, now: number):
  { item: OutboxItem } | { wakeAt: number | null; blocked?: Blocked } {
  const queued = state.outbox.filter(o => o.status === 'queued')
  if (queued.length === 0) return { wakeAt: null }
  queued.sort((a, b) => Number(b.urgent) - Number(a.urgent) || a.id - b.id)
  const ready = queued.filter(o => t(o.notBefore) <= now)
  const earliest = Math.min(...queued.map(o => t(o.notBefore)))
  if (ready.length === 0) return { wakeAt: earliest }
  const head = ready[0]
  if (!head.urgent) {
    const cap = capBlock(state, settings, now)
    if (cap) return { wakeAt: cap.until, blocked: cap }
  }
  const gateAt = isGroup(head.dest) ? pacing.nextGroupAt : pacing.nextPrivateAt
  if (gateAt > now) return { wakeAt: gateAt }
  return { item: head }
}

function capBlock(state: State, settings: Settings, now: number): Blocked | undefined {
  const { hourlyCap, dailyCap } = settings.outbox
  const sent = state.outbox.filter(o => o.status === 'sent' && o.sentAt).map(o => t(o.sentAt!)).sort((a, b) => a - b)
  if (sentWithin(state, now, DAY) >= dailyCap) {
    const inDay = sent.filter(s => now - s < DAY)
    return { kind: 'cap', which: 'daily', until: inDay[inDay.length - dailyCap] + DAY }
  }
  if (sentWithin(state, now, HOUR) >= hourlyCap) {
    const inHour = sent.filter(s => now - s < HOUR)
    return { kind: 'cap', which: 'hourly', until: inHour[inHour.length - hourlyCap] + HOUR }
  }
  return undefined
}

/** Records a successful send and moves the pacing gate. */
export function markSent(item: OutboxItem, pacing: Pacing, settings: Settings, now: number, random: () => number): void {
  item.status = 'sent'
  item.sentAt = iso(new Date(now))
  item.attempts++
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

/** Drops sent/failed records older than two days (caps only look one day back). */
export function pruneOutbox(state: State, now: number): void {
  state.outbox = state.outbox.filter(o => o.status === 'queued' || now - t(o.sentAt ?? o.createdAt) < 2 * DAY)
}
