import { readFile, writeFile, readdir } from 'node:fs/promises'
import { tempDir } from '../tmp.js'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createTicket } from '../../src/core/tickets.js'
import type { Db } from '../../src/core/schema.js'
import { nodeFs, type DurableFs, type DurableHandle } from '../../src/adapters/durable-write.js'

export const ROOT = fileURLToPath(new URL('../..', import.meta.url))
export const PROJECT_DB = path.join(ROOT, 'db.json')
export const silent = { debug() {}, info() {}, warn() {}, error() {} }

/** A copy of the project's db.json in a fresh folder (under `dir` if given), optionally changed. */
export async function tempDb(mutate: (db: any) => unknown = () => undefined, dir?: string): Promise<string> {
  const folder = dir ?? (await tempDir('linli-durable-'))
  const file = path.join(folder, 'db.json')
  const db = JSON.parse(await readFile(PROJECT_DB, 'utf8'))
  mutate(db)
  await writeFile(file, JSON.stringify(db, null, 2))
  return file
}

/** A resident's report, as the intake would make it. */
export function addTicket(db: Db, n: number) {
  return createTicket(
    db.state,
    db,
    {
      reporter: `居民${n}`,
      room: '花园社区3网格居民群',
      text: `楼道灯坏了 第${n}次`,
      category: '公共设施',
      target: '3网格网格长',
      grid: 3,
      building: 12,
      unit: 2,
      roomNo: null,
      urgent: false,
      areaKey: null,
      awaitingLocation: false,
    },
    new Date(Date.UTC(2026, 11, 1, 1, 0, n % 60)),
  )
}

/** Temporary files left in the db's folder. */
export const temps = async (file: string) => (await readdir(path.dirname(file))).filter(f => f.endsWith('.tmp'))

const errno = (code: string) => Object.assign(new Error(`${code}: injected fault`), { code })

export type Fault =
  | { kind: 'short-write-then-enospc' } // the first write takes half the bytes, the next fails with ENOSPC
  | { kind: 'no-progress' } // every write reports 0 bytes written
  | { kind: 'enospc-on-write' }
  | { kind: 'eio-on-fsync' }
  | { kind: 'eacces-on-rename' }
  | { kind: 'eio-on-dir-fsync' }

/**
 * The real filesystem with one fault switched on for files whose name matches `target`, until `clear()`.
 * Counts what was injected, so a test can check that its fault was actually hit.
 */
export function faultyFs(fault: Fault, target: RegExp = /\.tmp$|\.journal$/, armed = true) {
  let on = armed
  let hits = 0
  const hit = () => {
    hits++
  }
  const wrap = (file: string, fh: DurableHandle): DurableHandle => {
    let writes = 0
    return {
      async writev(buffers, position) {
        if (on && target.test(file)) {
          writes++
          if (fault.kind === 'enospc-on-write') {
            hit()
            throw errno('ENOSPC')
          }
          if (fault.kind === 'no-progress') {
            hit()
            return { bytesWritten: 0 }
          }
          if (fault.kind === 'short-write-then-enospc') {
            if (writes > 1) {
              hit()
              throw errno('ENOSPC')
            }
            const all = Buffer.concat(buffers as Buffer[])
            const half = all.subarray(0, Math.max(1, Math.floor(all.length / 2)))
            const r = await fh.writev([half], position)
            hit()
            return { bytesWritten: r.bytesWritten }
          }
        }
        return fh.writev(buffers, position)
      },
      async sync() {
        if (on && fault.kind === 'eio-on-fsync' && target.test(file)) {
          hit()
          throw errno('EIO')
        }
        if (on && fault.kind === 'eio-on-dir-fsync' && !path.extname(file) && !target.test(file)) {
          hit()
          throw errno('EIO')
        }
        return fh.sync()
      },
      truncate: len => fh.truncate(len),
      stat: () => fh.stat(),
      close: () => fh.close(),
    }
  }
  const fs: DurableFs = {
    open: async (file, flags, mode) => wrap(file, await nodeFs.open(file, flags, mode)),
    rename: async (from, to) => {
      if (on && fault.kind === 'eacces-on-rename' && target.test(from)) {
        hit()
        throw errno('EACCES')
      }
      return nodeFs.rename(from, to)
    },
    unlink: file => nodeFs.unlink(file),
    link: (a, b) => nodeFs.link(a, b),
  }
  return {
    fs,
    arm: () => {
      on = true
    },
    clear: () => {
      on = false
    },
    get hits() {
      return hits
    },
  }
}
