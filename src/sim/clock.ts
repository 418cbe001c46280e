import type { Clock } from '../app.js'

/** A clock the simulator moves by hand. */
export class VirtualClock implements Clock {
  constructor(private t: number) {}
  now() { return new Date(this.t) }
  set(ms: number) { if (ms > this.t) this.t = ms }
  get ms() { return this.t }
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
