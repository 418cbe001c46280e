import { describe, expect, it } from 'vitest'
import {
  deadlinesOf,
  finalVerdict,
  huddle,
  isUtilityCategory,
  kindOf,
  median,
  monthOf,
  monthPeriod,
  monthlyStats,
  previousMonth,
  timeliness,
  weekBefore,
  type GroupRow,
} from '../../../src/core/report/stats.js'
import { NOVEMBER, date, dir, november, ticket } from './fixture.js'

const stats = () => monthlyStats(november(), dir, NOVEMBER)
const row = (rows: GroupRow[], label: string) => rows.find(r => r.label === label)!
const pick = (r: GroupRow) => [r.total, r.resolved, r.open, r.onTime, r.late, r.pending, r.satisfied, r.dissatisfied, r.noVerdict]

describe('monthlyStats on the hand-made November', () => {
  it('counts only tickets created in the month, cancelled ones listed apart', () => {
    const s = stats()
    expect(s.total).toBe(12) // #1–#11 and #14; #13 (Oct 31) and #15 (Dec 1) are outside
    expect(s.cancelled).toEqual([12])
    expect(s.totals.total).toBe(12)
  })

  it('counts by grid, with every grid of the directory and 未定位 for tickets without one', () => {
    const s = stats()
    expect(s.byGrid.filter(r => r.key !== 'none')).toHaveLength(16)
    const counts = Object.fromEntries(s.byGrid.filter(r => r.total).map(r => [r.label, r.total]))
    expect(counts).toEqual({ '1网格': 2, '3网格': 3, '5网格': 2, '7网格': 2, '12网格': 2, 未定位: 1 })
    // 3网格: #1 on time, #2 late accept, #14 dissatisfied; all resolved
    expect(pick(row(s.byGrid, '3网格'))).toEqual([3, 3, 0, 1, 2, 0, 2, 1, 0])
    expect(row(s.byGrid, '11网格').total).toBe(0)
  })

  it('counts by team (target), including 网格长 and idle teams', () => {
    const s = stats()
    const counts = Object.fromEntries(s.byTarget.map(r => [r.label, r.total]))
    expect(counts).toEqual({
      海军帮忙队: 5,
      律师会客厅: 1,
      阳光大姐心理咨询: 1,
      静华调解室: 1,
      来胜书画苑: 0,
      季玲音乐吧: 0,
      桂兰聊天室: 0,
      爱心大妈针情坊: 0,
      网格长: 4,
    })
    // 网格长: #7 on time, #8 late (urgent accepted after 30 min), #9 never accepted, #11 reopened after 不满意
    expect(pick(row(s.byTarget, '网格长'))).toEqual([4, 2, 2, 1, 3, 0, 2, 1, 0])
    // 海军帮忙队: #1 #3 on time; #2 #4 #14 late; #3 no verdict; #14 dissatisfied
    expect(pick(row(s.byTarget, '海军帮忙队'))).toEqual([5, 5, 0, 2, 3, 0, 3, 1, 1])
  })

  it('counts by category, most first', () => {
    const s = stats()
    expect(s.byCategory[0]).toMatchObject({ label: '水管漏水', total: 3 })
    expect(s.byCategory).toHaveLength(10)
    expect(s.byCategory.reduce((n, r) => n + r.total, 0)).toBe(12)
  })

  it('computes median minutes to accept and to finish', () => {
    const s = stats()
    // accept: 10,30,30,30,40,60,60,90,180,1380,1440 → 60
    expect(s.medianAcceptMinutes).toBe(60)
    // done: 50,120,360,360,480,1800,2880,3000,4320 → 480
    expect(s.medianDoneMinutes).toBe(480)
  })

  it('computes the on-time rate, leaving out tickets not yet due', () => {
    const s = stats()
    expect(s.onTime).toMatchObject({ num: 4, den: 11, pending: 1 }) // on time: #1 #3 #5 #7; pending: #10
    expect(s.onTime.rate).toBeCloseTo(4 / 11)
  })

  it('computes satisfaction over verdicts only; no verdict is reported apart', () => {
    const s = stats()
    expect(s.satisfaction).toMatchObject({ num: 6, den: 8, rate: 0.75, noVerdict: 2 }) // #3 and #5 have none
  })

  it('computes the hotline rates', () => {
    const s = stats()
    // response: all accepted in time except #2 (3 h), #8 (urgent, 30 min), #9 (never)
    expect(s.hotline.response).toEqual({ num: 9, den: 12, rate: 0.75 })
    expect(s.hotline.resolution).toEqual({ num: 9, den: 12, rate: 0.75 })
    expect(s.hotline.satisfaction).toEqual({ num: 6, den: 8, rate: 0.75 })
  })

  it('judges pending tickets as of asOf', () => {
    const late = monthlyStats(november(), dir, NOVEMBER, { asOf: date('12-03 00:00') })
    expect(late.onTime).toMatchObject({ num: 4, den: 12, pending: 0 }) // #10 missed its 72 h by Dec 3
  })

  it('takes deadline overrides and a utility predicate', () => {
    const strict = monthlyStats(november(), dir, NOVEMBER, { deadlines: { utilityDoneHours: 4 } })
    expect(strict.onTime.num).toBe(3) // #1 took 6 h
    expect(strict.deadlines.utilityDoneHours).toBe(4)
    const t = ticket({
      id: 1,
      grid: 3,
      target: '海军帮忙队',
      category: '水管漏水',
      created: '11-02 09:00',
      status: 'done',
      acceptedAt: '11-02 09:30',
      doneAt: '11-03 15:00',
    })
    expect(timeliness(t, date('12-01 00:00'))).toBe('late') // 30 h > 24 h
    expect(timeliness(t, date('12-01 00:00'), { isUtility: () => false })).toBe('onTime') // 30 h ≤ 72 h
  })

  it('has empty figures for an empty month', () => {
    const s = monthlyStats(november(), dir, monthPeriod('2026-06'))
    expect(s.total).toBe(0)
    expect(s.medianAcceptMinutes).toBeNull()
    expect(s.hotline.response.rate).toBeNull()
    expect(s.onTime.rate).toBeNull()
  })
})

