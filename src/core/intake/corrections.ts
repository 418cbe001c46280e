import { z } from 'zod'

/**
 * Corrections of the intake by the people who handle its tickets: `不是报修 N` (not a request) and
 * `转派 N 队伍` (the right handler). Each is stored with the message (db state `corrections`), so that
 * `npm run intake:review` can show what the intake gets wrong in the groups and hand over test rows.
 * Pure: no fs, no clock.
 */
export const CorrectionSchema = z.object({
  /** ISO 8601 with +08:00 */
  at: z.string(),
  ticketId: z.number().int(),
  /** the resident's message */
  text: z.string(),
  /** who corrected (display name) */
  by: z.string(),
  kind: z.enum(['notRequest', 'transfer']),
  /** what the ticket had before this correction */
  from: z.object({ category: z.string(), target: z.string() }),
  /** the new handler of a transfer; null for notRequest */
  to: z.object({ target: z.string() }).nullable(),
})
export type Correction = z.infer<typeof CorrectionSchema>

/** The column of messages that were no request at all. */
export const NOT_A_REQUEST = '不是报修'

/** One ticket's correction in the end: what the intake said, what it should have said. */
export interface Outcome {
  ticketId: string | number
  text: string
  /** the intake's target (the first correction's `from`) */
  from: string
  /** the final target, or NOT_A_REQUEST */
  to: string
  at: string
  by: string
}

/**
 * Corrections at or after `since` (epoch ms; null: all), folded per ticket: the intake's target is the
 * first correction's `from`, the right answer the last correction's outcome (a ticket transferred twice
 * counts once, as it ended). In time order.
 */
export function outcomes(corrections: readonly Correction[], since: number | null = null): Outcome[] {
  const sorted = corrections
    .map((c, i) => ({ c, i, t: Date.parse(c.at) }))
    .filter(x => since === null || (!Number.isNaN(x.t) && x.t >= since))
    .sort((a, b) => a.t - b.t || a.i - b.i)
  const byTicket = new Map<number, Outcome>()
  for (const { c } of sorted) {
    const to = c.kind === 'notRequest' || !c.to ? NOT_A_REQUEST : c.to.target
    const prev = byTicket.get(c.ticketId)
    if (prev) {
      prev.to = to
      prev.at = c.at
      prev.by = c.by
      // a ticket reopened by a later message of its own: keep the latest text
      if (c.text) prev.text = c.text
    } else {
      byTicket.set(c.ticketId, { ticketId: c.ticketId, text: c.text, from: c.from.target, to, at: c.at, by: c.by })
    }
  }
  return [...byTicket.values()].sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
}

export interface Confusion {
  /** the intake's targets (rows) */
  rows: string[]
  /** the right targets, NOT_A_REQUEST last (columns) */
  cols: string[]
  /** counts[row][col] */
  counts: number[][]
  total: number
}

/** From-target × to-target counts; NOT_A_REQUEST is always the last column. */
export function confusion(list: readonly Outcome[]): Confusion {
  const rows = [...new Set(list.map(o => o.from))].sort(byName)
  const cols = [...new Set(list.map(o => o.to).filter(t => t !== NOT_A_REQUEST))].sort(byName)
  cols.push(NOT_A_REQUEST)
  const counts = rows.map(() => cols.map(() => 0))
  for (const o of list) counts[rows.indexOf(o.from)][cols.indexOf(o.to)]++
  return { rows, cols, counts, total: list.length }
}

// 网格长 first, then the teams in a stable order
const byName = (a: string, b: string): number => (a === '网格长' ? -1 : b === '网格长' ? 1 : a.localeCompare(b, 'zh'))

/** Display width: CJK and full-width characters count two columns. */
export function displayWidth(s: string): number {
  let w = 0
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1
  return w
}
const pad = (s: string, w: number): string => s + ' '.repeat(Math.max(0, w - displayWidth(s)))

/** The confusion table as text: rows = what the intake said, columns = what it should have said. */
export function formatConfusion(c: Confusion): string {
  if (c.total === 0) return '（没有纠正记录）'
  const corner = '原派给 ＼ 应为'
  const head = [corner, ...c.cols, '合计']
  const body = c.rows.map((r, i) => [r, ...c.counts[i].map(n => (n ? String(n) : '·')), String(c.counts[i].reduce((a, b) => a + b, 0))])
  const sums = c.cols.map((_, j) => String(c.counts.reduce((a, row) => a + row[j], 0)))
  const foot = ['合计', ...sums, String(c.total)]
  const table = [head, ...body, foot]
  const widths = head.map((_, j) => Math.max(...table.map(r => displayWidth(r[j]))))
  const line = (r: string[]) =>
    r
      .map((x, j) => pad(x, widths[j]))
      .join('  ')
      .trimEnd()
  return [line(head), ...body.map(line), line(foot)].join('\n')
}

/** Where a row's message is and whether it is urgent (the CLI reads them with the intake). */
export interface RowFacts {
  building: number | null
  unit: number | null
  room: string | null
  urgent: boolean
}

export const TSV_HEADER = 'text\trequest\ttarget\tbuilding\tunit\troom\turgent'

/**
 * Test rows in the format of tests/core/intake/*.tsv and the shared corpus (text, request, target,
 * building, unit, room, urgent; '-' for none): a message that was no request gets 0 and dashes; a
 * transferred one its right target, with location and urgency from `facts` (given the text and the right
 * target). One row per text (the latest).
 */
export function testRows(list: readonly Outcome[], facts: (text: string, target: string) => RowFacts): string[] {
  const byText = new Map<string, string>()
  for (const o of list) {
    const text = o.text.replace(/[\t\r\n]+/g, ' ').trim()
    if (!text) continue
    if (o.to === NOT_A_REQUEST) {
      byText.set(text, `${text}\t0\t-\t-\t-\t-\t0`)
      continue
    }
    const f = facts(text, o.to)
    const d = (x: number | string | null) => (x === null ? '-' : String(x))
    byText.set(text, `${text}\t1\t${o.to}\t${d(f.building)}\t${d(f.unit)}\t${d(f.room)}\t${f.urgent ? 1 : 0}`)
  }
  return [...byText.values()]
}
