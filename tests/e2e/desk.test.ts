import { describe, expect, it } from 'vitest'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { openWorld, play, inRoom, toPerson } from './play.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const G3 = '花园社区3网格居民群'

describe('the service desk: answers instead of tickets', () => {
  it('answers an everyday question in the group from the knowledge base, opening no ticket', async () => {
    const { lines, db } = await play([
      { from: '王阿姨', in: G3, text: '开居住证明需要带什么东西啊？' },
      { from: '李大爷', in: G3, text: '请问老年证在哪办' },
    ])
    const group = inRoom(lines, G3).map(l => l.text)
    expect(group[0]).toMatch(/身份证和户口本/)
    expect(group[1]).toMatch(/老年证/)
    expect(db.state.tickets).toEqual([])
  })

  it('answers "明天几点停水" from the latest staff notice, and says none is known without one', async () => {
    const { lines } = await play([
      { from: '张姐', in: G3, text: '@花园社区小助手 明天几点停水啊', mention: true },
      { from: '社区主任', text: '通知 3网格 明天上午9点到12点停水，请提前储水' },
      { from: '社区主任', text: '确认' },
      { wait: '1m' },
      { from: '张姐', in: G3, text: '@花园社区小助手 明天几点停水啊', mention: true },
      { from: '张姐', in: G3, text: '@花园社区小助手 谢谢你', mention: true },
    ])
    const toHer = inRoom(lines, G3)
      .filter(l => l.text.startsWith('@张姐'))
      .map(l => l.text)
    expect(toHer[0]).toMatch(/没有收到停水的通知/)
    expect(toHer[1]).toMatch(/9点到12点停水/)
    expect(toHer[2]).not.toEqual(toHer[1])
  })

  it.each(['谢谢你们，辛苦了', '太感谢了！', '感谢小助手', '非常感谢你们的帮助', '🙏', 'thank you', '谢谢'])(
    'a thank-you (%s) gets a short welcome, in the group and privately',
    async words => {
      const { lines } = await play([
        { from: '王阿姨', in: G3, text: `@花园社区小助手 ${words}`, mention: true },
        { from: '李大爷', text: words },
      ])
      expect(inRoom(lines, G3).at(-1)?.text).toBe('@王阿姨 不客气！有需要随时找我。')
      expect(toPerson(lines, '李大爷').at(-1)?.text).toBe('不客气！有需要随时找我。')
    },
  )

  it('a question that starts with thanks is a question: it says who can answer', async () => {
    const { lines } = await play([{ from: '李大爷', text: '感谢，请问社区医院怎么走' }])
    expect(toPerson(lines, '李大爷').at(-1)?.text).toMatch(/答不上来/)
  })

  it('points a matter outside the community to 12345 without a ticket', async () => {
    const { lines, db } = await play([{ from: '李大爷', text: '咨询一下火车票怎么退' }])
    expect(toPerson(lines, '李大爷')[0].text).toMatch(/12345/)
    expect(db.state.tickets).toEqual([])
  })

  it('asks "是要报修吗？" when addressed about a problem it is not sure of, and opens the ticket on yes', async () => {
    const { lines, db } = await play([
      { from: '李大爷', in: G3, text: '水管好像有点问题' }, // not addressed: quiet
      { from: '李大爷', in: G3, text: '@花园社区小助手 水管好像有点问题', mention: true },
      { from: '李大爷', in: G3, text: '是' },
      { from: '李大爷', in: G3, text: '12号楼2单元' },
    ])
    const group = inRoom(lines, G3).map(l => l.text)
    expect(group[0]).toMatch(/^@李大爷 是要报修吗/)
    expect(group[1]).toMatch(/单号 #1.*几号楼几单元/)
    expect(db.state.tickets).toHaveLength(1)
    expect(db.state.tickets[0]).toMatchObject({ building: 12, unit: 2, target: '海军帮忙队' })
  })

  it('asks about a building the community does not have instead of accepting it', async () => {
    const { lines, db } = await play([
      { from: '王阿姨', in: G3, text: '86栋2单元 马桶堵了' },
      { from: '王阿姨', in: G3, text: '12号楼2单元' },
    ])
    expect(inRoom(lines, G3)[0].text).toMatch(/没有「86号楼」.*1 到 80/)
    expect(db.state.tickets[0]).toMatchObject({ building: 12, unit: 2 })
  })
})

describe('learning from corrections', () => {
  it('不是报修 closes the ticket without points, tells the reporter politely, and intake:review shows it', async () => {
    const { world, readDb, close } = await openWorld()
    try {
      await world.say('王阿姨', G3, '报修 楼道里的灯 什么时候装的')
      await world.say('3网格网格长', null, '不是报修 1')
      await world.wait(60_000)
      const db = await readDb()
      expect(db.state.tickets[0]).toMatchObject({ status: 'closed', verdict: 'none' })
      expect(db.state.corrections).toHaveLength(1)
      expect(db.state.corrections[0]).toMatchObject({ ticketId: 1, kind: 'notRequest', by: '3网格网格长', to: null })
      expect(inRoom(world.transcript, G3).at(-1)!.text).toMatch(/单号 #1 看起来不需要上门处理/)
      await world.say('值班社工', null, '转派 1 海军帮忙队') // closed: nothing to transfer
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', path.join(ROOT, 'src/cli/intake-review.ts'), '--since', '2026-11-01', '--db', world.dbFile],
        { cwd: ROOT },
      )
      expect(stdout).toContain('不是报修')
      expect(stdout).toContain('报修 楼道里的灯 什么时候装的')
    } finally {
      await close()
    }
  }, 60_000)
})
