import type { Ctx, Who } from '../features/types.js'
import { isGridLeader, isStaff, isVolunteer, type Actor } from '../core/directory.js'

/** Whether this person may use a command declared for `who`. */
export function allowed(a: Actor, who: Who): boolean {
  if (who === 'anyone' || isStaff(a)) return true
  if (who === 'staff') return false
  return isVolunteer(a) || isGridLeader(a) || a.roles.includes('gridMember')
}

/**
 * The group a message came from, for telling a reporter by name after a new login: only a group that
 * checks out counts (a group made up with the same topic does not), under its topic and, renamed by
 * its members, its former one; none privately or elsewhere.
 */
export const ownerRoom = (ctx: Pick<Ctx, 'room' | 'msg'>): string[] =>
  ctx.msg.room !== null && (ctx.room.trusted || ctx.room.genuine) ? [ctx.msg.room, ...(ctx.room.was ? [ctx.room.was] : [])] : []
