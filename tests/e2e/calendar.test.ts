import { describe, expect, it } from 'vitest'
import { play, inRoom } from './play.js'
import { loadScenario } from '../../src/sim/scenario.js'
import { runScenario } from '../../src/sim/scenario.js'
import { quiet } from './play.js'
import { fileURLToPath } from 'node:url'
import { existsSync } from 'node:fs'

const RESIDENT = /^花园社区\d+网格居民群$/
const STAFF = '花园社区工作群'
const SHARED = fileURLToPath(new URL('../../../shared/scenarios/festival-mid-autumn.json', import.meta.url))

describe('e2e: the community calendar through the bot', () => {
  it.runIf(existsSync(SHARED))('plays the shared mid-autumn scenario: each group greeted once in the morning of 2026-09-25', async () => {
    const { scenario, dbSource } = await loadScenario(SHARED)
    const lines = await runScenario(scenario, dbSource, quiet)
    const greetings = lines.filter(l => l.room && RESIDENT.test(l.room) && /中秋/.test(l.text))
    expect(greetings).toHaveLength(16)
    expect(new Set(greetings.map(l => l.room)).size).toBe(16)
    expect(greetings.every(l => l.at.startsWith('2026-09-25T08:0'))).toBe(true)
  })

  it('an event goes out with the punctuation staff wrote, and its title does not end in an open bracket', async () => {
    const { lines } = await play(
      [
        { from: '社区主任', text: '日程 添加 12月3日 09:00 全体 免费体检（带上医保卡！）' },
        { from: '社区主任', text: '日程 添加 12月3日 10:00 3网格 义诊：请带好身份证，谢谢！' },
        { wait: '2d' },
      ],
      '2026-12-01T10:00:00+08:00',
    )
    const g3 = inRoom(lines, '花园社区3网格居民群').map(l => l.text)
    expect(g3).toContain('【今日活动】今天 09:00：免费体检（带上医保卡！）')
    expect(g3).toContain('【今日活动】今天 10:00：义诊：请带好身份证，谢谢！')
    expect(lines.find(l => l.to === '社区主任')!.text).toMatch(/^已添加日程 \[1\]：免费体检（全体居民群）/)
  })

  it('never posts a greeting twice when restarted again and again through a festival morning', async () => {
    const steps = [{ wait: '11h' }] as Parameters<typeof play>[0]
    for (let i = 0; i < 12; i++) steps.push({ restart: true }, { wait: `${7 + (i % 5) * 3}s` }, { restart: true }, { wait: '5m' })
    steps.push({ wait: '1d' })
    const { lines } = await play(steps, '2026-09-24T21:00:00+08:00')
    const greetings = lines.filter(l => l.room && RESIDENT.test(l.room))
    expect(greetings.map(l => l.room).sort()).toEqual(Array.from({ length: 16 }, (_, i) => `花园社区${i + 1}网格居民群`).sort())
  })

  it('posts the huddle at 08:30 on workdays only: skips the 国庆 holidays, keeps the make-up Saturday', async () => {
    const { lines } = await play([{ wait: '13d' }], '2026-09-28T00:00:00+08:00')
    const huddles = inRoom(lines, STAFF)
      .filter(l => /碰头/.test(l.text))
      .map(l => l.at.slice(0, 16))
    expect(huddles).toEqual(['2026-09-28T08:30', '2026-09-29T08:30', '2026-09-30T08:30', '2026-10-08T08:30', '2026-10-09T08:30', '2026-10-10T08:30'])
  })

  it('moves the Monday meeting to the next workday after a holiday Monday', async () => {
    const { lines } = await play([{ wait: '10d' }], '2026-10-01T00:00:00+08:00')
    const meetings = inRoom(lines, STAFF)
      .filter(l => /例会/.test(l.text))
      .map(l => l.at.slice(0, 16))
    expect(meetings).toEqual(['2026-10-08T09:00'])
  })

  it('greets on 重阳 and 冬至 and nothing reaches residents between 21:00 and 07:30', async () => {
    const { lines } = await play([{ wait: '3d' }], '2026-10-16T12:00:00+08:00')
    expect(lines.filter(l => l.room && RESIDENT.test(l.room) && /重阳/.test(l.text)).every(l => l.at.startsWith('2026-10-18T08:0'))).toBe(true)
    const solstice = await play([{ wait: '2d' }], '2026-12-21T12:00:00+08:00')
    const s = solstice.lines.filter(l => l.room && RESIDENT.test(l.room))
    expect(s).toHaveLength(16)
    expect(s.every(l => l.at.startsWith('2026-12-22T08:0'))).toBe(true)
    for (const l of [...lines, ...solstice.lines]) {
      const hm = l.at.slice(11, 16)
      if (l.room && RESIDENT.test(l.room)) expect(hm >= '07:30' && hm < '21:00').toBe(true)
    }
  })

  it('lets staff add, list and delete an entry, and sends it with its reminders', async () => {
    const { lines } = await play(
      [
        { from: '社区主任', text: '日程 添加 12月5日 09:00 全体 家庭趣味运动会在社区广场举行' },
        { from: '社区主任', text: '日程' },
        { from: '王阿姨', text: '最近活动' },
        { from: '王阿姨', text: '日程 删除 1' },
        { wait: '5d' },
      ],
      '2026-12-01T10:00:00+08:00',
    )
    const replies = lines.filter(l => l.to === '社区主任').map(l => l.text)
    expect(replies[0]).toMatch(/已添加日程 \[1\]/)
    expect(replies[1]).toMatch(/家庭趣味运动会/)
    expect(lines.find(l => l.to === '王阿姨')!.text).toMatch(/家庭趣味运动会/)
    expect(lines.filter(l => l.to === '王阿姨')[1].text).toMatch(/只有社区工作人员/)
    const posts = lines.filter(l => l.room === '花园社区1网格居民群' && /运动会/.test(l.text)).map(l => l.at.slice(0, 16))
    expect(posts).toEqual(['2026-12-02T09:00', '2026-12-05T08:00'])
  })
})
