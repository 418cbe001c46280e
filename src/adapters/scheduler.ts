import type { Logger } from '../ports.js'

/**
 * The shell's scheduled path, kept out of main.ts so that it can be tested: every tick (the wake-up
 * timer, the minute cron, a login) runs guarded — an error is logged with its stack and the next wake is
 * still scheduled, so the bot keeps serving — and nothing here ever rejects.
 */

/** An error as a log line: its stack when it has one. */
export const describeError = (e: unknown): string =>
  e instanceof Error
    ? (e.stack ?? `${e.name}: ${e.message}`)
    : typeof e === 'string'
      ? e
      : (() => {
          try {
            return JSON.stringify(e)
          } catch {
            return String(e)
          }
        })()

/** Runs `work`, logging any error (with its stack) instead of passing it on. Never rejects. */
export async function guarded(log: Logger, what: string, work: () => unknown): Promise<void> {
  try {
    await work()
  } catch (e) {
    try {
      log.error(`${what} failed: ${describeError(e)}`)
    } catch {
      /* a failing logger must not stop the bot */
    }
  }
}

export interface Wakeable {
  tick(): Promise<void>
  /** When the app next has something to do (ms since the epoch), or null. */
  nextWake(): number | null
}

export interface Timers {
  set(fn: () => void, ms: number): unknown
  clear(handle: unknown): void
  now(): number
}

export const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: h => clearTimeout(h as NodeJS.Timeout | undefined),
  now: () => Date.now(),
}

export interface Scheduler {
  /** Re-arms the one wake-up timer for the app's next wake (at most `maxDelayMs` ahead). */
  schedule(): void
  /** Runs one tick, guarded, then re-arms the timer. Never rejects. */
  tick(why: string): Promise<void>
  stop(): void
}

export function createScheduler(app: Wakeable, log: Logger, timers: Timers = realTimers, maxDelayMs = 60_000): Scheduler {
  let handle: unknown
  let stopped = false
  function schedule() {
    timers.clear(handle)
    handle = undefined
    if (stopped) return
    let wake: number | null
    try {
      wake = app.nextWake()
    } catch (e) {
      log.error(`nextWake failed: ${describeError(e)}`)
      wake = timers.now() + maxDelayMs // look again in a while
    }
    if (wake === null) return
    const delay = Math.min(Math.max(wake - timers.now(), 0), maxDelayMs)
    handle = timers.set(() => {
      void tick('timer')
    }, delay)
  }
  async function tick(why: string) {
    await guarded(log, `tick (${why})`, () => app.tick())
    try {
      schedule()
    } catch (e) {
      log.error(`scheduling failed: ${describeError(e)}`)
    }
  }
  return {
    schedule,
    tick,
    stop() {
      stopped = true
      timers.clear(handle)
    },
  }
}

/**
 * A promise nobody handled is logged with its stack and the process keeps serving (Node's default is to
 * exit). Install once, at start.
 */
export function installProcessGuards(log: Logger, proc: Pick<NodeJS.Process, 'on'> = process): void {
  proc.on('unhandledRejection', (reason: unknown) => {
    try {
      log.error(`unhandled rejection (the bot keeps serving): ${describeError(reason)}`)
    } catch {
      /* never throw from here */
    }
  })
}
