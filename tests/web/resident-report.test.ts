import { afterEach, describe, expect, it } from 'vitest'
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { consoleHarness } from './console.js'
import { JPEG, PNG, phone, visible, type World } from './resident.js'

let open: World[] = []
const make = async (o: Parameters<typeof consoleHarness>[0] = {}) => {
  const c = await consoleHarness({ trustProxy: true, ...o })
  open.push(c)
  return c
}
afterEach(async () => {
  await Promise.all(open.map(c => c.close()))
  open = []
})

const residentRoom = (s: { dest: object }) => 'room' in s.dest && /居民群$/.test((s.dest as { room: string }).room)
const mediaFiles = async (w: World) => (await readdir(w.media).catch(() => [] as string[])).sort()

/**
 * The resident report page through fetch: a report goes through the same intake, routing and dispatch
 * as WeChat; the phone reaches the handler only; the status page shows no address, phone, words or name;
 * anything malformed is refused in Chinese and changes nothing.
 */
describe('resident report page: reports', () => {
  it('with a WeChat nickname, the resident is told in their grid group too: the number only, nothing private', async () => {
    const w = await make()
    const p = phone(w)
    await p.open()
    expect((await p.report({ problem: '厨房水管漏水了，一直在滴', building: '12', unit: '2', door: '301', phone: '13912345678', nick: '王阿姨' })).status).toBe(
      303,
    )
    await w.h.wait(60_000)
    const told = w.h.sent.filter(s => 'room' in s.dest && s.dest.room === '花园社区3网格居民群')
    expect(told.map(s => s.text)).toEqual(['您在网页上报的问题已登记，单号 #1，处理进展请看网页上的链接。'])
    const without = phone(w)
    await without.open()
    await without.report({ problem: '楼道灯坏了', building: '13', unit: '1' })
    await w.h.wait(60_000)
    expect(w.h.sent.filter(s => 'room' in s.dest && s.dest.room === '花园社区3网格居民群')).toHaveLength(1) // no nickname: nothing in chat
  })

  it('a nickname is no place for a link or a phone number: refused, nothing reported, nothing said in chat', async () => {
    const w = await make()
    for (const nick of ['加我13912345678', 'www.evil.cn', 'http://x.co', 'evil.com领钱', '<b>阿姨</b>']) {
      const p = phone(w)
      await p.open()
      const r = await p.report({ problem: '楼道灯坏了', building: '12', unit: '2', nick })
      expect(r.status, nick).toBe(400)
      expect(visible(r.html)).toContain('微信昵称里不能有网址、长串数字')
    }
    expect(w.h.db.state.tickets).toEqual([])
  })

  it('a report enters the same intake and routing: the team gets the dispatch in WeChat with door and phone, no group hears the phone, the status page shows no door, phone, words or name', async () => {
    const w = await make()
    const p = phone(w)
    const form = await p.open()
    expect(form.res.status).toBe(200)
    expect(form.html).toContain('网上报修')
    expect(form.html).toContain('<option value="80">80号楼</option>')
    expect(form.html).toContain('<option value="6">6单元</option>')
    const r = await p.report({ problem: '厨房水管漏水了，一直在滴', building: '12', unit: '2', door: '301室', phone: '139 1234 5678' })
    expect(r.status).toBe(303)
    expect(r.location).toMatch(/^\/r\/t\/1-[A-Za-z0-9_-]{22}$/)
    const t = w.h.db.state.tickets[0]
    expect(t).toMatchObject({
      id: 1,
      category: '漏水',
      target: '海军帮忙队',
      building: 12,
      unit: 2,
      roomNo: '301',
      grid: 3,
      reporter: '网页居民',
      contactPhone: '13912345678',
      room: null,
      awaitingLocation: false,
    })
    expect(t.reporterId?.ref).toMatch(/^web:device:/)
    expect(t.webToken).toMatch(/^[0-9a-f]{64}$/)
    expect(JSON.stringify(w.h.db)).not.toContain(r.location!.split('-').pop()) // only the hash is kept

    await w.h.wait(60_000)
    const dispatch = w.h.sent.find(s => 'room' in s.dest && s.dest.room === '海军帮忙队工作群')
    expect(dispatch?.text).toContain('【新派单 #1】漏水')
    expect(dispatch?.text).toContain('地址：12号楼2单元301室')
    expect(dispatch?.text).toContain('电话：13912345678')
    expect(dispatch?.text).toContain('报告人：网页居民（网页报修）')
    expect(w.h.sent.filter(residentRoom)).toEqual([])
    expect(w.h.sent.some(s => 'to' in s.dest && s.dest.to === '网页居民')).toBe(false)

    const page = await p.status(r.location!)
    expect(page.res.status).toBe(200)
    const text = visible(page.html)
    for (const shown of ['刚刚提交', '已登记，单号 #1，已转给海军帮忙队处理', '单号 #1', '待接单', '漏水', '海军帮忙队', '12月1日 09:00'])
      expect(text).toContain(shown)
    for (const hidden of ['301', '13912345678', '1391234', '网页居民', '厨房水管', '12号楼', '2单元']) expect(page.html).not.toContain(hidden)
    expect(visible((await p.status(r.location!)).html)).not.toContain('刚刚提交') // the flash is shown once

    // The handler takes it in WeChat: the page follows; no chat message tries to reach 网页居民.
    await w.h.say('海军帮忙队队长', null, '接单 1')
    await w.h.wait(60_000)
    const later = visible((await p.status(r.location!)).html)
    expect(later).toContain('处理中')
    expect(later).toContain('接单时间')
    expect(w.h.sent.some(s => 'to' in s.dest && s.dest.to === '网页居民')).toBe(false)

    // Open311 never carries the phone; the console's ticket page shows it to staff.
    expect(await (await w.req('/open311/v2/requests.json')).text()).not.toMatch(/1391234|301/)
    await w.signIn()
    const staff = await (await w.req('/tickets/1')).text()
    expect(staff).toContain('13912345678')
    expect(staff).toContain('网页报修')
  })

  it('a photo is checked by its bytes, renamed, saved under media/ and forwarded to the handler as a chat photo is', async () => {
    const w = await make()
    const p = phone(w)
    const r = await p.report(
      { problem: '楼道灯不亮了，晚上很黑', building: '5', unit: '1' },
      { photo: { name: '../../evil.php', type: 'text/plain', data: PNG } },
    )
    expect(r.status).toBe(303)
    const files = await mediaFiles(w)
    expect(files).toEqual([expect.stringMatching(/^\d+-web-[0-9a-f]{12}\.png$/)])
    const t = w.h.db.state.tickets[0]
    expect(t.photos).toEqual([path.join(w.media, files[0])])
    expect(t.history.map(e => e.action)).toEqual(['created', 'photo'])
    await w.h.wait(60_000)
    const toLeader = w.h.sent.filter(s => 'to' in s.dest && s.dest.to === '2网格网格长')
    expect(toLeader.map(s => s.text)).toEqual([expect.stringContaining('【新派单 #1】'), '【#1 现场照片】来自 网页居民', ''])
    expect(toLeader[2].file).toBe(t.photos[0])
    await w.signIn()
    const img = await w.req('/tickets/1/photos/0')
    expect(img.status).toBe(200)
    expect(img.headers.get('content-type')).toBe('image/png')
  })

  it('each malformed input is refused with a clear Chinese reason, keeps what was typed, and changes nothing', async () => {
    const w = await make()
    const p = phone(w)
    const stateNow = () => JSON.stringify({ t: w.h.db.state.tickets, n: w.h.db.state.nextTicketId, o: w.h.db.state.outbox })
    const snapshot = stateNow()
    const ok = { problem: '楼道灯坏了', building: '12', unit: '2' }
    const cases: [string, Parameters<typeof p.report>[0], Parameters<typeof p.report>[1], number, string][] = [
      ['no problem', { ...ok, problem: ' ' }, {}, 400, '请写一下遇到了什么问题'],
      ['one character', { ...ok, problem: '漏' }, {}, 400, '至少 2 个字'],
      ['too long', { ...ok, problem: '漏'.repeat(301) }, {}, 400, '问题写得太长了（301 字）'],
      ['no building', { ...ok, building: '' }, {}, 400, '请选择楼号'],
      ['unknown building', { ...ok, building: '99' }, {}, 400, '没有这个楼号，请从列表里选（本社区是 1 到 80 号楼）'],
      ['building not a number', { ...ok, building: '12号楼' }, {}, 400, '没有这个楼号'],
      ['unit out of range', { ...ok, unit: '9' }, {}, 400, '单元请从列表里选'],
      ['door in words', { ...ok, door: '三楼东户' }, {}, 400, '门牌号请只写数字'],
      ['short phone', { ...ok, phone: '1391234' + '5' }, {}, 400, '电话号码不对'],
      ['not a mobile', { ...ok, phone: '23912345678' }, {}, 400, '电话号码不对'],
      [
        'a GIF',
        ok,
        { photo: { name: 'a.gif', type: 'image/gif', data: Uint8Array.from(Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1')) } },
        400,
        '照片只能是 JPG、PNG 或 WebP',
      ],
      [
        'a script named .jpg',
        ok,
        { photo: { name: 'a.jpg', type: 'image/jpeg', data: Uint8Array.from(Buffer.from('<?php system($_GET[1]);')) } },
        400,
        '照片只能是',
      ],
      ['a photo over 5 MB', ok, { photo: { name: 'big.jpg', type: 'image/jpeg', data: JPEG(5 * 1024 * 1024 + 1) } }, 400, '照片太大了（最多 5 MB）'],
      ['a body over the limit', ok, { photo: { name: 'huge.jpg', type: 'image/jpeg', data: JPEG(6 * 1024 * 1024) } }, 413, '照片太大了'],
      ['the honeypot filled', { ...ok, website: 'http://spam.example' }, {}, 400, '提交没有成功'],
      ['a foreign origin', ok, { origin: 'https://evil.example' }, 403, '提交没有成功'],
      ['Origin: null', ok, { origin: 'null' }, 403, '提交没有成功'],
      ['a forged form token', ok, { token: 'lq3.AAAAAAAAAAAAAAAAAAAAAA.forged' }, 403, '页面放得太久'],
    ]
    for (const [name, fields, o, status, words] of cases) {
      const r = await p.report(fields, o)
      expect(r.status, name).toBe(status)
      expect(visible(r.html), name).toContain(words)
      if (status !== 413 && fields.problem?.trim() && fields.problem.length < 20) expect(r.html, name).toContain(`>${fields.problem.trim()}</textarea>`)
      expect(stateNow(), name).toBe(snapshot)
      expect(await mediaFiles(w), name).toEqual([])
    }
    // A field sent twice is no form of ours.
    await p.open()
    const fd = new FormData()
    for (const [k, v] of [
      ['_form', p.token],
      ['problem', '楼道灯坏了'],
      ['building', '12'],
      ['building', '13'],
    ])
      fd.append(k, v)
    const twice = await p.req('/r', { method: 'POST', body: fd, headers: { origin: 'http://console.test' } })
    expect(twice.status).toBe(400)
    expect(stateNow()).toBe(snapshot)
    // A body that is no form at all, and a method the page does not take.
    const garbage = await p.req('/r', {
      method: 'POST',
      body: '--x\r\nnot a form',
      headers: { 'content-type': 'multipart/form-data; boundary=zzz', origin: 'http://console.test' },
    })
    expect(garbage.status).toBe(400)
    expect(visible(await garbage.text())).toContain('提交没有成功')
    const put = await p.req('/r', { method: 'PUT', body: 'x' })
    expect(put.status).toBe(404)
    expect(visible(await put.text())).toContain('没有找到这个报修记录')
    expect(stateNow()).toBe(snapshot)
    // A POST without the device cookie (cookies refused) is asked again, with a cookie set this time.
    const fresh = phone(w)
    await fresh.open()
    fresh.jar.clear()
    const bare = await fresh.report(ok, { fresh: false })
    expect(bare.status).toBe(403)
    expect(visible(bare.html)).toContain('请再按一次「提交报修」')
    expect((await fresh.report(ok, { fresh: false, token: /name="_form" value="([^"]+)"/.exec(bare.html)![1] })).status).toBe(303)
    // A form token is bound to its device: another phone's token is refused.
    const other = phone(w, '198.51.100.9')
    await other.open()
    expect((await p.report(ok, { token: other.token })).status).toBe(403)
  })

  it('a form left open for more than 12 hours is refused as expired, what was typed kept; a second press of the same form leads to the same ticket', async () => {
    const w = await make()
    const p = phone(w)
    await p.open()
    w.h.advance(12 * 3600_000 + 1000)
    const late = await p.report({ problem: '单元门坏了关不上', building: '20' }, { fresh: false })
    expect(late.status).toBe(403)
    expect(visible(late.html)).toContain('页面放得太久，已经过期了')
    expect(late.html).toContain('>单元门坏了关不上</textarea>')
    expect(w.h.db.state.tickets).toHaveLength(0)
    await p.open()
    const token = p.token
    const first = await p.report({ problem: '单元门坏了关不上', building: '20' }, { fresh: false, token })
    const second = await p.report({ problem: '单元门坏了关不上', building: '20' }, { fresh: false, token })
    expect(first.status).toBe(303)
    expect(second).toMatchObject({ status: 303, location: first.location })
    expect(w.h.db.state.tickets).toHaveLength(1)
  })

  it('an urgent report shows the emergency numbers and alerts the grid leader and staff group at once; a sensitive one names neither matter nor team', async () => {
    const w = await make()
    const p = phone(w)
    const gas = await p.report({ problem: '楼道里闻到很重的煤气味', building: '27', unit: '2', phone: '0538-6285555' })
    expect(gas.status).toBe(303)
    const page = visible((await p.status(gas.location!)).html)
    expect(page).toContain('情况紧急')
    expect(page).toContain('119')
    expect(page).toContain('紧急情况请马上打电话')
    await w.h.wait(60_000)
    const alerts = w.h.sent.filter(s => s.urgent)
    expect(alerts.some(s => 'room' in s.dest && s.dest.room === '花园社区工作群' && s.text.includes('电话：0538-6285555'))).toBe(true)
    expect(alerts.some(s => 'to' in s.dest && s.dest.to === '6网格网格长')).toBe(true)
    expect(w.h.sent.filter(residentRoom)).toEqual([])

    const will = await p.report({ problem: '想咨询一下遗嘱怎么写才有效', building: '33' })
    const t = w.h.db.state.tickets.find(x => x.text.includes('遗嘱'))!
    expect(t.target).toBe('律师会客厅')
    const html = (await p.status(will.location!)).html
    expect(visible(html)).toContain('求助')
    expect(visible(html)).toContain('相关老师')
    expect(visible(html)).toContain('您没有留电话，老师没法主动联系您')
    expect(html).not.toMatch(/律师|法律|遗嘱/)
  })

  it('a question the knowledge base answers still becomes a ticket (the resident pressed 提交), with the answer shown once', async () => {
    const w = await make()
    const p = phone(w)
    const r = await p.report({ problem: '开居住证明需要带什么材料？', building: '3' })
    expect(r.status).toBe(303)
    expect(w.h.db.state.tickets).toHaveLength(1)
    const page = visible((await p.status(r.location!)).html)
    expect(page).toContain('已登记，单号 #1')
    expect(page).toContain('另外告诉您：')
    expect(page).toContain('身份证')
  })

  it('a write that fails saves nothing, removes the photo and says so plainly', async () => {
    const w = await make()
    const p = phone(w)
    await p.open()
    w.h.fail.writes = true
    const r = await p.report({ problem: '楼道灯坏了', building: '12' }, { fresh: false, photo: { name: 'p.png', type: 'image/png', data: PNG } })
    expect(r.status).toBe(503)
    expect(visible(r.html)).toContain('没能保存')
    expect(w.h.db.state.tickets).toHaveLength(0)
    expect(await mediaFiles(w)).toEqual([])
  })

  it("the form lists this phone's reports; pages carry strict headers; device cookies are httpOnly, Lax, on /r, Secure behind HTTPS; unknown paths get a Chinese 404", async () => {
    const w = await make()
    const p = phone(w)
    const a = await p.report({ problem: '楼道灯坏了', building: '12' })
    const b = await p.report({ problem: '想找人聊聊天，一个人在家闷得慌', building: '40' })
    const form = await p.open()
    const mine = visible(form.html.split('我在这部手机上报过的问题')[1] ?? '')
    expect(mine).toMatch(/#2 陪伴聊天 待接单 #1 电路 待接单/)
    expect(form.html).toContain(`href="${b.location}"`)
    expect(form.html).toContain(`href="${a.location}"`)
    for (const res of [form.res, (await p.status(a.location!)).res]) {
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'")
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
      expect(res.headers.get('x-frame-options')).toBe('DENY')
      expect(res.headers.get('cache-control')).toBe('no-store')
      expect(res.headers.get('referrer-policy')).toBe('same-origin')
      expect(res.headers.get('x-robots-tag')).toContain('noindex')
    }
    const fresh = await w.console.fetch(new Request('http://console.test/r', { headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '192.0.2.1' } }))
    const cookie = fresh.headers.getSetCookie()[0]
    expect(cookie).toMatch(/^linli_dev=[A-Za-z0-9_-]{22}; Max-Age=\d+; Path=\/r; HttpOnly; Secure; SameSite=Lax$/)
    expect(fresh.headers.get('strict-transport-security')).toContain('max-age=')
    const lost = await p.req('/r/nothing/here')
    expect(lost.status).toBe(404)
    expect(visible(await lost.text())).toContain('没有找到这个报修记录')
  })
})
