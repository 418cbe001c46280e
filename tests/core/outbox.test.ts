import { describe, expect, it } from 'vitest'
import { clampFuture, enqueue, markFailed, markSent, nextSend, pruneOutbox } from '../../src/core/outbox.js'
import { emptyState } from '../../src/core/state.js'
import { SettingsSchema } from '../../src/core/settings.js'

const T0 = Date.parse('2026-12-01T09:00:00+08:00')
const settings = SettingsSchema.parse({ outbox: { hourlyCap: 3, dailyCap: 5, urgentHourlyCap: 2, urgentDailyCap: 3, jitterMs: 0 } })
const noJitter = () => 0
const G = { room: '花园社区3网格居民群' },
  P = { to: '值班社工' }

function sendAll(state = emptyState(), from = T0, until = T0 + 10 * 3600_000) {
  const times: number[] = []
  for (let now = from; now < until; now += 500) {
    const n = nextSend(state, settings, now)
    if ('item' in n) {
      markSent(state, n.item, settings, now, noJitter)
      times.push(now)
    }
  }
  return times
}

describe('outbox pacing (pure)', () => {
  it('keeps the group gap between group sends and the private gap between any two sends', () => {
    const s = emptyState()
    enqueue(s, G, 'a', new Date(T0))
    enqueue(s, P, 'b', new Date(T0))
    enqueue(s, G, 'c', new Date(T0))
    const times = sendAll(s, T0, T0 + 20_000)
    expect(times).toEqual([T0, T0 + 1000, T0 + 3000])
  })

  it('holds ordinary sends at the hourly cap and lets urgent ones use their own budget', () => {
    const s = emptyState()
    for (let i = 0; i < 5; i++) enqueue(s, P, `n${i}`, new Date(T0))
    const first = sendAll(s, T0, T0 + 60_000)
    expect(first).toHaveLength(3)
    const n = nextSend(s, settings, T0 + 60_000)
    expect(n).toMatchObject({ blocked: { which: 'hourly', urgent: false, until: T0 + 3600_000 } })
    enqueue(s, P, 'fire', new Date(T0 + 60_000), { urgent: true })
    expect(nextSend(s, settings, T0 + 60_000)).toMatchObject({ item: { text: 'fire' } })
  })

  it('lets an ordinary message go while urgent ones wait for their spent budget', () => {
    const s = emptyState()
    s.urgentLog = [T0 - 10_000, T0 - 5000]
    enqueue(s, P, 'alert', new Date(T0), { urgent: true })
    enqueue(s, P, 'reply', new Date(T0))
    expect(nextSend(s, settings, T0)).toMatchObject({ item: { text: 'reply' } })
  })

  it('counts failed attempts and backs off', () => {
    const s = emptyState()
    const item = enqueue(s, P, 'x', new Date(T0))
    expect(markFailed(s, item, settings, T0, 'boom', noJitter)).toBe('retry')
    expect(s.sentLog).toEqual([T0])
    expect(Date.parse(item.notBefore)).toBe(T0 + 5000)
    for (let i = 1; i < settings.outbox.maxAttempts; i++) markFailed(s, item, settings, T0 + i, 'boom', noJitter)
    expect(item.status).toBe('failed')
  })

  it('does not stall after the clock steps back two hours, nor obey send times in the future', () => {
    const s = emptyState()
    const later = T0 + 2 * 3600_000
    s.pacing = { nextGroupAt: later + 3000, nextPrivateAt: later + 1000 }
    s.sentLog = [later - 1000, later - 500, later] // stamped by a clock that was ahead
    enqueue(s, G, 'ack', new Date(T0))
    const notes = clampFuture(s, settings, T0)
    expect(notes.length).toBeGreaterThanOrEqual(2)
    expect(s.sentLog.every(t => t <= T0)).toBe(true)
    const times = sendAll(s, T0, T0 + 10_000)
    expect(times.length).toBe(0) // the three sends "now" fill the hourly cap of 3 …
    expect(nextSend(s, settings, T0 + 3600_000)).toMatchObject({ item: { text: 'ack' } }) // … for an hour, not two days
    const fresh = emptyState()
    fresh.pacing = { nextGroupAt: later, nextPrivateAt: later }
    enqueue(fresh, G, 'hi', new Date(T0))
    clampFuture(fresh, settings, T0)
    expect(sendAll(fresh, T0, T0 + 10_000)).toHaveLength(1)
  })

  it('prunes sent items (keeping a broadcast’s until its report) and day-old send times', () => {
    const s = emptyState()
    const a = enqueue(s, G, 'a', new Date(T0), { tag: 'broadcast:1' })
    const b = enqueue(s, G, 'b', new Date(T0))
    markSent(s, a, settings, T0, noJitter)
    markSent(s, b, settings, T0 + 3000, noJitter)
    pruneOutbox(s, T0 + 25 * 3600_000, tag => tag === 'broadcast:1')
    expect(s.outbox.map(o => o.text === '' && o.tag)).toEqual(['broadcast:1'])
    expect(s.sentLog).toEqual([])
  })
})
