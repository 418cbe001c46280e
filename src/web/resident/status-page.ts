import type { Db } from '../../core/schema.js'
import type { Ticket } from '../../core/types.js'
import { handlerLabel, isSensitive } from '../../core/tickets.js'
import { human } from '../../core/time.js'
import { h } from '../html.js'
import { residentPage, tel, withTel } from './layout.js'
import { R } from './texts.js'

/** What a follow link may show: the ticket's number, kind, status, handler and times. Never the address, phone, words or names. */
export interface Followed {
  t: Ticket
  owner: boolean
}

const when = (at: string | null) => (at ? human(new Date(at)) : null)

/** The category and handler as the resident may read them: a sensitive matter names neither. */
export const shownCategory = (t: Ticket) => (isSensitive(t) ? R.sensitiveCategory : t.category)
export const shownHandler = (t: Ticket) => (isSensitive(t) ? R.sensitiveHandler : handlerLabel(t))

/** The status in plain words: a short label and a sentence. */
export function statusWords(t: Ticket): [string, string] {
  if (t.history.some(e => e.action === 'notRequest') && t.status === 'closed') return [R.status.closed[0], R.notRequestClosed]
  const [label, line] = R.status[t.status]
  if (t.status === 'closed' && t.verdict) return [label, R.verdictGiven[t.verdict]]
  if (t.status === 'accepted' && t.verdict === 'dissatisfied') return [label, R.verdictGiven.dissatisfied]
  return [label, line]
}

/**
 * The status page a follow link opens: the number, what kind of matter, the status, who handles it and
 * when things happened; the verdict buttons when the reporter's link finds the ticket done.
 */
export function statusPage(db: Db, f: Followed, o: { path: string; token: string; flash: string[]; loggedIn: boolean }): string {
  const { t } = f
  const e = db.community.emergency
  const [label, line] = statusWords(t)
  const open = t.status === 'open' || t.status === 'accepted'
  const times: [string, string | null][] = [
    [R.created, when(t.createdAt)],
    [R.accepted, when(t.acceptedAt)],
    [R.done, when(t.doneAt)],
    [R.closed, when(t.closedAt)],
  ]
  return residentPage(
    db,
    R.statusTitle,
    h`${o.flash.length ? h`<div class="flash" role="status"><p class="tag">${R.justNow}</p>${o.flash.map(l => h`<p>${withTel(l)}</p>`)}</div>` : ''}
<section class="ticket">
<p class="number">${R.ticketNo(t.id)}</p>
<p class="state s-${t.status}">${label}</p>
<p>${line}</p>
<dl>
<dt>${R.category}</dt><dd>${shownCategory(t)}</dd>
<dt>${R.handler}</dt><dd>${shownHandler(t)}</dd>
${times.filter(([, v]) => v !== null).map(([k, v]) => h`<dt>${k}</dt><dd>${v}</dd>`)}
</dl>
</section>
${t.urgent && open ? h`<p class="urgent-note">${R.urgentBox}${tel(e.fire)} ${R.fire}，${tel(e.medical)} ${R.medical}，${tel(e.police)} ${R.police}。</p>` : ''}
${open && !o.loggedIn ? h`<p class="notice">${R.offline}</p>` : ''}
${!f.owner ? h`<p class="notice">${R.merged}</p>` : ''}
${
  f.owner && t.status === 'done'
    ? h`<section class="verdict"><h2>${R.verdictAsk}</h2>
<form method="post" action="${o.path}/verdict"><input type="hidden" name="_form" value="${o.token}"><input type="hidden" name="verdict" value="satisfied">
<button class="big good">${R.satisfied}</button></form>
<form method="post" action="${o.path}/verdict"><input type="hidden" name="_form" value="${o.token}"><input type="hidden" name="verdict" value="dissatisfied">
<label for="note">${R.dissatisfiedNote}</label><textarea id="note" name="note" rows="2" maxlength="100"></textarea>
<button class="big">${R.dissatisfied}</button></form>
</section>`
    : ''
}
<p class="hint">${R.keepLink}</p>
<p><a class="button" href="/r">${R.reportAnother}</a></p>`,
  )
}
