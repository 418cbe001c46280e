/**
 * `npm run --silent parse`: one message a line on stdin → one JSON object a line on stdout with the seven
 * fields { request, category, target, building, unit, room, urgent }, then `confidence` (0..1, two
 * decimals: how sure the request verdict is) and `answer` (the id of the knowledge-base entry that answers
 * the message, or null). How the intake is measured from outside.
 * The vocabulary that ships with the code, plus the additions, the buildings and the knowledge base in the
 * community's db file (env DB_FILE, default the demo db.json); never writes either. A building the db does
 * not list gives null building, unit and room.
 */
import { readFileSync } from 'node:fs'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { resolve } from 'node:path'
import { analyze, contractOf, type IntakeResult, type IntakeVocabulary } from '../core/intake/index.js'
import { IntakeAdditionsSchema, extendVocabulary } from '../core/intake/vocabulary.js'
import { answerQuestion, KnowledgeSchema, type Knowledge } from '../core/kb/index.js'
import { shippedVocabulary } from '../adapters/vocabulary.js'
import { PROJECT_DB } from '../paths.js'

interface Output extends IntakeResult {
  confidence: number
  answer: string | null
}

const NOT_A_REQUEST: Output = {
  request: false,
  category: null,
  target: null,
  building: null,
  unit: null,
  room: null,
  urgent: false,
  confidence: 0,
  answer: null,
}

interface Community {
  vocab: IntakeVocabulary
  knowledge: Knowledge
  buildings: number[] | undefined
}

const issuesOf = (prefix: string, issues: { path: PropertyKey[]; message: string }[]): string =>
  issues
    .slice(0, 10)
    .map(i => `  ${prefix}${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
    .join('\n')

/** The shipped vocabulary with the community's own additions (the db file's `intake`), its buildings and knowledge. */
function loadCommunity(file: string): Community {
  let raw: string
  try {
    raw = readFileSync(file, 'utf8')
  } catch (e) {
    throw new Error(`${file}: 无法读取 (${(e as Error).message})`)
  }
  let json: { intake?: unknown; knowledge?: unknown; buildings?: unknown } | null
  try {
    json = JSON.parse(raw.replace(/^\uFEFF/, '')) as typeof json
  } catch (e) {
    throw new Error(`${file}: 不是有效的 JSON (${(e as Error).message})`)
  }
  const parsed = IntakeAdditionsSchema.safeParse(json?.intake ?? {})
  if (!parsed.success) throw new Error(`${file}: intake 词表有误\n${issuesOf('intake.', parsed.error.issues)}`)
  const knowledge = KnowledgeSchema.safeParse(json?.knowledge ?? [])
  if (!knowledge.success) throw new Error(`${file}: knowledge 知识库有误\n${issuesOf('knowledge.', knowledge.error.issues)}`)
  const buildings = Array.isArray(json?.buildings) ? json.buildings.filter((b): b is number => Number.isInteger(b)) : undefined
  try {
    return { vocab: extendVocabulary(shippedVocabulary(), parsed.data), knowledge: knowledge.data, buildings }
  } catch (e) {
    throw new Error(`${file}: intake 词表有误\n${(e as Error).message}`)
  }
}

function line(c: Community, text: string, now: Date): string {
  let r: Output
  try {
    const a = analyze(text, c.vocab, c.buildings ? { buildings: c.buildings } : {})
    const answer = answerQuestion(text, c.knowledge, [], now, { outside: a.remit === 'outside' })
    r = {
      ...contractOf(a),
      confidence: a.confidence,
      answer: answer?.entryId ?? null,
    }
  } catch {
    r = NOT_A_REQUEST
  }
  // Fixed field order: the seven fields of the intake contract, then the two extra ones.
  return (
    JSON.stringify({
      request: r.request,
      category: r.category,
      target: r.target,
      building: r.building,
      unit: r.unit,
      room: r.room,
      urgent: r.urgent,
      confidence: r.confidence,
      answer: r.answer,
    }) + '\n'
  )
}

async function main(): Promise<void> {
  const file = resolve(process.env.DB_FILE || PROJECT_DB)
  let community: Community
  try {
    community = loadCommunity(file)
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`)
    process.exit(1)
  }
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0)
    throw e
  })
  // Lines of one input chunk are answered together (one write per chunk), flushed before the next tick,
  // so a pipe with many lines streams fast and an interactive line is answered at once.
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity, terminal: false })
  let pending: string[] = []
  let scheduled = false
  let draining: Promise<unknown> | null = null
  const flush = (): void => {
    scheduled = false
    if (pending.length === 0) return
    const chunk = pending.join('')
    pending = []
    if (!process.stdout.write(chunk) && !draining) {
      rl.pause()
      draining = once(process.stdout, 'drain').then(() => {
        draining = null
        rl.resume()
      })
    }
  }
  rl.on('line', text => {
    pending.push(line(community, text, new Date()))
    if (!scheduled) {
      scheduled = true
      setImmediate(flush)
    }
  })
  await once(rl, 'close')
  flush()
}

void main()
