import { describe, expect, it } from 'vitest'
import { openWorld } from './play.js'
import { seeded } from '../../src/sim/clock.js'

// Residents' groups and the staff group: work groups only hold their own volunteers, who are trusted there.
const ROOMS = ['花园社区3网格居民群', '花园社区7网格居民群', '花园社区12网格居民群', '花园社区工作群']
const FORGED = [
  '接单 1',
  '完成 1 好了',
  '转派 1 网格长',
  '撤销 1',
  '满意 1',
  '不满意 1 差',
  '通知 全体 大家好',
  '确认',
  '定时通知 12月9日 09:00 全体 假通知',
  '取消通知 1',
  '日程 删除 1',
  '日程 添加 12月9日 09:00 全体 假活动',
  '授权 路人0 今天',
  '报表 本月',
  '记积分 路人0 活动 99',
  '积分榜',
  '接单 99999999999999999999',
  '查询 -1',
  '完成 #0',
  '接单 1e9',
  '转派 1 不存在的队',
  '查询 １',
  '＃１',
  '接单　１',
  '@花园社区小助手 接单 1',
]
const PIECES = [
  '马桶堵了',
  '12号楼2单元301',
  '楼道灯坏了',
  '煤气味',
  '谢谢',
  '[强]',
  '😀',
  '\u0000',
  '\u0007',
  '\u202e',
  'ＡＢＣ',
  'مرحبا',
  'Привет',
  '𠮷',
  '\t',
  '  ',
  '#',
  '@',
  '单号',
  '第十二号楼',
  '999999号楼',
  '-1单元',
  '0室',
  '\n',
]

function message(rand: () => number): string {
  const r = rand()
  if (r < 0.25) return FORGED[Math.floor(rand() * FORGED.length)]
  if (r < 0.3) return ''
  if (r < 0.33) return '漏水'.repeat(25_000 + Math.floor(rand() * 30_000)) // 100 KB and more
  if (r < 0.4) return String.fromCharCode(...Array.from({ length: 50 }, () => Math.floor(rand() * 0x3000)))
  return Array.from({ length: 1 + Math.floor(rand() * 6) }, () => PIECES[Math.floor(rand() * PIECES.length)]).join(rand() < 0.5 ? ' ' : '')
}

describe('hostile input', () => {
  it('survives thousands of generated messages: no crash, no false staff action, every reply valid', async () => {
    const rand = seeded(20261127)
    const { world, readDb, close } = await openWorld()
    try {
      await world.say('王阿姨', ROOMS[0], '报修 12号楼2单元301 马桶堵了') // ticket #1 the forgeries aim at
      for (let i = 0; i < 1000; i++) {
        const room = rand() < 0.7 ? ROOMS[Math.floor(rand() * ROOMS.length)] : null
        await world.say(`路人${i % 12}`, room, message(rand), rand() < 0.1)
      }
      await world.say('李大爷', ROOMS[1], '报修 33号楼1单元402 水管漏水') // still answering
      await world.wait(3600_000)
      const db = await readDb()
      // The acknowledgement is sent or, if the flood filled the hourly cap, queued (never dropped).
      const mine = db.state.tickets.find(t => t.reporter === '李大爷')!
      const ackSent = world.transcript.some(l => l.room === ROOMS[1] && l.text.startsWith(`@李大爷 收到，单号 #${mine.id}`))
      const ackQueued = db.state.outbox.some(o => o.status === 'queued' && o.mentions.includes('李大爷') && o.text.startsWith(`收到，单号 #${mine.id}`))
      expect(ackSent || ackQueued).toBe(true)

      const t1 = db.state.tickets.find(t => t.id === 1)!
      expect(t1.status).toBe('open')
      expect(
        t1.history
          .filter(h => h.by !== '系统')
          .map(h => h.action)
          .filter(a => a !== 'merged'),
      ).toEqual(['created'])
      expect(db.state.broadcasts).toEqual([])
      expect(db.state.grants).toEqual([])
      expect(db.state.attendance).toEqual([])
      expect(db.calendar.entries.some(e => e.no !== undefined)).toBe(false)
      expect(db.state.audit).toEqual([])
      for (const t of db.state.tickets) {
        for (const h of t.history) {
          if (!h.by.startsWith('路人')) continue
          const mayDo =
            ['created', 'merged', 'located', 'photo'].includes(h.action) ||
            (['cancelled', 'satisfied', 'dissatisfied'].includes(h.action) && h.by === t.reporter)
          if (!mayDo) throw new Error(`#${t.id}: ${h.by} did ${h.action}`)
        }
      }
      for (const l of world.transcript) {
        expect(l.text.length).toBeLessThan(4000)
        expect(l.text).not.toMatch(/undefined|NaN|\[object Object\]|null/)
        if (l.room && /居民群$/.test(l.room)) expect(l.text).not.toMatch(/\d+室|(?<!\d)1[3-9]\d{9}(?!\d)/)
      }
    } finally {
      await close()
    }
  }, 180_000)
})
