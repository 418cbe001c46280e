import type { Ctx } from '../types.js'
import type { Ticket } from '../../core/types.js'
import { fromWeb } from '../../core/identity.js'
import { addressOf, isSuicide, type NewTicket } from '../../core/tickets.js'
import { shanghaiDate, shanghaiMinutes } from '../../core/time.js'
import { T } from '../../core/texts.js'

/** New urgent tickets one person may open in an hour with alerts; the rest go to the grid leader to check. */
export const URGENT_PER_PERSON = 2
/** …and the web page as a whole (anyone can open it, from any address): a real emergency there is told to call 119/120. */
export const URGENT_FROM_WEB = 3
const HOUR = 3600_000

/**
 * One person (or the open web page) raising emergency after emergency would spend the urgent sending
 * budget and hold back a real alert from someone else. Past the limit a new urgent report is still a
 * ticket for the grid leader, without the alarm: staff are told once an hour to check on it. Repeats
 * of one emergency never count here: they join the first ticket before this is asked.
 */
export function urgentFlood(ctx: Ctx, draft: NewTicket): boolean {
  // Words of suicide always raise the alarm, however often they come.
  if (!draft.urgent || ctx.actor.roles.length > 0 || isSuicide(draft)) return false
  const since = ctx.now.getTime() - HOUR
  const recent = ctx.state.tickets.filter(t => t.urgent && Date.parse(t.createdAt) > since)
  const web = ctx.msg.channel === 'web'
  const same = web ? recent.filter(t => fromWeb(t)) : recent.filter(t => byThisPerson(ctx, t))
  return same.length >= (web ? URGENT_FROM_WEB : URGENT_PER_PERSON)
}

const byThisPerson = (ctx: Ctx, t: Ticket) =>
  t.reporter === ctx.actor.name || (!!ctx.actor.ref && t.reporterId?.ref === ctx.actor.ref) || (!!ctx.actor.remark && t.reporterId?.remark === ctx.actor.remark)

/** Staff hear once an hour per person (or for the web page) that urgent reports now wait to be checked. */
export function tellFlood(ctx: Ctx, t: Ticket) {
  const hour = `${shanghaiDate(ctx.now)}T${Math.floor(shanghaiMinutes(ctx.now) / 60)}`
  const who = ctx.msg.channel === 'web' ? '网页报修' : ctx.actor.name
  ctx.tellStaffOnce(`urgent-flood:${who}:${hour}`, T.urgentFlood(who, t, addressOf(t)))
}
