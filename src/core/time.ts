/** Time helpers for Asia/Shanghai (UTC+8, no daylight saving). Pure: `now` is always an argument. */
const OFFSET_MS = 8 * 3600_000

const pad = (n: number, w = 2) => String(n).padStart(w, '0')

/** ISO 8601 with the +08:00 offset, e.g. 2026-12-01T08:55:01+08:00. */
export function iso(d: Date): string {
  const s = new Date(d.getTime() + OFFSET_MS)
  return `${s.getUTCFullYear()}-${pad(s.getUTCMonth() + 1)}-${pad(s.getUTCDate())}T${pad(s.getUTCHours())}:${pad(s.getUTCMinutes())}:${pad(s.getUTCSeconds())}+08:00`
}

/** Short human form for Chinese texts: 12月1日 08:55 */
export function human(d: Date): string {
  const s = new Date(d.getTime() + OFFSET_MS)
  return `${s.getUTCMonth() + 1}月${s.getUTCDate()}日 ${pad(s.getUTCHours())}:${pad(s.getUTCMinutes())}`
}

/** A past moment relative to now, for Chinese texts: 今天 14:00, 昨天 14:00, or 12月1日 14:00. */
export function humanSince(d: Date, now: Date): string {
  const day = (x: Date) => Math.floor((x.getTime() + OFFSET_MS) / 86_400_000)
  const hm = human(d).slice(-5)
  const back = day(now) - day(d)
  return back === 0 ? `今天 ${hm}` : back === 1 ? `昨天 ${hm}` : human(d)
}

// One implementation of Shanghai days and quiet hours: the calendar's (core/calendar/days.ts, quiet.ts).
export { shanghaiDay as shanghaiDate, shanghaiMinutes, atShanghai } from './calendar/days.js'
export { inQuiet as inQuietHours, afterQuiet as afterQuietHours } from './calendar/quiet.js'

/** Parses durations like 45s, 30m, 2h, 3d (and combinations such as 1h30m). */
export function parseDuration(text: string): number {
  const re = /(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)/g
  const unit: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3600_000, d: 86_400_000 }
  let total = 0,
    matched = ''
  for (const m of text.matchAll(re)) {
    total += Number(m[1]) * unit[m[2]]
    matched += m[0]
  }
  if (!matched || matched.replace(/\s/g, '') !== text.replace(/\s/g, '')) throw new Error(`无法识别的时长 "${text}"，例如 45s、30m、2h、3d`)
  return total
}
