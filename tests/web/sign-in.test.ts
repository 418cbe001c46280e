import { afterEach, describe, expect, it } from 'vitest'
import { consoleHarness } from './console.js'

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

describe('console sign-in (fetch, no browser)', () => {
  it('后台 gives a bound staff member a one-time link privately; residents and volunteers are refused', async () => {
    const c = await make()
    const url = await c.link('值班社工')
    expect(url).toMatch(/^http:\/\/console\.test\/login\?t=[\w-]{40,}$/)
    const before = c.h.sent.length
    await c.h.say('王阿姨', null, '后台')
    await c.h.say('海军帮忙队队长', null, '后台')
    await c.h.wait(60_000)
    const replies = c.h.sent.slice(before).map(s => s.text)
    expect(replies.every(t => !t.includes('/login'))).toBe(true)
    expect(replies.some(t => t.includes('社区工作人员'))).toBe(true)
    expect(c.h.db.state.audit.some(a => a.action === '后台链接' && a.by === '值班社工')).toBe(true)
  })

  it('the link opens a session cookie (httpOnly, SameSite=Strict, expiring) and the sign-in is audited', async () => {
    const c = await make()
    const t = new URL(await c.link()).searchParams.get('t')!
    const page = await c.req(`/login?t=${t}`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('进入后台')
    const res = await c.req('/login', { method: 'POST', body: new URLSearchParams({ t }) })
    expect(res.status).toBe(303)
    const cookie = res.headers.get('set-cookie')!
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Strict/i)
    expect(cookie).toMatch(/Max-Age=43200/)
    expect(cookie).not.toMatch(/Secure/)
    expect((await c.req('/')).status).toBe(200)
    expect(c.h.db.state.audit.at(-1)).toMatchObject({ by: '值班社工', action: '后台·登录' })
  })

  it('a reused link and an expired link are refused, and opening one does not use it', async () => {
    const c = await make()
    const t = new URL(await c.link()).searchParams.get('t')!
    await c.req(`/login?t=${t}`)
    await c.req(`/login?t=${t}`) // a preview fetching it twice spends nothing
    expect((await c.req('/login', { method: 'POST', body: new URLSearchParams({ t }) })).status).toBe(303)
    c.clearCookie()
    const again = await c.req('/login', { method: 'POST', body: new URLSearchParams({ t }) })
    expect(again.status).toBe(403)
    expect(await again.text()).toContain('已经用过')
    const t2 = new URL(await c.link()).searchParams.get('t')!
    c.h.advance(10 * 60_000 + 1000)
    const late = await c.req(`/login?t=${t2}`)
    expect(late.status).toBe(403)
    expect(await late.text()).toContain('已过期')
    expect((await c.req('/login', { method: 'POST', body: new URLSearchParams({ t: t2 }) })).status).toBe(403)
  })

  it('a request without a session gets the sign-in hint, pages and downloads alike', async () => {
    const c = await make()
    for (const p of ['/', '/tickets', '/tickets/1', '/directory/export.csv', '/reports/2026-12/tickets.csv']) {
      const r = await c.req(p)
      expect(r.status, p).toBe(401)
      expect(await r.text(), p).toContain('发送「后台」')
    }
    expect((await c.req('/tickets/1/note', { method: 'POST', body: new URLSearchParams({ note: 'x' }) })).status).toBe(401)
  })

  it('sessions expire after 12 hours', async () => {
    const c = await make()
    await c.signIn()
    c.h.advance(12 * 3600_000 + 1000)
    expect((await c.req('/')).status).toBe(401)
  })

  it('every change needs the CSRF token and a same-origin request', async () => {
    const c = await make()
    await c.h.say('王阿姨', '花园社区3网格居民群', '报修 12号楼2单元301 马桶堵了')
    await c.h.wait(60_000)
    await c.signIn()
    expect((await c.req('/tickets/1/note', { method: 'POST', body: new URLSearchParams({ note: '无令牌' }) })).status).toBe(403)
    expect((await c.req('/tickets/1/note', { method: 'POST', body: new URLSearchParams({ note: '错令牌', _csrf: 'x'.repeat(43) }) })).status).toBe(403)
    const cross = await c.req('/tickets/1/note', {
      method: 'POST',
      headers: { origin: 'https://evil.example' },
      body: new URLSearchParams({ note: '跨站', _csrf: c.csrf }),
    })
    expect(cross.status).toBe(403)
    expect(c.h.db.state.tickets[0].history.some(e => e.action === 'note')).toBe(false)
    expect((await c.post('/tickets/1/note', { note: '已电话联系' })).status).toBe(303)
    expect(c.h.db.state.tickets[0].history.at(-1)).toMatchObject({ by: '值班社工', action: 'note', note: '已电话联系' })
    expect(c.h.db.state.audit.at(-1)).toMatchObject({ by: '值班社工', action: '后台·备注' })
  })

  it('someone removed from the directory or unbound loses access at the next request', async () => {
    const c = await make()
    await c.signIn('社区主任')
    await c.h.say('社区书记', null, '解绑 社区主任')
    await c.h.wait(60_000)
    const r = await c.req('/')
    expect(r.status).toBe(403)
    expect(await r.text()).toContain('不能再使用后台')
    expect((await c.req('/')).status).toBe(401) // the session is gone

    const d = await make()
    await d.signIn('值班社工')
    await d.h.app.update('社区书记', ctx => {
      ctx.db.people = ctx.db.people.map(p => (p.name === '值班社工' ? { ...p, roles: [] } : p))
    })
    expect((await d.req('/')).status).toBe(403)
  })

  it('behind a TLS proxy that is trusted, the cookie is Secure and links use WEB_PUBLIC_URL', async () => {
    const c = await make({ base: 'https://linli.example.org' })
    const url = new URL(await c.link())
    expect(url.origin).toBe('https://linli.example.org')
    // consoleHarness trusts no proxy: X-Forwarded-Proto alone changes nothing.
    const t = url.searchParams.get('t')!
    const res = await c.req('/login', { method: 'POST', headers: { 'x-forwarded-proto': 'https' }, body: new URLSearchParams({ t }) })
    expect(res.headers.get('set-cookie')).not.toMatch(/Secure/)

    const p = await make({ base: 'https://linli.example.org', trustProxy: true })
    const t2 = new URL(await p.link()).searchParams.get('t')!
    const behind = await p.req('/login', { method: 'POST', headers: { 'x-forwarded-proto': 'https' }, body: new URLSearchParams({ t: t2 }) })
    expect(behind.status).toBe(303)
    expect(behind.headers.get('set-cookie')).toMatch(/;\s*Secure/i)
  })

  it('a sixth link within ten minutes is refused politely', async () => {
    const c = await make()
    for (let i = 0; i < 5; i++) await c.link()
    const before = c.h.sent.length
    await c.h.say('值班社工', null, '后台')
    await c.h.wait(60_000)
    expect(c.h.sent.slice(before).map(s => s.text)).toEqual(['刚才已经发过几次登录链接了，请过几分钟再试。'])
    c.h.advance(10 * 60_000)
    expect(await c.link()).toMatch(/login\?t=/)
  })

  it('too many bad links from one address are refused for a while', async () => {
    const c = await make()
    for (let i = 0; i < 10; i++) expect((await c.req(`/login?t=bad${i}`)).status).toBe(403)
    const t = new URL(await c.link()).searchParams.get('t')!
    expect((await c.req(`/login?t=${t}`)).status).toBe(429)
    c.h.advance(10 * 60_000 + 1000)
    expect((await c.req('/login', { method: 'POST', body: new URLSearchParams({ t }) })).status).toBe(403) // expired meanwhile
  })
})
