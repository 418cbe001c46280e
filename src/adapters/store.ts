import { appendFile, copyFile, mkdir, open, readFile, rename, stat, truncate } from 'node:fs/promises'
import { existsSync, constants as fsConstants } from 'node:fs'
import path from 'node:path'
import { Low } from 'lowdb'
import { DbSchema, describeIssues, type Db } from '../core/schema.js'
import type { Store } from '../ports.js'
import type { Logger } from '../ports.js'
import { formatDbChunks } from './db-format.js'

/** A db.json that cannot be used: start-up stops with this message. The file is never overwritten. */
export class DbError extends Error {}

export const backupPath = (file: string) => `${file}.bak`
export const journalPath = (file: string) => `${file}.journal`

/** Journal lines left by a previous run (appended after its last full write), oldest first. */
async function readJournal(file: string): Promise<unknown[]> {
  const text = await readFile(journalPath(file), 'utf8').catch(() => '')
  const out: unknown[] = []
  for (const line of text.split('\n')) {
    if (!line.trim()) continue
    try { out.push(JSON.parse(line)) } catch { break }   // a torn last line from a crash mid-append
  }
  return out
}
const stamp = () => new Date().toISOString().replace(/\D/g, '').slice(0, 14)

/** Reads and validates a db file without touching it. */
export async function readDb(file: string): Promise<Db> {
  return parseDb(file, await readText(file))
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8')
  } catch (e) {
    throw new DbError(`${file}: 无法读取（${(e as NodeJS.ErrnoException).code ?? String(e)}）`)
  }
}

function parseDb(file: string, text: string): Db {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (e) {
    const bak = backupPath(file)
    const hint = existsSync(bak) ? `最近一次正常的备份在 ${bak}，确认后可复制回来。` : '没有找到备份文件。'
    throw new DbError(`${file}: 不是有效的 JSON（${(e as Error).message}）。文件没有被改动。${hint}`)
  }
  const parsed = DbSchema.safeParse(raw)
  if (!parsed.success) throw new DbError(`${file} 有错误，未启动：\n${describeIssues(file, parsed.error)}`)
  return parsed.data
}

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} }

/**
 * The one lowdb instance over the db file. Loads and validates it, keeps the last good load as a
 * backup, and writes atomically (temp file + rename). A hand edit made while the bot runs is noticed
 * before the next write: a valid one is reloaded (directory, calendar, settings take the edit; the bot
 * keeps its working state and saves the edited copy aside if that part differed); an invalid one is
 * saved aside and reported, never silently lost.
 */
export async function openStore(file: string, log: Logger = silent, seedFrom?: string): Promise<Store> {
  if (seedFrom && !existsSync(file)) {
    await mkdir(path.dirname(path.resolve(file)), { recursive: true })
    await copyFile(seedFrom, file, fsConstants.COPYFILE_EXCL)
    log.info(`${file} 不存在：已从示例社区 ${seedFrom} 创建。请按 README 改成本社区的名单。`)
  }
  const original = await readText(file)
  const data = parseDb(file, original)
  await copyFile(file, backupPath(file))
  const replay = await readJournal(file)
  // lowdb with an adapter of ours: writes are atomic (temp file, then rename) and chunked (db-format.ts).
  let lastChunks: Buffer[] = []
  const low = new Low<Db>({
    read: async () => JSON.parse(await readFile(file, 'utf8')) as Db,
    write: async (d: Db) => {
      const chunks = formatDbChunks(d as unknown as Record<string, unknown>)
      const tmp = path.join(path.dirname(file), `.${path.basename(file)}.tmp`)
      const fh = await open(tmp, 'w')
      try { await fh.writev(chunks) } finally { await fh.close() }
      await rename(tmp, file)
      lastChunks = chunks
    },
  }, data)
  low.data = data
  let known = await signature(file)
  const lastText = () => (lastChunks.length ? Buffer.concat(lastChunks).toString('utf8') : original)

  async function absorbHandEdit() {
    const text = await readFile(file, 'utf8')
    const ours = lastText()
    if (text === ours) return
    try {
      const edited = parseDb(file, text)
      const written = JSON.parse(ours) as { state?: unknown }
      if (JSON.stringify(edited.state) !== JSON.stringify(DbSchema.shape.state.parse(written.state ?? {}))) {
        const aside = `${file}.handedit-${stamp()}`
        await copyFile(file, aside)
        log.warn(`${file} 的 state 部分在运行中被手工修改；运行中的工单以机器人为准，修改后的文件另存为 ${aside}`)
      }
      low.data = { ...edited, state: low.data.state }
      log.warn(`${file} 在运行中被手工修改，已重新载入（目录、日历、设置采用新内容）`)
    } catch (e) {
      const aside = `${file}.rejected-${stamp()}`
      await copyFile(file, aside)
      log.error(`${file} 在运行中被改坏，未采用，已另存为 ${aside}：${(e as Error).message}`)
    }
  }

  let journaled = replay.length > 0
  return {
    get db() { return low.data },
    replay,
    async write() {
      const now = await signature(file)
      if (now !== known) await absorbHandEdit()
      await low.write()
      known = await signature(file)
      if (journaled) { await truncate(journalPath(file), 0).catch(() => undefined); journaled = false }
    },
    async journal(entry: unknown) {
      await appendFile(journalPath(file), JSON.stringify(entry) + '\n')
      journaled = true
    },
  }
}

async function signature(file: string): Promise<string> {
  const s = await stat(file).catch(() => null)
  return s ? `${s.mtimeMs}:${s.size}:${s.ino}` : 'missing'
}
