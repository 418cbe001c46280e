import { describe, expect, it } from 'vitest'
import { parseLocation } from '../../../src/core/intake/index.js'

const L = (building: number | null, unit: number | null = null, room: string | null = null) => ({ building, unit, room })

describe('parseLocation', () => {
  it.each([
    // buildings: 号楼 / 栋 / 幢 / # / 第…号楼, Chinese numerals
    ['12号楼', L(12)],
    ['12栋', L(12)],
    ['12幢', L(12)],
    ['12#', L(12)],
    ['13#楼2单元402', L(13, 2, '402')],
    ['第十二号楼', L(12)],
    ['十二栋二单元', L(12, 2)],
    ['十二号楼二单元三零一', L(12, 2, '301')],
    ['１２号楼２单元３０１', L(12, 2, '301')],
    ['12 号楼 2 单元 301', L(12, 2, '301')],
    // units and rooms
    ['12号楼2单元301', L(12, 2, '301')],
    ['12号楼2单元301室', L(12, 2, '301')],
    ['12号楼2单元的301', L(12, 2, '301')],
    ['12栋201', L(12, null, '201')],
    ['12号2单元', L(12, 2)],
    ['7号楼1门201', L(7, 1, '201')],
    ['2单元301', L(null, 2, '301')],
    ['住301室', L(null, null, '301')],
    ['12楼2单元', L(12, 2)],
    ['12号楼2单元3楼302', L(12, 2, '302')],
    ['12号楼1单元1102', L(12, 1, '1102')],
    // compact forms
    ['12-2-301', L(12, 2, '301')],
    ['12#2-301', L(12, 2, '301')],
    ['32#1-302', L(32, 1, '302')],
    ['9#3-501', L(9, 3, '501')],
    ['61-2-102', L(61, 2, '102')],
    ['12号楼2-301', L(12, 2, '301')],
    ['#报修 32#1-302 水龙头拧不紧', L(32, 1, '302')],
    // in a sentence
    ['下雨天楼顶往下渗水 五楼六楼都遭殃 47号楼', L(47)],
    ['电线杆上的线在冒火 76号楼前面', L(76)],
    ['家里总闸一推上去就掉 第二十号楼四单元301室', L(20, 4, '301')],
    ['报修 二十三栋三单元一零二 水管漏水', L(23, 3, '102')],
    ['住在五楼 12号楼', L(12)],
    ['12号楼5楼', L(12)],
    // floors are not buildings
    ['5楼', L(null)],
    ['五楼六楼都遭殃', L(null)],
    ['我家在3层', L(null)],
    ['3楼那家窗户往外冒火', L(null)],
    // numbers that are not addresses
    ['刚才说的那个事我已经报过了 单号是5', L(null)],
    ['我的电话13812345678', L(null)],
    ['下午3点来修', L(null)],
    ['花了300块', L(null)],
    ['五月二十号', L(null)],
    ['2024-12-01 停水', L(null)],
    ['138-1234-5678', L(null)],
    ['查询 #12', L(null)],
    ['12号楼的王阿姨 电话13912345678', L(12)],
    ['12号楼 2023年装的', L(12)],
    ['一栋楼都停电了', L(null)],
    ['0号楼', L(null)],
    ['', L(null)],
  ])('%s', (text, want) => {
    expect(parseLocation(text)).toEqual(want)
  })

  it('answers to "请问在几号楼几单元几室？"', () => {
    expect(parseLocation('12号楼2单元301')).toEqual(L(12, 2, '301'))
    expect(parseLocation('十二栋二单元')).toEqual(L(12, 2))
    expect(parseLocation('12-2-301')).toEqual(L(12, 2, '301'))
    expect(parseLocation('在12号楼，2单元，301')).toEqual(L(12, 2, '301'))
    expect(parseLocation('我住１２＃２－３０１')).toEqual(L(12, 2, '301'))
    expect(parseLocation('不知道')).toEqual(L(null))
  })
})
