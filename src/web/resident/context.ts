import { randomBytes } from 'node:crypto'
import { getCookie, setCookie } from 'hono/cookie'
import type { Incoming, WebForm } from '../../ports.js'
import type { Ticket } from '../../core/types.js'
import { WEB_REPORTER } from '../../core/identity.js'
import { findTicket } from '../../core/tickets.js'
import { monthsFor } from '../../core/archive.js'
import { clientAddress, secure } from '../session.js'
import type { MiddlewareHandler } from 'hono'
import type { C, Env, Web } from '../deps.js'
import { ResidentLimits } from './limits.js'
import { DEVICE_COOKIE, FORM_MS, FormTokens, MINE_COOKIE, isDevice, matches, newDevice, parseFollow } from './tokens.js'
import type { Followed } from './status-page.js'

const YEAR_S = 400 * 86_400 // the longest a browser keeps a cookie
const MINE_MAX = 10
const FLASH_MS = 10 * 60_000

/** What the resident routes share: the console's deps, form tokens, limits, and short-lived memory of submissions. */
/** What every post on the resident page passes first: the address's rate, then the body's size. */
export type Guards = [postLimit: MiddlewareHandler<Env>, bodyLimit: MiddlewareHandler<Env>]

export class Resident {
  readonly forms = new FormTokens()
  readonly limits: ResidentLimits
  /** Submissions by form nonce: where they led (a second press of the same form goes there too). */
  private submitted = new Map<string, { path: string | null; at: number }>()
  /** What the app replied to a submission, shown once on the status page it led to (by follow hash). */
  private flashes = new Map<string, { lines: string[]; at: number }>()
  private n = 0

  constructor(readonly web: Web) {
    this.limits = new ResidentLimits(web.clock)
  }

  now() {
    return this.web.clock.now().getTime()
  }
  db() {
    return this.web.app.view()
  }
  address(c: C) {
    return clientAddress(c, this.web.trustProxy)
  }

  /** The device id from its cookie, or a new one set now (SameSite=Lax: a link opened from WeChat still carries it). */
  device(c: C): string {
    const id = getCookie(c, DEVICE_COOKIE)
    if (isDevice(id)) return id
    const fresh = newDevice()
    setCookie(c, DEVICE_COOKIE, fresh, { httpOnly: true, sameSite: 'Lax', secure: secure(c, this.web.trustProxy), path: '/r', maxAge: YEAR_S })
    return fresh
  }

  /** The device id a POST came with, if any (a POST never makes one up). */
  postedDevice(c: C): string | null {
    const id = getCookie(c, DEVICE_COOKIE)
    return isDevice(id) ? id : null
  }

  /** The follow links (`<id>-<secret>`) this device was given, newest first. */
  mine(c: C): string[] {
    return (getCookie(c, MINE_COOKIE) ?? '')
      .split('.')
      .filter(x => parseFollow(x) !== null)
      .slice(0, MINE_MAX)
  }

  addMine(c: C, link: string) {
    const list = [link, ...this.mine(c).filter(x => x !== link)].slice(0, MINE_MAX)
    setCookie(c, MINE_COOKIE, list.join('.'), { httpOnly: true, sameSite: 'Lax', secure: secure(c, this.web.trustProxy), path: '/r', maxAge: YEAR_S })
  }

  /** The ticket a follow link opens (live or archived) and whether it is the reporter's own link; null when it opens nothing. */
  async follow(link: string): Promise<(Followed & { secret: string }) | null> {
    const p = parseFollow(link)
    if (!p) return null
    const state = this.db().state
    let t: Ticket | undefined = findTicket(state, p.id)
    for (const month of t ? [] : monthsFor(state, p.id)) t ??= (await this.web.archive.load(month)).find(x => x.id === p.id)
    if (!t) return null
    if (matches(t.webToken, p.secret)) return { t, owner: true, secret: p.secret }
    if ((t.webFollowers ?? []).some(h => matches(h, p.secret))) return { t, owner: false, secret: p.secret }
    return null
  }

  /** A form through the app's queue, as the device's message: the replies come back. */
  async perform(device: string, nonce: string, form: WebForm): Promise<string[]> {
    const msg: Incoming = {
      id: `web-${nonce}-${++this.n}-${randomBytes(3).toString('hex')}`,
      from: WEB_REPORTER,
      who: { remark: null, nick: WEB_REPORTER, friend: false, ref: `web:device:${device}`, remarkShared: false, nickTwins: 0 },
      room: null,
      text: '',
      kind: 'other',
      mentionsBot: false,
      channel: 'web',
      form,
    }
    const replies = await this.web.app.perform(msg)
    this.web.afterWork?.()
    return replies
  }

  /** Where an earlier press of this form led: a path, 'pending' while it runs, or undefined. */
  submission(nonce: string): string | 'pending' | undefined {
    const s = this.submitted.get(nonce)
    return s ? (s.path ?? 'pending') : undefined
  }

  markSubmitted(nonce: string, path: string | null) {
    const now = this.now()
    for (const [k, v] of this.submitted) {
      if (now - v.at < FORM_MS) break
      this.submitted.delete(k)
    }
    if (path === null && this.submitted.has(nonce)) return
    this.submitted.delete(nonce)
    this.submitted.set(nonce, { path, at: now })
  }

  forget(nonce: string) {
    this.submitted.delete(nonce)
  }

  setFlash(hash: string, lines: string[]) {
    const now = this.now()
    for (const [k, v] of this.flashes) {
      if (now - v.at < FLASH_MS) break
      this.flashes.delete(k)
    }
    this.flashes.delete(hash)
    this.flashes.set(hash, { lines, at: now })
  }

  takeFlash(hash: string): string[] {
    const f = this.flashes.get(hash)
    this.flashes.delete(hash)
    return f && this.now() - f.at < FLASH_MS ? f.lines : []
  }
}
