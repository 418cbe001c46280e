import type { Command } from './types.js'
import { word } from './types.js'
import { ticketFor } from './ticket-arg.js'
import { assigneeFor, isOpen, record } from '../core/tickets.js'
import { resolveTarget } from '../core/directory.js'
import { T } from '../core/texts.js'

export const transfer: Command = {
  name: '转派', usage: '转派 12 静华调解室', help: '把工单转给其他队伍或网格长', audience: 'worker',
  match: word('转派'),
  run(ctx, args) {
    const found = ticketFor(ctx, args, this.usage, 'work')
    if (!found) return
    const [t, rest] = found
    if (!isOpen(t)) { ctx.reply(T.badState(t, '转派')); return }
    const target = rest ? resolveTarget(ctx.db, rest.split(/\s+/)[0]) : undefined
    if (!target) { ctx.reply(T.badTarget(rest || '（空）', ctx.db.teams.map(x => x.name))); return }
    t.target = target
    t.assignee = assigneeFor(ctx.db, target, t.grid)
    t.status = 'open'
    t.acceptedAt = null
    record(t, ctx.now, ctx.actor.name, 'transferred', target)
    ctx.reply(T.transferOk(t))
    ctx.dispatch(t)
    ctx.tellReporters(t, T.transferred(t))
  },
}
