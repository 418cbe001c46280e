import type { Ctx } from './types.js'
import type { Ticket } from '../core/types.js'
import { dueSteps, nextStepAt, type Step } from '../core/deadlines.js'
import { gridById } from '../core/directory.js'
import { assignedTeam, isOpen, record, addressOf } from '../core/tickets.js'
import { human } from '../core/time.js'

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
    ctx.tellAssignee(t, `【提醒】单号 #${t.id} 请在 ${due} 前${phaseText(step)}。${step.phase === 'accept' ? `回复「接单 ${t.id}」` : `办完回复「完成 ${t.id} 备注」`}。`)
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
export function nextEscalationAt(ctx: Pick<Ctx, 'state' | 'db'>): number | null {
  let best: number | null = null
  for (const t of ctx.state.tickets) {
    if (!isOpen(t)) continue
    const at = nextStepAt(t, ctx.db.settings)
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
      changed = true
      t.status = 'closed'
      t.verdict = 'none'
      t.closedAt = ctx.now.toISOString()
      record(t, ctx.now, '系统', 'noVerdict')
    }
  }
  return changed
}

export function nextUnratedAt(ctx: Pick<Ctx, 'state' | 'db'>): number | null {
  const window = ctx.db.settings.deadlines.verdictDays * 86_400_000
  const ts = ctx.state.tickets.filter(t => t.status === 'done' && t.doneAt).map(t => Date.parse(t.doneAt!) + window)
  return ts.length ? Math.min(...ts) : null
}
