/**
 * Our own labelled sentences (invented.tsv), written in other words than the shared corpus, to keep the
 * intake general: the same kinds of messages — home repairs, common areas, disputes, paperwork, the
 * eight teams, urgent matters, chatter, thanks, notices, event questions, mentions — phrased differently.
 * Every row must come out exactly as labelled.
 */
import { describe, expect, it } from 'vitest'
import { parseMessage } from '../../../src/core/intake/index.js'
import { describeFigures, readTsv, score, vocab } from './helpers.js'

const rows = readTsv(new URL('./invented.tsv', import.meta.url))

describe('invented sentences', () => {
  it('meet the targets as a set', () => {
    const f = score(rows, t => parseMessage(t, vocab))
    console.log(describeFigures('invented sentences', f))
    expect(f.f1).toBeGreaterThanOrEqual(0.97)
    expect(f.falseTicketRate).toBeLessThanOrEqual(0.02)
    expect(f.targetAccuracy).toBeGreaterThanOrEqual(0.95)
    expect(f.locationAccuracy).toBeGreaterThanOrEqual(0.98)
    expect(f.urgentRecall).toBe(1)
  })

  it.each(rows.map(r => [r.text, r] as const))('%s', (text, row) => {
    const r = parseMessage(text, vocab)
    expect({ request: r.request, target: r.target, building: r.building, unit: r.unit, room: r.room, urgent: r.urgent }).toEqual({
      request: row.request,
      target: row.target,
      building: row.building,
      unit: row.unit,
      room: row.room,
      urgent: row.urgent,
    })
  })
})
