import { describe, expect, it } from 'vitest'
import { play, inRoom, toPerson } from './play.js'

const G3 = '花园社区3网格居民群'
const NAVY = '海军帮忙队工作群'
const REPORT = { from: '王阿姨', in: G3, text: '报修 12号楼2单元301 马桶堵了' }

describe('follow-up (回访) in people’s own words', () => {
  it('asks once at completion; "修好了修好了，谢谢小伙子" closes it as satisfied', async () => {
    const { lines, db } = await play([
      REPORT,
      { from: '海军帮忙队队长', text: '完成 1 燃气公司已到场，是3楼阀门松了；已疏通！' },
      { from: '王阿姨', in: G3, text: '修好了修好了，谢谢小伙子' },
    ])
    const group = inRoom(lines, G3).map(l => l.text)
    expect(group.filter(t => /修好了吗？/.test(t))).toHaveLength(1)
    expect(group.find(t => /已处理完成/.test(t))).toContain('燃气公司已到场，是3楼阀门松了；已疏通！') // punctuation as written
    expect(group.at(-1)).toMatch(/感谢您的评价，单号 #1 已办结/)
    expect(db.state.tickets[0]).toMatchObject({ status: 'closed', verdict: 'satisfied' })
  })

  it('"还是漏" privately reopens it to the handler and tells the grid leader', async () => {
    const { lines, db } = await play([REPORT, { from: '海军帮忙队队长', text: '完成 1 已疏通' }, { from: '王阿姨', text: '还是堵，水下不去' }])
    expect(db.state.tickets[0]).toMatchObject({ status: 'accepted', verdict: 'dissatisfied' })
    expect(inRoom(lines, NAVY).some(l => /【重新处理 #1】居民不满意：还是堵，水下不去/.test(l.text))).toBe(true)
    expect(toPerson(lines, '3网格网格长').some(l => /【居民不满意 #1】/.test(l.text))).toBe(true)
    expect(toPerson(lines, '王阿姨').at(-1)!.text).toMatch(/已重新交给海军帮忙队处理/)
  })

  it('满意 without a number works when one ticket awaits a verdict, and asks which one when two do', async () => {
    const one = await play([REPORT, { from: '海军帮忙队队长', text: '完成 1 好了' }, { from: '王阿姨', in: G3, text: '满意' }])
    expect(one.db.state.tickets[0].verdict).toBe('satisfied')
    const two = await play([
      REPORT,
      { from: '王阿姨', in: G3, text: '报修 12号楼2单元301 厨房水龙头漏水' },
      { from: '海军帮忙队队长', text: '完成 1 好了' },
      { from: '海军帮忙队队长', text: '完成 2 好了' },
      { from: '王阿姨', in: G3, text: '满意' },
    ])
    expect(inRoom(two.lines, G3).at(-1)!.text).toMatch(/您有 2 个工单在等评价（#1、#2），请带上单号/)
    expect(two.db.state.tickets.map(t => t.status)).toEqual(['done', 'done'])
  })

  it('a neighbour whose report joined the ticket is not asked to rate it, and "still broken" from them reopens it', async () => {
    const { lines, db } = await play([
      { from: '王阿姨', in: G3, text: '12号楼2单元楼道灯坏了' },
      { wait: '2m' },
      { from: '李大爷', in: G3, text: '12号楼2单元楼道灯不亮了 黑乎乎的' },
      { from: '3网格网格长', text: '接单 1' },
      { from: '3网格网格长', text: '完成 1 换了灯泡' },
      { wait: '2m' },
      { from: '李大爷', in: G3, text: '还是不亮啊' },
      { wait: '2m' },
    ])
    const toHim = inRoom(lines, G3).filter(l => l.text.startsWith('@李大爷'))
    expect(toHim.find(l => /已处理完成/.test(l.text))!.text).not.toMatch(/满意/)
    expect(db.state.tickets[0].status).toBe('accepted') // back to the handler
    expect(toPerson(lines, '3网格网格长').some(l => /不满意|重新处理/.test(l.text))).toBe(true)
  })

  it('a new report with 又坏了 in it is a new ticket, not a verdict on one the speaker joined or two they await', async () => {
    const joined = await play([
      { from: '王阿姨', in: G3, text: '12号楼2单元楼道灯坏了' },
      { wait: '2m' },
      { from: '李大爷', in: G3, text: '12号楼2单元楼道灯不亮了 黑乎乎的' },
      { from: '3网格网格长', text: '接单 1' },
      { from: '3网格网格长', text: '完成 1 换了灯泡' },
      { wait: '2h' },
      { from: '李大爷', in: G3, text: '@花园社区小助手 报修 13号楼1单元门禁又坏了', mention: true },
    ])
    expect(joined.db.state.tickets.map(t => t.status)).toEqual(['done', 'open'])
    const two = await play([
      REPORT,
      { from: '王阿姨', in: G3, text: '报修 12号楼2单元301 厨房水龙头漏水' },
      { from: '海军帮忙队队长', text: '完成 1 好了' },
      { from: '海军帮忙队队长', text: '完成 2 好了' },
      { wait: '1h' },
      { from: '王阿姨', in: G3, text: '@花园社区小助手 报修 15号楼电梯又坏了', mention: true },
    ])
    expect(two.db.state.tickets).toHaveLength(3)
    expect(two.db.state.tickets[2].status).toBe('open')
  })

  it('"维修师傅来过了还是漏" is the verdict on the same leak, not a new report', async () => {
    const { db } = await play([
      { from: '王阿姨', in: G3, text: '报修 12号楼2单元301 厨房水管漏水' },
      { from: '海军帮忙队队长', text: '完成 1 好了' },
      { from: '王阿姨', in: G3, text: '维修师傅来过了还是漏' },
    ])
    expect(db.state.tickets).toHaveLength(1)
    expect(db.state.tickets[0].status).toBe('accepted')
  })

  it('a neighbour who joined a private report is told to go to the grid leader or the duty phone, not to reply', async () => {
    const { lines } = await play([
      { from: '王阿姨', text: '12号楼电梯坏了' },
      { from: '李大爷', text: '12号楼电梯坏了，困了好久' },
      { from: '3网格网格长', text: '完成 1 修好了' },
    ])
    const told = toPerson(lines, '李大爷').find(l => /已处理完成/.test(l.text))!.text
    expect(told).toMatch(/请告诉网格长，或打社区值班电话 0538-6281234/)
  })

  it('"still broken" from someone who only shows a joined neighbour\'s name, privately, reopens nothing', async () => {
    const { db } = await play([
      { from: '王阿姨', in: G3, text: '12号楼2单元楼道灯坏了' },
      { wait: '2m' },
      { from: '李大爷', in: G3, text: '12号楼2单元楼道灯不亮了 黑乎乎的' },
      { from: '3网格网格长', text: '接单 1' },
      { from: '3网格网格长', text: '完成 1 换了灯泡' },
      { rename: '张姐', to: '李大爷' },
      { from: '张姐', text: '还是不亮' },
    ])
    expect(db.state.tickets[0].status).toBe('done')
  })

  it('natural words with two tickets awaiting a verdict are not lost: the resident is asked which one', async () => {
    for (const [where, words] of [
      [G3, '还是漏'],
      [G3, '修好了 谢谢'],
      [null, '还是漏'],
    ] as const) {
      const { lines, db } = await play([
        REPORT,
        { from: '王阿姨', in: G3, text: '报修 12号楼2单元301 厨房水龙头漏水' },
        { from: '海军帮忙队队长', text: '完成 1 好了' },
        { from: '海军帮忙队队长', text: '完成 2 好了' },
        where ? { from: '王阿姨', in: where, text: words } : { from: '王阿姨', text: words },
      ])
      const last = (where ? inRoom(lines, where) : lines.filter(l => l.to === '王阿姨')).at(-1)!.text
      expect(last, words).toMatch(/您有 2 个工单在等评价（#1、#2），请带上单号/)
      if (words === '还是漏') expect(last).toMatch(/不满意 1 还是漏/)
      expect(db.state.tickets.map(t => t.status)).toEqual(['done', 'done'])
    }
  })
})
