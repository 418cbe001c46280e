import type { Command } from './types.js'
import { word } from './types.js'
import { ticketFor } from './ticket-arg.js'
import { isOpen, record } from '../core/tickets.js'
import { iso } from '../core/time.js'
import { T } from '../core/texts.js'

export const cancel: Command = {
  name: '撤销', usage: '撤销 12', help: '撤销自己报的问题', audience: 'all',
  match: word('撤销'),
  run(ctx, args) {
    const found = ticketFor(ctx, args, this.usage, 'own')
    if (!found) return
    const [t] = found
    if (!isOpen(t)) { ctx.reply(T.badState(t, '撤销')); return }
    t.status = 'cancelled'
    t.closedAt = iso(ctx.now)
    t.awaitingLocation = false
    ctx.state.pending = ctx.state.pending.filter(p => p.ticketId !== t.id)
    record(t, ctx.now, ctx.actor.name, 'cancelled')
    ctx.reply(T.cancelled(t))
    ctx.tellAssignee(t, T.cancelledToWorker(t, ctx.actor.name))
  },
}
