import type { Health, SessionInfo } from '../ports.js'
import type { Db } from '../core/schema.js'

/** The WeChat session and the outbox as the staff console shows them. */
export function healthOf(db: Db, now: number, lastAlert: Health['lastAlert'], session?: SessionInfo): Health {
  const state = db.state
  const o = db.settings.outbox
  return {
    loggedIn: state.session.loggedIn,
    since: state.session.since,
    queued: state.outbox.filter(x => x.status === 'queued').length,
    sentLastHour: state.sentLog.filter(t => now - t < 3600_000).length,
    hourlyCap: o.hourlyCap,
    urgentLastHour: state.urgentLog.filter(t => now - t < 3600_000).length,
    urgentHourlyCap: o.urgentHourlyCap,
    lastAlert,
    ...(session ?? { diagnosis: null, puppet: null }),
  }
}
