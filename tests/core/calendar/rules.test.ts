import { describe, expect, it } from 'vitest'
import { CalendarSchema } from '../../../src/core/calendar/index.js'
import { entry, firesOf, only } from './helpers.js'

const dates = (rule: Parameters<typeof entry>[0]['rule'], from: string, to: string) =>
  firesOf(only(entry({ id: 'x', rule })), 'x', `${from} 00:00`, `${to} 23:59`).map(s => s.slice(0, 10))

describe('recurrence rules', () => {
  it('daily and weekly (1 = Monday … 7 = Sunday)', () => {
    expect(dates({ kind: 'daily' }, '2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02'])
    expect(dates({ kind: 'weekly', weekday: 3 }, '2026-12-01', '2026-12-20')).toEqual(['2026-12-02', '2026-12-09', '2026-12-16'])
    expect(dates({ kind: 'weekly', weekday: 7 }, '2026-12-01', '2026-12-14')).toEqual(['2026-12-06', '2026-12-13'])
  })

  it('monthly on day 31 falls back to the last day of shorter months', () => {
    expect(dates({ kind: 'monthly', day: 31 }, '2027-01-01', '2027-04-30')).toEqual(['2027-01-31', '2027-02-28', '2027-03-31', '2027-04-30'])
  })

  it('nth weekday of the month: first Monday, last Friday, fifth Sunday only when it exists', () => {
    expect(dates({ kind: 'monthlyWeekday', nth: 1, weekday: 1 }, '2026-06-01', '2026-08-31')).toEqual(['2026-06-01', '2026-07-06', '2026-08-03'])
    expect(dates({ kind: 'monthlyWeekday', nth: -1, weekday: 5 }, '2026-06-01', '2026-07-31')).toEqual(['2026-06-26', '2026-07-31'])
    expect(dates({ kind: 'monthlyWeekday', nth: 5, weekday: 7 }, '2026-01-01', '2026-04-30')).toEqual(['2026-03-29'])
  })

  it('yearly 2月29日 falls on 2月28日 in common years', () => {
    expect(dates({ kind: 'yearly', month: 2, day: 29 }, '2027-01-01', '2028-12-31')).toEqual(['2027-02-28', '2028-02-29'])
  })

  it('lunar across the Gregorian new year, and leap month vs normal month', () => {
    expect(dates({ kind: 'lunar', month: 12, day: 8 }, '2027-01-01', '2027-12-31')).toEqual(['2027-01-15']) // 腊八 of 丙午年
    expect(dates({ kind: 'lunar', month: 5, day: 12 }, '2028-01-01', '2028-12-31')).toEqual(['2028-06-04']) // normal 五月 only
    expect(dates({ kind: 'lunar', month: 5, day: 12, leap: true }, '2028-01-01', '2028-12-31')).toEqual(['2028-07-04'])
    expect(dates({ kind: 'lunar', month: 5, day: 30, leap: true }, '2028-01-01', '2028-12-31')).toEqual(['2028-07-21']) // 闰五月 has 29 days
  })

  it('solar terms land in the asked year', () => {
    expect(dates({ kind: 'solarTerm', name: '冬至' }, '2026-01-01', '2027-12-31')).toEqual(['2026-12-22', '2027-12-22'])
    expect(dates({ kind: 'solarTerm', name: '小寒' }, '2027-01-01', '2027-12-31')).toEqual(['2027-01-05'])
  })

  it('once', () => {
    expect(dates({ kind: 'once', date: '2026-12-20' }, '2026-01-01', '2027-12-31')).toEqual(['2026-12-20'])
  })
})

describe('CalendarSchema', () => {
  const e = entry({ id: 'a', rule: { kind: 'daily' } })
  it('rejects duplicate ids and numbers, bad times and dates, keys characters in ids', () => {
    const bad = (cal: unknown) => CalendarSchema.safeParse(cal).success
    expect(bad({ festivals: [e], entries: [e] })).toBe(false)
    expect(
      bad({
        festivals: [],
        entries: [
          { ...e, no: 1 },
          { ...e, id: 'b', no: 1 },
        ],
      }),
    ).toBe(false)
    expect(bad({ festivals: [], entries: [{ ...e, time: '9:00' }] })).toBe(false)
    expect(bad({ festivals: [], entries: [{ ...e, id: 'a#1' }] })).toBe(false)
    expect(bad({ festivals: [], entries: [{ ...e, rule: { kind: 'yearly', month: 2, day: 30 } }] })).toBe(false)
    expect(
      bad({
        festivals: [],
        entries: [
          {
            ...e,
            leads: [
              { daysBefore: 1, time: '09:00' },
              { daysBefore: 1, time: '10:00' },
            ],
          },
        ],
      }),
    ).toBe(false)
    expect(bad({ festivals: [], entries: [e] })).toBe(true)
  })
})
