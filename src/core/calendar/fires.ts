import type { Audience, Calendar, CalendarEntry, Lead } from './schema.js'
import { ruleDates } from './rules.js'
import type { WorkdayCheck } from './workdays.js'
import { addDays, atShanghai, shanghaiDay } from './days.js'

/** One message the calendar wants sent. */
export interface Fire {
  /** Unique and stable per (entry, occurrence date, lead): `${entryId}@${YYYY-MM-DD}#${daysBefore}`. */
  key: string
  entryId: string
  at: Date
  text: string
  audiences: Audience[]
  residentFacing: boolean
}

/** Longest run of consecutive non-workdays a shifted occurrence may jump over (春节 plus weekends). */
const MAX_SHIFT_DAYS = 20

export const isResidentFacing = (audiences: readonly Audience[]) => audiences.some(a => a.kind === 'residents' || a.kind === 'grid')

export const allEntries = (cal: Calendar): CalendarEntry[] => [...cal.festivals, ...cal.entries]

const shifts = (e: CalendarEntry) => (e.rule.kind === 'weekly' || e.rule.kind === 'monthly') && e.rule.nextWorkdayIfHoliday === true

/**
 * The occurrence dates of `entry` in [start, end], after its workday rules:
 * `workdays` and `workdayOnly` skip non-workdays; `nextWorkdayIfHoliday` moves an occurrence to the
 * next workday (two occurrences moved onto one day count once).
 */
export function entryDates(entry: CalendarEntry, start: string, end: string, wd: WorkdayCheck): string[] {
  const skip = entry.rule.kind === 'workdays' || entry.workdayOnly === true
  if (shifts(entry)) {
    const out = new Set<string>()
    for (let d of ruleDates(entry.rule, addDays(start, -MAX_SHIFT_DAYS), end)) {
      while (!wd.is(d)) d = addDays(d, 1)
      if (d >= start && d <= end) out.add(d)
    }
    return [...out].sort()
  }
  const dates = ruleDates(entry.rule, start, end)
  return skip ? dates.filter(d => wd.is(d)) : dates
}

/** All fires of the calendar with from < at <= to, sorted by time (then key). */
export function firesBetween(cal: Calendar, from: Date, to: Date, wd: WorkdayCheck): Fire[] {
  if (to.getTime() <= from.getTime()) return []
  const start = shanghaiDay(from),
    end = shanghaiDay(to)
  const out: Fire[] = []
  for (const e of allEntries(cal)) {
    const leads: Lead[] = e.leads ?? [{ daysBefore: 0, time: e.time }]
    const maxBefore = Math.max(...leads.map(l => l.daysBefore))
    for (const date of entryDates(e, start, addDays(end, maxBefore), wd)) {
      for (const l of leads) {
        const at = atShanghai(addDays(date, -l.daysBefore), l.time)
        if (at.getTime() <= from.getTime() || at.getTime() > to.getTime()) continue
        out.push({
          key: `${e.id}@${date}#${l.daysBefore}`,
          entryId: e.id,
          at,
          text: l.text ?? e.text,
          audiences: e.audiences,
          residentFacing: isResidentFacing(e.audiences),
        })
      }
    }
  }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime() || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
}
