import type { Db } from '../../core/schema.js'
import { h, type Html, type Part } from '../html.js'
import { R } from './texts.js'

/** A phone number as a tap-to-call link (never broken across lines). */
export const tel = (phone: string) => h`<a class="tel" href="tel:${phone.replace(/[^0-9+]/g, '')}">${phone}</a>`

// Not after # (单号 #110 is a ticket, not the police).
const NUMBER = /((?<![\d#])(?:0\d{2,3}-\d{7,8}|1[3-9]\d{9}|110|119|120|12345|12356)(?!\d))/
/** A sentence with the phone numbers in it made tap-to-call (the app's replies name 119, the duty phone…). */
export const withTel = (text: string): Html[] => text.split(NUMBER).map((part, i) => (i % 2 ? tel(part) : h`${part}`))

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
  return residentPage(
    db,
    title,
    h`<div class="notice">${lines.map(l => h`<p>${withTel(l)}</p>`)}${duty ? h`<p>${withTel(R.callDuty(duty))}</p>` : ''}</div>
<p><a class="button" href="/r">${R.back}</a></p>`,
  )
}
