import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readdir } from 'node:fs/promises'
import { createCanvas } from '@napi-rs/canvas'
import type { Page } from 'playwright-core'
import { browserWorld, findChromium, PHONE, screenshot } from './browser.js'

/**
 * The resident report page in a real browser on a phone-sized viewport (390×844, touch, Debian's
 * chromium headless), as a resident uses it: report without and with a photo, a malformed building,
 * a flood from one address, the status page by its link (and on another phone), a guessed link, and
 * the verdict buttons. Screenshots go to LINLI_SCREENS when set (e.g. /work/screens/h5).
 */
const chromiumPath = findChromium()
if (!chromiumPath) console.log('resident browser tests skipped: no chromium found (apt-get install chromium fonts-noto-cjk, or set CHROMIUM_PATH)')

const MIN = 60_000

/** A photo as a phone takes it: a JPEG of a leaking pipe, more or less. */
function photo(): Buffer {
  const c = createCanvas(960, 720)
  const g = c.getContext('2d')
  g.fillStyle = '#d9d4c7'
  g.fillRect(0, 0, 960, 720)
  g.fillStyle = '#8f9aa3'
  g.fillRect(0, 300, 960, 70)
  g.fillStyle = '#5b88b8'
  for (let i = 0; i < 9; i++) {
    g.beginPath()
    g.arc(480 + (i % 3) * 12, 400 + i * 30, 10 + (i % 2) * 4, 0, Math.PI * 2)
    g.fill()
  }
  return c.toBuffer('image/jpeg', 80)
}

