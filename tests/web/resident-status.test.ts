import { afterEach, describe, expect, it } from 'vitest'
import { consoleHarness } from './console.js'
import { phone, visible, type World } from './resident.js'
import type { Speaker } from '../../src/ports.js'

let open: World[] = []
const make = async () => {
  const c = await consoleHarness({ trustProxy: true })
  open.push(c)
  return c
}
afterEach(async () => {
  await Promise.all(open.map(c => c.close()))
  open = []
})

const G3 = '花园社区3网格居民群'
const ticket = (w: World, id: number) => w.h.db.state.tickets.find(t => t.id === id)!

/** Someone in WeChat whose nickname is 网页居民, writing privately (a stranger: no remark). */
async function impostor(w: World, text: string, n: number) {
  const who: Speaker = { remark: null, nick: '网页居民', friend: true, ref: 'c-impostor', remarkShared: false, nickTwins: 0 }
  const before = w.h.sent.length
  await w.h.app.handle({ id: `imp-${n}`, from: '网页居民', who, room: null, text, kind: 'text', mentionsBot: false })
  await w.h.wait(60_000)
  return w.h.sent
    .slice(before)
    .filter(s => 'to' in s.dest && s.dest.to === '网页居民')
    .map(s => s.text)
}

/** Status pages and their verdict buttons: each link acts on its own ticket only, and only the reporter's link rates. */
describe('resident report page: status and verdicts', () => {
  it('a forged list of "my reports" in the cookie shows nothing: each link must open its ticket', async () => {
    const w = await make()
    const a = phone(w, '203.0.113.1')
    await a.report({ problem: '厨房水管漏水', building: '12', unit: '1', door: '101' })
    await w.h.app.handle({ id: 'chat-1', from: '小张', room: null, text: '最近总是失眠，想找心理老师聊聊', kind: 'text', mentionsBot: false })
    expect(w.h.db.state.tickets).toHaveLength(2)
    const mallory = phone(w, '198.51.100.9')
    mallory.jar.set('linli_mine', ['1', '2', '3'].map(id => `${id}-${'A'.repeat(22)}`).join('.'))
    const page = visible((await mallory.open()).html)
    expect(page).not.toMatch(/#1|#2|漏水|心理|求助|待接单/)
    // …while the real reporter's own list still shows theirs
    expect(visible((await a.open()).html)).toMatch(/#1/)
  })

  it('满意 and 还有问题 act only on the ticket whose link was used, through the same transitions as chat', async () => {
    const w = await make()
    const a = phone(w, '203.0.113.1'),
      b = phone(w, '203.0.113.2')
    const ra = await a.report({ problem: '厨房水管漏水', building: '12', unit: '1', door: '101' })
    const rb = await b.report({ problem: '卫生间马桶堵了', building: '30', unit: '3', door: '502' })
    await w.h.wait(60_000)
    // Not done yet: no buttons.
    expect((await a.status(ra.location!)).html).not.toContain('满意，已经解决了')
    await w.h.say('海军帮忙队队长', null, '完成 1 换了阀门')
    await w.h.say('海军帮忙队队长', null, '完成 2 已疏通')
    await w.h.wait(60_000)
    const pa = await a.status(ra.location!)
    expect(visible(pa.html)).toContain('已完成，请您评价')
    expect(pa.html).toContain('满意，已经解决了')
    expect(pa.html).not.toContain('换了阀门') // the handler's note is for the reporter in chat; the page shows no words

    // A stranger with a made-up link to #2 changes nothing.
    const wrong = await a.req(`/r/t/2-${'A'.repeat(22)}/verdict`, {
      method: 'POST',
      body: new URLSearchParams({ _form: a.token, verdict: 'satisfied' }),
      headers: { origin: 'http://console.test' },
    })
    expect(wrong.status).toBe(404)
    expect(ticket(w, 2).status).toBe('done')
    // A's link rates A only, even with B's form token in hand (a token is a device's, not a ticket's).
    expect((await a.verdict(ra.location!, 'satisfied')).status).toBe(303)
    expect(ticket(w, 1)).toMatchObject({ status: 'closed', verdict: 'satisfied' })
    expect(ticket(w, 1).history.at(-1)).toMatchObject({ by: '网页居民', action: 'satisfied' })
    expect(ticket(w, 2).status).toBe('done')
    const thanked = visible((await a.status(ra.location!)).html)
    expect(thanked).toContain('感谢您的评价，单号 #1 已办结')
    expect(thanked).toContain('您已评价：满意')
    // A second press changes nothing more.
    expect((await a.verdict(ra.location!, 'dissatisfied', '其实还在漏')).status).toBe(303)
    expect(ticket(w, 1)).toMatchObject({ status: 'closed', verdict: 'satisfied' })

    const before = w.h.sent.length
    expect((await b.verdict(rb.location!, 'dissatisfied', '还是堵，冲不下去')).status).toBe(303)
    expect(ticket(w, 2)).toMatchObject({ status: 'accepted', verdict: 'dissatisfied' })
    await w.h.wait(60_000)
    const told = w.h.sent.slice(before)
    expect(told.some(s => 'room' in s.dest && s.dest.room === '海军帮忙队工作群' && s.text.includes('【重新处理 #2】居民不满意：还是堵，冲不下去'))).toBe(true)
    expect(told.some(s => 'to' in s.dest && s.dest.to === '6网格网格长' && s.text.includes('【居民不满意 #2】'))).toBe(true)
    expect(visible((await b.status(rb.location!)).html)).toContain('已收到您的意见，单号 #2 已重新交给海军帮忙队处理')
  })

  it('nobody in WeChat can act on a web ticket: a stranger nicknamed 网页居民 is refused, before and after a new login, and never hears of it', async () => {
    const w = await make()
    const p = phone(w)
    const r = await p.report({ problem: '卫生间水管漏水', building: '12', unit: '2' })
    await w.h.say('海军帮忙队队长', null, '完成 1 修好了')
    await w.h.wait(60_000)
    const heard: string[] = []
    heard.push(...(await impostor(w, '满意 1', 1)))
    heard.push(...(await impostor(w, '修好了 谢谢', 2)))
    await w.h.app.session(false)
    await w.h.app.session(true) // a new login: refs of the old one are stale
    heard.push(...(await impostor(w, '不满意 1 没修好', 3)))
    heard.push(...(await impostor(w, '撤销 1', 4)))
    heard.push(...(await impostor(w, '查询 1', 5)))
    heard.push(...(await impostor(w, '我的报修', 6)))
    expect(ticket(w, 1)).toMatchObject({ status: 'done', verdict: null })
    expect(heard.join('\n')).not.toMatch(/卫生间|已办结|已撤销|重新交给|漏水/)
    expect(heard.some(t => t.includes('您目前没有报修记录'))).toBe(true)
    expect(visible((await p.status(r.location!)).html)).toContain('已完成，请您评价')
  })

  it('a web report of a fault already reported in WeChat joins that ticket: one dispatch, the handler hears where and the phone, the link shows the ticket without the buttons', async () => {
    const w = await make()
    await w.h.say('王阿姨', G3, '12号楼楼道灯坏了')
    await w.h.wait(60_000)
    const dispatches = () => w.h.sent.filter(s => s.text.startsWith('【新派单')).length
    expect(dispatches()).toBe(1)
    const p = phone(w)
    // Same fault, same building (a door number would make it another place, as in chat).
    const r = await p.report({ problem: '楼道的灯不亮了', building: '12', unit: '2', phone: '13800001111' })
    expect(r.location).toMatch(/^\/r\/t\/1-/)
    expect(w.h.db.state.tickets).toHaveLength(1)
    const t = ticket(w, 1)
    expect(t.reporters).toEqual(['王阿姨'])
    expect(t.webFollowers).toHaveLength(1)
    expect(t.contactPhone).toBeUndefined()
    await w.h.wait(60_000)
    expect(dispatches()).toBe(1)
    expect(
      w.h.sent.some(s => 'to' in s.dest && s.dest.to === '3网格网格长' && s.text === '【#1 又有居民报告】网页报修：12号楼2单元，电话：13800001111。'),
    ).toBe(true)
    expect(
      w.h.sent
        .filter(s => 'room' in s.dest && s.dest.room === G3)
        .map(s => s.text)
        .join(),
    ).not.toMatch(/13800001111/)
    const page = visible((await p.status(r.location!)).html)
    expect(page).toContain('这个问题已有邻居报过，已并入单号 #1')
    expect(page).toContain('评价由最先报告的居民来做')
    expect(page).not.toMatch(/王阿姨|13800001111/)

    await w.h.say('3网格网格长', null, '完成 1 换了灯泡')
    await w.h.wait(60_000)
    expect(w.h.sent.some(s => 'room' in s.dest && s.dest.room === G3 && s.text.includes('您的单号 #1 已处理完成'))).toBe(true)
    expect((await p.status(r.location!)).html).not.toContain('满意，已经解决了')
    const refused = await p.verdict(r.location!, 'dissatisfied', '还是不亮')
    expect(refused.status).toBe(403)
    expect(visible(await refused.text())).toContain('只有最先报告这个问题的居民可以评价')
    expect(ticket(w, 1).status).toBe('done')
  })

  it('while WeChat is down the report is saved and the page says the dispatch waits; it goes out when the session is back', async () => {
    const w = await make()
    await w.h.app.session(false)
    const p = phone(w)
    const r = await p.report({ problem: '楼道灯坏了', building: '12' })
    expect(r.status).toBe(303)
    expect(visible((await p.status(r.location!)).html)).toContain('社区的微信助手暂时离线，您的报修已经保存')
    await w.h.wait(60_000)
    expect(w.h.sent.filter(s => s.text.startsWith('【新派单 #1】'))).toEqual([])
    await w.h.app.session(true)
    await w.h.wait(60_000)
    expect(w.h.sent.filter(s => s.text.startsWith('【新派单 #1】')).map(s => s.dest)).toEqual([{ to: '3网格网格长' }])
    expect(visible((await p.status(r.location!)).html)).not.toContain('暂时离线')
  })

  it("a verdict needs the page's own form: another site, no device cookie or an old token change nothing", async () => {
    const w = await make()
    const p = phone(w)
    const r = await p.report({ problem: '厨房水管漏水', building: '12', unit: '1' })
    await w.h.say('海军帮忙队队长', null, '完成 1 换了阀门')
    await w.h.wait(60_000)
    await p.status(r.location!)
    const post = (headers: Record<string, string>, form: Record<string, string>) =>
      p.req(`${r.location}/verdict`, { method: 'POST', body: new URLSearchParams(form), headers })
    expect((await post({ origin: 'https://evil.example' }, { _form: p.token, verdict: 'satisfied' })).status).toBe(403)
    expect((await post({ origin: 'http://console.test' }, { _form: 'x.y.z', verdict: 'satisfied' })).status).toBe(403)
    expect((await post({ origin: 'http://console.test' }, { _form: p.token, verdict: 'delete' })).status).toBe(400)
    p.jar.delete('linli_dev')
    expect((await post({ origin: 'http://console.test' }, { _form: p.token, verdict: 'satisfied' })).status).toBe(403)
    expect(ticket(w, 1)).toMatchObject({ status: 'done', verdict: null })
  })
})
