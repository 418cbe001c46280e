import { describe, expect, it } from 'vitest'
import { tempDir } from '../tmp.js'
import { spawn, execFile, type ChildProcess } from 'node:child_process'
import { promisify } from 'node:util'
import { readFileSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import readline from 'node:readline'

/*
 * Two `npm run load` processes on one db file (a second `npm start` by mistake, a service manager
 * restarting before the old one exited). Before this change both ran: they shared `.db.json.tmp`, lost
 * acknowledged tickets and acknowledged the same number to two residents. Now exactly one runs and the
 * other stops at once, naming the file and the first one's pid. Nothing here waits on the clock for
 * correctness: the runs are long enough to overlap whatever the machine's speed (the one that runs is
 * stopped by the test), and every wait is for an event, with a generous bound.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const LOAD = path.join(ROOT, 'src/cli/load.ts')
const run = promisify(execFile)

interface Run {
  child: ChildProcess
  acks: number[]
  stderr: string
  exit: Promise<number | null>
}

function startLoad(db: string, messages: number): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', LOAD, '--db', db, '--messages', String(messages)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
  const r: Run = { child, acks: [], stderr: '', exit: undefined as never }
  readline.createInterface({ input: child.stdout! }).on('line', line => r.acks.push((JSON.parse(line) as { ticket: number }).ticket))
  child.stderr!.on('data', d => {
    r.stderr += String(d)
  })
  r.exit = new Promise(resolve => child.on('close', code => resolve(code)))
  return r
}

/** Resolves once `cond` holds, checked whenever the process prints; fails after `ms`. */
function until(r: Run, cond: () => boolean, ms: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (cond()) {
        clearTimeout(timer)
        r.child.stdout!.off('data', later)
        resolve()
      }
    }
    const later = () => setImmediate(check)
    const timer = setTimeout(() => {
      r.child.stdout!.off('data', later)
      reject(new Error(`timed out waiting for ${what}`))
    }, ms)
    r.child.stdout!.on('data', later)
    check()
  })
}

async function verify(db: string): Promise<number[]> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', LOAD, '--db', db, '--verify'], { cwd: ROOT })
  return (JSON.parse(stdout.trim()) as { tickets: number[] }).tickets
}

describe('two processes on one db file', () => {
  it('runs exactly one; the other exits non-zero naming the file and the first one’s pid; nothing is lost or acknowledged twice', async () => {
    const dir = await tempDir('linli-two-')
    const db = path.join(dir, 'db.json')
    const a = startLoad(db, 100_000)
    const b = startLoad(db, 100_000)
    try {
      // One of them stops on its own, soon: that is the one that found the lock.
      const first = Promise.race([a.exit.then(code => ({ loser: a, winner: b, code })), b.exit.then(code => ({ loser: b, winner: a, code }))])
      const bound = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no process stopped within 90 s')), 90_000).unref())
      const { loser, winner, code } = await Promise.race([first, bound])
      expect(code).not.toBe(0)
      expect(code).not.toBeNull()
      expect(loser.stderr).toContain(`${db} 正被另一个进程（pid ${winner.child.pid}）使用，本进程退出。`)
      expect(loser.stderr).toContain(`${db} is in use by another process (pid ${winner.child.pid}); exiting.`)
      expect(loser.acks).toEqual([])

      // The other one runs on: let it acknowledge some tickets, then stop it as a crash would.
      await until(winner, () => winner.acks.length >= 10, 90_000, 'ten acknowledgements')
      winner.child.kill('SIGKILL')
      await winner.exit
      const acked = [...a.acks, ...b.acks]
      expect(new Set(acked).size, 'a ticket number was acknowledged twice').toBe(acked.length)
      const stored = new Set(await verify(db))
      for (const id of acked) expect(stored.has(id), `ticket #${id} was acknowledged but is not in the db`).toBe(true)
    } finally {
      a.child.kill('SIGKILL')
      b.child.kill('SIGKILL')
    }
  }, 240_000)

  it('takes over a stale lock (its process is gone) and says so', async () => {
    const dir = await tempDir('linli-stale-')
    const db = path.join(dir, 'db.json')
    const dead = Number(readFileSync('/proc/sys/kernel/pid_max', 'utf8').trim()) + 1
    await writeFile(`${db}.lock`, JSON.stringify({ pid: dead, host: os.hostname(), startedAt: new Date(0).toISOString() }) + '\n')
    const r = startLoad(db, 3)
    const code = await r.exit
    expect(code, r.stderr).toBe(0)
    expect(r.acks).toHaveLength(3)
    expect(r.stderr).toContain(`接管了遗留的锁 ${db}.lock（原进程 pid ${dead} 已不在运行）`)
    expect(await verify(db)).toEqual(expect.arrayContaining(r.acks))
    await expect(readFile(`${db}.lock`, 'utf8')).rejects.toMatchObject({ code: 'ENOENT' }) // released on a clean stop
  }, 120_000)
})
