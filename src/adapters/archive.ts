import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Ticket } from '../core/types.js'
import type { Archive } from '../ports.js'
import { durableWrite, nodeFs, type DurableFs } from './durable-write.js'

/** Monthly archive files beside db.json (db.archive-2026-09.json): closed tickets, still found by 查询 and reports. */

/**
 * Archive files are written as db.json is (durable-write.ts): in full, fsynced, renamed, folder fsynced;
 * a failure throws `StoreWriteError` and leaves the month's file as it was. A byte-order mark is accepted.
 */
export function fileArchive(dbFile: string, fs: DurableFs = nodeFs): Archive {
  const dir = path.dirname(path.resolve(dbFile))
  const base = path.basename(dbFile).replace(/\.json$/, '')
  const fileOf = (month: string) => path.join(dir, `${base}.archive-${month}.json`)
  const load = async (month: string): Promise<Ticket[]> => {
    try {
      return JSON.parse((await readFile(fileOf(month), 'utf8')).replace(/^\uFEFF/, '')) as Ticket[]
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return []
      throw e
    }
  }
  return {
    load,
    async append(month, tickets) {
      const existing = await load(month)
      const ids = new Set(tickets.map(t => t.id))
      const all = [...existing.filter(t => !ids.has(t.id)), ...tickets].sort((a, b) => a.id - b.id)
      await durableWrite(fileOf(month), JSON.stringify(all) + '\n', fs)
      return all.length
    },
  }
}

/** An archive in memory, for tests and the simulator's throwaway worlds. */
export function memoryArchive(): Archive {
  const months = new Map<string, Ticket[]>()
  return {
    async load(month) {
      return [...(months.get(month) ?? [])]
    },
    async append(month, tickets) {
      const ids = new Set(tickets.map(t => t.id))
      const all = [...(months.get(month) ?? []).filter(t => !ids.has(t.id)), ...tickets]
      months.set(month, all)
      return all.length
    },
  }
}
