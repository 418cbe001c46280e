import type { Command } from './types.js'
import { word } from './types.js'
import { ticketFor } from './ticket-arg.js'
import { record } from '../core/tickets.js'
import { iso } from '../core/time.js'
import { T } from '../core/texts.js'
import { redact } from '../core/redact.js'

export const finish: Command = {
  name: '完成', usage: '完成 12 已疏通', help: '办完工单，附上备注', audience: 'worker',
  match: word('完成'),
  run(ctx, args) {
    const found = ticketFor(ctx, args, this.usage, 'work')
    if (!found) return
    const [t, note] = found
    if (t.status !== 'open' && t.status !== 'accepted') { ctx.reply(T.badState(t, '标记完成')); return }
    t.acceptedAt ??= iso(ctx.now)
    t.status = 'done'
    t.doneAt = iso(ctx.now)
    record(t, ctx.now, ctx.actor.name, 'done', note || undefined)
    ctx.reply(T.doneOk(t))
    ctx.tellReporters(t, T.done(t, redact(note)))
  },
}
