/**
 * The sending limits that keep the community's account from being banned, as a property over random
 * floods: residents reporting (urgent and not), chatter, staff notices to every group, waits of any
 * length and restarts. Whatever happens, in any sliding hour and day the sends stay within the caps
 * plus the urgent budget, and no two sends are closer than the gap.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { harness, type SentLine } from './harness.js'

const HOUR = 3600_000,
  DAY = 24 * HOUR
const CAPS = { hourlyCap: 25, dailyCap: 90, urgentHourlyCap: 6, urgentDailyCap: 20, groupGapMs: 3000, privateGapMs: 1000 }
const ROOMS = ['花园社区3网格居民群', '花园社区7网格居民群', '花园社区12网格居民群']
const TEXTS = [
  '报修 12号楼2单元301 马桶堵了',
  '楼道灯坏了 33号楼',
  '厨房着火了 冒烟了 13号楼1单元201',
  '有人晕倒了 快来人 56号楼门口',
  '家里停电了 57号楼3单元402',
  '早上好',
  '谢谢',
  '查询 1',
  '撤销 2',
  '帮助',
  '煤气味很大 21号楼',
  '想找律师问问遗嘱',
]

type Event =
  | { kind: 'say'; who: number; room: number; text: number }
  | { kind: 'notice'; audience: string }
  | { kind: 'wait'; ms: number }
  | { kind: 'restart' }

const event: fc.Arbitrary<Event> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('say' as const),
      who: fc.integer({ min: 0, max: 30 }),
      room: fc.integer({ min: 0, max: 3 }),
      text: fc.integer({ min: 0, max: TEXTS.length - 1 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('notice' as const), audience: fc.constantFrom('全体', '3网格', '12号楼') }) },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('wait' as const), ms: fc.oneof(fc.integer({ min: 0, max: 120_000 }), fc.integer({ min: 0, max: 3 * HOUR })) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restart' as const) }) },
)

// Found by this property: a limit notice queued while sending, its attempt journaled, then a restart;
// the journal entry for an item the last full write did not hold was skipped, so the next send went
// 0 ms after it (fixed in applyJournal). Kept as an example that runs every time.
const say = (text: number): Event => ({ kind: 'say', who: 0, room: 0, text })
const FOUND: Event[] = [
  say(5),
  say(4),
  { kind: 'wait', ms: 7500 },
  say(0),
  say(0),
  say(0),
  { kind: 'notice', audience: '全体' },
  ...Array.from({ length: 5 }, () => say(0)),
  { kind: 'wait', ms: 51750 },
  { kind: 'restart' },
  ...Array.from({ length: 9 }, () => say(0)),
]

/** Violations of the limits in a list of sends (attempts), empty when they hold. */
function violations(sent: SentLine[]): string[] {
  const out: string[] = []
  const times = sent.map(s => s.at)
  for (let i = 1; i < sent.length; i++) {
    if (times[i] - times[i - 1] < CAPS.privateGapMs) out.push(`sends ${i - 1},${i} ${times[i] - times[i - 1]} ms apart`)
  }
  const groups = sent.filter(s => 'room' in s.dest).map(s => s.at)
  for (let i = 1; i < groups.length; i++) {
    if (groups[i] - groups[i - 1] < CAPS.groupGapMs) out.push(`group sends ${groups[i] - groups[i - 1]} ms apart`)
  }
  for (const [span, cap, ucap] of [
    [HOUR, CAPS.hourlyCap, CAPS.urgentHourlyCap],
    [DAY, CAPS.dailyCap, CAPS.urgentDailyCap],
  ] as const) {
    for (const s of sent) {
      const inWindow = sent.filter(x => x.at >= s.at && x.at < s.at + span)
      const urgent = inWindow.filter(x => x.urgent).length
      if (inWindow.length - urgent > cap) out.push(`${inWindow.length - urgent} ordinary sends in ${span / HOUR}h from ${s.at}`)
      if (urgent > ucap) out.push(`${urgent} urgent sends in ${span / HOUR}h from ${s.at}`)
    }
  }
  return out
}

describe('sending limits hold under any flood (property)', () => {
  it('never exceeds the caps plus the urgent budget, never sends closer than the gap', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(event, { minLength: 20, maxLength: 120 }), fc.boolean(), async (events, failing) => {
        const h = await harness(db => Object.assign(db.settings.outbox, CAPS))
        for (const e of events) {
          if (e.kind === 'say') {
            await h.say(`居民${e.who}`, e.room === 3 ? null : ROOMS[e.room], TEXTS[e.text], e.room !== 3 && e.who % 5 === 0)
          } else if (e.kind === 'notice') {
            await h.say('社区主任', null, `通知 ${e.audience} 今天下午检修电梯`)
            await h.say('社区主任', null, '确认')
          } else if (e.kind === 'wait') {
            await h.wait(e.ms)
          } else {
            h.restart()
          }
          h.fail.next = failing && h.sent.length % 7 === 3 // some sends fail and are retried: retries count too
        }
        await h.wait(DAY)
        expect(violations(h.sent)).toEqual([])
      }),
      { numRuns: 40, examples: [[FOUND, true]] },
    )
  }, 300_000)

  it('the checker itself catches a burst, a too-short gap and an urgent flood', () => {
    const at = (ms: number, room = true, urgent = false): SentLine => ({ at: ms, dest: room ? { room: 'x' } : { to: 'y' }, text: '', urgent })
    expect(violations([at(0), at(2000)])).toContain('group sends 2000 ms apart')
    expect(violations([at(0, false), at(500, false)])[0]).toMatch(/500 ms apart/)
    expect(violations(Array.from({ length: 26 }, (_, i) => at(i * 3000))).some(v => /26 ordinary sends in 1h/.test(v))).toBe(true)
    expect(violations(Array.from({ length: 7 }, (_, i) => at(i * 3000, true, true))).some(v => /7 urgent sends in 1h/.test(v))).toBe(true)
  })
})
