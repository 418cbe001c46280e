import { copyFile, readFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { Low } from 'lowdb'
import { JSONFile } from 'lowdb/node'
import { DbSchema, describeIssues, type Db } from '../core/schema.js'
import type { Store } from '../app.js'

/** A db.json that cannot be used: start-up stops with this message. The file is never overwritten. */
export class DbError extends Error {}

export const backupPath = (file: string) => `${file}.bak`

/** Reads and validates a db file without touching it. */
export async function readDb(file: string): Promise<Db> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (e) {
    throw new DbError(`${file}: 无法读取（${(e as NodeJS.ErrnoException).code ?? String(e)}）`)
  }
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

/** The one lowdb instance over the db file. Loads, validates, keeps a last-good backup, writes atomically. */
export async function openStore(file: string): Promise<Store> {
  const data = await readDb(file)
  await copyFile(file, backupPath(file))
  const low = new Low<Db>(new JSONFile<Db>(file), data)
  low.data = data
  return {
    get db() { return low.data },
    write: () => low.write(),
  }
}
