/**
 * Held-out sentences: measured, never tuned on. heldout.tsv (207 rows) was written before any change to
 * the analyzer, one per kind of failure the issue lists, in residents' and citizens' styles; heldout2.tsv
 * (108 rows) in fresh wordings after tuning, measured once on the final analyzer. The test prints the
 * issue's measures and holds floors a little below what was measured, so a regression shows; rows that
 * fail are printed, not fixed here (fixing them would make the set a tuning set).
 */
import { describe, expect, it } from 'vitest'
import { parseMessage } from '../../../src/core/intake/index.js'
import { describeFigures, readTsv, score, vocab, type Figures } from './helpers.js'

const buildings = Array.from({ length: 80 }, (_, i) => i + 1)

const measure = (file: string): Figures => {
  const f = score(readTsv(new URL(file, import.meta.url)), t => parseMessage(t, vocab, { buildings }))
  console.log(describeFigures(file, f))
  return f
}

describe('held-out sentences', () => {
  it('heldout.tsv (written before tuning)', () => {
    const f = measure('./heldout.tsv')
    expect(f.n).toBeGreaterThanOrEqual(150)
    expect(f.f1).toBeGreaterThanOrEqual(FLOORS.heldout.f1)
    expect(f.falseTicketRate).toBeLessThanOrEqual(FLOORS.heldout.falseTickets)
    expect(f.targetAccuracy).toBeGreaterThanOrEqual(FLOORS.heldout.target)
    expect(f.locationAccuracy).toBeGreaterThanOrEqual(FLOORS.heldout.location)
    expect(f.urgentRecall).toBeGreaterThanOrEqual(FLOORS.heldout.urgentRecall)
    expect(f.falseUrgent).toBeLessThanOrEqual(FLOORS.heldout.falseUrgent)
  })

  it('heldout2.tsv (fresh wordings, written after tuning)', () => {
    const f = measure('./heldout2.tsv')
    expect(f.f1).toBeGreaterThanOrEqual(FLOORS.heldout2.f1)
    expect(f.falseTicketRate).toBeLessThanOrEqual(FLOORS.heldout2.falseTickets)
    expect(f.targetAccuracy).toBeGreaterThanOrEqual(FLOORS.heldout2.target)
    expect(f.locationAccuracy).toBeGreaterThanOrEqual(FLOORS.heldout2.location)
    expect(f.urgentRecall).toBeGreaterThanOrEqual(FLOORS.heldout2.urgentRecall)
    expect(f.falseUrgent).toBeLessThanOrEqual(FLOORS.heldout2.falseUrgent)
  })
})

// Floors a little below the measurements (with the community's 80 buildings):
// heldout.tsv  before this work: F1 .833, false tickets 40.5 %, target 81.3 %, location 96.6 %, urgent recall 76.9 %, 14 false urgent;
//              after:            F1 .944, false tickets  9.5 %, target 92.7 %, location 99.0 %, urgent recall 84.6 %,  4 false urgent.
// heldout2.tsv (once, after):    F1 .926, false tickets 15.2 %, target 88.0 %, location 100 %,  urgent recall 80.0 %,  3 false urgent.
const FLOORS = {
  heldout: { f1: 0.93, falseTickets: 0.11, target: 0.91, location: 0.98, urgentRecall: 0.8, falseUrgent: 5 },
  heldout2: { f1: 0.9, falseTickets: 0.17, target: 0.86, location: 0.99, urgentRecall: 0.75, falseUrgent: 4 },
}
