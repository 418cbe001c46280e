import type { Who } from '../features/types.js'
import { isGridLeader, isStaff, isVolunteer, type Actor } from '../core/directory.js'

/** Whether this person may use a command declared for `who`. */
export function allowed(a: Actor, who: Who): boolean {
  if (who === 'anyone' || isStaff(a)) return true
  if (who === 'staff') return false
  return isVolunteer(a) || isGridLeader(a) || a.roles.includes('gridMember')
}
