import { describe, expect, it } from 'vitest'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { play, inRoom, openWorld } from './play.js'

const G3 = '花园社区3网格居民群'

describe('e2e: verdicts and the archive', () => {
  it('closes a done ticket with no verdict after 3 days, never counting it as satisfied', async () => {
    const { lines, db } = await play([
      { from: '王阿姨', in: G3, text: '报修 12号楼2单元301 马桶堵了' },
      { from: '海军帮忙队队长', text: '完成 1 已疏通' },
      { wait: '3d' },
      { wait: '1h' },
      { from: '王阿姨', in: G3, text: '满意 1' },
    ])
    expect(db.state.tickets[0]).toMatchObject({ status: 'closed', verdict: 'none' })
    expect(inRoom(lines, G3).at(-1)!.text).toMatch(/#1 目前已办结，不能评价/)
  })

  it('moves tickets closed over 90 days ago to a monthly archive file, where 查询 still finds them', async () => {
    const { world, readDb, close } = await openWorld('2026-08-03T10:00:00+08:00')
    try {
      await world.say('王阿姨', G3, '报修 12号楼2单元301 马桶堵了')
      await world.say('海军帮忙队队长', null, '完成 1 已疏通')
      await world.say('王阿姨', G3, '满意 1')
      await world.say('李大爷', G3, '报修 13号楼1单元502 厨房水管漏水') // stays open: never archived
      await world.wait(92 * 86_400_000)
      const db = await readDb()
      expect(db.state.tickets.map(t => t.id)).toEqual([2])
      expect(db.state.archive).toEqual([{ month: '2026-08', minId: 1, maxId: 1, count: 1 }])
      const dir = path.dirname(world.dbFile)
      expect(await readdir(dir)).toContain('db.archive-2026-08.json')
      const archived = JSON.parse(await readFile(path.join(dir, 'db.archive-2026-08.json'), 'utf8'))
      expect(archived.map((t: { id: number; verdict: string }) => [t.id, t.verdict])).toEqual([[1, 'satisfied']])
      await world.say('王阿姨', null, '查询 1')
      expect(world.transcript.at(-1)).toMatchObject({ to: '王阿姨', text: expect.stringMatching(/单号 #1：下水堵塞，已办结[\s\S]*12号楼2单元301室/) })
    } finally {
      await close()
    }
  }, 120_000)
})
