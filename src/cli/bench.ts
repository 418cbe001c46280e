import { execFileSync } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { measure, prepareHistory } from '../bench/run.js'
import { parseMessage } from '../core/intake/index.js'
import { shippedVocabulary } from '../adapters/vocabulary.js'
import { ROOT } from '../paths.js'
import path from 'node:path'

/**
 * `npm run bench` (`-- --json` for one JSON line): message → acknowledgement latency at 0, 10 000 and
 * 100 000 past tickets, db.json size and peak RSS (each history size in its own process), and the
 * intake's µs per message.
 */
const args = process.argv.slice(2)
const MESSAGES = 400
/** Node flags of `npm start`, read from package.json so the two cannot drift apart. */
const START_FLAGS = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'))
  .scripts.start.split(/\s+/)
  .filter((w: string) => w.startsWith('--'))

async function main() {
  const child = args.indexOf('--child')
  if (child >= 0) {
    const figures = await measure(args[child + 1], Number(args[child + 2]), MESSAGES)
    process.stdout.write(JSON.stringify(figures) + '\n')
    return
  }
  const runs = []
  for (const h of [0, 10_000, 100_000]) {
    const db = await prepareHistory(h)
    try {
      // The bot runs as `npm start` runs it: the same Node flags (package.json "start").
      const out = execFileSync(process.execPath, [...START_FLAGS, fileURLToPath(import.meta.url), '--child', db.file, String(h)], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
        maxBuffer: 1 << 20,
      })
      runs.push(JSON.parse(out.trim().split('\n').at(-1)!))
    } finally {
      await db.cleanup()
    }
  }
  const result = { runs, parse_us: await parseMicros() }
  if (args.includes('--json')) process.stdout.write(JSON.stringify(result) + '\n')
  else {
    for (const r of runs)
      process.stdout.write(
        `history ${String(r.history).padStart(6)}: p50 ${r.p50_ms} ms, p99 ${r.p99_ms} ms, db.json ${r.db_bytes} bytes, peak RSS ${r.rss_mb} MB\n`,
      )
    process.stdout.write(`intake: ${result.parse_us} µs per message\n`)
  }
}

/** Average intake time over the shared corpus (or built-in samples), after warm-up. */
async function parseMicros(): Promise<number> {
  const vocab = shippedVocabulary()
  const corpus = path.join(ROOT, '..', 'shared', 'corpus', 'messages.tsv')
  let lines: string[]
  try {
    lines = (await readFile(corpus, 'utf8'))
      .split('\n')
      .slice(1)
      .map(l => l.split('\t')[0])
      .filter(Boolean)
  } catch {
    lines = ['报修 12号楼2单元301 马桶堵了', '早上好各位', '楼道灯坏了 5号楼', '想找律师问问遗嘱', '厨房有煤气味 7号楼']
  }
  for (let i = 0; i < 2000; i++) parseMessage(lines[i % lines.length], vocab)
  const n = 50_000
  const t0 = performance.now()
  for (let i = 0; i < n; i++) parseMessage(lines[i % lines.length], vocab)
  return Math.round((((performance.now() - t0) * 1000) / n) * 100) / 100
}

main().then(
  () => process.exit(0),
  e => {
    process.stderr.write(`bench failed: ${(e as Error).stack}\n`)
    process.exit(1)
  },
)
