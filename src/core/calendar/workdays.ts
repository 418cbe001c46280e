import data from 'chinese-days/dist/chinese-days.json' with { type: 'json' }
import { partsOf, weekdayOf } from './days.js'

// The package's own date functions read a date in the server's time zone (a server on UTC−5 took
// Monday for Sunday); its tables, keyed by the date, are read here with our own weekday instead.
const holidays: Record<string, string> = data.holidays
const workdays: Record<string, string> = data.workdays
const years = new Set(Object.keys(holidays).map(d => Number(d.slice(0, 4))))

/**
 * China's statutory working calendar (holidays and make-up working days, 调休) from chinese-days.
 * A year the data does not cover yet (its holidays not announced) falls back to Monday–Friday;
 * callers learn it through `covered: false` and report it as a warning.
 */
export const yearCovered = (year: number): boolean => years.has(year)

export function isWorkday(date: string): { workday: boolean; covered: boolean } {
  const covered = yearCovered(partsOf(date).y)
  if (!covered) return { workday: weekdayOf(date) <= 5, covered }
  const work = date in workdays || (weekdayOf(date) <= 5 && !(date in holidays))
  return { workday: work, covered }
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
