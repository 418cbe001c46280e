/**
 * `npm run --silent parse`: one message a line on stdin → one JSON object a line on stdout with exactly
 * { request, category, target, building, unit, room, urgent }. How the intake is measured from outside.
 * The vocabulary that ships with the code, plus the additions in the community's db file (env DB_FILE,
 * default the demo db.json); never writes either.
 */
import { readFileSync } from 'node:fs'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { resolve } from 'node:path'
import { parseMessage, type IntakeResult, type IntakeVocabulary } from '../core/intake/index.js'
import { IntakeAdditionsSchema, extendVocabulary } from '../core/intake/vocabulary.js'
import { shippedVocabulary } from '../adapters/vocabulary.js'
import { PROJECT_DB } from '../paths.js'

const NOT_A_REQUEST: IntakeResult = {
  request: false, category: null, target: null, building: null, unit: null, room: null, urgent: false,
}

/** The shipped vocabulary with the community's own additions (the db file's `intake`). */
function loadVocabulary(file: string): IntakeVocabulary {
  let raw: string
  try {
    raw = readFileSync(file, 'utf8')
  } catch (e) {
    throw new Error(`${file}: 无法读取 (${(e as Error).message})`)
  }
  let json: unknown
  try {
    json = JSON.parse(raw.replace(/^\uFEFF/, ''))
  } catch (e) {
    throw new Error(`${file}: 不是有效的 JSON (${(e as Error).message})`)
  }
  const parsed = IntakeAdditionsSchema.safeParse((json as { intake?: unknown } | null)?.intake ?? {})
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 10)
      .map(i => `  intake.${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('\n')
    throw new Error(`${file}: intake 词表有误\n${issues}`)
  }
  try {
    return extendVocabulary(shippedVocabulary(), parsed.data)
  } catch (e) {
    throw new Error(`${file}: intake 词表有误\n${(e as Error).message}`)
  }
}

function line(vocab: IntakeVocabulary, text: string): string {
  let r: IntakeResult
  try {
    r = parseMessage(text, vocab)
  } catch {
    r = NOT_A_REQUEST
  }
  // Fixed field order, exactly the seven fields.
  return JSON.stringify({
    request: r.request, category: r.category, target: r.target,
    building: r.building, unit: r.unit, room: r.room, urgent: r.urgent,
  }) + '\n'
}

async function main(): Promise<void> {
  const file = resolve(process.env.DB_FILE || PROJECT_DB)
  let vocab: IntakeVocabulary
  try {
    vocab = loadVocabulary(file)
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
    pending.push(line(vocab, text))
    if (!scheduled) {
      scheduled = true
      setImmediate(flush)
    }
  })
  await once(rl, 'close')
  flush()
}

void main()
