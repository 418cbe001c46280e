/**
 * `npm run --silent parse` (src/cli/parse.ts): one JSON line per input line, the seven fields in their
 * order then confidence and answer, whatever the input; a broken db.json stops it with the file, the
 * field and the problem.
 */
import { spawnSync } from 'node:child_process'
import { tempDirSync } from '../../tmp.js'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const TSX = join(ROOT, 'node_modules/.bin/tsx')

function run(input: string, env: Record<string, string> = {}) {
  return spawnSync(TSX, ['src/cli/parse.ts'], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  })
}

describe('parse CLI', () => {
  it('prints one JSON object per line: the seven fields in order, then confidence and answer', () => {
    const lines = [
      '马桶堵了 12号楼2单元301',
      '',
      '早上好各位',
      '漏'.repeat(100_000),
      '\u0001\u0002\u001b[0m控制字符\u0007',
      '😀😀😀',
      '[强][强]',
      '厨房里有股煤气味 77号楼1单元301',
      '   ',
    ]
    const r = run(lines.join('\n') + '\n')
    expect(r.status, r.stderr).toBe(0)
    const out = r.stdout.split('\n').filter(l => l !== '')
    expect(out).toHaveLength(lines.length)
    const parsed = out.map(l => JSON.parse(l) as Record<string, unknown>)
    for (const p of parsed) {
      expect(Object.keys(p)).toEqual(['request', 'category', 'target', 'building', 'unit', 'room', 'urgent', 'confidence', 'answer'])
      expect(typeof p.confidence).toBe('number')
      expect(p.confidence as number).toBeGreaterThanOrEqual(0)
      expect(p.confidence as number).toBeLessThanOrEqual(1)
      expect(Math.round((p.confidence as number) * 100) / 100).toBe(p.confidence)
    }
    expect(parsed[0]).toMatchObject({
      request: true,
      category: '下水堵塞',
      target: '海军帮忙队',
      building: 12,
      unit: 2,
      room: '301',
      urgent: false,
      answer: null,
    })
    expect(parsed[1]).toMatchObject({ request: false, category: null, target: null, building: null, unit: null, room: null, urgent: false, answer: null })
    expect(parsed[7]).toMatchObject({ request: true, target: '网格长', urgent: true, building: 77, unit: 1, room: '301' })
  }, 60_000)

  it('answers from the knowledge base, and a building the db does not list gives no location', () => {
    const lines = [
      '社区几点上班',
      '开居住证明需要带什么',
      '明天停水吗',
      '咨询一下 高铁票怎么退',
      '86号楼1单元301 马桶堵了',
      'C栋2单元 楼道灯坏了',
      '12号楼2单元301 马桶堵了',
    ]
    const r = run(lines.join('\n') + '\n')
    expect(r.status, r.stderr).toBe(0)
    const p = r.stdout
      .trim()
      .split('\n')
      .map(l => JSON.parse(l) as Record<string, unknown>)
    expect(p[0]).toMatchObject({ request: false, answer: 'office-hours' })
    expect(p[1]).toMatchObject({ request: true, target: '网格长', answer: 'certificate' })
    expect(p[2]).toMatchObject({ request: false, answer: 'outage' })
    expect(p[3]).toMatchObject({ request: false, answer: 'outside-12345' })
    expect(p[4]).toMatchObject({ request: true, target: '海军帮忙队', building: null, unit: null, room: null })
    expect(p[5]).toMatchObject({ request: true, target: '网格长', building: null, unit: null, room: null })
    expect(p[6]).toMatchObject({ request: true, building: 12, unit: 2, room: '301', answer: null })
  }, 60_000)

  it('a broken knowledge base stops it with the file and the field', () => {
    const dir = tempDirSync('linli-parse-')
    const db = JSON.parse(readFileSync(join(ROOT, 'db.json'), 'utf8')) as { knowledge?: unknown }
    db.knowledge = [{ id: 'x', title: 't', keywords: [], answer: 'a' }]
    const broken = join(dir, 'broken-kb.json')
    writeFileSync(broken, JSON.stringify(db))
    const r = run('社区几点上班\n', { DB_FILE: broken })
    expect(r.status).toBe(1)
    expect(r.stderr).toContain(broken)
    expect(r.stderr).toMatch(/knowledge\.0\.keywords/)
  }, 60_000)

  it('streams many lines and handles CRLF and a last line without newline', () => {
    const n = 5000
    const input = Array.from({ length: n }, (_, i) => (i % 2 ? '卫生间漏水了\r' : '谢谢')).join('\n')
    const r = run(input)
    expect(r.status, r.stderr).toBe(0)
    const out = r.stdout.trim().split('\n')
    expect(out).toHaveLength(n)
    expect(JSON.parse(out[1])).toMatchObject({ request: true, target: '海军帮忙队' })
    expect(JSON.parse(out[0])).toMatchObject({ request: false })
  }, 60_000)

  it('stops with the file, the field and the problem when db.json is broken', () => {
    const dir = tempDirSync('linli-parse-')
    const bad = join(dir, 'bad.json')
    writeFileSync(bad, '{ not json')
    let r = run('漏水\n', { DB_FILE: bad })
    expect(r.status).toBe(1)
    expect(r.stderr).toContain(bad)
    expect(r.stdout).toBe('')

    const db = JSON.parse(readFileSync(join(ROOT, 'db.json'), 'utf8')) as { intake?: unknown }
    db.intake = { categories: [{ strong: ['漏水'] }] } // a community addition without a category name
    const broken = join(dir, 'broken.json')
    writeFileSync(broken, JSON.stringify(db))
    r = run('漏水\n', { DB_FILE: broken })
    expect(r.status).toBe(1)
    expect(r.stderr).toContain(broken)
    expect(r.stderr).toMatch(/intake\.categories\.0\.name/)

    r = run('漏水\n', { DB_FILE: join(dir, 'missing.json') })
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('missing.json')
  }, 60_000)
})
