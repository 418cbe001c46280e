import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { IntakeVocabularySchema, type IntakeResult, type IntakeVocabulary } from '../../../src/core/intake/index.js'

/** The vocabulary the bot ships with (src/core/intake/vocabulary.json), validated like at start-up. */
export function loadVocab(): IntakeVocabulary {
  return IntakeVocabularySchema.parse(JSON.parse(readFileSync(new URL('../../../src/core/intake/vocabulary.json', import.meta.url), 'utf8')))
}

export const vocab = loadVocab()

/** A labelled row as in ../shared/corpus/messages.tsv. */
export interface Row {
  text: string
  request: boolean
  target: string | null
  building: number | null
  unit: number | null
  room: string | null
  urgent: boolean
}

export function readTsv(url: URL): Row[] {
  const path = fileURLToPath(url)
  if (!existsSync(path)) throw new Error(`labelled messages not found: ${path}`)
  const lines = readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .filter(l => l.trim() !== '')
  const header = lines[0].split('\t')
  if (header.join(',') !== 'text,request,target,building,unit,room,urgent') {
    throw new Error(`${path}: unexpected header ${header.join(',')}`)
  }
  const d = (x: string | undefined): string | null => (x === undefined || x === '-' || x === '' ? null : x)
  return lines.slice(1).map((l, i) => {
    const c = l.split('\t')
    if (c.length !== 7) throw new Error(`${path}:${i + 2}: expected 7 columns, got ${c.length}`)
    return {
      text: c[0],
      request: c[1] === '1',
      target: d(c[2]),
      building: d(c[3]) === null ? null : Number(c[3]),
      unit: d(c[4]) === null ? null : Number(c[4]),
      room: d(c[5]),
      urgent: c[6] === '1',
    }
  })
}

export interface Figures {
  n: number
  requests: number
  nonRequests: number
  urgentCount: number
  f1: number
  precision: number
  recall: number
  falseTicketRate: number
  targetAccuracy: number
  locationAccuracy: number
  urgentRecall: number
  /** messages flagged urgent that are not (each one wakes a grid leader and the staff group) */
  falseUrgent: number
  errors: string[]
}

/** The measures: request F1, false tickets on non-requests, target accuracy on true requests, exact location, urgent recall. */
export function score(rows: Row[], parse: (text: string) => IntakeResult): Figures {
  let tp = 0,
    fp = 0,
    fn = 0,
    tn = 0,
    targetOk = 0,
    locOk = 0,
    urgentN = 0,
    urgentHit = 0,
    falseUrgent = 0
  const errors: string[] = []
  for (const row of rows) {
    const r = parse(row.text)
    const why: string[] = []
    if (row.request && r.request) tp++
    else if (!row.request && r.request) fp++
    else if (row.request) fn++
    else tn++
    if (row.request !== r.request) why.push(`request ${r.request}`)
    if (row.request) {
      if (r.target === row.target) targetOk++
      else why.push(`target ${r.target} (want ${row.target})`)
    }
    if (r.building === row.building && r.unit === row.unit && r.room === row.room) locOk++
    else why.push(`location ${r.building}/${r.unit}/${r.room} (want ${row.building}/${row.unit}/${row.room})`)
    if (row.urgent) {
      urgentN++
      if (r.urgent) urgentHit++
      else why.push('urgent missed')
    } else if (r.urgent) {
      falseUrgent++
      why.push('false urgent')
    }
    if (why.length) errors.push(`${row.text} → ${why.join('; ')}`)
  }
  const precision = tp + fp ? tp / (tp + fp) : 1
  const recall = tp + fn ? tp / (tp + fn) : 1
  return {
    n: rows.length,
    requests: tp + fn,
    nonRequests: fp + tn,
    urgentCount: urgentN,
    precision,
    recall,
    f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
    falseTicketRate: fp + tn ? fp / (fp + tn) : 0,
    targetAccuracy: tp + fn ? targetOk / (tp + fn) : 1,
    locationAccuracy: rows.length ? locOk / rows.length : 1,
    urgentRecall: urgentN ? urgentHit / urgentN : 1,
    falseUrgent,
    errors,
  }
}

export function describeFigures(name: string, f: Figures): string {
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`
  return [
    `${name}: ${f.n} messages (${f.requests} requests, ${f.nonRequests} not, ${f.urgentCount} urgent)`,
    `  request F1 ${f.f1.toFixed(3)} (precision ${f.precision.toFixed(3)}, recall ${f.recall.toFixed(3)})`,
    `  false tickets on non-requests ${pct(f.falseTicketRate)}`,
    `  target accuracy ${pct(f.targetAccuracy)}`,
    `  exact location ${pct(f.locationAccuracy)}`,
    `  urgent recall ${pct(f.urgentRecall)}`,
    `  false urgent alerts ${f.falseUrgent}`,
    ...f.errors.map(e => `  ✗ ${e}`),
  ].join('\n')
}
