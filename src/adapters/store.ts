import { mkdir, readdir, readFile, stat, unlink } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { Low } from 'lowdb'
import { DbSchema, describeIssues, type Db } from '../core/schema.js'
import { checkDb, describeDbIssues } from '../core/db-check.js'
import type { Logger, Store } from '../ports.js'
import { formatDbChunks } from './db-format.js'
import { DbError } from './db-error.js'
import { acquireLock } from './lock.js'
import { StoreWriteError, createExclusive, durableAppend, durableTruncate, durableWrite, nodeFs, writeError, type DurableFs } from './durable-write.js'

export { DbError } from './db-error.js'
export { StoreWriteError, type DurableFs, type DurableHandle } from './durable-write.js'

export const backupPath = (file: string) => `${file}.bak`
export const journalPath = (file: string) => `${file}.journal`

/** A UTF-8 byte-order mark (editors on Windows add one) is not part of the JSON. */
export const stripBom = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)

/** Journal lines left by a previous run (appended after its last full write), oldest first. */
async function readJournal(file: string): Promise<unknown[]> {
  const text = await readFile(journalPath(file), 'utf8').catch(() => '')
  const out: unknown[] = []
  for (const line of text.split('\n')) {
    if (!line.trim()) continue
    // A torn line (a crash mid-append, or an append that failed and could not be cut back) was never
    // acknowledged: skip it and keep reading.
    try {
      out.push(JSON.parse(line))
    } catch {}
  }
  return out
}
const stamp = () => new Date().toISOString().replace(/\D/g, '').slice(0, 14)

/** Reads and validates a db file without touching it (no lock: a read-only look). */
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

/** Parses and validates db text: JSON, the schema, then the cross-field checks of the state (core/db-check.ts). */
function parseDb(file: string, text: string): Db {
  let raw: unknown
  try {
    raw = JSON.parse(stripBom(text))
  } catch (e) {
    const bak = backupPath(file)
    const hint = existsSync(bak) ? `最近一次正常的备份在 ${bak}，确认后可复制回来。` : '没有找到备份文件。'
    throw new DbError(`${file}: 不是有效的 JSON（${(e as Error).message}）。文件没有被改动。${hint}`)
  }
  const parsed = DbSchema.safeParse(raw)
  if (!parsed.success) throw new DbError(`${file} 有错误，未启动：\n${describeIssues(file, parsed.error)}`)
  const issues = checkDb(parsed.data)
  if (issues.length) throw new DbError(`${file} 有错误，未启动：\n${describeDbIssues(file, issues)}`)
  return parsed.data
}

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} }

/**
 * The store over one db file, as the kernel uses it. Beyond `Store` (src/app.ts):
 *
 * - Every `write()` and `journal()` is durable when it resolves (written in full, fsynced, renamed, folder
 *   fsynced; see durable-write.ts). When it cannot be (disk full, I/O error, permissions) it throws a
 *   `StoreWriteError` (`code`, `file`) and db.json on disk is exactly as before. Nothing is stuck: the
 *   next `write()` simply tries again, so the bot recovers by itself once space returns.
 * - `rollback()`: after a `StoreWriteError`, puts `db` back to what is durable — the last successful
 *   `write()` (or the load) — and sets `replay` to the journal entries made durable since then, which the
 *   kernel re-applies exactly as at start (`applyJournal(store.db.state, store.replay)`). The restore is in
 *   place: `store.db` and `store.db.state` remain the same objects. The kernel's part on a failed write:
 *   rollback, tell the resident plainly that the request could not be saved (try again or call the duty
 *   phone), alert staff through the webhook at most hourly; nothing that was not durable is acknowledged.
 * - `close()`: waits for a write in flight, then releases the lock (`<db>.lock`). Writes after it throw
 *   `StoreWriteError` with code 'ECLOSED'. Idempotent.
 */
export interface DbStore extends Store {
  readonly file: string
  /** Journal entries to re-apply over `db`: at open, those a previous run left; after `rollback()`, those since the last durable write. */
  replay: unknown[]
  rollback(): void
  close(): Promise<void>
}

export interface OpenStoreOptions {
  /** The filesystem calls behind every write (tests inject faults). */
  fs?: DurableFs
}

