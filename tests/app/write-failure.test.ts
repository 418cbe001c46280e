import { describe, expect, it } from 'vitest'
import { harness } from './harness.js'

const G3 = '花园社区3网格居民群'

describe('a write that fails (a full disk)', () => {
  it('acknowledges nothing unsaved, tells the resident plainly, alerts staff at most hourly, and recovers', async () => {
    const h = await harness()
    h.fail.writes = true
    await h.say('王阿姨', G3, '报修 12号楼2单元301 马桶堵了')
    await h.say('李大爷', G3, '报修 13号楼1单元201 水管漏水')
    expect(h.db.state.tickets).toHaveLength(0) // rolled back
    expect(h.sent.some(s => /单号 #/.test(s.text))).toBe(false) // no acknowledgement of what is not saved
    const told = h.sent.filter(s => /没能保存/.test(s.text))
    expect(told).toHaveLength(2)
    expect(told[0].text).toContain('0538-6281234')
    expect(h.alerts).toHaveLength(1) // at most hourly
    expect(h.alerts[0]).toMatch(/磁盘已满/)
    await h.wait(60_000)
    h.fail.writes = false // space returns
    await h.say('王阿姨', G3, '报修 12号楼2单元301 马桶堵了')
    await h.wait(60_000)
    expect(h.db.state.tickets.map(t => t.id)).toEqual([1])
    expect(h.sent.some(s => /收到，单号 #1/.test(s.text))).toBe(true)
  })
})
