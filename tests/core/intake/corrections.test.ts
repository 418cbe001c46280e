/**
 * Corrections (不是报修 N, 转派 N …): folded per ticket, a confusion table with 'not a request' as the
 * last column, and test rows in the format of the labelled sets.
 */
import { describe, expect, it } from 'vitest'
import {
  confusion,
  CorrectionSchema,
  displayWidth,
  formatConfusion,
  NOT_A_REQUEST,
  outcomes,
  testRows,
  TSV_HEADER,
  type Correction,
} from '../../../src/core/intake/corrections.js'

const c = (at: string, ticketId: number, text: string, kind: Correction['kind'], from: string, to: string | null): Correction =>
  CorrectionSchema.parse({
    at: `2026-12-${at}+08:00`,
    ticketId,
    text,
    by: '值班社工',
    kind,
    from: { category: 'x', target: from },
    to: to ? { target: to } : null,
  })

const list: Correction[] = [
  c('01T09:00:00', 1, '咨询 去济南的大巴几点发车', 'notRequest', '网格长', null),
  c('02T10:00:00', 2, '楼下超市冷柜嗡嗡响 睡不着', 'transfer', '静华调解室', '海军帮忙队'),
  c('02T11:00:00', 2, '楼下超市冷柜嗡嗡响 睡不着', 'transfer', '海军帮忙队', '网格长'),
  c('03T08:00:00', 3, '公司不给交社保\t怎么办', 'transfer', '网格长', '律师会客厅'),
  c('03T09:00:00', 4, '群里别发广告', 'notRequest', '网格长', null),
  c('04T09:00:00', 5, '公司不给交社保\t怎么办', 'transfer', '网格长', '律师会客厅'),
]

describe('corrections', () => {
  it('the schema is exactly the agreed record', () => {
    expect(Object.keys(CorrectionSchema.shape)).toEqual(['at', 'ticketId', 'text', 'by', 'kind', 'from', 'to'])
    expect(CorrectionSchema.safeParse({ ...list[0], kind: 'other' }).success).toBe(false)
    expect(CorrectionSchema.safeParse({ ...list[0], to: undefined }).success).toBe(false)
  })

  it("fold per ticket: the intake's target first, the right one last", () => {
    const o = outcomes(list)
    expect(o.map(x => [x.ticketId, x.from, x.to])).toEqual([
      [1, '网格长', NOT_A_REQUEST],
      [2, '静华调解室', '网格长'],
      [3, '网格长', '律师会客厅'],
      [4, '网格长', NOT_A_REQUEST],
      [5, '网格长', '律师会客厅'],
    ])
  })

  it('since a day keeps later corrections only', () => {
    const since = Date.parse('2026-12-03T00:00:00+08:00')
    expect(outcomes(list, since).map(x => x.ticketId)).toEqual([3, 4, 5])
  })

  it('the confusion table counts from × to, 不是报修 last, with totals', () => {
    const t = confusion(outcomes(list))
    expect(t.rows).toEqual(['网格长', '静华调解室'])
    expect(t.cols).toEqual(['网格长', '律师会客厅', NOT_A_REQUEST])
    expect(t.counts).toEqual([
      [0, 2, 2],
      [1, 0, 0],
    ])
    const text = formatConfusion(t)
    const lines = text.split('\n')
    expect(lines[0]).toMatch(/^原派给 ＼ 应为\s+网格长\s+律师会客厅\s+不是报修\s+合计$/)
    expect(lines[1]).toMatch(/^网格长\s+·\s+2\s+2\s+4$/)
    expect(lines.at(-1)).toMatch(/^合计\s+1\s+2\s+2\s+5$/)
    // columns line up by display width (CJK counts two)
    const at = (l: string, col: string) => displayWidth(l.slice(0, l.indexOf(col)))
    expect(at(lines[0], '合计')).toBe(displayWidth(lines.at(-1)!.slice(0, lines.at(-1)!.lastIndexOf('5'))))
    expect(formatConfusion(confusion([]))).toBe('（没有纠正记录）')
  })

  it('test rows: the labelled format, one per text, tabs in a message become spaces', () => {
    const rows = testRows(outcomes(list), (_text, target) => ({ building: target === '网格长' ? 12 : null, unit: null, room: null, urgent: false }))
    expect(TSV_HEADER.split('\t')).toEqual(['text', 'request', 'target', 'building', 'unit', 'room', 'urgent'])
    expect(rows).toEqual([
      '咨询 去济南的大巴几点发车\t0\t-\t-\t-\t-\t0',
      '楼下超市冷柜嗡嗡响 睡不着\t1\t网格长\t12\t-\t-\t0',
      '公司不给交社保 怎么办\t1\t律师会客厅\t-\t-\t-\t0',
      '群里别发广告\t0\t-\t-\t-\t-\t0',
    ])
    for (const r of rows) expect(r.split('\t')).toHaveLength(7)
  })
})
