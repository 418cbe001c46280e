import { readFile, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Ticket } from '../core/types.js'
import type { Archive } from '../ports.js'

/** Monthly archive files beside db.json (db.archive-2026-09.json): closed tickets, still found by 查询 and reports. */

export function fileArchive(dbFile: string): Archive {
  const dir = path.dirname(path.resolve(dbFile))
  const base = path.basename(dbFile).replace(/\.json$/, '')
  const fileOf = (month: string) => path.join(dir, `${base}.archive-${month}.json`)
  const load = async (month: string): Promise<Ticket[]> => {
    try { return JSON.parse(await readFile(fileOf(month), 'utf8')) as Ticket[] } catch (e) {
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
      const file = fileOf(month)
      const tmp = `${file}.tmp`
      await writeFile(tmp, JSON.stringify(all) + '\n')
      await rename(tmp, file)
      return all.length
    },
  }
}

/** An archive in memory, for tests and the simulator's throwaway worlds. */
export function memoryArchive(): Archive {
  const months = new Map<string, Ticket[]>()
  return {
    async load(month) { return [...(months.get(month) ?? [])] },
    async append(month, tickets) {
      const ids = new Set(tickets.map(t => t.id))
      const all = [...(months.get(month) ?? []).filter(t => !ids.has(t.id)), ...tickets]
      months.set(month, all)
      return all.length
    },
  }
}
