import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Clock } from '../ports.js'

/**
 * Sign-in without passwords, in memory (a restart signs everyone out, which is fine for a console):
 * - a one-time link per request of 后台 (valid LINK_MS, used once; only its hash is kept);
 * - sessions (an opaque id in an httpOnly, SameSite=Strict cookie, expiring after SESSION_MS) each with
 *   its own CSRF token;
 * - rate limits: links issued per staff member, and failed sign-in attempts per address and overall.
 */
export const LINK_MS = 10 * 60_000
export const SESSION_MS = 12 * 3600_000
const LINKS_PER_STAFF = 5
const FAILS_PER_ADDRESS = 10
const FAILS_OVERALL = 100
const WINDOW_MS = 10 * 60_000

export interface Session {
  id: string
  name: string
  csrf: string
  created: number
  expires: number
  flash: { ok: boolean; lines: string[] }[]
  /** A roster uploaded and previewed, waiting to be applied. */
  roster?: { file: string; table: string[][] }
}

const hash = (s: string) => createHash('sha256').update(`linli-console:${s}`).digest('hex')
const token = () => randomBytes(32).toString('base64url')

/** Constant-time comparison of two strings (a CSRF token, an API key). */
export function same(a: string, b: string): boolean {
  const x = Buffer.from(a),
    y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

export type Redeemed = { ok: true; session: Session } | { ok: false; why: 'unknown' | 'expired' | 'used' | 'limited' }

export class Auth {
  private links = new Map<string, { name: string; expires: number; used: boolean }>()
  private sessions = new Map<string, Session>()
  private issued: { name: string; at: number }[] = []
  private fails: { who: string; at: number }[] = []

  constructor(private clock: Clock) {}

  private now() {
    return this.clock.now().getTime()
  }

  /** A new one-time link token for this staff member, or null when they asked for too many lately. */
  issue(name: string): string | null {
    const now = this.now()
    this.issued = this.issued.filter(x => now - x.at < WINDOW_MS)
    if (this.issued.filter(x => x.name === name).length >= LINKS_PER_STAFF) return null
    this.issued.push({ name, at: now })
    for (const [k, v] of this.links) if (v.expires < now - WINDOW_MS) this.links.delete(k)
    const t = token()
    this.links.set(hash(t), { name, expires: now + LINK_MS, used: false })
    return t
  }

  /** What a link token is, without using it (the page that asks to sign in). */
  peek(t: string): { name: string } | { why: 'unknown' | 'expired' | 'used' } {
    const link = this.links.get(hash(t))
    if (!link) return { why: 'unknown' }
    if (link.used) return { why: 'used' }
    if (link.expires <= this.now()) return { why: 'expired' }
    return { name: link.name }
  }

  /** Too many failed attempts from this address (or from everywhere) in the last minutes. */
  limited(address: string): boolean {
    const now = this.now()
    this.fails = this.fails.filter(x => now - x.at < WINDOW_MS)
    return this.fails.length >= FAILS_OVERALL || this.fails.filter(x => x.who === address).length >= FAILS_PER_ADDRESS
  }

  /** Counts a failed attempt (a bad link opened) against the address. */
  failed(address: string) {
    this.fails.push({ who: address, at: this.now() })
  }

  /** Uses a link: a session for its staff member, or why not. `allowed` checks the directory once more (and that nobody unbound them since the link was issued). */
  redeem(t: string, address: string, allowed: (name: string, issued: number) => boolean): Redeemed {
    if (this.limited(address)) return { ok: false, why: 'limited' }
    const link = this.links.get(hash(t))
    const now = this.now()
    const why = !link ? 'unknown' : link.used ? 'used' : link.expires <= now ? 'expired' : !allowed(link.name, link.expires - LINK_MS) ? 'unknown' : null
    if (why || !link) {
      this.fails.push({ who: address, at: now })
      return { ok: false, why: why ?? 'unknown' }
    }
    link.used = true
    const session: Session = { id: token(), name: link.name, csrf: token(), created: now, expires: now + SESSION_MS, flash: [] }
    this.sessions.set(hash(session.id), session)
    return { ok: true, session }
  }

  /** The live session for a cookie value, or undefined (an expired one is forgotten). */
  session(id: string | undefined): Session | undefined {
    if (!id) return undefined
    const s = this.sessions.get(hash(id))
    if (!s) return undefined
    if (s.expires <= this.now()) {
      this.sessions.delete(hash(id))
      return undefined
    }
    return s
  }

  end(id: string) {
    this.sessions.delete(hash(id))
  }

  /** Ends every session of a person (removed from the directory, unbound). */
  endAll(name: string) {
    for (const [k, s] of this.sessions) if (s.name === name) this.sessions.delete(k)
  }
}
