import { describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { isWorkday, occurrencesBetween, planDue } from '../../../src/core/calendar/index.js'
import { demo, entry, firesOf, only, t } from './helpers.js'

describe('isWorkday (statutory calendar with 调休)', () => {
  it('knows holidays, make-up working days and plain weekends in covered years', () => {
    expect(isWorkday('2026-10-05')).toEqual({ workday: false, covered: true }) // Monday, 国庆
    expect(isWorkday('2026-10-10')).toEqual({ workday: true, covered: true }) // Saturday, 调休
    expect(isWorkday('2026-09-20')).toEqual({ workday: true, covered: true }) // Sunday, 调休
    expect(isWorkday('2026-10-11')).toEqual({ workday: false, covered: true }) // Sunday
    expect(isWorkday('2026-10-09')).toEqual({ workday: true, covered: true }) // Friday
  })

  it("gives the same answers whatever the server's time zone", () => {
    const file = fileURLToPath(new URL('../../../src/core/calendar/workdays.ts', import.meta.url))
    const days = ['2026-12-14', '2026-12-19', '2026-10-10', '2026-10-05', '2026-09-20']
    const script = `import('${file}').then(m => console.log(JSON.stringify(${JSON.stringify(days)}.map(d => m.isWorkday(d).workday))))`
    const want = JSON.stringify(days.map(d => isWorkday(d).workday))
    for (const TZ of ['America/New_York', 'Pacific/Honolulu', 'Asia/Shanghai', 'Pacific/Auckland']) {
      const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { env: { ...process.env, TZ }, encoding: 'utf8' })
      expect(out.trim(), TZ).toBe(want)
    }
    expect(want).toBe('[true,false,true,false,true]')
  })

  it('falls back to Monday–Friday for a year the data does not cover', () => {
    expect(isWorkday('2099-01-01')).toEqual({ workday: true, covered: false }) // a Thursday
    expect(isWorkday('2099-01-03')).toEqual({ workday: false, covered: false }) // a Saturday
  })
})

describe('daily huddle (workdays 08:30)', () => {
  const huddles = (from: string, to: string) => firesOf(demo, 'daily-huddle', from, to)

  it('skips the 国庆 holiday and includes the make-up Saturday 2026-10-10', () => {
    expect(huddles('2026-09-28 00:00', '2026-10-12 00:00')).toEqual([
      '2026-09-28 08:30',
      '2026-09-29 08:30',
      '2026-09-30 08:30',
      '2026-10-08 08:30',
      '2026-10-09 08:30',
      '2026-10-10 08:30',
    ])
  })

  it('includes the make-up Sunday 2026-09-20 and skips 中秋 2026-09-25', () => {
    const got = huddles('2026-09-19 00:00', '2026-09-27 00:00').map(s => s.slice(0, 10))
    expect(got).toEqual(['2026-09-20', '2026-09-21', '2026-09-22', '2026-09-23', '2026-09-24'])
  })
})

describe('weekly meeting (Mondays 09:00, next workday when Monday is a holiday)', () => {
  it('moves 2026-10-05 (国庆) to Thursday 2026-10-08', () => {
    expect(firesOf(demo, 'weekly-meeting', '2026-09-27 00:00', '2026-10-13 00:00')).toEqual(['2026-09-28 09:00', '2026-10-08 09:00', '2026-10-12 09:00'])
  })

  it('two holiday Mondays in 春节 2026 (02-16, 02-23) become one meeting on 02-24', () => {
    expect(firesOf(demo, 'weekly-meeting', '2026-02-08 00:00', '2026-03-03 00:00')).toEqual(['2026-02-09 09:00', '2026-02-24 09:00', '2026-03-02 09:00'])
  })

  it('a shift across the range start is still found', () => {
    expect(firesOf(demo, 'weekly-meeting', '2026-10-06 00:00', '2026-10-09 00:00')).toEqual(['2026-10-08 09:00'])
  })
})

describe('routines', () => {
  it('monthly report on the 1st at 09:00, 联席会 reminded on the 14th at 09:00', () => {
    expect(firesOf(demo, 'monthly-report', '2026-11-01 00:00', '2027-01-02 00:00')).toEqual(['2026-11-01 09:00', '2026-12-01 09:00', '2027-01-01 09:00'])
    expect(firesOf(demo, 'partner-meeting', '2026-11-01 00:00', '2026-12-31 00:00')).toEqual(['2026-11-14 09:00', '2026-12-14 09:00'])
  })

  it('workdayOnly skips an occurrence on a holiday', () => {
    const cal = only(entry({ id: 'w', rule: { kind: 'yearly', month: 10, day: 1 }, workdayOnly: true }))
    expect(occurrencesBetween(cal, t('2026-01-01 00:00'), t('2026-12-31 23:00'))).toEqual([])
  })

  it('reports an uncovered year as one warning', () => {
    const p = planDue(demo, t('2099-03-01 00:00'), t('2099-03-10 12:00'), new Set())
    expect(p.warnings).toHaveLength(1)
    expect(p.warnings[0]).toContain('2099')
    expect(planDue(demo, t('2026-03-01 00:00'), t('2026-03-10 12:00'), new Set()).warnings).toEqual([])
  })
})
