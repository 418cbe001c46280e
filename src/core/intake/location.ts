/**
 * Address parsing on normalised text: 12号楼 / 12栋 / 12幢 / 12# / 第12号楼, 2单元, 301 / 301室,
 * compact 12-2-301, 12#2-301, 12号楼2-301. Floors (5楼, 5层) are not buildings, and numbers that are
 * not addresses (phone numbers, 单号是5, times, money) are ignored because every form needs an address word.
 */

export interface Location {
  building: number | null
  unit: number | null
  room: string | null
}

// 12-2-301, 12#2-301, 32#1-302, 12号楼2-301, 12栋2-301
const COMPACT = /(?<![\d\-#.])(\d{1,3})\s?(?:#|-|号楼|栋|幢|号)\s?(\d{1,2})\s?-\s?(\d{3,4})(?![\d\-.])/
// 12号楼, 12栋, 12幢, 12#, 第12号楼; 12号 only before a unit or room; 12楼 only before a unit.
const BUILDING = /(?<![\d.-])(?:第\s?)?(\d{1,3})\s?(?:号楼|栋|幢|#|号(?=\s?\d{1,2}\s?(?:单元|门(?![口前外卫诊]))|\s?\d{3,4}(?![\d.:]))|楼(?=\s?\d{1,2}\s?单元))/
const UNIT = /(?<![\d.-])(\d{1,2})\s?单元/
// 2门 means unit 2 only right after a building (12号楼2门301).
const UNIT_AFTER_BUILDING = /^[\s,、]{0,2}(?:的\s?)?(\d{1,2})\s?(?:单元|门(?![口前外卫诊]))/
// A room right after the building or unit: 301, 301室, 的301.
const ROOM_AFTER = /^[\s,、]{0,2}(?:的\s?)?(?:\d{1,2}\s?[楼层]\s?)?(\d{3,4})(?![\d.:：%点时分元块岁年月日天个次度斤米])(?:\s?(?:室|房|号))?/
// A room anywhere when marked: 301室, 301房间, 301号房.
const ROOM_MARKED = /(?<![\d.-])(\d{3,4})\s?(?:室|号房|房间)/
// A room after a floor: 3楼302.
const ROOM_AFTER_FLOOR = /(?<![\d.-])\d{1,2}\s?[楼层]\s?(\d{3,4})(?![\d.:])/

const NONE: Location = { building: null, unit: null, room: null }

// Buildings a numbered community cannot have: letters (C栋, A5栋, 5A栋, 3号楼A座, B座) and building 0.
// Normalised text is lower-case. Not after other Latin letters or digits (ktv, k3路).
const LETTER_BUILDING = /(?<![a-z0-9])(\d{1,3}\s?(?:号楼|栋|幢)\s?[a-z]\s?座|[a-z]\d{0,3}\s?(?:栋|幢|号楼|座)|\d{1,3}[a-z]\s?(?:栋|幢|号楼|座))/
const ZERO_BUILDING = /(?<![\d.-])(?:第\s?)?0+\s?(?:号楼|栋|幢)/

/**
 * A building written in a form the community cannot have (letters, building 0), as written with the
 * letters in upper case (C栋, 3号楼A座), or null. Numbers outside the community's list are the caller's check.
 */
export function findUnknownBuilding(t: string): string | null {
  const m = LETTER_BUILDING.exec(t) ?? ZERO_BUILDING.exec(t)
  return m ? m[0].replace(/\s/g, '').toUpperCase() : null
}

/** Parse a location from already-normalised text. */
export function parseLocationNormalized(t: string): Location {
  if (!/\d/.test(t)) return { ...NONE }
  const c = COMPACT.exec(t)
  if (c) {
    const b = Number(c[1])
    const u = Number(c[2])
    if (b > 0 && u > 0) return { building: b, unit: u, room: c[3] }
  }
  let building: number | null = null
  let unit: number | null = null
  let room: string | null = null
  let rest = t
  const b = BUILDING.exec(t)
  if (b && Number(b[1]) > 0) {
    building = Number(b[1])
    rest = t.slice(b.index + b[0].length)
    const ua = UNIT_AFTER_BUILDING.exec(rest)
    if (ua && Number(ua[1]) > 0) {
      unit = Number(ua[1])
      rest = rest.slice(ua.index + ua[0].length)
    }
  }
  if (unit === null) {
    const u = UNIT.exec(t)
    if (u && Number(u[1]) > 0) {
      unit = Number(u[1])
      rest = t.slice(u.index + u[0].length)
    }
  }
  if (building !== null || unit !== null) {
    const r = ROOM_AFTER.exec(rest)
    if (r) room = r[1]
  }
  if (room === null) {
    const r = ROOM_MARKED.exec(t) ?? ROOM_AFTER_FLOOR.exec(t)
    if (r) room = r[1]
  }
  return { building, unit, room }
}
