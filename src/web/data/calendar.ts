import type { Calendar, CalendarEntry, Rule } from '../../core/calendar/index.js'
import { occurrencesBetween, audienceLabel } from '../../core/calendar/index.js'
import { shanghaiDay, monthDay, weekdayOf, WEEKDAY_NAMES } from '../../core/calendar/days.js'

const WEEK = ['', '一', '二', '三', '四', '五', '六', '日']
const LUNAR_MONTHS = ['', '正', '二', '三', '四', '五', '六', '七', '八', '九', '十', '冬', '腊']
const CN = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十']
const lunarDay = (d: number) => (d <= 10 ? `初${CN[d]}` : d < 20 ? `十${CN[d - 10]}` : d === 20 ? '二十' : d < 30 ? `廿${CN[d - 20]}` : '三十')

/** A rule as staff read it: 每年5月20日, 农历三月初八, 每周一, 每个工作日… */
export function ruleText(r: Rule): string {
  switch (r.kind) {
    case 'daily':
      return '每天'
    case 'workdays':
      return '每个工作日'
    case 'weekly':
      return `每周${WEEK[r.weekday]}`
    case 'monthly':
      return `每月${r.day}日`
    case 'monthlyWeekday':
      return `每月${r.nth === -1 ? '最后一' : `第${CN[r.nth]}`}个周${WEEK[r.weekday]}`
    case 'yearly':
      return `每年${r.month}月${r.day}日`
    case 'lunar':
      return `农历${r.leap ? '闰' : ''}${LUNAR_MONTHS[r.month]}月${lunarDay(r.day)}`
    case 'solarTerm':
      return `${r.name}`
    case 'once':
      return r.date
  }
}

export const isRoutine = (e: CalendarEntry) => e.rule.kind === 'daily' || e.rule.kind === 'workdays'

export interface Day {
  date: string
  label: string
  items: { time: string; entry: CalendarEntry | undefined; text: string; to: string; lead: boolean }[]
}

/** What the calendar will send in the next `days` days, by day (routines of every (work)day left out). */
export function nextDays(cal: Calendar, now: Date, days: number): Day[] {
  const byId = new Map([...cal.festivals, ...cal.entries].map(e => [e.id, e]))
  const fires = occurrencesBetween(cal, now, new Date(now.getTime() + days * 86_400_000))
    .filter(f => {
      const e = byId.get(f.entryId)
      return !e || !isRoutine(e)
    })
    .sort((a, b) => a.at.getTime() - b.at.getTime())
  const out: Day[] = []
  for (const f of fires) {
    const date = shanghaiDay(f.at)
    let day = out.at(-1)
    if (!day || day.date !== date) {
      day = { date, label: `${monthDay(date)} ${WEEKDAY_NAMES[weekdayOf(date)]}`, items: [] }
      out.push(day)
    }
    const hhmm = new Date(f.at.getTime() + 8 * 3600_000).toISOString().slice(11, 16)
    day.items.push({ time: hhmm, entry: byId.get(f.entryId), text: f.text, to: f.audiences.map(audienceLabel).join('、'), lead: !f.key.endsWith('#0') })
  }
  return out
}
