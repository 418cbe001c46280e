import type { Destination } from './types.js'
import type { OutboxItem, State } from './state.js'
import type { Settings } from './settings.js'
import { iso } from './time.js'
import { afterQuiet, inQuiet } from './calendar/quiet.js'

/**
 * Pure planning for the single serialized outbox: what may be sent now, and when to wake next.
 *
 * The invariant that keeps the account safe (tests/core/outbox.test.ts proves it over random floods):
 * every attempt to send counts — replies, dispatches, notices, cap notices, retries — and
 *  - no two sends are closer than `privateGapMs`, no two group sends closer than `groupGapMs`;
 *  - in any sliding hour and day, ordinary sends stay within `hourlyCap` / `dailyCap`, and urgent ones
 *    (alerts, and the notice that a cap holds messages back) within their own bounded budget
 *    `urgentHourlyCap` / `urgentDailyCap`.
 * Caps hold messages back, never drop them. Times stored by a clock that has since stepped back are
 * clamped to now, so a clock jump neither stalls the queue nor opens the caps.
 */

export interface Pacing {
  nextGroupAt: number
  nextPrivateAt: number
}
export const isGroup = (d: Destination): d is { room: string } => 'room' in d

export interface EnqueueOptions {
  mentions?: string[]
  file?: string
  urgent?: boolean
  tag?: string
  /** This login's refs of the conversation and the people to mention (see OutboxItem.refs). */
  refs?: OutboxItem['refs']
  /** See OutboxItem.about: a reminder true only while the ticket keeps this status. */
  about?: OutboxItem['about']
  /** A private answer to someone who just wrote (may go during quiet hours). */
  reply?: boolean
}

export function enqueue(state: State, dest: Destination, text: string, now: Date, opts: EnqueueOptions = {}): OutboxItem {
  const item: OutboxItem = {
    id: state.nextOutboxId++,
    dest,
    text,
    mentions: opts.mentions ?? [],
    ...(opts.file ? { file: opts.file } : {}),
    urgent: opts.urgent ?? false,
    createdAt: iso(now),
    notBefore: iso(now),
    status: 'queued',
    attempts: 0,
    ...(opts.tag ? { tag: opts.tag } : {}),
    ...(opts.refs ? { refs: opts.refs } : {}),
    ...(opts.about ? { about: opts.about } : {}),
    ...(opts.reply ? { reply: true } : {}),
  }
  state.outbox.push(item)
  return item
}

const HOUR = 3600_000,
  DAY = 24 * HOUR
const t = (s: string) => Date.parse(s)

export type Blocked = { kind: 'cap'; which: 'hourly' | 'daily'; urgent: boolean; until: number }
export type Plan = { item: OutboxItem } | { wakeAt: number | null; blocked?: Blocked }

/** The budget an item draws on: the ordinary caps, or the separate urgent budget. */
function capBlock(log: number[], hourly: number, daily: number, urgent: boolean, now: number): Blocked | undefined {
  const inDay = log.filter(s => now - s < DAY)
  if (inDay.length >= daily) return { kind: 'cap', which: 'daily', urgent, until: inDay[inDay.length - daily] + DAY }
  const inHour = inDay.filter(s => now - s < HOUR)
  if (inHour.length >= hourly) return { kind: 'cap', which: 'hourly', urgent, until: inHour[inHour.length - hourly] + HOUR }
  return undefined
}

/** Whether an item of this kind may go now under the caps, or the block that holds it. */
export function budget(state: State, settings: Settings, urgent: boolean, now: number): Blocked | undefined {
  const o = settings.outbox
  return urgent ? capBlock(state.urgentLog, o.urgentHourlyCap, o.urgentDailyCap, true, now) : capBlock(state.sentLog, o.hourlyCap, o.dailyCap, false, now)
}

/**
 * The next item to send at `now`, or the earliest time something could be sent. Urgent items first,
 * then strict order of enqueueing; an item whose budget is spent waits while others may go.
 */
export function nextSend(state: State, settings: Settings, now: number): Plan {
  const due: OutboxItem[] = []
  let earliest = Infinity
  // Between 21:00 and 07:30 only urgent messages go, and private answers to someone who just wrote.
  const night = inQuiet(new Date(now), settings.quietHours)
  const morning = night ? afterQuiet(new Date(now), settings.quietHours).getTime() : now
  for (const o of state.outbox) {
    if (o.status !== 'queued') continue
    const at = Math.max(t(o.notBefore), night && !o.urgent && !(o.reply && !isGroup(o.dest)) ? morning : 0)
    if (at > now) {
      earliest = Math.min(earliest, at)
      continue
    }
    due.push(o)
  }
  if (due.length === 0) return { wakeAt: Number.isFinite(earliest) ? earliest : null }
  due.sort((a, b) => Number(b.urgent) - Number(a.urgent) || a.id - b.id)
  let blocked: Blocked | undefined
  for (const item of [due.find(o => o.urgent), due.find(o => !o.urgent)]) {
    if (!item) continue
    const cap = budget(state, settings, item.urgent, now)
    if (cap) {
      if (!blocked || !item.urgent) blocked = cap
      earliest = Math.min(earliest, cap.until)
      continue
    }
    const gateAt = isGroup(item.dest) ? state.pacing.nextGroupAt : state.pacing.nextPrivateAt
    if (gateAt > now) return { wakeAt: Math.min(earliest, gateAt) }
    return { item }
  }
  return { wakeAt: Number.isFinite(earliest) ? earliest : null, blocked }
}

