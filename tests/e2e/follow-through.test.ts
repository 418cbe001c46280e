import { describe, expect, it } from 'vitest'
import { readFile } from 'node:fs/promises'
import { play, inRoom, toPerson, openWorld } from './play.js'
import type { Ticket } from '../../src/core/types.js'

const G3 = '花园社区3网格居民群'
const STAFF = '花园社区工作群'

describe('e2e: deadlines, escalation, huddle, monthly report, points', () => {
  it('reminds about an urgent ticket nobody acknowledged within 10 minutes, at night too, with its number', async () => {
    const { lines } = await play(
      [{ from: '赵奶奶', in: G3, text: '楼下垃圾桶着火了 冒黑烟 13号楼' }, { wait: '9m' }, { wait: '2m' }],
      '2026-12-02T23:00:00+08:00',
    )
    const reminders = inRoom(lines, STAFF).filter(l => /紧急未确认/.test(l.text))
    expect(reminders).toHaveLength(1)
    expect(reminders[0].text).toMatch(/#1[\s\S]*收到 1/)
    expect(reminders[0].at.slice(11, 16)).toBe('23:10') // urgent: quiet hours do not hold it
  })

  it('escalates a normal ticket step by step — assignee, grid leader, staff — counting only service hours', async () => {
    const { lines, db } = await play([{ from: '王阿姨', in: G3, text: '12号楼楼道的灯全坏了 上下楼摸黑' }, { wait: '14h' }], '2026-12-02T19:30:00+08:00')
    // 2 service hours to accept: 19:30–21:00, then 07:30–08:00. The grid leader is the assignee: reminded
    // at 07:30 of a deadline still ahead (08:00), then the staff group at 08:00, once (no second escalation).
    const warn = toPerson(lines, '3网格网格长').filter(l => /【提醒】/.test(l.text))
    expect(warn.map(l => [l.at.slice(0, 16), /12月3日 08:00 前接单/.test(l.text)])).toEqual([['2026-12-03T07:30', true]])
    const staff = inRoom(lines, STAFF).filter(l => /超时未接单/.test(l.text))
    expect(staff.map(l => l.at.slice(0, 16))).toEqual(['2026-12-03T08:00'])
    expect(staff[0].text).not.toMatch(/已提醒网格长/) // not true: the grid leader is the assignee
    expect(
      lines.filter(l => Date.parse(l.at) >= Date.parse('2026-12-02T21:00:00+08:00') && Date.parse(l.at) < Date.parse('2026-12-03T07:30:00+08:00')),
    ).toEqual([])
    expect(db.state.tickets[0].history.filter(h => h.action === 'escalated').length).toBeGreaterThan(0)

    const team = await play([{ from: '王阿姨', in: G3, text: '报修 12号楼2单元301 马桶堵了' }, { wait: '3h' }], '2026-12-02T09:00:00+08:00')
    const navy = team.lines.filter(l => /【提醒】|超时/.test(l.text)).map(l => [l.room ?? l.to, l.at.slice(11, 16)])
    expect(navy).toEqual([
      ['海军帮忙队工作群', '10:30'],
      ['3网格网格长', '11:00'],
    ])
  })

  it('lists the open tickets by number in the 08:30 huddle', async () => {
    const { lines } = await play(
      [
        { from: '王阿姨', in: G3, text: '报修 12号楼2单元301 马桶堵了' },
        { from: '李大爷', in: '花园社区5网格居民群', text: '23号楼楼道灯不亮了' },
        { from: '海军帮忙队队长', text: '接单 1' },
        { wait: '16h' },
      ],
      '2026-12-02T17:00:00+08:00',
    )
    const huddle = inRoom(lines, STAFF).find(l => /碰头/.test(l.text))!
    expect(huddle.at.slice(0, 16)).toBe('2026-12-03T08:30')
    expect(huddle.text).toMatch(/#1/)
    expect(huddle.text).toMatch(/#2/)
  })

  it('sends the monthly report on the 1st with a PNG chart and a CSV whose figures match the db', async () => {
    const { world, readDb, close } = await openWorld('2026-11-10T10:00:00+08:00')
    try {
      const reports = [
        ['王阿姨', G3, '报修 12号楼2单元301 马桶堵了'],
        ['李大爷', G3, '11号楼楼道灯坏了'],
        ['张姐', '花园社区5网格居民群', '想找律师问问遗嘱怎么立'],
        ['刘叔', '花园社区5网格居民群', '报修 22号楼1单元102 暖气不热'],
        ['陈阿姨', '花园社区7网格居民群', '外套拉链坏了 谁能帮忙换一下'],
      ]
      for (const [who, room, text] of reports) await world.say(who, room, text)
      await world.say('海军帮忙队队长', null, '接单 1')
      await world.say('海军帮忙队队长', null, '完成 1 已疏通')
      await world.say('王阿姨', G3, '满意 1')
      await world.say('海军帮忙队队长', null, '完成 4 换了阀门')
      await world.say('刘叔', '花园社区5网格居民群', '不满意 4 还是不热')
      await world.wait(21 * 86_400_000)
      const db = await readDb()
      const monthly = world.transcript.filter(l => l.room === STAFF && l.at.startsWith('2026-12-01T09:0'))
      expect(monthly.some(l => l.file === '月报-2026-11.png')).toBe(true)
      expect(monthly.some(l => l.file === '月报-2026-11.csv')).toBe(true)
      const text = monthly.find(l => /工作月报/.test(l.text))!.text
      // Figures computed here from the db, independently of the report code.
      const nov = db.state.tickets.filter((t: Ticket) => t.createdAt.startsWith('2026-11'))
      const resolved = nov.filter(t => t.status === 'done' || t.status === 'closed').length
      expect(text).toContain(`本月共受理居民诉求 ${nov.length} 件，已办结 ${resolved} 件`)
      const csv = await readFile(new URL(`file://${world.dbFile.replace(/db\.json$/, 'reports/月报-2026-11.csv')}`), 'utf8')
      expect(csv.charCodeAt(0)).toBe(0xfeff)
      const rows = csv
        .slice(1)
        .split('\r\n')
        .map(r => r.split(','))
      const byGrid = (g: number) => nov.filter(t => t.grid === g).length
      for (const g of [3, 5, 7]) expect(rows.find(r => r[1] === `${g}网格`)?.[2]).toBe(String(byGrid(g)))
      // The 民情台账 beside it: one row per November ticket, with times, and no door number, phone or name.
      expect(monthly.some(l => l.file === '民情台账-2026-11.csv')).toBe(true)
      const ledger = await readFile(world.dbFile.replace(/db\.json$/, 'reports/民情台账-2026-11.csv'), 'utf8')
      expect(ledger.charCodeAt(0)).toBe(0xfeff)
      const lines = ledger.slice(1).trim().split('\r\n')
      expect(lines[0]).toBe('单号,报告时间,类别,紧急,承办,网格,楼号,状态,接单时间,完成时间,办结时间,接单用时（分钟）,办结用时（分钟）,评价,时限')
      expect(lines.slice(1).map(l => Number(l.split(',')[0]))).toEqual(nov.map(t => t.id).sort((a, b) => a - b))
      expect(ledger).not.toMatch(/301|102|王阿姨|刘叔|遗嘱/)
      const png = await readFile(world.dbFile.replace(/db\.json$/, 'reports/月报-2026-11.png'))
      expect(png.subarray(1, 4).toString()).toBe('PNG')
    } finally {
      await close()
    }
  })

  it('gives points for a finished ticket and none for one the reporter rejected', async () => {
    const { lines } = await play([
      { from: '王阿姨', in: G3, text: '报修 12号楼2单元301 马桶堵了' },
      { from: '李大爷', in: G3, text: '报修 13号楼1单元502 厨房水管漏水' },
      { from: '海军帮忙队队长', text: '完成 1 已疏通' },
      { from: '海军帮忙队队长', text: '完成 2 换了管子' },
      { from: '王阿姨', in: G3, text: '满意 1' },
      { from: '李大爷', in: G3, text: '不满意 2 还在漏' },
      { from: '海军帮忙队队长', text: '积分' },
    ])
    expect(toPerson(lines, '海军帮忙队队长').at(-1)!.text).toMatch(/累计 10 分/)
  })
})
