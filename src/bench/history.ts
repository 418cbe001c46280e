import type { Ticket } from '../core/types.js'
import { iso } from '../core/time.js'

/** Builds a plausible closed ticket for benchmark histories and load tests. */
export function pastTicket(id: number, createdAt: Date): Ticket {
  const building = 1 + (id % 80)
  const at = (min: number) => iso(new Date(createdAt.getTime() + min * 60_000))
  return {
    id,
    reporter: `居民${id % 997}`,
    reporters: [`居民${id % 997}`],
    room: `花园社区${1 + (id % 16)}网格居民群`,
    text: `报修 ${building}号楼${1 + (id % 4)}单元${100 + (id % 6) * 100 + 1} 马桶堵了`,
    category: '下水堵塞',
    target: '海军帮忙队',
    assignee: '海军帮忙队队长',
    grid: 1 + (id % 16),
    building,
    unit: 1 + (id % 4),
    roomNo: String(100 + (id % 6) * 100 + 1),
    urgent: false,
    status: 'closed',
    verdict: id % 10 === 0 ? 'none' : 'satisfied',
    createdAt: at(0),
    acceptedAt: at(20),
    doneAt: at(300),
    closedAt: at(400),
    history: [
      { at: at(0), by: `居民${id % 997}`, action: 'created' },
      { at: at(20), by: '海军帮忙队队长', action: 'accepted' },
      { at: at(300), by: '海军帮忙队队长', action: 'done', note: '已修好' },
      { at: at(400), by: `居民${id % 997}`, action: 'satisfied' },
    ],
    photos: [],
  }
}

/** A resident's report for message i, spread over buildings and flats so that none merge. */
export function reportText(i: number): string {
  const faults = ['马桶堵了', '厨房水管漏水', '卧室插座没电', '暖气不热', '门锁坏了打不开', '卫生间地漏堵了']
  const b = 1 + (i % 80),
    u = 1 + (Math.floor(i / 80) % 6),
    floor = 1 + (Math.floor(i / 480) % 18),
    door = 1 + (Math.floor(i / 8640) % 4)
  return `报修 ${b}号楼${u}单元${floor}0${door} ${faults[i % faults.length]}`
}