/**
 * Opens the db file for this process: takes its lock (`<db>.lock`; a second process stops with a DbError
 * naming the file and the owner's pid), loads and validates it, keeps the last good load as `<db>.bak`,
 * and writes durably. A hand edit made while the bot runs is noticed before the next write: a valid one
 * is reloaded (directory, calendar, settings take the edit; the bot keeps its working state and saves the
 * edited copy aside if that part differed); an invalid one is saved aside and reported, never silently lost.
 */
export async function openStore(file: string, log: Logger = silent, seedFrom?: string, options: OpenStoreOptions = {}): Promise<DbStore> {
  const fs = options.fs ?? nodeFs
  await mkdir(path.dirname(path.resolve(file)), { recursive: true })
  const lock = await acquireLock(file, log, fs)
  try {
    return await openLocked(file, log, seedFrom, fs, lock.release)
  } catch (e) {
    await lock.release()
    throw e
  }
}

async function openLocked(file: string, log: Logger, seedFrom: string | undefined, fs: DurableFs, releaseLock: () => Promise<void>): Promise<DbStore> {
  await removeStaleTemps(file, log)
  if (seedFrom && !existsSync(file)) {
    try {
      if (await createExclusive(file, await readFile(seedFrom), fs)) log.info(`${file} 不存在：已从示例社区 ${seedFrom} 创建。请按 README 改成本社区的名单。`)
    } catch (e) {
      throw new DbError(`${file}: 无法从示例社区创建（${(e as Error).message}）`)
    }
  }
  // lowdb with an adapter of ours: it reads and validates the file (a BOM accepted, every error named
  // with its field path), and writes durably (durable-write.ts) in cached chunks (db-format.ts).
  let original = ''
  let lastChunks: Buffer[] | null = null // the last durable full write (null: the load)
  let diskChunks: Buffer[] | null = null // what this process last put in the file, durable or not
  const low = new Low<Db>(
    {
      read: async () => {
        original = await readText(file)
        return parseDb(file, original)
      },
      write: async (d: Db) => {
        const chunks = formatDbChunks(d as unknown as Record<string, unknown>)
        try {
          await durableWrite(file, chunks, fs)
        } catch (e) {
          // In place but not durable (the folder fsync failed): ours on disk, yet not to be relied on.
          if ((e as StoreWriteError).replaced) diskChunks = chunks
          throw e
        }
        lastChunks = diskChunks = chunks
      },
    },
    {} as Db,
  ) // replaced by read() just below
  await low.read()
  // The last good load, kept whole: a failed copy leaves the previous backup as it was.
  await durableWrite(backupPath(file), original, fs).catch(e => log.warn(`${backupPath(file)} 未能更新（${(e as StoreWriteError).code}），上一份备份保留不变`))
  const initialReplay = await readJournal(file)
  const textOf = (chunks: Buffer[] | null) => (chunks ? Buffer.concat(chunks).toString('utf8') : original)
  /** The text of the last durable full write (or the load): what rollback() restores. */
  const lastText = () => textOf(lastChunks)
  /** What this process last wrote to the file: a file that differs was edited by hand. */
  const diskText = () => textOf(diskChunks)
  let known = await signature(file)
  /** Journal entries durable since the last full write (at first, those of the previous run). */
  let sinceWrite: unknown[] = [...initialReplay]
  let journaled = initialReplay.length > 0
  let journalTorn = false
  const asides = new Map<string, string>() // signature of a hand-edited file → where it was saved aside

  /** Saves the text of a hand-edited file aside once per edit; a failure fails the write (the edit must not be lost). */
  async function saveAside(sig: string, kind: 'handedit' | 'rejected', text: string): Promise<string> {
    const done = asides.get(`${kind}:${sig}`)
    if (done) return done
    const aside = `${file}.${kind}-${stamp()}`
    await durableWrite(aside, text, fs)
    asides.set(`${kind}:${sig}`, aside)
    return aside
  }

  async function absorbHandEdit(sig: string) {
    let text: string
    try {
      text = await readFile(file, 'utf8')
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw writeError(e, file, '读取')
      log.warn(`${file} 在运行中被删除，将按机器人当前的内容重新写出`)
      return
    }
    const ours = diskText()
    if (text === ours) return
    let edited: Db
    try {
      edited = parseDb(file, text)
      // The edit is taken with the bot's working state: check the pair as it will be used.
      const issues = checkDb({ ...edited, state: low.data.state })
      if (issues.length) throw new DbError(`${file} 有错误：\n${describeDbIssues(file, issues)}`)
    } catch (e) {
      const first = !asides.has(`rejected:${sig}`)
      const aside = await saveAside(sig, 'rejected', text)
      if (first) log.error(`${file} 在运行中被改坏，未采用，已另存为 ${aside}：${(e as Error).message}`)
      return
    }
    const written = JSON.parse(stripBom(ours)) as { state?: unknown }
    if (JSON.stringify(edited.state) !== JSON.stringify(DbSchema.shape.state.parse(written.state ?? {}))) {
      const first = !asides.has(`handedit:${sig}`)
      const aside = await saveAside(sig, 'handedit', text)
      if (first) log.warn(`${file} 的 state 部分在运行中被手工修改；运行中的工单以机器人为准，修改后的文件另存为 ${aside}`)
    }
    low.data = { ...edited, state: low.data.state }
    log.warn(`${file} 在运行中被手工修改，已重新载入（目录、日历、设置采用新内容）`)
  }

  let closed = false
  let busy: Promise<unknown> = Promise.resolve()
  const track = <T>(p: Promise<T>): Promise<T> => {
    busy = p.catch(() => undefined)
    return p
  }
  const closedError = () => new StoreWriteError('ECLOSED', file, `${file} 已关闭，不能再写入（the store is closed）`)

  const store: DbStore = {
    file,
    get db() {
      return low.data
    },
    replay: initialReplay,
    write() {
      if (closed) return Promise.reject(closedError())
      return track(
        (async () => {
          // A hand edit is absorbed for this write; `known` moves on only once the write is durable, so
          // after a failed write (and rollback) the edit is seen again and never lost.
          const sig = await signature(file)
          if (sig !== known) await absorbHandEdit(sig)
          await low.write()
          known = await signature(file)
          sinceWrite = []
          if (journaled) {
            try {
              await durableTruncate(journalPath(file), fs)
              journaled = false
              journalTorn = false
            } catch (e) {
              log.error(`${journalPath(file)} 未能清空（${(e as StoreWriteError).code}），下次写入时重试`)
            }
          }
        })(),
      )
    },
    journal(entry: unknown) {
      if (closed) return Promise.reject(closedError())
      return track(
        (async () => {
          const line = JSON.stringify(entry)
          try {
            // After an append that failed and could not be cut back, start on a fresh line.
            await durableAppend(journalPath(file), `${journalTorn ? '\n' : ''}${line}\n`, fs)
          } catch (e) {
            journalTorn = true
            throw e
          }
          journalTorn = false
          journaled = true
          sinceWrite.push(JSON.parse(line))
        })(),
      )
    },
    rollback() {
      const restored = DbSchema.parse(JSON.parse(stripBom(lastText())))
      const db = low.data
      const state = db.state
      replaceContents(state, restored.state)
      replaceContents(db, { ...restored, state })
      store.replay = sinceWrite.map(e => JSON.parse(JSON.stringify(e)))
    },
    async close() {
      if (closed) return
      closed = true
      await busy
      await releaseLock()
    },
  }
  return store
}

