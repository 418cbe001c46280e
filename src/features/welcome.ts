import type { Ctx, Feature } from './types.js'
import { isResidentRoom } from '../core/directory.js'
import { iso } from '../core/time.js'
import { T } from '../core/texts.js'

const WELCOME_BATCH_MS = 30_000

/** People who join a resident group within a short window are welcomed together, once. */
function joined(ctx: Ctx, room: string, names: string[]): boolean {
  if (!isResidentRoom(ctx.db, room)) return false
  const fresh = names.filter(n => n !== ctx.db.community.botName)
  if (fresh.length === 0) return false
  const pending = ctx.state.welcomes.find(w => w.room === room)
  if (pending) pending.names.push(...fresh.filter(n => !pending.names.includes(n)))
  else ctx.state.welcomes.push({ room, names: fresh, dueAt: iso(new Date(ctx.now.getTime() + WELCOME_BATCH_MS)) })
  return true
}

/** Sends the batched welcomes whose short gathering window has passed: one message per group. */
function runWelcomes(ctx: Ctx): boolean {
  const due = ctx.state.welcomes.filter(w => Date.parse(w.dueAt) <= ctx.now.getTime())
  if (due.length === 0) return false
  ctx.state.welcomes = ctx.state.welcomes.filter(w => !due.includes(w))
  for (const w of due) {
    const shown = w.names.slice(0, 10)
    ctx.send({ room: w.room }, T.welcome(w.names.length), { mentions: shown })
  }
  return true
}

export const welcome: Feature = {
  name: 'welcome',
  joined,
  job: { run: runWelcomes, nextWake: db => (db.state.welcomes.length ? Math.min(...db.state.welcomes.map(w => Date.parse(w.dueAt))) : null) },
}
