import os from 'node:os'
import path from 'node:path'
import { readFileSync, unlinkSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import type { Logger } from '../ports.js'
import { DbError } from './db-error.js'
import { createExclusive, nodeFs, type DurableFs } from './durable-write.js'

/**
 * One process per store: `<db>.lock` names the owner (pid, host, start time, and on Linux the boot id and
 * the process's start tick, so that a pid reused after a reboot or by another program is not mistaken
 * for the owner). It is created atomically and exclusively (written in full under a temporary name, then
 * hard-linked into place, which fails if the lock exists), so a reader never sees a half-written lock.
 *
 * A lock whose owner is alive on this host stops the second process with a Chinese and an English line
 * naming the db file and the owner's pid. A stale lock (its process is gone, the machine has rebooted
 * since, or the pid now belongs to another process) is taken over and logged.
 */

export const lockPath = (dbFile: string) => `${dbFile}.lock`

export interface LockOwner {
  pid: number
  host: string
  startedAt: string
  /** /proc/sys/kernel/random/boot_id when the lock was taken (Linux). */
  bootId?: string
  /** The owner's start time in clock ticks since boot (/proc/<pid>/stat field 22, Linux). */
  procStart?: string
}

export interface DbLock {
  readonly file: string
  readonly owner: LockOwner
  /** Removes the lock file if it is still ours. Idempotent. */
  release(): Promise<void>
}

/** The message a second process stops with. */
export function inUseMessage(dbFile: string, pid: number): string {
  return `${dbFile} 正被另一个进程（pid ${pid}）使用，本进程退出。\n${dbFile} is in use by another process (pid ${pid}); exiting.`
}

function otherHostMessage(dbFile: string, o: LockOwner): string {
  const lock = lockPath(dbFile)
  return (
    `${dbFile} 正被另一台机器 ${o.host} 上的进程（pid ${o.pid}）使用，本进程退出。若那台机器已不再运行机器人，请删除 ${lock} 后再启动。\n` +
    `${dbFile} is in use by another process (pid ${o.pid} on host ${o.host}); exiting. If that machine no longer runs the bot, delete ${lock} and start again.`
  )
}

function readBootId(): string | undefined {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || undefined
  } catch {
    return undefined
  }
}

/** State and start tick of a process from /proc (Linux), or undefined where /proc is not there. */
export function procInfo(pid: number): { state: string; start: string } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // "pid (comm) S ppid …": comm may hold spaces and parentheses, so read after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return { state: fields[0], start: fields[19] }
  } catch {
    return undefined
  }
}

/** The owner record of this process. */
export function currentOwner(): LockOwner {
  const me: LockOwner = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() }
  const boot = readBootId()
  if (boot) me.bootId = boot
  const p = procInfo(process.pid)
  if (p?.start) me.procStart = p.start
  return me
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const o = JSON.parse(text) as LockOwner
    if (!Number.isSafeInteger(o?.pid) || o.pid <= 0 || typeof o.host !== 'string') return undefined
    return o
  } catch {
    return undefined
  }
}

type Verdict = { state: 'alive' } | { state: 'other-host' } | { state: 'gone'; why: string }

/** Whether the process named by a lock still runs. Never signals anything but 0 to a positive pid. */
export function ownerStatus(o: LockOwner, heldHere: boolean): Verdict {
  if (o.host !== os.hostname()) return { state: 'other-host' }
  const boot = readBootId()
  if (o.bootId && boot && o.bootId !== boot) return { state: 'gone', why: 'the machine has restarted since' }
  if (o.pid === process.pid) return heldHere ? { state: 'alive' } : { state: 'gone', why: 'an earlier run with the same pid' }
  try {
    process.kill(o.pid, 0)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return { state: 'gone', why: 'the process no longer runs' }
    // EPERM: it runs, as another user.
  }
  const p = procInfo(o.pid)
  if (p && (p.state === 'Z' || p.state === 'X')) return { state: 'gone', why: 'the process has exited' }
  if (p && o.procStart && p.start !== o.procStart) return { state: 'gone', why: 'the pid now belongs to another process' }
  return { state: 'alive' }
}

/** Locks held by this process: resolved lock path → the text we wrote. */
const held = new Map<string, string>()
let exitHook = false
function releaseAllAtExit() {
  if (exitHook) return
  exitHook = true
  process.on('exit', () => {
    for (const [file, text] of held) {
      try {
        if (readFileSync(file, 'utf8') === text) unlinkSync(file)
      } catch {
        /* gone already */
      }
    }
  })
}

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} }

/**
 * Takes `<dbFile>.lock` for this process, or throws a DbError naming the file and the owner's pid.
 * A stale lock is taken over (logged as a warning).
 */
export async function acquireLock(dbFile: string, log: Logger = silent, fs: DurableFs = nodeFs): Promise<DbLock> {
  const file = lockPath(dbFile)
  const key = path.resolve(file)
  if (held.has(key)) throw new DbError(inUseMessage(dbFile, process.pid))
  const owner = currentOwner()
  const text = JSON.stringify(owner) + '\n'
  for (let attempt = 0; attempt < 10; attempt++) {
    let created: boolean
    try {
      created = await createExclusive(file, text, fs)
    } catch (e) {
      throw new DbError(`${(e as Error).message}\n${dbFile}: cannot create the lock file ${file}; start again once it can be written.`)
    }
    if (created) {
      held.set(key, text)
      releaseAllAtExit()
      let released = false
      return {
        file,
        owner,
        async release() {
          if (released) return
          released = true
          held.delete(key)
          const now = await readFile(file, 'utf8').catch(() => null)
          if (now === text) await fs.unlink(file).catch(e => log.warn(`could not remove the lock ${file}: ${(e as Error).message}`))
        },
      }
    }
    const found = await readFile(file, 'utf8').catch(e => {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null // released meanwhile: try again
      throw new DbError(`${dbFile}: 无法读取锁文件 ${file}（${(e as NodeJS.ErrnoException).code ?? e}）\n${dbFile}: cannot read the lock file ${file}`)
    })
    if (found === null) continue
    const other = parseOwner(found)
    const verdict: Verdict = other ? ownerStatus(other, false) : { state: 'gone', why: 'the lock file is unreadable' }
    if (verdict.state === 'alive') throw new DbError(inUseMessage(dbFile, other!.pid))
    if (verdict.state === 'other-host') throw new DbError(otherHostMessage(dbFile, other!))
    // Stale. Move it aside (atomic), and make sure what was moved is what was judged: another process
    // may have taken it over in between, and its fresh lock must go back.
    const aside = `${file}.${process.pid}.stale`
    try {
      await fs.rename(file, aside)
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue
      throw new DbError(
        `${dbFile}: 无法接管遗留的锁文件 ${file}（${(e as NodeJS.ErrnoException).code ?? e}）\n${dbFile}: cannot take over the stale lock ${file}`,
      )
    }
    const moved = await readFile(aside, 'utf8').catch(() => null)
    if (moved !== found) {
      await fs.link(aside, file).catch(() => undefined)
      await fs.unlink(aside).catch(() => undefined)
      continue
    }
    await fs.unlink(aside).catch(() => undefined)
    log.warn(
      `${dbFile}: 接管了遗留的锁 ${file}（原进程 pid ${other?.pid ?? '未知'} 已不在运行）。` +
        ` Took over the stale lock ${file} (pid ${other?.pid ?? 'unknown'}: ${verdict.why}).`,
    )
  }
  throw new DbError(`${dbFile}: 多次尝试仍无法取得锁 ${file}，请稍后再试。\n${dbFile}: could not take the lock ${file}; try again.`)
}