/** Makes `target` hold exactly the own properties of `source` (same object, new contents). */
function replaceContents(target: object, source: object) {
  const t = target as Record<string, unknown>
  for (const k of Object.keys(t)) if (!(k in source)) delete t[k]
  Object.assign(t, source)
}

/**
 * Temporary files a process left when it was killed mid-write (`.db.json.<pid>.tmp`, the backup's, the
 * archives', and the shared `.db.json.tmp` of earlier versions). Only the lock holder removes them.
 */
async function removeStaleTemps(file: string, log: Logger) {
  const dir = path.dirname(path.resolve(file))
  const base = path.basename(file)
  const archiveBase = base.replace(/\.json$/, '')
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const patterns = [
    new RegExp(`^\\.${esc(base)}(\\.bak|\\.(rejected|handedit)-\\d+)?(\\.\\d+)?\\.tmp$`),
    new RegExp(`^\\.?${esc(archiveBase)}\\.archive-\\d{4}-\\d{2}\\.json(\\.\\d+)?\\.tmp$`),
  ]
  const names = await readdir(dir).catch(() => [] as string[])
  for (const name of names) {
    if (!patterns.some(p => p.test(name))) continue
    await unlink(path.join(dir, name)).then(
      () => log.info(`removed ${name}, left by an interrupted write`),
      () => undefined,
    )
  }
}

async function signature(file: string): Promise<string> {
  const s = await stat(file).catch(() => null)
  return s ? `${s.mtimeMs}:${s.size}:${s.ino}` : 'missing'
}
