import { afterEach, describe, expect, it } from 'vitest'
import { consoleHarness } from './console.js'

let open: Awaited<ReturnType<typeof consoleHarness>>[] = []
const make = async () => {
  const c = await consoleHarness()
  open.push(c)
  await c.signIn()
  return c
}
afterEach(async () => {
  await Promise.all(open.map(c => c.close()))
  open = []
})

describe('console edits (fetch, no browser)', () => {
  it('a scheduled notice waits for its time after 确认 and can be cancelled', async () => {
    const c = await make()
    const html = await (await c.post('/notices/preview', { target: '全体', text: '周六上午义诊', at: '2026-12-05T09:00' })).text()
    expect(html).toContain('确认后将于 12月5日 09:00 发送')
    expect(html).toContain('16 个群')
    await c.post('/notices/confirm')
    const b = c.h.db.state.broadcasts.at(-1)!
    expect(b).toMatchObject({ status: 'scheduled', sendAt: '2026-12-05T09:00:00+08:00', by: '值班社工' })
    await c.post(`/notices/${b.id}/cancel`)
    expect(c.h.db.state.broadcasts.at(-1)!.status).toBe('cancelled')
    const typo = await c.post('/notices/preview', { target: '99网格', text: '测试' })
    expect(typo.status).toBe(422)
    expect(await typo.text()).toContain('没有找到发送对象「99网格」')
  })

  it('calendar: add through the chat parser, add a birthday, edit and delete, each checked and audited', async () => {
    const c = await make()
    await c.post('/calendar/add', { when: '12月20日', time: '09:00', audience: '全体', text: '家庭趣味运动会在社区广场举行' })
    const added = c.h.db.calendar.entries.at(-1)!
    expect(added).toMatchObject({ title: '家庭趣味运动会在社区广场举行', rule: { kind: 'once', date: '2026-12-20' }, audiences: [{ kind: 'residents' }] })
    expect(await (await c.req('/calendar')).text()).toContain('12月17日') // the reminder 3 days before, within 30 days
    await c.post('/calendar/birthday', { name: '李奶奶', grid: '5', lunar: '1', month: '8', day: '15' })
    expect(c.h.db.calendar.entries.at(-1)).toMatchObject({
      title: '李奶奶生日（农历八月十五）',
      rule: { kind: 'lunar', month: 8, day: 15 },
      audiences: [
        { kind: 'team', team: '桂兰聊天室' },
        { kind: 'gridLeader', grid: 5 },
      ],
    })
    const bad = await c.post('/calendar/entry?id=good-neighbour-festival', { title: '芳邻节', time: '25:00', text: '节日快乐' })
    expect(bad.status).toBe(422)
    expect(await bad.text()).toContain('时间格式应为 HH:mm')
    await c.post('/calendar/entry?id=good-neighbour-festival', { title: '芳邻节', time: '08:30', text: '芳邻节快乐！' })
    expect(c.h.db.calendar.entries.find(e => e.id === 'good-neighbour-festival')).toMatchObject({ time: '08:30', text: '芳邻节快乐！' })
    await c.post(`/calendar/entry/delete?id=${added.id}`)
    expect(c.h.db.calendar.entries.some(e => e.id === added.id)).toBe(false)
    expect(c.h.db.state.audit.map(a => a.action)).toEqual(expect.arrayContaining(['后台·日程添加', '后台·添加生日', '后台·修改日程', '后台·删除日程']))
  })

  it('knowledge base: add, refuse a bad id with the schema message, edit, try, delete', async () => {
    const c = await make()
    const entry = {
      title: '社区食堂',
      kind: 'answer',
      keywords: '食堂、饭堂\n几点、时间',
      except: '',
      questions: '社区食堂几点开饭？',
      answer: '社区食堂每天11:00—13:00供应午餐，60岁以上老人八折。',
    }
    const bad = await c.post('/knowledge/new', { ...entry, id: 'Bad Id' })
    expect(bad.status).toBe(422)
    expect(await bad.text()).toContain('id 只能用小写字母、数字和连字符')
    await c.post('/knowledge/new', { ...entry, id: 'canteen' })
    expect(c.h.db.knowledge[0]).toMatchObject({
      id: 'canteen',
      keywords: [
        ['食堂', '饭堂'],
        ['几点', '时间'],
      ],
    })
    expect(await (await c.req(`/knowledge?q=${encodeURIComponent('社区食堂几点开饭？')}`)).text()).toContain('会用「社区食堂」回答')
    await c.post('/knowledge/edit?id=canteen', { ...entry, answer: '社区食堂每天11:00—13:00供应午餐。' })
    expect(c.h.db.knowledge[0].answer).toBe('社区食堂每天11:00—13:00供应午餐。')
    await c.post('/knowledge/delete?id=canteen')
    expect(c.h.db.knowledge.some(e => e.id === 'canteen')).toBe(false)
  })

  it('directory edits show the start-up checks field by field and change nothing when wrong', async () => {
    const c = await make()
    const people = c.h.db.people
    const bad = await c.post('/directory/person?name=3网格网格长', { name: '3网格网格长', roles: 'gridLeader', team: '不存在的队' })
    expect(bad.status).toBe(422)
    expect(await bad.text()).toMatch(/people\.\d+（3网格网格长）\.team: 队伍 &quot;不存在的队&quot; 不存在/)
    expect(c.h.db.people).toBe(people)
    const leader = await c.post('/directory/person/delete?name=3网格网格长')
    expect(leader.status).toBe(303)
    expect(c.h.db.people.some(p => p.name === '3网格网格长')).toBe(true) // a grid's leader cannot go
    await c.post('/directory/person?name=3网格网格长', {
      name: '赵红梅',
      roles: ['gridLeader', 'volunteer'],
      grid: '3',
      team: '桂兰聊天室',
      phone: '13800000003',
    })
    expect(c.h.db.people.find(p => p.name === '赵红梅')).toEqual({
      name: '赵红梅',
      roles: ['gridLeader', 'volunteer'],
      grid: 3,
      team: '桂兰聊天室',
      phone: '13800000003',
    })
    expect(c.h.db.grids.find(g => g.id === 3)!.leader).toBe('赵红梅') // the new name carries over
    await c.post('/directory/grid?id=3', { leader: '赵红梅', member: '3网格网格员', buildings: '11-15, 81', room: '花园社区3网格居民群' })
    expect(c.h.db.grids.find(g => g.id === 3)!.buildings).toEqual([11, 12, 13, 14, 15, 81])
    expect(c.h.db.buildings).toContain(81)
    const code = await c.post('/directory/code', { name: '赵红梅' })
    expect(code.status).toBe(303)
    expect(await (await c.req('/directory')).text()).toMatch(/绑定码.*\d{6}/)
    expect(c.h.db.state.bindCodes.at(-1)).toMatchObject({ name: '赵红梅', by: '值班社工' })
  })

  it('reports: totals and per-ticket downloads as CSV with a BOM and as .xlsx', async () => {
    const c = await make()
    await c.h.say('王阿姨', '花园社区3网格居民群', '报修 12号楼2单元301 马桶堵了')
    await c.h.wait(60_000)
    const csv = new Uint8Array(await (await c.req('/reports/2026-12/tickets.csv')).arrayBuffer())
    expect([...csv.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder().decode(csv)
    expect(text).toContain('单号,报告时间,类别')
    expect(text).toMatch(/\r\n1,12月1日 09:0\d,下水堵塞,,海军帮忙队,3,12,待接单,,,,,,,未到期\r\n/)
    expect(text).not.toMatch(/301|王阿姨/)
    const totals = await c.req('/reports/2026-12/totals.xlsx')
    expect(totals.headers.get('content-type')).toContain('spreadsheetml')
    const bytes = new Uint8Array(await totals.arrayBuffer())
    expect(String.fromCharCode(bytes[0], bytes[1])).toBe('PK') // a zip, as .xlsx is
    expect((await c.req('/reports/1999-01/totals.csv')).status).toBe(404)
  })
})
