import { normalizeInput } from './input.js'
import type { Directory, Role } from './schema.js'
import type { Ticket } from './types.js'

/**
 * Who someone is, as far as WeChat lets the bot know. Roles hang on the one handle the community's
 * account controls: the remark (备注) it gives a friend. A nickname, a group topic or a message proves
 * nothing: a stranger calling themselves 社区书记 is a resident named 社区书记.
 */

/** What the platform tells about the person behind a message (see Speaker in src/ports.ts). */
export interface SpeakerInfo {
  remark: string | null
  nick: string
  friend: boolean
  ref: string
  remarkShared: boolean
  nickTwins: number
}

export interface Actor {
  /** The name to show and address: the remark, else the nickname. */
  name: string
  roles: Role[]
  grid?: number
  team?: string
  /** The account's remark for them, when it is theirs alone. */
  remark: string | null
  /** This login's contact ref (null for the system). */
  ref: string | null
  /** Others in the same group showing the same name. */
  nickTwins: number
}

/** How a ticket remembers its reporter: the remark if they had one, else this login's ref. */
export interface ReporterId {
  remark: string | null
  ref: string | null
  epoch: number
}

type Grants = { name: string; role: string; until: string }[]

/** Who is speaking: the directory's roles and any grant for the day, only through an unshared remark. */
export function actorOf(dir: Directory, grants: Grants, from: string, who: SpeakerInfo | undefined, now: Date): Actor {
  const remark = who?.remark && !who.remarkShared ? who.remark : null
  const base = { name: who ? (who.remark ?? who.nick) : from, remark, ref: who?.ref ?? null, nickTwins: who?.nickTwins ?? 0 }
  if (!remark) return { ...base, roles: [] }
  const p = dir.people.find(x => x.name === remark)
  const granted = grants.filter(g => g.name === remark && Date.parse(g.until) > now.getTime()).map(g => g.role as Role)
  return { ...base, roles: [...new Set([...(p?.roles ?? []), ...granted])], grid: p?.grid, team: p?.team }
}

/**
 * Residents who report on the web page (/r) have no WeChat identity: they are all shown as 网页居民 and
 * known by their device (a cookie), whose ref is `web:device:<id>`.
 */
export const WEB_REPORTER = '网页居民'
export const isWebDeviceRef = (ref: string | null | undefined) => !!ref && ref.startsWith('web:device:')
/** A ticket opened on the resident web page. */
export const fromWeb = (t: Pick<Ticket, 'reporterId'>) => isWebDeviceRef(t.reporterId?.ref)

/** The identity a new ticket records for its reporter. */
export const reporterIdOf = (a: Actor, epoch: number): ReporterId => ({ remark: a.remark, ref: a.remark ? null : a.ref, epoch })

export type Ownership = 'yes' | 'no' | 'ambiguous'

/**
 * Is this the person who reported the ticket? A remark must match a remark. Without remarks, this
 * login's ref decides; after a new login (refs change) only the name is left, and where two people in
 * the group show that name, or the person writes from elsewhere (privately, another group, a group
 * that does not check out), it is `ambiguous`: refuse and say how to proceed rather than guess.
 * `rooms`: the group the message came from when it checks out, with its former topic (`ownerRoom`), else none.
 */
export function isReporter(t: Pick<Ticket, 'reporter' | 'reporterId' | 'room'>, a: Actor, rooms: readonly string[], epoch: number): Ownership {
  const r = t.reporterId
  // A web report belongs to its device alone, whatever the WeChat login: never fall back to the name
  // (anyone in WeChat may call themselves 网页居民).
  if (r && isWebDeviceRef(r.ref)) return a.ref === r.ref ? 'yes' : 'no'
  if (!r) return a.name === t.reporter && a.nickTwins === 0 ? 'yes' : a.name === t.reporter ? 'ambiguous' : 'no'
  if (r.remark || a.remark) return r.remark !== null && r.remark === a.remark ? 'yes' : 'no'
  if (r.ref && r.epoch === epoch && a.ref) return r.ref === a.ref ? 'yes' : 'no'
  if (a.name !== t.reporter) return 'no'
  // Only the name is left: it counts in the reporter's own group, when that group checks out (a group
  // made up with the same topic does not) and nobody else there shows the name; privately a name proves
  // nothing, since anyone can take it after a restart.
  return a.nickTwins === 0 && t.room !== null && rooms.includes(t.room) ? 'yes' : 'ambiguous'
}

/** A nickname that claims a directory name or a role it does not hold through a remark. */
export function impersonates(dir: Directory, a: Actor, who: SpeakerInfo | undefined): string | null {
  if (!who || a.remark) return null
  const nick = normalizeInput(who.nick).replace(/\s+/g, '') // 社区书记 with a zero-width space is still a claim
  if (dir.people.some(p => p.name === nick)) return nick
  return /(书记|主任|社工|网格长|网格员|队长|居委会|工作人员|管理员)$/.test(nick) ? nick : null
}
