import type { Clock } from '../ports.js'

/** The simulator's clock: virtual (moved by hand) or real (for load tests). */
export interface SimClock extends Clock {
  set(ms: number): void
  readonly ms: number
}

/** Real time: `set` is ignored; waits happen only in virtual worlds. */
export class RealClock implements SimClock {
  now() {
    return new Date()
  }
  set(_ms: number) {
    /* real time cannot be moved */
  }
  get ms() {
    return Date.now()
  }
}

/** A clock the simulator moves by hand. `set` only moves it on; `jump` steps the wall clock either way. */
export class VirtualClock implements SimClock {
  constructor(private t: number) {}
  now() {
    return new Date(this.t)
  }
  set(ms: number) {
    if (ms > this.t) this.t = ms
  }
  jump(ms: number) {
    this.t += ms
  }
  get ms() {
    return this.t
  }
}

/** Deterministic pseudo-random numbers (mulberry32) so transcripts repeat run after run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
