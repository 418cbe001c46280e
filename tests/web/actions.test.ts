import { afterEach, describe, expect, it } from 'vitest'
import { mkdir, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { consoleHarness } from './console.js'
import { planRoster, rosterTable } from '../../src/web/data/roster.js'
import { parseCsv } from '../../src/web/sheets.js'

let open: Awaited<ReturnType<typeof consoleHarness>>[] = []
const make = async (o?: Parameters<typeof consoleHarness>[0]) => {
  const c = await consoleHarness(o)
  open.push(c)
  return c
}
afterEach(async () => {
  await Promise.all(open.map(c => c.close()))
  open = []
})

const G3 = '花园社区3网格居民群'

async function withTicket(o?: Parameters<typeof consoleHarness>[0]) {
  const c = await make(o)
  await c.h.say('王阿姨', G3, '报修 12号楼2单元301 马桶堵了，电话13912345678')
  await c.h.wait(60_000)
  await c.signIn()
  return c
}

describe('console actions go through the app (fetch, no browser)', () => {
  it('transfer runs the chat command as the staff member: the team hears, the move is on the timeline and audited', async () => {
    const c = await withTicket()
    const before = c.h.sent.length
    expect((await c.post('/tickets/1/transfer', { target: '静华调解室' })).status).toBe(303)
    await c.h.wait(60_000)
    const t = c.h.db.state.tickets[0]
    expect(t).toMatchObject({ target: '静华调解室', status: 'open' })
    expect(t.history.at(-1)).toMatchObject({ by: '值班社工', action: 'transferred', note: '静华调解室' })
    expect(c.h.sent.slice(before).some(s => 'room' in s.dest && s.dest.room === '静华调解室工作群')).toBe(true)
    expect(c.h.db.state.audit.some(a => a.action === '后台·转派' && a.by === '值班社工')).toBe(true)
    expect(await (await c.req('/tickets/1')).text()).toContain('单号 #1 已转派给静华调解室。')
  })

  it('accept on behalf, not-a-request (with a correction), a note and reopen use the one state machine', async () => {
    const c = await withTicket()
    await c.post('/tickets/1/accept', { for: '海军帮忙队队长' })
    let t = c.h.db.state.tickets[0]
    expect(t.status).toBe('accepted')
    expect(t.history.slice(-2)).toMatchObject([
      { action: 'accepted', by: '值班社工' },
      { action: 'note', note: '代 海军帮忙队队长 接单' },
    ])
    const before = c.h.sent.length
    await c.post('/tickets/1/not-request', { note: '闲聊' })
    t = c.h.db.state.tickets[0]
    expect(t).toMatchObject({ status: 'closed', verdict: 'none' })
    expect(t.history.at(-1)).toMatchObject({ action: 'notRequest', by: '值班社工', note: '闲聊' })
    // As 不是报修 in chat: the resident is told politely, the team that had it hears it is closed.
    await c.h.wait(60_000)
    const out = c.h.sent.slice(before)
    expect(out.some(s => 'room' in s.dest && s.dest.room === G3 && /看起来不需要上门处理/.test(s.text))).toBe(true)
    expect(out.some(s => 'room' in s.dest && s.dest.room === '海军帮忙队工作群' && /【关闭 #1】值班社工 确认这不是报修/.test(s.text))).toBe(true)
    expect(c.h.db.state.corrections).toEqual([
      expect.objectContaining({ ticketId: 1, kind: 'notRequest', by: '值班社工', to: null, from: { category: '下水堵塞', target: '海军帮忙队' } }),
    ])
    // A second 不是报修 is refused by the table: nothing changes.
    await c.post('/tickets/1/not-request')
    expect(c.h.db.state.corrections).toHaveLength(1)
    await c.post('/tickets/1/reopen', { note: '居民说还是堵' })
    t = c.h.db.state.tickets[0]
    expect(t).toMatchObject({ status: 'open', verdict: null, closedAt: null })
    expect(t.history.at(-1)).toMatchObject({ action: 'reopened', note: '居民说还是堵' })
    const page = await (await c.req('/tickets/1')).text()
    expect(page).toContain('不是报修，已关闭')
    expect(page).toContain('重新打开')
  })

  it('an urgent matter is acknowledged from the console with the same 收到 as in chat, and shows who did', async () => {
    const c = await make()
    await c.h.say('赵奶奶', G3, '厨房里一股煤气味 越来越大 13号楼1单元201')
    await c.h.wait(60_000)
    await c.signIn()
    expect(await (await c.req('/')).text()).toContain('紧急未确认')
    expect(await (await c.req('/tickets/1')).text()).toContain('尚无人确认')
    await c.post('/tickets/1/ack')
    expect(c.h.db.state.tickets[0].ack?.by).toBe('值班社工')
    expect(await (await c.req('/tickets/1')).text()).toMatch(/确认<\/dt><dd>值班社工，/)
  })

  it('the ticket page shows the address and reporter to staff; HTML in a message is escaped', async () => {
    const c = await make()
    await c.h.say('王阿姨', G3, '报修 12号楼2单元301 <script>alert(1)</script> 马桶堵了')
    await c.h.wait(60_000)
    await c.signIn()
    const page = await (await c.req('/tickets/1')).text()
    expect(page).toContain('12号楼2单元301室')
    expect(page).toContain('王阿姨')
    expect(page).not.toContain('<script>alert(1)')
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
  })

  it('photos are served only from media/ and only when the ticket names them', async () => {
    const c = await withTicket()
    const inside = path.join(c.media, 'p1.jpg')
    await mkdir(c.media, { recursive: true })
    await writeFile(inside, Buffer.from([0xff, 0xd8, 0xff, 0xd9]))
    const outside = path.join(os.tmpdir(), `secret-${process.pid}.jpg`)
    await writeFile(outside, 'secret')
    await c.h.app.update('值班社工', ctx => {
      ctx.db.state.tickets[0].photos.push(inside, path.join(c.media, '..', path.basename(outside)), outside)
    })
    const ok = await c.req('/tickets/1/photos/0')
    expect(ok.status).toBe(200)
    expect(ok.headers.get('content-type')).toBe('image/jpeg')
    expect((await c.req('/tickets/1/photos/1')).status).toBe(404)
    expect((await c.req('/tickets/1/photos/2')).status).toBe(404)
    expect((await c.req('/tickets/1/photos/9')).status).toBe(404)
    expect((await c.req('/tickets/1/photos/..%2f..%2fetc%2fpasswd')).status).toBe(404)
  })

  it('a notice is previewed as each group receives it, then sent on 确认, with a delivery report', async () => {
    const c = await withTicket()
    const preview = await c.post('/notices/preview', { target: '3网格', text: '明天上午停水，有事找12号楼2单元301或打13912345678' })
    const html = await preview.text()
    expect(preview.status).toBe(200)
    expect(html).toContain('【花园社区通知】明天上午停水')
    expect(html).toContain('[门牌已隐藏]')
    expect(html).toContain('[电话已隐藏]')
    expect(html).toContain('——花园社区居委会')
    const before = c.h.sent.length
    expect((await c.post('/notices/confirm')).status).toBe(303)
    await c.h.wait(5 * 60_000)
    const out = c.h.sent.slice(before)
    expect(out.filter(s => 'room' in s.dest && s.dest.room === G3).map(s => s.text)).toEqual([expect.stringContaining('[电话已隐藏]')])
    const list = await (await c.req('/notices')).text()
    expect(list).toContain('已发完')
  })

  it('Open311: services from the categories; requests with grid and building, never a door, phone or name', async () => {
    const c = await withTicket({ apiKey: 'k-123' })
    expect((await c.req('/open311/v2/services.json')).status).toBe(403)
    const services = (await (await c.req('/open311/v2/services.json?api_key=k-123')).json()) as { service_code: string }[]
    expect(services.map(s => s.service_code)).toEqual(expect.arrayContaining(['下水堵塞', '邻里调解', '公共设施']))
    const all = await (await c.req('/open311/v2/requests.json?api_key=k-123')).text()
    const one = await (await c.req('/open311/v2/requests/1.json?api_key=k-123')).text()
    for (const body of [all, one]) {
      const [r] = JSON.parse(body)
      expect(r).toMatchObject({ service_request_id: '1', status: 'open', service_code: '下水堵塞', grid: 3, building: 12 })
      expect(r.description).toBeUndefined()
      expect(body).not.toMatch(/301|13912345678|王阿姨|马桶堵了/)
    }
    expect((await c.req('/open311/v2/requests/99.json?api_key=k-123')).status).toBe(404)
  })

  it('Open311: a sensitive matter goes out as 求助 with no team and no building, and asking for its real kind finds nothing', async () => {
    const c = await withTicket({ apiKey: 'k-123' })
    await c.h.say('李大爷', G3, '最近总是失眠，心里很难受，想找人聊聊 13号楼')
    await c.h.wait(60_000)
    const [r] = JSON.parse(await (await c.req('/open311/v2/requests/2.json?api_key=k-123')).text())
    expect(r).toMatchObject({ service_code: '求助', service_name: '求助', building: null, grid: 3, agency_responsible: '花园社区 社区' })
    const kinds = (await (await c.req('/open311/v2/services.json?api_key=k-123')).json()) as { service_code: string }[]
    for (const code of kinds.map(k => k.service_code).filter(k => k !== '求助')) {
      const found = JSON.parse(await (await c.req(`/open311/v2/requests.json?api_key=k-123&service_code=${encodeURIComponent(code)}`)).text())
      expect(
        found.map((x: { service_request_id: string }) => x.service_request_id),
        code,
      ).not.toContain('2')
    }
    expect(JSON.stringify(await (await c.req('/open311/v2/requests.json?api_key=k-123')).json())).not.toMatch(/心理|阳光大姐|失眠/)
  })
})

describe('roster import', () => {
  it('an export imports unchanged; a roster with mistakes is refused with row-numbered errors', async () => {
    const c = await make()
    await c.signIn()
    const db = c.h.db
    expect(planRoster(db, rosterTable(db))).toMatchObject({ errors: [], invalid: [], changes: [] })
    const bytes = new Uint8Array(await (await c.req('/directory/export.csv')).arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]) // a BOM, so Excel reads UTF-8
    const exported = new TextDecoder().decode(bytes)
    expect(planRoster(db, parseCsv(exported)).changes).toEqual([])

    const bad = [
      ['姓名', '角色', '网格', '楼号'],
      ['李明', '网格长', '17', '81-83'],
      ['张三', '队员长', '', ''],
      ['王五', '网格员', '99', ''],
    ]
    const plan = planRoster(db, bad)
    expect(plan.errors).toEqual([{ row: 3, message: expect.stringContaining('角色「队员长」不认识') }])
    expect(plan.next).toBeNull()
    const form = new FormData()
    form.set('_csrf', c.csrf)
    form.set('file', new File(['\uFEFF' + bad.map(r => r.join(',')).join('\r\n')], '名单.csv', { type: 'text/csv' }))
    const res = await c.req('/directory/import', { method: 'POST', body: form })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('第 3 行：角色「队员长」不认识')
    expect(html).not.toContain('确认导入')

    // Only 王五's grid is wrong: the same checks as start-up name the field.
    const invalid = planRoster(db, [
      ['姓名', '角色', '网格'],
      ['王五', '网格员', '99'],
    ])
    expect(invalid.invalid).toEqual([expect.stringMatching(/^people\.\d+（王五）\.grid: 网格 99 不存在$/)])
  })

  it('a good roster is previewed, then applied in the queue and audited', async () => {
    const c = await make()
    await c.signIn()
    const rows = [
      ['姓名', '角色', '网格', '楼号', '队伍', '电话'],
      ['17网格网格长', '网格长', '17', '81-83', '', '13800000017'],
      ['新志愿者', '志愿者', '', '', '桂兰聊天室', ''],
    ]
    const form = new FormData()
    form.set('_csrf', c.csrf)
    form.set('file', new File([rows.map(r => r.join(',')).join('\n')], 'roster.csv'))
    const res = await c.req('/directory/import', { method: 'POST', body: form })
    const html = await res.text()
    expect(res.status).toBe(200)
    expect(html).toContain('17网格')
    expect(html).toContain('确认导入')
    expect(c.h.db.grids).toHaveLength(16) // nothing yet
    expect((await c.post('/directory/import/apply')).status).toBe(303)
    expect(c.h.db.grids.at(-1)).toMatchObject({ id: 17, leader: '17网格网格长', buildings: [81, 82, 83], room: '花园社区17网格居民群' })
    expect(c.h.db.buildings).toContain(83)
    expect(c.h.db.people.find(p => p.name === '新志愿者')).toMatchObject({ roles: ['volunteer'], team: '桂兰聊天室' })
    expect(c.h.db.state.audit.at(-1)).toMatchObject({ by: '值班社工', action: '后台·导入名单' })
  })
})
