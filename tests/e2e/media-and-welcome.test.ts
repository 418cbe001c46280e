import { describe, expect, it } from 'vitest'
import { FileBox } from 'file-box'
import { openWorld, play, inRoom } from './play.js'

const G3 = '花园社区3网格居民群'
// A 1×1 PNG, as base64: a FileBox kind the mock puppet can carry.
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='
const photo = (name: string) => FileBox.fromBase64(PNG, name)
// A voice note: WeChat's SILK audio (the mock types a message by its media type).
function voice(name: string) {
  const box = FileBox.fromBase64(Buffer.from('#!SILK_V3').toString('base64'), name)
  Object.defineProperty(box, 'mediaType', { value: 'audio/silk' })
  return box
}

describe('e2e: photos, voice, welcomes, a resident who floods', () => {
  it('attaches a photo sent soon after a report and forwards it to the assignee', async () => {
    const { world, readDb, close } = await openWorld()
    try {
      await world.say('王阿姨', G3, '报修 12号楼2单元301 马桶堵了')
      await world.sendFile('王阿姨', G3, photo('toilet.png'))
      const db = await readDb()
      expect(db.state.tickets[0].photos).toHaveLength(1)
      const navy = world.transcript.filter(l => l.room === '海军帮忙队工作群')
      expect(navy.some(l => /#1 现场照片/.test(l.text))).toBe(true)
      expect(navy.some(l => l.file !== undefined)).toBe(true)
      expect(world.transcript.filter(l => l.room === G3).at(-1)!.text).toMatch(/照片已附到单号 #1/)
      // A photo long after the report is just a photo.
      await world.wait(30 * 60_000)
      await world.sendFile('王阿姨', G3, photo('later.png'))
      expect((await readDb()).state.tickets[0].photos).toHaveLength(1)
    } finally {
      await close()
    }
  })

  it('answers a private voice message with a hint to type, and a voice in a group once a day per person', async () => {
    const { world, close } = await openWorld()
    try {
      await world.sendFile('李大爷', null, voice('voice.silk'))
      await world.sendFile('李大爷', G3, voice('voice2.silk'))
      await world.sendFile('李大爷', G3, voice('voice3.silk'))
      await world.sendFile('王阿姨', G3, voice('voice4.silk'))
      expect(world.transcript.map(l => [l.to ?? l.room, l.text.slice(0, 9)])).toEqual([
        ['李大爷', '抱歉，我暂时听不了'],
        ['花园社区3网格居民群', '@李大爷 语音我暂'],
        ['花园社区3网格居民群', '@王阿姨 语音我暂'],
      ])
    } finally {
      await close()
    }
  })

  it('welcomes people who join a resident group, several at once in one message', async () => {
    const { lines } = await play([
      { join: '小刘', in: G3 },
      { join: '小陈', in: G3 },
      { join: '小赵', in: G3 },
      { wait: '1m' },
      { join: '新同事', in: '花园社区工作群' },
      { wait: '1m' },
    ])
    const welcomes = inRoom(lines, G3)
    expect(welcomes).toHaveLength(1)
    expect(welcomes[0].text).toMatch(/^@小刘[\s\u2005]@小陈[\s\u2005]@小赵 欢迎3位新邻居/)
    expect(inRoom(lines, '花园社区工作群')).toHaveLength(0)
  })

  it('slows down a resident who floods, politely and once', async () => {
    const steps = Array.from({ length: 12 }, (_, i) => ({ from: '路人甲', in: G3, text: `接单 ${i + 1}` }))
    const { lines } = await play(steps)
    const toHim = inRoom(lines, G3).filter(l => l.text.startsWith('@路人甲'))
    expect(toHim.length).toBe(7)
    expect(toHim.at(-1)!.text).toMatch(/稍等/)
  })
})
