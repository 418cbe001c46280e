import { describe, expect, it } from 'vitest'
import { play, inRoom, toPerson, openWorld, webhookRobot } from './play.js'

const RESIDENT = /^花园社区\d+网格居民群$/
const gaps = (ats: string[]) => ats.slice(1).map((a, i) => Date.parse(a) - Date.parse(ats[i]))

describe('e2e: staff broadcasts and the outbox', () => {
  it('sends a broadcast to all 16 groups once, at least 3 s apart, after a preview and 确认, then reports', async () => {
    const { lines, db } = await play([
      { from: '社区主任', text: '通知 全体 明天上午9点到12点停水，请提前储水' },
      { from: '社区主任', text: '确认' },
      { wait: '5m' },
    ])
    const preview = toPerson(lines, '社区主任')[0].text
    expect(preview).toMatch(/预览[\s\S]*16 个群[\s\S]*确认/)
    const sent = lines.filter(l => l.room && RESIDENT.test(l.room))
    expect(sent).toHaveLength(16)
    expect(new Set(sent.map(l => l.room)).size).toBe(16)
    expect(sent.every(l => l.text === '【花园社区通知】明天上午9点到12点停水，请提前储水\n——花园社区居委会')).toBe(true)
    expect(Math.min(...gaps(sent.map(l => l.at)))).toBeGreaterThanOrEqual(3000)
    const report = toPerson(lines, '社区主任').at(-1)!
    expect(report.text).toMatch(/发送报告[\s\S]*成功 16 个群，失败 0 个/)
    expect(Date.parse(report.at)).toBeGreaterThanOrEqual(Date.parse(sent.at(-1)!.at))
    expect(db.state.audit.map(a => a.action)).toContain('通知')
  })

  it('sends nothing when the preview is not confirmed', async () => {
    const { lines } = await play([{ from: '社区主任', text: '通知 全体 测试' }, { wait: '10m' }, { from: '社区主任', text: '确认' }])
    expect(lines.filter(l => l.room && RESIDENT.test(l.room))).toHaveLength(0)
    expect(toPerson(lines, '社区主任').at(-1)!.text).toMatch(/没有等待确认/)
  })

  it('sends a grid broadcast only to that grid, and a building broadcast to its grid group', async () => {
    const { lines } = await play([
      { from: '值班社工', text: '通知 3网格 周六上午理发义剪' },
      { from: '值班社工', text: '确认' },
      { from: '值班社工', text: '通知 47号楼 明天电梯检修' },
      { from: '值班社工', text: '确认' },
      { wait: '1m' },
    ])
    const sent = lines.filter(l => l.room && RESIDENT.test(l.room))
    expect(sent.map(l => l.room)).toEqual(['花园社区3网格居民群', '花园社区10网格居民群'])
    expect(sent[1].text).toMatch(/^【花园社区通知】47号楼的居民：明天电梯检修/) // a building notice names the building first
  })

  it('refuses a resident’s 通知 and sends nothing', async () => {
    const { lines, db } = await play([{ from: '王阿姨', text: '通知 全体 大家来我家打麻将' }, { from: '王阿姨', text: '确认' }, { wait: '1m' }])
    expect(toPerson(lines, '王阿姨')[0].text).toMatch(/只有社区工作人员/)
    expect(lines.filter(l => l.room)).toHaveLength(0)
    expect(db.state.broadcasts).toHaveLength(0)
  })

  it('stays quiet when a resident relays a notice in a group', async () => {
    const { lines } = await play([{ from: '王阿姨', in: '花园社区3网格居民群', text: '通知：本周六上午在社区广场举办义诊' }])
    expect(lines).toEqual([])
  })

  it('finishes a broadcast interrupted by a restart without sending any group twice', async () => {
    const { world, close } = await openWorld()
    try {
      await world.say('社区书记', null, '通知 全体 今晚社区广场放电影')
      await world.say('社区书记', null, '确认', false, false) // no settling: the broadcast has only begun
      await world.wait(7_000, false)
      const before = world.transcript.filter(l => l.room && RESIDENT.test(l.room)).length
      expect(before).toBeGreaterThan(0)
      expect(before).toBeLessThan(16)
      await world.restart()
      await world.wait(3 * 60_000)
      const sent = world.transcript.filter(l => l.room && RESIDENT.test(l.room))
      expect(sent).toHaveLength(16)
      expect(new Set(sent.map(l => l.room)).size).toBe(16)
      expect(world.transcript.filter(l => /发送报告/.test(l.text))).toHaveLength(1)
    } finally {
      await close()
    }
  })

  it('sends a scheduled notice at its time and can cancel another', async () => {
    const { lines } = await play([
      { from: '社区主任', text: '定时通知 12月2日 09:00 3网格 明天体检' },
      { from: '社区主任', text: '确认' },
      { from: '社区主任', text: '定时通知 12月2日 10:00 4网格 不要发这条' },
      { from: '社区主任', text: '确认' },
      { from: '社区主任', text: '取消通知 2' },
      { wait: '26h' },
    ])
    const sent = lines.filter(l => l.room && RESIDENT.test(l.room))
    expect(sent.map(l => [l.room, l.at.slice(0, 16)])).toEqual([['花园社区3网格居民群', '2026-12-02T09:00']])
    // Confirming a scheduled notice says when it will go, not that it is being sent.
    expect(toPerson(lines, '社区主任').find(l => /好的，通知 #1/.test(l.text))!.text).toMatch(/将于 12月2日 09:00 发送/)
  })

  it('reads 定时通知 with the same date words as the calendar (明天 下午3点)', async () => {
    const { lines } = await play([
      { from: '社区主任', text: '定时通知 明天 下午3点 3网格 下午三点在活动室量血压，请带上医保卡！' },
      { from: '社区主任', text: '确认' },
      { wait: '31h' },
    ])
    const sent = lines.filter(l => l.room && RESIDENT.test(l.room))
    expect(sent.map(l => [l.room, l.at.slice(0, 16)])).toEqual([['花园社区3网格居民群', '2026-12-02T15:00']])
    expect(sent[0].text).toContain('下午三点在活动室量血压，请带上医保卡！') // punctuation as written
  })

  it('holds a broadcast sent at night until 07:30', async () => {
    const { lines } = await play(
      [{ from: '社区主任', text: '通知 5网格 明早停电' }, { from: '社区主任', text: '确认' }, { wait: '12h' }],
      '2026-12-01T22:00:00+08:00',
    )
    const sent = inRoom(lines, '花园社区5网格居民群')
    expect(sent).toHaveLength(1)
    expect(sent[0].at.slice(11, 16)).toBe('07:30')
  })

  it('calls the alert webhook on logout, holds sends while down, and resumes with a note to staff on login', async () => {
    const robot = await webhookRobot()
    const bodies = robot.bodies
    const { world, close } = await openWorld('2026-12-01T10:00:00+08:00', robot.url)
    try {
      await world.say('社区主任', null, '定时通知 12月1日 10:30 3网格 掉线期间到点的通知')
      await world.say('社区主任', null, '确认')
      const before = world.transcript.length
      await world.logout()
      await until(() => bodies.length > 0)
      expect(bodies[0]).toMatchObject({ msgtype: 'text', text: { content: expect.stringMatching(/掉线/) } })
      await world.wait(60 * 60_000)
      expect(world.transcript.length).toBe(before)
      await world.login()
      await world.wait(60_000)
      const after = world.transcript.slice(before)
      expect(after[0]).toMatchObject({ room: '花园社区工作群', text: expect.stringMatching(/^【恢复在线】/) })
      expect(after.filter(l => l.room === '花园社区3网格居民群').map(l => l.text)).toEqual(['【花园社区通知】掉线期间到点的通知\n——花园社区居委会'])
    } finally {
      await close()
      robot.close()
    }
  })

  it('keeps to the hourly and daily caps over a simulated day, queueing (never dropping) the excess', async () => {
    const steps = [] as Parameters<typeof play>[0]
    for (let i = 0; i < 12; i++) steps.push({ from: '社区主任', text: `通知 全体 第${i + 1}条通知` }, { from: '社区主任', text: '确认' })
    steps.push({ wait: '1d' })
    const { lines } = await play(steps, '2026-12-01T08:00:00+08:00')
    const sent = lines.filter(l => l.room && RESIDENT.test(l.room))
    expect(sent).toHaveLength(192)
    // Every send counts, the limit notices too: ordinary ones within the cap, the notices within the urgent budget.
    const all = lines.map(l => Date.parse(l.at)).sort((a, b) => a - b)
    const ordinary = lines.filter(l => !/发送限额/.test(l.text)).map(l => Date.parse(l.at))
    for (let i = 0; i < all.length; i++) {
      expect(ordinary.filter(t => t >= all[i] && t < all[i] + 3600_000).length).toBeLessThanOrEqual(120)
      expect(all.filter(t => t >= all[i] && t < all[i] + 3600_000).length).toBeLessThanOrEqual(120 + 30)
    }
    // One limit notice per blocked window, privately to the duty worker, never into a group.
    const notices = lines.filter(l => /发送限额/.test(l.text))
    expect(notices.length).toBeGreaterThanOrEqual(1)
    expect(notices.length).toBeLessThanOrEqual(3)
    expect(notices.every(l => l.to === '值班社工')).toBe(true)
  })
})

async function until(cond: () => boolean) {
  for (let i = 0; i < 500 && !cond(); i++) await new Promise(r => setTimeout(r, 5))
}
