import { Hono } from 'hono'
import { getCookie, deleteCookie } from 'hono/cookie'
import { bodyLimit } from 'hono/body-limit'
import { randomBytes } from 'node:crypto'
import type { Incoming } from '../ports.js'
import { Auth, same } from './auth.js'
import { COOKIE, sameOrigin } from './session.js'
import { mayUseConsole, type ConsoleDeps, type Env, type Web } from './deps.js'
import { bare } from './layout.js'
import { h } from './html.js'
import { staticRoutes } from './static.js'
import { signInRoutes } from './pages/sign-in.js'
import { todayRoutes } from './pages/today.js'
import { ticketRoutes } from './pages/tickets.js'
import { ticketDetailRoutes } from './pages/ticket.js'
import { directoryRoutes } from './pages/directory.js'
import { noticeRoutes } from './pages/notices.js'
import { calendarRoutes } from './pages/calendar.js'
import { knowledgeRoutes } from './pages/knowledge.js'
import { reportRoutes } from './pages/reports.js'
import { open311Routes } from './open311.js'
import { residentRoutes } from './resident/index.js'

const MAX_BODY = 5 * 1024 * 1024

/** The staff console: routes and pages over the same app and store. `link` makes the 后台 command's sign-in links. */
export interface Console {
  fetch: (req: Request, env?: unknown) => Response | Promise<Response>
  /** A one-time sign-in URL for this staff member ('busy' after too many). */
  link(staff: string): string | 'busy'
}

export function createConsole(deps: ConsoleDeps): Console {
  const { app, clock } = deps
  const auth = new Auth(clock)
  let n = 0
  const web: Web = {
    ...deps,
    auth,
    async perform(staff, label, text) {
      const msg: Incoming = {
        id: `web-${clock.now().getTime()}-${++n}-${randomBytes(3).toString('hex')}`,
        from: staff,
        who: { remark: staff, nick: staff, friend: true, ref: `web:${staff}`, remarkShared: false, nickTwins: 0 },
        room: null,
        text,
        kind: 'text',
        mentionsBot: false,
        channel: 'web',
      }
      const replies = await app.perform(msg)
      // Chat commands audit some of what they do; the console records every change it asked for.
      await app.update(staff, ctx => ctx.audit(`后台·${label}`, `${text.slice(0, 80)} → ${(replies[0] ?? '').split('\n')[0].slice(0, 80)}`))
      deps.afterWork?.()
      return replies
    },
    async change(staff, action, detail, fn) {
      const r = await app.update(staff, ctx => {
        const out = fn(ctx)
        ctx.audit(`后台·${action}`, detail)
        return out
      })
      deps.afterWork?.()
      return r
    },
  }

  const hono = new Hono<Env>()
  hono.use('*', async (c, next) => {
    await next()
    c.header('X-Content-Type-Options', 'nosniff')
    c.header('X-Frame-Options', 'DENY')
    // same-origin: no address (a sign-in token) leaks to another site, and form posts keep their Origin
    // header (with no-referrer browsers send Origin: null, which the CSRF origin check must refuse).
    c.header('Referrer-Policy', 'same-origin')
    // The resident page sets its own (it previews a chosen photo from a blob: URL).
    if (!c.res.headers.has('Content-Security-Policy'))
      c.header(
        'Content-Security-Policy',
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
      )
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store')
  })
  staticRoutes(hono)
  // The resident report page (/r): public, with its own body limit, headers and pages (src/web/resident).
  residentRoutes(hono, web)
  hono.use('*', bodyLimit({ maxSize: MAX_BODY, onError: c => c.text('上传的文件太大（最多 5 MB）', 413) }))
  open311Routes(hono, web)
  signInRoutes(hono, web)

  // Everything else needs a live session of someone who may still use the console.
  hono.use('*', async (c, next) => {
    const id = getCookie(c, COOKIE)
    const s = auth.session(id)
    if (!s) {
      return c.html(
        bare(
          '请先登录',
          h`<p>请在微信里私聊社区机器人，发送「后台」，用收到的链接登录。</p><p class="muted">登录链接10分钟内有效，只能用一次；登录后12小时内不用再登录。</p><p>居民报修请到 <a href="/r">网上报修</a>。</p>`,
        ),
        401,
      )
    }
    if (!mayUseConsole(app.view(), s.name, clock.now(), s.created)) {
      auth.endAll(s.name)
      deleteCookie(c, COOKIE, { path: '/' })
      return c.html(bare('没有权限', h`<p>「${s.name}」现在不是社区工作人员，或已解除绑定，不能再使用后台。</p>`), 403)
    }
    c.set('session', s)
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      if (!sameOrigin(c, deps.trustProxy)) return c.html(bare('请求被拒绝', h`<p>这个请求不是从后台页面发出的。</p>`), 403)
      const body = await c.req.parseBody()
      const token = typeof body._csrf === 'string' ? body._csrf : ''
      if (!same(token, s.csrf)) return c.html(bare('请求已过期', h`<p>页面已过期，请返回后刷新页面再试。</p>`), 403)
    }
    await next()
  })
  hono.post('/logout', c => {
    auth.end(getCookie(c, COOKIE)!)
    deleteCookie(c, COOKIE, { path: '/' })
    return c.html(bare('已退出', h`<p>已退出后台。需要时在微信里发送「后台」重新获取登录链接。</p>`))
  })
  todayRoutes(hono, web)
  ticketRoutes(hono, web)
  ticketDetailRoutes(hono, web)
  directoryRoutes(hono, web)
  noticeRoutes(hono, web)
  calendarRoutes(hono, web)
  knowledgeRoutes(hono, web)
  reportRoutes(hono, web)
  hono.notFound(c => c.html(bare('没有这个页面', h`<p><a href="/">回到后台首页</a></p>`), 404))
  hono.onError((e, c) => {
    deps.log.error(`console ${c.req.method} ${new URL(c.req.url).pathname}: ${e.stack ?? e.message}`)
    return c.html(bare('出错了', h`<p>操作没有完成：${e.message}</p><p><a href="/">回到后台首页</a></p>`), 500)
  })

  return {
    fetch: (req, env) => hono.fetch(req, env),
    link(staff) {
      const t = auth.issue(staff)
      return t === null ? 'busy' : `${deps.publicUrl}/login?t=${t}`
    },
  }
}
