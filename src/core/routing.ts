import type { Directory } from './schema.js'
import type { Destination, Ticket } from './types.js'
import type { EnqueueOptions } from './outbox.js'
import { gridById } from './directory.js'
import { fromWeb } from './identity.js'
import { assignedTeam, isSuicide } from './tickets.js'
import { T } from './texts.js'

/**
 * Where ticket messages go, pure: the app only delivers what these return. Residents hear in the
 * conversation they reported from (group texts never carry an address); handlers hear in their team's
 * work group or privately.
 */
export interface Outgoing {
  dest: Destination
  text: string
  opts?: EnqueueOptions
}

/**
 * A new (or transferred) ticket, heard once by each person: the team's work group (its lead is in it;
 * if the group does not check out, the lead gets it privately instead), or the grid leader privately;
 * urgent ones also the grid leader and the staff group.
 */
export function routeDispatch(dir: Directory, t: Ticket): Outgoing[] {
  const team = assignedTeam(dir, t)
  const opts = { urgent: t.urgent }
  // A dispatch held (the night, a cap) is dropped if the ticket was taken or cancelled meanwhile.
  const first = t.urgent ? opts : { about: { ticket: t.id, status: 'open', assignee: t.assignee } }
  const out: Outgoing[] = [{ dest: team ? { room: team.room } : { to: t.assignee }, text: T.dispatch(t), opts: first }]
  if (t.urgent) {
    const leader = gridById(dir, t.grid)?.leader
    if (leader && leader !== t.assignee) out.push({ dest: { to: leader }, text: T.urgentAlert(t), opts })
    // Words of suicide are alerted privately to staff, never posted in a group.
    if (isSuicide(t)) for (const p of dir.people.filter(x => x.roles.includes('staff'))) out.push({ dest: { to: p.name }, text: T.urgentAlert(t), opts })
    else out.push({ dest: { room: dir.community.staffRoom }, text: T.urgentAlert(t), opts })
  }
  return out
}

/**
 * Everyone attached to the ticket, where they reported it (a mention in the group, or privately). A
 * resident who reported on the web page has no WeChat to reach: their status page tells them instead
 * (a message "to 网页居民" would find whoever in WeChat shows that name).
 */
export function routeToReporters(t: Ticket, text: string, toNeighbours = text): Outgoing[] {
  // Held (the night, a cap), it goes only while the ticket still is as the text says.
  const about = { ticket: t.id, status: t.status, assignee: t.assignee }
  return t.reporters
    .filter(who => !(who === t.reporter && fromWeb(t)))
    .map(who => {
      const said = who === t.reporter ? text : toNeighbours
      return t.room ? { dest: { room: t.room }, text: said, opts: { mentions: [who], about } } : { dest: { to: who }, text: said, opts: { about } }
    })
}

/** Whoever handles the ticket: the team's work group, or the assignee privately. */
export function routeToHandler(dir: Directory, t: Ticket, text: string, file?: string): Outgoing[] {
  const team = assignedTeam(dir, t)
  return [{ dest: team ? { room: team.room } : { to: t.assignee }, text, ...(file ? { opts: { file } } : {}) }]
}
