import type { Ctx } from './types.js'
import type { Ticket } from '../core/types.js'
import { ticketArg } from './types.js'
import { findTicket, mayOwn, mayWork } from '../core/tickets.js'
import { T } from '../core/texts.js'

/** Resolves `N rest` to a ticket the actor may act on, replying with the reason when not. */
export function ticketFor(ctx: Ctx, args: string, usage: string, who: 'work' | 'own' | 'any'): [Ticket, string] | null {
  const parsed = ticketArg(args)
  if (!parsed) { ctx.reply(T.needNumber(usage)); return null }
  const [id, rest] = parsed
  const t = findTicket(ctx.state, id)
  if (!t) { ctx.reply(T.noTicket(id)); return null }
  if (who === 'work' && !mayWork(ctx.db, ctx.actor, t)) { ctx.reply(T.notAllowedWork(t)); return null }
  if (who === 'own' && !mayOwn(ctx.actor, t)) { ctx.reply(T.notAllowedOwn(t)); return null }
  return [t, rest]
}
