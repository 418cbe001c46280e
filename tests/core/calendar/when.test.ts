import { describe, expect, it } from 'vitest'
import { readMoment } from '../../../src/core/calendar/when.js'
import { parseScheduleAdd } from '../../../src/core/calendar/parse-add.js'
import { iso } from '../../../src/core/time.js'

const NOW = new Date('2026-12-03T10:00:00+08:00')
const at = (text: string) => {
  const r = readMoment(text, NOW)
  return 'error' in r ? r.error : `${iso(r.at)} | ${r.rest}`
}

describe('one reader of dates and times for notices and the calendar', () => {
  it.each([
    ['明天 下午3点 全体 停水', '2026-12-04T15:00:00+08:00 | 全体 停水'],
    ['明天下午3点半 全体 停水', '2026-12-04T15:30:00+08:00 | 全体 停水'],
    ['12月20日 09:00 3网格 理发', '2026-12-20T09:00:00+08:00 | 3网格 理发'],
    ['12月20 9:30 全体 x', '2026-12-20T09:30:00+08:00 | 全体 x'],
    ['2026-12-05 晚上7点 全体 x', '2026-12-05T19:00:00+08:00 | 全体 x'],
    ['2027年1月5日 8点 全体 x', '2027-01-05T08:00:00+08:00 | 全体 x'],
    ['1月5日 08:00 全体 x', '2027-01-05T08:00:00+08:00 | 全体 x'], // January written in December: next year
    ['１２月２０日　０９：００ 全体 x', '2026-12-20T09:00:00+08:00 | 全体 x'],
  ])('%s', (text, want) => expect(at(text)).toBe(want))

  it.each([
    ['全体 停水', /请写明日期/],
    ['明天 全体 停水', /请写明时间/],
    ['今天 09:00 全体 x', /已经过去/],
    ['2月30日 09:00 全体 x', /不存在/],
    ['明天 25点 全体 x', /不对/],
    ['每周三 09:00 全体 x', /只能写某一天/],
    ['12月1日 09:00 3网格 x', /12月1日 09:00 已经过去了/], // two days ago: a slip, not next year
    ['11月30日 09:00 3网格 x', /已经过去了/],
    ['12月3日 09:00 3网格 x', /已经过去了/],
  ])('refuses %s', (text, want) => expect(at(text)).toMatch(want))

  it('reads the same moment for 定时通知 and 日程 添加', () => {
    const r = parseScheduleAdd('明天 下午3点 全体 社区义诊', NOW)
    expect(r.ok && r.entry.rule).toEqual({ kind: 'once', date: '2026-12-04' })
    expect(r.ok && r.entry.time).toBe('15:00')
    expect(at('明天 下午3点 全体 社区义诊')).toMatch(/^2026-12-04T15:00/)
  })
})
