import chineseDays from 'chinese-days'
import { partsOf, weekdayOf } from './days.js'

/**
 * China's statutory working calendar (holidays and make-up working days, 调休) from chinese-days.
 * A year the data does not cover yet (its holidays not announced) falls back to Monday–Friday;
 * callers learn it through `covered: false` and report it as a warning.
 */
const coverage = new Map<number, boolean>()

export function yearCovered(year: number): boolean {
  let c = coverage.get(year)
  if (c === undefined) {
    c = chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0
    coverage.set(year, c)
  }
  return c
}

export function isWorkday(date: string): { workday: boolean; covered: boolean } {
  const covered = yearCovered(partsOf(date).y)
  if (!covered) return { workday: weekdayOf(date) <= 5, covered }
  return { workday: chineseDays.getDayDetail(date).work, covered }
}

/** Collects the years whose workday answer was a Monday–Friday guess. */
export class WorkdayCheck {
  readonly uncovered = new Set<number>()
  is(date: string): boolean {
    const r = isWorkday(date)
    if (!r.covered) this.uncovered.add(partsOf(date).y)
    return r.workday
  }
  warnings(): string[] {
    return [...this.uncovered].sort().map(y => `workdays: no statutory holiday data for ${y} (chinese-days); assuming Monday–Friday`)
  }
}
