import type { Logger } from '../ports.js'
import { gridOfBuilding } from '../core/directory.js'
import { findTicket } from '../core/tickets.js'
import { readDb } from '../adapters/store.js'
import { VirtualClock } from './clock.js'
import { SimWorld } from './world.js'

/**
 * A few weeks of realistic activity, played through the real bot in the simulator on a virtual clock
 * that ends just before `end`: residents report in their grid's group (answering where when asked),
 * handlers accept and finish, residents rate, one ticket is transferred, one notice goes out; the last
 * days' tickets stay open (some overdue), and an urgent one waits for someone to take it.
 */
const REPORTS: [string, string][] = [
  ['王阿姨', '报修 12号楼2单元301 马桶堵了'],
  ['李大爷', '5号楼1单元楼道灯坏了好几天了'],
  ['张奶奶', '厨房水管漏水了，23号楼3单元502'],
  ['刘叔叔', '家里跳闸了，总是没电，46号楼2单元201'],
  ['赵姐', '31号楼楼下垃圾好几天没人清了'],
  ['陈师傅', '想找律师问问遗嘱怎么写，我住58号楼'],
  ['孙大妈', '楼上天天半夜噪音，吵得睡不着，61号楼'],
  ['周老师', '我家窗户关不上了 71号楼1单元602'],
  ['吴奶奶', '暖气不热，家里才十几度 16号楼2单元401'],
  ['郑大哥', '单元门门禁坏了 36号楼'],
  ['冯阿姨', '裤子拉链坏了，能帮忙换一下吗 19号楼'],
  ['何老师', '想学写毛笔字，有书法班吗 52号楼'],
  ['许大爷', '楼道里堆了很多杂物，有消防隐患 55号楼'],
  ['马阿姨', '下水道堵了往外冒水 77号楼2单元102'],
  ['高叔', '家里插座冒火花 41号楼1单元301'],
  ['林奶奶', '独居老人想找人陪着说说话 66号楼'],
  ['罗大姐', '水龙头一直滴水关不紧 8号楼3单元202'],
  ['梁大爷', '楼道里闻到煤气味 27号楼2单元'],
  ['宋阿姨', '13号楼3单元楼道灯不亮'],
  ['唐师傅', '厕所下水堵了 44号楼1单元501'],
  ['韩奶奶', '老伴走了以后一直失眠，想找人聊聊，住73号楼'],
  ['曹阿姨', '家里门锁坏了打不开 2号楼2单元302'],
  ['邓大爷', '卫生间漏水到楼下了 49号楼3单元401'],
  ['彭姐', '64号楼门口的路灯坏了'],
  ['曾叔叔', '暖气片漏水 21号楼1单元101'],
  ['萧奶奶', '楼道扶手松了 35号楼2单元'],
]

const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR

/** Plays the history into `file` (a scratch copy of db.json) and returns how many tickets it made. */
export async function seedHistory(file: string, end: number, log: Logger, days = 24): Promise<number> {
  const dir = await readDb(file)
  const startDay = Math.floor((end - days * DAY + 8 * HOUR) / DAY) * DAY - 8 * HOUR // a Shanghai midnight
  const world = new SimWorld(file, new VirtualClock(startDay + 8 * HOUR + 50 * MIN), log, undefined, 7)
  await world.init()
  const state = () => world.app.view().state
  const at = async (t: number) => {
    if (t > world.clock.ms) await world.wait(t - world.clock.ms)
  }
  const roomOf = (text: string) => {
    const b = /(\d+)号楼/.exec(text)
    const g = gridOfBuilding(dir, b ? Number(b[1]) : null) ?? dir.grids[0]
    return g.room
  }

  /** A resident reports; answers a location question; returns the ticket's number. */
  async function report(who: string, text: string): Promise<number | undefined> {
    const room = roomOf(text)
    await world.say(who, room, text)
    const pending = state().pending.find(p => p.who === who)
    if (pending) await world.say(who, room, `${dir.grids.find(g => g.room === room)!.buildings[0]}号楼`)
    return [...state().tickets].reverse().find(t => t.reporters.includes(who))?.id
  }

  const plan: { at: number; run: () => Promise<void> }[] = []
  REPORTS.forEach(([who, text], i) => {
    const day = Math.floor((i * days) / REPORTS.length)
    const created = startDay + day * DAY + 9 * HOUR + (i % 3) * 97 * MIN
    const recent = end - created < 3 * DAY
    plan.push({
      at: created,
      run: async () => {
        const id = await report(who, text)
        if (id === undefined) return
        const t = () => findTicket(state(), id)!
        const slow = i % 5 === 3 // some are taken late (past the deadline)
        const step = (ms: number, fn: () => Promise<void>) => plan.push({ at: world.clock.ms + ms, run: fn })
        if (recent && i % 2 === 0) return // still waiting for someone to take it
        if (i === 9) {
          step(20 * MIN, () => world.say('值班社工', null, `转派 ${id} 海军帮忙队`))
          return
        }
        step((slow ? 5 * HOUR : 25 * MIN) + (i % 3) * 7 * MIN, async () => {
          if (t().status !== 'open') return
          await world.say(t().assignee, null, `接单 ${id}`)
          if (recent) return
          step(slow ? 30 * HOUR : 3 * HOUR, async () => {
            if (t().status !== 'accepted') return
            await world.say(t().assignee, null, `完成 ${id} 已处理好`)
            const verdict = i % 7 === 4 ? `不满意 ${id} 还是不行` : i % 4 === 1 ? null : `满意 ${id}`
            if (verdict) step(2 * HOUR, () => world.say(who, t().room, verdict))
          })
        })
      },
    })
  })
  // A notice to one grid a week ago, and an urgent report no one has taken yet.
  plan.push({
    at: end - 7 * DAY + 10 * HOUR - ((end - 7 * DAY) % DAY),
    run: async () => {
      await world.say('社区主任', null, '通知 3网格 本周六上午9点在小区广场举行义诊，请有需要的居民带好医保卡')
      await world.say('社区主任', null, '确认')
    },
  })
  plan.push({
    at: end - 25 * MIN,
    run: async () => {
      await report('侯大爷', '楼道里有烟，好像着火了 18号楼')
    },
  })

  for (;;) {
    plan.sort((a, b) => a.at - b.at)
    const next = plan.shift()
    if (!next || next.at >= end) break
    await at(next.at)
    await next.run()
  }
  await at(end - MIN)
  const n = state().tickets.length
  await world.stop()
  return n
}
