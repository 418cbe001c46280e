import { describe, expect, it } from 'vitest'
import { monthlyStats } from '../../../src/core/report/stats.js'
import { BOM, GROUP_HEADER, csvField, monthlyCsv, toCsv } from '../../../src/core/report/csv.js'
import { NOVEMBER, dir, november } from './fixture.js'

/** An RFC 4180 reader written for the test: quoted fields, doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = [],
    field = '',
    quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      i++
    } else if (c === '\n') throw new Error(`bare LF at ${i}`)
    else field += c
  }
  if (field || row.length) {
    row.push(field)
    rows.push(row)
  }
  return rows
}

describe('monthly CSV', () => {
  const csv = monthlyCsv(monthlyStats(november(), dir, NOVEMBER))
  const rows = parseCsv(csv.slice(1))

  it('starts with the UTF-8 BOM and ends lines with CRLF', () => {
    expect(csv.startsWith('\uFEFF')).toBe(true)
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    expect(csv.endsWith('\r\n')).toBe(true)
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
  })

  it('parses back into one row per grid, per team, per category and totals', () => {
    const header = rows.findIndex(r => r[0] === '分组')
    expect(rows[header]).toEqual(GROUP_HEADER)
    const body = rows.filter(r => ['网格', '队伍', '类别', '合计'].includes(r[0]))
    expect(body.filter(r => r[0] === '网格')).toHaveLength(17) // 16 grids + 未定位
    expect(body.filter(r => r[0] === '队伍')).toHaveLength(9) // 8 teams + 网格长
    expect(body.filter(r => r[0] === '类别')).toHaveLength(10)
    const get = (kind: string, name: string) =>
      body
        .find(r => r[0] === kind && r[1] === name)!
        .slice(2)
        .map(Number)
    expect(get('网格', '3网格')).toEqual([3, 3, 0, 1, 2, 0, 2, 1, 0])
    expect(get('队伍', '网格长')).toEqual([4, 2, 2, 1, 3, 0, 2, 1, 0])
    expect(get('类别', '水管漏水')[0]).toBe(3)
    expect(get('合计', '合计')).toEqual([12, 9, 3, 4, 7, 1, 6, 2, 2])
    for (const kind of ['网格', '队伍', '类别']) {
      expect(
        body.filter(r => r[0] === kind).reduce((n, r) => n + Number(r[2]), 0),
        kind,
      ).toBe(12)
    }
  })

  it('carries the rates, medians and cancelled tickets', () => {
    const metric = (name: string) => rows.find(r => r[0] === name)!
    expect(metric('响应率').slice(1, 4)).toEqual(['75%', '9', '12'])
    expect(metric('解决率').slice(1, 4)).toEqual(['75%', '9', '12'])
    expect(metric('满意率').slice(1, 4)).toEqual(['75%', '6', '8'])
    expect(metric('按时办结率').slice(1, 4)).toEqual(['36.4%', '4', '11'])
    expect(metric('未评价')[1]).toBe('2')
    expect(metric('接单用时中位数（分钟）')[1]).toBe('60')
    expect(metric('办结用时中位数（分钟）')[1]).toBe('480')
    expect(metric('撤销').slice(1, 5)).toEqual(['1', '', '', '#12'])
  })
})

describe('CSV fields', () => {
  it('quotes when needed and defuses formulas', () => {
    expect(csvField('水管漏水')).toBe('水管漏水')
    expect(csvField('a,b')).toBe('"a,b"')
    expect(csvField('说"好"')).toBe('"说""好"""')
    expect(csvField('两行\r\n文字')).toBe('"两行\r\n文字"')
    expect(csvField(' 前后空格 ')).toBe('" 前后空格 "')
    expect(csvField('=SUM(A1:A9)')).toBe("'=SUM(A1:A9)")
    expect(csvField(-3)).toBe('-3')
    expect(csvField(null)).toBe('')
  })
  it('round-trips awkward fields', () => {
    const data = [
      ['名称', '备注'],
      ['a,b', '说"好"'],
      ['两行\r\n文字', ''],
    ]
    const out = toCsv(data)
    expect(out.startsWith(BOM)).toBe(true)
    expect(parseCsv(out.slice(1))).toEqual(data)
  })
})
