import { createHash, createHmac, randomBytes } from 'node:crypto'
import { same } from '../auth.js'

/**
 * The resident page's secrets, none of them stored in the db:
 * - a device id in a cookie (who is asking, for the per-device limits);
 * - per-form CSRF tokens bound to that device, signed with a key that lives as long as the process;
 * - follow links `/r/t/<ticket>-<secret>`: 128 random bits that the db keeps only as a hash.
 */
export const DEVICE_COOKIE = 'linli_dev'
/** The follow links this device was given (httpOnly): the form page lists them under 我报过的问题. */
export const MINE_COOKIE = 'linli_mine'
export const FORM_MS = 12 * 3600_000

const ID = /^[A-Za-z0-9_-]{22}$/
const random = () => randomBytes(16).toString('base64url') // 128 bits, 22 characters

export const newDevice = random
export const isDevice = (s: string | undefined): s is string => !!s && ID.test(s)

export const newFollowSecret = random
export const followHash = (secret: string) => createHash('sha256').update(`linli-follow:${secret}`).digest('hex')
export const followPath = (id: number, secret: string) => `/r/t/${id}-${secret}`

/** A follow link's last part: the ticket number and the secret, or null when it cannot be one. */
export function parseFollow(s: string): { id: number; secret: string } | null {
  const m = /^([1-9][0-9]{0,8})-([A-Za-z0-9_-]{22})$/.exec(s)
  return m ? { id: Number(m[1]), secret: m[2] } : null
}

/** Whether a stored hash is this secret's (constant time). */
export const matches = (hash: string | undefined, secret: string) => hash !== undefined && same(hash, followHash(secret))

/** Whether a follow link's secret opens this ticket: its reporter's link, or a neighbour's who joined it. */
export const opens = (t: { webToken?: string; webFollowers?: string[] }, secret: string) =>
  matches(t.webToken, secret) || (t.webFollowers ?? []).some(h => matches(h, secret))

export type FormCheck = { ok: true; nonce: string } | { ok: false; why: 'expired' | 'bad' }

/** Per-form CSRF tokens: `<time>.<nonce>.<mac>`, the mac over the device id, the time and the nonce. */
export class FormTokens {
  private key = randomBytes(32)

  private mac(device: string, at: string, nonce: string) {
    return createHmac('sha256', this.key).update(`${device}|${at}|${nonce}`).digest('base64url')
  }

  issue(device: string, now: number): string {
    const at = now.toString(36)
    const nonce = random()
    return `${at}.${nonce}.${this.mac(device, at, nonce)}`
  }

  /** Valid for this device and not older than FORM_MS; the nonce names the submission (a second press is the same one). */
  check(token: string, device: string, now: number): FormCheck {
    const [at, nonce, mac, extra] = token.split('.')
    if (extra !== undefined || !at || !nonce || !mac || !ID.test(nonce) || !same(mac, this.mac(device, at, nonce))) return { ok: false, why: 'bad' }
    const t = parseInt(at, 36)
    if (!Number.isFinite(t) || now - t > FORM_MS || t - now > 60_000) return { ok: false, why: 'expired' }
    return { ok: true, nonce }
  }
}
