import type { Directory } from './schema.js'
import type { Broadcast, State } from './state.js'
import { gridById, gridOfBuilding, residentRooms, teamByName } from './directory.js'

/** Pure parts of staff broadcasts: who a notice goes to, scheduled times, the delivery report. */

export interface AudienceTarget { label: string; rooms: string[] }

export function parseAudience(dir: Directory, word: string): AudienceTarget | null {
  const w = word.normalize('NFKC').trim()
  if (/^(全体|全部|所有|全社区|所有居民|全体居民)(群)?$/.test(w)) return { label: '全体居民群', rooms: residentRooms(dir) }
  let m = /^(?:第)?(\d{1,3})网格(?:居民群)?$/.exec(w)
  if (m) { const g = gridById(dir, Number(m[1])); return g ? { label: `${g.id}网格`, rooms: [g.room] } : null }
  m = /^(\d{1,4})(?:号楼|栋|幢|#)$/.exec(w)
  if (m) { const g = gridOfBuilding(dir, Number(m[1])); return g ? { label: `${m[1]}号楼（${g.id}网格）`, rooms: [g.room] } : null }
  if (/^(工作群|员工|社区工作群)$/.test(w)) return { label: '工作群', rooms: [dir.community.staffRoom] }
  const team = teamByName(dir, w.replace(/工作群$/, ''))
  if (team) return { label: team.name, rooms: [team.room] }
  return null
}

/** Reads `12月1日 09:00`, `明天 09:00`, `2026-12-01 09:00` at the start of text. Returns Shanghai date/time. */
export function parseWhen(text: string, now: Date): { at: Date; rest: string } | { error: string } {
  const s = text.normalize('NFKC').trim()
  const today = new Date(now.getTime() + 8 * 3600_000)
  let y = today.getUTCFullYear(), mo = 0, d = 0, rest = s
  let m: RegExpExecArray | null
  if ((m = /^(\d{4})[-/年](\d{1,2})[-/月](\d{1,2})日?\s*/.exec(s))) { y = +m[1]; mo = +m[2]; d = +m[3] }
  else if ((m = /^(\d{1,2})月(\d{1,2})[日号]?\s*/.exec(s))) { mo = +m[1]; d = +m[2] }
  else if ((m = /^(今天|明天|后天)\s*/.exec(s))) {
    const t = new Date(today.getTime() + { 今天: 0, 明天: 1, 后天: 2 }[m[1] as '今天'] * 86_400_000)
    y = t.getUTCFullYear(); mo = t.getUTCMonth() + 1; d = t.getUTCDate()
  } else return { error: '请写明日期，例如「12月1日 09:00」' }
  rest = s.slice(m[0].length)
  const tm = /^(\d{1,2})[:：点](\d{2})?分?\s*/.exec(rest)
  if (!tm) return { error: '请写明时间，例如「09:00」' }
  const hh = +tm[1], mm = tm[2] ? +tm[2] : 0
  if (hh > 23 || mm > 59) return { error: `时间 ${tm[0].trim()} 不对，例如「09:00」` }
  rest = rest.slice(tm[0].length)
  const pad = (n: number) => String(n).padStart(2, '0')
  let at = new Date(`${y}-${pad(mo)}-${pad(d)}T${pad(hh)}:${pad(mm)}:00+08:00`)
  if (Number.isNaN(at.getTime()) || new Date(at.getTime() + 8 * 3600_000).getUTCDate() !== d) return { error: `日期 ${mo}月${d}日 不存在` }
  if (!/^\d{4}/.test(s) && at.getTime() < now.getTime() - 86_400_000) {
    at = new Date(`${y + 1}-${pad(mo)}-${pad(d)}T${pad(hh)}:${pad(mm)}:00+08:00`)   // 1月5日 written in December
  }
  if (at.getTime() < now.getTime()) return { error: '这个时间已经过去了，请写一个将来的时间' }
  return { at, rest: rest.trim() }
}

/** The delivery report once every send of a broadcast has been tried, else null. */
export function deliveryReport(state: State, b: Broadcast): string | null {
  const items = state.outbox.filter(o => o.tag === `broadcast:${b.id}`)
  if (items.length < b.rooms.length || items.some(o => o.status === 'queued')) return null
  const ok = items.filter(o => o.status === 'sent').map(o => ('room' in o.dest ? o.dest.room : o.dest.to))
  const bad = items.filter(o => o.status === 'failed')
  const lines = [`【通知 #${b.id} 发送报告】发往 ${b.label}：成功 ${ok.length} 个群，失败 ${bad.length} 个。`]
  if (ok.length) lines.push(`已送达：${ok.join('、')}`)
  for (const o of bad) lines.push(`未送达：${'room' in o.dest ? o.dest.room : o.dest.to}（${o.error ?? '原因不明'}）`)
  return lines.join('\n')
}
