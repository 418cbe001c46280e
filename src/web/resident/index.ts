import type { Hono, MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { Env, Web } from '../deps.js'
import { secure } from '../session.js'
import { Resident } from './context.js'
import { messagePage } from './layout.js'
import { MAX_PHOTO } from './photo.js'
import { reportRoutes } from './report-routes.js'
import { statusRoutes } from './status-routes.js'
import { R } from './texts.js'

/**
 * The resident report page (居民网页报修), public: no sign-in, no bot account. /r is the form, /r/t/<link>
 * a ticket's status. Mounted before the console's session check and body limit: it has its own (a 5 MB
 * photo and the fields), its own strict headers, and its own Chinese pages for errors and unknown paths.
 */
export function residentRoutes(hono: Hono<Env>, web: Web) {
  const r = new Resident(web)
  const headers: MiddlewareHandler<Env> = async (c, next) => {
    await next()
    c.header(
      'Content-Security-Policy',
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob:; object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    )
    c.header('Cross-Origin-Opener-Policy', 'same-origin')
    c.header('Cross-Origin-Resource-Policy', 'same-origin')
    c.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()')
    c.header('X-Robots-Tag', 'noindex, nofollow')
    c.header('Cache-Control', 'no-store')
    if (secure(c, web.trustProxy)) c.header('Strict-Transport-Security', 'max-age=31536000')
  }
  // The console's error handler has logged the error and made its page: residents see their own instead.
  const errors: MiddlewareHandler<Env> = async (c, next) => {
    await next()
    if (c.error) c.res = c.html(messagePage(r.db(), R.errorTitle, [R.error]), 500)
  }
  const limit = bodyLimit({ maxSize: MAX_PHOTO + 64 * 1024, onError: c => c.html(messagePage(r.db(), R.tooBigTitle, [R.tooBig]), 413) })
  hono.use('/r', headers, errors)
  hono.use('/r/*', headers, errors)
  // Every post: the address's rate first, then the size of the body.
  const postLimit: MiddlewareHandler<Env> = async (c, next) => {
    if (!r.limits.post(r.address(c))) return c.html(messagePage(r.db(), R.limitedTitle, [R.limited.posts]), 429)
    await next()
  }
  reportRoutes(hono, r, [postLimit, limit])
  statusRoutes(hono, r, [postLimit, limit])
  // Anything else under /r is the resident page's 404, never the console's sign-in page.
  for (const p of ['/r', '/r/*']) hono.all(p, c => c.html(messagePage(r.db(), R.notFoundTitle, [R.notFound]), 404))
}
