import { describe, expect, it } from 'vitest'
import { tempDir } from '../tmp.js'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { readFile, writeFile, readdir } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { openStore, readDb, DbError } from '../../src/adapters/store.js'

const run = promisify(execFile)
const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const PROJECT_DB = path.join(ROOT, 'db.json')

async function tempWith(mutate: (db: any) => unknown, raw?: string): Promise<string> {
  const dir = await tempDir('linli-store-')
  const file = path.join(dir, 'db.json')
  const db = JSON.parse(await readFile(PROJECT_DB, 'utf8'))
  mutate(db)
  await writeFile(file, raw ?? JSON.stringify(db, null, 2))
  return file
}

/** A closed ticket as db.json holds it. */
const ticket = (id: number) => ({
  id,
  reporter: '王阿姨',
  reporters: ['王阿姨'],
  room: '花园社区3网格居民群',
  text: '楼道灯坏了',
  category: '公共设施',
  target: '3网格网格长',
  assignee: '3网格网格长',
  grid: 3,
  building: 12,
  unit: 2,
  roomNo: null,
  urgent: false,
  status: 'closed',
  verdict: 'satisfied',
  createdAt: '2026-11-01T02:00:00.000Z',
  acceptedAt: null,
  doneAt: null,
  closedAt: '2026-11-02T02:00:00.000Z',
  history: [{ at: '2026-11-01T02:00:00.000Z', by: '王阿姨', action: 'created' }],
  photos: [],
})
const withState = (state: object) => (db: any) => {
  db.state = { ...db.state, ...state }
}

