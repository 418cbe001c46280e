import type { Hono } from 'hono'
import { h, json } from '../html.js'
import { page } from '../layout.js'
import { ticketItem, when } from '../view.js'
import { todayFigures, type Row } from '../data/today.js'
import type { Env, Web } from '../deps.js'
import type { Health } from '../../ports.js'

/** Open tickets as one bar (not yet late + late, stacked) beside the week's new ones. */
const chart = (rows: Row[], horizontal: boolean, axisName?: string) =>
  json({
    categories: rows.map(r => (axisName ? r.key : r.label)),
    horizontal,
    axisName,
    series: [
      { name: '在办未超时', data: rows.map(r => r.open - r.overdue), stack: 'open' },
      { name: '超时', data: rows.map(r => r.overdue), stack: 'open' },
      { name: '本周新增', data: rows.map(r => r.newThisWeek) },
    ],
  })

function healthCard(hl: Health) {
  return h`<section class="card"><h2>微信状态</h2><dl class="facts">
<dt>登录</dt><dd>${hl.loggedIn ? h`<span class="ok-text">已登录</span>` : h`<span class="errors">已掉线${hl.since ? `（${when(hl.since)} 起）` : ''}，请尽快扫码</span>`}</dd>
<dt>待发消息</dt><dd>${hl.queued} 条</dd>
<dt>本小时已发</dt><dd>${hl.sentLastHour} / ${hl.hourlyCap} 条${hl.sentLastHour >= hl.hourlyCap ? '（已到上限，其余稍后发）' : ''}</dd>
<dt>紧急消息</dt><dd>${hl.urgentLastHour} / ${hl.urgentHourlyCap} 条（本小时）</dd>
<dt>最近告警</dt><dd>${hl.lastAlert ? `${when(hl.lastAlert.at)} ${hl.lastAlert.text}` : '无'}</dd>
</dl></section>`
}

/** 今日: what needs attention now, by grid and by team, and the WeChat session's health. */
export function todayRoutes(hono: Hono<Env>, web: Web) {
  hono.get('/', c => {
    const db = web.app.view()
    const now = web.clock.now()
    const f = todayFigures(db, now)
    const overdue = new Set(f.overdue.map(o => o.ticket.id))
    const body = h`
<div class="kpis">
<a class="kpi" href="/tickets?status=active"><b>${f.open.length}</b><span>在办工单</span></a>
<a class="kpi${f.overdue.length ? ' warn' : ''}" href="/tickets?status=active&amp;overdue=1"><b>${f.overdue.length}</b><span>超时</span></a>
<a class="kpi${f.urgentUnacked.length ? ' alert' : ''}" href="/tickets?status=open&amp;urgent=1"><b>${f.urgentUnacked.length}</b><span>紧急未确认</span></a>
<a class="kpi" href="/tickets?period=week&amp;status=all"><b>${f.newThisWeek.length}</b><span>本周新增</span></a>
</div>
${f.urgentUnacked.length ? h`<section class="card"><h2>紧急，还没人确认</h2><ul class="list">${f.urgentUnacked.map(t => ticketItem(t, overdue.has(t.id)))}</ul></section>` : ''}
<div class="grid2">
<section class="card"><h2>各网格</h2><div class="chart" data-chart="${chart(f.byGrid, false, '网格')}" role="img" aria-label="各网格在办、超时、本周新增工单数"></div></section>
<section class="card"><h2>各队伍</h2><div class="chart" data-chart="${chart(f.byTeam, true)}" role="img" aria-label="各队伍在办、超时、本周新增工单数"></div></section>
</div>
<div class="grid2">
${healthCard(web.app.health())}
<section class="card"><h2>超时最久</h2>${
      f.overdue.length === 0
        ? h`<p class="muted">没有超时的工单。</p>`
        : h`<ul class="list">${f.overdue.slice(0, 8).map(o => ticketItem(o.ticket, true))}</ul>${f.overdue.length > 8 ? h`<p><a href="/tickets?status=active&amp;overdue=1">全部 ${f.overdue.length} 条 →</a></p>` : ''}`
    }</section>
</div>`
    return c.html(page(c, `今日 · ${when(now.toISOString())}`, body, { charts: true }))
  })
}
