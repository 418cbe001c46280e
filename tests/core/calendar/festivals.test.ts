import { describe, expect, it } from 'vitest'
import { SolarDay } from 'tyme4ts'
import db from '../../../db.json'
import { CalendarSchema, occurrencesBetween } from '../../../src/core/calendar/index.js'
import { demo, firesOf, sh, t } from './helpers.js'

describe('demo calendar in db.json', () => {
  it('parses and holds the sixteen festivals of COMMUNITY.md at 08:00 to all resident groups', () => {
    expect(CalendarSchema.safeParse(db.calendar).success).toBe(true)
    expect(demo.festivals.map(f => f.title.slice(0, 2))).toEqual([
      '元旦',
      '除夕',
      '春节',
      '元宵',
      '三八',
      '清明',
      '五一',
      '端午',
      '六一',
      '七一',
      '八一',
      '中秋',
      '国庆',
      '重阳',
      '冬至',
      '腊八',
    ])
    for (const f of demo.festivals) {
      expect(f.time).toBe('08:00')
      expect(f.audiences).toEqual([{ kind: 'residents' }])
      expect(f.text).toMatch(/[\u4e00-\u9fa5]{8,}/)
    }
  })

  it('greets each festival exactly once a year', () => {
    const year = occurrencesBetween(demo, t('2027-01-01 00:00'), t('2028-01-01 00:00'))
    for (const f of demo.festivals) expect(year.filter(x => x.entryId === f.id)).toHaveLength(1)
  })
})

describe('festival dates, computed', () => {
  const day = (id: string, from: string, to: string) => firesOf(demo, id, from, to)

  it('春节 2027 is 2027-02-06, 除夕 the day before (腊月 of 2026 has 29 days)', () => {
    expect(day('spring-festival', '2027-01-01 00:00', '2027-12-31 23:59')).toEqual(['2027-02-06 08:00'])
    expect(day('new-years-eve', '2027-01-01 00:00', '2027-12-31 23:59')).toEqual(['2027-02-05 08:00'])
  })

  it('中秋 2026-09-25 and 2027-09-15; 重阳 2026-10-18', () => {
    expect(day('mid-autumn', '2026-01-01 00:00', '2027-12-31 23:59')).toEqual(['2026-09-25 08:00', '2027-09-15 08:00'])
    expect(day('double-ninth', '2026-01-01 00:00', '2026-12-31 23:59')).toEqual(['2026-10-18 08:00'])
  })

  it('冬至 2026-12-22 and 2027-12-22 (not the previous year tyme4ts fromName returns)', () => {
    expect(day('winter-solstice', '2026-01-01 00:00', '2027-12-31 23:59')).toEqual(['2026-12-22 08:00', '2027-12-22 08:00'])
  })

  it('清明 2026-04-05, 2027-04-05, 2028-04-04', () => {
    expect(day('qingming', '2026-01-01 00:00', '2028-12-31 23:59')).toEqual(['2026-04-05 08:00', '2027-04-05 08:00', '2028-04-04 08:00'])
  })

  it('和谐百家宴 on 腊月廿三: 2027-01-30 (丙午年) and 2028-01-19 (丁未年), reminded 3 days before and on the day', () => {
    expect(day('harmony-banquet', '2027-01-01 00:00', '2028-12-31 23:59')).toEqual([
      '2027-01-27 09:00',
      '2027-01-30 08:00',
      '2028-01-16 09:00',
      '2028-01-19 08:00',
    ])
    for (const [y, m, d] of [
      [2027, 1, 30],
      [2028, 1, 19],
    ]) {
      const lunar = SolarDay.fromYmd(y, m, d).getLunarDay() // the other direction, as a cross-check
      expect([lunar.getMonth(), lunar.getDay()]).toEqual([12, 23])
    }
    const texts = occurrencesBetween(demo, t('2028-01-15 00:00'), t('2028-01-20 00:00'))
      .filter(f => f.entryId === 'harmony-banquet')
      .map(f => f.text)
    expect(texts[0]).toMatch(/^3天后/)
    expect(texts[1]).toMatch(/^今天/)
  })

  it('芳邻节 5月20日: 3 days before at 09:00 and on the day at 08:00, keys per lead', () => {
    const f = occurrencesBetween(demo, t('2026-05-01 00:00'), t('2026-05-31 00:00')).filter(x => x.entryId === 'good-neighbour-festival')
    expect(f.map(x => [x.key, sh(x.at)])).toEqual([
      ['good-neighbour-festival@2026-05-20#3', '2026-05-17 09:00'],
      ['good-neighbour-festival@2026-05-20#0', '2026-05-20 08:00'],
    ])
    expect(f.every(x => x.residentFacing)).toBe(true)
  })
})

describe('birthdays', () => {
  it('a leap-month birthday (闰五月十二) falls in 闰五月 in 2028 and in 五月 in other years', () => {
    const got = firesOf(demo, 'birthday-li-deshun', '2027-01-01 00:00', '2029-12-31 23:59')
    expect(got).toEqual(['2027-06-16 09:00', '2028-07-04 09:00', '2029-06-23 09:00'])
    const l = SolarDay.fromYmd(2028, 7, 4).getLunarDay()
    expect([l.getLunarMonth().isLeap(), l.getMonth(), l.getDay()]).toEqual([true, -5, 12])
  })

  it('a 腊月三十 birthday falls back to 廿九 when 腊月 has 29 days', () => {
    const got = firesOf(demo, 'birthday-zhang-xiuying', '2027-01-01 00:00', '2027-12-31 23:59')
    expect(got).toEqual(['2027-02-05 09:00'])
    const l = SolarDay.fromYmd(2027, 2, 5).getLunarDay()
    expect([l.getMonth(), l.getDay(), l.getLunarMonth().getDayCount()]).toEqual([12, 29, 29])
  })

  it('goes to 桂兰聊天室 and the grid leader; political birthdays go privately', () => {
    const [b] = occurrencesBetween(demo, t('2027-06-16 00:00'), t('2027-06-17 00:00')).filter(f => f.entryId === 'birthday-li-deshun')
    expect(b.audiences).toEqual([
      { kind: 'team', team: '桂兰聊天室' },
      { kind: 'gridLeader', grid: 7 },
    ])
    expect(b.residentFacing).toBe(false)
    const [p] = occurrencesBetween(demo, t('2026-06-18 00:00'), t('2026-06-19 00:00')).filter(f => f.entryId.startsWith('political'))
    expect(sh(p.at)).toBe('2026-06-18 09:00')
    expect(p.audiences).toEqual([{ kind: 'person', name: '刘建国' }])
  })
})
