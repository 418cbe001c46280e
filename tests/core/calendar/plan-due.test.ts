import { describe, expect, it } from 'vitest'
import { nextFireAfter, occurrencesBetween, planDue, type Calendar } from '../../../src/core/calendar/index.js'
import { demo, entry, sh, t } from './helpers.js'

const MIN = 60_000
const quiet = (d: Date) => {
  const hm = sh(d).slice(11)
  return hm >= '21:00' || hm < '07:30'
}

/** Runs ticks every `stepMin` minutes from `from` to `to`, sending what planDue says; returns the sends. */
function run(cal: Calendar, from: Date, to: Date, stepMin: number, fired = new Set<string>()) {
  const sent: Array<{ key: string; now: Date; sendAt: Date }> = []
  let last = from
  for (let now = new Date(from.getTime() + stepMin * MIN); now <= to; now = new Date(now.getTime() + stepMin * MIN)) {
    for (const s of planDue(cal, last, now, fired).send) {
      sent.push({ key: s.key, now, sendAt: s.sendAt })
      fired.add(s.key)
    }
    last = now
  }
  return sent
}

describe('planDue', () => {
  it('a missed 08:00 greeting is caught up at 11:00 the same day', () => {
    const p = planDue(demo, t('2026-09-24 20:00'), t('2026-09-25 11:00'), new Set())
    const greeting = p.send.find(s => s.key === 'mid-autumn@2026-09-25#0')!
    expect(sh(greeting.sendAt)).toBe('2026-09-25 08:00')
    expect(greeting.audiences).toEqual([{ kind: 'residents' }])
    expect(p.dropped).toEqual([])
  })

  it('the same greeting is dropped when the bot comes back the next day', () => {
    const p = planDue(demo, t('2026-09-24 20:00'), t('2026-09-26 09:00'), new Set())
    expect(p.send.map(s => s.key)).not.toContain('mid-autumn@2026-09-25#0')
    expect(p.dropped.map(s => s.key)).toContain('mid-autumn@2026-09-25#0')
  })

  it('never yields a fired key again', () => {
    const p = planDue(demo, t('2026-09-24 20:00'), t('2026-09-25 11:00'), new Set(['mid-autumn@2026-09-25#0']))
    expect(p.send).toEqual([])
    expect(p.dropped).toEqual([])
  })

  it('restarting repeatedly through the 中秋 morning greets once (fired kept, lastCheck stale or lost)', () => {
    const fired = new Set<string>()
    const sent: string[] = []
    // restarts at these times; after each, lastCheck comes back stale (the day before) and ticks run a while
    const restarts = ['06:50', '07:29', '07:45', '07:59', '08:00', '08:01', '08:03', '09:10', '11:00', '20:59']
    for (const [i, r] of restarts.entries()) {
      let last = i % 2 ? t('2026-09-24 00:00') : t(`2026-09-25 ${r}`)
      for (let now = t(`2026-09-25 ${r}`), n = 0; n < 3; n++, now = new Date(now.getTime() + MIN)) {
        for (const s of planDue(demo, last, now, fired).send) {
          sent.push(s.key)
          fired.add(s.key)
        }
        last = now
      }
    }
    expect(sent.filter(k => k.startsWith('mid-autumn'))).toEqual(['mid-autumn@2026-09-25#0'])
    expect(new Set(sent).size).toBe(sent.length)
  })

  it('ticking every minute through three weeks sends each fire exactly once, at its time', () => {
    const from = t('2026-09-20 00:00'),
      to = t('2026-10-10 23:59')
    const sent = run(demo, from, to, 1)
    const expected = occurrencesBetween(demo, from, to)
    expect(sent.map(s => s.key)).toEqual(expected.map(f => f.key))
    for (const [i, s] of sent.entries()) expect(s.now.getTime()).toBe(expected[i].at.getTime())
  })

  it('nothing goes out between 21:00 and 07:30: early and late fires wait for 07:30', () => {
    const cal: Calendar = {
      festivals: [],
      entries: [
        entry({ id: 'dawn', rule: { kind: 'daily' }, time: '06:00' }),
        entry({ id: 'night', rule: { kind: 'daily' }, time: '22:00' }),
        entry({ id: 'staff-night', rule: { kind: 'daily' }, time: '23:30', audiences: [{ kind: 'staff' }] }),
        entry({ id: 'evening', rule: { kind: 'daily' }, time: '20:30' }),
      ],
    }
    const sent = run(cal, t('2026-03-01 00:00'), t('2026-03-04 00:00'), 1)
    for (const s of sent) {
      expect(quiet(s.now), sh(s.now)).toBe(false)
      expect(quiet(s.sendAt)).toBe(false)
    }
    const at = (key: string) => sent.filter(s => s.key === key).map(s => sh(s.now))
    expect(at('dawn@2026-03-02#0')).toEqual(['2026-03-02 07:30'])
    expect(at('night@2026-03-01#0')).toEqual(['2026-03-02 07:30'])
    expect(at('staff-night@2026-03-01#0')).toEqual(['2026-03-02 07:30'])
    expect(at('evening@2026-03-02#0')).toEqual(['2026-03-02 20:30'])
  })

  it('a fire missed in the evening is dropped rather than sent in quiet hours', () => {
    const cal: Calendar = { festivals: [], entries: [entry({ id: 'evening', rule: { kind: 'daily' }, time: '20:30' })] }
    const p = planDue(cal, t('2026-03-02 20:00'), t('2026-03-02 23:00'), new Set())
    expect(p.send).toEqual([])
    expect(p.dropped.map(f => f.key)).toEqual(['evening@2026-03-02#0'])
  })

  it('random restarts over a year: never in quiet hours, never twice, never a previous day', () => {
    let seed = 42
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    const fired = new Set<string>()
    let last = t('2026-01-01 00:00')
    while (last < t('2027-01-01 00:00')) {
      const now = new Date(last.getTime() + Math.floor(rand() * 36 * 60) * MIN + MIN)
      const stale = rand() < 0.3 ? new Date(last.getTime() - Math.floor(rand() * 48 * 60) * MIN) : last
      const p = planDue(demo, stale, now, fired)
      for (const s of p.send) {
        expect(quiet(now), sh(now)).toBe(false)
        expect(fired.has(s.key)).toBe(false)
        expect(sh(s.sendAt).slice(0, 10)).toBe(sh(now).slice(0, 10))
        expect(s.sendAt.getTime()).toBeLessThanOrEqual(now.getTime())
        fired.add(s.key)
      }
      last = now
    }
    expect(fired.size).toBeGreaterThan(100)
  })
})

