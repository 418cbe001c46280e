import { describe, expect, it } from 'vitest'
import { chineseNumberToDigits, normalize } from '../../../src/core/intake/index.js'

describe('normalize', () => {
  it.each([
    // full-width digits, letters and punctuation → half-width; ASCII lower-cased
    ['２５号楼１单元３０１', '25号楼1单元301'],
    ['ＯＫ，好的！', 'ok,好的!'],
    ['＃报修　３２＃１－３０２', '#报修 32#1-302'],
    // @mentions (WeChat puts U+2005 after the name), emoji, [表情] codes
    ['@花园社区小助手\u2005报修 马桶堵了', '报修 马桶堵了'],
    ['@花园社区小助手 你好', '你好'],
    ['[强][强][强]', ''],
    ['[抱拳][抱拳] 谢谢', '谢谢'],
    ['👍👍 太好了 🙏🏻', '太好了'],
    ['家里着火了🔥🔥', '家里着火了'],
    ['🇨🇳', ''],
    // control characters and collapsed spaces
    ['马桶\t堵了\u0000\u0007 \r\n 12号楼', '马桶 堵了 12号楼'],
    ['  多个   空格  ', '多个 空格'],
    ['\u200b零宽\u200d字符\ufeff', '零宽 字符'],
    // Chinese numerals next to address words
    ['十二号楼', '12号楼'],
    ['第十二号楼', '第12号楼'],
    ['第二十号楼四单元301室', '第20号楼4单元301室'],
    ['四十四号楼二单元六零二', '44号楼2单元602'],
    ['十五号楼二单元五零一', '15号楼2单元501'],
    ['十二栋二单元', '12栋2单元'],
    ['二〇一室', '201室'],
    ['两单元三零一', '2单元301'],
    ['三百零一室', '301室'],
    ['一百二十号楼', '120号楼'],
    ['五楼六楼都遭殃', '5楼6楼都遭殃'],
    ['二十三栋三单元一零二', '23栋3单元102'],
    // numerals that are not addresses stay as they are
    ['想一了百了', '想一了百了'],
    ['老两口', '老两口'],
    ['万一楼上漏水', '万一楼上漏水'],
    ['一栋楼都停电了', '一栋楼都停电了'],
    ['一个人在家', '一个人在家'],
    ['三天没见', '三天没见'],
  ])('%s → %s', (input, want) => {
    expect(normalize(input)).toBe(want)
  })

  it('never throws and returns a string for any input', () => {
    for (const t of ['', ' ', '\u0000', '\uD800', '🏳️‍🌈', 'a'.repeat(100_000), '@'.repeat(50), '[[[]]]']) {
      expect(typeof normalize(t)).toBe('string')
    }
    expect(normalize(undefined as unknown as string)).toBe('')
  })

  it.each([
    ['十二', '12'],
    ['二十', '20'],
    ['四十四', '44'],
    ['十', '10'],
    ['三零一', '301'],
    ['二〇一', '201'],
    ['五零一', '501'],
    ['两', '2'],
    ['三百零一', '301'],
    ['一百', '100'],
  ])('chineseNumberToDigits(%s) = %s', (run, want) => {
    expect(chineseNumberToDigits(run)).toBe(want)
  })
})
