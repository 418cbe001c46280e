import type { Command } from './types.js'
import { word } from './types.js'
import { ticketFor } from './ticket-arg.js'
import { record } from '../core/tickets.js'
import { iso } from '../core/time.js'
import { T } from '../core/texts.js'

export const accept: Command = {
  name: '接单', usage: '接单 12', help: '接下派给您的工单', audience: 'worker',
  match: word('接单'),
  run(ctx, args) {
    const found = ticketFor(ctx, args, this.usage, 'work')
    if (!found) return
    const [t] = found
    if (t.status !== 'open') { ctx.reply(T.badState(t, '接单')); return }
    t.status = 'accepted'
    t.acceptedAt ??= iso(ctx.now)
    t.awaitingLocation = false
    record(t, ctx.now, ctx.actor.name, 'accepted')
    ctx.reply(T.acceptOk(t))
    ctx.tellReporters(t, T.accepted(t, ctx.actor.team ?? ctx.actor.name))
  },
}
