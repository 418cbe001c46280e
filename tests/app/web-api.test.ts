import { describe, expect, it } from 'vitest'
import { harness } from './harness.js'

const G3 = '花园社区3网格居民群'

describe('the app as the web pages use it', () => {
  it('perform runs a chat command as a bound person, with the same checks, returning the replies instead of sending them', async () => {
    const h = await harness()
    await h.say('王阿姨', G3, '报修 12号楼2单元301 马桶堵了')
    await h.wait(60_000)
    const before = h.sent.length
    const replies = await h.web('值班社工', '转派 1 静华调解室')
    expect(replies).toEqual(['单号 #1 已转派给静华调解室。'])
    await h.wait(60_000)
    const after = h.sent.slice(before)
    expect(after.some(s => 'to' in s.dest && s.dest.to === '值班社工')).toBe(false) // no WeChat reply to staff
    expect(after.some(s => 'room' in s.dest && s.dest.room === '静华调解室工作群')).toBe(true) // the dispatch goes on
    expect(await h.web('王阿姨', '转派 1 海军帮忙队')).toEqual([expect.stringMatching(/^抱歉，单号 #1 的「转派」只有/)])
  })

  it('update changes the db in the queue, writes it and leaves an audit line; health counts sends against the caps', async () => {
    const h = await harness()
    await h.app.update('社区主任', ctx => {
      ctx.db.community = { ...ctx.db.community, publicPhones: ['0538-6280000'] }
      ctx.audit('设置', '值班电话')
    })
    expect(h.db.community.publicPhones).toEqual(['0538-6280000'])
    expect(h.db.state.audit.at(-1)).toMatchObject({ by: '社区主任', action: '设置' })
    await h.say('王阿姨', G3, '报修 12号楼2单元301 马桶堵了')
    await h.wait(60_000)
    const health = h.app.health()
    expect(health).toMatchObject({ loggedIn: true, queued: 0, hourlyCap: 120 })
    expect(health.sentLastHour).toBe(h.sent.length)
  })
})
