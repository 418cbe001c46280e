import { describe, expect, it } from 'vitest'
import { LEVELS, levelOf, pointsOf, ranking, type Attendance } from '../../../src/core/report/points.js'
import { monthPeriod } from '../../../src/core/report/stats.js'
import { pointsText, rankingText } from '../../../src/core/report/text.js'
import { VOLUNTEER, at, dir, november } from './fixture.js'

const attendance: Attendance[] = [
  { name: VOLUNTEER, points: 15, at: at('11-20 09:00'), activity: '芳邻节布置' },
  { name: '刘建国', points: 5, at: new Date(at('11-15 14:30')) },
  { name: '海军帮忙队队长', points: 10, at: at('10-15 09:00') },
]

describe('volunteer points', () => {
  it('credits the person of the last done entry, double for urgent', () => {
    const tickets = november()
    // 队长: #1, #3, #4 (redone after 不满意, then 满意) in November, #13 on Nov 1 — 4 × 10; plus 10 in October
    expect(pointsOf('海军帮忙队队长', tickets, attendance, dir, { period: monthPeriod('2026-11') })).toMatchObject({
      points: 40,
      ticketPoints: 40,
      tickets: 4,
      activities: 0,
      lifetimePoints: 50,
      team: '海军帮忙队',
    })
    // 1网格网格长: two urgent tickets (#7, #8) at 20
    expect(pointsOf('1网格网格长', tickets, attendance, dir)).toMatchObject({ points: 40, tickets: 2, urgent: 2 })
  })

  it('gives nothing for a rejected ticket, a reopened one or one only attempted', () => {
    const tickets = november()
    // 队员: #2 (10) + an activity (15); the first attempt at #4 was rejected, #14 was rejected and never satisfied
    expect(pointsOf(VOLUNTEER, tickets, attendance, dir)).toMatchObject({ points: 25, ticketPoints: 10, activityPoints: 15, tickets: 1 })
    expect(pointsOf(VOLUNTEER, tickets, [], dir, { period: monthPeriod('2026-12') }).points).toBe(0) // #14 finished in December: rejected
    // 值班社工 finished #11, then the reporter was dissatisfied and it reopened
    expect(pointsOf('值班社工', tickets, [], dir).points).toBe(0)
    // 静华调解室调解员 only accepted #10
    expect(pointsOf('静华调解室调解员', tickets, [], dir).points).toBe(0)
  })

  it('ranks the month, ties sharing a rank', () => {
    const r = ranking('2026-11', november(), attendance, dir)
    expect(r.map(e => [e.rank, e.name, e.points])).toEqual([
      [1, '海军帮忙队队长', 40], // 40 points with 4 tickets beats 40 with 2
      [2, '1网格网格长', 40],
      [3, VOLUNTEER, 25],
      [4, '律师会客厅律师', 10],
      [4, '阳光大姐', 10],
      [6, '刘建国', 5],
    ])
    expect(r[0].level.name).toBe('一星志愿者')
    expect(ranking('2026-12', november(), attendance, dir)).toEqual([])
  })

  it('has six levels', () => {
    expect(LEVELS.map(l => l.name)).toEqual(['一星志愿者', '二星志愿者', '三星志愿者', '四星志愿者', '五星志愿者', '六星志愿者'])
    expect(levelOf(0)).toMatchObject({ level: 1, toNext: 100 })
    expect(levelOf(99)).toMatchObject({ level: 1, toNext: 1 })
    expect(levelOf(100)).toMatchObject({ level: 2, name: '二星志愿者' })
    expect(levelOf(1499)).toMatchObject({ level: 5, toNext: 1 })
    expect(levelOf(1500)).toMatchObject({ level: 6, next: null, toNext: null })
    expect(levelOf(99999).level).toBe(6)
  })

  it('reads as text', () => {
    const tickets = november()
    const all = pointsOf('海军帮忙队队长', tickets, attendance, dir)
    const month = pointsOf('海军帮忙队队长', tickets, attendance, dir, { period: monthPeriod('2026-11') })
    const text = pointsText(all, month)
    expect(text).toContain('累计 50 分，一星志愿者')
    expect(text).toContain('本月 40 分（办结工单 4 件，参加活动 0 次）')
    expect(text).toContain('再得 50 分升为二星志愿者')
    const board = rankingText('2026年11月', ranking('2026-11', tickets, attendance, dir))
    expect(board.split('\n')[1]).toBe('1. 海军帮忙队队长（海军帮忙队） 40分 · 工单4件 · 活动0次 · 一星志愿者')
    expect(rankingText('2026年12月', [])).toContain('暂无')
  })
})
