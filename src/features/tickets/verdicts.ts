import type { Ctx } from '../types.js'
import { ownerRoom } from '../../kernel/permissions.js'
import type { Ticket } from '../../core/types.js'
import { gridById } from '../../core/directory.js'
import { mayOwn, transition, type MoveOptions, type TicketMove } from '../../core/tickets.js'
import { routeToHandler } from '../../core/routing.js'
import { T } from '../../core/texts.js'

/** Moves the ticket through the state machine, or tells the person why it cannot move. */
export function move(ctx: Ctx, t: Ticket, m: TicketMove, action: string, opts?: MoveOptions): boolean {
  const r = transition(t, m, ctx.now, ctx.actor.name, opts)
  if (!r.ok) ctx.reply(T.badState(t, action))
  return r.ok
}

/** The tickets finished for this person that still wait for their verdict. */
export const awaitingVerdict = (ctx: Ctx): Ticket[] =>
  ctx.state.tickets.filter(t => t.status === 'done' && mayOwn(ctx.actor, t, ownerRoom(ctx), ctx.epoch) === 'yes' && !isStaffOnly(ctx, t))
/** Finished tickets this person's report joined (not theirs to rate: they may say it is not fixed). */
export const joinedDone = (ctx: Ctx): Ticket[] =>
  ctx.state.tickets.filter(t => t.status === 'done' && t.reporter !== ctx.actor.name && t.reporters.includes(ctx.actor.name))
// Staff may rate any ticket with a number, but "满意" alone from staff means their own.
const isStaffOnly = (ctx: Ctx, t: Ticket) => ctx.actor.roles.includes('staff') && t.reporter !== ctx.actor.name

/** 满意 / 不满意 without a number: the one ticket waiting for this person's verdict. */
export function onlyAwaiting(ctx: Ctx): Ticket | string {
  const list = awaitingVerdict(ctx)
  if (list.length === 1) return list[0]
  return list.length === 0 ? T.noneAwaiting : T.whichOne(list.map(t => t.id))
}

/** The reporter is not happy: back to the handler, and the grid leader hears of it too. */
export function rejectDone(ctx: Ctx, t: Ticket, reason: string): boolean {
  if (!move(ctx, t, 'dissatisfied', '评价', { note: reason || undefined })) return false
  ctx.reply(T.reopened(t))
  ctx.deliver(routeToHandler(ctx.db, t, T.reopenedToWorker(t, reason)))
  const leader = gridById(ctx.db, t.grid)?.leader
  if (leader && leader !== t.assignee) ctx.send({ to: leader }, T.reopenedToLeader(t, reason))
  return true
}
