import type { Rule } from './schema.js'
import { readLunarDay, readLunarMonth, readNumber, readWeekday } from './numerals.js'
import { addDays, atShanghai, daysInMonth, monthDay, pad, partsOf, shanghaiDay, ymd } from './days.js'

/**
 * The one reader of dates and times that staff type, for notices, the calendar and anything else:
 * 12月20日, 2026年12月20日, 2026-12-20, 今天/明天/后天, 每天, 工作日, 每周三, 每月1日, 每月第一个周一,
 * 每年5月20日, 农历八月十五; times 09:00, 9:30, 9点, 9点半, 下午3点, 晚上7点20.
 */

const CN = '[一二两三四五六七八九十廿卅]'

export type When = { rule: Rule } | { once: { y?: number; m: number; d: number } } | { offset: number }

/** The date words at the start of `s`. */
export function readWhen(s: string): { when: When; rest: string } | { error: string } {
  let m: RegExpExecArray | null
  const take = (when: When) => ({ when, rest: s.slice(m![0].length).trim() })
  if ((m = /^(今天|明天|后天)/.exec(s))) return take({ offset: ['今天', '明天', '后天'].indexOf(m[1]) })
  if ((m = /^(每天|每日)/.exec(s))) return take({ rule: { kind: 'daily' } })
  if ((m = /^(每个工作日|每工作日|工作日)/.exec(s))) return take({ rule: { kind: 'workdays' } })
  if ((m = /^每个?(?:周|星期|礼拜)([一二三四五六日天1-7])/.exec(s))) return take({ rule: { kind: 'weekly', weekday: readWeekday(m[1])! } })
  if ((m = /^每月(?:的)?(?:第([一二三四五1-5])个|(最后一)个)(?:周|星期|礼拜)([一二三四五六日天1-7])/.exec(s))) {
    return take({ rule: { kind: 'monthlyWeekday', nth: m[2] ? -1 : readNumber(m[1])!, weekday: readWeekday(m[3])! } })
  }
  if ((m = new RegExp(`^每月(?:的)?(\\d{1,2}|${CN}{1,3})[日号]`).exec(s))) {
    const day = readNumber(m[1])
    if (day === null || day < 1 || day > 31) return { error: `每月的日期应在1日到31日之间。` }
    return take({ rule: { kind: 'monthly', day } })
  }
  if ((m = new RegExp(`^(?:每年)?(?:农历|阴历)(闰)?(正|冬|腊|\\d{1,2}|${CN}{1,2})月(初${CN}|\\d{1,2}|${CN}{1,3})[日号]?`).exec(s))) {
    const month = readLunarMonth(m[2]),
      day = readLunarDay(m[3])
    if (month === null || day === null) return { error: `没看懂农历日期「${m[0]}」，请写成「农历八月十五」或「农历腊月廿三」。` }
    return take({ rule: { kind: 'lunar', month, day, ...(m[1] ? { leap: true } : {}) } })
  }
  if ((m = /^每年(\d{1,2})月(\d{1,2})[日号]/.exec(s))) {
    const month = Number(m[1]),
      day = Number(m[2])
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(2024, month)) return { error: `日期「${m[0]}」不存在。` }
    return take({ rule: { kind: 'yearly', month, day } })
  }
  if ((m = /^(?:(\d{4})年)?(\d{1,2})月(\d{1,2})(?:[日号]|(?=\s|$))/.exec(s)) || (m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/.exec(s))) {
    return take({ once: { ...(m[1] ? { y: Number(m[1]) } : {}), m: Number(m[2]), d: Number(m[3]) } })
  }
  return { error: '没看懂日期。可以写：12月20日、明天、每天、工作日、每周三、每月1日、每月第一个周一、每年5月20日、农历八月十五。' }
}

/** An optional time: 09:00, 9:30, 9点, 9点半, 下午3点. */
export function readTime(s: string): { time?: string; rest: string } | { error: string } {
  const m = /^(上午|早上|早晨|中午|下午|晚上)?(\d{1,2})(?::(\d{1,2})|点(?:(半)|(\d{1,2})分?)?)/.exec(s)
  if (!m) return { rest: s }
  let h = Number(m[2])
  const min = m[3] !== undefined ? Number(m[3]) : m[4] ? 30 : m[5] !== undefined ? Number(m[5]) : 0
  if ((m[1] === '下午' || m[1] === '晚上') && h < 12) h += 12
  if (m[1] === '中午' && h < 6) h += 12
  if (h > 23 || min > 59) return { error: `时间「${m[0]}」不对，请写成 09:00 这样。` }
  return { time: `${pad(h)}:${pad(min)}`, rest: s.slice(m[0].length).trim() }
}

const RECENT_MS = 60 * 86_400_000

/** A one-off date (`12月20日`, `明天`) at `time` (HH:MM): the coming one, never one already past. */
export function resolveDay(when: When, time: string, now: Date): { date: string } | { error: string } {
  if ('rule' in when) return { error: '这里只能写某一天，例如「12月20日」或「明天」。' }
  let date: string
  if ('offset' in when) date = addDays(shanghaiDay(now), when.offset)
  else {
    const { y, m, d } = when.once
    const thisYear = partsOf(shanghaiDay(now)).y
    if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y ?? 2024, m)) return { error: `日期 ${y ? `${y}年` : ''}${m}月${d}日 不存在。` }
    date = ymd(y ?? thisYear, m, d)
    // A date without a year that has passed means next year (in December, 1月5日) — unless it passed
    // lately (12月1日 on 12月3日): that is a slip, refused below rather than scheduled a year out.
    const ago = now.getTime() - atShanghai(date, time).getTime()
    if (y === undefined && ago >= RECENT_MS) date = ymd(thisYear + 1, m, d)
    if (d > daysInMonth(partsOf(date).y, m)) return { error: `日期 ${partsOf(date).y}年${m}月${d}日 不存在。` }
  }
  if (atShanghai(date, time).getTime() <= now.getTime()) return { error: `${monthDay(date)} ${time} 已经过去了，请写一个将来的时间。` }
  return { date }
}

/** A one-off moment at the start of `text` (date, then a time that must be given): when, and the rest. */
export function readMoment(text: string, now: Date): { at: Date; rest: string } | { error: string } {
  const s = text.normalize('NFKC').replace(/\s+/g, ' ').trim()
  const w = readWhen(s)
  if ('error' in w) return { error: `请写明日期，例如「12月1日 09:00」或「明天 下午3点」` }
  const t = readTime(w.rest)
  if ('error' in t) return t
  if (!t.time) return { error: '请写明时间，例如「09:00」或「下午3点」' }
  const day = resolveDay(w.when, t.time, now)
  if ('error' in day) return day
  return { at: atShanghai(day.date, t.time), rest: t.rest }
}
