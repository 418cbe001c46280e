import type { Hono } from 'hono'
import type { C, Env } from '../deps.js'
import { sameOrigin } from '../session.js'
import { checkReport, type Errors, type Values } from './form.js'
import { formPage, type Mine } from './form-page.js'
import { messagePage } from './layout.js'
import { dropPhoto, savePhoto } from './photo.js'
import { shownCategory, statusWords } from './status-page.js'
import { followHash, followPath, newFollowSecret, opens, parseFollow } from './tokens.js'
import type { Guards, Resident } from './context.js'
import { R } from './texts.js'

/**
 * GET /r: the report form. POST /r: checked in this order — the address's flood limit (before the body
 * is read), the page's own origin, the device cookie and the form's token, the fields, then the report
 * limits — and only then the photo is saved and the report goes through the app's queue. Every refusal
 * shows the form again as it was typed, with what to change, and changes nothing.
 */
export function reportRoutes(hono: Hono<Env>, r: Resident, [postLimit, bodyLimit]: Guards) {
  const show = (c: C, status: 200 | 400 | 403 | 409 | 429, values?: Values, errors?: Errors) =>
    c.html(formPage(r.db(), { token: r.forms.issue(r.device(c), r.now()), values, errors, mine: mine(c) }), status)

  /**
   * The reports this device made, with their status, for the form's list. The cookie is the visitor's
   * to write: each link must open its ticket (its secret checked as on the status page), else it is left out.
   */
  const mine = (c: C): Mine[] =>
    r.mine(c).flatMap(link => {
      const p = parseFollow(link)
      const t = p && r.db().state.tickets.find(x => x.id === p.id)
      if (!p || !t || !opens(t, p.secret)) return []
      return [{ path: `/r/t/${link}`, id: t.id, label: shownCategory(t), status: statusWords(t)[0] }]
    })

  hono.get('/r', c => show(c, 200))
  hono.get('/r/', c => c.redirect('/r', 301))

  hono.post('/r', postLimit, bodyLimit, async c => {
    const db = r.db()
    const body = await c.req.parseBody({ all: true }).catch(() => null)
    if (!body) return c.html(messagePage(db, R.errorTitle, [R.malformed]), 400)
    const checked = await checkReport(body, db)
    const values = checked.values
    const errors: Errors = checked.ok ? {} : { ...checked.errors }
    const photoLost = body.photo instanceof File && body.photo.size > 0
    const refuse = (status: 400 | 403 | 409 | 429, extra: Errors) => {
      const all = { ...errors, ...extra }
      if (photoLost && !all.photo) all.photo = R.retryPhoto
      return show(c, status, values, all)
    }

    const device = r.postedDevice(c)
    if (!sameOrigin(c, r.web.trustProxy)) return refuse(403, { form: R.malformed })
    if (!device) return refuse(403, { form: R.noCookie })
    const form = r.forms.check(typeof body._form === 'string' ? body._form : '', device, r.now())
    if (!form.ok) return refuse(403, { form: R.expired })
    const earlier = r.submission(form.nonce)
    if (earlier && earlier !== 'pending') return c.redirect(earlier, 303)
    if (earlier) return refuse(409, { form: R.again })
    if (!checked.ok) return refuse(400, {})
    const limited = r.limits.report(r.address(c), device)
    if (limited) {
      const duty = db.community.publicPhones[0]
      return refuse(429, { form: `${R.limited[limited]}${duty ? R.callDuty(duty) : ''}` })
    }

    r.markSubmitted(form.nonce, null)
    const { report } = checked
    const secret = newFollowSecret()
    const hash = followHash(secret)
    const photo = report.photo ? await savePhoto(r.web.mediaDir, report.photo.data, report.photo.kind, r.now()) : null
    let replies: string[]
    try {
      replies = await r.perform(device, form.nonce, { kind: 'report', ...report, photo, follow: hash })
    } catch (e) {
      r.forget(form.nonce)
      if (photo) await dropPhoto(photo)
      throw e
    }
    // The ticket the link follows: a new one, or the one this report joined.
    const t = r.db().state.tickets.find(x => x.webToken === hash || (x.webFollowers ?? []).includes(hash))
    if (!t) {
      // Not saved (a full disk): the app said so in its reply; nothing is left behind.
      r.forget(form.nonce)
      if (photo) await dropPhoto(photo)
      r.web.log.warn(`resident report not saved: ${replies.join(' / ')}`)
      return c.html(messagePage(db, R.errorTitle, replies.length ? replies : [R.error]), 503)
    }
    const link = `${t.id}-${secret}`
    r.markSubmitted(form.nonce, followPath(t.id, secret))
    r.setFlash(hash, replies)
    r.addMine(c, link)
    r.web.log.info(`resident report → ticket #${t.id}${photo ? ' with a photo' : ''}`)
    return c.redirect(followPath(t.id, secret), 303)
  })
}
