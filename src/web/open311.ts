import type { Hono } from 'hono'
import type { Env, Web } from './deps.js'
import type { Db } from '../core/schema.js'
import type { Ticket } from '../core/types.js'
import { STATUS_TEXT, handlerLabel, isSensitive } from '../core/tickets.js'
import { deadlinesOf } from '../core/report/index.js'
import { statsOptions } from '../core/deadlines.js'
import { extendVocabulary } from '../core/intake/vocabulary.js'
import { monthsFor } from '../core/archive.js'
import { iso } from '../core/time.js'
import { same } from './auth.js'

/**
 * Open311 GeoReport v2, read only, for a city's 12345 platform or a 街道 dashboard: categories as
 * services, tickets as service requests. A request carries its category, status, times, handler and
 * where as grid and building only: never a door number, a phone number, a name or the resident's words
 * (which may hold any of these), so `description` is left out. A sensitive matter (psychological, legal,
 * mediation, violence, words of suicide) names its grid only, as a building could point at the
 * household, and goes out as 求助: neither its kind nor the team that helps is said.
 */
const MAX = 1000
const SENSITIVE_CODE = '求助'
const DAY = 86_400_000

export interface Service {
  service_code: string
  service_name: string
  description: string
  metadata: false
  type: 'realtime'
  keywords: string
  group: string
}

export function services(db: Db, web: Pick<Web, 'vocabulary'>): Service[] {
  const v = extendVocabulary(web.vocabulary, db.intake)
  const teamOf = (target: string) => (target === '网格长' ? '网格长' : target)
  const list: Service[] = v.categories.map(c => ({
    service_code: c.name,
    service_name: c.name,
    description: `${c.name}（${teamOf(c.target)}）`,
    metadata: false,
    type: 'realtime',
    keywords: '',
    group: teamOf(c.target),
  }))
  for (const u of v.urgent)
    list.push({
      service_code: u.name,
      service_name: u.name,
      description: `${u.name}（紧急）`,
      metadata: false,
      type: 'realtime',
      keywords: '紧急',
      group: '紧急',
    })
  // Sensitive matters go out under one code, so a request never says which of them it is.
  list.push({
    service_code: SENSITIVE_CODE,
    service_name: SENSITIVE_CODE,
    description: '心理、法律、调解等需要保密的求助',
    metadata: false,
    type: 'realtime',
    keywords: '',
    group: '求助',
  })
  const known = new Set(list.map(s => s.service_code))
  for (const t of db.state.tickets) {
    if (isSensitive(t)) continue
    if (!known.has(t.category)) {
      known.add(t.category)
      list.push({ service_code: t.category, service_name: t.category, description: t.category, metadata: false, type: 'realtime', keywords: '', group: '其他' })
    }
  }
  return list
}

export function serviceRequest(db: Db, t: Ticket) {
  const notRequest = t.history.some(e => e.action === 'notRequest')
  const open = t.status === 'open' || t.status === 'accepted'
  const sensitive = isSensitive(t)
  const building = sensitive ? null : t.building
  const where = [building !== null ? `${building}号楼` : '', t.grid !== null ? `${t.grid}网格` : ''].filter(Boolean).join('，')
  return {
    service_request_id: String(t.id),
    status: open ? 'open' : 'closed',
    status_notes: notRequest ? '不是报修' : STATUS_TEXT[t.status],
    service_name: sensitive ? SENSITIVE_CODE : t.category,
    service_code: sensitive ? SENSITIVE_CODE : t.category,
    agency_responsible: `${db.community.name} ${sensitive ? '社区' : handlerLabel(t)}`,
    service_notice: t.urgent ? '紧急' : '',
    requested_datetime: t.createdAt,
    updated_datetime: t.history.at(-1)?.at ?? t.createdAt,
    expected_datetime: open ? iso(deadlinesOf(t, statsOptions(db.settings)).doneBy) : null,
    address: `${db.community.name}${where ? ` ${where}` : ''}`,
    grid: t.grid,
    building,
    urgent: t.urgent,
  }
}

const error = (code: number, description: string) => [{ code, description }]
const time = (s: string | undefined) => {
  const v = s ? Date.parse(s) : NaN
  return Number.isFinite(v) ? v : null
}

export function open311Routes(hono: Hono<Env>, web: Web) {
  hono.use('/open311/*', async (c, next) => {
    c.header('Access-Control-Allow-Origin', '*')
    if (web.open311ApiKey && !same(c.req.query('api_key') ?? '', web.open311ApiKey)) return c.json(error(403, 'api_key 无效或缺失'), 403)
    await next()
  })

  hono.get('/open311/v2/services.json', c => c.json(services(web.app.view(), web)))

  hono.get('/open311/v2/requests.json', async c => {
    const db = web.app.view()
    const now = web.clock.now().getTime()
    const ids = (c.req.query('service_request_id') ?? '')
      .split(',')
      .map(s => Number(s.trim()))
      .filter(n => Number.isInteger(n) && n > 0)
    const end = time(c.req.query('end_date')) ?? now
    const start = time(c.req.query('start_date')) ?? end - 90 * DAY
    if ((c.req.query('start_date') && time(c.req.query('start_date')) === null) || (c.req.query('end_date') && time(c.req.query('end_date')) === null)) {
      return c.json(error(400, 'start_date 和 end_date 应为 ISO 8601 时间，例如 2026-11-01T00:00:00+08:00'), 400)
    }
    const codes = (c.req.query('service_code') ?? '')
      .split(',')
      .map(s => s.trim())
      .filter(Boolean)
    const statuses = (c.req.query('status') ?? '')
      .split(',')
      .map(s => s.trim())
      .filter(Boolean)
    // Archived months that may hold the requested ids or fall in the period.
    const months = ids.length
      ? [...new Set(ids.flatMap(id => monthsFor(db.state, id)))]
      : db.state.archive.map(a => a.month).filter(m => Date.parse(`${m}-01T00:00:00+08:00`) <= end && Date.parse(`${m}-01T00:00:00+08:00`) + 31 * DAY >= start)
    const liveIds = new Set(db.state.tickets.map(t => t.id))
    const archived = (await Promise.all(months.map(m => web.archive.load(m)))).flat().filter(t => !liveIds.has(t.id))
    const list = [...db.state.tickets, ...archived]
      .filter(t => (ids.length ? ids.includes(t.id) : Date.parse(t.createdAt) >= start && Date.parse(t.createdAt) <= end))
      .map(t => serviceRequest(db, t))
      .filter(r => !codes.length || codes.includes(r.service_code)) // by the code shown: 心理疏导 finds nothing
      .filter(r => !statuses.length || statuses.includes(r.status))
      .sort((a, b) => Date.parse(b.requested_datetime) - Date.parse(a.requested_datetime))
      .slice(0, MAX)
    return c.json(list)
  })

  hono.get('/open311/v2/requests/:file{[0-9]+\\.json}', async c => {
    const id = Number(c.req.param('file').replace('.json', ''))
    const db = web.app.view()
    let t = db.state.tickets.find(x => x.id === id)
    for (const m of t ? [] : monthsFor(db.state, id)) t ??= (await web.archive.load(m)).find(x => x.id === id)
    return t ? c.json([serviceRequest(db, t)]) : c.json(error(404, `没有编号为 ${id} 的服务请求`), 404)
  })
}