describe('deadlines', () => {
  const base = { id: 1, grid: 3, created: '11-02 09:00', status: 'open' as const }
  it('classifies tickets', () => {
    expect(kindOf(ticket({ ...base, target: '海军帮忙队', category: '暖气不热' }))).toBe('utility')
    expect(kindOf(ticket({ ...base, target: '海军帮忙队', category: '家电维修' }))).toBe('other')
    expect(kindOf(ticket({ ...base, target: '网格长', category: '下水道堵塞' }))).toBe('other') // common drains: not inside a home
    expect(kindOf(ticket({ ...base, target: '律师会客厅', category: '法律咨询' }))).toBe('consultation')
    expect(kindOf(ticket({ ...base, target: '网格长', category: '燃气泄漏', urgent: true }))).toBe('urgent')
  })
  it('recognises water, power and heating categories', () => {
    for (const c of ['水管漏水', '马桶堵塞', '下水不通', '跳闸停电', '插座没电', '暖气不热']) expect(isUtilityCategory(c), c).toBe(true)
    for (const c of ['门锁损坏', '家电维修', '窗户', '缝补']) expect(isUtilityCategory(c), c).toBe(false)
    // the intake's own category names (db.json intake.categories)
    for (const c of ['下水堵塞', '漏水', '给水', '暖气', '电路', '卫浴洁具']) expect(isUtilityCategory(c), c).toBe(true)
    for (const c of ['家电', '门窗门锁', '家具', '维修', '其他']) expect(isUtilityCategory(c), c).toBe(false)
  })
  it('sets the instants', () => {
    const u = deadlinesOf(ticket({ ...base, target: '网格长', category: '燃气泄漏', urgent: true }))
    expect(u.acceptBy).toEqual(date('11-02 09:15'))
    expect(u.doneBy).toEqual(date('11-05 09:00'))
    const c = deadlinesOf(ticket({ ...base, target: '阳光大姐心理咨询', category: '心理疏导' }))
    expect([c.acceptBy, c.doneBy]).toEqual([date('11-04 09:00'), date('11-04 09:00')])
    const w = deadlinesOf(ticket({ ...base, target: '海军帮忙队', category: '水管漏水' }))
    expect([w.acceptBy, w.doneBy]).toEqual([date('11-02 11:00'), date('11-03 09:00')])
  })
})

