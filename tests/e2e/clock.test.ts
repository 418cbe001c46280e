import { describe, expect, it } from 'vitest'
import { readFile, writeFile } from 'node:fs/promises'
import { openWorld, quiet } from './play.js'
import { SimWorld } from '../../src/sim/world.js'
import { VirtualClock } from '../../src/sim/clock.js'
import { tempDb, PROJECT_DB } from '../../src/sim/scenario.js'

const G3 = '花园社区3网格居民群'
const HOUR = 3600_000

describe('clock jumps', () => {
  it('keeps answering at once after the wall clock steps back two hours', async () => {
    const { world, close } = await openWorld('2026-12-01T10:00:00+08:00')
    try {
      await world.say('王阿姨', G3, '报修 12号楼2单元301 马桶堵了')
      ;(world.clock as VirtualClock).jump(-2 * HOUR)
      const before = world.transcript.length
      await world.say('李大爷', G3, '报修 13号楼1单元201 水管漏水')
      await world.wait(60_000)
      const after = world.transcript.slice(before)
      expect(after.some(l => l.room === G3 && /收到，单号 #2/.test(l.text))).toBe(true)
      expect(after.some(l => l.room === '海军帮忙队工作群' && /新派单 #2/.test(l.text))).toBe(true)
      expect(after.every(l => Date.parse(l.at) - world.clock.ms < 2 * 60_000)).toBe(true)
    } finally {
      await close()
    }
  })

  it('clamps send times "in the future" from a db written by a machine whose clock was ahead', async () => {
    const db = await tempDb(PROJECT_DB)
    const start = Date.parse('2026-12-01T10:00:00+08:00')
    const data = JSON.parse(await readFile(db.file, 'utf8'))
    const later = start + 2 * 24 * HOUR
    data.state = { sentLog: Array.from({ length: 5 }, (_, i) => later + i * 1000), pacing: { nextGroupAt: later, nextPrivateAt: later } }
    await writeFile(db.file, JSON.stringify(data))
    const world = new SimWorld(db.file, new VirtualClock(start), quiet)
    try {
      await world.init()
      await world.say('王阿姨', G3, '报修 12号楼2单元301 马桶堵了')
      await world.wait(60_000)
      expect(world.transcript.some(l => l.room === G3 && /收到，单号 #1/.test(l.text) && Date.parse(l.at) - start < 60_000)).toBe(true)
    } finally {
      await world.stop()
      await db.cleanup()
    }
  })

  it('after a long outage, never sends a reminder whose deadline has passed', async () => {
    const { world, readDb, close } = await openWorld('2026-12-01T10:00:00+08:00')
    try {
      await world.say('王阿姨', G3, '报修 12号楼2单元301 马桶堵了') // accept within 2 h (by 12:00), a reminder at 11:30
      ;(world.clock as VirtualClock).jump(4 * HOUR) // the server was down from 10:00 to 14:00
      const before = world.transcript.length
      await world.wait(60_000)
      const after = world.transcript.slice(before)
      expect(after.some(l => /请在 12月1日 12:00 前接单/.test(l.text))).toBe(false)
      expect(after.some(l => /超时未接单/.test(l.text))).toBe(true) // the overdue step says the true thing
      const t = (await readDb()).state.tickets[0]
      expect(t.history.map(h => h.action)).toContain('warnSkipped')
    } finally {
      await close()
    }
  })
})
