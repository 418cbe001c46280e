import { h, type Html, type Part } from './html.js'
import type { C } from './deps.js'

const NAV: [string, string][] = [
  ['/', '今日'],
  ['/tickets', '工单'],
  ['/directory', '名单'],
  ['/notices', '通知'],
  ['/calendar', '日程'],
  ['/knowledge', '知识库'],
  ['/reports', '报表'],
]

/** The hidden CSRF field every form carries. */
export const csrf = (c: C) => h`<input type="hidden" name="_csrf" value="${c.get('session').csrf}">`

/** A POST form with its CSRF field. */
export function form(c: C, action: string, body: Part, opts: { multipart?: boolean; cls?: string; confirm?: string } = {}): Html {
  return h`<form method="post" action="${action}"${opts.multipart ? h` enctype="multipart/form-data"` : ''}${opts.cls ? h` class="${opts.cls}"` : ''}${opts.confirm ? h` data-confirm="${opts.confirm}"` : ''}>${csrf(c)}${body}</form>`
}

/** A whole page: header with the staff member's name, navigation, messages from the last action, content. */
export function page(c: C, title: string, body: Part, opts: { charts?: boolean } = {}): string {
  const s = c.get('session')
  const path = new URL(c.req.url).pathname
  const here = (href: string) => (href === '/' ? path === '/' : path.startsWith(href))
  const flash = s.flash.splice(0)
  return h`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · 邻里后台</title>
<link rel="stylesheet" href="/static/console.css">
${opts.charts ? h`<script src="/static/echarts.min.js" defer></script>` : ''}
<script src="/static/console.js" defer></script>
</head><body>
<header class="top"><a class="brand" href="/">邻里后台</a>
<span class="who">${s.name}</span>
${form(c, '/logout', h`<button class="link">退出</button>`, { cls: 'logout' })}
</header>
<nav class="nav">${NAV.map(([href, label]) => h`<a href="${href}"${here(href) ? h` class="on" aria-current="page"` : ''}>${label}</a>`)}</nav>
<main>
<h1>${title}</h1>
${flash.map(f => h`<div class="flash ${f.ok ? 'ok' : 'err'}" role="status">${f.lines.map(l => h`<p>${l}</p>`)}</div>`)}
${body}
</main></body></html>`.s
}

/** A page for someone without a session (sign-in, errors). */
export function bare(title: string, body: Part): string {
  return h`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · 邻里后台</title>
<link rel="stylesheet" href="/static/console.css">
</head><body><header class="top"><span class="brand">邻里后台</span></header>
<main class="narrow"><h1>${title}</h1>${body}</main></body></html>`.s
}

/** Remembers the outcome of an action for the next page (post, redirect, get). */
export function flash(c: C, ok: boolean, lines: string[]) {
  if (lines.length) c.get('session').flash.push({ ok, lines: lines.flatMap(l => l.split('\n')) })
}

/** Replies that start with an apology or 没有/不能 are refusals: shown as errors. */
export const refused = (replies: string[]) =>
  replies.some(r => /^(抱歉|没有|不能|请写|用法|没看懂|单号 #\d+ 目前)/.test(r) || /不能|不存在|没有找到/.test(r.split('\n')[0]))
