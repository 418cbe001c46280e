import type { Calendar, CalendarEntry } from './schema.js'
import { allEntries } from './fires.js'

const maxNo = (cal: Calendar) => Math.max(0, ...allEntries(cal).map(e => e.no ?? 0))

/**
 * Adds an entry to `entries` with a fresh number (`no`, never reused: see `nextNo`) and an id made
 * unique if taken. Returns a new calendar; the added entry is the last of `entries`.
 */
export function addEntry(cal: Calendar, entry: CalendarEntry): Calendar {
  const no = Math.max(cal.nextNo ?? 1, maxNo(cal) + 1)
  const ids = new Set(allEntries(cal).map(e => e.id))
  let id = entry.id
  for (let i = 2; ids.has(id); i++) id = `${entry.id}-${i}`
  return { ...cal, nextNo: no + 1, entries: [...cal.entries, { ...entry, id, no }] }
}

/** Removes the entry numbered `no` (from `entries` or `festivals`). Returns new objects. */
export function removeEntry(cal: Calendar, no: number): { ok: true; calendar: Calendar; removed: CalendarEntry } | { ok: false; error: string } {
  const removed = allEntries(cal).find(e => e.no === no)
  if (!removed) return { ok: false, error: `没有编号为 ${no} 的日程。发送「日程」查看带编号的日程，例如：日程 删除 3` }
  const keep = (list: CalendarEntry[]) => list.filter(e => e !== removed)
  return {
    ok: true,
    removed,
    calendar: { ...cal, nextNo: Math.max(cal.nextNo ?? 1, maxNo(cal) + 1), festivals: keep(cal.festivals), entries: keep(cal.entries) },
  }
}
