import { describe, expect, it } from 'vitest'
import {
  addEntry,
  CalendarEntrySchema,
  occurrencesBetween,
  parseScheduleAdd,
  removeEntry,
  upcoming,
  type CalendarEntry,
} from '../../../src/core/calendar/index.js'
import { demo, sh, t } from './helpers.js'

const now = t('2026-12-01 10:15')
const ok = (args: string, at = now, opts = {}): CalendarEntry => {
  const r = parseScheduleAdd(args, at, opts)
  if (!r.ok) throw new Error(r.error)
  expect(CalendarEntrySchema.safeParse(r.entry).success).toBe(true)
  return r.entry
}
const error = (args: string, at = now, opts = {}) => {
  const r = parseScheduleAdd(args, at, opts)
  if (r.ok) throw new Error(`parsed: ${JSON.stringify(r.entry)}`)
  return r.error
}

describe('parseScheduleAdd', () => {
  it('a one-off with the monthly event reminders: 3 days before at 09:00, on the day at 08:00', () => {
    const e = ok('12月20日 09:00 全体 家庭趣味运动会在社区广场举行')
    expect(e.rule).toEqual({ kind: 'once', date: '2026-12-20' })
    expect(e.audiences).toEqual([{ kind: 'residents' }])
    expect(e.title).toBe('家庭趣味运动会在社区广场举行')
    const fires = occurrencesBetween({ festivals: [], entries: [e] }, now, t('2027-01-01 00:00'))
    expect(fires.map(f => sh(f.at))).toEqual(['2026-12-17 09:00', '2026-12-20 08:00'])
    expect(fires[0].text).toBe('【活动预告】3天后（12月20日 09:00）：家庭趣味运动会在社区广场举行')
    expect(fires[1].text).toMatch(/^【今日活动】今天 09:00/)
  })

  it('recurring forms', () => {
    expect(ok('每周三 15:00 3网格 周三下午理发义剪')).toMatchObject({
      rule: { kind: 'weekly', weekday: 3 },
      time: '15:00',
      audiences: [{ kind: 'grid', grid: 3 }],
    })
    expect(ok('每月1日 工作群 交月报')).toMatchObject({ rule: { kind: 'monthly', day: 1 }, time: '09:00', audiences: [{ kind: 'staff' }] })
    expect(ok('每天 下午3点半 员工 巡查')).toMatchObject({ rule: { kind: 'daily' }, time: '15:30' })
    expect(ok('工作日 8:30 工作群 碰头')).toMatchObject({ rule: { kind: 'workdays' }, time: '08:30' })
    expect(ok('每月第一个周一 工作群 党日活动')).toMatchObject({ rule: { kind: 'monthlyWeekday', nth: 1, weekday: 1 } })
    expect(ok('每年5月20日 8:00 全体 芳邻节快乐')).toMatchObject({ rule: { kind: 'yearly', month: 5, day: 20 }, time: '08:00' })
    expect(ok('农历八月十五 08:00 全体 中秋快乐')).toMatchObject({ rule: { kind: 'lunar', month: 8, day: 15 } })
    expect(ok('农历腊月廿三 全体 小年快乐')).toMatchObject({ rule: { kind: 'lunar', month: 12, day: 23 } })
    expect(ok('农历闰五月初十 桂兰聊天室 看望李奶奶', now, { teams: ['桂兰聊天室'] })).toMatchObject({
      rule: { kind: 'lunar', month: 5, day: 10, leap: true },
      audiences: [{ kind: 'team', team: '桂兰聊天室' }],
    })
  })

  it('明天, several audiences, team groups, grid leaders', () => {
    const e = ok('明天 14:30 3网格、5网格 楼道清理')
    expect(e.rule).toEqual({ kind: 'once', date: '2026-12-02' })
    expect(e.audiences).toEqual([
      { kind: 'grid', grid: 3 },
      { kind: 'grid', grid: 5 },
    ])
    expect(ok('明天 海军帮忙队工作群 检修供暖').audiences).toEqual([{ kind: 'team', team: '海军帮忙队' }])
    expect(ok('明天 2网格网格长 走访').audiences).toEqual([{ kind: 'gridLeader', grid: 2 }])
    expect(ok('明天 花园社区工作群 开会').audiences).toEqual([{ kind: 'staff' }])
  })

  it('a one-off later today, too late for reminders, fires at its own time', () => {
    const e = ok('今天 15:00 全体 下午在社区广场发放防诈骗宣传册')
    expect(e.leads).toBeUndefined()
    expect(occurrencesBetween({ festivals: [], entries: [e] }, now, t('2026-12-02 00:00')).map(f => sh(f.at))).toEqual(['2026-12-01 15:00'])
  })

  it('a date already past this year means next year; today in the past is an error', () => {
    expect(ok('3月5日 全体 学雷锋志愿服务').rule).toEqual({ kind: 'once', date: '2027-03-05' })
    expect(error('今天 09:00 全体 活动')).toContain('已经过去')
  })

  it('clear Chinese errors with an example', () => {
    for (const [args, words] of [
      ['', '请写明'],
      ['下周 全体 活动', '没看懂日期'],
      ['明天 09:00 家庭运动会', '发给谁'],
      ['明天 09:00 全体', '内容'],
      ['2月30日 全体 活动', '不存在'],
      ['每天 22:00 全体 晚安', '免打扰'],
      ['明天 25:00 全体 活动', '时间'],
      ['明天 17网格 活动', '没有17网格'],
      ['明天 舞蹈队工作群 排练', '没有「舞蹈队」'],
    ] as const) {
      const e = error(args, now, { grids: 16, teams: ['桂兰聊天室'] })
      expect(e, args).toContain(words)
      expect(e).toContain('例如：日程 添加')
    }
  })
})

