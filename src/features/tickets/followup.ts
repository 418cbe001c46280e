import type { Ctx } from '../types.js'
import type { Db } from '../../core/schema.js'
import type { Ticket } from '../../core/types.js'
import { dueSteps, nextStepAt, type Step } from '../../core/deadlines.js'
import { gridById } from '../../core/directory.js'
import { assignedTeam, isOpen, isSuicide, record, addressOf, transition } from '../../core/tickets.js'
import { dueAckSteps, nextAckAt } from '../../core/urgent.js'
import { routeToHandler } from '../../core/routing.js'
import { human } from '../../core/time.js'
import { T } from '../../core/texts.js'

/** Warns assignees before deadlines and escalates overdue tickets up the chain, once per step. */
export function runEscalations(ctx: Ctx): boolean {
  const now = ctx.now.getTime()
  let changed = false
  for (const t of ctx.state.tickets) {
    if (!isOpen(t)) continue
    for (const step of dueSteps(t, ctx.db.settings, now)) {
      take(ctx, t, step)
      changed = true
    }
  }
  return changed
}

/**
 * One step of the ladder. Each person hears of it once: the assignee is reminded before the deadline;
 * at the deadline the grid leader hears (or the staff group, when the grid leader is the assignee or it
 * is urgent); later the staff group hears only if the grid leader was told and still nothing moved.
 * Every message states what is true when it is sent: it is dropped unsent if the ticket moves on.
 */
function take(ctx: Ctx, t: Ticket, step: Step) {
  const due = human(new Date(step.deadline))
  const leader = gridById(ctx.db, t.grid)?.leader
  const staff = { room: ctx.db.community.staffRoom }
  const about = { ticket: t.id, status: t.status }
  const urgent = t.urgent
  const leaderTold = !!leader && leader !== t.assignee
  if (step.level === 'warn') {
    // A reminder is never sent with a deadline already past (after an outage or a clock jump): the
    // overdue step that follows says the true thing.
    if (ctx.now.getTime() >= step.deadline) {
      record(t, ctx.now, '系统', 'warnSkipped', step.key)
      return
    }
    for (const o of routeToHandler(ctx.db, t, T.reminder(t, step.phase, due))) ctx.send(o.dest, o.text, { about })
    record(t, ctx.now, '系统', 'warned', step.key)
    return
  }
  const handler = assignedTeam(ctx.db, t) ? t.target : t.assignee
  if (step.level === 'L1') {
    const text = T.overdue(t, step.phase, due, addressOf(t), handler, false)
    if (leaderTold) ctx.send({ to: leader! }, text, { urgent, about })
    if (urgent || !leaderTold) ctx.send(staff, text, { urgent, about })
  } else if (!urgent && leaderTold) {
    ctx.send(staff, T.overdue(t, step.phase, due, addressOf(t), handler, true), { about })
  }
  record(t, ctx.now, '系统', 'escalated', step.key)
  ctx.log.info(`ticket #${t.id} escalated ${step.key}`)
}

/** The next escalation time over all open tickets. */
export function nextEscalationAt(db: Db): number | null {
  let best: number | null = null
  for (const t of db.state.tickets) {
    if (!isOpen(t)) continue
    const at = nextStepAt(t, db.settings)
    if (at !== null && (best === null || at < best)) best = at
  }
  return best
}

/** Done tickets nobody rated within the window close with no verdict (never counted as satisfied). */
export function closeUnrated(ctx: Ctx): boolean {
  const window = ctx.db.settings.deadlines.verdictDays * 86_400_000
  let changed = false
  for (const t of ctx.state.tickets) {
    if (t.status === 'done' && t.doneAt && Date.parse(t.doneAt) + window <= ctx.now.getTime()) {
      changed = transition(t, 'noVerdict', ctx.now, '系统').ok || changed
    }
  }
  return changed
}

export function nextUnratedAt(db: Db): number | null {
  const window = db.settings.deadlines.verdictDays * 86_400_000
  const ts = db.state.tickets.filter(t => t.status === 'done' && t.doneAt).map(t => Date.parse(t.doneAt!) + window)
  return ts.length ? Math.min(...ts) : null
}

/**
 * Urgent matters nobody acknowledged: a reminder in WeChat to the grid leader and the staff group, then
 * the webhook, then a text to the duty phone, repeated for a while (core/urgent.ts), until 收到 N.
 */
export function runAckLadder(ctx: Ctx): boolean {
  const now = ctx.now.getTime()
  let changed = false
  for (const t of ctx.state.tickets) {
    for (const step of dueAckSteps(t, now)) {
      const minutes = Math.round((now - Date.parse(t.createdAt)) / 60_000)
      if (step.kind === 'remind') {
        const leader = gridById(ctx.db, t.grid)?.leader
        const about = { ticket: t.id, status: t.status, unacked: true }
        if (leader) ctx.send({ to: leader }, T.ackRemind(t, minutes), { urgent: true, about })
        if (!isSuicide(t)) ctx.send({ room: ctx.db.community.staffRoom }, T.ackRemind(t, minutes), { urgent: true, about })
      } else if (step.kind === 'webhook') {
        ctx.alert(T.ackOutside(t, minutes))
      } else {
        ctx.sms(T.ackOutside(t, minutes), { ticket: String(t.id), kind: t.category, minutes: String(minutes) })
      }
      record(t, ctx.now, '系统', 'alerted', step.key)
      ctx.log.warn(`urgent #${t.id} not acknowledged after ${minutes} min: ${step.kind}`)
      changed = true
    }
  }
  return changed
}

export function nextAckWake(db: Db): number | null {
  let best: number | null = null
  for (const t of db.state.tickets) {
    const at = nextAckAt(t)
    if (at !== null && (best === null || at < best)) best = at
  }
  return best
}
