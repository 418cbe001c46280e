import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { formatDb, formatDbChunks } from '../../src/adapters/db-format.js'
import { DbSchema } from '../../src/core/schema.js'
import { createTicket, transition } from '../../src/core/tickets.js'
import { enqueue } from '../../src/core/outbox.js'

const demo = () => DbSchema.parse(JSON.parse(readFileSync(new URL('../../db.json', import.meta.url), 'utf8')))
const ticket = (db: ReturnType<typeof demo>, n: number) =>
  createTicket(
    db.state,
    db,
    {
      reporter: `居民${n}`,
      room: '花园社区3网格居民群',
      text: `报修 12号楼2单元30${n} 马桶堵了`,
      category: '下水堵塞',
      target: '海军帮忙队',
      grid: 3,
      building: 12,
      unit: 2,
      roomNo: `30${n}`,
      urgent: false,
      areaKey: null,
      awaitingLocation: false,
    },
    new Date('2026-12-01T09:00:00+08:00'),
  )

describe('the db format', () => {
  it('parses back to exactly the db it was made from', () => {
    const db = demo()
    for (let i = 1; i <= 5; i++) ticket(db, i)
    enqueue(db.state, { room: '花园社区3网格居民群' }, '你好，"引号" 和 \\ 反斜杠\n换行', new Date())
    expect(DbSchema.parse(JSON.parse(formatDb(db as never)))).toEqual(db)
  })

  it('writes one ticket and one outbox record a line, the directory pretty-printed', () => {
    const db = demo()
    for (let i = 1; i <= 3; i++) ticket(db, i)
    enqueue(db.state, { to: '值班社工' }, 'a', new Date())
    enqueue(db.state, { to: '值班社工' }, 'b', new Date())
    const text = formatDb(db as never)
    const lines = text.split('\n')
    expect(lines.filter(l => /^\s+\{"id":\d+,"reporter"/.test(l))).toHaveLength(3)
    expect(lines.filter(l => /^\s+\{"id":\d+,"dest"/.test(l))).toHaveLength(2)
    expect(text).toMatch(/\n {2}"community": \{\n {4}"name": "花园社区"/)
  })

  it('reuses an unchanged ticket’s line and remakes a changed one (its history grew)', () => {
    const db = demo()
    const a = ticket(db, 1),
      b = ticket(db, 2)
    const first = formatDbChunks(db as never)
    transition(b, 'accept', new Date('2026-12-01T10:00:00+08:00'), '海军帮忙队队长')
    const second = formatDbChunks(db as never)
    const lineOf = (chunks: Buffer[], id: number) => chunks.find(c => c.toString().startsWith(`{"id":${id},`))!
    expect(lineOf(second, a.id)).toBe(lineOf(first, a.id)) // the very same buffer: not serialised again
    expect(lineOf(second, b.id)).not.toBe(lineOf(first, b.id))
    expect(lineOf(second, b.id).toString()).toContain('"status":"accepted"')
  })
})
