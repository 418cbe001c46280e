import type { Db, Directory } from './schema.js'
import { membersOf } from './directory.js'

/**
 * Which groups count. A group's topic is chosen by its members and proves nothing: a work group (the
 * staff group, a team's group) is recognised by who is in it — the members recorded when staff bound it
 * (绑定本群), else the people the directory puts there. Nothing sensitive goes to a work group that does
 * not check out; privilege never comes from a group at all.
 */
export type RoomRole = { kind: 'staff' } | { kind: 'team'; team: string } | { kind: 'resident'; grid: number }

/** The role a directory topic names, or null. */
export function roleOfTopic(dir: Directory, topic: string): RoomRole | null {
  if (topic === dir.community.staffRoom) return { kind: 'staff' }
  const team = dir.teams.find(t => t.room === topic)
  if (team) return { kind: 'team', team: team.name }
  const grid = dir.grids.find(g => g.room === topic)
  return grid ? { kind: 'resident', grid: grid.id } : null
}

export const topicOfRole = (dir: Directory, r: RoomRole): string =>
  r.kind === 'staff' ? dir.community.staffRoom : r.kind === 'team' ? dir.teams.find(t => t.name === r.team)!.room : dir.grids.find(g => g.id === r.grid)!.room

export const isWorkRole = (r: RoomRole | null): r is Exclude<RoomRole, { kind: 'resident' }> => r !== null && r.kind !== 'resident'

/** How well a group's members match what we know of the group with this topic, 0..1. */
export function roomScore(db: Pick<Db, 'state'> & Directory, topic: string, members: readonly string[]): number {
  const role = roleOfTopic(db, topic)
  if (!role) return 0
  const bound = [...db.state.roomBindings].reverse().find(b => b.topic === topic)
  const have = new Set(members)
  if (bound) return jaccard(new Set(bound.members), have)
  const expected = new Set(membersOf(db, topic).map(n => `r:${n}`))
  if (role.kind === 'resident') return recall(expected, have) // residents come and go; the grid's own workers stay
  return jaccard(expected, have)
}

const THRESHOLD = 0.5
export const checksOut = (db: Pick<Db, 'state'> & Directory, topic: string, members: readonly string[]) => roomScore(db, topic, members) >= THRESHOLD

function jaccard(a: Set<string>, b: Set<string>): number {
  let both = 0
  for (const x of a) if (b.has(x)) both++
  const union = a.size + b.size - both
  return union === 0 ? 0 : both / union
}
function recall(expected: Set<string>, have: Set<string>): number {
  let both = 0
  for (const x of expected) if (have.has(x)) both++
  return expected.size === 0 ? 0 : both / expected.size
}

/**
 * Which of the groups with a directory topic a message for it may go to: the one that checks out best.
 * Null when none does: work content then goes privately to bound people instead. `duplicates` tells
 * that more than one group has the topic (staff hear of it once).
 */
export function pickRoom<R extends { ref: string; members: string[] }>(
  db: Pick<Db, 'state'> & Directory,
  topic: string,
  rooms: R[],
): { room: R | null; duplicates: boolean } {
  let best: R | null = null
  let bestScore = -1
  for (const r of rooms) {
    const s = roomScore(db, topic, r.members)
    if (s >= THRESHOLD && s > bestScore) {
      best = r
      bestScore = s
    }
  }
  return { room: best, duplicates: rooms.length > 1 }
}

/**
 * What a group a message came from is to us: the role of its topic when its members check out; a
 * renamed residents' group is still that grid's group (staff were told); anything else is unknown.
 * Residents' groups whose members do not check out are still served (their texts are redacted anyway),
 * untrusted: they never carry work content.
 */
export function classifyRoom(
  db: Pick<Db, 'state'> & Directory,
  topic: string,
  members: readonly string[] | undefined,
): { role: RoomRole | null; trusted: boolean; genuine: boolean; was?: string } {
  const own = roleOfTopic(db, topic)
  const fits = (t: string) => members === undefined || checksOut(db, t, members)
  if (own && fits(topic)) return { role: own, trusted: true, genuine: true }
  // A renamed residents' group whose members check out is still that group (genuine), though it
  // carries no work content under its new name (not trusted).
  const renamed = [...db.state.roomRenames].reverse().find(r => r.to === topic && roleOfTopic(db, r.from)?.kind === 'resident')
  if (renamed && fits(renamed.from)) return { role: roleOfTopic(db, renamed.from), trusted: false, genuine: true, was: renamed.from }
  if (own?.kind === 'resident') return { role: own, trusted: false, genuine: false }
  return { role: null, trusted: false, genuine: false }
}
