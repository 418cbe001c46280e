import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { harness } from '../app/harness.js'
import { createConsole, type Console } from '../../src/web/server.js'
import { memoryArchive } from '../../src/adapters/archive.js'
import { createLogger } from '../../src/adapters/log.js'
import { shippedVocabulary } from '../../src/adapters/vocabulary.js'
import type { Db } from '../../src/core/schema.js'

export const BASE = 'http://console.test'

/**
 * The real app over the in-memory store (tests/app/harness.ts) with the console in front of it, called
 * through `fetch` without a listener. The console's clock is the harness's, so links expire on demand.
 */
export async function consoleHarness(opts: { tune?: (db: Db) => void; apiKey?: string; base?: string; trustProxy?: boolean } = {}) {
  const media = await mkdtemp(path.join(os.tmpdir(), 'linli-web-'))
  let con: Console | undefined
  const h = await harness(opts.tune, undefined, { consoleLink: staff => con!.link(staff) })
  const clock = { now: () => new Date(h.now) }
  con = createConsole({
    app: h.app,
    clock,
    log: createLogger('silent'),
    archive: memoryArchive(),
    mediaDir: media,
    vocabulary: shippedVocabulary(),
    remarks: async () => h.db.people.map(p => p.name),
    publicUrl: opts.base ?? BASE,
    open311ApiKey: opts.apiKey,
    trustProxy: opts.trustProxy,
  })
  const c = con
  let cookie = ''
  let csrf = ''
  /** A request as a browser on the console's own pages makes it (with the session cookie once signed in). */
  async function req(pathname: string, init: RequestInit & { form?: Record<string, string | string[]> } = {}) {
    const headers = new Headers(init.headers)
    if (cookie) headers.set('cookie', cookie)
    headers.set('host', new URL(BASE).host)
    let body = init.body
    if (init.form) {
      const p = new URLSearchParams()
      for (const [k, v] of Object.entries(init.form)) for (const x of [v].flat()) p.append(k, x)
      body = p
    }
    const res = await c.fetch(new Request(BASE + pathname, { ...init, headers, body, redirect: 'manual' }))
    const set = res.headers.get('set-cookie')
    if (set) cookie = set.split(';')[0].endsWith('=') ? '' : set.split(';')[0]
    return res
  }
  /** Asks for a link in WeChat (后台, privately) and returns the URL the bot sent. */
  async function link(name = '值班社工'): Promise<string> {
    const before = h.sent.length
    await h.say(name, null, '后台')
    await h.wait(60_000)
    const text = h.sent.slice(before).find(s => 'to' in s.dest && s.dest.to === name)?.text ?? ''
    const m = /(http\S+)/.exec(text)
    if (!m) throw new Error(`no link in: ${text}`)
    return m[1]
  }
  /** Signs in through the link (GET shows the button, POST uses it) and keeps the cookie and CSRF token. */
  async function signIn(name = '值班社工') {
    const url = new URL(await link(name))
    const t = url.searchParams.get('t')!
    await req(`/login?t=${t}`)
    const res = await req('/login', { method: 'POST', form: { t } })
    if (res.status !== 303) throw new Error(`sign-in failed: ${res.status}`)
    const home = await (await req('/')).text()
    csrf = /name="_csrf" value="([^"]+)"/.exec(home)?.[1] ?? ''
    return res
  }
  const post = (pathname: string, form: Record<string, string | string[]> = {}) => req(pathname, { method: 'POST', form: { _csrf: csrf, ...form } })
  return {
    h,
    console: c,
    media,
    req,
    post,
    link,
    signIn,
    get csrf() {
      return csrf
    },
    clearCookie() {
      cookie = ''
    },
    close: () => rm(media, { recursive: true, force: true }),
  }
}
