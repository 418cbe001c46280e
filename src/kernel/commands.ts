import type { Command, Ctx, Feature } from '../features/types.js'
import { ownerRoom } from './permissions.js'
import { commandText, ticketArg } from '../core/command-text.js'
import { findTicket, mayOwn, mayWork } from '../core/tickets.js'
import { T } from '../core/texts.js'
import { allowed } from './permissions.js'

/**
 * Message routing: a command, run after the checks its declaration asks for (who may use it, private
 * only, a ticket number the person may act on) with one refusal text; else the first feature that hears
 * the text. The kernel knows no command by name.
 */
export function createRouter(features: Feature[]) {
  const commands = features.flatMap(f => f.commands ?? [])

  async function runCommand(ctx: Ctx, c: Command, args: string) {
    if (!c.ticket && !allowed(ctx.actor, c.who)) {
      if (!(c.quietRefusal === true || (c.quietRefusal === 'group' && ctx.msg.room !== null))) ctx.reply(T.notAllowed(c.name, c.who))
      return
    }
    if (c.privateOnly && ctx.msg.room !== null) {
      ctx.reply(T.privateOnly(c.name))
      return
    }
    if (!c.ticket) {
      await c.run(ctx, args, undefined as never)
      return
    }
    let parsed = ticketArg(args)
    if (!parsed && c.defaultTicket && !/^[#\d０-９]/.test(args)) {
      const d = c.defaultTicket(ctx)
      if (typeof d === 'string') {
        ctx.reply(d)
        return
      }
      parsed = [d.id, args]
    }
    if (!parsed) {
      ctx.reply(T.needNumber(c.usage))
      return
    }
    const [id, rest] = parsed
    const t = findTicket(ctx.state, id) ?? (c.ticket === 'view' ? await ctx.archived(id) : undefined)
    if (!t) {
      ctx.reply(T.noTicket(id))
      return
    }
    const owner = mayOwn(ctx.actor, t, ownerRoom(ctx), ctx.epoch)
    const may = c.ticket === 'work' ? mayWork(ctx.db, ctx.actor, t) : c.ticket === 'own' ? owner === 'yes' : owner === 'yes' || mayWork(ctx.db, ctx.actor, t)
    if (!may && owner === 'ambiguous') {
      ctx.reply(T.ambiguousOwner(t, c.name))
      return
    }
    if (!may) {
      ctx.reply(c.ticket === 'view' ? T.notYours(t) : T.notAllowed(c.name, c.ticket, t))
      return
    }
    await c.run(ctx, rest, t)
  }

  /** A message's text: a command, else the first feature that hears it. Returns whether it was taken. */
  return async function routeText(ctx: Ctx): Promise<boolean> {
    const text = commandText(ctx.msg.text, ctx.db.community.botName)
    if (!text) return false
    for (const c of commands) {
      const args = c.match(text, ctx.db)
      if (args !== null) {
        await runCommand(ctx, c, args)
        return true
      }
    }
    return features.some(f => f.hears?.(ctx, text) ?? false)
  }
}
