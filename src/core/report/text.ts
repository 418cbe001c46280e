import type { Ticket } from '../types.js'
import { STATUS_TEXT } from '../tickets.js'
import { GRID_LEADER } from '../directory.js'
import { isOpenTicket } from './stats.js'
import { human, iso } from '../time.js'
import type { Deadlines, GroupRow, Huddle, MonthlyStats, Period, Ratio } from './stats.js'
import type { PointsSummary, RankEntry } from './points.js'

/** Staff-facing report texts in Simplified Chinese. PURE: everything comes from the arguments. */

/** 95.2% (one decimal, trailing .0 dropped); '—' when there is nothing to divide. */
export function pct(rate: number | null): string {
  if (rate === null) return '—'
  const v = Math.round(rate * 1000) / 10
  return `${Number.isInteger(v) ? v.toFixed(0) : v.toFixed(1)}%`
}

const ratioText = (r: Ratio) => `${pct(r.rate)}（${r.num}/${r.den}）`

/** A duration in minutes for people: 18分钟, 6.5小时, 2.3天; '—' when unknown. */
export function duration(minutes: number | null): string {
  if (minutes === null || !Number.isFinite(minutes)) return '—'
  const one = (v: number) => (Math.round(v * 10) / 10).toString()
  if (minutes < 60) return `${Math.round(minutes)}分钟`
  if (minutes < 48 * 60) return `${one(minutes / 60)}小时`
  return `${one(minutes / 1440)}天`
}

/** 2026年11月 for a month period, else 11月24日—11月30日 (the last day shown is the day before `to`). */
export function periodText(p: Period): string {
  const a = iso(p.from),
    b = iso(new Date(p.to.getTime() - 1))
  const wholeMonth = a.slice(8, 19) === '01T00:00:00' && iso(p.to).slice(8, 19) === '01T00:00:00' && Date.parse(iso(p.to)) - Date.parse(a) <= 31 * 86_400_000
  if (wholeMonth) return `${a.slice(0, 4)}年${Number(a.slice(5, 7))}月`
  const day = (s: string) => `${Number(s.slice(5, 7))}月${Number(s.slice(8, 10))}日`
  return `${day(a)}—${day(b)}`
}

const hours = (h: number) => (h > 24 && h % 24 === 0 ? `${h / 24}天` : `${h}小时`)
const mins = (m: number) => (m % 60 === 0 ? `${m / 60}小时` : `${m}分钟`)

/** The deadlines in words, e.g. 紧急15分钟内接单；一般2小时内接单，入户水电暖24小时、其他3天内办结；法律和心理咨询2天内答复 */
export const deadlineText = (d: Deadlines) =>
  `紧急${mins(d.urgentAcceptMinutes)}内接单；一般${mins(d.acceptMinutes)}内接单，入户水电暖${hours(d.utilityDoneHours)}、其他${hours(d.otherDoneHours)}内办结；法律和心理咨询${hours(d.consultationHours)}内答复`

const rowLine = (r: GroupRow) => {
  const parts = [`办结${r.resolved}`]
  if (r.open) parts.push(`在办${r.open}`)
  if (r.late) parts.push(`超时${r.late}`)
  if (r.satisfied || r.dissatisfied) parts.push(`满意${r.satisfied}`, `不满意${r.dissatisfied}`)
  return `${r.label} ${r.total}件（${parts.join('，')}）`
}

function breakdown(title: string, rows: GroupRow[], idleNote: string): string[] {
  const busy = rows.filter(r => r.total > 0)
  const idle = rows.filter(r => r.total === 0).map(r => r.label)
  const lines = [title, ...(busy.length ? busy.map(r => `  ${rowLine(r)}`) : ['  无'])]
  if (busy.length && idle.length) lines.push(`  ${idleNote}：${idle.join('、')}`)
  return lines
}

const cancelledText = (s: MonthlyStats) =>
  s.cancelled.length ? `（另有撤销 ${s.cancelled.length} 件，不计入统计：${s.cancelled.map(n => '#' + n).join(' ')}）` : ''

/** The monthly report (一月一上报): totals, the three hotline rates, timeliness, then by grid, team and category. */
export function monthlyReportText(s: MonthlyStats, community = '花园社区'): string {
  const h = s.hotline
  return [
    `【${community} ${periodText(s.period)} 工作月报】一月一上报`,
    `本月共受理居民诉求 ${s.total} 件${cancelledText(s)}，已办结 ${s.totals.resolved} 件，在办 ${s.totals.open} 件。`,
    '',
    '一、三率（按热线口径）',
    `  响应率 ${ratioText(h.response)}：按时接单 ÷ 全部工单`,
    `  解决率 ${ratioText(h.resolution)}：已办结 ÷ 全部工单`,
    `  满意率 ${ratioText(h.satisfaction)}：满意 ÷（满意＋不满意）；未评价 ${s.satisfaction.noVerdict} 件另计，不算满意`,
    '',
    '二、时效',
    `  按时办结率 ${ratioText(s.onTime)}${s.onTime.pending ? `，另有 ${s.onTime.pending} 件尚未到期` : ''}`,
    `  接单用时中位数 ${duration(s.medianAcceptMinutes)}，办结用时中位数 ${duration(s.medianDoneMinutes)}`,
    `  时限：${deadlineText(s.deadlines)}；居民不满意的计为超时。`,
    '',
    ...breakdown('三、分网格', s.byGrid, '本月无工单的网格'),
    '',
    ...breakdown('四、分队伍', s.byTarget, '本月无工单的队伍'),
    '',
    ...breakdown('五、分类别', s.byCategory, ''),
  ].join('\n')
}

