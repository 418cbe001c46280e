import type { Audience, Calendar, CalendarEntry } from './schema.js'
import { allEntries, entryDates, isResidentFacing } from './fires.js'
import { WorkdayCheck } from './workdays.js'
import { addDays, atShanghai, monthDay, shanghaiDay, WEEKDAY_NAMES, weekdayOf } from './days.js'

export function audienceLabel(a: Audience): string {
  switch (a.kind) {
    case 'residents':
      return '全体居民群'
    case 'grid':
      return `${a.grid}网格居民群`
    case 'staff':
      return '工作群'
    case 'team':
      return `${a.team}工作群`
    case 'person':
      return `${a.name}（私聊）`
    case 'gridLeader':
      return `${a.grid}网格网格长`
  }
}

export interface UpcomingOptions {
  /** Only what residents see (resident-facing entries, no numbers): for `最近活动`. */
  residents?: boolean
}

const routine = (e: CalendarEntry) => e.rule.kind === 'daily' || e.rule.kind === 'workdays'

/**
 * The `日程` text: entries occurring from now through the next `days` days (today included),
 * grouped by day. Entries with a number `no` show it as [N]: `日程 删除 N` removes that entry.
 * Daily and workday routines are summarised once at the top instead of on every day.
 */
export function upcoming(cal: Calendar, now: Date, days: number, opts: UpcomingOptions = {}): string {
  const wd = new WorkdayCheck()
  const today = shanghaiDay(now)
  const last = addDays(today, Math.max(1, days) - 1)
  const entries = allEntries(cal).filter(e => !opts.residents || isResidentFacing(e.audiences))
  const tag = (e: CalendarEntry) => (!opts.residents && e.no !== undefined ? `[${e.no}] ` : '')
  const to = (e: CalendarEntry) => (opts.residents ? '' : ` → ${e.audiences.map(audienceLabel).join('、')}`)

  const rows: Array<{ date: string; time: string; line: string }> = []
  for (const e of entries.filter(e => !routine(e))) {
    for (const date of entryDates(e, today, last, wd)) {
      if (atShanghai(date, e.time).getTime() < now.getTime()) continue
      rows.push({ date, time: e.time, line: `  ${e.time} ${tag(e)}${e.title}${to(e)}` })
    }
  }
  rows.sort((a, b) => (a.date + a.time).localeCompare(b.date + b.time))

  const out = [opts.residents ? `近${days}天社区活动：` : `未来${days}天日程（${monthDay(today)}—${monthDay(last)}）：`]
  if (!opts.residents) {
    for (const e of entries.filter(routine)) {
      out.push(`每${e.rule.kind === 'daily' ? '天' : '个工作日'} ${e.time} ${tag(e)}${e.title}${to(e)}`)
    }
  }
  let day = ''
  for (const r of rows) {
    if (r.date !== day) out.push(`${monthDay(r.date)} ${WEEKDAY_NAMES[weekdayOf(r.date)]}`)
    day = r.date
    out.push(r.line)
  }
  if (rows.length === 0) out.push(opts.residents ? '近期暂无活动安排。' : '这几天没有其他日程。')
  if (!opts.residents && entries.some(e => e.no !== undefined)) out.push('删除带编号的日程：日程 删除 编号（例如：日程 删除 3）')
  return out.join('\n')
}