/** Records an attempt to send (successful or not): it counts against the gap and its budget. */
function attempted(state: State, item: OutboxItem, settings: Settings, now: number, random: () => number) {
  item.attempts++
  ;(item.urgent ? state.urgentLog : state.sentLog).push(now)
  const o = settings.outbox
  const p = state.pacing
  p.nextPrivateAt = now + o.privateGapMs + Math.floor(random() * Math.min(o.jitterMs, 500))
  const groupGap = isGroup(item.dest) ? o.groupGapMs + Math.floor(random() * o.jitterMs) : o.privateGapMs
  p.nextGroupAt = Math.max(p.nextGroupAt > now ? p.nextGroupAt : 0, now + groupGap)
}

/** Records a successful send and moves the pacing gate. */
export function markSent(state: State, item: OutboxItem, settings: Settings, now: number, random: () => number): void {
  attempted(state, item, settings, now, random)
  item.status = 'sent'
  item.sentAt = iso(new Date(now))
  // A sent item stays only as a record for a delivery report: its text (and any file path) can go.
  item.text = ''
  item.mentions = []
  delete item.file
}

/** Records a failed send: retry with exponential backoff, or give up after maxAttempts. */
export function markFailed(state: State, item: OutboxItem, settings: Settings, now: number, error: string, random: () => number): 'retry' | 'failed' {
  attempted(state, item, settings, now, random)
  item.error = error
  if (item.attempts >= settings.outbox.maxAttempts) {
    item.status = 'failed'
    item.sentAt = iso(new Date(now))
    return 'failed'
  }
  item.notBefore = iso(new Date(now + 5000 * 2 ** (item.attempts - 1)))
  return 'retry'
}

/** The longest a gate or a retry may lie ahead of now; anything further was set by a clock that stepped back. */
function horizon(settings: Settings): { gate: number; retry: number } {
  const o = settings.outbox
  return { gate: Math.max(o.groupGapMs, o.privateGapMs) + o.jitterMs, retry: 5000 * 2 ** o.maxAttempts }
}

/**
 * After the wall clock stepped back, times stored "in the future" would stall the queue (a gate hours
 * ahead) or hide sends from the caps. Clamps them to now and returns what it changed, for the log.
 */
export function clampFuture(state: State, settings: Settings, now: number): string[] {
  const notes: string[] = []
  const h = horizon(settings)
  const p = state.pacing
  if (p.nextGroupAt > now + h.gate || p.nextPrivateAt > now + h.gate) {
    notes.push(`pacing gates ${iso(new Date(Math.max(p.nextGroupAt, p.nextPrivateAt)))} lie beyond now: reset to the normal gap`)
    p.nextGroupAt = Math.min(p.nextGroupAt, now + h.gate)
    p.nextPrivateAt = Math.min(p.nextPrivateAt, now + h.gate)
  }
  for (const key of ['sentLog', 'urgentLog'] as const) {
    const future = state[key].filter(s => s > now).length
    if (future) {
      notes.push(`${future} send times in ${key} lie in the future: counted as sent now`)
      state[key] = state[key].map(s => Math.min(s, now))
    }
  }
  for (const o of state.outbox) {
    if (o.status === 'queued' && t(o.notBefore) > now + h.retry) {
      notes.push(`outbox #${o.id} was held until ${o.notBefore}: due now`)
      o.notBefore = iso(new Date(now))
    }
  }
  return notes
}

/**
 * Keeps the outbox small: sent items go at once (a broadcast's stay until its delivery report is out),
 * failed ones after two days; send times older than a day leave the cap logs.
 */
export function pruneOutbox(state: State, now: number, keepTag: (tag: string) => boolean = () => false): boolean {
  const before = state.outbox.length
  state.outbox = state.outbox.filter(
    o =>
      o.status === 'queued' ||
      (o.status === 'sent' && o.tag !== undefined && keepTag(o.tag)) ||
      (o.status === 'failed' && now - t(o.sentAt ?? o.createdAt) < 2 * DAY),
  )
  for (const key of ['sentLog', 'urgentLog'] as const) {
    if (state[key].length && now - state[key][0] >= DAY) state[key] = state[key].filter(s => now - s < DAY)
  }
  return state.outbox.length !== before
}
