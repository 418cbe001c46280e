import type { Ticket, TicketEvent, TicketStatus } from '../core/types.js'
import { STATUS_TEXT, handlerLabel } from '../core/tickets.js'
import { human } from '../core/time.js'
import { h, type Html } from './html.js'

/** Small pieces of pages shared by several of them. */

export const when = (iso: string | null | undefined) => (iso ? human(new Date(iso)) : '—')

export const statusBadge = (s: TicketStatus) => h`<span class="badge ${s}">${STATUS_TEXT[s]}</span>`

const ACTIONS: Record<string, string> = {
  created: '报告',
  accepted: '接单',
  done: '完成',
  transferred: '转派',
  cancelled: '撤销',
  satisfied: '满意',
  dissatisfied: '不满意',
  noVerdict: '未评价，自动办结',
  reopened: '重新打开',
  merged: '邻居报告了同一问题',
  photo: '补充照片',
  located: '补充位置',
  note: '备注',
  notRequest: '不是报修，已关闭',
}
const STEPS: Record<string, string> = { warn: '到期前提醒承办人', L1: '超时，提醒网格长', L2: '超时，上报社区工作群' }

/** A history line in Chinese: what happened, and its note (a transfer's target, an escalation step). */
export function eventText(e: TicketEvent): { what: string; note: string | null } {
  if (e.action === 'escalated' || e.action === 'warned' || e.action === 'warnSkipped') {
    const step = STEPS[(e.note ?? '').split(':').pop() ?? ''] ?? '催办'
    const phase = (e.note ?? '').startsWith('accept') ? '（接单）' : (e.note ?? '').startsWith('done') ? '（办结）' : ''
    return { what: e.action === 'warnSkipped' ? `${step}（已过期，未发）` : step + phase, note: null }
  }
  return { what: ACTIONS[e.action] ?? e.action, note: e.action === 'transferred' ? `转给 ${e.note ?? ''}` : (e.note ?? null) }
}

/** One ticket in a list: number, status, flags, what and where (building and grid only), when. */
export function ticketItem(t: Ticket, overdue: boolean): Html {
  return h`<li><div class="head"><a class="id" href="/tickets/${t.id}">#${t.id}</a>${statusBadge(t.status)}
${t.urgent ? h`<span class="badge urgent">紧急</span>` : ''}${overdue ? h`<span class="badge overdue">超时</span>` : ''}
<span>${t.category}</span><span class="meta">→ ${handlerLabel(t)}</span></div>
<p class="text">${t.text.length > 80 ? t.text.slice(0, 80) + '…' : t.text}</p>
<div class="meta">${when(t.createdAt)} · ${t.grid ? `${t.grid}网格` : '未知网格'}${t.building ? ` · ${t.building}号楼` : ''}</div></li>`
}

/** Options of a select, with the chosen value marked. */
export const options = (list: [string, string][], chosen: string | undefined) =>
  list.map(([v, label]) => h`<option value="${v}"${v === (chosen ?? '') ? h` selected` : ''}>${label}</option>`)

/** A form field's string value ('' when absent or a file). */
export const field = (body: Record<string, unknown>, name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '')
