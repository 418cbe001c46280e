import { readFileSync, readdirSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { GlobalFonts, createCanvas, type SKRSContext2D } from '@napi-rs/canvas'
import type { MonthlyStats } from '../core/report/stats.js'
import { periodText, pct } from '../core/report/text.js'

/**
 * Bar chart PNGs for the reports, with Chinese labels that render on any machine after `npm install`:
 * Skia through @napi-rs/canvas (prebuilt binary inside a registry package) and the Noto Sans SC variable
 * font from @fontsource-variable/noto-sans-sc (WOFF2 slices covering Simplified Chinese, Latin and digits),
 * registered under one family name. System fonts are never relied on.
 */

export const CHART_FONT = 'Linli Noto Sans SC'
const FONT_PACKAGE = '@fontsource-variable/noto-sans-sc'

const require = createRequire(import.meta.url)
const fontRoot = () => dirname(require.resolve(`${FONT_PACKAGE}/package.json`))

let registered = 0

/** Registers the bundled font files once; returns the family name to use. Throws if the package is missing. */
export function registerChartFont(): string {
  if (registered > 0) return CHART_FONT
  const dir = join(fontRoot(), 'files')
  const files = readdirSync(dir)
    .filter(f => f.endsWith('.woff2'))
    .sort()
  for (const f of files) if (GlobalFonts.registerFromPath(join(dir, f), CHART_FONT)) registered++
  if (registered === 0) throw new Error(`图表字体注册失败：${dir} 中没有可用的字体文件（请执行 npm install）`)
  return CHART_FONT
}

let ranges: [number, number][] | null = null

/** The code points the bundled font declares (its unicode-range table), as sorted [from, to] pairs. */
function fontRanges(): [number, number][] {
  if (ranges) return ranges
  const table = JSON.parse(readFileSync(join(fontRoot(), 'unicode.json'), 'utf8')) as Record<string, string>
  const out: [number, number][] = []
  for (const spec of Object.values(table)) {
    for (const part of spec.split(',')) {
      const m = /^\s*U\+([0-9a-f]+)(?:-([0-9a-f]+))?\s*$/i.exec(part)
      if (m) out.push([parseInt(m[1], 16), parseInt(m[2] ?? m[1], 16)])
    }
  }
  ranges = out.sort((a, b) => a[0] - b[0])
  return ranges
}

/** The distinct characters of `text` the bundled font has no glyph for (spaces ignored). */
export function missingGlyphs(text: string): string[] {
  const r = fontRanges()
  const missing = new Set<string>()
  for (const ch of text) {
    const cp = ch.codePointAt(0)!
    if (/\s/.test(ch)) continue
    let lo = 0,
      hi = r.length - 1,
      found = false
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      if (cp < r[mid][0]) hi = mid - 1
      else if (cp > r[mid][1]) lo = mid + 1
      else {
        found = true
        break
      }
    }
    if (!found) missing.add(ch)
  }
  return [...missing]
}

export interface Bar {
  label: string
  value: number
}
export interface BarPanel {
  title: string
  xLabel: string
  yLabel: string
  bars: Bar[]
  color?: string
}
export interface ChartSpec {
  title: string
  subtitle?: string
  panels: BarPanel[]
  width?: number
  panelHeight?: number
}

const COLORS = ['#2F6FDE', '#E8833A', '#2A9D8F']
const font = (size: number, weight = 400) => `${weight === 400 ? '' : weight + ' '}${size}px "${CHART_FONT}"`

/**
 * A "nice" axis: a step of 1, 2 or 5 × 10^k giving about `ticks` intervals, topping above `max` (one more
 * step when `max` falls on a tick, leaving room for the value label over the tallest bar).
 */
export function niceAxis(max: number, ticks = 5): { top: number; step: number } {
  if (!(max > 0)) return { top: ticks, step: 1 }
  const raw = max / ticks
  const mag = 10 ** Math.floor(Math.log10(raw))
  const step = [1, 2, 5, 10].map(k => k * mag).find(s => s >= raw && s >= 1) ?? Math.max(1, 10 * mag)
  const top = Math.ceil(max / step) * step
  return { top: top === max ? top + step : top, step }
}

/** Splits a label into at most `maxLines` lines that fit `width` (CJK text breaks between any characters). */
function wrap(ctx: SKRSContext2D, label: string, width: number, maxLines = 2): string[] {
  if (ctx.measureText(label).width <= width) return [label]
  const chars = [...label]
  const lines: string[] = []
  let cur = ''
  for (const ch of chars) {
    if (cur && ctx.measureText(cur + ch).width > width) {
      lines.push(cur)
      cur = ch
    } else cur += ch
  }
  if (cur) lines.push(cur)
  if (lines.length <= maxLines) return lines
  const perLine = Math.ceil(chars.length / maxLines)
  return Array.from({ length: maxLines }, (_, i) => chars.slice(i * perLine, (i + 1) * perLine).join(''))
}

