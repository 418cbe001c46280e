import type { Ctx } from '../types.js'
import type { Ticket } from '../../core/types.js'
import { fromWeb, isReporter } from '../../core/identity.js'
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

/** The same person as identity decides it (remark, else this login's contact); across logins a shared name counts too. */
const byThisPerson = (ctx: Ctx, t: Ticket) => isReporter(t, ctx.actor, [], ctx.epoch) !== 'no'

/**
 * The advice past the limit (call 119, leave the building) goes at once, day or night, for the first
 * two such reports of a person an hour; further ones wait like any reply, so a flood cannot spend the
 * urgent budget through its own acknowledgements.
 */
export function floodAckUrgent(ctx: Ctx): boolean {
  const key = `flood-ack:${ctx.msg.channel === 'web' ? 'web' : (ctx.actor.remark ?? ctx.actor.ref ?? ctx.actor.name)}:${hourOf(ctx.now)}`
  const n = ctx.state.told.filter(k => k.startsWith(`${key}#`)).length
  if (n >= 2) return false
  ctx.state.told.push(`${key}#${n}`)
  if (ctx.state.told.length > 500) ctx.state.told.splice(0, ctx.state.told.length - 500)
  return true
}

const hourOf = (now: Date) => `${shanghaiDate(now)}T${Math.floor(shanghaiMinutes(now) / 60)}`

/** Staff hear once an hour per person (or for the web page) that urgent reports now wait to be checked. */
export function tellFlood(ctx: Ctx, t: Ticket) {
  const hour = hourOf(ctx.now)
  const who = ctx.msg.channel === 'web' ? '网页报修' : ctx.actor.name
  ctx.tellStaffOnce(`urgent-flood:${who}:${hour}`, T.urgentFlood(who, t, addressOf(t)))
}
