import type { Ticket } from './types.js'

/**
 * An urgent matter escalates until a person acknowledges it (`收到 N`, or accepting it): first in WeChat
 * (the alert at once, a reminder to the grid leader and the staff group), then outside WeChat (the
 * webhook of the staff's WeCom or DingTalk group), then a text message to the duty phone when one is
 * configured; the outside steps repeat until someone answers, for a bounded time. Pure: each step has a
 * stable key recorded in the ticket's history when taken, so a restart neither loses nor repeats one.
 */
export type AckStepKind = 'remind' | 'webhook' | 'sms'
export interface AckStep {
  key: string
  at: number
  kind: AckStepKind
}

const MIN = 60_000
/** Minutes after the report: a WeChat reminder, the webhook, a text to the duty phone. */
export const ACK_LADDER = { remind: 10, webhook: 15, sms: 20 }
/** Then the webhook and the text again every this many minutes … */
export const ACK_REPEAT_MINUTES = 30
/** … this many times (four hours). */
export const ACK_REPEATS = 8

export const needsAck = (t: Ticket) => t.urgent && !t.ack && (t.status === 'open' || t.status === 'accepted') && !t.acceptedAt

export function ackSteps(t: Ticket): AckStep[] {
  if (!needsAck(t)) return []
  const start = Date.parse(t.createdAt)
  const steps: AckStep[] = [
    { key: 'ack:remind', at: start + ACK_LADDER.remind * MIN, kind: 'remind' },
    { key: 'ack:webhook', at: start + ACK_LADDER.webhook * MIN, kind: 'webhook' },
    { key: 'ack:sms', at: start + ACK_LADDER.sms * MIN, kind: 'sms' },
  ]
  for (let k = 1; k <= ACK_REPEATS; k++) {
    const at = start + (ACK_LADDER.sms + k * ACK_REPEAT_MINUTES) * MIN
    steps.push({ key: `ack:webhook:${k}`, at, kind: 'webhook' }, { key: `ack:sms:${k}`, at, kind: 'sms' })
  }
  return steps
}

const takenKeys = (t: Ticket) => new Set(t.history.filter(h => h.action === 'alerted').map(h => h.note ?? ''))

/** Steps due now and not yet taken. */
export function dueAckSteps(t: Ticket, now: number): AckStep[] {
  const done = takenKeys(t)
  return ackSteps(t).filter(s => s.at <= now && !done.has(s.key))
}

export function nextAckAt(t: Ticket): number | null {
  const done = takenKeys(t)
  const rest = ackSteps(t)
    .filter(s => !done.has(s.key))
    .map(s => s.at)
  return rest.length ? Math.min(...rest) : null
}
