import type { Db } from '../../core/schema.js'
import { h, type Part } from '../html.js'
import { R } from './texts.js'

/** The duty phone as a tap-to-call link. */
export const tel = (phone: string) => h`<a class="tel" href="tel:${phone.replace(/[^0-9+]/g, '')}">${phone}</a>`

/** A whole resident page: one column, large print, the community's name, and its duty phone at the foot. */
export function residentPage(db: Db, title: string, body: Part): string {
  const duty = db.community.publicPhones[0]
  return h`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="format-detection" content="telephone=no">
<title>${title} · ${db.community.name}</title>
<link rel="stylesheet" href="/static/resident.css">
<script src="/static/resident.js" defer></script>
</head><body>
<header class="bar"><b>${db.community.name}</b><span>${R.brand}</span></header>
<main>
<h1>${title}</h1>
${body}
</main>
${duty ? h`<footer>${R.duty} ${tel(duty)}</footer>` : ''}
</body></html>`.s
}

/** A short page with a message and a way back to the form. */
export function messagePage(db: Db, title: string, lines: string[]): string {
  const duty = db.community.publicPhones[0]
  return residentPage(db, title, h`<div class="notice">${lines.map(l => h`<p>${l}</p>`)}${duty ? h`<p>${R.callDuty(duty)}</p>` : ''}</div>
<p><a class="button" href="/r">${R.back}</a></p>`)
}
