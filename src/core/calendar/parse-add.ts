import type { Audience, CalendarEntry, Lead, Rule } from './schema.js'
import { readLunarDay, readLunarMonth, readNumber, readWeekday } from './numerals.js'
import { addDays, atShanghai, daysInMonth, monthDay, pad, partsOf, shanghaiDay, ymd } from './days.js'
import { DEFAULT_QUIET, inQuiet, type QuietHours } from './quiet.js'

/** What `日程 添加` can check against the directory, when the caller passes it. */
export interface ParseOptions { teams?: readonly string[]; grids?: number; quiet?: QuietHours }

type Result = { ok: true; entry: CalendarEntry } | { ok: false; error: string }

export const SCHEDULE_ADD_EXAMPLES = [
  '日程 添加 12月20日 09:00 全体 家庭趣味运动会在社区广场举行',
  '日程 添加 每周三 15:00 3网格 周三下午理发义剪',
  '日程 添加 每月1日 09:00 工作群 提交月度报表',
  '日程 添加 农历八月十五 08:00 全体 中秋快乐',
  '日程 添加 明天 14:30 桂兰聊天室 走访独居老人',
]
const fail = (msg: string): Result => ({ ok: false, error: `${msg}\n例如：${SCHEDULE_ADD_EXAMPLES[0]}` })

const DEFAULT_TIME = '09:00'
const CN = '[一二两三四五六七八九十廿卅]'

type When =
  | { rule: Rule }
  | { once: { y?: number; m: number; d: number } }
  | { offset: number }

/** The date words at the start of `s`. */
function readWhen(s: string): { when: When; rest: string } | { error: string } {
  let m: RegExpExecArray | null
  const take = (when: When) => ({ when, rest: s.slice(m![0].length).trim() })
  if ((m = /^(今天|明天|后天)/.exec(s))) return take({ offset: ['今天', '明天', '后天'].indexOf(m[1]) })
  if ((m = /^(每天|每日)/.exec(s))) return take({ rule: { kind: 'daily' } })
  if ((m = /^(每个工作日|每工作日|工作日)/.exec(s))) return take({ rule: { kind: 'workdays' } })
  if ((m = /^每个?(?:周|星期|礼拜)([一二三四五六日天1-7])/.exec(s))) return take({ rule: { kind: 'weekly', weekday: readWeekday(m[1])! } })
  if ((m = new RegExp(`^每月(?:的)?(?:第([一二三四五1-5])个|(最后一)个)(?:周|星期|礼拜)([一二三四五六日天1-7])`).exec(s))) {
    return take({ rule: { kind: 'monthlyWeekday', nth: m[2] ? -1 : readNumber(m[1])!, weekday: readWeekday(m[3])! } })
  }
  if ((m = new RegExp(`^每月(?:的)?(\\d{1,2}|${CN}{1,3})[日号]`).exec(s))) {
    const day = readNumber(m[1])
    if (day === null || day < 1 || day > 31) return { error: `每月的日期应在1日到31日之间。` }
    return take({ rule: { kind: 'monthly', day } })
  }
  if ((m = new RegExp(`^(?:每年)?(?:农历|阴历)(闰)?(正|冬|腊|\\d{1,2}|${CN}{1,2})月(初${CN}|\\d{1,2}|${CN}{1,3})[日号]?`).exec(s))) {
    const month = readLunarMonth(m[2]), day = readLunarDay(m[3])
    if (month === null || day === null) return { error: `没看懂农历日期「${m[0]}」，请写成「农历八月十五」或「农历腊月廿三」。` }
    return take({ rule: { kind: 'lunar', month, day, ...(m[1] ? { leap: true } : {}) } })
  }
  if ((m = /^每年(\d{1,2})月(\d{1,2})[日号]/.exec(s))) {
    const month = Number(m[1]), day = Number(m[2])
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(2024, month)) return { error: `日期「${m[0]}」不存在。` }
    return take({ rule: { kind: 'yearly', month, day } })
  }
  if ((m = /^(?:(\d{4})年)?(\d{1,2})月(\d{1,2})[日号]/.exec(s)) || (m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/.exec(s))) {
    return take({ once: { ...(m[1] ? { y: Number(m[1]) } : {}), m: Number(m[2]), d: Number(m[3]) } })
  }
  return { error: '没看懂日期。可以写：12月20日、明天、每天、工作日、每周三、每月1日、每月第一个周一、每年5月20日、农历八月十五。' }
}

/** An optional time: 09:00, 9:30, 9点, 9点半, 下午3点. */
function readTime(s: string): { time?: string; rest: string } | { error: string } {
  const m = /^(上午|早上|早晨|中午|下午|晚上)?(\d{1,2})(?::(\d{1,2})|点(?:(半)|(\d{1,2})分?)?)/.exec(s)
  if (!m) return { rest: s }
  let h = Number(m[2])
  const min = m[3] !== undefined ? Number(m[3]) : m[4] ? 30 : m[5] !== undefined ? Number(m[5]) : 0
  if ((m[1] === '下午' || m[1] === '晚上') && h < 12) h += 12
  if (m[1] === '中午' && h < 6) h += 12
  if (h > 23 || min > 59) return { error: `时间「${m[0]}」不对，请写成 09:00 这样。` }
  return { time: `${pad(h)}:${pad(min)}`, rest: s.slice(m[0].length).trim() }
}

