import { readFile, stat, writeFile } from 'node:fs/promises'
import { log as wechatyLog } from 'wechaty'
import { createLogger } from '../adapters/log.js'
import { fileArchive } from '../adapters/archive.js'
import { markArchived } from '../core/archive.js'
import type { Db } from '../core/schema.js'
import type { Ticket } from '../core/types.js'
import { PROJECT_DB, tempDb } from '../sim/scenario.js'
import { SimWorld } from '../sim/world.js'
import { VirtualClock } from '../sim/clock.js'
import { pastTicket, reportText } from './history.js'

export interface RunFigures {
  history: number
  p50_ms: number
  p99_ms: number
  db_bytes: number
  rss_mb: number
}

const START = Date.parse('2026-12-01T09:00:00+08:00')
const RECENT = 300 // closed tickets of the last weeks, live in db.json whatever the history
const MONTH = 30 * 86_400_000

/**
 * A community with `history` past tickets, as years of running leave it: archived by month, plus a fixed
 * set of recent closed tickets still in db.json. Prepared in its own process, so that the measured
 * process holds only what the bot holds.
 */
export async function prepareHistory(history: number): Promise<{ file: string; cleanup: () => Promise<void> }> {
  const db = await tempDb(PROJECT_DB)
  const data = JSON.parse(await readFile(db.file, 'utf8')) as Db
  // Pacing is the outbox's business, not processing latency: no gaps or caps in the way here.
  data.settings = {
    ...data.settings,
    outbox: { ...data.settings?.outbox, groupGapMs: 0, privateGapMs: 0, jitterMs: 0, hourlyCap: 1e9, dailyCap: 1e9 },
  } as Db['settings']
  const state = (data.state ?? {}) as Db['state']
  state.tickets = []
  state.archive = []
  const archive = fileArchive(db.file)
  let id = 1
  const perMonth = 3000
  for (let left = history; left > 0; ) {
    const n = Math.min(perMonth, left)
    const base = START - 120 * 86_400_000 - Math.ceil(left / perMonth) * MONTH
    const batch: Ticket[] = []
    for (let i = 0; i < n; i++) batch.push(pastTicket(id++, new Date(base + i * 600_000)))
    const month = batch[0].createdAt.slice(0, 7)
    markArchived(state, month, batch, await archive.append(month, batch))
    left -= n
  }
  for (let i = 0; i < RECENT; i++) state.tickets.push(pastTicket(id++, new Date(START - 20 * 86_400_000 + i * 3600_000)))
  state.nextTicketId = id
  state.lastArchiveDay = '2026-12-01'
  data.state = state
  await writeFile(db.file, JSON.stringify(data, null, 2))
  return db
}

/** `messages` resident reports through the real bot in wechaty-puppet-mock, timing message → acknowledgement. */
export async function measure(dbFile: string, history: number, messages: number): Promise<RunFigures> {
  wechatyLog.level('silent')
  let rss = process.memoryUsage().rss
  let sentAt = 0
  let waiting = false
  const lat: number[] = []
  const world = new SimWorld(dbFile, new VirtualClock(START), createLogger('silent'), l => {
    if (waiting && l.room && /单号 #\d+/.test(l.text)) {
      lat.push(performance.now() - sentAt)
      waiting = false
    }
  })
  await world.init()
  for (let i = 0; i < messages; i++) {
    waiting = true
    sentAt = performance.now()
    await world.say(`居民${i}`, `花园社区${1 + (i % 16)}网格居民群`, reportText(i))
    rss = Math.max(rss, process.memoryUsage().rss)
  }
  await world.stop()
  lat.sort((a, b) => a - b)
  const q = (p: number) => Math.round(lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] * 100) / 100
  return { history, p50_ms: q(0.5), p99_ms: q(0.99), db_bytes: (await stat(dbFile)).size, rss_mb: Math.round(rss / 1048576) }
}
