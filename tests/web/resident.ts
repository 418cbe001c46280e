import { BASE, type consoleHarness } from './console.js'

export { BASE }
export type World = Awaited<ReturnType<typeof consoleHarness>>

export interface Photo {
  name: string
  type: string
  data: Uint8Array<ArrayBuffer>
}
export interface Fields {
  problem?: string
  building?: string
  unit?: string
  door?: string
  phone?: string
  website?: string
  [k: string]: string | undefined
}

/** A tiny but real PNG (1×1, red), and a JPEG header: what a phone's photo starts with. */
export const PNG = Uint8Array.from(
  Buffer.from(
    '89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408d763f8cfc000000301010018dd8db00000000049454e44ae426082',
    'hex',
  ),
)
export const JPEG = (size = 2048) => {
  const b = new Uint8Array(size)
  b.set([0xff, 0xd8, 0xff, 0xe0])
  return b
}

/**
 * A resident's phone as the resident page sees it: its own cookie jar (the device cookie and the list of
 * its reports) and an address, sent as X-Forwarded-For (the console harness trusts the proxy when asked).
 */
export function phone(w: World, address = '203.0.113.7') {
  const jar = new Map<string, string>()
  let token = ''
  async function req(path: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers)
    headers.set('host', new URL(BASE).host)
    headers.set('x-forwarded-for', address)
    if (jar.size) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '))
    const res = await w.console.fetch(new Request(BASE + path, { ...init, headers, redirect: 'manual' }))
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';')
      const i = pair.indexOf('=')
      jar.set(pair.slice(0, i), pair.slice(i + 1))
    }
    return res
  }
  /** Opens a page and keeps its form token; returns the response and its HTML. */
  async function open(path = '/r') {
    const res = await req(path)
    const html = await res.text()
    token = /name="_form" value="([^"]+)"/.exec(html)?.[1] ?? token
    return { res, html }
  }
  function formData(fields: Record<string, string | undefined>, photo?: Photo) {
    const fd = new FormData()
    for (const [k, v] of Object.entries(fields)) if (v !== undefined) fd.append(k, v)
    if (photo) fd.append('photo', new File([new Uint8Array(photo.data)], photo.name, { type: photo.type }))
    return fd
  }
  /** Fills in and submits the form (opening it first unless a token is at hand), as the page posts it. */
  async function report(fields: Fields, o: { photo?: Photo; fresh?: boolean; origin?: string | null; token?: string } = {}) {
    if (!token || o.fresh !== false) await open()
    const body = formData({ _form: o.token ?? token, building: '12', unit: '', door: '', phone: '', ...fields }, o.photo)
    const headers: Record<string, string> = o.origin === null ? {} : { origin: o.origin ?? BASE }
    const res = await req('/r', { method: 'POST', body, headers })
    return { res, status: res.status, location: res.headers.get('location'), html: res.status === 303 ? '' : await res.text() }
  }
  /** The status page a link opens (and its form token for the verdict buttons). */
  const status = (path: string) => open(path)
  async function verdict(path: string, verdict: string, note = '') {
    await open(path)
    const res = await req(`${path}/verdict`, { method: 'POST', body: new URLSearchParams({ _form: token, verdict, note }), headers: { origin: BASE } })
    return res
  }
  return {
    req,
    open,
    report,
    status,
    verdict,
    jar,
    get token() {
      return token
    },
    set address(a: string) {
      address = a
    },
  }
}

/** The page's visible text, tags gone (for "never contains" checks over what a person sees). */
export const visible = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')
