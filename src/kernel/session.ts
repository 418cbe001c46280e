import type { Logger } from '../ports.js'
import type { Db } from '../core/schema.js'
import { enqueue } from '../core/outbox.js'
import { iso } from '../core/time.js'
import { T } from '../core/texts.js'

/**
 * Records that the WeChat session went down or came back. Every login starts a new epoch (contact and
 * group refs of the old one are stale); coming back after a drop tells the staff group how long it was
 * down and how many messages were held. Returns 'back' when the outbox and schedules should resume.
 */
export function recordSession(db: Db, loggedIn: boolean, now: Date, log: Logger): 'first' | 'dropped' | 'back' | 'same' {
  const session = db.state.session
  if (session.loggedIn === loggedIn) {
    if (!loggedIn) return 'same'
    session.epoch++ // the first login of this run
    return 'first'
  }
  session.loggedIn = loggedIn
  if (!loggedIn) {
    session.since = iso(now)
    log.warn('WeChat session dropped: outbox and schedules paused')
    return 'dropped'
  }
  const held = db.state.outbox.filter(o => o.status === 'queued').length
  session.epoch++
  if (session.since) enqueue(db.state, { room: db.community.staffRoom }, T.resumed(new Date(session.since), held), now, { urgent: true })
  session.since = null
  log.info(`WeChat session back: resuming ${held} queued messages`)
  return 'back'
}