describe('addEntry / removeEntry', () => {
  it('numbers added entries, never reuses a number, and does not mutate', () => {
    const a = ok('12月20日 09:00 全体 家庭趣味运动会在社区广场举行')
    const b = ok('每周三 15:00 3网格 理发义剪')
    const one = addEntry(demo, a)
    const two = addEntry(one, b)
    expect(two.entries.slice(-2).map(e => e.no)).toEqual([1, 2])
    expect(demo.entries.some(e => e.no !== undefined)).toBe(false)
    const r = removeEntry(two, 2)
    if (!r.ok) throw new Error(r.error)
    expect(r.removed.title).toBe('理发义剪')
    expect(two.entries.some(e => e.no === 2)).toBe(true)
    const three = addEntry(r.calendar, b)
    expect(three.entries.at(-1)!.no).toBe(3)
    expect(new Set(three.entries.map(e => e.id)).size).toBe(three.entries.length)
    const missing = removeEntry(three, 9)
    expect(missing.ok).toBe(false)
    if (!missing.ok) expect(missing.error).toContain('没有编号为 9 的日程')
  })
})

describe('upcoming (日程)', () => {
  it('lists the next 7 days by day with numbers for added entries', () => {
    const cal = addEntry(demo, ok('9月26日 10:00 全体 中秋游园会', t('2026-09-20 12:00')))
    const text = upcoming(cal, t('2026-09-22 10:00'), 7)
    expect(text).toBe(
      [
        '未来7天日程（9月22日—9月28日）：',
        '每个工作日 08:30 一天一碰头 → 工作群',
        '9月25日 周五',
        '  08:00 中秋节 → 全体居民群',
        '9月26日 周六',
        '  10:00 [1] 中秋游园会 → 全体居民群',
        '9月28日 周一',
        '  09:00 一周一例会 → 工作群',
        '删除带编号的日程：日程 删除 编号（例如：日程 删除 3）',
      ].join('\n'),
    )
  })

  it('for residents: only what reaches resident groups, no numbers', () => {
    const text = upcoming(demo, t('2026-09-22 10:00'), 7, { residents: true })
    expect(text).toBe(['近7天社区活动：', '9月25日 周五', '  08:00 中秋节'].join('\n'))
  })
})
