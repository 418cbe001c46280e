import type { Audience, CalendarEntry, Lead } from './schema.js'
import { addDays, atShanghai, monthDay } from './days.js'
import { readTime, readWhen, resolveDay } from './when.js'
import { DEFAULT_QUIET, inQuiet, type QuietHours } from './quiet.js'
import { rawTail } from '../raw-tail.js'

/** What `日程 添加` can check against the directory, when the caller passes it. */
export interface ParseOptions {
  teams?: readonly string[]
  grids?: number
  quiet?: QuietHours
  /** The arguments exactly as typed: the content keeps the staff's own punctuation (（）！，). */
  raw?: string
}

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

/** The first phrase, without a bracket it leaves open (免费体检（带上医保卡！） → 免费体检). */
const titleOf = (text: string) => {
  const first = text.split(/[，。,.!！；;：:\s]/)[0].slice(0, 20) || text.slice(0, 20)
  const open = first.search(/[（(【[「][^）)】\]」]*$/)
  return open > 0 ? first.slice(0, open) : first
}

/** Leads for a one-off: 3 days before at 09:00 and on the day at 08:00 (as the monthly event), future ones only. */
function onceLeads(date: string, time: string, text: string, now: Date, quiet: QuietHours): Lead[] {
  const dayOf = time > '08:00' ? '08:00' : time
  const leads: Lead[] = [
    { daysBefore: 3, time: '09:00', text: `【活动预告】3天后（${monthDay(date)} ${time}）：${text}` },
    { daysBefore: 0, time: dayOf, text: `【今日活动】今天 ${time}：${text}` },
  ]
  return leads.filter(l => atShanghai(addDays(date, -l.daysBefore), l.time).getTime() > now.getTime() && !inQuiet(atShanghai(date, l.time), quiet))
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
  const read = a.rest.trim()
  if (!read) return fail('请写上要发送的内容。')
  const typed = opts.raw === undefined ? read : rawTail(opts.raw, s.split(' ').length - read.split(' ').length)
  const text = typed.normalize('NFKC').replace(/\s+/g, ' ').trim() === read ? typed : read
  const time = t.time ?? DEFAULT_TIME
  const quiet = opts.quiet ?? DEFAULT_QUIET
  const quietError = fail(`${time} 在免打扰时段（${quiet.start}至次日${quiet.end}），请选一个白天的时间。`)
  const id = `add-${new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace(/\D/g, '')}`
  const base = { id, title: titleOf(text), text, audiences: a.audiences, time }

  if ('rule' in w.when) {
    if (inQuiet(atShanghai('2000-01-01', time), quiet)) return quietError
    return { ok: true, entry: { ...base, rule: w.when.rule } }
  }
  const day = resolveDay(w.when, time, now)
  if ('error' in day) return fail(day.error)
  const date = day.date
  const leads = onceLeads(date, time, text, now, quiet)
  if (leads.length === 0 && inQuiet(atShanghai(date, time), quiet)) return quietError
  return { ok: true, entry: { ...base, rule: { kind: 'once', date }, ...(leads.length ? { leads } : {}) } }
}
