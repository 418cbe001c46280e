import db from '../../../db.json'
import { CalendarSchema, occurrencesBetween, type Calendar, type CalendarEntry, type Fire } from '../../../src/core/calendar/index.js'

/** The demo calendar exactly as db.json ships it. */
export const demo: Calendar = CalendarSchema.parse(db.calendar)

/** A Shanghai wall-clock instant: t('2026-09-25 08:00'). */
export const t = (s: string) => new Date(`${s.replace(' ', 'T')}:00+08:00`)

/** An instant as Shanghai 'YYYY-MM-DD HH:mm'. */
export const sh = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')

/** Shanghai times of an entry's fires between two Shanghai wall-clock times. */
export function firesOf(cal: Calendar, id: string, from: string, to: string): string[] {
  return occurrencesBetween(cal, t(from), t(to))
    .filter(f => f.entryId === id)
    .map(f => sh(f.at))
}

export const only = (...entries: CalendarEntry[]): Calendar => ({ festivals: [], entries })

export const entry = (over: Partial<CalendarEntry> & Pick<CalendarEntry, 'id' | 'rule'>): CalendarEntry => ({
  title: over.id,
  text: `text of ${over.id}`,
  audiences: [{ kind: 'residents' }],
  time: '09:00',
  ...over,
})

export const keys = (fires: Fire[]) => fires.map(f => f.key)
