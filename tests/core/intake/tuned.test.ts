/**
 * The sentences we tuned on for the kinds of failure seen on real messages (tuned.tsv: pipes that burst
 * in other words, people shut in a lift, abandoned cars, labour and consumer disputes, 咨询 at the end,
 * matters outside the community, noise from businesses and works, urgent false friends, shared drains,
 * 证明 in a labour question, past stories, group etiquette, unknown buildings, desk questions, long
 * citizens' messages). Every row must come out exactly as labelled, with the community's buildings known.
 */
import { describe, expect, it } from 'vitest'
import { parseMessage } from '../../../src/core/intake/index.js'
import { describeFigures, readTsv, score, vocab } from './helpers.js'

const rows = readTsv(new URL('./tuned.tsv', import.meta.url))
const buildings = Array.from({ length: 80 }, (_, i) => i + 1)

describe('tuned sentences', () => {
  it('meet the targets as a set', () => {
    const f = score(rows, t => parseMessage(t, vocab, { buildings }))
    console.log(describeFigures('tuned sentences', f))
    expect(f.errors).toEqual([])
  })

  it.each(rows.map(r => [r.text, r] as const))('%s', (text, row) => {
    const r = parseMessage(text, vocab, { buildings })
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
