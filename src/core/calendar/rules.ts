import type { Rule } from './schema.js'
import { lunarToSolar, solarTermDate } from './lunar.js'
import { daysInMonth, eachDay, partsOf, weekdayOf, ymd } from './days.js'

/** Months (y, m) touching [start, end]. */
function eachMonth(start: string, end: string): Array<[number, number]> {
  const a = partsOf(start),
    b = partsOf(end)
  const out: Array<[number, number]> = []
  for (let y = a.y, m = a.m; y < b.y || (y === b.y && m <= b.m); ) {
    out.push([y, m])
    if (m === 12) {
      y++
      m = 1
    } else m++
  }
  return out
}

function nthWeekday(y: number, m: number, nth: number, weekday: number): string | null {
  const len = daysInMonth(y, m)
  if (nth === -1) {
    const last = ymd(y, m, len)
    return ymd(y, m, len - ((weekdayOf(last) - weekday + 7) % 7))
  }
  const first = ((weekday - weekdayOf(ymd(y, m, 1)) + 7) % 7) + 1
  const d = first + 7 * (nth - 1)
  return d <= len ? ymd(y, m, d) : null
}

/** The dates in [start, end] (inclusive) on which `rule` occurs, before any workday shift. */
export function ruleDates(rule: Rule, start: string, end: string): string[] {
  const inRange = (d: string | null): d is string => d !== null && d >= start && d <= end
  const years = () => Array.from({ length: partsOf(end).y - partsOf(start).y + 1 }, (_, i) => partsOf(start).y + i)
  switch (rule.kind) {
    case 'daily':
    case 'workdays':
      return eachDay(start, end)
    case 'weekly':
      return eachDay(start, end).filter(d => weekdayOf(d) === rule.weekday)
    case 'monthly':
      return eachMonth(start, end)
        .map(([y, m]) => ymd(y, m, Math.min(rule.day, daysInMonth(y, m))))
        .filter(inRange)
    case 'monthlyWeekday':
      return eachMonth(start, end)
        .map(([y, m]) => nthWeekday(y, m, rule.nth, rule.weekday))
        .filter(inRange)
    case 'yearly':
      return years()
        .map(y => ymd(y, rule.month, Math.min(rule.day, daysInMonth(y, rule.month))))
        .filter(inRange)
    case 'lunar':
      // A lunar year straddles two Gregorian years: lunar year y-1's late months land in y.
      return [partsOf(start).y - 1, ...years()].map(ly => lunarToSolar(ly, rule.month, rule.day, rule.leap)).filter(inRange)
    case 'solarTerm':
      return years()
        .map(y => solarTermDate(y, rule.name))
        .filter(inRange)
    case 'once':
      return inRange(rule.date) ? [rule.date] : []
  }
}
