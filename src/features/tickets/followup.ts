import type { Ctx } from '../types.js'
import type { Db } from '../../core/schema.js'
import type { Ticket } from '../../core/types.js'
import { dueSteps, nextStepAt, type Step } from '../../core/deadlines.js'
import { gridById } from '../../core/directory.js'
import { assignedTeam, isOpen, record, addressOf, transition } from '../../core/tickets.js'
import { routeToHandler } from '../../core/routing.js'
import { human } from '../../core/time.js'

const phaseText = (s: Step) => (s.phase === 'accept' ? '接单' : '办结')

/** Warns assignees before deadlines and escalates overdue tickets up the chain, once per step. */
export function runEscalations(ctx: Ctx): boolean {
  const now = ctx.now.getTime()
  let changed = false
  for (const t of ctx.state.tickets) {
    if (!isOpen(t)) continue
    for (const step of dueSteps(t, ctx.db.settings, now)) { take(ctx, t, step); changed = true }
  }
  return changed
}

function take(ctx: Ctx, t: Ticket, step: Step) {
  const due = human(new Date(step.deadline))
  const leader = gridById(ctx.db, t.grid)?.leader
  const staff = { room: ctx.db.community.staffRoom }
  const urgent = t.urgent
  const head = `#${t.id}（${t.category}，${addressOf(t)}，承办：${assignedTeam(ctx.db, t) ? t.target : t.assignee}）`
  if (step.level === 'warn') {
    // A reminder is never sent with a deadline already past (after an outage or a clock jump): the
    // overdue step that follows says the true thing.
    if (ctx.now.getTime() >= step.deadline) { record(t, ctx.now, '系统', 'warnSkipped', step.key); return }
    ctx.deliver(routeToHandler(ctx.db, t, `【提醒】单号 #${t.id} 请在 ${due} 前${phaseText(step)}。${step.phase === 'accept' ? `回复「接单 ${t.id}」` : `办完回复「完成 ${t.id} 备注」`}。`))
    record(t, ctx.now, '系统', 'warned', step.key)
    return
  }
  const text = `【超时未${phaseText(step)}】${head} 应于 ${due} 前${phaseText(step)}，请督办。`
  if (step.level === 'L1') {
    if (leader && leader !== t.assignee) ctx.send({ to: leader }, text, { urgent })
    if (urgent || !leader || leader === t.assignee) ctx.send(staff, text, { urgent })
  } else if (!urgent) {
    ctx.send(staff, `${text}（已提醒网格长仍未处理）`)
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