/** The weekly meeting text (一周一例会): the week by grid and by team. */
export function weeklyReportText(s: MonthlyStats, community = '花园社区'): string {
  return [
    `【${community} 一周一例会】${periodText(s.period)}`,
    `本周受理 ${s.total} 件${cancelledText(s)}，已办结 ${s.totals.resolved} 件，在办 ${s.totals.open} 件；` +
      `响应率 ${pct(s.hotline.response.rate)}，解决率 ${pct(s.hotline.resolution.rate)}，满意率 ${pct(s.hotline.satisfaction.rate)}，按时办结率 ${pct(s.onTime.rate)}。`,
    '',
    ...breakdown('分网格：', s.byGrid, '本周无工单'),
    '',
    ...breakdown('分队伍：', s.byTarget, '本周无工单'),
  ].join('\n')
}

/**
 * The daily huddle (一天一碰头), short enough to read on a phone: one line of figures, then each open
 * ticket once, in the group that matters most (overdue first, then sent back by the resident, then new,
 * then the rest still open), and yesterday's finished ones by number only.
 */
export function huddleText(h: Huddle): string {
  const seen = new Set<number>()
  const once = <T>(items: T[], id: (x: T) => number) =>
    items.filter(x => {
      const k = id(x)
      if (seen.has(k)) return false
      seen.add(k)
      return true
    })
  const line = (t: Ticket, extra: string) =>
    `  #${t.id} ${t.urgent ? '【紧急】' : ''}${t.category} ${place(t)} ${handler(t)}${extra}${t.urgent && t.ack ? `，${t.ack.by}已确认` : ''}`
  const overdue = once(h.overdue, o => o.ticket.id)
  const back = once(h.dissatisfied, d => d.ticket.id).filter(d => isOpenTicket(d.ticket))
  const fresh = once(h.created.filter(isOpenTicket), t => t.id)
  const rest = once(h.open, t => t.id)
  const lines = [
    `【一天一碰头】${human(h.now)}`,
    `昨天以来新报 ${h.created.length}、办结 ${h.done.length}、不满意 ${h.dissatisfied.length}；在办 ${h.open.length} 件，超时 ${h.overdue.length} 件。`,
  ]
  const section = (title: string, rows: string[]) => {
    if (rows.length) lines.push(title, ...cap(rows))
  }
  section(
    '⚠ 超时：',
    overdue.map(o => line(o.ticket, `，${o.missed === 'accept' ? '未接单' : '未办结'}，超${duration(o.minutesLate)}`)),
  )
  section(
    '↩ 居民不满意，重办：',
    back.map(d => line(d.ticket, d.reason ? `：${d.reason.slice(0, 20)}` : '')),
  )
  section(
    '新报：',
    fresh.map(t => line(t, `，${STATUS_TEXT[t.status]}`)),
  )
  section(
    '在办：',
    rest.map(t => line(t, `，${STATUS_TEXT[t.status]}`)),
  )
  if (h.done.length) lines.push(`办结：${h.done.map(t => '#' + t.id).join(' ')}`)
  return lines.join('\n')
}

/** Where, briefly: the building (no flat: the huddle is read in a group). */
const place = (t: Ticket) => (t.building !== null ? `${t.building}号楼` : t.grid !== null ? `${t.grid}网格` : '未定位')
/** Who has it, briefly: the team, or the grid leader. */
const handler = (t: Ticket) => (t.target === GRID_LEADER ? `${t.grid ?? ''}网格长` : t.target)
const HUDDLE_ROWS = 12
const cap = (rows: string[]) => (rows.length > HUDDLE_ROWS ? [...rows.slice(0, HUDDLE_ROWS), `  ……另 ${rows.length - HUDDLE_ROWS} 件，详见后台`] : rows)

/** A volunteer's own points (`积分`). `monthPoints` is this month's summary, `all` the lifetime one. */
export function pointsText(all: PointsSummary, month?: PointsSummary): string {
  const l = all.level
  return [
    `${all.name}，您的奉献积分：累计 ${all.lifetimePoints} 分，${l.name}。`,
    ...(month
      ? [`本月 ${month.points} 分（办结工单 ${month.tickets} 件${month.urgent ? `，其中紧急 ${month.urgent} 件` : ''}，参加活动 ${month.activities} 次）。`]
      : []),
    l.next ? `再得 ${l.toNext} 分升为${l.next.name}。` : '已是最高等级，感谢您的长期奉献！',
  ].join('\n')
}

/** The month's ranking (`积分榜`) for the staff group; `limit` rows at most. */
export function rankingText(title: string, entries: RankEntry[], limit = 20): string {
  if (entries.length === 0) return `【${title} 奉献积分榜】本月暂无积分记录。`
  const rows = entries
    .slice(0, limit)
    .map(e => `${e.rank}. ${e.name}${e.team ? `（${e.team}）` : ''} ${e.points}分 · 工单${e.tickets}件 · 活动${e.activities}次 · ${e.level.name}`)
  const more = entries.length > limit ? [`……共 ${entries.length} 人获得积分`] : []
  return [`【${title} 奉献积分榜】`, ...rows, ...more].join('\n')
}
