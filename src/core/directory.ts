import type { Directory, Grid, Team } from './schema.js'

/** Read-only lookups over the community directory. */
export type { Actor } from './identity.js'
import type { Actor } from './identity.js'

export const GRID_LEADER = '网格长'

export const isStaff = (a: Actor) => a.roles.includes('staff')
export const isVolunteer = (a: Actor) => a.roles.includes('teamLead') || a.roles.includes('volunteer')
export const isGridLeader = (a: Actor) => a.roles.includes('gridLeader')

export function gridOfBuilding(dir: Directory, building: number | null): Grid | undefined {
  if (building === null) return undefined
  return dir.grids.find(g => g.buildings.includes(building))
}
export const gridById = (dir: Directory, id: number | null | undefined) => (id == null ? undefined : dir.grids.find(g => g.id === id))
export const gridByRoom = (dir: Directory, topic: string | null) => (topic === null ? undefined : dir.grids.find(g => g.room === topic))
export const teamByName = (dir: Directory, name: string): Team | undefined => dir.teams.find(t => t.name === name)
export const teamByRoom = (dir: Directory, topic: string | null): Team | undefined => (topic === null ? undefined : dir.teams.find(t => t.room === topic))
export const isResidentRoom = (dir: Directory, topic: string) => dir.grids.some(g => g.room === topic)
export const residentRooms = (dir: Directory) => dir.grids.map(g => g.room)

/** Every room topic the bot serves: staff group, grid groups, team groups. */
export const allRooms = (dir: Directory) => [dir.community.staffRoom, ...dir.grids.map(g => g.room), ...dir.teams.map(t => t.room)]

/** The people the directory puts in a room (besides residents, who join by speaking). */
export function membersOf(dir: Directory, topic: string): string[] {
  if (topic === dir.community.staffRoom) {
    return [...dir.people.filter(p => p.roles.includes('staff')).map(p => p.name), ...dir.grids.map(g => g.leader)]
  }
  const grid = gridByRoom(dir, topic)
  if (grid) return [grid.leader, ...(grid.member ? [grid.member] : [])]
  const team = teamByRoom(dir, topic)
  if (team) {
    const vols = dir.people.filter(p => p.team === team.name && p.name !== team.lead).map(p => p.name)
    return [team.lead, ...vols]
  }
  return []
}

/** Resolves a transfer target typed by a person: a team name (or a unique prefix) or 网格长. */
export function resolveTarget(dir: Directory, word: string): string | undefined {
  const w = word.trim()
  if (w === GRID_LEADER || /^\d*网格长?$/.test(w)) return GRID_LEADER
  const exact = teamByName(dir, w)
  if (exact) return exact.name
  const matches = dir.teams.filter(t => t.name.startsWith(w) || w.startsWith(t.name))
  return matches.length === 1 ? matches[0].name : undefined
}

/** The staff member who hears of the bot's own troubles privately: the community's duty worker. */
export const dutyStaff = (dir: Directory): string | undefined =>
  dir.people.find(p => p.name === dir.community.duty)?.name ?? dir.people.find(p => p.roles.includes('staff'))?.name
