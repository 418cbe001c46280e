import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { consoleHarness } from './console.js'
import { listen, type Listening } from '../../src/web/listen.js'
import { createLogger } from '../../src/adapters/log.js'

/** Debian's chromium (or CHROMIUM_PATH): the web tests skip, saying why, where there is none. */
export function findChromium(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter((x): x is string => !!x)
  return candidates.find(p => existsSync(p)) ?? null
}

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--lang=zh-CN',
]

export const PHONE = { width: 390, height: 844 }
export const DESKTOP = { width: 1280, height: 900 }

/** Headless chromium with a fresh profile, and the console over the harness listening on a free port. */
export async function browserWorld(executable: string, tune?: Parameters<typeof consoleHarness>[0]) {
  const c = await consoleHarness(tune)
  const listening: Listening = await listen(c.console, '127.0.0.1', 0, createLogger('silent'))
  // playwright launches with a fresh temporary user-data-dir of its own, removed on close.
  const browser: Browser = await chromium.launch({ executablePath: executable, args: FLAGS, timeout: 60_000 })
  const contexts: BrowserContext[] = []
  /** A fresh browser context (no cookies) with a viewport. */
  async function context(viewport = DESKTOP, mobile = false): Promise<Page> {
    const ctx = await browser.newContext({
      viewport,
      isMobile: mobile,
      hasTouch: mobile,
      deviceScaleFactor: mobile ? 2 : 1,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    })
    ctx.setDefaultTimeout(30_000)
    contexts.push(ctx)
    return ctx.newPage()
  }
  /** The link the bot sent, pointed at the listener. */
  const linkUrl = async (name = '值班社工') => `${listening.url}/login?t=${new URL(await c.link(name)).searchParams.get('t')}`
  /** Signs in through a fresh link: opens it and presses the button. */
  async function signIn(page: Page, name = '值班社工') {
    await page.goto(await linkUrl(name))
    await page.getByRole('button', { name: '进入后台' }).click()
    await page.waitForURL(`${listening.url}/`)
  }
  return {
    c,
    h: c.h,
    url: listening.url,
    context,
    linkUrl,
    signIn,
    async close() {
      for (const x of contexts) await x.close().catch(() => undefined)
      await browser.close().catch(() => undefined)
      await listening.close()
      await c.close()
    },
  }
}

/** Screenshots go to LINLI_SCREENS (e.g. /work/screens/console) when it is set; never into the repository. */
export async function screenshot(page: Page, name: string) {
  const dir = process.env.LINLI_SCREENS
  if (!dir) return
  await mkdir(dir, { recursive: true })
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true })
  // A long page is also kept as its first screen, which is what people see first.
  const tall = await page.evaluate(() => document.documentElement.scrollHeight > 2.5 * window.innerHeight)
  if (tall) await page.screenshot({ path: path.join(dir, `${name}.top.png`) })
}
