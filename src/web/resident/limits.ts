import type { Clock } from '../../ports.js'

/**
 * Rate limits of the resident page, in memory (a restart forgives), by address and by device, counted
 * on the app's clock (tests move it; nothing sleeps). An IPv6 address counts by its /64, which is what
 * one household or phone gets.
 */
const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR

export const LIMITS = {
  /** Any POST (reports, verdicts, malformed ones too) from one address: a flood is cut off before its body is read. */
  posts: { perAddress: [[30, 10 * MIN]] },
  /** Reports accepted: per address, per device and from everywhere (a flood from many addresses must not bury the handlers). */
  reports: {
    perAddress: [
      [5, 10 * MIN],
      [20, DAY],
    ],
    perDevice: [
      [3, 10 * MIN],
      [10, DAY],
    ],
    overall: [[60, HOUR]],
  },
  /** Status pages viewed, and links that matched nothing (guesses), per address. */
  views: { perAddress: [[120, 10 * MIN]], misses: [[10, 10 * MIN]] },
} as const

type Rule = readonly (readonly [number, number])[]
const MAX_KEYS = 20_000

/** Sliding windows: the times of recent hits per key, kept as long as the longest window and for at most MAX_KEYS keys. */
class Hits {
  private map = new Map<string, number[]>()
  constructor(private keep: number) {}

  /** Whether another hit under `key` would break a rule. */
  over(key: string, rule: Rule, now: number): boolean {
    const list = this.map.get(key) ?? []
    return rule.some(([max, window]) => list.filter(t => now - t < window).length >= max)
  }

  add(key: string, now: number) {
    const list = (this.map.get(key) ?? []).filter(t => now - t < this.keep)
    list.push(now)
    this.map.delete(key) // re-inserted last: the map's order is least recently hit first
    this.map.set(key, list)
    if (this.map.size > MAX_KEYS) this.map.delete(this.map.keys().next().value!)
  }
}

/** The key an address counts under: IPv4 as is (mapped IPv6 too), IPv6 by its first 64 bits. */
export function addressKey(ip: string): string {
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)
  if (v4) return v4[1]
  if (!ip.includes(':')) return ip
  const [head, tail = ''] = ip.toLowerCase().split('::')
  const left = head ? head.split(':') : []
  const right = tail ? tail.split(':') : []
  const full = ip.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left
  return `${full
    .slice(0, 4)
    .map(x => x.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`
}

export type Refusal = 'address' | 'device' | 'busy'

export class ResidentLimits {
  private posts = new Hits(10 * MIN)
  private reports = new Hits(DAY)
  private views = new Hits(10 * MIN)
  private misses = new Hits(10 * MIN)

  constructor(private clock: Clock) {}

  private now() {
    return this.clock.now().getTime()
  }

  /** Counts a POST from this address; false when the address sent too many lately. */
  post(ip: string): boolean {
    const key = addressKey(ip),
      now = this.now()
    if (this.posts.over(key, LIMITS.posts.perAddress, now)) return false
    this.posts.add(key, now)
    return true
  }

  /** Whether a report from this address and device may be taken now; when it may, it is counted. */
  report(ip: string, device: string): Refusal | null {
    const key = addressKey(ip),
      now = this.now()
    if (this.reports.over(`d:${device}`, LIMITS.reports.perDevice, now)) return 'device'
    if (this.reports.over(`a:${key}`, LIMITS.reports.perAddress, now)) return 'address'
    if (this.reports.over('*', LIMITS.reports.overall, now)) return 'busy'
    for (const k of [`d:${device}`, `a:${key}`, '*']) this.reports.add(k, now)
    return null
  }

  /** Counts a status page view; false when the address viewed too many, or guessed too many links. */
  view(ip: string): boolean {
    const key = addressKey(ip),
      now = this.now()
    if (this.views.over(key, LIMITS.views.perAddress, now) || this.misses.over(key, LIMITS.views.misses, now)) return false
    this.views.add(key, now)
    return true
  }

  /** A link that matched nothing: counted against the address. */
  missed(ip: string) {
    this.misses.add(addressKey(ip), this.now())
  }
}