function drawPanel(ctx: SKRSContext2D, p: BarPanel, x0: number, y0: number, w: number, h: number, color: string) {
  const left = 78,
    right = 24,
    top = 46,
    bottom = 82
  const px = x0 + left,
    py = y0 + top,
    pw = w - left - right,
    ph = h - top - bottom
  const { top: yMax, step } = niceAxis(Math.max(0, ...p.bars.map(b => b.value)))

  ctx.fillStyle = '#1F2937'
  ctx.font = font(20, 700)
  ctx.textAlign = 'left'
  ctx.textBaseline = 'alphabetic'
  ctx.fillText(p.title, x0 + 16, y0 + 28)

  // grid lines and y ticks
  ctx.font = font(14)
  ctx.textAlign = 'right'
  ctx.textBaseline = 'middle'
  for (let v = 0; v <= yMax; v += step) {
    const y = py + ph - (v / yMax) * ph
    ctx.strokeStyle = v === 0 ? '#6B7280' : '#E5E7EB'
    ctx.lineWidth = 1
    ctx.beginPath()
    ctx.moveTo(px, Math.round(y) + 0.5)
    ctx.lineTo(px + pw, Math.round(y) + 0.5)
    ctx.stroke()
    ctx.fillStyle = '#4B5563'
    ctx.fillText(String(v), px - 8, y)
  }
  ctx.strokeStyle = '#6B7280'
  ctx.beginPath()
  ctx.moveTo(px + 0.5, py)
  ctx.lineTo(px + 0.5, py + ph)
  ctx.stroke()

  // y axis label, rotated
  ctx.save()
  ctx.translate(x0 + 22, py + ph / 2)
  ctx.rotate(-Math.PI / 2)
  ctx.textAlign = 'center'
  ctx.textBaseline = 'middle'
  ctx.font = font(15)
  ctx.fillStyle = '#374151'
  ctx.fillText(p.yLabel, 0, 0)
  ctx.restore()

  // bars, values, labels
  const n = Math.max(1, p.bars.length)
  const slot = pw / n
  const bw = Math.min(56, slot * 0.62)
  // the largest label size (14 down to 11 px) at which every label fits its slot on one line; else wrap at 12 px
  const labelSize =
    [14, 13, 12, 11].find(sz => {
      ctx.font = font(sz)
      return p.bars.every(b => ctx.measureText(b.label).width <= slot - 6)
    }) ?? 12
  p.bars.forEach((b, i) => {
    const cx = px + slot * (i + 0.5)
    const bh = (b.value / yMax) * ph
    ctx.fillStyle = color
    ctx.fillRect(cx - bw / 2, py + ph - bh, bw, bh)
    ctx.fillStyle = '#111827'
    ctx.font = font(14, 700)
    ctx.textAlign = 'center'
    ctx.textBaseline = 'bottom'
    ctx.fillText(String(b.value), cx, py + ph - bh - 4)
    ctx.font = font(labelSize)
    ctx.textBaseline = 'top'
    ctx.fillStyle = '#374151'
    wrap(ctx, b.label, slot - 6).forEach((line, k) => {
      ctx.fillText(line, cx, py + ph + 8 + k * (labelSize + 4))
    })
  })

  ctx.font = font(15)
  ctx.textAlign = 'center'
  ctx.textBaseline = 'bottom'
  ctx.fillStyle = '#374151'
  ctx.fillText(p.xLabel, px + pw / 2, y0 + h - 8)
}

/** Renders one or more bar panels stacked vertically under a title, as a PNG buffer. */
export function renderBarChart(spec: ChartSpec): Buffer {
  registerChartFont()
  const width = spec.width ?? 1200
  const ph = spec.panelHeight ?? 420
  const head = spec.subtitle ? 92 : 64
  const height = head + ph * spec.panels.length + 12
  const canvas = createCanvas(width, height)
  const ctx = canvas.getContext('2d')
  ctx.fillStyle = '#FFFFFF'
  ctx.fillRect(0, 0, width, height)

  ctx.fillStyle = '#111827'
  ctx.textAlign = 'center'
  ctx.textBaseline = 'alphabetic'
  ctx.font = font(26, 700)
  ctx.fillText(spec.title, width / 2, 40)
  if (spec.subtitle) {
    ctx.font = font(16)
    ctx.fillStyle = '#4B5563'
    ctx.fillText(spec.subtitle, width / 2, 72)
  }
  spec.panels.forEach((p, i) => {
    drawPanel(ctx, p, 0, head + i * ph, width, ph, p.color ?? COLORS[i % COLORS.length])
  })
  return canvas.toBuffer('image/png')
}

export type ChartBy = 'grid' | 'team' | 'both'

/** The chart spec of a period's tickets by grid and/or by team (target), with the hotline rates as subtitle. */
export function ticketsChartSpec(s: MonthlyStats, opts: { by?: ChartBy; community?: string; title?: string } = {}): ChartSpec {
  const by = opts.by ?? 'both'
  const panels: BarPanel[] = []
  if (by !== 'team') {
    panels.push({ title: '各网格工单数', xLabel: '网格', yLabel: '工单数（件）', bars: s.byGrid.map(r => ({ label: r.label, value: r.total })) })
  }
  if (by !== 'grid') {
    panels.push({
      title: '各队伍工单数',
      xLabel: '承办队伍',
      yLabel: '工单数（件）',
      bars: s.byTarget.map(r => ({ label: r.label, value: r.total })),
      color: COLORS[1],
    })
  }
  const h = s.hotline
  return {
    title: opts.title ?? `${opts.community ?? '花园社区'} ${periodText(s.period)} 工单统计`,
    subtitle: `共受理 ${s.total} 件 · 响应率 ${pct(h.response.rate)} · 解决率 ${pct(h.resolution.rate)} · 满意率 ${pct(h.satisfaction.rate)} · 按时办结率 ${pct(s.onTime.rate)}`,
    panels,
  }
}

/** The report chart as a PNG buffer. */
export const ticketsChart = (s: MonthlyStats, opts: { by?: ChartBy; community?: string; title?: string } = {}) => renderBarChart(ticketsChartSpec(s, opts))

/** Writes a PNG (or any buffer) to `path`, creating its folder. */
export async function writeChart(path: string, png: Buffer): Promise<string> {
  await mkdir(dirname(path), { recursive: true })
  await writeFile(path, png)
  return path
}
