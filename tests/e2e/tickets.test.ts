import { describe, expect, it } from 'vitest'
import { play, inRoom, toPerson, assertPrivate, openWorld } from './play.js'

const G3 = '花园社区3网格居民群'
const NAVY_ROOM = '海军帮忙队工作群'
const STAFF = '花园社区工作群'
const gap = (a: string, b: string) => Date.parse(b) - Date.parse(a)

describe('e2e: tickets through wechaty-puppet-mock', () => {
  it('plays the repair flow across a restart: ack, dispatch with address, accept, done, verdict', async () => {
    const { lines, db } = await play([
      { from: '王阿姨', in: G3, text: '报修 12号楼2单元301 马桶堵了' },
      { wait: '5m' },
      { restart: true },
      { from: '海军帮忙队队长', text: '接单 1' },
      { wait: '2h' },
      { from: '海军帮忙队队长', text: '完成 1 已疏通' },
      { from: '王阿姨', in: G3, text: '满意 1' },
    ])
    const group = inRoom(lines, G3).map(l => l.text)
    expect(group[0]).toMatch(/^@王阿姨 .*#1.*海军帮忙队/)
    expect(group.some(t => /#1.*接单/.test(t))).toBe(true)
    expect(group.some(t => /#1 已处理完成（已疏通）。修好了吗？满意的话回一句「满意」/.test(t))).toBe(true)
    expect(group.at(-1)).toMatch(/#1.*办结/)
    const dispatch = inRoom(lines, NAVY_ROOM)[0]
    expect(dispatch.text).toContain('12号楼2单元301室')
    // The lead is in the team's group: the dispatch reaches them once, not again privately.
    expect(toPerson(lines, '海军帮忙队队长').some(l => /【新派单 #1】/.test(l.text))).toBe(false)
    const t = db.state.tickets[0]
    expect(t).toMatchObject({ id: 1, status: 'closed', verdict: 'satisfied', building: 12, unit: 2, roomNo: '301', target: '海军帮忙队' })
    expect(t.history.map(h => h.action)).toEqual(['created', 'accepted', 'done', 'satisfied'])
    assertPrivate(lines, ['301'])
  })

  it('asks for a missing location once and takes the next message as the answer', async () => {
    const { lines, db } = await play([
      { from: '李大爷', in: G3, text: '家里马桶堵了 水都漫出来了' },
      { from: '李大爷', in: G3, text: '十二号楼三单元502' },
    ])
    const group = inRoom(lines, G3).map(l => l.text)
    expect(group[0]).toMatch(/^@李大爷 .*#1.*几号楼/)
    expect(group.filter(t => /几号楼/.test(t))).toHaveLength(1)
    expect(inRoom(lines, NAVY_ROOM)[0].text).toContain('12号楼3单元502室')
    expect(db.state.tickets).toHaveLength(1)
    expect(db.state.tickets[0]).toMatchObject({ building: 12, unit: 3, roomNo: '502' })
    assertPrivate(lines, ['502'])
  })

  it('dispatches without the answer once ten minutes pass', async () => {
    const { lines } = await play([{ from: '李大爷', in: G3, text: '家里马桶堵了 水都漫出来了' }, { wait: '9m' }])
    expect(inRoom(lines, NAVY_ROOM)).toHaveLength(0)
    const later = await play([{ from: '李大爷', in: G3, text: '家里马桶堵了 水都漫出来了' }, { wait: '11m' }])
    expect(inRoom(later.lines, NAVY_ROOM)).toHaveLength(1)
  })

  it('sends a common-area fault to the grid leader privately, not to a team', async () => {
    const { lines, db } = await play([{ from: '张姐', in: G3, text: '12号楼楼道的灯坏了 晚上黑乎乎的' }])
    expect(toPerson(lines, '3网格网格长')[0].text).toMatch(/【新派单 #1】[\s\S]*12号楼/)
    expect(lines.some(l => l.room?.endsWith('工作群'))).toBe(false)
    expect(inRoom(lines, G3)[0].text).toMatch(/#1.*网格长/)
    expect(db.state.tickets[0].target).toBe('网格长')
  })

  it('raises an urgent matter at once to the grid leader and the staff group, and tells the number to call', async () => {
    const { lines, db } = await play([{ from: '赵奶奶', in: G3, text: '厨房里一股煤气味 越来越大 13号楼1单元201' }])
    expect(inRoom(lines, STAFF)[0].text).toMatch(/紧急 #1[\s\S]*13号楼1单元201室/)
    expect(toPerson(lines, '3网格网格长').length).toBeGreaterThan(0)
    expect(inRoom(lines, G3)[0].text).toMatch(/119/)
    const first = lines[0].at
    expect(lines.every(l => gap(first, l.at) < 60_000)).toBe(true)
    expect(db.state.tickets[0].urgent).toBe(true)
    assertPrivate(lines, ['201'])
  })

  it('merges three reports of one outage into one ticket and tells each its number', async () => {
    const { lines, db } = await play([
      { from: '王阿姨', in: G3, text: '12号楼停电了 一点电都没有' },
      { from: '李大爷', in: G3, text: '我们12号楼也停电了' },
      { from: '张姐', in: G3, text: '12号楼整栋楼没电了 怎么回事' },
    ])
    expect(db.state.tickets).toHaveLength(1)
    expect(db.state.tickets[0].reporters).toEqual(['王阿姨', '李大爷', '张姐'])
    const group = inRoom(lines, G3).map(l => l.text)
    expect(group.filter(t => /并入单号 #1/.test(t))).toHaveLength(2)
  })

  it('refuses a resident who tries 接单 and changes nothing', async () => {
    const { lines, db } = await play([
      { from: '王阿姨', in: G3, text: '报修 12号楼2单元301 马桶堵了' },
      { from: '路人甲', in: G3, text: '接单 1' },
      { from: '路人甲', text: '完成 1 好了' },
    ])
    const refusals = lines.filter(l => /抱歉.*#1/.test(l.text))
    expect(refusals).toHaveLength(2)
    expect(db.state.tickets[0].status).toBe('open')
    expect(db.state.tickets[0].history).toHaveLength(1)
  })

  it('stays silent on a burst of chatter', async () => {
    const chatter = ['早上好各位', '今天太阳真好', '[强][强]', '谢谢网格长 井盖已经补上了', '中午吃饺子', '哈哈哈', '明天几点集合去体检']
    const { lines, db } = await play(chatter.map(text => ({ from: '王阿姨', in: G3, text })))
    expect(lines).toEqual([])
    expect(db.state.tickets).toHaveLength(0)
  })
})

describe('e2e: redelivery', () => {
  it('makes one ticket of a message id delivered twice', async () => {
    const { world, readDb, close } = await openWorld()
    try {
      await world.redeliver('王阿姨', G3, '报修 12号楼2单元301 马桶堵了', 'msg-dup-1')
      await world.redeliver('王阿姨', G3, '报修 12号楼2单元301 马桶堵了', 'msg-dup-1')
      expect((await readDb()).state.tickets).toHaveLength(1)
      expect(world.transcript.filter(l => l.room === G3)).toHaveLength(1)
    } finally {
      await close()
    }
  })
})

describe('the privacy scan every e2e transcript goes through', () => {
  it('catches a door number or a phone number in a resident group, and lets a team group have the address', () => {
    const at = '2026-12-01T09:00:00+08:00'
    expect(() => assertPrivate([{ at, room: G3, text: '@王阿姨 收到 12号楼2单元301' }], ['301'])).toThrow(/301/)
    expect(() => assertPrivate([{ at, room: G3, text: '请打 13812345678' }], [])).toThrow(/phone/)
    expect(() => assertPrivate([{ at, room: G3, text: '送到502室' }], [])).toThrow(/address/)
    expect(() => assertPrivate([{ at, room: NAVY_ROOM, text: '地址：12号楼2单元301室' }], ['301'])).not.toThrow()
  })
})

describe('volunteers in a team group', () => {
  it('gives nothing to a stranger for speaking in a team group: privilege never comes from a group', async () => {
    const { lines, db } = await play([
      { from: '王阿姨', in: G3, text: '报修 12号楼2单元301 马桶堵了' },
      { from: '李师傅', in: NAVY_ROOM, text: '接单 1' },
      { from: '李师傅', in: NAVY_ROOM, text: '完成 1 换了新马桶垫' },
      { from: '海军帮忙队队长', in: NAVY_ROOM, text: '接单 1' },
    ])
    expect(lines.filter(l => l.room === NAVY_ROOM && /抱歉.*#1/.test(l.text))).toHaveLength(2)
    expect(db.state.tickets[0].history.map(h => [h.by, h.action])).toEqual([
      ['王阿姨', 'created'],
      ['海军帮忙队队长', 'accepted'],
    ])
  })
})

describe('work groups', () => {
  it('opens no ticket from talk in the staff or a team group', async () => {
    const { lines, db } = await play([
      { from: '值班社工', in: '花园社区工作群', text: '12号楼停电了 大家注意一下' },
      { from: '海军帮忙队队长', in: NAVY_ROOM, text: '明天去12号楼2单元301修马桶' },
    ])
    expect(lines).toEqual([])
    expect(db.state.tickets).toEqual([])
  })
})
