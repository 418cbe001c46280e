/**
 * Every attack of issue 10 as a hostile resident would try it, played through the simulator. Each test
 * names the attack; the transcript and the db say it no longer works.
 */
import { describe, expect, it } from 'vitest'
import { play, inRoom, toPerson } from './play.js'

const at = (iso: string) => Date.parse(iso)
const G3 = '花园社区3网格居民群'
const G7 = '花园社区7网格居民群'
const STAFF = '花园社区工作群'
const NAVY = '海军帮忙队工作群'
const REPORT = { from: '王阿姨', in: G3, text: '报修 12号楼2单元301 马桶堵了 电话13812345678' }

describe('a nickname proves nothing', () => {
  it('a resident renamed 社区书记 gets none of the secretary’s powers, and staff hear of it privately once', async () => {
    const { lines, db } = await play([
      REPORT,
      { rename: '李大爷', to: '社区书记' },
      { from: '李大爷', text: '授权 李大爷 今天' },
      { from: '李大爷', text: '日程 添加 12月20日 09:00 全体 免费领鸡蛋 http://evil.example' },
      { from: '李大爷', text: '通知 全体 请点链接领补贴 http://evil.example' },
      { from: '李大爷', text: '确认' },
      { from: '李大爷', text: '记积分 李大爷 活动 100' },
      { from: '李大爷', text: '完成 1 修好了' },
      { from: '李大爷', text: '撤销 1' },
      { from: '李大爷', text: '查询 1' },
      { from: '李大爷', in: G3, text: '绑定本群' },
      { wait: '10m' },
    ])
    expect(db.state.grants).toEqual([])
    expect(db.calendar.entries.some(e => e.no !== undefined)).toBe(false)
    expect(db.state.broadcasts).toEqual([])
    expect(db.state.attendance).toEqual([])
    expect(db.state.roomBindings).toEqual([])
    expect(db.state.tickets[0].status).toBe('open')
    const toHim = toPerson(lines, '李大爷')
      .map(l => l.text)
      .join('\n')
    expect(toHim).not.toMatch(/301|13812345678|12号楼2单元/) // 查询 showed him nothing of it
    expect(lines.some(l => l.room && /evil\.example/.test(l.text))).toBe(false)
    const told = toPerson(lines, '值班社工').filter(l => /身份提醒/.test(l.text))
    expect(told).toHaveLength(1)
    expect(told[0].text).toContain('社区书记')
  })

  it('a claimed name with a zero-width space in it is still a claim: staff hear of it', async () => {
    const { lines } = await play([
      { rename: '李大爷', to: '社区书记\u200b' },
      { from: '李大爷', text: '通知 全体 测试' },
    ])
    expect(toPerson(lines, '值班社工').filter(l => /身份提醒/.test(l.text))).toHaveLength(1)
  })

  it('a resident renamed 3网格网格长 cannot finish, transfer or read the grid’s tickets', async () => {
    const { lines, db } = await play([
      { from: '张姐', in: G3, text: '12号楼楼道的灯坏了 晚上黑乎乎的' },
      { rename: '李大爷', to: '3网格网格长' },
      { from: '李大爷', in: G3, text: '完成 1 好了' },
      { from: '李大爷', in: G3, text: '转派 1 静华调解室' },
      { from: '李大爷', text: '查询 1' },
    ])
    expect(db.state.tickets[0]).toMatchObject({ status: 'open', target: '网格长' })
    expect(lines.filter(l => l.room === G3 && /抱歉.*#1/.test(l.text))).toHaveLength(2)
    expect(toPerson(lines, '3网格网格长').filter(l => /新派单 #1/.test(l.text))).toHaveLength(1) // the real one, by remark
    expect(toPerson(lines, '李大爷').every(l => !/报告人：|地址：|12号楼/.test(l.text))).toBe(true)
  })

  it('two residents with one nickname are two people: the second cannot cancel the first one’s ticket', async () => {
    const { lines, db } = await play([
      REPORT,
      { rename: '李大爷', to: '王阿姨' },
      { from: '李大爷', in: G3, text: '撤销 1' },
      { restart: true }, // a new login: the refs are gone, only the name is left
      { from: '王阿姨', in: G3, text: '撤销 1' },
    ])
    expect(db.state.tickets[0].status).toBe('open')
    const group = inRoom(lines, G3).map(l => l.text)
    expect(group.some(t => /只有报告人/.test(t))).toBe(true)
    expect(group.at(-1)).toMatch(/无法确认您就是单号 #1 的报告人/) // after the restart: refused, and told how to proceed
  })
})

describe('after a new login only a name is left, and a name proves little', () => {
  it("privately, someone who takes the reporter's nickname after a restart sees nothing of the ticket and cannot cancel it", async () => {
    const { lines, db } = await play([
      { from: '小张', text: '报修 12号楼2单元301 马桶堵了 电话13812345678' },
      { restart: true },
      { from: '坏人', text: '你好' },
      { rename: '坏人', to: '小张' },
      { from: '坏人', text: '查询 1' },
      { from: '坏人', text: '撤销 1' },
      { from: '坏人', text: '我的报修' },
    ])
    expect(db.state.tickets[0].status).toBe('open')
    const toImpostor = lines.filter(l => l.to === '坏人').map(l => l.text) // the transcript names people as they really are
    expect(toImpostor.slice(1).join('\n')).not.toMatch(/301|13812345678|马桶|下水/) // the first is the greeting, with its example
    expect(toImpostor.some(t => /无法确认您就是单号 #1 的报告人/.test(t))).toBe(true)
    expect(toImpostor.at(-1)).toMatch(/没有/) // 我的报修 lists nothing
  })

  it("我的报修 lists a ticket a neighbour joined only in that ticket's own group, not to someone showing the name privately", async () => {
    const { lines } = await play([
      { from: '王阿姨', in: G3, text: '12号楼2单元楼道灯坏了' },
      { wait: '2m' },
      { from: '李大爷', in: G3, text: '12号楼2单元楼道灯不亮了 黑乎乎的' },
      { from: '李大爷', in: G3, text: '我的报修' },
      { rename: '张姐', to: '李大爷' },
      { from: '张姐', text: '我的报修' },
    ])
    expect(inRoom(lines, G3).at(-1)!.text).toMatch(/@李大爷 您的报修：\n#1/)
    expect(toPerson(lines, '张姐').at(-1)!.text).toMatch(/没有报修记录/)
  })

  it('我的报修 in a group does not name a sensitive matter', async () => {
    const { lines } = await play([
      { from: '小张', text: '我最近总是失眠，很焦虑，想找心理老师聊聊' },
      { from: '小张', in: G3, text: '我的报修' },
    ])
    const said = inRoom(lines, G3).at(-1)!.text
    expect(said).toMatch(/#1 您的求助/)
    expect(said).not.toMatch(/心理/)
  })

  it("a group made up with the reporter's group topic does not count as their group", async () => {
    const { lines, db } = await play([
      { from: '王阿姨', in: G3, text: '12号楼2单元楼道灯坏了' },
      { restart: true },
      { newRoom: G3, members: ['坏人'] },
      { rename: '坏人', to: '王阿姨' },
      { from: '坏人', in: G3, text: '撤销 1' },
    ])
    expect(db.state.tickets[0].status).toBe('open')
    expect(lines.filter(l => l.room === G3 && l.roomIndex === 1).at(-1)?.text).toMatch(/无法确认您就是单号 #1 的报告人/)
  })

  it('a ticket from before its group was renamed: after a restart the reporter rates it there, and what is said to reporters reaches the renamed group', async () => {
    const { lines, db } = await play([
      { from: '王阿姨', in: G3, text: '报修 12号楼2单元301 马桶堵了' },
      { renameRoom: G3, to: '3网格邻里群', by: '王阿姨' },
      { from: '海军帮忙队队长', text: '完成 1 好了' },
      { wait: '2m' },
      { restart: true },
      { from: '王阿姨', in: '3网格邻里群', text: '修好了 谢谢' },
      { wait: '2m' },
    ])
    expect(db.state.tickets[0].status).toBe('closed')
    const renamed = inRoom(lines, '3网格邻里群').map(l => l.text)
    expect(renamed.some(t => /@王阿姨 您的单号 #1 已处理完成/.test(t))).toBe(true)
    expect(db.state.outbox.filter(o => o.status === 'failed' && /找不到群/.test(o.error ?? ''))).toEqual([])
  })

  it("a residents' group renamed by its members is still theirs: the reporter acts by name there after a restart", async () => {
    const { db } = await play([
      { renameRoom: G3, to: '3网格邻里群', by: '王阿姨' },
      { from: '王阿姨', in: '3网格邻里群', text: '12号楼2单元楼道灯坏了' },
      { restart: true },
      { from: '王阿姨', in: '3网格邻里群', text: '撤销 1' },
    ])
    expect(db.state.tickets[0].status).toBe('cancelled')
  })

  it("in the reporter's own group, where nobody else shows the name, the reporter still acts by name after a restart", async () => {
    const { db } = await play([{ from: '王阿姨', in: G3, text: '12号楼2单元楼道灯坏了' }, { restart: true }, { from: '王阿姨', in: G3, text: '撤销 1' }])
    expect(db.state.tickets[0].status).toBe('cancelled')
  })
})

describe('a vague urgent report cannot swallow a real one', () => {
  it('a report naming the place reaches the grid leader with it even while the first one waits for its place', async () => {
    const { lines, db } = await play(
      [{ from: '坏人', in: G3, text: '99号楼 煤气泄漏了' }, { wait: '1m' }, { from: '王阿姨', in: G3, text: '13号楼2单元 煤气泄漏了' }, { wait: '3m' }],
      '2026-12-01T10:00:00+08:00',
    )
    expect(db.state.tickets).toHaveLength(1)
    const leader = toPerson(lines, '3网格网格长').filter(l => at(l.at) < at('2026-12-01T10:09:00+08:00'))
    expect(leader.some(l => /新派单 #1[\s\S]*13号楼2单元/.test(l.text))).toBe(true)
  })

  it('a report naming the place reaches the grid leader with the place, and the first reporter cannot cancel what neighbours joined', async () => {
    const { lines, db } = await play(
      [
        { from: '坏人', in: G3, text: '好像闻到煤气味了' },
        { wait: '2m' },
        { from: '王阿姨', in: G3, text: '13号楼2单元 煤气泄漏了 味道很大' },
        { wait: '1m' },
        { from: '坏人', in: G3, text: '撤销 1' },
        { wait: '5m' },
      ],
      '2026-12-01T10:00:00+08:00',
    )
    const t = db.state.tickets[0]
    expect(db.state.tickets).toHaveLength(1)
    expect(t.status).toBe('open')
    expect(t).toMatchObject({ building: 13, unit: 2 })
    const leader = toPerson(lines, '3网格网格长').map(l => l.text)
    expect(leader.some(x => /13号楼2单元/.test(x))).toBe(true)
    expect(leader.join('\n')).not.toMatch(/撤销/)
    expect(inRoom(lines, G3).at(-1)?.text).toMatch(/还有其他邻居也报了，不能撤销/)
  })
})

describe('one person cannot spend the urgent budget', () => {
  it('ten made-up emergencies from one stranger do not hold back a real one from a neighbour', async () => {
    const fakes = [1, 5, 11, 16, 27, 31, 36, 41, 46, 51].map(b => ({ from: '坏人', in: G3, text: `${b}号楼 有人晕倒了` }))
    const { lines, db } = await play(
      [...fakes, { from: '王阿姨', in: '花园社区5网格居民群', text: '23号楼2单元 煤气泄漏了 好大的味道' }, { wait: '90m' }],
      '2026-12-01T10:00:00+08:00',
    )
    const real = db.state.tickets.find(t => t.reporter === '王阿姨')!
    expect(real.urgent).toBe(true)
    const alert = lines.find(l => l.room === STAFF && l.text.includes(`【紧急 #${real.id}】`))!
    expect(Date.parse(alert.at) - Date.parse(real.createdAt)).toBeLessThan(5 * 60_000)
    expect(db.state.tickets.filter(t => t.reporter === '坏人' && t.urgent)).toHaveLength(2)
    // the rest are tickets for the grid leader to check, and staff hear of it once
    expect(db.state.tickets.filter(t => t.reporter === '坏人')).toHaveLength(10)
    expect(toPerson(lines, '值班社工').filter(l => /【请核实】坏人/.test(l.text))).toHaveLength(1)
  })
})

describe('an emergency is never lost in another conversation', () => {
  it('an emergency sent while the bot waits for a location is an urgent ticket of its own, not the answer', async () => {
    const { db } = await play([
      { from: '王阿姨', text: '马桶堵了' },
      { from: '王阿姨', text: '厨房着火了 救命' },
    ])
    expect(db.state.tickets.map(t => [t.category, t.urgent])).toEqual([
      ['下水堵塞', false],
      ['火情', true],
    ])
  })

  it('at night, a second report of an emergency naming its place: the neighbour is told whom to call at once, the grid leader gets the place at once', async () => {
    const { lines } = await play(
      [{ from: '坏人', in: G3, text: '99号楼 煤气泄漏了' }, { wait: '1m' }, { from: '王阿姨', in: G3, text: '13号楼2单元 煤气泄漏了' }, { wait: '3m' }],
      '2026-12-01T23:00:00+08:00',
    )
    const soon = (l: { at: string }) => at(l.at) < at('2026-12-01T23:05:00+08:00')
    expect(inRoom(lines, G3).some(l => soon(l) && /@王阿姨 .*119/.test(l.text))).toBe(true)
    expect(toPerson(lines, '3网格网格长').some(l => soon(l) && /新派单 #1[\s\S]*13号楼2单元/.test(l.text))).toBe(true)
  })

  it('past the urgent limit and without a place, the advice to call still comes with the question where', async () => {
    const { lines } = await play([
      { from: '王阿姨', text: '12号楼燃气泄漏了' },
      { from: '王阿姨', text: '5号楼着火了' },
      { from: '王阿姨', text: '有人晕倒了 快来人' },
    ])
    const said = toPerson(lines, '王阿姨').map(l => l.text)
    expect(said.some(t => /#3.*120/.test(t))).toBe(true)
  })
})

describe('the urgent limit holds back nobody else', () => {
  it('a real emergency at the place of a downgraded made-up one raises its own alarm', async () => {
    const { lines, db } = await play(
      [
        { from: '坏人', in: G3, text: '1号楼 有人晕倒了' },
        { from: '坏人', in: G3, text: '5号楼 有人晕倒了' },
        { from: '坏人', in: G3, text: '12号楼2单元 煤气泄漏了 味道很大' },
        { wait: '5m' },
        { from: '王阿姨', in: G3, text: '12号楼2单元 煤气泄漏了 好大的味道' },
        { wait: '2m' },
      ],
      '2026-12-01T10:00:00+08:00',
    )
    const real = db.state.tickets.find(t => t.reporter === '王阿姨')!
    expect(real?.urgent).toBe(true)
    expect(inRoom(lines, STAFF).some(l => l.text.includes(`【紧急 #${real.id}】`))).toBe(true)
  })

  it('two people showing one nickname do not share an urgent limit', async () => {
    const { db } = await play(
      [
        { from: '王阿姨', in: G3, text: '1号楼 有人晕倒了' },
        { rename: '李大爷', to: '王阿姨' },
        { from: '李大爷', in: '花园社区5网格居民群', text: '23号楼 有人晕倒了' },
        { wait: '5m' },
        { from: '李大爷', in: '花园社区5网格居民群', text: '24号楼1单元 煤气泄漏了 味道很大' },
      ],
      '2026-12-01T10:00:00+08:00',
    )
    expect(db.state.tickets.map(t => t.urgent)).toEqual([true, true, true])
  })

  it('at night, past the limit, the advice to call 119 still goes at once', async () => {
    const { lines } = await play(
      [
        { from: '张姐', in: G3, text: '1号楼 有人晕倒了' },
        { from: '张姐', in: G3, text: '5号楼 有人晕倒了' },
        { wait: '20m' },
        { from: '张姐', in: G3, text: '12号楼2单元 煤气泄漏了' },
        { wait: '10m' },
      ],
      '2026-12-01T23:00:00+08:00',
    )
    const advice = inRoom(lines, G3).find(l => /#3.*119/.test(l.text))
    expect(advice?.at.slice(11, 16)).toBe('23:20')
  })
})

describe('a group proves nothing', () => {
  it('a group a resident names 海军帮忙队工作群 makes nobody a volunteer', async () => {
    const { lines, db } = await play([
      REPORT,
      { newRoom: NAVY, members: ['王阿姨', '李大爷'] },
      { from: '李大爷', in: NAVY, text: '接单 1' },
      { from: '李大爷', in: NAVY, text: '完成 1 好了' },
      { from: '李大爷', in: NAVY, text: '积分' },
    ])
    expect(db.state.tickets[0].status).toBe('open')
    expect(lines.filter(l => l.room === NAVY && l.roomIndex === 1).every(l => /抱歉/.test(l.text))).toBe(true)
  })

  it('an urgent alert goes to the real staff group only, not to a new group with its name, and staff are told', async () => {
    const { lines } = await play([
      { newRoom: STAFF, members: ['王阿姨'] },
      { from: '赵奶奶', in: G3, text: '厨房里一股煤气味 越来越大 13号楼1单元201' },
      { wait: '2m' },
    ])
    const real = lines.filter(l => l.room === STAFF && !l.roomIndex)
    const fake = lines.filter(l => l.room === STAFF && l.roomIndex === 1)
    expect(real.some(l => /紧急 #1[\s\S]*13号楼1单元201室/.test(l.text))).toBe(true)
    expect(fake).toEqual([])
    expect(toPerson(lines, '值班社工').some(l => /群核对.*2 个群都叫「花园社区工作群」/.test(l.text))).toBe(true)
  })

  it('a residents’ group renamed 花园社区工作群 is still answered, gets nothing sensitive, and staff hear once', async () => {
    const { lines, db } = await play([
      { renameRoom: G7, to: STAFF, by: '王阿姨' },
      { from: '李大爷', in: STAFF, text: '31号楼楼道灯坏了' }, // the renamed group (the newest of the topic)
      { from: '赵奶奶', in: G3, text: '家里着火了 冒烟了 13号楼1单元201' },
      { wait: '2m' },
    ])
    const renamed = lines.filter(l => l.room === STAFF && l.roomIndex === 1)
    expect(renamed.some(l => /@李大爷 收到，单号 #1/.test(l.text))).toBe(true)
    expect(renamed.some(l => /紧急|地址|报告人/.test(l.text))).toBe(false)
    expect(lines.some(l => l.room === STAFF && !l.roomIndex && /紧急 #2/.test(l.text))).toBe(true)
    expect(db.state.tickets[0]).toMatchObject({ grid: 7, target: '网格长' })
    expect(toPerson(lines, '值班社工').filter(l => /群改名/.test(l.text))).toHaveLength(1)
  })

  it('a residents’ group whose topic is taken by a new group: reports there are answered, staff hear once', async () => {
    const { lines, db } = await play([
      { newRoom: G3, members: ['李大爷'] },
      { from: '李大爷', in: G3, text: '12号楼楼道灯坏了' },
      { from: '李大爷', in: G3, text: '13号楼门口路灯不亮了' },
    ])
    expect(lines.filter(l => l.room === G3 && l.roomIndex === 1 && /收到，单号/.test(l.text))).toHaveLength(2)
    expect(db.state.tickets).toHaveLength(2)
    expect(toPerson(lines, '值班社工').filter(l => /也叫「花园社区3网格居民群」/.test(l.text))).toHaveLength(1)
  })

  it('a bound work group that is renamed gets no work content: it goes privately instead', async () => {
    const { lines } = await play([
      { from: '值班社工', in: NAVY, text: '绑定本群' },
      { renameRoom: NAVY, to: '随便聊聊', by: '海军帮忙队队长' },
      REPORT,
      { wait: '2m' },
    ])
    expect(lines.some(l => l.room === '随便聊聊' && /新派单/.test(l.text))).toBe(false)
    expect(toPerson(lines, '海军帮忙队队长').some(l => /新派单 #1/.test(l.text))).toBe(true)
  })
})

describe('sending limits hold', () => {
  it('eight notices to all groups: at most one limit notice a window, privately, and no more than the cap an hour', async () => {
    const steps: Parameters<typeof play>[0] = []
    for (let i = 0; i < 8; i++) steps.push({ from: '社区主任', text: `通知 全体 第${i + 1}条` }, { from: '社区主任', text: '确认' })
    steps.push({ wait: '1h' })
    const { lines } = await play(steps, '2026-12-01T09:00:00+08:00')
    const notices = lines.filter(l => /发送限额/.test(l.text))
    expect(notices.length).toBeLessThanOrEqual(1)
    expect(notices.every(l => l.to === '值班社工')).toBe(true)
    const start = Date.parse('2026-12-01T09:00:00+08:00')
    expect(lines.filter(l => Date.parse(l.at) < start + 3600_000).length).toBeLessThanOrEqual(120 + 30)
  })

  it('sixty fire reports in ten minutes from one resident make one ticket and a bounded number of sends', async () => {
    const steps: Parameters<typeof play>[0] = []
    for (let i = 0; i < 60; i++) steps.push({ from: '王阿姨', in: G3, text: `着火了！快来人！${i % 2 ? '13号楼' : '13号楼冒烟了'}` }, { wait: '10s' })
    steps.push({ wait: '95m' })
    const { lines, db } = await play(steps, '2026-12-01T09:00:00+08:00')
    expect(db.state.tickets).toHaveLength(1)
    expect(lines.length).toBeLessThan(40)
    const urgentAlerts = lines.filter(l => /紧急 #1/.test(l.text))
    expect(urgentAlerts.length).toBeLessThanOrEqual(2) // the grid leader and the staff group, once
  })
})

describe('what stays private', () => {
  it.each([
    '+8613812345678',
    '138.1234.5678',
    '138 1234 5678',
    '12号楼二单元301',
    '2单元301',
    '301房间',
    '三零一室',
    '12/2/301',
    '12-2-301',
    '12#2-301',
    '一三八一二三四五六七八',
    '３０１室',
    '12栋2-301',
    '3楼301',
  ])('a volunteer’s 完成 note with %s reaches the group without it', async note => {
    const { lines } = await play([REPORT, { from: '海军帮忙队队长', text: `完成 1 已修好，有问题打${note}` }])
    const done = inRoom(lines, G3).find(l => /已处理完成/.test(l.text))!
    expect(done.text).toMatch(/已隐藏/)
  })

  it('查询 by anyone but the reporter, a handler or staff gets a polite refusal without details', async () => {
    const { lines } = await play([REPORT, { from: '路人甲', in: G3, text: '查询 1' }, { from: '路人乙', text: '查询 1' }])
    const answers = lines.filter(l => (l.room === G3 || l.to === '路人乙') && /#1/.test(l.text) && !/收到/.test(l.text))
    expect(answers).toHaveLength(2)
    for (const a of answers) expect(a.text).toMatch(/^(@路人甲 )?抱歉，单号 #1 只有报告人/)
    expect(answers.some(a => /下水|海军|马桶/.test(a.text))).toBe(false)
  })

  it.each([
    ['最近总是失眠，心里很难受，想找人聊聊', '阳光大姐'],
    ['想找律师问问遗嘱怎么写', '律师'],
    ['楼上天天半夜吵，想请调解员帮忙调解一下', '调解'],
  ])('a sensitive request (%s) is acknowledged in the group without naming the matter or the team', async (text, team) => {
    const { lines } = await play([{ from: '王阿姨', in: G3, text }])
    const ack = inRoom(lines, G3)[0].text
    expect(ack).toMatch(/收到，单号 #1。已请相关老师私下联系您/)
    expect(ack).not.toContain(team)
  })

  it('words of suicide get warmth and 12356 first, never a bare “call 110”, and no group hears of it', async () => {
    const { lines } = await play([{ from: '王阿姨', in: G3, text: '活着太累了，我不想活了' }])
    const ack = inRoom(lines, G3)[0].text
    expect(ack).toMatch(/12356/)
    expect(ack.indexOf('12356')).toBeLessThan(ack.indexOf('110'))
    expect(ack).not.toMatch(/^@王阿姨 情况紧急！.*请立即拨打 110/)
    expect(inRoom(lines, STAFF)).toEqual([])
    expect(toPerson(lines, '值班社工').some(l => /紧急 #1/.test(l.text))).toBe(true)
  })

  it('never asks for a door number in a group, and its own examples show none', async () => {
    const { lines } = await play([
      { from: '李大爷', in: G3, text: '家里马桶堵了 水都漫出来了' },
      { from: '张姐', in: G3, text: '帮助' },
      { from: '张姐', in: G3, text: '@花园社区小助手 你好', mention: true },
    ])
    const group = inRoom(lines, G3)
      .map(l => l.text)
      .join('\n')
    expect(group).toMatch(/几号楼几单元/)
    expect(group).not.toMatch(/几室|门牌已隐藏|地址已隐藏/)
  })
})

describe('points and numbers', () => {
  it('a volunteer earns nothing on a ticket they reported and rated themselves', async () => {
    const { db } = await play([
      { from: '海军帮忙队队长', text: '报修 12号楼2单元301 马桶堵了' },
      { from: '海军帮忙队队长', text: '接单 1' },
      { from: '海军帮忙队队长', text: '完成 1 好了' },
      { from: '海军帮忙队队长', text: '满意 1' },
      { from: '海军帮忙队队长', text: '积分' },
    ])
    expect(db.state.tickets[0].status).toBe('closed')
    const { pointEvents } = await import('../../src/core/report/points.js')
    expect(pointEvents(db.state.tickets, [])).toEqual([])
  })

  it.each(['接单 1e3', '接单 1.5', '查询 ①', '查询 1.5', '接单 0x1', '撤销 -1'])('%s is a usage reply that changes nothing', async cmd => {
    const { lines, db } = await play([REPORT, { from: '海军帮忙队队长', text: cmd }])
    expect(toPerson(lines, '海军帮忙队队长').at(-1)!.text).toMatch(/请带上单号/)
    expect(db.state.tickets[0].history).toHaveLength(1)
  })

  it('记积分 with 1e2 points is refused', async () => {
    const { lines, db } = await play([{ from: '社区主任', text: '记积分 王阿姨 重阳敬老活动 1e2' }])
    expect(db.state.attendance).toEqual([])
    expect(toPerson(lines, '社区主任')[0].text).toMatch(/用法/)
  })

  it('zero-width characters and mathematical digits do not defeat commands or intake', async () => {
    const { db } = await play([
      { from: '王阿姨', in: G3, text: '报修 𝟏𝟐号楼𝟐单元𝟑𝟎𝟏 马\u200b桶堵了' },
      { from: '海军帮忙队队长', text: '接\u200b单 \u20601' },
    ])
    expect(db.state.tickets[0]).toMatchObject({ building: 12, unit: 2, roomNo: '301', status: 'accepted' })
  })
})
