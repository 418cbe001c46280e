import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { browserWorld, DESKTOP, findChromium, PHONE, screenshot } from './browser.js'
import { xlsx } from '../../src/web/sheets.js'

/**
 * The console in a real browser (Debian's chromium, headless, driven by playwright-core): sign-in with a
 * one-time link (and a reused, an expired link, and no session), every page on a phone and a desktop
 * viewport, a transfer, a roster import with an error, a notice preview and send, and the Open311 output.
 */
const chromiumPath = findChromium()
if (!chromiumPath) console.log('web browser tests skipped: no chromium found (apt-get install chromium fonts-noto-cjk, or set CHROMIUM_PATH)')

const G3 = '花园社区3网格居民群'
const HOUR = 3600_000

describe.skipIf(!chromiumPath)('the staff console in a browser', { timeout: 180_000 }, () => {
  let w: Awaited<ReturnType<typeof browserWorld>>

  beforeAll(async () => {
    w = await browserWorld(chromiumPath!)
    const { h } = w
    // A few days of tickets: taken, finished and rated, one transferred, some open, one urgent.
    await h.say('王阿姨', G3, '报修 12号楼2单元301 马桶堵了，电话13912345678')
    await h.say('李大爷', '花园社区2网格居民群', '5号楼1单元楼道灯坏了好几天了')
    await h.wait(30 * 60_000)
    await h.say('海军帮忙队队长', null, '接单 1')
    await h.wait(3 * HOUR)
    await h.say('海军帮忙队队长', null, '完成 1 已疏通')
    await h.say('王阿姨', G3, '满意 1')
    await h.say('孙大妈', '花园社区13网格居民群', '楼上天天半夜噪音，吵得睡不着，61号楼')
    await h.wait(26 * HOUR)
    await h.say('张奶奶', '花园社区5网格居民群', '厨房水管漏水了，23号楼3单元502')
    await h.say('冯阿姨', '花园社区4网格居民群', '裤子拉链坏了，能帮忙换一下吗 19号楼')
    await h.wait(4 * HOUR)
    await h.say('梁大爷', '花园社区6网格居民群', '楼道里闻到煤气味 27号楼2单元')
    await h.wait(10 * 60_000)
  }, 180_000)
  afterAll(async () => {
    await w?.close()
  })

  it('signs in with a one-time link; a reused link, an expired link and a visit without a session are refused', async () => {
    const none = await w.context()
    const res = await none.goto(`${w.url}/tickets`)
    expect(res?.status()).toBe(401)
    await expect.poll(() => none.textContent('body')).toContain('发送「后台」')

    const link = await w.linkUrl()
    const page = await w.context(DESKTOP)
    await page.goto(link)
    await page.getByRole('button', { name: '进入后台' }).click()
    await page.waitForURL(`${w.url}/`)
    expect(await page.textContent('h1')).toContain('今日')
    const cookies = await page.context().cookies()
    expect(cookies).toEqual([expect.objectContaining({ name: 'linli_session', httpOnly: true, sameSite: 'Strict' })])

    const again = await w.context()
    await again.goto(link)
    expect(await again.textContent('main')).toContain('已经用过')

    const late = await w.linkUrl()
    w.h.advance(10 * 60_000 + 1000)
    const other = await w.context()
    await other.goto(late)
    expect(await other.textContent('main')).toContain('已过期')
  })

  const PAGES: [string, string][] = [
    ['today', '/'],
    ['tickets', '/tickets?status=all'],
    ['ticket', '/tickets/1'],
    ['ticket-open', '/tickets/4'],
    ['directory', '/directory'],
    ['directory-grids', '/directory?tab=grids'],
    ['directory-teams', '/directory?tab=teams'],
    ['directory-rooms', '/directory?tab=rooms'],
    ['directory-import', '/directory?tab=import'],
    ['person', `/directory/person?name=${encodeURIComponent('3网格网格长')}`],
    ['grid', '/directory/grid?id=3'],
    ['team', `/directory/team?name=${encodeURIComponent('海军帮忙队')}`],
    ['notices', '/notices'],
    ['calendar', '/calendar'],
    ['calendar-entry', '/calendar/entry?id=good-neighbour-festival'],
    ['knowledge', `/knowledge?q=${encodeURIComponent('开居住证明要带什么？')}`],
    ['knowledge-edit', '/knowledge/edit?id=certificate'],
    ['reports', '/reports'],
  ]

  for (const [label, viewport, mobile, staff] of [
    ['phone', PHONE, true, '社区书记'],
    ['desktop', DESKTOP, false, '社区主任'],
  ] as const) {
    it(`every page renders in Chinese without overflow on a ${label}`, async () => {
      const page = await w.context(viewport, mobile)
      await w.signIn(page, staff)
      for (const [name, path] of PAGES) {
        const res = await page.goto(w.url + path)
        expect(res?.status(), path).toBe(200)
        await expect.poll(() => page.locator('h1').count(), { message: path }).toBe(1)
        const charts = page.locator('[data-chart]')
        for (let i = 0; i < (await charts.count()); i++)
          await expect.poll(() => charts.nth(i).getAttribute('data-ready'), { message: `${path} chart ${i}` }).toBe('1')
        const text = (await page.textContent('body')) ?? ''
        expect(text, path).not.toMatch(/undefined|\[object |NaN|null|Invalid Date/)
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
        expect(overflow, `${path} overflows by ${overflow}px`).toBeLessThanOrEqual(1)
        await screenshot(page, `${label}-${name}`)
      }
    })
  }

  it('transfers a ticket from its page, through the chat command', async () => {
    const page = await w.context(PHONE, true)
    await w.signIn(page)
    await page.goto(`${w.url}/tickets/2`)
    await page.selectOption('#target', '海军帮忙队')
    await page.getByRole('button', { name: '转派' }).click()
    await expect.poll(() => page.textContent('.flash')).toContain('单号 #2 已转派给海军帮忙队')
    expect(w.h.db.state.tickets.find(t => t.id === 2)).toMatchObject({ target: '海军帮忙队', assignee: '海军帮忙队队长' })
    expect(await page.textContent('.timeline')).toContain('转给 海军帮忙队')
    await screenshot(page, 'phone-ticket-transferred')
  })

  it('imports a roster: a mistake is shown by row and nothing is saved; a good .xlsx is previewed and applied', async () => {
    const page = await w.context(DESKTOP)
    await w.signIn(page)
    await page.goto(`${w.url}/directory?tab=import`)
    const bad = '\uFEFF姓名,角色,网格,楼号\r\n17网格网格长,网格长,17,81-83\r\n张三,队员长,,\r\n'
    await page.setInputFiles('#file', { name: '名单.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) })
    await page.getByRole('button', { name: '预览变更' }).click()
    await expect.poll(() => page.textContent('.errors')).toContain('第 3 行：角色「队员长」不认识')
    expect(await page.getByRole('button', { name: '确认导入' }).count()).toBe(0)
    await screenshot(page, 'desktop-import-error')
    expect(w.h.db.grids).toHaveLength(16)

    const good = await xlsx([
      {
        name: '名单',
        rows: [
          ['姓名', '角色', '网格', '楼号', '队伍', '电话'],
          ['17网格网格长', '网格长', 17, '81-83', '', ''],
          ['新志愿者', '志愿者', '', '', '桂兰聊天室', ''],
        ],
      },
    ])
    await page.goto(`${w.url}/directory?tab=import`)
    await page.setInputFiles('#file', { name: '名单.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: good })
    await page.getByRole('button', { name: '预览变更' }).click()
    await expect.poll(() => page.textContent('main')).toContain('17网格')
    await screenshot(page, 'desktop-import-preview')
    await page.getByRole('button', { name: '确认导入' }).click()
    await expect.poll(() => page.textContent('.flash')).toContain('名单已导入')
    expect(w.h.db.grids.find(g => g.id === 17)).toMatchObject({ leader: '17网格网格长', buildings: [81, 82, 83] })
  })

  it('previews a notice as each group receives it, then sends it on 确认', async () => {
    const page = await w.context(PHONE, true)
    await w.signIn(page)
    await page.goto(`${w.url}/notices`)
    await page.selectOption('#target', '3网格')
    await page.fill('#text', '明天上午9点至12点停水，请提前储水。有事请打13912345678')
    await page.getByRole('button', { name: '预览' }).click()
    await expect.poll(() => page.textContent('.preview')).toContain('【花园社区通知】明天上午9点至12点停水')
    expect(await page.textContent('.preview')).toContain('[电话已隐藏]')
    expect(await page.textContent('main')).toContain('花园社区3网格居民群 收到')
    await screenshot(page, 'phone-notice-preview')
    const before = w.h.sent.length
    await page.getByRole('button', { name: '确认发送' }).click()
    await expect.poll(() => page.textContent('.flash')).toContain('开始发送')
    await w.h.wait(5 * 60_000)
    expect(
      w.h.sent
        .slice(before)
        .filter(s => 'room' in s.dest && s.dest.room === G3)
        .map(s => s.text),
    ).toEqual([expect.stringContaining('明天上午9点至12点停水')])
    await page.goto(`${w.url}/notices`)
    expect(await page.textContent('.list')).toContain('已发完')
    await screenshot(page, 'phone-notices-sent')
  })

  it('Open311 gives categories, status, times, grid and building — no address, phone or name anywhere', async () => {
    const page: Page = await w.context()
    const services = JSON.parse(await (await page.goto(`${w.url}/open311/v2/services.json`))!.text())
    expect(services.length).toBeGreaterThan(10)
    const body = await (await page.goto(`${w.url}/open311/v2/requests.json`))!.text()
    const list = JSON.parse(body) as Record<string, unknown>[]
    expect(list.length).toBe(w.h.db.state.tickets.length)
    expect(list.find(r => r.service_request_id === '1')).toMatchObject({ status: 'closed', service_code: '下水堵塞', grid: 3, building: 12 })
    const one = await (await page.goto(`${w.url}/open311/v2/requests/4.json`))!.text()
    for (const text of [body, one]) {
      expect(text).not.toMatch(/301|502|13912345678|单元/)
      for (const name of w.h.db.state.tickets.flatMap(t => t.reporters)) expect(text).not.toContain(name)
      for (const t of w.h.db.state.tickets) expect(text).not.toContain(t.text.slice(0, 8))
    }
  })
})
