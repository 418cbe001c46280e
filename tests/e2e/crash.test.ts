import { describe, expect, it } from 'vitest'
import { tempDir } from '../tmp.js'
import { spawn, execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import readline from 'node:readline'
import { seeded } from '../../src/sim/clock.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const LOAD = path.join(ROOT, 'src/cli/load.ts')
const run = promisify(execFile)

/** Runs the load tool, kills it with SIGKILL after `afterAcks` acknowledgements plus `delayMs`; returns the acked ids. */
function loadThenKill(db: string, afterAcks: number, delayMs: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', LOAD, '--db', db, '--messages', '400'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    const acked: number[] = []
    let killed = false
    const lines = readline.createInterface({ input: child.stdout })
    lines.on('line', line => {
      acked.push((JSON.parse(line) as { ticket: number }).ticket)
      if (!killed && acked.length >= afterAcks) {
        killed = true
        setTimeout(() => child.kill('SIGKILL'), delayMs)
      }
    })
    child.on('exit', () => lines.close())
    lines.on('close', () => (killed ? resolve(acked) : reject(new Error('load finished before it was killed'))))
    child.on('error', reject)
  })
}

describe('crash safety: kill -9 at random moments', () => {
  it('loses no acknowledged ticket', async () => {
    const rand = seeded(Date.now() % 100_000)
    const dir = await tempDir('linli-crash-')
    const db = path.join(dir, 'db.json')
    let total = 0
    for (let round = 0; round < 3; round++) {
      const acked = await loadThenKill(db, 5 + Math.floor(rand() * 60), Math.floor(rand() * 25))
      const { stdout } = await run(process.execPath, ['--import', 'tsx', LOAD, '--db', db, '--verify'], { cwd: ROOT })
      const stored = new Set((JSON.parse(stdout.trim()) as { tickets: number[] }).tickets)
      for (const id of acked) expect(stored.has(id), `ticket #${id} was acknowledged but is not in the db`).toBe(true)
      // The killed run's lock was taken over and released by --verify; its temporary files were cleared.
      expect((await readdir(dir)).filter(f => f.endsWith('.tmp') || f.endsWith('.lock'))).toEqual([])
      total += acked.length
    }
    expect(total).toBeGreaterThanOrEqual(15) // at least 5 acknowledgements before each kill
  }, 180_000)
})