describe.skipIf(!chromiumPath)('the resident report page on a phone', { timeout: 180_000 }, () => {
  let w: Awaited<ReturnType<typeof browserWorld>>
  beforeAll(async () => {
    w = await browserWorld(chromiumPath!)
  }, 120_000)
  afterAll(async () => {
    await w?.close()
  })

  const phonePage = () => w.context(PHONE, true)

  /** What every resident page must be: one h1, Chinese, no raw values, nothing wider than the phone. */
  async function looksRight(page: Page, what: string) {
    await expect.poll(() => page.locator('h1').count(), { message: what }).toBe(1)
    const text = (await page.textContent('body')) ?? ''
    expect(text, what).not.toMatch(/undefined|\[object |NaN|null|Invalid Date/)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    expect(overflow, `${what} overflows by ${overflow}px`).toBeLessThanOrEqual(1)
  }

  async function fill(page: Page, o: { problem: string; building: string; unit?: string; door?: string; phone?: string; nick?: string }) {
    await page.fill('#problem', o.problem)
    await page.selectOption('#building', o.building)
    if (o.unit) await page.selectOption('#unit', o.unit)
    if (o.door) await page.fill('#door', o.door)
    if (o.phone) await page.fill('#phone', o.phone)
    if (o.nick) await page.fill('#nick', o.nick)
  }

  const submit = (page: Page) => page.getByRole('button', { name: '提交报修' }).click()

  it('reports without a photo, gets a ticket number and follows it by its link, on this phone and another', async () => {
    const page = await phonePage()
    const res = await page.goto(`${w.url}/r`)
    expect(res?.status()).toBe(200)
    await looksRight(page, 'form')
    await screenshot(page, 'h5-01-form')
    // Large tap targets for elderly hands.
    for (const sel of ['#problem', '#building', '#unit', '#door', '#phone', '#nick', 'label.pick', 'button[type=submit]']) {
      const box = (await page.locator(sel).boundingBox())!
      expect(box.height, sel).toBeGreaterThanOrEqual(48)
    }
    await fill(page, { problem: '厨房水管漏水了，地上都是水', building: '12', unit: '2', door: '301', phone: '13912345678', nick: '王阿姨' })
    await screenshot(page, 'h5-02-form-filled')
    await submit(page)
    await page.waitForURL(/\/r\/t\/1-/)
    await looksRight(page, 'reported')
    const body = (await page.textContent('main')) ?? ''
    expect(body).toContain('已登记，单号 #1，已转给海军帮忙队处理')
    expect(body).toContain('待接单')
    expect(body).not.toMatch(/301|13912345678|网页居民|厨房水管/)
    await screenshot(page, 'h5-03-reported')
    expect(w.h.db.state.tickets[0]).toMatchObject({ building: 12, unit: 2, roomNo: '301', contactPhone: '13912345678' })
    // Told in the grid's group too, by the nickname given: the number only.
    await w.h.wait(60_000)
    expect(w.h.sent.filter(s => 'room' in s.dest && s.dest.room === '花园社区3网格居民群').map(s => s.text)).toEqual([
      '您在网页上报的问题已登记，单号 #1，处理进展请看网页上的链接。',
    ])

    // The link on another phone (a family member): the status, no flash, nothing private.
    const link = page.url()
    const other = await phonePage()
    expect((await other.goto(link))?.status()).toBe(200)
    await looksRight(other, 'status elsewhere')
    expect(await other.textContent('main')).not.toContain('刚刚提交')
    await screenshot(other, 'h5-04-status-other-phone')
  })

  it('reports with a photo: the preview shows before sending, the photo reaches the handler', async () => {
    const page = await phonePage()
    await page.goto(`${w.url}/r`)
    await fill(page, { problem: '楼道墙上的水管在滴水，下面很滑', building: '30', unit: '1', phone: '0538-6285678' })
    await page.setInputFiles('#photo', { name: 'IMG_2031.jpg', mimeType: 'image/jpeg', buffer: photo() })
    await expect.poll(() => page.locator('img.preview').isVisible()).toBe(true)
    expect(await page.textContent('.picked')).toContain('已选：IMG_2031.jpg')
    await screenshot(page, 'h5-05-photo-chosen')
    await submit(page)
    await page.waitForURL(/\/r\/t\/2-/)
    await looksRight(page, 'reported with photo')
    await screenshot(page, 'h5-06-reported-with-photo')
    const t = w.h.db.state.tickets.find(x => x.id === 2)!
    expect(t.photos).toHaveLength(1)
    expect(await readdir(w.c.media)).toEqual([expect.stringMatching(/-web-[0-9a-f]{12}\.jpg$/)])
    await w.h.wait(60_000)
    expect(w.h.sent.some(s => s.file === t.photos[0])).toBe(true)
  })

  it('a photo too big is stopped on the phone before it is sent; a malformed building is refused by the server with what was typed kept', async () => {
    const page = await phonePage()
    await page.goto(`${w.url}/r`)
    const big = Buffer.alloc(6 * 1024 * 1024)
    big.set([0xff, 0xd8, 0xff, 0xe0])
    await page.setInputFiles('#photo', { name: 'big.jpg', mimeType: 'image/jpeg', buffer: big })
    await expect.poll(() => page.textContent('.field-error')).toContain('照片太大了')
    expect(await page.locator('#photo').evaluate(e => (e as HTMLInputElement).files?.length)).toBe(0)
    await screenshot(page, 'h5-07-photo-too-big')

    // A page tampered with (or an old one): building 99 does not exist.
    const before = w.h.db.state.tickets.length
    await fill(page, { problem: '单元门的门禁坏了，刷卡没反应', building: '12', unit: '3' })
    await page.evaluate(() => {
      const s = document.querySelector('#building') as HTMLSelectElement
      s.add(new Option('99号楼', '99'))
      s.value = '99'
    })
    await submit(page)
    await expect.poll(() => page.textContent('.errors')).toContain('没有这个楼号')
    await looksRight(page, 'bad building')
    expect(await page.inputValue('#problem')).toBe('单元门的门禁坏了，刷卡没反应')
    expect(await page.inputValue('#unit')).toBe('3')
    expect(await page.locator('#building').getAttribute('aria-invalid')).toBe('true')
    expect(w.h.db.state.tickets.length).toBe(before)
    await screenshot(page, 'h5-08-bad-building')
    // Corrected, it goes through.
    await page.selectOption('#building', '12')
    await submit(page)
    await page.waitForURL(/\/r\/t\/\d+-/)
    expect(w.h.db.state.tickets.length).toBe(before + 1)
  })

  it('a flood from one address is refused in plain Chinese after 5 reports in 10 minutes', async () => {
    w.h.advance(11 * MIN) // the reports above are out of the window
    let page: Page | undefined
    for (let i = 0; i < 6; i++) {
      page = await phonePage() // each time a new phone (device), all from the same address
      await page.goto(`${w.url}/r`)
      await fill(page, { problem: `路灯不亮了，第${i + 1}次反映`, building: String(40 + i) })
      await submit(page)
      await page.waitForLoadState()
      if (i < 5) await page.waitForURL(/\/r\/t\/\d+-/)
    }
    await expect.poll(() => page!.textContent('.errors')).toContain('这个网络提交得太频繁了，请 10 分钟后再试')
    expect(await page!.inputValue('#problem')).toBe('路灯不亮了，第6次反映')
    await looksRight(page!, 'flood')
    await screenshot(page!, 'h5-09-flood')
  })

  it("a guessed link gets a Chinese 404; the reporter rates the finished ticket with 满意; the form lists this phone's reports", async () => {
    const page = await phonePage()
    const guess = await page.goto(`${w.url}/r/t/1-AAAAAAAAAAAAAAAAAAAAAA`)
    expect(guess?.status()).toBe(404)
    await looksRight(page, 'guessed')
    expect(await page.textContent('main')).toContain('没有找到这个报修记录')
    await screenshot(page, 'h5-10-guessed-link')

    w.h.advance(11 * MIN)
    await page.goto(`${w.url}/r`)
    await fill(page, { problem: '卫生间马桶堵了，冲不下去', building: '18', unit: '1', door: '602', phone: '13600002222' })
    await submit(page)
    await page.waitForURL(/\/r\/t\/\d+-/)
    const id = Number(/\/r\/t\/(\d+)-/.exec(page.url())![1])
    await w.h.say('海军帮忙队队长', null, `接单 ${id}`)
    await w.h.say('海军帮忙队队长', null, `完成 ${id} 已疏通`)
    await w.h.wait(60_000)
    await page.reload()
    await expect.poll(() => page.textContent('main')).toContain('问题解决了吗')
    await looksRight(page, 'awaiting verdict')
    await screenshot(page, 'h5-11-awaiting-verdict')
    await page.getByRole('button', { name: '满意，已经解决了' }).click()
    await expect.poll(() => page.textContent('main')).toContain('您已评价：满意')
    expect(w.h.db.state.tickets.find(t => t.id === id)).toMatchObject({ status: 'closed', verdict: 'satisfied' })
    await looksRight(page, 'rated')
    await screenshot(page, 'h5-12-rated')

    await page.goto(`${w.url}/r`)
    await expect.poll(() => page.textContent('.mine')).toContain(`#${id}`)
    expect(await page.textContent('a.to-mine')).toContain('您在这部手机上报过 1 个问题')
    await looksRight(page, 'form with my reports')
    await screenshot(page, 'h5-13-form-my-reports')
  })

  it('an urgent report says which number to call, as a link to tap', async () => {
    const page = await phonePage()
    await page.goto(`${w.url}/r`)
    await fill(page, { problem: '楼道里煤气味很重，好像漏气了', building: '27', unit: '2' })
    await submit(page)
    await page.waitForURL(/\/r\/t\/\d+-/)
    await expect.poll(() => page.textContent('.flash')).toContain('情况紧急')
    expect(await page.locator('.flash a[href="tel:119"]').count()).toBe(1)
    await looksRight(page, 'urgent')
    await screenshot(page, 'h5-14-urgent')
  })

  it('a sensitive matter shows only 求助 and 相关老师, and how the teacher will reach the resident', async () => {
    const page = await phonePage()
    await page.goto(`${w.url}/r`)
    await fill(page, { problem: '最近总是睡不着，心里很烦，想找人聊聊', building: '52', phone: '13700003333' })
    await submit(page)
    await page.waitForURL(/\/r\/t\/\d+-/)
    const main = (await page.textContent('main')) ?? ''
    expect(main).toContain('相关老师会打您留的电话')
    expect(main).toContain('求助')
    expect(main).not.toMatch(/阳光大姐|心理|睡不着|13700003333/)
    await looksRight(page, 'sensitive')
    await screenshot(page, 'h5-15-sensitive')
  })
})
