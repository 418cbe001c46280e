import { describe, expect, it } from 'vitest'
import { commandText, ticketArg } from '../../src/core/command-text.js'
import { normalizeInput } from '../../src/core/input.js'

const BOT = '花园社区小助手'
const arg = (raw: string) => ticketArg(commandText(raw, BOT).replace(/^\S+\s*/, ''))

describe('ticket numbers are plain positive integers', () => {
  it.each([
    ['接单 12', [12, '']],
    ['接单 #12', [12, '']],
    ['接单 ＃１２', [12, '']],
    ['接单 十二', [12, '']],
    ['完成 12 已疏通', [12, '已疏通']],
    ['接单 𝟏𝟐', [12, '']],
    ['接单 1\u200b2', [12, '']],
    ['接单 一百零五', [105, '']],
    ['接单 ٣', [3, '']],
    ['接单 二十', [20, '']],
    ['接单 两百三十一', [231, '']],
    ['接单 十', [10, '']],
    ['接单 一二', [12, '']],
  ])('%s', (raw, want) => expect(arg(raw)).toEqual(want))

  it.each([
    '接单 1e3',
    '查询 ①',
    '查询 1.5',
    '接单 -1',
    '接单 0',
    '接单 0x10',
    '接单 01',
    '查询 ⑫',
    '接单 1²',
    '接单 99999999999999999999',
    '接单 1000000000',
    '接单 abc',
    '接单',
    '撤销 十十',
    '撤销 二十三十',
    '撤销 一百百',
    '撤销 十百',
    '撤销 零五',
  ])('refuses %s', raw => expect(arg(raw)).toBeNull())
})

describe('input normalisation before commands and intake', () => {
  it('removes zero-width and bidi characters and reads every decimal digit form', () => {
    expect(normalizeInput('𝟏𝟐号楼\u200d2单元\u202e301')).toBe('12号楼2单元301')
    expect(normalizeInput('１２号楼')).toBe('12号楼')
    expect(normalizeInput('①号楼')).toBe('①号楼')
  })
  it('keeps circled numbers apart from digits in commands', () => {
    expect(commandText('查询 ①', BOT)).toBe('查询 ①')
    expect(commandText('@花园社区小助手\u2005查询\u200b 12', BOT)).toBe('查询 12')
  })
})
