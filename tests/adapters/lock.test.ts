import { describe, expect, it } from 'vitest'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { existsSync, readFileSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { openStore, DbError } from '../../src/adapters/store.js'
import { acquireLock, currentOwner, lockPath, procInfo, type LockOwner } from '../../src/adapters/lock.js'
import { ROOT, silent, tempDb, temps } from './helpers.js'

/*
 * One process per store. On the code before this change there was no lock at all: every one of these
 * fails there (a second open succeeds; no lock file is written).
 */

const run = promisify(execFile)

/** A pid that cannot be running: above the kernel's pid_max. */
const deadPid = () => Number(readFileSync('/proc/sys/kernel/pid_max', 'utf8').trim()) + 1
const writeLock = (db: string, o: Partial<LockOwner>) => writeFile(lockPath(db), JSON.stringify({ ...currentOwner(), ...o }) + '\n')

function recorder() {
  const warns: string[] = []
  return { log: { ...silent, warn: (m: string) => warns.push(m) }, warns }
}

describe('the db lock', () => {
  it('is a file beside db.json naming this process, removed on close', async () => {
    const file = await tempDb()
    const store = await openStore(file)
    const owner = JSON.parse(await readFile(lockPath(file), 'utf8')) as LockOwner
    expect(owner.pid).toBe(process.pid)
    expect(owner.host).toBe(os.hostname())
    expect(Date.parse(owner.startedAt)).not.toBeNaN()
    await store.close()
    expect(existsSync(lockPath(file))).toBe(false)
    await store.close() // idempotent
    await expect(store.write()).rejects.toMatchObject({ code: 'ECLOSED' })
    const again = await openStore(file) // free again
    await again.close()
  })

  it('stops a second store on the same file, naming the file and the owner pid in Chinese and English', async () => {
    const file = await tempDb()
    const store = await openStore(file)
    try {
      const err = await openStore(file).then(
        () => null,
        e => e as Error,
      )
      expect(err).toBeInstanceOf(DbError)
      expect(err?.message).toContain(`${file} 正被另一个进程（pid ${process.pid}）使用，本进程退出。`)
      expect(err?.message).toContain(`${file} is in use by another process (pid ${process.pid}); exiting.`)
    } finally {
      await store.close()
    }
  })

  it('stops when another live process on this host holds it', async () => {
    const file = await tempDb()
    const other = process.ppid // the test runner: alive
    await writeLock(file, { pid: other, procStart: procInfo(other)?.start })
    const err = await openStore(file).then(
      () => null,
      e => e as Error,
    )
    expect(err).toBeInstanceOf(DbError)
    expect(err?.message).toContain(`pid ${other}`)
    expect(err?.message).toContain(file)
    expect(JSON.parse(await readFile(lockPath(file), 'utf8')).pid).toBe(other) // left alone
  })

  it.each([
    ['its process is gone', () => ({ pid: deadPid() })],
    ['the machine has restarted since', () => ({ pid: process.ppid, bootId: 'another-boot' })],
    ['its pid now belongs to another process', () => ({ pid: process.ppid, procStart: '1' })],
    ['it names this very pid from an earlier run (a container restart)', () => ({ pid: process.pid })],
    ['it is unreadable', () => null],
  ])('is taken over, with a warning, when %s', async (_why, owner) => {
    const file = await tempDb()
    const o = owner()
    if (o) await writeLock(file, o)
    else await writeFile(lockPath(file), '')
    const { log, warns } = recorder()
    const store = await openStore(file, log)
    try {
      expect(JSON.parse(await readFile(lockPath(file), 'utf8')).pid).toBe(process.pid)
      expect(warns.some(w => w.includes(lockPath(file)) && /接管|took over/i.test(w))).toBe(true)
      expect(await temps(file)).toEqual([])
    } finally {
      await store.close()
    }
  })

  it('is not taken over from a process on another host, and says how to clear it', async () => {
    const file = await tempDb()
    await writeLock(file, { pid: 4242, host: 'other-machine' })
    const err = await openStore(file).then(
      () => null,
      e => e as Error,
    )
    expect(err).toBeInstanceOf(DbError)
    expect(err?.message).toContain('pid 4242')
    expect(err?.message).toContain('other-machine')
    expect(err?.message).toContain(lockPath(file))
  })

  it('is released when opening fails after it was taken (an invalid db)', async () => {
    const file = await tempDb(db => {
      db.grids[0].leader = '谁'
    })
    await expect(openStore(file)).rejects.toThrow(DbError)
    expect(existsSync(lockPath(file))).toBe(false)
  })

  it('close() never removes a lock that is no longer ours', async () => {
    const file = await tempDb()
    const lock = await acquireLock(file)
    await writeLock(file, { pid: deadPid() }) // replaced behind our back
    await lock.release()
    expect(existsSync(lockPath(file))).toBe(true)
  })

  it('removes temporary files a killed writer left, once it holds the lock', async () => {
    const file = await tempDb()
    const dir = path.dirname(file)
    for (const name of ['.db.json.999999.tmp', '.db.json.tmp', '.db.json.bak.5.tmp', '.db.archive-2026-01.json.7.tmp', '.other.json.5.tmp']) {
      await writeFile(path.join(dir, name), 'partial')
    }
    const store = await openStore(file)
    expect(await temps(file)).toEqual(['.other.json.5.tmp']) // another store's file is not ours to remove
    await store.close()
  })

  it('makes `npm start` exit 1 with the bilingual line when the db is in use', async () => {
    const file = await tempDb()
    const store = await openStore(file) // this test process owns it
    try {
      const err = await run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/main.ts')], { cwd: ROOT, env: { ...process.env, DB_FILE: file } }).then(
        () => null,
        e => e as { code: number; stderr: string },
      )
      expect(err?.code).toBe(1)
      expect(err?.stderr).toContain(`${file} 正被另一个进程（pid ${process.pid}）使用，本进程退出。`)
      expect(err?.stderr).toContain(`${file} is in use by another process (pid ${process.pid}); exiting.`)
    } finally {
      await store.close()
    }
  }, 60_000)
})

// Lock files are opened through the same durable path as db.json (created whole, then linked into place).
it('acquireLock leaves no temporary file behind', async () => {
  const file = await tempDb()
  const lock = await acquireLock(file, silent)
  expect(await temps(file)).toEqual([])
  await lock.release()
})
