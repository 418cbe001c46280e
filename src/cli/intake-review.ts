/**
 * `npm run intake:review -- --since 2026-12-01 [--db FILE]`: the corrections staff and handlers made to
 * the intake (`不是报修 N`, `转派 N …`, kept in the db file's state.corrections) since a day, as a
 * confusion table (what the intake said × what it should have said) and as test rows ready to add to
 * tests/core/intake/tuned.tsv, so the vocabulary improves from what really happens in the groups.
 * Reads the db file (--db, else env DB_FILE, else data/db.json, else the demo db.json); never writes.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { analyze, type IntakeVocabulary } from '../core/intake/index.js'
import { confusion, CorrectionSchema, formatConfusion, outcomes, testRows, TSV_HEADER, type Correction } from '../core/intake/corrections.js'
import { IntakeAdditionsSchema, extendVocabulary } from '../core/intake/vocabulary.js'
import { shippedVocabulary } from '../adapters/vocabulary.js'
import { PROJECT_DB, ROOT } from '../paths.js'

const USAGE = '用法：npm run intake:review -- --since 2026-12-01 [--db 文件]'

class Fail extends Error {}

interface Args {
  since: string | null
  db: string | null
}

function parseArgs(argv: string[]): Args {
  const out: Args = { since: null, db: null }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    const value = (): string => {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i]
      if (v === undefined || v === '') throw new Fail(`${a.split('=')[0]} 后面缺少参数\n${USAGE}`)
      return v
    }
    if (a === '--since' || a.startsWith('--since=')) out.since = value()
    else if (a === '--db' || a.startsWith('--db=')) out.db = value()
    else if (a === '--help' || a === '-h') throw new Fail(USAGE)
    else throw new Fail(`不认识的参数：${a}\n${USAGE}`)
  }
  return out
}

/** Start of a Shanghai day as epoch ms, or a clear error. */
function dayStart(day: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  const t = m ? Date.parse(`${day}T00:00:00+08:00`) : NaN
  // 2026-02-30 parses in some engines: check the day survives the round trip
  const ok = m && !Number.isNaN(t) && new Date(t + 8 * 3600_000).toISOString().slice(0, 10) === day
  if (!ok) throw new Fail(`日期格式不对：“${day}”。请写成 年-月-日，例如 2026-12-01`)
  return t
}

function defaultDb(): string {
  if (process.env.DB_FILE) return path.resolve(process.env.DB_FILE)
  const data = path.join(ROOT, 'data', 'db.json')
  return existsSync(data) ? data : PROJECT_DB
}

function readDb(file: string): Record<string, unknown> {
  let raw: string
  try {
    raw = readFileSync(file, 'utf8')
  } catch (e) {
    throw new Fail(`无法读取 ${file}：${(e as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : (e as Error).message}`)
  }
  try {
    const json = JSON.parse(raw.replace(/^\uFEFF/, '')) as unknown
    if (!json || typeof json !== 'object' || Array.isArray(json)) throw new Error('顶层不是对象')
    return json as Record<string, unknown>
  } catch (e) {
    throw new Fail(`${file} 不是有效的 JSON：${(e as Error).message}`)
  }
}

function main(): void {
  const args = parseArgs(process.argv.slice(2))
  const since = args.since === null ? null : dayStart(args.since)
  const file = args.db ? path.resolve(args.db) : defaultDb()
  const db = readDb(file)

  const state = (db.state ?? {}) as { corrections?: unknown }
  const list = Array.isArray(state.corrections) ? state.corrections : []
  const corrections: Correction[] = []
  list.forEach((c, i) => {
    const r = CorrectionSchema.safeParse(c)
    if (r.success) corrections.push(r.data)
    else process.stderr.write(`跳过 state.corrections.${i}：${r.error.issues.map(x => `${x.path.join('.') || '(整条)'} ${x.message}`).join('；')}\n`)
  })

  let vocab: IntakeVocabulary = shippedVocabulary()
  const additions = IntakeAdditionsSchema.safeParse(db.intake ?? {})
  if (additions.success) vocab = extendVocabulary(vocab, additions.data)
  const buildings = Array.isArray(db.buildings) ? (db.buildings as unknown[]).filter((b): b is number => Number.isInteger(b)) : undefined

  const done = outcomes(corrections, since)
  const out: string[] = []
  out.push(`文件：${file}`)
  out.push(`纠正记录：${done.length} 张工单${args.since ? `（自 ${args.since} 起）` : '（全部）'}`)
  out.push('')
  out.push('一、混淆表（行：小助手原来派给谁；列：应该派给谁）')
  out.push(formatConfusion(confusion(done)))
  out.push('')
  out.push('二、可加入 tests/core/intake/tuned.tsv 的测试行（核对后粘贴）')
  out.push(TSV_HEADER)
  out.push(
    ...testRows(done, (text, target) => {
      const a = analyze(text, vocab, buildings ? { buildings } : {})
      const loc = a.request ? a : { building: null, unit: null, room: null }
      return { building: loc.building, unit: loc.unit, room: loc.room, urgent: a.urgent && target === vocab.gridTarget }
    }),
  )
  process.stdout.write(out.join('\n') + '\n')
}

try {
  main()
} catch (e) {
  if (e instanceof Fail) {
    process.stderr.write(`${e.message}\n`)
    process.exit(1)
  }
  throw e
}
