import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCanvas, loadImage } from '@napi-rs/canvas'
import { afterAll, describe, expect, it } from 'vitest'
import { CHART_FONT, missingGlyphs, niceAxis, registerChartFont, renderBarChart, ticketsChart, ticketsChartSpec, writeChart } from '../../src/adapters/chart.js'
import { monthlyStats } from '../../src/core/report/stats.js'
import { NOVEMBER, dir, november } from '../core/report/fixture.js'

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
const size = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) })

const stats = monthlyStats(november(), dir, NOVEMBER)
const spec = ticketsChartSpec(stats)

/** Every text the report chart can draw: titles, axis labels, grid and team names, digits and the subtitle. */
const allLabels = [
  spec.title,
  spec.subtitle!,
  ...spec.panels.flatMap(p => [p.title, p.xLabel, p.yLabel, ...p.bars.map(b => b.label)]),
  ...dir.grids.map(g => `${g.id}网格`),
  ...dir.teams.map(t => t.name),
  '网格长',
  '未定位',
  '0123456789%.·—',
  '花园社区 2026年12月 工单统计',
  '共受理 件 响应率 解决率 满意率 按时办结率',
]

function glyphPixels(text: string, family: string): Uint8ClampedArray {
  const c = createCanvas(64, 64)
  const ctx = c.getContext('2d')
  ctx.fillStyle = '#FFFFFF'
  ctx.fillRect(0, 0, 64, 64)
  ctx.fillStyle = '#000000'
  ctx.font = `44px "${family}"`
  ctx.fillText(text, 6, 50)
  return ctx.getImageData(0, 0, 64, 64).data
}
const dark = (px: Uint8ClampedArray) => {
  let n = 0
  for (let i = 0; i < px.length; i += 4) if (px[i] < 128) n++
  return n
}
const same = (a: Uint8ClampedArray, b: Uint8ClampedArray) => Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0

describe('chart font', () => {
  it('registers the bundled Noto Sans SC', () => {
    expect(registerChartFont()).toBe(CHART_FONT)
    expect(registerChartFont()).toBe(CHART_FONT) // idempotent
  })

  it('covers every character the chart draws', () => {
    expect(missingGlyphs(allLabels.join(''))).toEqual([])
    expect(missingGlyphs('\u0378')).toEqual(['\u0378']) // an unassigned code point is reported
  })

  it('draws real glyphs for Chinese labels, not blanks or missing-glyph boxes', () => {
    registerChartFont()
    const tofu = glyphPixels('\u0378', CHART_FONT) // what a missing glyph looks like
    const blank = glyphPixels('', CHART_FONT)
    const chars = [...new Set(allLabels.join('').replace(/\s/g, ''))]
    expect(chars.length).toBeGreaterThan(60)
    for (const ch of chars) {
      const px = glyphPixels(ch, CHART_FONT)
      expect(same(px, blank), `${ch} is blank`).toBe(false)
      expect(same(px, tofu), `${ch} is a missing-glyph box`).toBe(false)
    }
    const ctx = createCanvas(10, 10).getContext('2d')
    ctx.font = `20px "${CHART_FONT}"`
    expect(ctx.measureText('海军帮忙队').width).toBeGreaterThan(80)
    expect(dark(glyphPixels('网', CHART_FONT))).toBeGreaterThan(50)
  })
})

describe('bar chart', () => {
  const dirOut = mkdtempSync(join(tmpdir(), 'linli-chart-'))
  afterAll(() => rmSync(dirOut, { recursive: true, force: true }))

  it('renders the monthly chart by grid and team as a PNG', async () => {
    const png = ticketsChart(stats)
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE)
    expect(size(png)).toEqual({ width: 1200, height: 92 + 2 * 420 + 12 })
    expect(png.length).toBeGreaterThan(10_000)
    const file = await writeChart(join(dirOut, 'sub', 'chart.png'), png)
    expect(readFileSync(file)).toEqual(png)
    expect(spec.subtitle).toContain('共受理 12 件 · 响应率 75% · 解决率 75% · 满意率 75%')
  })

  it('draws bars whose heights match the figures', async () => {
    const png = ticketsChart(stats, { by: 'grid' })
    const img = await loadImage(png)
    const c = createCanvas(img.width, img.height)
    const ctx = c.getContext('2d')
    ctx.drawImage(img, 0, 0)
    const { data, width, height } = ctx.getImageData(0, 0, img.width, img.height)
    // columns painted in the bar colour #2F6FDE, grouped into bars
    const isBar = (x: number, y: number) => {
      const i = (y * width + x) * 4
      return data[i] === 0x2f && data[i + 1] === 0x6f && data[i + 2] === 0xde
    }
    const bars: number[] = []
    let inBar = false
    for (let x = 0; x < width; x++) {
      let h = 0
      for (let y = 0; y < height; y++) if (isBar(x, y)) h++
      if (h > 0 && !inBar) bars.push(h)
      else if (h > 0) bars[bars.length - 1] = Math.max(bars[bars.length - 1], h)
      inBar = h > 0
    }
    const values = stats.byGrid.map(r => r.total).filter(v => v > 0)
    expect(values).toEqual([2, 3, 2, 2, 2, 1])
    expect(bars).toHaveLength(values.length)
    const unit = bars[1] / values[1]
    bars.forEach((h, i) => {
      expect(Math.abs(h - values[i] * unit), `bar ${i}`).toBeLessThanOrEqual(2)
    })
  })

  it('renders any spec, including empty and all-zero panels', () => {
    const png = renderBarChart({
      title: '测试',
      panels: [
        { title: '空', xLabel: '网格', yLabel: '件', bars: [] },
        { title: '零', xLabel: '队伍', yLabel: '件', bars: [{ label: '爱心大妈针情坊', value: 0 }] },
      ],
    })
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE)
    expect(size(png).height).toBe(64 + 2 * 420 + 12)
  })

  it('chooses nice axes', () => {
    expect(niceAxis(0)).toEqual({ top: 5, step: 1 })
    expect(niceAxis(3)).toEqual({ top: 4, step: 1 }) // headroom over the tallest bar
    expect(niceAxis(15)).toEqual({ top: 20, step: 5 })
    expect(niceAxis(16)).toEqual({ top: 20, step: 5 })
    expect(niceAxis(230)).toEqual({ top: 250, step: 50 })
  })
})
