import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { redact, privateParts } from '../../src/core/redact.js'

/** Every digit the text still shows, read the way a person would (fullwidth and Chinese digits too). */
const shownDigits = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/[零〇]/g, '0')
    .replace(/[一二两三四五六七八九]/g, c => String('一二三四五六七八九'.indexOf(c === '两' ? '二' : c) + 1))
    .replace(/[^0-9]/g, '')

describe('redaction of group-bound text', () => {
  const formats = [
    '13812345678',
    '+8613812345678',
    '+86 138 1234 5678',
    '138-1234-5678',
    '138.1234.5678',
    '138 1234 5678',
    '１３８１２３４５６７８',
    '一三八一二三四五六七八',
    '0538-6281234',
    '05386281234',
    '12号楼2单元301',
    '12号楼二单元301',
    '2单元301',
    '301房间',
    '三零一室',
    '三〇一室',
    '12/2/301',
    '12-2-301',
    '12#2-301',
    '12栋2-301',
    '301户',
    '12号楼301室',
    '12幢2单元301号',
    '3楼301',
    '１２号楼２单元３０１室',
  ]
  it.each(formats)('hides %s inside a sentence', f => {
    const out = redact(`师傅说是${f}，麻烦大家留意`)
    expect(out).toMatch(/已隐藏/)
    expect(out).toMatch(/^师傅说是.*，麻烦大家留意$/)
    expect(privateParts(`师傅说是${f}，麻烦大家留意`)).toHaveLength(1)
  })

  it.each([
    '12号楼的楼道灯坏了',
    '3楼楼梯扶手松了',
    '2单元门口',
    '单号 #301 已办结',
    '12月3日 10:30 开会',
    '80岁以上老人',
    '明天上午9点至12点停水',
    '#12',
    '第3网格',
    '燃气公司已到场，是3楼阀门松了',
  ])('keeps %s as written', s => expect(redact(s)).toBe(s))

  it('leaves the community’s own public numbers', () => {
    expect(redact('值班电话 0538-6281234', ['0538-6281234'])).toBe('值班电话 0538-6281234')
    expect(redact('值班电话 0538-6281234 或 13812345678', ['05386281234'])).toBe('值班电话 0538-6281234 或 [电话已隐藏]')
  })

  it('never lets a mobile number or a flat through, however it is written (property)', () => {
    const cn = '零一二三四五六七八九'
    const digit = (d: number, style: number) => (style === 0 ? String(d) : style === 1 ? String.fromCharCode(0xff10 + d) : cn[d])
    const sep = fc.constantFrom('', ' ', '-', '.', '·', '/')
    const mobile = fc
      .tuple(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 10, maxLength: 10 }), fc.integer({ min: 0, max: 2 }), sep, fc.boolean())
      .map(([ds, style, s, plus]) => (plus ? '+86 ' : '') + [1, ...ds].map((d, i) => digit(d, style) + (i === 2 || i === 6 ? s : '')).join(''))
    const flat = fc
      .tuple(
        fc.integer({ min: 1, max: 80 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 33 }),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom('号楼{u}单元{f}', '#{u}-{f}', '栋{u}-{f}', '-{u}-{f}', '/{u}/{f}', '号楼{u}单元{f}室', '号楼{f}室'),
        fc.integer({ min: 0, max: 2 }),
      )
      .map(([b, u, floor, n, tpl, style]) => {
        const f = `${floor}${String(n).padStart(2, '0')}`
        const w = (x: string) => [...x].map(c => (/\d/.test(c) ? digit(Number(c), style) : c)).join('')
        return { text: w(String(b)) + tpl.replace('{u}', w(String(u))).replace('{f}', w(f)), secret: f }
      })
    const filler = fc.constantFrom('', '麻烦', '我家在', '，谢谢', '师傅说：', '（急）', ' ')
    const between = fc.constantFrom('，地址', ' 住', '；', '，在') // words, not digits, between the two numbers
    fc.assert(
      fc.property(filler, mobile, between, flat, filler, (a, m, b, fl, c) => {
        const out = redact(`${a}${m}${b}${fl.text}${c}`)
        expect(shownDigits(out)).not.toContain(shownDigits(m).slice(-8))
        expect(out).not.toContain(fl.text)
        expect(shownDigits(out).endsWith(fl.secret)).toBe(false)
      }),
      { numRuns: 500 },
    )
  })
})
