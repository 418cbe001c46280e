import type { Hono } from 'hono'
import { h, json } from '../html.js'
import { page } from '../layout.js'
import { options } from '../view.js'
import { monthReport, monthTickets, reportMonths, ticketRows } from '../data/report.js'
import { csv, parseCsv, xlsx } from '../sheets.js'
import type { C, Env, Web } from '../deps.js'
import { duration, monthlyCsv, pct, periodText, type GroupRow } from '../../core/report/index.js'

const chart = (rows: GroupRow[], horizontal: boolean, axisName?: string) =>
  json({
    categories: rows.map(r => (axisName ? r.label.replace(/网格$/, '') : r.label)),
    horizontal,
    stack: true,
    axisName,
    series: [
      { name: '按时', data: rows.map(r => r.onTime) },
      { name: '超时', data: rows.map(r => r.late) },
      { name: '未到期', data: rows.map(r => r.pending) },
    ],
  })

const groupTable = (title: string, rows: GroupRow[]) => h`<section class="card"><h2>${title}</h2><div class="scroll"><table class="compact">
<thead><tr><th>名称</th><th class="num">工单</th><th class="num">办结</th><th class="num">在办</th><th class="num">超时</th><th class="num">满意</th><th class="num">不满意</th></tr></thead>
<tbody>${rows
  .filter(r => r.total > 0)
  .map(
    r => h`<tr><td data-label="名称">${r.label}</td><td class="num" data-label="工单">${r.total}</td><td class="num" data-label="办结">${r.resolved}</td>
<td class="num" data-label="在办">${r.open}</td><td class="num" data-label="超时">${r.late}</td><td class="num" data-label="满意">${r.satisfied}</td><td class="num" data-label="不满意">${r.dissatisfied}</td></tr>`,
  )}</tbody></table></div></section>`

/** Numbers in a CSV table become numbers in the workbook. */
const typed = (rows: string[][]) => rows.map(r => r.map(v => (/^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v)))

/** 报表: this month and past months, charts, and downloads per ticket and in totals (CSV with BOM, .xlsx). */
export function reportRoutes(hono: Hono<Env>, web: Web) {
  const monthOk = (c: C) => {
    const m = c.req.param('month') ?? ''
    return reportMonths(web.app.view(), web.clock.now()).includes(m) ? m : null
  }

  hono.get('/reports', async c => {
    const db = web.app.view()
    const now = web.clock.now()
    const months = reportMonths(db, now)
    const month = months.includes(c.req.query('month') ?? '') ? c.req.query('month')! : months[0]
    const s = monthReport(db, await monthTickets(db, web.archive, month), month, now)
    const file = (name: string, label: string) => h`<a class="button" href="/reports/${month}/${name}">${label}</a>`
    return c.html(
      page(
        c,
        `报表 · ${periodText(s.period)}`,
        h`
<form class="filters card" method="get" action="/reports"><div><label for="month">月份</label><select id="month" name="month">${options(
          months.map(m => [m, m.replace('-', '年') + '月']),
          month,
        )}</select></div>
<div><button>查看</button></div></form>
<div class="kpis">
<div class="kpi"><b>${s.total}</b><span>工单（不含撤销）</span></div>
<div class="kpi"><b>${pct(s.hotline.response.rate)}</b><span>响应率</span></div>
<div class="kpi"><b>${pct(s.hotline.resolution.rate)}</b><span>解决率</span></div>
<div class="kpi"><b>${pct(s.hotline.satisfaction.rate)}</b><span>满意率</span></div>
<div class="kpi"><b>${pct(s.onTime.rate)}</b><span>按时办结率</span></div>
<div class="kpi"><b>${duration(s.medianAcceptMinutes)}</b><span>接单用时（中位数）</span></div>
<div class="kpi"><b>${duration(s.medianDoneMinutes)}</b><span>办结用时（中位数）</span></div>
<div class="kpi"><b>${s.satisfaction.noVerdict}</b><span>办结未评价</span></div>
</div>
<section class="card"><h2>下载</h2><div class="row">${file('tickets.xlsx', '逐单明细 .xlsx')}${file('tickets.csv', '逐单明细 CSV')}${file('totals.xlsx', '汇总 .xlsx')}${file('totals.csv', '汇总 CSV')}</div>
<p class="muted small">明细只有网格和楼号，没有门牌号、居民姓名和原话，可以转给街道。</p></section>
<div class="grid2">
<section class="card"><h2>各网格</h2><div class="chart" data-chart="${chart(s.byGrid, false, '网格')}" role="img" aria-label="各网格按时、超时、未到期工单数"></div></section>
<section class="card"><h2>各队伍</h2><div class="chart" data-chart="${chart(s.byTarget, true)}" role="img" aria-label="各队伍按时、超时、未到期工单数"></div></section>
</div>
<div class="grid2">${groupTable('按类别', s.byCategory)}${groupTable('按队伍', s.byTarget)}</div>
${s.cancelled.length ? h`<p class="muted">撤销的工单（不计入）：${s.cancelled.map(n => `#${n}`).join(' ')}</p>` : ''}`,
        { charts: true },
      ),
    )
  })

  const send = (c: C, name: string, type: string, body: string | Uint8Array<ArrayBuffer>) => {
    c.header('Content-Type', type)
    c.header('Content-Disposition', `attachment; filename="report.${name.split('.').pop()}"; filename*=UTF-8''${encodeURIComponent(name)}`)
    return typeof body === 'string' ? c.body(body) : c.body(body)
  }
  const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
  const CSV = 'text/csv; charset=utf-8'

  hono.get('/reports/:month/:file{(tickets|totals)\\.(csv|xlsx)}', async c => {
    const month = monthOk(c)
    if (!month) return c.text('没有这个月份', 404)
    const db = web.app.view()
    const tickets = await monthTickets(db, web.archive, month)
    const s = monthReport(db, tickets, month, web.clock.now())
    const [kind, ext] = c.req.param('file').split('.')
    const name = `${db.community.name}-${month}-${kind === 'tickets' ? '工单明细' : '汇总'}.${ext}`
    if (kind === 'tickets') {
      const rows = ticketRows(db, tickets, s)
      return ext === 'csv'
        ? send(c, name, CSV, csv(rows))
        : send(c, name, XLSX, new Uint8Array(await xlsx([{ name: '工单明细', rows, widths: [8, 14, 12, 6, 18, 6, 6, 12, 14, 14, 14, 8, 8] }])))
    }
    const text = monthlyCsv(s, db.community.name)
    return ext === 'csv'
      ? send(c, name, CSV, text)
      : send(c, name, XLSX, new Uint8Array(await xlsx([{ name: '汇总', rows: typed(parseCsv(text)), widths: [12, 20, 10, 10, 10, 10, 10, 10, 10, 10, 10] }])))
  })
}
