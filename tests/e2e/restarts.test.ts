import { describe, expect, it } from 'vitest'
import { play } from './play.js'
import { seeded } from '../../src/sim/clock.js'
import type { Scenario } from '../../src/sim/scenario.js'

type Steps = Scenario['steps']
const G3 = '花园社区3网格居民群'

/** A busy week: reports nobody accepts (escalations), broadcasts, scheduled notices, calendar posts. */
function busyWeek(): Steps {
  const steps: Steps = []
  for (let day = 0; day < 7; day++) {
    steps.push(
      { from: `居民${day}`, in: G3, text: `报修 ${11 + (day % 5)}号楼${1 + (day % 3)}单元${day + 1}01 水管漏水` },
      { from: '社区主任', text: `通知 全体 第${day + 1}天的通知` },
      { from: '社区主任', text: '确认' },
      { from: '值班社工', text: `定时通知 12月${day + 3}日 15:00 3网格 第${day + 1}天下午的提醒` },
      { wait: '5h' },
      { from: `居民${day}b`, in: '花园社区7网格居民群', text: `${31 + (day % 5)}号楼楼道灯不亮了` },
      { wait: '19h' },
    )
  }
  return steps
}

/** The same steps with restarts inserted at random points. */
function withRestarts(steps: Steps, seed: number, count: number): Steps {
  const rand = seeded(seed)
  const out = [...steps]
  for (let i = 0; i < count; i++) out.splice(1 + Math.floor(rand() * (out.length - 1)), 0, { restart: true })
  // Splitting waits puts restarts inside the spans where reminders and escalations fall due.
  return out.flatMap(s => ('wait' in s && s.wait === '19h' && rand() < 0.5 ? ([{ wait: '9h' }, { restart: true }, { wait: '10h' }] as Steps) : [s]))
}

const key = (l: { room?: string; to?: string; text: string }) => `${l.room ?? l.to}|${l.text}`
const counts = (keys: string[]) => keys.reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map<string, number>())

describe('restarts through a busy week', () => {
  it('loses and repeats no reminder, escalation or broadcast', async () => {
    const start = '2026-12-01T08:00:00+08:00'
    const base = await play(busyWeek(), start)
    const scheduled = (l: { text: string; room?: string; to?: string }) =>
      /超时|提醒|通知|碰头|例会|上报|第\d+天/.test(l.text) || (l.room !== undefined && /居民群$/.test(l.room) && /第\d+天/.test(l.text))
    const expected = counts(base.lines.filter(scheduled).map(key))
    expect(expected.size).toBeGreaterThan(20)
    for (const seed of [3, 17]) {
      const run = await play(withRestarts(busyWeek(), seed, 6), start)
      expect(counts(run.lines.filter(scheduled).map(key))).toEqual(expected)
    }
  }, 120_000)
})
