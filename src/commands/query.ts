import type { Command } from './types.js'
import { word } from './types.js'
import { ticketFor } from './ticket-arg.js'
import { mayOwn, mayWork } from '../core/tickets.js'
import { T } from '../core/texts.js'

export const query: Command = {
  name: '查询', usage: '查询 12', help: '查看工单进度', audience: 'all',
  match: word('查询'),
  run(ctx, args) {
    const found = ticketFor(ctx, args, this.usage, 'any')
    if (!found) return
    const [t] = found
    // Details (address, reporter, text) only in a private chat, and only to those involved.
    const full = ctx.msg.room === null && (mayWork(ctx.db, ctx.actor, t) || mayOwn(ctx.actor, t))
    ctx.reply(T.status(t, full))
  },
}
