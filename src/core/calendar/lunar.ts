import { LunarDay, LunarMonth, LunarYear, SolarTerm } from 'tyme4ts'
import { ymd } from './days.js'

/**
 * The solar date of lunar `month`/`day` in lunar year `lunarYear`.
 * - `leap`: the leap month when that year has it, otherwise the normal month.
 * - Day 30 in a 29-day month falls back to day 29 (腊月三十 → 除夕 of a short year).
 */
export function lunarToSolar(lunarYear: number, month: number, day: number, leap = false): string {
  const k = `${lunarYear}/${month}/${day}/${leap}`
  let v = lunarMemo.get(k)
  if (v === undefined) lunarMemo.set(k, (v = convert(lunarYear, month, day, leap)))
  return v
}
const lunarMemo = new Map<string, string>() // a pure function's cache: planDue runs every minute

function convert(lunarYear: number, month: number, day: number, leap: boolean): string {
  const m = leap && LunarYear.fromYear(lunarYear).getLeapMonth() === month ? -month : month
  const d = Math.min(day, LunarMonth.fromYm(lunarYear, m).getDayCount())
  const s = LunarDay.fromYmd(lunarYear, m, d).getSolarDay()
  return ymd(s.getYear(), s.getMonth(), s.getDay())
}

/**
 * The date of a solar term in Gregorian year `year`. tyme4ts counts its solar-term year from the
 * previous 冬至 (`SolarTerm.fromName(2026, '冬至')` is 2025-12-21), so try both and keep the one
 * that falls in `year`.
 */
export function solarTermDate(year: number, name: string): string | null {
  const k = `${year}/${name}`
  if (!termMemo.has(k)) termMemo.set(k, findTerm(year, name))
  return termMemo.get(k)!
}
const termMemo = new Map<string, string | null>()

function findTerm(year: number, name: string): string | null {
  for (const y of [year, year + 1]) {
    const s = SolarTerm.fromName(y, name).getSolarDay()
    if (s.getYear() === year) return ymd(s.getYear(), s.getMonth(), s.getDay())
  }
  return null
}
