import { describe, expect, it } from 'vitest'
import { readFile, readdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { openStore, readDb, journalPath, backupPath, StoreWriteError } from '../../src/adapters/store.js'
import { fileArchive } from '../../src/adapters/archive.js'
import { durableWrite, writeAll } from '../../src/adapters/durable-write.js'
import { addTicket, faultyFs, silent, tempDb, temps, type Fault } from './helpers.js'

/*
 * Faults injected under the real store (the `fs` option of openStore). On the code before this change
 * these fail: openStore took no filesystem, a short writev went unchecked (a truncated temp file was
 * renamed over db.json), nothing was fsynced, and failures surfaced as raw errors, if at all.
 */

const FAULTS: [string, Fault, string][] = [
  ['a short write, then ENOSPC', { kind: 'short-write-then-enospc' }, 'ENOSPC'],
  ['a write that makes no progress', { kind: 'no-progress' }, 'ESHORTWRITE'],
  ['ENOSPC on write', { kind: 'enospc-on-write' }, 'ENOSPC'],
  ['EIO on fsync', { kind: 'eio-on-fsync' }, 'EIO'],
  ['EACCES on rename', { kind: 'eacces-on-rename' }, 'EACCES'],
]

describe('a write that fails leaves the previous db.json intact', () => {
  it.each(FAULTS)('%s: typed error, old file loadable, no temp file, rollback, then recovery', async (_name, fault, code) => {
    const file = await tempDb()
    const faulty = faultyFs(fault, undefined, false)
    const s = await openStore(file, silent, undefined, { fs: faulty.fs })
    try {
      addTicket(s.db, 1)
      await s.write() // ticket 1 is durable
      const before = await readFile(file, 'utf8')

      faulty.arm()
      addTicket(s.db, 2)
      const err = await s.write().then(
        () => null,
        e => e,
      )
      expect(err).toBeInstanceOf(StoreWriteError)
      expect((err as StoreWriteError).code).toBe(code)
      expect((err as StoreWriteError).file).toBe(file)
      expect(faulty.hits).toBeGreaterThan(0)
      expect(await readFile(file, 'utf8')).toBe(before) // untouched, byte for byte
      expect((await readDb(file)).state.tickets.map(t => t.id)).toEqual([1]) // and loadable
      expect(await temps(file)).toEqual([]) // no temp file left

      // rollback: back to what is durable, in place
      const db = s.db,
        state = s.db.state
      s.rollback()
      expect(s.db).toBe(db)
      expect(s.db.state).toBe(state)
      expect(s.db.state.tickets.map(t => t.id)).toEqual([1])
      expect(s.db.state.nextTicketId).toBe(2)

      // a second attempt while the fault lasts fails the same way; nothing is stuck once it clears
      addTicket(s.db, 2)
      await expect(s.write()).rejects.toBeInstanceOf(StoreWriteError)
      faulty.clear()
      await s.write()
      expect((await readDb(file)).state.tickets.map(t => t.id)).toEqual([1, 2])
      expect(await temps(file)).toEqual([])
    } finally {
      await s.close()
    }
  })

  it('EIO on the folder fsync after the rename: typed error, the file loads, no spurious hand edit, recovery', async () => {
    const file = await tempDb()
    const faulty = faultyFs({ kind: 'eio-on-dir-fsync' }, undefined, false)
    const logs: string[] = []
    const log = { ...silent, warn: (m: string) => logs.push(m), error: (m: string) => logs.push(m) }
    const s = await openStore(file, log, undefined, { fs: faulty.fs })
    try {
      addTicket(s.db, 1)
      await s.write()
      faulty.arm()
      addTicket(s.db, 2)
      const err = await s.write().then(
        () => null,
        e => e as StoreWriteError,
      )
      expect(err).toBeInstanceOf(StoreWriteError)
      expect(err?.code).toBe('EIO')
      expect(err?.replaced).toBe(true)
      await readDb(file) // whichever content is there, it loads
      s.rollback()
      expect(s.db.state.tickets.map(t => t.id)).toEqual([1]) // not durable: not kept
      faulty.clear()
      addTicket(s.db, 2)
      await s.write()
      expect((await readDb(file)).state.tickets.map(t => t.id)).toEqual([1, 2])
      expect((await readdir(path.dirname(file))).filter(f => f.includes('handedit'))).toEqual([])
      expect(logs.filter(l => l.includes('手工修改'))).toEqual([])
    } finally {
      await s.close()
    }
  })

  it('writes every byte across short writes (writeAll continues where the kernel stopped)', async () => {
    const written: Buffer[] = []
    let calls = 0
    const fh = {
      async writev(bufs: readonly NodeJS.ArrayBufferView[]) {
        calls++
        const all = Buffer.concat(bufs as Buffer[])
        const n = Math.min(all.length, 3) // at most 3 bytes a call
        written.push(all.subarray(0, n))
        return { bytesWritten: n }
      },
      sync: async () => undefined,
      truncate: async () => undefined,
      stat: async () => ({ size: 0 }),
      close: async () => undefined,
    }
    await writeAll(fh, [Buffer.from('ab'), Buffer.from(''), Buffer.from('cdefg'), Buffer.from('汉字')])
    expect(Buffer.concat(written).toString()).toBe('abcdefg汉字')
    expect(calls).toBe(5)
  })
})

describe('the journal', () => {
  it.each([
    ['a short append, then ENOSPC', { kind: 'short-write-then-enospc' } as Fault, 'ENOSPC'],
    ['ENOSPC on append', { kind: 'enospc-on-write' } as Fault, 'ENOSPC'],
    ['EIO on fsync', { kind: 'eio-on-fsync' } as Fault, 'EIO'],
  ])('%s: typed error, the journal is cut back, later entries still replay', async (_name, fault, code) => {
    const file = await tempDb()
    const f = faultyFs(fault, /\.journal$/, false)
    const first = await openStore(file)
    await first.journal({ seen: 'a' })
    await first.close()
    const before = await readFile(journalPath(file), 'utf8')

    const s = await openStore(file, silent, undefined, { fs: f.fs })
    expect(s.replay).toEqual([{ seen: 'a' }])
    f.arm()
    const err = await s.journal({ seen: 'b' }).then(
      () => null,
      e => e as StoreWriteError,
    )
    expect(err).toBeInstanceOf(StoreWriteError)
    expect(err?.code).toBe(code)
    expect(f.hits).toBeGreaterThan(0)
    expect(await readFile(journalPath(file), 'utf8')).toBe(before) // no torn line left behind
    f.clear()
    await s.journal({ seen: 'c' })
    // rollback hands back what the journal holds since the last full write, for the kernel to re-apply
    s.rollback()
    expect(s.replay).toEqual([{ seen: 'a' }, { seen: 'c' }])
    await s.close()
    const again = await openStore(file)
    expect(again.replay).toEqual([{ seen: 'a' }, { seen: 'c' }])
    await again.close()
  })

  it('reads past a torn line in the middle (an append that could not be cut back)', async () => {
    const file = await tempDb()
    await writeFile(journalPath(file), '{"seen":"a"}\n{"seen":"tor\n{"seen":"c"}\n{"seen":"d')
    const s = await openStore(file)
    expect(s.replay).toEqual([{ seen: 'a' }, { seen: 'c' }])
    await s.close()
  })

  it('is emptied, durably, once a full write holds what it recorded', async () => {
    const file = await tempDb()
    const s = await openStore(file)
    await s.journal({ seen: 'x' })
    await s.write()
    expect(await readFile(journalPath(file), 'utf8')).toBe('')
    s.rollback()
    expect(s.replay).toEqual([])
    await s.close()
  })
})

describe('the backup and the archive', () => {
  it('never replaces db.json.bak with a partial copy when the disk is full at start', async () => {
    const file = await tempDb()
    const first = await openStore(file)
    addTicket(first.db, 1)
    await first.write()
    await first.close()
    const good = await readFile(backupPath(file), 'utf8') // the load before ticket 1
    // On the code before this change the backup was a plain copyFile: cut short on a full disk.
    const f = faultyFs({ kind: 'short-write-then-enospc' }, /bak\.\d+\.tmp$/)
    const logs: string[] = []
    const s = await openStore(file, { ...silent, warn: m => logs.push(m) }, undefined, { fs: f.fs })
    expect(f.hits).toBeGreaterThan(0)
    expect(await readFile(backupPath(file), 'utf8')).toBe(good)
    expect(logs.some(l => l.includes(backupPath(file)))).toBe(true)
    expect(await temps(file)).toEqual([])
    await s.close()
  })

  it('writes archive files durably: a failed append leaves the month file as it was', async () => {
    const file = await tempDb()
    const ok = fileArchive(file)
    const store = await openStore(file)
    const t1 = addTicket(store.db, 1),
      t2 = addTicket(store.db, 2)
    await store.close()
    expect(await ok.append('2026-12', [t1])).toBe(1)
    const monthFile = path.join(path.dirname(file), 'db.archive-2026-12.json')
    const before = await readFile(monthFile, 'utf8')
    const f = faultyFs({ kind: 'short-write-then-enospc' })
    const err = await fileArchive(file, f.fs)
      .append('2026-12', [t2])
      .then(
        () => null,
        e => e as StoreWriteError,
      )
    expect(err).toBeInstanceOf(StoreWriteError)
    expect(err?.code).toBe('ENOSPC')
    expect(await readFile(monthFile, 'utf8')).toBe(before)
    expect(await temps(file)).toEqual([])
    expect(await ok.append('2026-12', [t2])).toBe(2)
    // a byte-order mark (a hand edit in a Windows editor) is accepted on read
    await writeFile(monthFile, '\uFEFF' + (await readFile(monthFile, 'utf8')))
    expect((await ok.load('2026-12')).map(t => t.id)).toEqual([1, 2])
  })

  it('uses a temporary file of its own process, never a shared one', async () => {
    const file = await tempDb()
    const seen: string[] = []
    const f = faultyFs({ kind: 'enospc-on-write' }, /^$/)
    await durableWrite(file, '{}', {
      ...f.fs,
      rename: async (a, b) => {
        seen.push(path.basename(a))
        await f.fs.rename(a, b)
      },
    })
    expect(seen).toEqual([`.db.json.${process.pid}.tmp`])
  })
})
