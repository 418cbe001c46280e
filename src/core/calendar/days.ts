/**
 * Plain calendar-day arithmetic on 'YYYY-MM-DD' strings and Asia/Shanghai instants
 * (UTC+8 all year, no daylight saving, so a fixed offset is exact).
 */
const OFFSET_MS = 8 * 3600_000
const DAY_MS = 86_400_000

export const pad = (n: number) => String(n).padStart(2, '0')

export const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`

export function partsOf(day: string): { y: number; m: number; d: number } {
  const [y, m, d] = day.split('-').map(Number)
  return { y, m, d }
}

const utc = (day: string) => Date.parse(`${day}T00:00:00Z`)
const fromUtc = (t: number) => new Date(t).toISOString().slice(0, 10)

export const addDays = (day: string, n: number) => fromUtc(utc(day) + n * DAY_MS)

/** 1 = Monday … 7 = Sunday. */
export function weekdayOf(day: string): number {
  const w = new Date(utc(day)).getUTCDay()
  return w === 0 ? 7 : w
}

export const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate()

/** Every day from `start` to `end`, both included. */
export function eachDay(start: string, end: string): string[] {
  const out: string[] = []
  for (let t = utc(start), e = utc(end); t <= e; t += DAY_MS) out.push(fromUtc(t))
  return out
}

/** The Shanghai calendar date of an instant. */
export const shanghaiDay = (at: Date) => fromUtc(at.getTime() + OFFSET_MS)

/** Shanghai wall-clock minutes since midnight. */
export function shanghaiMinutes(at: Date): number {
  const s = new Date(at.getTime() + OFFSET_MS)
  return s.getUTCHours() * 60 + s.getUTCMinutes()
}

/** The instant of Shanghai wall-clock `hhmm` on `day`. */
export const atShanghai = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`)

export const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))

export const WEEKDAY_NAMES = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日']

/** 9月25日 */
export function monthDay(day: string): string {
  const { m, d } = partsOf(day)
  return `${m}月${d}日`
}
