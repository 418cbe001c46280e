import type { Hono } from 'hono'
import { h } from '../html.js'
import { page } from '../layout.js'
import { options, ticketItem } from '../view.js'
import { filterTickets, PERIODS, STATUS_FILTERS, type TicketQuery } from '../data/filter.js'
import { GRID_LEADER } from '../../core/directory.js'
import type { Env, Web } from '../deps.js'

const KEYS: (keyof TicketQuery)[] = ['status', 'grid', 'team', 'category', 'period', 'overdue', 'urgent', 'q']

/** 工单: every ticket, filtered by status, grid, team, category, period, overdue, urgent, and searched. */
export function ticketRoutes(hono: Hono<Env>, web: Web) {
  hono.get('/tickets', c => {
    const db = web.app.view()
    const q = Object.fromEntries(KEYS.map(k => [k, c.req.query(k) ?? ''])) as TicketQuery
    const r = filterTickets(db, web.clock.now(), { ...q, page: c.req.query('page') })
    const categories = [...new Set(db.state.tickets.map(t => t.category))].sort()
    const link = (p: number) =>
      '/tickets?' + new URLSearchParams({ ...Object.fromEntries(KEYS.filter(k => q[k]).map(k => [k, q[k]!])), page: String(p) }).toString()
    const body = h`
<form class="filters card" method="get" action="/tickets">
<div class="wide"><label for="q">搜索（单号、内容、楼号如 12号楼、报告人）</label>
<div class="row"><input type="search" id="q" name="q" value="${q.q}" placeholder="例如：漏水 或 #12"><button class="primary">搜索</button></div></div>
<div><label for="status">状态</label><select id="status" name="status">${options(STATUS_FILTERS, q.status || 'active')}</select></div>
<div><label for="period">时间</label><select id="period" name="period">${options(PERIODS, q.period)}</select></div>
<div><label for="grid">网格</label><select id="grid" name="grid">${options([['', '全部网格'], ...db.grids.map(g => [String(g.id), `${g.id}网格`] as [string, string])], q.grid)}</select></div>
<div><label for="team">承办</label><select id="team" name="team">${options([['', '全部承办'], ...db.teams.map(t => [t.name, t.name] as [string, string]), [GRID_LEADER, '网格长']], q.team)}</select></div>
<div><label for="category">类别</label><select id="category" name="category">${options([['', '全部类别'], ...categories.map(x => [x, x] as [string, string])], q.category)}</select></div>
<div class="checks"><label class="inline"><input type="checkbox" name="overdue" value="1"${q.overdue === '1' ? h` checked` : ''}> 超时</label>
<label class="inline"><input type="checkbox" name="urgent" value="1"${q.urgent === '1' ? h` checked` : ''}> 紧急</label></div>
</form>
<p class="muted">共 ${r.total} 条${r.pages > 1 ? `，第 ${r.page} / ${r.pages} 页` : ''}</p>
${r.list.length ? h`<ul class="list">${r.list.map(t => ticketItem(t, r.overdueIds.has(t.id)))}</ul>` : h`<p class="card muted">没有符合条件的工单。</p>`}
${r.pages > 1 ? h`<div class="pager">${r.page > 1 ? h`<a class="button" href="${link(r.page - 1)}">上一页</a>` : h`<span></span>`}${r.page < r.pages ? h`<a class="button" href="${link(r.page + 1)}">下一页</a>` : ''}</div>` : ''}`
    return c.html(page(c, '工单', body))
  })
}
