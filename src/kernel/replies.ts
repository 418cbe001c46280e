/**
 * Anti-abuse: a resident gets at most `limit` replies in `windowMs`, then one polite note and silence
 * until the window passes (in memory: a restart forgives). Staff and volunteers are not limited.
 */
export function replyLimiter(limit = 6, windowMs = 10 * 60_000) {
  const replies = new Map<string, number[]>()
  return (name: string, limited: boolean, now: number): 'yes' | 'note' | 'no' => {
    if (!limited) return 'yes'
    const recent = (replies.get(name) ?? []).filter(t => now - t < windowMs)
    recent.push(now)
    replies.set(name, recent)
    return recent.length <= limit ? 'yes' : recent.length === limit + 1 ? 'note' : 'no'
  }
}
