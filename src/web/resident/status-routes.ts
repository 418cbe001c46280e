import type { Hono } from 'hono'
import type { C, Env } from '../deps.js'
import { sameOrigin } from '../session.js'
import { messagePage } from './layout.js'
import { statusPage } from './status-page.js'
import { followHash } from './tokens.js'
import type { Guards, Resident } from './context.js'
import { R } from './texts.js'

/**
 * GET /r/t/<ticket>-<secret>: the ticket's status for whoever holds the link. A link that opens nothing
 * gets the same 404 whether or not the number exists, and counts against the address (guessing is cut
 * off after a few). POST …/verdict: 满意 / 还有问题 from the reporter's own link, for that ticket only.
 */
export function statusRoutes(hono: Hono<Env>, r: Resident, [postLimit, bodyLimit]: Guards) {
  const notFound = (c: C) => c.html(messagePage(r.db(), R.notFoundTitle, [R.notFound]), 404)

  hono.get('/r/t/:link', async c => {
    const ip = r.address(c)
    if (!r.limits.view(ip)) return c.html(messagePage(r.db(), R.limitedTitle, [R.limited.views]), 429)
    const link = c.req.param('link')
    const found = await r.follow(link)
    if (!found) {
      r.limits.missed(ip)
      return notFound(c)
    }
    const path = `/r/t/${link}`
    const token = r.forms.issue(r.device(c), r.now())
    return c.html(statusPage(r.db(), found, { path, token, flash: r.takeFlash(followHash(found.secret)), loggedIn: r.web.app.health().loggedIn }))
  })

  hono.post('/r/t/:link/verdict', postLimit, bodyLimit, async c => {
    const ip = r.address(c)
    const link = c.req.param('link')
    const path = `/r/t/${link}`
    const body = await c.req.parseBody().catch(() => null)
    if (!body) return c.html(messagePage(r.db(), R.errorTitle, [R.malformed]), 400)
    const found = await r.follow(link)
    if (!found) {
      r.limits.missed(ip)
      return notFound(c)
    }
    const device = r.postedDevice(c)
    const form = device ? r.forms.check(typeof body._form === 'string' ? body._form : '', device, r.now()) : null
    if (!sameOrigin(c, r.web.trustProxy) || !form?.ok) return c.html(messagePage(r.db(), R.statusTitle, [R.expiredVerdict]), 403)
    if (!found.owner) return c.html(messagePage(r.db(), R.statusTitle, [R.notOwner]), 403)
    const verdict = body.verdict
    if (verdict !== 'satisfied' && verdict !== 'dissatisfied') return c.html(messagePage(r.db(), R.statusTitle, [R.malformed]), 400)
    const earlier = r.submission(form.nonce)
    if (earlier) return c.redirect(path, 303)
    r.markSubmitted(form.nonce, path)
    const note = typeof body.note === 'string' ? body.note.slice(0, 100) : ''
    const hash = followHash(found.secret)
    const replies = await r.perform(device!, form.nonce, { kind: 'verdict', ticket: found.t.id, follow: hash, verdict, note })
    r.setFlash(hash, replies)
    return c.redirect(path, 303)
  })
}
