import type { Ctx } from '../types.js'
import type { Ticket } from '../../core/types.js'
import { routeDispatch } from '../../core/routing.js'

/** Sends the ticket to whoever handles it (core/routing decides where). */
export function dispatch(ctx: Ctx, t: Ticket) {
  ctx.deliver(routeDispatch(ctx.db, t))
  ctx.log.info(`ticket #${t.id} dispatched to ${t.target}`)
}
