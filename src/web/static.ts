import type { Hono } from 'hono'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { ROOT } from '../paths.js'
import type { Env } from './deps.js'

/** The console's and the resident page's stylesheets and scripts, and ECharts from node_modules (no CDN), each gzipped once. */
const ASSETS = path.join(ROOT, 'src', 'web', 'assets')
const require = createRequire(import.meta.url)

interface Asset {
  type: string
  body: Buffer
  gz: Buffer
}
const load = (file: string, type: string): Asset => {
  const body = readFileSync(file)
  return { type, body, gz: gzipSync(body) }
}

export function staticRoutes(hono: Hono<Env>) {
  const files = new Map<string, () => Asset>()
  const lazy = (name: string, file: string, type: string) => {
    let a: Asset | undefined
    files.set(name, () => (a ??= load(file, type)))
  }
  lazy('console.css', path.join(ASSETS, 'console.css'), 'text/css; charset=utf-8')
  lazy('console.js', path.join(ASSETS, 'console.js'), 'text/javascript; charset=utf-8')
  lazy('resident.css', path.join(ASSETS, 'resident.css'), 'text/css; charset=utf-8')
  lazy('resident.js', path.join(ASSETS, 'resident.js'), 'text/javascript; charset=utf-8')
  lazy('echarts.min.js', require.resolve('echarts/dist/echarts.min.js'), 'text/javascript; charset=utf-8')
  hono.get('/static/:name', c => {
    const get = files.get(c.req.param('name'))
    if (!get) return c.text('没有这个文件', 404)
    const a = get()
    const gz = /\bgzip\b/.test(c.req.header('accept-encoding') ?? '')
    c.header('Content-Type', a.type)
    c.header('Cache-Control', 'public, max-age=3600')
    c.header('Vary', 'Accept-Encoding')
    if (gz) c.header('Content-Encoding', 'gzip')
    return c.body(new Uint8Array(gz ? a.gz : a.body))
  })
}