describe('nextFireAfter', () => {
  it('points at the next due time, after quiet hours', () => {
    expect(sh(nextFireAfter(demo, t('2026-09-25 07:00'))!)).toBe('2026-09-25 08:00')
    const cal: Calendar = { festivals: [], entries: [entry({ id: 'dawn', rule: { kind: 'daily' }, time: '06:00' })] }
    expect(sh(nextFireAfter(cal, t('2026-09-25 05:00'))!)).toBe('2026-09-25 07:30')
    expect(sh(nextFireAfter(cal, t('2026-09-25 07:30'))!)).toBe('2026-09-26 07:30')
  })

  it('finds a fire far ahead and returns null when nothing is left', () => {
    const once: Calendar = { festivals: [], entries: [entry({ id: 'o', rule: { kind: 'once', date: '2027-08-01' } })] }
    expect(sh(nextFireAfter(once, t('2026-09-25 07:00'))!)).toBe('2027-08-01 09:00')
    expect(nextFireAfter(once, t('2027-08-01 09:00'))).toBeNull()
  })

  it('drives a virtual clock through a month: each fire once, at its due time', () => {
    const fired = new Set<string>()
    const sent: string[] = []
    let last = t('2026-09-20 00:00')
    for (let now = nextFireAfter(demo, last); now && now <= t('2026-10-20 00:00'); last = now, now = nextFireAfter(demo, now)) {
      for (const s of planDue(demo, last, now, fired).send) {
        sent.push(s.key)
        fired.add(s.key)
        expect(s.sendAt).toEqual(now)
      }
    }
    expect(sent).toEqual(occurrencesBetween(demo, t('2026-09-20 00:00'), t('2026-10-20 00:00')).map(f => f.key))
  })
})