/** One audience word at the start of `s`. */
function readAudience(s: string, opts: ParseOptions): { audience: Audience; len: number } | { error: string } | null {
  let m: RegExpExecArray | null
  if ((m = /^(全体居民群?|所有居民群?|全部居民群?|全体|居民群|居民)/.exec(s))) return { audience: { kind: 'residents' }, len: m[0].length }
  if ((m = /^(\d{1,2})网格(网格长|居民群?)?/.exec(s))) {
    const grid = Number(m[1])
    if (grid < 1 || (opts.grids !== undefined && grid > opts.grids)) return { error: `没有${grid}网格${opts.grids ? `（网格编号为1到${opts.grids}）` : ''}。` }
    return { audience: m[2] === '网格长' ? { kind: 'gridLeader', grid } : { kind: 'grid', grid }, len: m[0].length }
  }
  if ((m = /^(工作群|全体员工|员工|社工|工作人员)/.exec(s))) return { audience: { kind: 'staff' }, len: m[0].length }
  const team = opts.teams?.find(t => s.startsWith(t))
  if (team) return { audience: { kind: 'team', team }, len: team.length + (s.startsWith(`${team}工作群`) ? 3 : 0) }
  if ((m = /^([^\s、，,+：:]+?)工作群/.exec(s))) {
    if (m[1].endsWith('社区')) return { audience: { kind: 'staff' }, len: m[0].length }
    if (opts.teams) return { error: `没有「${m[1]}」这个队伍。队伍有：${opts.teams.join('、')}。` }
    return { audience: { kind: 'team', team: m[1] }, len: m[0].length }
  }
  return null
}

function readAudiences(s: string, opts: ParseOptions): { audiences: Audience[]; rest: string } | { error: string } {
  const audiences: Audience[] = []
  let rest = s
  for (;;) {
    const a = readAudience(rest, opts)
    if (a === null) break
    if ('error' in a) return a
    audiences.push(a.audience)
    rest = rest.slice(a.len)
    const sep = /^\s*[、，,+和]\s*/.exec(rest)
    if (!sep) break
    rest = rest.slice(sep[0].length)
  }
  if (audiences.length === 0) return { error: '请写明发给谁：全体（所有居民群）、3网格、工作群，或队伍名称（如 桂兰聊天室）。' }
  if (rest && !/^[\s：:]/.test(rest)) return { error: '发送对象和内容之间请空一格。' }
  return { audiences, rest: rest.replace(/^[\s：:]+/, '') }
}

const titleOf = (text: string) => text.split(/[，。,.!！；;：:\s]/)[0].slice(0, 20) || text.slice(0, 20)

/** Leads for a one-off: 3 days before at 09:00 and on the day at 08:00 (as the monthly event), future ones only. */
function onceLeads(date: string, time: string, text: string, now: Date, quiet: QuietHours): Lead[] {
  const dayOf = time > '08:00' ? '08:00' : time
  const leads: Lead[] = [
    { daysBefore: 3, time: '09:00', text: `【活动预告】3天后（${monthDay(date)} ${time}）：${text}` },
    { daysBefore: 0, time: dayOf, text: `【今日活动】今天 ${time}：${text}` },
  ]
  return leads.filter(l => atShanghai(addDays(date, -l.daysBefore), l.time).getTime() > now.getTime()
    && !inQuiet(atShanghai(date, l.time), quiet))
}

/**
 * Reads `日程 添加 …` arguments: `<when> [time] <audience[、audience]> <text>`. One-offs get the
 * monthly event's reminders (3 days before at 09:00, on the day at 08:00); recurring entries fire at
 * their time. Default time 09:00. The entry has no `no` yet: addEntry assigns it.
 */
export function parseScheduleAdd(args: string, now: Date, opts: ParseOptions = {}): Result {
  const s = args.normalize('NFKC').replace(/\s+/g, ' ').trim()
  if (!s) return fail('请写明日期、时间、发送对象和内容。')
  const w = readWhen(s)
  if ('error' in w) return fail(w.error)
  const t = readTime(w.rest)
  if ('error' in t) return fail(t.error)
  const a = readAudiences(t.rest, opts)
  if ('error' in a) return fail(a.error)
  const text = a.rest.trim()
  if (!text) return fail('请写上要发送的内容。')
  const time = t.time ?? DEFAULT_TIME
  const quiet = opts.quiet ?? DEFAULT_QUIET
  const quietError = fail(`${time} 在免打扰时段（${quiet.start}至次日${quiet.end}），请选一个白天的时间。`)
  const id = `add-${new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace(/\D/g, '')}`
  const base = { id, title: titleOf(text), text, audiences: a.audiences, time }

  if ('rule' in w.when) {
    if (inQuiet(atShanghai('2000-01-01', time), quiet)) return quietError
    return { ok: true, entry: { ...base, rule: w.when.rule } }
  }
  let date: string
  if ('offset' in w.when) date = addDays(shanghaiDay(now), w.when.offset)
  else {
    const { y, m, d } = w.when.once
    const thisYear = partsOf(shanghaiDay(now)).y
    if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y ?? 2024, m)) return fail(`日期 ${y ? `${y}年` : ''}${m}月${d}日 不存在。`)
    date = ymd(y ?? thisYear, m, d)
    if (y === undefined && atShanghai(date, time).getTime() <= now.getTime()) date = ymd(thisYear + 1, m, d)
    if (d > daysInMonth(partsOf(date).y, m)) return fail(`日期 ${partsOf(date).y}年${m}月${d}日 不存在。`)
  }
  if (atShanghai(date, time).getTime() <= now.getTime()) return fail(`${monthDay(date)} ${time} 已经过去了。`)
  const leads = onceLeads(date, time, text, now, quiet)
  if (leads.length === 0 && inQuiet(atShanghai(date, time), quiet)) return quietError
  return { ok: true, entry: { ...base, rule: { kind: 'once', date }, ...(leads.length ? { leads } : {}) } }
}
