import { setCookie } from 'hono/cookie'
import { SESSION_MS } from './auth.js'
import type { C } from './deps.js'

export const COOKIE = 'linli_session'

/** Whether the request came over HTTPS (directly, or through a proxy we trust). */
export const secure = (c: C, trustProxy?: boolean) =>
  new URL(c.req.url).protocol === 'https:' || (trustProxy === true && c.req.header('x-forwarded-proto')?.split(',')[0].trim() === 'https')

/** The client's address, for sign-in rate limits (X-Forwarded-For only from a proxy we trust). */
export function clientAddress(c: C, trustProxy?: boolean): string {
  if (trustProxy) {
    const f = c.req.header('x-forwarded-for')?.split(',')[0].trim()
    if (f) return f
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined
  return env?.incoming?.socket?.remoteAddress ?? 'local'
}

/** The session cookie: httpOnly, SameSite=Strict, Secure over HTTPS, expiring with the session. */
export function setSession(c: C, id: string, trustProxy?: boolean) {
  setCookie(c, COOKIE, id, { httpOnly: true, sameSite: 'Strict', secure: secure(c, trustProxy), path: '/', maxAge: SESSION_MS / 1000 })
}

/** The host a same-origin request names: the proxy's X-Forwarded-Host when trusted, else Host, else the URL's. */
export const requestHost = (c: C, trustProxy?: boolean) => (trustProxy && c.req.header('x-forwarded-host')) || c.req.header('host') || new URL(c.req.url).host

/** A change must come from the console's own pages: Origin (or Referer) names this host when present; "null" never does. */
export function sameOrigin(c: C, trustProxy?: boolean): boolean {
  const from = c.req.header('origin') ?? c.req.header('referer')
  if (!from) return true
  if (from === 'null') return false
  try {
    return new URL(from).host === requestHost(c, trustProxy)
  } catch {
    return false
  }
}
