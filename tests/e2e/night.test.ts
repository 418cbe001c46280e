import { describe, expect, it } from 'vitest'
import { openWorld, play, inRoom, toPerson, webhookRobot } from './play.js'
import { harness } from '../app/harness.js'

const G3 = '花园社区3网格居民群'
const STAFF = '花园社区工作群'
const NAVY = '海军帮忙队工作群'
const at = (iso: string) => Date.parse(iso)

describe('night hours', () => {
  it('a leak reported at 01:12 waits for the morning, and its deadline counts only service hours', async () => {
    const { lines } = await play([{ from: '王阿姨', in: G3, text: '家里厨房水管漏水了 12号楼2单元' }, { wait: '10h' }], '2026-12-17T01:12:00+08:00')
    expect(lines.filter(l => at(l.at) < at('2026-12-17T07:30:00+08:00'))).toEqual([])
    const dispatch = inRoom(lines, NAVY).filter(l => /新派单 #1/.test(l.text))
    expect(dispatch.map(l => l.at.slice(11, 16))).toEqual(['07:30'])
    expect(toPerson(lines, '海军帮忙队队长').filter(l => /新派单/.test(l.text))).toEqual([]) // heard once, in the group
    // 2 service hours from 07:30: a reminder at 09:00 of a deadline still ahead, the grid leader at 09:30.
    const reminder = inRoom(lines, NAVY).find(l => /【提醒】/.test(l.text))!
    expect([reminder.at.slice(11, 16), /12月17日 09:30 前接单/.test(reminder.text)]).toEqual(['09:00', true])
    expect(
      toPerson(lines, '3网格网格长')
        .find(l => /超时未接单/.test(l.text))!
        .at.slice(11, 16),
    ).toBe('09:30')
    expect(inRoom(lines, STAFF).filter(l => /超时未|已提醒网格长|紧急/.test(l.text))).toEqual([]) // no false claim to staff
  })

  it.each([
    ['cancelled', [{ from: '王阿姨', text: '撤销 1' }], /新派单 #1|收到，单号 #1/],
    ['accepted', [{ from: '3网格网格长', text: '接单 1' }], /新派单 #1|收到，单号 #1/],
    [
      'finished and rated',
      [
        { from: '3网格网格长', text: '接单 1' },
        { from: '3网格网格长', text: '完成 1 换了灯泡' },
        { from: '王阿姨', text: '满意 1' },
      ],
      /新派单 #1|收到，单号 #1|已由|修好了吗|解决了吗/,
    ],
  ])('what was held overnight about a ticket %s meanwhile is not sent at 07:30', async (_, steps, stale) => {
    const { lines } = await play(
      [{ from: '王阿姨', in: G3, text: '12号楼2单元楼道灯坏了' }, { wait: '10m' }, ...steps, { wait: '10h' }],
      '2026-12-01T22:00:00+08:00',
    )
    const morning = lines.filter(l => at(l.at) >= at('2026-12-02T07:30:00+08:00'))
    expect(morning.filter(l => stale.test(l.text))).toEqual([])
  })

  it('a ticket transferred at night: in the morning only the new handler hears of it, and the resident hears the new handler', async () => {
    const { lines } = await play(
      [{ from: '王阿姨', in: G3, text: '家里厨房水管漏水了 12号楼2单元301' }, { wait: '10m' }, { from: '社区主任', text: '转派 1 网格长' }, { wait: '10h' }],
      '2026-12-01T22:00:00+08:00',
    )
    const morning = lines.filter(l => at(l.at) >= at('2026-12-02T07:30:00+08:00'))
    expect(morning.filter(l => l.room === NAVY)).toEqual([])
    expect(morning.filter(l => l.room === G3 && /海军帮忙队/.test(l.text))).toEqual([])
    expect(morning.some(l => l.to === '3网格网格长' && /新派单 #1/.test(l.text))).toBe(true)
  })

  it('a fall at 04:12 is chased until someone acknowledges it through the webhook, and shows who did', async () => {
    const robot = await webhookRobot()
    const bodies = robot.bodies
    const { world, readDb, close } = await openWorld('2026-12-17T04:12:00+08:00', robot.url)
    try {
      await world.say('王阿姨', G3, '我家老伴摔倒了 起不来 13号楼1单元201 快来人')
      expect(inRoom(world.transcript, STAFF).some(l => /紧急 #1/.test(l.text))).toBe(true) // at once, at night
      await world.wait(16 * 60_000)
      expect(
        inRoom(world.transcript, STAFF)
          .filter(l => /紧急未确认 #1/.test(l.text))
          .map(l => l.at.slice(11, 16)),
      ).toEqual(['04:22'])
      await until(() => bodies.length > 0)
      expect(bodies[0].text.content).toMatch(/#1 急病摔倒.*已 15 分钟无人确认.*收到 1/)
      // The duty worker sees the WeCom group on the phone and answers in WeChat.
      await world.say('值班社工', null, '收到 1')
      expect(toPerson(world.transcript, '值班社工').at(-1)!.text).toMatch(/已确认紧急单号 #1（值班社工，12月17日 04:28）/)
      const n = bodies.length
      await world.wait(3 * 3600_000)
      expect(bodies.length).toBe(n) // the ladder stopped
      const t = (await readDb()).state.tickets[0]
      expect(t.ack?.by).toBe('值班社工')
      expect(t.ack?.at.slice(0, 16)).toBe('2026-12-17T04:28')
      await world.say('值班社工', null, '查询 1')
      expect(toPerson(world.transcript, '值班社工').at(-1)!.text).toMatch(/确认：值班社工，12月17日 04:28/)
    } finally {
      await close()
      robot.close()
    }
  })

  it('an urgent ticket taken with 接单 is acknowledged: the staff group that got the alarm hears who took it, and the alarms stop', async () => {
    const { lines, db } = await play(
      [
        { from: '王阿姨', in: G3, text: '我家老伴摔倒了 起不来 13号楼1单元201 快来人' },
        { wait: '3m' },
        { from: '3网格网格长', text: '接单 1' },
        { wait: '1h' },
      ],
      '2026-12-17T10:00:00+08:00',
    )
    expect(db.state.tickets[0].ack?.by).toBe('3网格网格长')
    expect(inRoom(lines, STAFF).some(l => /【已确认 #1】急病摔倒：3网格网格长 于 12月17日 10:03 确认/.test(l.text))).toBe(true)
    expect(lines.some(l => /紧急未确认 #1/.test(l.text))).toBe(false)
  })

  it('after the webhook, a text goes to the duty phone and repeats while nobody acknowledges', async () => {
    const h = await harness(undefined, at('2026-12-17T04:12:00+08:00'))
    await h.say('王阿姨', G3, '我家老伴摔倒了 起不来 13号楼1单元201 快来人')
    await h.wait(21 * 60_000)
    expect(h.alerts.filter(a => /无人确认/.test(a))).toHaveLength(1)
    expect(h.texts).toHaveLength(1)
    expect(h.texts[0].params).toMatchObject({ ticket: '1', kind: '急病摔倒', minutes: '20' })
    await h.wait(60 * 60_000)
    expect(h.texts).toHaveLength(3)
    await h.say('3网格网格长', null, '接单 1') // accepting acknowledges too
    await h.wait(3 * 3600_000)
    expect(h.texts).toHaveLength(3)
    expect(h.db.state.tickets[0].ack?.by).toBe('3网格网格长')
  })
})

async function until(cond: () => boolean) {
  for (let i = 0; i < 500 && !cond(); i++) await new Promise(r => setTimeout(r, 5))
}
