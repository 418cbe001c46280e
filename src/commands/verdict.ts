import type { Command } from './types.js'
import { word } from './types.js'
import { ticketFor } from './ticket-arg.js'
import { record } from '../core/tickets.js'
import { iso } from '../core/time.js'
import { T } from '../core/texts.js'

export const satisfied: Command = {
  name: '满意', usage: '满意 12', help: '对办好的工单表示满意', audience: 'all',
  match: word('满意'),
  run(ctx, args) {
    const found = ticketFor(ctx, args, this.usage, 'own')
    if (!found) return
    const [t] = found
    if (t.status !== 'done') { ctx.reply(T.badState(t, '评价')); return }
    t.status = 'closed'
    t.verdict = 'satisfied'
    t.closedAt = iso(ctx.now)
    record(t, ctx.now, ctx.actor.name, 'satisfied')
    ctx.reply(T.thanks(t))
  },
}

export const dissatisfied: Command = {
  name: '不满意', usage: '不满意 12 还是漏水', help: '对办好的工单不满意，重新处理', audience: 'all',
  match: word('不满意'),
  run(ctx, args) {
    const found = ticketFor(ctx, args, this.usage, 'own')
    if (!found) return
    const [t, reason] = found
    if (t.status !== 'done') { ctx.reply(T.badState(t, '评价')); return }
    t.status = 'accepted'
    t.verdict = 'dissatisfied'
    t.doneAt = null
    record(t, ctx.now, ctx.actor.name, 'dissatisfied', reason || undefined)
    record(t, ctx.now, '系统', 'reopened')
    ctx.reply(T.reopened(t))
    ctx.tellAssignee(t, T.reopenedToWorker(t, reason))
  },
}
