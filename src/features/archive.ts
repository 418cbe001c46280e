import type { Feature, JobCtx } from './types.js'
import { archivable, markArchived } from '../core/archive.js'
import { pointEvents } from '../core/report/points.js'
import { shanghaiDate } from '../core/time.js'

/** Once a day: closed tickets older than 90 days move to monthly archive files, keeping db.json small. */
async function archiveOld(ctx: JobCtx): Promise<boolean> {
  const { state, now } = ctx
  const today = shanghaiDate(now)
  if (state.lastArchiveDay === today) return false
  for (const [month, tickets] of archivable(state, now.getTime())) {
    const total = await ctx.archive.append(month, tickets) // the archive file first: a crash here duplicates, never loses
    for (const e of pointEvents(tickets, [])) state.pointsArchived[e.name] = (state.pointsArchived[e.name] ?? 0) + e.points
    markArchived(state, month, tickets, total)
    ctx.log.info(`archived ${tickets.length} tickets of ${month}`)
  }
  state.lastArchiveDay = today
  return true
}

export const archive: Feature = {
  name: 'archive',
  job: { run: archiveOld, whileLoggedOut: true, nextWake: () => null },
}
