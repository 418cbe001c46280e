import type { Hono } from 'hono'
import { h } from '../html.js'
import { bare } from '../layout.js'
import { clientAddress, sameOrigin, setSession } from '../session.js'
import { mayUseConsole, type Env, type Web } from '../deps.js'

const AGAIN = '请在微信里私聊社区机器人，发送「后台」获取新的登录链接。'
const WHY: Record<string, string> = {
  unknown: '这个登录链接无效。',
  expired: '这个登录链接已过期（链接10分钟内有效）。',
  used: '这个登录链接已经用过了（每个链接只能用一次）。',
  limited: '登录尝试太多，请10分钟后再试。',
}

/**
 * GET /login?t=… shows who is signing in and a button; POST /login uses the link. Opening the link does
 * not use it, so a link preview or a scanner that fetches it cannot spend it.
 */
export function signInRoutes(hono: Hono<Env>, web: Web) {
  const refuse = (why: string) => bare('无法登录', h`<p>${WHY[why]}</p><p>${AGAIN}</p>`)

  hono.get('/login', c => {
    const address = clientAddress(c, web.trustProxy)
    if (web.auth.limited(address)) return c.html(refuse('limited'), 429)
    const t = c.req.query('t') ?? ''
    const link = web.auth.peek(t)
    if ('why' in link) {
      web.auth.failed(address)
      return c.html(refuse(link.why), 403)
    }
    return c.html(
      bare(
        '登录后台',
        h`<p>您好，${link.name}。点下面的按钮进入社区后台。</p>
<form method="post" action="/login"><input type="hidden" name="t" value="${t}"><button class="primary big">进入后台</button></form>
<p class="muted">这个链接只能用一次。登录后12小时内有效，用完请点右上角「退出」。</p>`,
      ),
    )
  })

  hono.post('/login', async c => {
    if (!sameOrigin(c, web.trustProxy)) return c.html(refuse('unknown'), 403)
    const body = await c.req.parseBody()
    const t = typeof body.t === 'string' ? body.t : ''
    const now = web.clock.now()
    const r = web.auth.redeem(t, clientAddress(c, web.trustProxy), (name, issued) => mayUseConsole(web.app.view(), name, now, issued))
    if (!r.ok) return c.html(refuse(r.why), r.why === 'limited' ? 429 : 403)
    setSession(c, r.session.id, web.trustProxy)
    await web.app.update(r.session.name, ctx => ctx.audit('后台·登录', r.session.name))
    return c.redirect('/', 303)
  })
}
