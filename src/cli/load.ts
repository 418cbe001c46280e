import { readFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { log as wechatyLog } from 'wechaty'
import { createLogger } from '../adapters/log.js'
import { openStore } from '../adapters/store.js'
import { fileArchive } from '../adapters/archive.js'
import { createExclusive } from '../adapters/durable-write.js'
import type { Db } from '../core/schema.js'
import { PROJECT_DB } from '../sim/scenario.js'
import { SimWorld } from '../sim/world.js'
import { RealClock } from '../sim/clock.js'
import { reportText } from '../bench/history.js'
import { runCli } from './run.js'

/**
 * `npm run load -- --db FILE --messages N`: N resident reports through the real bot (mock puppet, real
 * clock, real db file) as fast as it takes them; prints {"ticket":ID} the moment each acknowledgement is
 * handed to the puppet. A new FILE starts from the project's db.json with pacing off.
 * `npm run load -- --db FILE --verify`: loads FILE exactly as the bot does at start and prints {"tickets":[…]}.
 */
const args = process.argv.slice(2)
const opt = (name: string) => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}

async function main() {
  wechatyLog.level('silent')
  const file = opt('--db')
  if (!file) throw new Error('用法：npm run load -- --db FILE --messages N | --verify')
  if (args.includes('--verify')) {
    const store = await openStore(file)
    const archive = fileArchive(file)
    const ids = store.db.state.tickets.map(t => t.id)
    for (const a of store.db.state.archive) ids.push(...(await archive.load(a.month)).map(t => t.id))
    await store.close()
    process.stdout.write(JSON.stringify({ tickets: [...new Set(ids)].sort((a, b) => a - b) }) + '\n')
    return
  }
  const n = Number(opt('--messages'))
  if (!Number.isInteger(n) || n <= 0) throw new Error('--messages 需要一个正整数')
  if (!existsSync(file)) {
    const db = JSON.parse(await readFile(PROJECT_DB, 'utf8')) as Db
    db.settings = {
      ...db.settings,
      outbox: { ...db.settings?.outbox, groupGapMs: 0, privateGapMs: 0, jitterMs: 0, hourlyCap: 1e9, dailyCap: 1e9 },
    } as Db['settings']
    // Created whole and only if still missing: two runs started at once never write over each other.
    await createExclusive(file, JSON.stringify(db, null, 2))
  }
  const world = new SimWorld(path.resolve(file), new RealClock(), createLogger('warn'), l => {
    const m = l.room && /单号 #(\d+)/.exec(l.text)
    if (m) process.stdout.write(JSON.stringify({ ticket: Number(m[1]) }) + '\n')
  })
  await world.init()
  for (let i = 0; i < n; i++) await world.say(`居民${i}`, `花园社区${1 + (i % 16)}网格居民群`, reportText(i))
  await world.stop()
}

runCli(main)