describe('db.json validation on load', () => {
  it.each([
    ['bad JSON', (_: any) => undefined, '{ "community": ', /db\.json: 不是有效的 JSON/],
    [
      'a grid naming an unknown building',
      (db: any) => {
        db.grids[2].buildings.push(99)
      },
      undefined,
      /grids\.2\.buildings\.5: 楼号 99 不在 buildings 列表中/,
    ],
    [
      'a team without a name',
      (db: any) => {
        delete db.teams[1].name
      },
      undefined,
      /teams\.1\.name: 队伍必须有名称/,
    ],
    [
      'a grid leader nobody knows',
      (db: any) => {
        db.grids[0].leader = '谁'
      },
      undefined,
      /grids\.0\.leader: 网格长 "谁" 不在 people 中/,
    ],
    [
      'a calendar entry with a bad time',
      (db: any) => {
        db.calendar.entries[0].time = '25:00'
      },
      undefined,
      /calendar\.entries\.0\.time/,
    ],
    // Cross-field checks of the state (core/db-check.ts): the code before this change accepted all of these.
    [
      'a repeated ticket id',
      withState({ tickets: [ticket(2), ticket(3), ticket(3)], nextTicketId: 4 }),
      undefined,
      /state\.tickets\.2\.id: 单号 3 重复（与 state\.tickets\.1 相同）。请删除重复的一条/,
    ],
    [
      'a nextTicketId at or below a live ticket id',
      withState({ tickets: [ticket(1), ticket(5)], nextTicketId: 1 }),
      undefined,
      /state\.nextTicketId: nextTicketId 为 1，但单号 5 已被使用（state\.tickets\.1）.*请把 nextTicketId 改为 6/,
    ],
    [
      'a nextTicketId at or below an archived ticket id',
      withState({ tickets: [ticket(60)], nextTicketId: 61, archive: [{ month: '2026-01', minId: 1, maxId: 80, count: 70 }] }),
      undefined,
      /state\.nextTicketId: .*单号 80 已被使用（state\.archive\.0（2026-01 的归档））.*请把 nextTicketId 改为 81/,
    ],
    [
      'a location question about a ticket that does not exist',
      withState({ tickets: [ticket(1)], nextTicketId: 2, pending: [{ who: '王阿姨', room: null, ticketId: 9, expiresAt: '2026-12-01T00:00:00.000Z' }] }),
      undefined,
      /state\.pending\.0\.ticketId: 追问位置的记录指向不存在的工单 #9。请删除/,
    ],
    [
      'a scheduled notice to a room the directory does not have',
      withState({
        nextBroadcastId: 2,
        broadcasts: [
          {
            id: 1,
            by: '社区主任',
            text: '停水',
            label: '3网格',
            rooms: ['花园社区99网格居民群'],
            createdAt: '2026-11-01T00:00:00.000Z',
            sendAt: '2026-12-01T00:00:00.000Z',
            status: 'scheduled',
          },
        ],
      }),
      undefined,
      /state\.broadcasts\.0\.rooms\.0: 待发的通知 #1 要发往群「花园社区99网格居民群」，但目录中没有这个群.*status 改为 cancelled/,
    ],
    [
      'a repeated outbox id',
      withState({
        nextOutboxId: 3,
        outbox: [1, 1].map(id => ({
          id,
          dest: { to: '社区主任' },
          text: 'x',
          createdAt: '2026-11-01T00:00:00.000Z',
          notBefore: '2026-11-01T00:00:00.000Z',
          status: 'queued',
        })),
      }),
      undefined,
      /state\.outbox\.1\.id: 消息编号 1 重复/,
    ],
  ])('rejects %s, naming the file and field, and leaves the file untouched', async (_name, mutate, raw, message) => {
    const file = await tempWith(mutate, raw)
    const before = await readFile(file, 'utf8')
    await expect(openStore(file)).rejects.toThrow(DbError)
    await expect(readDb(file)).rejects.toThrow(message)
    expect(await readFile(file, 'utf8')).toBe(before)
  })

  it('stops `npm start` with the message and exit code 1', async () => {
    const file = await tempWith(db => {
      db.grids[2].buildings.push(99)
    })
    const err = await run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/main.ts')], { cwd: ROOT, env: { ...process.env, DB_FILE: file } }).then(
      () => null,
      e => e as { code: number; stderr: string },
    )
    expect(err?.code).toBe(1)
    expect(err?.stderr).toContain(`${file}: grids.2.buildings.5: 楼号 99 不在 buildings 列表中`)
  }, 60_000)

  it('stops `npm start` on a nextTicketId that would reuse an old number, with the path and the fix', async () => {
    const file = await tempWith(withState({ tickets: [ticket(1), ticket(7)], nextTicketId: 3 }))
    const err = await run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/main.ts')], { cwd: ROOT, env: { ...process.env, DB_FILE: file } }).then(
      () => null,
      e => e as { code: number; stderr: string },
    )
    expect(err?.code).toBe(1)
    expect(err?.stderr).toContain(`${file}: state.nextTicketId: nextTicketId 为 3，但单号 7 已被使用`)
    expect(err?.stderr).toContain('请把 nextTicketId 改为 8')
  }, 60_000)

  it('accepts a db.json saved with a byte-order mark (the code before this change refused it)', async () => {
    const file = await tempWith(() => undefined)
    await writeFile(file, '\uFEFF' + (await readFile(file, 'utf8')))
    expect((await readDb(file)).community.name).toBe('花园社区')
    const store = await openStore(file)
    expect(store.db.community.name).toBe('花园社区')
    await store.write()
    await store.close()
  })

  it('points to the last good backup when the JSON is broken', async () => {
    const file = await tempWith(() => undefined)
    const store = await openStore(file) // a good load leaves db.json.bak
    await store.write()
    await writeFile(file, '{ broken')
    await expect(readDb(file)).rejects.toThrow(`${file}.bak`)
  })
})