describe('verdicts', () => {
  it('keeps the last word of the reporter', () => {
    const [t1, , t3, t4, t5, , , , , , t11] = november()
    expect(finalVerdict(t1)).toBe('satisfied')
    expect(finalVerdict(t3)).toBe('none')
    expect(finalVerdict(t4)).toBe('satisfied')
    expect(finalVerdict(t5)).toBe('none')
    expect(finalVerdict(t11)).toBe('dissatisfied')
    // verdict reset to 'none' after a redo: the dissatisfied word stands (never satisfied later)
    expect(finalVerdict({ ...t11, verdict: 'none' })).toBe('dissatisfied')
  })
})

describe('periods', () => {
  it('builds Shanghai months', () => {
    expect(monthPeriod('2026-12')).toEqual({ from: new Date('2026-12-01T00:00:00+08:00'), to: new Date('2027-01-01T00:00:00+08:00') })
    expect(() => monthPeriod('2026-13')).toThrow()
    expect(monthOf(new Date('2026-11-30T16:30:00Z'))).toBe('2026-12') // 00:30 on Dec 1 in Shanghai
    expect(previousMonth(new Date('2026-01-01T09:00:00+08:00'))).toBe('2025-12')
    expect(weekBefore(date('11-30 09:00'))).toEqual({ from: date('11-23 00:00'), to: date('11-30 00:00') })
  })
  it('takes medians', () => {
    expect(median([])).toBeNull()
    expect(median([5, 1, 3])).toBe(3)
    expect(median([4, 1, 3, 2])).toBe(2.5)
  })
})

describe('huddle', () => {
  it('lists new, open, overdue, done and dissatisfied since the last huddle', () => {
    const h = huddle(november(), date('12-01 08:30'))
    expect(h.since).toEqual(date('11-30 08:30'))
    expect(h.created.map(t => t.id)).toEqual([14, 15])
    expect(h.open.map(t => t.id)).toEqual([9, 10, 11, 15])
    expect(h.overdue.map(o => [o.ticket.id, o.missed])).toEqual([
      [9, 'accept'],
      [11, 'done'],
      [15, 'accept'],
    ])
    expect(h.overdue[2].minutesLate).toBe(390) // #15 due 02:00, now 08:30
    expect(h.done.map(t => t.id)).toEqual([14])
    expect(h.dissatisfied.map(d => [d.ticket.id, d.reason])).toEqual([[14, '根本没修好']])
  })

  it('with quiet hours, a ticket is late by service hours only: the night is no hours late', () => {
    const t = ticket({ id: 1, grid: 5, target: '网格长', category: '电路', created: '12-01 09:00', status: 'open' })
    const quiet = { start: '21:00', end: '07:30' }
    const h = huddle([t], date('12-02 08:30'), { quiet })
    // due 09:00 + 2 h = 11:00; late 11:00–21:00 and 07:30–08:30: 11 hours, not 21.5
    expect(h.overdue.map(o => [o.missed, o.minutesLate])).toEqual([['accept', 11 * 60]])
    const urgent = huddle([{ ...t, urgent: true, category: '火情' }], date('12-02 08:30'), { quiet })
    expect(urgent.overdue[0].minutesLate).toBeGreaterThan(20 * 60) // an urgent matter counts every minute
  })
})
