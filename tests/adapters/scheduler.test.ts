import { describe, expect, it } from 'vitest'
import { EventEmitter } from 'node:events'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import path from 'node:path'
import { createScheduler, guarded, installProcessGuards, type Timers } from '../../src/adapters/scheduler.js'
import { ROOT } from './helpers.js'

/*
 * The scheduled path of `npm start` (main.ts). Before this change main.ts ran `void app.tick().finally(…)`
 * on login and on the minute cron with no catch (a failed write became an unhandled rejection, which
 * ends a Node 20 process), and logged the timer tick's error without its stack.
 */

function recorder() {
  const errors: string[] = []
  return { log: { debug() {}, info() {}, warn() {}, error: (m: string) => errors.push(m) }, errors }
}

/** Timers driven by the test: nothing waits on real time. */
function manualTimers(start = 1_000_000) {
  let now = start
  const pending = new Map<number, { fn: () => void; at: number }>()
  let next = 1
  const timers: Timers = {
    set(fn, ms) {
      const id = next++
      pending.set(id, { fn, at: now + ms })
      return id
    },
    clear(h) {
      pending.delete(h as number)
    },
    now: () => now,
  }
  return {
    timers,
    pending: () => [...pending.values()].map(p => p.at - now),
    /** Moves to the next timer and runs it. */
    fire() {
      const [id, p] = [...pending.entries()].sort((a, b) => a[1].at - b[1].at)[0]
      pending.delete(id)
      now = p.at
      p.fn()
    },
  }
}

describe('the scheduler', () => {
  it('logs a tick that throws with its stack, and still schedules the next wake', async () => {
    const { log, errors } = recorder()
    const t = manualTimers()
    let ticks = 0
    const app = {
      async tick() {
        ticks++
        if (ticks === 1) throw new Error('ENOSPC: no space left on device, write')
      },
      nextWake: () => t.timers.now() + 5_000,
    }
    const s = createScheduler(app, log, t.timers)
    await expect(s.tick('cron')).resolves.toBeUndefined()
    expect(errors).toHaveLength(1)
    expect(errors[0]).toContain('tick (cron) failed: Error: ENOSPC: no space left on device, write')
    expect(errors[0]).toMatch(/\n\s+at /) // the stack
    expect(t.pending()).toEqual([5_000]) // the bot keeps serving
    t.fire() // the timer's own tick
    await new Promise(r => setImmediate(r))
    expect(ticks).toBe(2)
    expect(errors).toHaveLength(1)
    expect(t.pending()).toEqual([5_000])
  })

  it('keeps a single timer, at most a minute ahead, and none when nothing is due', async () => {
    const { log } = recorder()
    const t = manualTimers()
    let wake: number | null = t.timers.now() + 3_600_000
    const s = createScheduler({ tick: async () => undefined, nextWake: () => wake }, log, t.timers)
    s.schedule()
    s.schedule()
    expect(t.pending()).toEqual([60_000])
    wake = null
    s.schedule()
    expect(t.pending()).toEqual([])
    wake = t.timers.now() - 10
    s.schedule()
    expect(t.pending()).toEqual([0])
    s.stop()
    expect(t.pending()).toEqual([])
  })

  it('survives nextWake throwing: logs it and looks again within a minute', async () => {
    const { log, errors } = recorder()
    const t = manualTimers()
    const s = createScheduler(
      {
        tick: async () => undefined,
        nextWake: () => {
          throw new TypeError('bad state')
        },
      },
      log,
      t.timers,
    )
    await s.tick('login')
    expect(errors[0]).toContain('nextWake failed: TypeError: bad state')
    expect(t.pending()).toEqual([60_000])
  })

  it('guarded() never rejects and logs non-Error throws too', async () => {
    const { log, errors } = recorder()
    await guarded(log, 'store close', () => {
      throw 'plain string'
    })
    await guarded(log, 'x', async () => {
      throw { code: 'EIO' }
    })
    expect(errors).toEqual(['store close failed: plain string', 'x failed: {"code":"EIO"}'])
  })
})

describe('the process guard', () => {
  it('logs an unhandled rejection with its stack', () => {
    const { log, errors } = recorder()
    const proc = new EventEmitter()
    installProcessGuards(log, proc as unknown as NodeJS.Process)
    proc.emit('unhandledRejection', new Error('write failed'), Promise.resolve())
    expect(errors[0]).toContain('unhandled rejection (the bot keeps serving): Error: write failed')
    expect(errors[0]).toMatch(/\n\s+at /)
  })

  it('keeps a real process running after an unhandled rejection (Node alone would exit with code 1)', async () => {
    const script = [
      `import { installProcessGuards } from ${JSON.stringify(path.join(ROOT, 'src/adapters/scheduler.ts'))}`,
      `import { createLogger } from ${JSON.stringify(path.join(ROOT, 'src/adapters/log.ts'))}`,
      `installProcessGuards(createLogger('error'))`,
      `Promise.reject(new Error('boom in a scheduled tick'))`,
      // unhandled rejections are dealt with before timers run: reaching this line means the process lived on
      `setTimeout(() => process.stdout.write('still serving\\n'), 0)`,
    ].join('\n')
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT })
    expect(stdout).toBe('still serving\n')
    expect(stderr).toContain('Error: boom in a scheduled tick')
    expect(stderr).toMatch(/\n\s+at /)
  }, 60_000)
})
