import type { Ticket } from '../types.js'
import type { GroupRow, MonthlyStats, Ratio, StatsOptions } from './stats.js'
import { finalVerdict, timeliness } from './stats.js'
import { periodText } from './text.js'
import { human, iso } from '../time.js'
import { STATUS_TEXT, handlerLabel, isSensitive } from '../tickets.js'

/**
 * The monthly figures as CSV for Excel. PURE.
 * Excel opens a CSV as UTF-8 only when it starts with a byte-order mark, so the text starts with U+FEFF;
 * lines end with CRLF; a field is quoted when it holds a comma, a quote, CR or LF or edge spaces (quotes
 * doubled, RFC 4180). A text field starting with = + - @ or a tab gets a leading apostrophe so Excel
 * never runs it as a formula.
 */

export const BOM = '\uFEFF'
export const CRLF = '\r\n'

export function csvField(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'number') return Number.isFinite(v) ? String(Math.round(v * 100) / 100) : ''
  let s = v
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

export const csvLine = (fields: (string | number | null | undefined)[]) => fields.map(csvField).join(',')

/** Builds a CSV document (BOM, CRLF) from rows of fields. */
export const toCsv = (rows: (string | number | null | undefined)[][]) => BOM + rows.map(csvLine).join(CRLF) + CRLF

export const GROUP_HEADER = ['分组', '名称', '工单数', '已办结', '在办', '按时', '超时', '未到期', '满意', '不满意', '未评价']

const groupRow = (kind: string, r: GroupRow) => [
  kind,
  r.label,
  r.total,
  r.resolved,
  r.open,
  r.onTime,
  r.late,
  r.pending,
  r.satisfied,
  r.dissatisfied,
  r.noVerdict,
]

const pctCell = (r: Ratio) => (r.rate === null ? '' : `${Math.round(r.rate * 1000) / 10}%`)
const minutes = (m: number | null) => (m === null ? null : Math.round(m * 10) / 10)

/**
 * The monthly report CSV: a title line, then one table with a row per grid, per team (target) and per
 * category and a 合计 row, then a blank line and a table of rates (value, numerator, denominator, formula),
 * the median times and the cancelled tickets.
 */
export function monthlyCsv(s: MonthlyStats, community = '花园社区'): string {
  const rows: (string | number | null)[][] = [
    ['报表', `${community} ${periodText(s.period)} 工单统计`, '统计区间', iso(s.period.from), iso(s.period.to)],
    [],
    GROUP_HEADER,
    ...s.byGrid.map(r => groupRow('网格', r)),
    ...s.byTarget.map(r => groupRow('队伍', r)),
    ...s.byCategory.map(r => groupRow('类别', r)),
    groupRow('合计', s.totals),
    [],
    ['指标', '数值', '分子', '分母', '口径'],
    ['响应率', pctCell(s.hotline.response), s.hotline.response.num, s.hotline.response.den, '按时接单的工单 ÷ 全部工单（不含撤销）'],
    ['解决率', pctCell(s.hotline.resolution), s.hotline.resolution.num, s.hotline.resolution.den, '已完成或已办结 ÷ 全部工单（不含撤销）'],
    ['满意率', pctCell(s.hotline.satisfaction), s.hotline.satisfaction.num, s.hotline.satisfaction.den, '满意 ÷（满意＋不满意）；未评价不计入'],
    ['按时办结率', pctCell(s.onTime), s.onTime.num, s.onTime.den, '按时接单且按时办结、居民未表示不满意 ÷ 已到期或已办结的工单'],
    ['未评价', s.satisfaction.noVerdict, null, null, '已办结但居民未评价（不算满意）'],
    ['未到期', s.onTime.pending, null, null, '在办且尚未超过时限'],
    ['接单用时中位数（分钟）', minutes(s.medianAcceptMinutes), null, null, '从报告到接单'],
    ['办结用时中位数（分钟）', minutes(s.medianDoneMinutes), null, null, '从报告到完成'],
    ['撤销', s.cancelled.length, null, null, s.cancelled.map(n => `#${n}`).join(' ')],
  ]
  return toCsv(rows)
}

const VERDICT = { satisfied: '满意', dissatisfied: '不满意', none: '未评价' }
const TIMELY = { onTime: '按时', late: '超时', pending: '未到期' }
const minutesBetween = (a: string | null, b: string | null) => (a && b ? Math.round((Date.parse(b) - Date.parse(a)) / 60_000) : null)

/**
 * The 民情台账: one row per ticket created in the period, for staff reporting upward: number, dates,
 * category, grid, building, handler, status, minutes to accept and to finish, verdict, timeliness. No
 * door number, no phone, no resident's name or words (a sensitive matter not even its building).
 */
export function ticketLedger(tickets: Ticket[], s: MonthlyStats, opts: StatsOptions = {}): (string | number | null)[][] {
  const inPeriod = tickets
    .filter(t => {
      const v = Date.parse(t.createdAt)
      return v >= s.period.from.getTime() && v < s.period.to.getTime()
    })
    .sort((a, b) => a.id - b.id)
  return [
    [
      '单号',
      '报告时间',
      '类别',
      '紧急',
      '承办',
      '网格',
      '楼号',
      '状态',
      '接单时间',
      '完成时间',
      '办结时间',
      '接单用时（分钟）',
      '办结用时（分钟）',
      '评价',
      '时限',
    ],
    ...inPeriod.map(t => [
      t.id,
      human(new Date(t.createdAt)),
      t.category,
      t.urgent ? '是' : '',
      handlerLabel(t),
      t.grid,
      isSensitive(t) ? null : t.building,
      t.history.some(e => e.action === 'notRequest') ? '不是报修' : STATUS_TEXT[t.status],
      t.acceptedAt && human(new Date(t.acceptedAt)),
      t.doneAt && human(new Date(t.doneAt)),
      t.closedAt && human(new Date(t.closedAt)),
      minutesBetween(t.createdAt, t.acceptedAt),
      minutesBetween(t.createdAt, t.doneAt),
      t.status === 'closed' || t.status === 'done' ? VERDICT[finalVerdict(t)] : '',
      t.status === 'cancelled' ? '' : TIMELY[timeliness(t, s.asOf, opts)],
    ]),
  ]
}
