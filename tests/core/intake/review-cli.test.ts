/**
 * `npm run intake:review -- --since DAY [--db FILE]`: reads state.corrections (never writes), prints the
 * confusion table and ready-to-add test rows; a bad date or an unreadable file is a clear Chinese error.
 */
import { spawnSync } from 'node:child_process'
import { tempDirSync } from '../../tmp.js'
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const TSX = join(ROOT, 'node_modules/.bin/tsx')
const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(TSX, ['src/cli/intake-review.ts', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } })

const corr = (at: string, ticketId: number, text: string, kind: string, from: string, to: string | null) => ({
  at,
  ticketId,
  text,
  by: '值班社工',
  kind,
  from: { category: 'x', target: from },
  to: to ? { target: to } : null,
})

function dbFile(bom = false): string {
  const db = JSON.parse(readFileSync(join(ROOT, 'db.json'), 'utf8')) as Record<string, unknown>
  db.state = {
    corrections: [
      corr('2026-11-20T10:00:00+08:00', 1, '很久以前的', 'notRequest', '网格长', null),
      corr('2026-12-01T09:00:00+08:00', 2, '咨询 去济南的大巴几点发车', 'notRequest', '网格长', null),
      corr('2026-12-02T10:00:00+08:00', 3, '87栋2单元301 厨房水管漏了', 'transfer', '网格长', '海军帮忙队'),
      corr('2026-12-02T11:00:00+08:00', 4, '12号楼2单元301 家里跳闸了', 'transfer', '网格长', '海军帮忙队'),
      { broken: true },
    ],
  }
  const file = join(tempDirSync('linli-review-'), 'db.json')
  writeFileSync(file, (bom ? '\uFEFF' : '') + JSON.stringify(db))
  return file
}

describe('intake:review CLI', () => {
  it('prints the table and the rows since a day, reading a file with a BOM, never writing it', () => {
    const file = dbFile(true)
    const before = statSync(file).mtimeMs
    const r = run(['--since', '2026-12-01', '--db', file])
    expect(r.status, r.stderr).toBe(0)
    expect(r.stdout).toContain('纠正记录：3 张工单（自 2026-12-01 起）')
    expect(r.stdout).toMatch(/网格长\s+·?\s*2\s+1\s+3/)
    expect(r.stdout).not.toContain('很久以前的')
    const rows = r.stdout.split('\n').filter(l => l.split('\t').length === 7)
    expect(rows).toEqual([
      'text\trequest\ttarget\tbuilding\tunit\troom\turgent',
      '咨询 去济南的大巴几点发车\t0\t-\t-\t-\t-\t0',
      // building 87 is not the community's: no location
      '87栋2单元301 厨房水管漏了\t1\t海军帮忙队\t-\t-\t-\t0',
      '12号楼2单元301 家里跳闸了\t1\t海军帮忙队\t12\t2\t301\t0',
    ])
    expect(r.stderr).toContain('跳过 state.corrections.4')
    expect(statSync(file).mtimeMs).toBe(before)
  }, 60_000)

  it('takes the db from DB_FILE; the demo db has no corrections', () => {
    const r = run(['--since=2026-12-01'], { DB_FILE: dbFile() })
    expect(r.status, r.stderr).toBe(0)
    expect(r.stdout).toContain('纠正记录：3 张工单')
    const demo = run(['--since', '2026-12-01', '--db', join(ROOT, 'db.json')])
    expect(demo.status, demo.stderr).toBe(0)
    expect(demo.stdout).toContain('（没有纠正记录）')
  }, 60_000)

  it('a bad date, an unreadable or broken file, an unknown flag: a Chinese error and exit 1', () => {
    const file = dbFile()
    for (const day of ['2026-13-01', '2026-02-30', '12/01', '']) {
      const r = run(['--since', day, '--db', file])
      expect(r.status, day).toBe(1)
      expect(r.stderr).toMatch(/日期格式不对|缺少参数/)
      expect(r.stdout).toBe('')
    }
    let r = run(['--since', '2026-12-01', '--db', join(tmpdir(), 'no-such-linli-db.json')])
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('无法读取')
    const bad = join(tempDirSync('linli-review-'), 'bad.json')
    writeFileSync(bad, '{ not json')
    r = run(['--since', '2026-12-01', '--db', bad])
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('不是有效的 JSON')
    r = run(['--sinse', '2026-12-01'])
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('不认识的参数')
  }, 60_000)
})
