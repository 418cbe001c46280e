import type { Alert, Clock, Logger, Store } from '../ports.js'
import { T } from '../core/texts.js'
import { applyJournal } from './delivery.js'

/**
 * A write failed (a full disk, an I/O error): nothing that was not durable may be acknowledged. Rolls
 * the state back to the last durable write and alerts staff outside WeChat at most hourly; the next
 * write simply tries again, so the bot recovers by itself when space returns. Telling the person is
 * the caller's (that reply cannot be saved either: it goes out from memory).
 */
export function createWriteFailure(deps: { store: Store; clock: Clock; log: Logger; alert?: Alert }) {
  let alertedAt = -Infinity
  return (e: Error & { code: string }) => {
    const { store, log } = deps
    const now = deps.clock.now().getTime()
    store.rollback()
    applyJournal(store.db.state, store.replay ?? [])
    log.error(`db write failed (${e.code}): ${e.stack ?? e.message}`)
    if (now - alertedAt < 3600_000) return
    alertedAt = now
    void deps.alert?.(T.writeFailedAlert(e.code))
  }
}
