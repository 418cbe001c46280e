import type { Command } from './types.js'
import { word, ticketArg } from './types.js'
import { ticketFor } from './ticket-arg.js'
import { findTicket, mayOwn, mayWork } from '../core/tickets.js'
import { T } from '../core/texts.js'

export const query: Command = {
  name: '查询', usage: '查询 12', help: '查看工单进度', audience: 'all',
  match: word('查询'),
  async run(ctx, args) {
    const parsed = ticketArg(args)
    const old = parsed && !findTicket(ctx.state, parsed[0]) ? await ctx.archived(parsed[0]) : undefined
    const found = old ? [old] as const : ticketFor(ctx, args, this.usage, 'any')
    if (!found) return
    const [t] = found
    // Details (address, reporter, text) only in a private chat, and only to those involved.
    const full = ctx.msg.room === null && (mayWork(ctx.db, ctx.actor, t) || mayOwn(ctx.actor, t))
    ctx.reply(T.status(t, full))
  },
}
