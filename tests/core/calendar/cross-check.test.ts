import { describe, expect, it } from 'vitest'
import chineseDays from 'chinese-days'
import { occurrencesBetween } from '../../../src/core/calendar/index.js'
import { demo, sh, t } from './helpers.js'

// Every lunar and solar-term entry of the demo calendar, for 16 years, against a second library.
const fires = occurrencesBetween(demo, t('2025-01-01 00:00'), t('2040-12-31 23:59'))
const dateOf = (key: string) => key.slice(key.indexOf('@') + 1, key.indexOf('#'))
const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)

describe('lunar and solar-term dates agree with chinese-days, 2025–2040', () => {
  for (const e of [...demo.festivals, ...demo.entries]) {
    const r = e.rule
    if (r.kind !== 'lunar' && r.kind !== 'solarTerm') continue
    it(`${e.title}`, () => {
      const dates = [...new Set(fires.filter(f => f.entryId === e.id).map(f => dateOf(f.key)))]
      expect(dates.length).toBe(16)
      for (const d of dates) {
        if (r.kind === 'solarTerm') {
          const terms = chineseDays.getSolarTerms(d, d)
          expect(
            terms.map(x => x.name),
            d,
          ).toContain(r.name)
          continue
        }
        const l = chineseDays.getLunarDate(d)
        expect(l.lunarMon, d).toBe(r.month)
        if (r.day === 30 && l.lunarDay === 29)
          expect(chineseDays.getLunarDate(nextDay(d)).lunarDay, d).toBe(1) // 29-day month
        else expect(l.lunarDay, d).toBe(r.day)
        // leap birthdays sit in the leap month exactly when the year has one
        const leapYear = chineseDays.getYearLeapMonth(l.lunarYear).leapMonth === r.month
        expect(l.isLeap, d).toBe(r.leap === true && leapYear)
      }
    })
  }

  it('fires at the entry time (or lead times) only', () => {
    for (const f of fires) {
      const e = [...demo.festivals, ...demo.entries].find(x => x.id === f.entryId)!
      const times = e.leads ? e.leads.map(l => l.time) : [e.time]
      expect(times).toContain(sh(f.at).slice(11))
    }
  })
})
