import type { Db } from '../core/schema.js'
import type { Logger } from '../ports.js'
import { dutyStaff } from '../core/directory.js'
import { enqueue } from '../core/outbox.js'

/** Tells the duty worker privately, once per key: an impostor, a shared remark, a group that does not check out. */
export function tellStaffOnce(db: Db, key: string, text: string, now: Date, log: Logger): boolean {
  const state = db.state
  if (state.told.includes(key)) return false
  state.told.push(key)
  if (state.told.length > 500) state.told.splice(0, state.told.length - 500)
  const duty = dutyStaff(db)
  if (duty) enqueue(state, { to: duty }, text, now, { urgent: true })
  log.warn(`told staff: ${text}`)
  return true
}
