import type { Db } from '../core/schema.js'
import type { Feature, JobCtx } from '../features/types.js'

/**
 * The features' periodic jobs, in feature order: quick ones on every tick (schedules wait while the
 * session is down unless a job says otherwise), slow ones (charts, files) after the quick work.
 */
export function createJobs(features: Feature[], jobCtx: (now: Date) => JobCtx) {
  return {
    /** Every quick job; true when any changed the state. */
    async quick(ctx: JobCtx): Promise<boolean> {
      let changed = false
      for (const f of features) {
        const job = f.job
        if (!job || job.slow || (!ctx.loggedIn && !job.whileLoggedOut)) continue
        changed = (await job.run(ctx)) || changed
      }
      return changed
    },
    /** Every slow job; true when any changed the state. */
    async slow(now: Date): Promise<boolean> {
      let changed = false
      for (const f of features) if (f.job?.slow) changed = (await f.job.run(jobCtx(now))) || changed
      return changed
    },
    /** The earliest time any job that may run now wants to run, or null. */
    nextWake(db: Db, now: Date): number | null {
      const loggedIn = db.state.session.loggedIn
      const times = features.flatMap(f => (f.job && (loggedIn || f.job.whileLoggedOut) ? [f.job.nextWake(db, now)] : []))
      const real = times.filter((t): t is number => t !== null)
      return real.length ? Math.min(...real) : null
    },
  }
}