describe('hand edits while the bot runs', () => {
  it('reloads a valid hand edit instead of overwriting it, keeping the bot’s working state', async () => {
    const file = await tempWith(() => undefined)
    const store = await openStore(file)
    store.db.state.nextTicketId = 7
    await store.write()
    const edited = JSON.parse(await readFile(file, 'utf8'))
    edited.teams[0].takes = '手工修改：家中维修'
    await new Promise(r => setTimeout(r, 5)) // a later mtime than the bot's own write
    await writeFile(file, JSON.stringify(edited, null, 2))
    store.db.state.nextTicketId = 8
    await store.write()
    const after = JSON.parse(await readFile(file, 'utf8'))
    expect(after.teams[0].takes).toBe('手工修改：家中维修')
    expect(after.state.nextTicketId).toBe(8)
    expect(store.db.teams[0].takes).toBe('手工修改：家中维修')
  })

  it('keeps an invalid hand edit aside rather than losing it', async () => {
    const file = await tempWith(() => undefined)
    const store = await openStore(file)
    await store.write()
    await new Promise(r => setTimeout(r, 5))
    await writeFile(file, '{ "oops": ')
    await store.write()
    const files = await readdir(path.dirname(file))
    const aside = files.find(f => f.startsWith('db.json.rejected-'))!
    expect(await readFile(path.join(path.dirname(file), aside), 'utf8')).toBe('{ "oops": ')
    expect(JSON.parse(await readFile(file, 'utf8')).community.name).toBe('花园社区')
  })
})

describe('hand edits checked as at start', () => {
  it('sets aside a hand edit that repeats a ticket id, keeping the bot’s state', async () => {
    const file = await tempWith(withState({ tickets: [ticket(1), ticket(2)], nextTicketId: 3 }))
    const store = await openStore(file)
    await store.write()
    const edited = JSON.parse(await readFile(file, 'utf8'))
    edited.state.tickets[1].id = 1
    await writeFile(file, JSON.stringify(edited, null, 2))
    await store.write()
    const aside = (await readdir(path.dirname(file))).find(f => f.startsWith('db.json.rejected-'))
    expect(aside).toBeDefined()
    expect((await readDb(file)).state.tickets.map(t => t.id)).toEqual([1, 2])
    await store.close()
  })

  it('sets aside a directory edit that leaves a scheduled notice without its room', async () => {
    const file = await tempWith(
      withState({
        nextBroadcastId: 2,
        broadcasts: [
          {
            id: 1,
            by: '社区主任',
            text: '停水',
            label: '3网格',
            rooms: ['花园社区3网格居民群'],
            createdAt: '2026-11-01T00:00:00.000Z',
            sendAt: '2026-12-01T00:00:00.000Z',
            status: 'scheduled',
          },
        ],
      }),
    )
    const store = await openStore(file)
    await store.write()
    const edited = JSON.parse(await readFile(file, 'utf8'))
    edited.grids[2].room = '花园社区三网格居民群'
    await writeFile(file, JSON.stringify(edited, null, 2)) // pretty-printed: another size than the bot's write, whatever the clock
    await store.write()
    expect((await readdir(path.dirname(file))).some(f => f.startsWith('db.json.rejected-'))).toBe(true)
    expect(store.db.grids[2].room).toBe('花园社区3网格居民群')
    await store.close()
  })
})

describe('what is written is what the bot holds', () => {
  it('after a busy flow, db.json parses to exactly the state in memory', async () => {
    const { openWorld } = await import('../e2e/play.js')
    const { world, readDb, close } = await openWorld()
    const G3 = '花园社区3网格居民群'
    try {
      await world.say('王阿姨', G3, '家里马桶堵了')
      await world.say('王阿姨', G3, '12号楼2单元301') // located
      await world.say('李大爷', G3, '12号楼停电了')
      await world.say('张姐', G3, '12号楼整栋楼没电了') // merged
      await world.say('海军帮忙队队长', null, '接单 1')
      await world.say('3网格网格长', null, '转派 2 海军帮忙队')
      await world.say('海军帮忙队队长', null, '完成 1 已疏通')
      await world.say('王阿姨', G3, '不满意 1 还是堵') // reopened
      await world.say('社区主任', null, '撤销 2')
      await world.say('赵奶奶', G3, '厨房有煤气味 13号楼1单元201')
      await world.wait(5 * 3600_000) // escalations
      await world.say('社区主任', null, '通知 3网格 明天停水')
      await world.say('社区主任', null, '确认')
      await world.wait(60_000)
      const onDisk = await readDb()
      expect(onDisk.state).toEqual(JSON.parse(JSON.stringify(world.store.db.state)))
    } finally {
      await close()
    }
  })
})
