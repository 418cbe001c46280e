/**
 * A realistic week in the demo community (tests/e2e/scenarios/week.json): residents of several grids in
 * elderly wording, a leak at night, a fall at night acknowledged after the webhook, a notice to one
 * building, a repeated notice, verdicts in natural words. What a resident, a volunteer and staff see.
 */
import { describe, expect, it } from 'vitest'
import { readFile } from 'node:fs/promises'
import { loadScenario, runScenario } from '../../src/sim/scenario.js'
import { assertPrivate, quiet, webhookRobot } from './play.js'
import type { Db } from '../../src/core/schema.js'
import { inQuietHours } from '../../src/core/time.js'

const G3 = '花园社区3网格居民群',
  G5 = '花园社区5网格居民群',
  G7 = '花园社区7网格居民群',
  G9 = '花园社区9网格居民群'
const STAFF = '花园社区工作群',
  NAVY = '海军帮忙队工作群'
const URGENT = /紧急|已确认 #/

describe('a week in the community', () => {
  it('reads like people who listen, and keeps its promises', async () => {
    const robot = await webhookRobot()
    let db: Db | undefined
    try {
      const { scenario, dbSource } = await loadScenario(new URL('./scenarios/week.json', import.meta.url).pathname)
      const lines = await runScenario(
        scenario,
        dbSource,
        quiet,
        undefined,
        async f => {
          db = JSON.parse(await readFile(f, 'utf8'))
        },
        { alertUrl: robot.url },
      )
      assertPrivate(
        lines,
        db!.state.tickets.flatMap(t => (t.roomNo ? [t.roomNo] : [])),
      )
      const t = (id: number) => db!.state.tickets.find(x => x.id === id)!
      const say = (room: string) => lines.filter(l => l.room === room).map(l => `${l.at.slice(5, 16)} ${l.text}`)

      // Night: only urgent messages between 21:00 and 07:30.
      expect(lines.filter(l => inQuietHours(new Date(l.at), { start: '21:00', end: '07:30' }) && !URGENT.test(l.text))).toEqual([])
      // The leak at 01:12 is answered and dispatched at 07:30, due at 09:30 (service hours).
      expect(say(G5)[0]).toMatch(/^12-15T07:30 @刘叔 收到，单号 #2/)
      expect(say(NAVY).find(l => /【提醒】单号 #2/.test(l))).toMatch(/^12-15T09:00 .*12月15日 09:30 前接单/)
      // The fall at 04:12: alert at once, a reminder at 04:22, the webhook at 04:27, acknowledged at 04:35, then quiet.
      const staff3 = say(STAFF).filter(l => /#3/.test(l))
      for (const start of ['12-16T04:12 【紧急 #3', '12-16T04:22 【紧急未确认 #3', '12-16T04:35 【已确认 #3】']) {
        expect(
          staff3.some(l => l.startsWith(start)),
          start,
        ).toBe(true)
      }
      expect(robot.bodies.filter(h => /#3/.test(h.text.content))).toHaveLength(1)
      expect(t(3).ack).toMatchObject({ by: '值班社工' })
      // Each person hears of a dispatch once: the team lead only in the team's group.
      expect(lines.filter(l => l.to === '海军帮忙队队长' && /新派单/.test(l.text))).toEqual([])
      // A notice to one building names it first; the repeated one asked for a second 确认 and was not posted again.
      expect(say(G7).filter(l => /【花园社区通知】33号楼的居民：明天上午9点到11点停水，请提前储水。/.test(l))).toHaveLength(1)
      expect(lines.some(l => l.to === '社区主任' && /再回复一次「确认」就发送/.test(l.text))).toBe(true)
      expect(say(G3).some(l => /【花园社区通知】12号楼的居民：本周六上午9点楼道消防检查/.test(l))).toBe(true)
      // Verdicts in natural words; an unhappy one went back to the team and the grid leader.
      expect(t(1)).toMatchObject({ status: 'closed', verdict: 'satisfied' })
      expect(t(2).history.map(h => h.action)).toEqual(expect.arrayContaining(['dissatisfied', 'reopened', 'satisfied']))
      expect(lines.some(l => l.to === '5网格网格长' && /【居民不满意 #2】/.test(l.text))).toBe(true)
      // A voice message in a group gets one kind hint; a question gets the notice; thanks get a welcome.
      expect(say(G7).some(l => /@李大爷 语音我暂时听不了/.test(l))).toBe(true)
      expect(say(G7).some(l => /@张姐 最近一条提到停水的通知/.test(l))).toBe(true)
      expect(say(G7).some(l => /@张姐 不客气/.test(l))).toBe(true)
      // A legal question is acknowledged without naming the matter or the team.
      expect(lines.find(l => l.room === '花园社区12网格居民群')!.text).toMatch(/已请相关老师私下联系您/)
      // The huddle lists each ticket once.
      for (const h of lines.filter(l => /【一天一碰头】/.test(l.text))) {
        const ids = [...h.text.matchAll(/#(\d+) /g)].map(m => m[1])
        expect(new Set(ids).size).toBe(ids.length)
      }
      expect(say(G9).at(-1)).toMatch(/问题解决了吗？/) // a fall is not "repaired"
    } finally {
      robot.close()
    }
  }, 120_000)
})
