import { chineseNumberToDigits } from './intake/normalize.js'
import type { Directory } from './schema.js'
import type { Broadcast, State } from './state.js'
import { gridById, gridOfBuilding, residentRooms, teamByName } from './directory.js'

/** Pure parts of staff broadcasts: who a notice goes to and the delivery report (times: core/calendar/when.ts). */

export interface AudienceTarget {
  label: string
  rooms: string[]
  building?: number
}

export function parseAudience(dir: Directory, word: string): AudienceTarget | null {
  // 十二号楼, 第三网格: Chinese numerals read as the intake reads them.
  const w = word
    .normalize('NFKC')
    .trim()
    .replace(/^(第)?([零〇一二两三四五六七八九十百]+)(?=号楼|栋|幢|网格)/, (_, di, n) => (di ?? '') + chineseNumberToDigits(n.replace(/两/g, '二')))
  if (/^(全体|全部|所有|全社区|所有居民|全体居民)(群)?$/.test(w)) return { label: '全体居民群', rooms: residentRooms(dir) }
  let m = /^(?:第)?(\d{1,3})网格(?:居民群)?$/.exec(w)
  if (m) {
    const g = gridById(dir, Number(m[1]))
    return g ? { label: `${g.id}网格`, rooms: [g.room] } : null
  }
  m = /^(\d{1,4})(?:号楼|栋|幢|#)$/.exec(w)
  if (m) {
    const g = gridOfBuilding(dir, Number(m[1]))
    return g ? { label: `${m[1]}号楼（${g.id}网格）`, rooms: [g.room], building: Number(m[1]) } : null
  }
  if (/^(工作群|员工|社区工作群)$/.test(w)) return { label: '工作群', rooms: [dir.community.staffRoom] }
  const team = teamByName(dir, w.replace(/工作群$/, ''))
  if (team) return { label: team.name, rooms: [team.room] }
  return null
}

/** What residents receive: the community's header, a building notice naming the building first, the staff's words, the signature. */
export function noticeText(dir: Directory, b: Pick<Broadcast, 'text' | 'building'>): string {
  const c = dir.community
  const header = c.noticeHeader ?? `【${c.name}通知】`
  const signature = c.noticeSignature ?? `——${c.name}居委会`
  // The building first, unless the staff's words already start with it (12号楼的居民：…).
  const named = b.building && !new RegExp(`^${b.building}(号楼|栋|号)`).test(b.text.trim())
  return `${header}${named ? `${b.building}号楼的居民：` : ''}${b.text}\n${signature}`
}

/** The same words, whatever the punctuation and spacing (。 for ！ is still a resend). */
const bare = (text: string) => text.normalize('NFKC').replace(/[\s\p{P}\p{S}]/gu, '')
const sameWords = (a: string, b: string) => bare(a) === bare(b)

/** A notice with the same words to any of the same groups in the last day (a resend by mistake?). */
export function sameNoticeToday(state: State, b: Pick<Broadcast, 'id' | 'text' | 'rooms'>, now: number): Broadcast | undefined {
  return state.broadcasts.find(
    x =>
      x.id !== b.id &&
      ['scheduled', 'sending', 'done'].includes(x.status) &&
      sameWords(x.text, b.text) &&
      now - Date.parse(x.createdAt) < 86_400_000 &&
      x.rooms.some(r => b.rooms.includes(r)),
  )
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
