import { describe, expect, it } from 'vitest'
import { play, inRoom, toPerson } from './play.js'

const RESIDENT = /^花园社区\d+网格居民群$/
const G3 = '花园社区3网格居民群'

describe('notices people trust', () => {
  it('a repeated notice to the same groups within a day asks for an explicit second 确认', async () => {
    const { lines } = await play([
      { from: '社区主任', text: '通知 3网格 明天上午停水' },
      { from: '社区主任', text: '确认' },
      { wait: '10m' },
      { from: '社区主任', text: '通知 3网格 明天上午停水' },
      { from: '社区主任', text: '确认' },
      { wait: '1m' },
    ])
    const toStaff = toPerson(lines, '社区主任').map(l => l.text)
    expect(toStaff.some(t => /今天 \d\d:\d\d 已经给这些群发过相同内容的通知 #1/.test(t))).toBe(true)
    expect(toStaff.at(-1)).toMatch(/再回复一次「确认」就发送/)
    expect(lines.filter(l => l.room === G3)).toHaveLength(1) // not posted twice
    const again = await play([
      { from: '社区主任', text: '通知 3网格 明天上午停水' },
      { from: '社区主任', text: '确认' },
      { wait: '10m' },
      { from: '社区主任', text: '通知 3网格 明天上午停水' },
      { from: '社区主任', text: '确认' },
      { from: '社区主任', text: '确认' },
      { wait: '1m' },
    ])
    expect(again.lines.filter(l => l.room === G3)).toHaveLength(2) // sent again after the second 确认
  })

  it('a repeat the next morning names when the first one went: yesterday is not "today"', async () => {
    const { lines } = await play([
      { from: '社区主任', text: '通知 3网格 明天上午停水' },
      { from: '社区主任', text: '确认' },
      { wait: '18h' },
      { from: '社区主任', text: '通知 3网格 明天上午停水' },
      { from: '社区主任', text: '确认' },
    ])
    const toStaff = toPerson(lines, '社区主任').map(l => l.text)
    const first = lines.find(l => l.room === G3)!.at.slice(11, 16)
    expect(toStaff.join('\n')).not.toContain('今天')
    expect(toStaff.some(t => t.includes(`昨天 ${first} 已经给这些群发过相同内容的通知 #1`))).toBe(true)
    expect(toStaff.at(-1)).toBe(`通知 #2 和昨天 ${first} 的通知 #1 内容相同。确定要再发一遍吗？再回复一次「确认」就发送。`)
  })

  it('the same words as a notice scheduled for later: says when that one will go', async () => {
    const { lines } = await play([
      { from: '社区主任', text: '定时通知 明天 下午3点 3网格 明天下午停电检修' },
      { from: '社区主任', text: '确认' },
      { from: '社区主任', text: '通知 3网格 明天下午停电检修' },
      { from: '社区主任', text: '确认' },
    ])
    const toStaff = toPerson(lines, '社区主任').map(l => l.text)
    expect(toStaff.some(t => /已经安排 \d+月\d+日 15:00 给这些群发送相同内容的通知 #1/.test(t))).toBe(true)
    expect(toStaff.at(-1)).toMatch(/^通知 #2 和\d+月\d+日 15:00 要发的通知 #1 内容相同/)
  })

  it('a building notice that already names the building does not name it twice', async () => {
    const { lines } = await play([{ from: '社区主任', text: '通知 12号楼 12号楼的居民：明天上午电梯检修' }, { from: '社区主任', text: '确认' }, { wait: '1m' }])
    expect(inRoom(lines, G3).at(-1)!.text).toBe('【花园社区通知】12号楼的居民：明天上午电梯检修\n——花园社区居委会')
  })

  it('the same words with other punctuation, from another staff member, still ask for a second 确认', async () => {
    const { lines } = await play([
      { from: '社区主任', text: '通知 全体 明天上午停水，请储水。' },
      { from: '社区主任', text: '确认' },
      { wait: '6m' },
      { from: '社区书记', text: '通知 全体 明天上午停水，请储水！' },
      { from: '社区书记', text: '确认' },
      { wait: '10m' },
    ])
    expect(toPerson(lines, '社区书记').at(-1)!.text).toMatch(/内容相同。确定要再发一遍吗/)
    expect(lines.filter(l => l.room === G3)).toHaveLength(1)
  })

  it('a notice scheduled for the night says why it goes in the morning', async () => {
    const { lines } = await play([{ from: '社区主任', text: '定时通知 明天 22:00 3网格 明早停水' }], '2026-12-01T10:00:00+08:00')
    expect(toPerson(lines, '社区主任').at(-1)!.text).toMatch(/确认后将于 12月3日 07:30 发送（21:00 到次日 07:30 不打扰居民，所以早上再发）/)
  })

  it('a target in Chinese numerals (十二号楼, 第三网格) is read like its digits', async () => {
    const { lines } = await play([
      { from: '社区主任', text: '通知 十二号楼 明天上午电梯检修' },
      { from: '社区主任', text: '通知 第三网格 明天上午停水' },
    ])
    const replies = toPerson(lines, '社区主任').map(l => l.text)
    expect(replies[0]).toMatch(/发往 花园社区3网格居民群[\s\S]*12号楼的居民：明天上午电梯检修/)
    expect(replies[1]).toMatch(/发往 花园社区3网格居民群/)
  })

  it('a typo in the target gets a usage hint listing valid targets; a colon after the target is fine', async () => {
    const { lines } = await play([
      { from: '社区主任', text: '通知 17网格 明天停水' },
      { from: '社区主任', text: '通知 99号楼 明天停水' },
      { from: '社区主任', text: '通知：明天停水' },
      { from: '社区主任', text: '通知 全体：明天上午停水，请储水。' },
      { from: '社区主任', text: '确认' },
      { wait: '3m' },
    ])
    const replies = toPerson(lines, '社区主任').map(l => l.text)
    expect(replies[0]).toMatch(/没有找到发送对象「17网格」。可以写：全体、1到16网格.*楼号（1到80/)
    expect(replies[1]).toMatch(/没有找到发送对象「99号楼」/)
    expect(replies[2]).toMatch(/可以写：全体、1到16网格/)
    expect(replies.some(r => /您好，我是社区小助手/.test(r))).toBe(false) // never the residents' greeting
    const sent = lines.filter(l => l.room && RESIDENT.test(l.room))
    expect(sent).toHaveLength(16)
    expect(sent[0].text).toBe('【花园社区通知】明天上午停水，请储水。\n——花园社区居委会')
  })

  it('the preview warns about door and phone numbers and the groups get them hidden; the duty phone stays', async () => {
    const { lines } = await play([
      { from: '社区主任', text: '通知 3网格 12号楼2单元301的王阿姨家漏水，联系13812345678；值班电话0538-6281234' },
      { from: '社区主任', text: '确认' },
      { wait: '1m' },
    ])
    const preview = toPerson(lines, '社区主任')[0].text
    expect(preview).toMatch(/⚠ 内容里有门牌号或电话（12号楼2单元301、13812345678）/)
    const sent = lines.find(l => l.room === G3)!
    expect(sent.text).not.toMatch(/301|13812345678/)
    expect(sent.text).toContain('0538-6281234')
  })
})
