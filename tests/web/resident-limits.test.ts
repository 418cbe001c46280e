import { afterEach, describe, expect, it } from 'vitest'
import { consoleHarness } from './console.js'
import { phone, visible, type World } from './resident.js'
import { addressKey } from '../../src/web/resident/limits.js'

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

const MIN = 60_000
const report = (n: number) => ({ problem: `楼道灯坏了，第${n}次说`, building: String(1 + (n % 80)) })
const secret = () => Buffer.from(Array.from({ length: 16 }, () => Math.floor(Math.random() * 256))).toString('base64url')

/** Rate limits by address and by device, on the app's clock (the harness moves it; nothing sleeps). */
describe('resident report page: limits', () => {
  it('made-up emergencies from the page (new devices, three addresses) raise at most three alarms an hour; the rest go to the grid leader to check', async () => {
    const w = await make()
    for (let i = 0; i < 15; i++) {
      const r = await phone(w, `203.0.113.${100 + (i % 3)}`).report({ problem: '有人晕倒了，叫不醒', building: String(1 + i * 5) })
      expect(r.status).toBe(303)
    }
    const tickets = w.h.db.state.tickets
    expect(tickets).toHaveLength(15)
    expect(tickets.filter(t => t.urgent)).toHaveLength(3)
    await w.h.wait(MIN)
    expect(w.h.sent.filter(s => /【请核实】网页报修/.test(s.text))).toHaveLength(1)
  })

  it('a flood from one address is cut off after 5 reports in 10 minutes (each from a new device), with a Chinese 429; other addresses go on; 10 minutes later it may report again', async () => {
    const w = await make()
    const statuses: number[] = []
    let last = ''
    for (let i = 0; i < 8; i++) {
      const r = await phone(w, '203.0.113.50').report(report(i))
      statuses.push(r.status)
      if (r.status === 429) last = visible(r.html)
    }
    expect(statuses).toEqual([303, 303, 303, 303, 303, 429, 429, 429])
    expect(last).toContain('这个网络提交得太频繁了，请 10 分钟后再试')
    expect(last).toContain('急事请打社区值班电话 0538-6281234')
    expect(w.h.db.state.tickets).toHaveLength(5)
    expect((await phone(w, '198.51.100.20').report(report(9))).status).toBe(303)
    w.h.advance(10 * MIN + 1000)
    expect((await phone(w, '203.0.113.50').report(report(10))).status).toBe(303)
  })

  it('one device gets 3 reports in 10 minutes whatever its address; 20 a day from one address', async () => {
    const w = await make()
    const p = phone(w, '203.0.113.60')
    const statuses: number[] = []
    for (let i = 0; i < 4; i++) {
      p.address = `203.0.113.${60 + i}`
      statuses.push((await p.report(report(i))).status)
    }
    expect(statuses).toEqual([303, 303, 303, 429])
    expect(visible((await p.report(report(5))).html)).toContain('您提交得太频繁了')
    const day: number[] = []
    for (let i = 0; i < 22; i++) {
      if (i % 5 === 0) w.h.advance(10 * MIN + 1000)
      day.push((await phone(w, '203.0.113.99').report(report(100 + i))).status)
    }
    expect(day.filter(s => s === 303)).toHaveLength(20)
    expect(day.slice(-2)).toEqual([429, 429])
  })

  it('60 reports an hour from everywhere, then everyone waits; a flood of any POST from one address is cut off before its body is read', async () => {
    const w = await make()
    let n = 0
    for (let a = 0; a < 12; a++) for (let i = 0; i < 5; i++) expect((await phone(w, `10.0.${a}.1`).report(report(n++))).status).toBe(303)
    const busy = await phone(w, '10.0.99.1').report(report(n++))
    expect(busy.status).toBe(429)
    expect(visible(busy.html)).toContain('现在网上报修的人太多')
    w.h.advance(61 * MIN)
    expect((await phone(w, '10.0.99.1').report(report(n++))).status).toBe(303)

    const junk = phone(w, '192.0.2.66')
    await junk.open()
    const codes: number[] = []
    for (let i = 0; i < 32; i++) codes.push((await junk.req('/r', { method: 'POST', body: new URLSearchParams({ problem: 'x' }) })).status)
    expect(codes.slice(0, 30).every(s => s === 403)).toBe(true)
    expect(codes.slice(30)).toEqual([429, 429])
  })

  it('without WEB_TRUST_PROXY, X-Forwarded-For is ignored: every request counts under the socket address', async () => {
    const w = await make({ trustProxy: false })
    const statuses: number[] = []
    for (let i = 0; i < 6; i++) statuses.push((await phone(w, `198.51.100.${i}`).report(report(i))).status)
    expect(statuses).toEqual([303, 303, 303, 303, 303, 429])
  })

  it('a guessed or altered link gets the same Chinese 404 whether or not the number exists; after 10 misses the address waits 10 minutes', async () => {
    const w = await make()
    const p = phone(w, '203.0.113.70')
    const r = await p.report({ problem: '楼道灯坏了', building: '12' })
    const good = r.location!
    const guesses = [
      `/r/t/1-${secret()}`,
      `/r/t/999-${secret()}`,
      `${good}x`,
      good.replace(/.$/, c => (c === 'A' ? 'B' : 'A')),
      '/r/t/1',
      '/r/t/abc',
      `/r/t/01-${good.split('-')[1]}`,
    ]
    const guesser = phone(w, '203.0.113.71')
    const bodies = new Set<string>()
    for (const g of guesses) {
      const res = await guesser.req(g)
      expect(res.status, g).toBe(404)
      const text = visible(await res.text())
      expect(text).toContain('没有找到这个报修记录')
      expect(text).not.toMatch(/#1|单号/)
      bodies.add(text)
    }
    expect(bodies.size).toBe(1)
    for (let i = guesses.length; i < 10; i++) expect((await guesser.req(`/r/t/${i}-${secret()}`)).status).toBe(404)
    // Cut off: even the right link waits, from that address only.
    const blocked = await guesser.req(good)
    expect(blocked.status).toBe(429)
    expect(visible(await blocked.text())).toContain('查看得太频繁了')
    expect((await p.req(good)).status).toBe(200)
    w.h.advance(10 * MIN + 1000)
    expect((await guesser.req(good)).status).toBe(200)
  })

  it('IPv6 addresses count by their /64; IPv4-mapped ones as IPv4', () => {
    expect(addressKey('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64')
    expect(addressKey('2001:db8:1:2::9')).toBe('2001:db8:1:2::/64')
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64')
    expect(addressKey('::ffff:203.0.113.5')).toBe('203.0.113.5')
    expect(addressKey('203.0.113.5')).toBe('203.0.113.5')
  })
})
