import type { Ctx } from './types.js'
import { T } from '../core/texts.js'

/** Sends the batched welcomes whose short gathering window has passed: one message per group. */
export function runWelcomes(ctx: Ctx): boolean {
  const due = ctx.state.welcomes.filter(w => Date.parse(w.dueAt) <= ctx.now.getTime())
  if (due.length === 0) return false
  ctx.state.welcomes = ctx.state.welcomes.filter(w => !due.includes(w))
  for (const w of due) {
    const shown = w.names.slice(0, 10)
    ctx.send({ room: w.room }, T.welcome(w.names.length), { mentions: shown })
  }
  return true
}
