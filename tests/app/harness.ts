import { createApp, type AppDeps } from '../../src/app.js'
import type { App, Incoming, SendRecord, Speaker, Store, WeChat } from '../../src/ports.js'
import { allRooms, membersOf } from '../../src/core/directory.js'
import type { OutboxItem } from '../../src/core/state.js'
import type { Db } from '../../src/core/schema.js'
import { DbSchema } from '../../src/core/schema.js'
import { features } from '../../src/features/index.js'
import { readDb } from '../../src/adapters/store.js'
import { memoryArchive } from '../../src/adapters/archive.js'
import { createLogger } from '../../src/adapters/log.js'
import { shippedVocabulary } from '../../src/adapters/vocabulary.js'
import { PROJECT_DB } from '../../src/paths.js'

/** WeChat as the demo community has it: one group per directory topic, with the directory's people in it. */
export function directoryWeChat(db: Db): WeChat {
  return {
    async roomsByTopic(topic) {
      return allRooms(db).includes(topic) ? [{ ref: topic, members: membersOf(db, topic).map(n => `r:${n}`) }] : []
    },
    async setRemark() {},
    async clearRemark() {
      return 0
    },
    async remarks() {
      return db.people.map(p => p.name)
    },
  }
}

/** A speaker as the simulator makes them: directory people are remarked friends, anyone else a stranger. */
export function speaker(db: Db, name: string): Speaker {
  const known = db.people.some(p => p.name === name)
  return { remark: known ? name : null, nick: name, friend: known, ref: `c-${name}`, remarkShared: false, nickTwins: 0 }
}

export interface SentLine {
  at: number
  dest: OutboxItem['dest']
  text: string
  urgent: boolean
  file?: string
}

/**
 * The real app over an in-memory store that behaves like the file one: a full write is a snapshot, the
 * journal keeps send outcomes since, and a restart loads the snapshot and replays the journal. No
 * Wechaty: the sender records each attempt at the fake clock's time.
 */
export async function harness(tune?: (db: Db) => void, start = Date.parse('2026-12-01T09:00:00+08:00'), extra: Partial<AppDeps> = {}) {
  const db0 = await readDb(PROJECT_DB)
  tune?.(db0)
  let snapshot = JSON.stringify(db0)
  let journal: SendRecord[] = []
  let now = start
  const sent: SentLine[] = []
  const clock = { now: () => new Date(now) }
  const fail = { next: false, writes: false }
  const alerts: string[] = []
  const texts: { text: string; params: Record<string, string> }[] = []
  const sender = {
    async send(item: OutboxItem) {
      sent.push({ at: now, dest: item.dest, text: item.text, urgent: item.urgent, ...(item.file ? { file: item.file } : {}) })
      if (fail.next) throw new Error('发送失败')
    },
  }
  const open = (): { app: App; store: Store } => {
    const full = () => Object.assign(new Error('磁盘已满'), { name: 'StoreWriteError', code: 'ENOSPC' })
    const store: Store = {
      db: DbSchema.parse(JSON.parse(snapshot)),
      replay: journal,
      async write() {
        if (fail.writes) throw full()
        snapshot = JSON.stringify(store.db)
        journal = []
      },
      async journal(e) {
        if (fail.writes) throw full()
        journal.push(JSON.parse(JSON.stringify(e)))
      },
      rollback() {
        const saved = DbSchema.parse(JSON.parse(snapshot))
        Object.assign(store.db.state, saved.state)
        store.replay = [...journal]
      },
    }
    const app = createApp({
      store,
      archive: memoryArchive(),
      files: { chart: async () => Buffer.alloc(0), save: async n => n },
      sender,
      wechat: directoryWeChat(db0),
      clock,
      alert: async (t: string) => {
        alerts.push(t)
      },
      sms: async (text, params) => {
        texts.push({ text, params })
        return true
      },
      log: createLogger('silent'),
      vocabulary: shippedVocabulary(),
      features,
      random: () => 0.5,
      ...extra,
    })
    return { app, store }
  }
  let cur = open()
  let n = 0
  return {
    sent,
    fail,
    alerts,
    texts,
    get app() {
      return cur.app
    },
    get db() {
      return cur.store.db
    },
    get now() {
      return now
    },
    advance(ms: number) {
      now += ms
    },
    restart() {
      cur = open()
    },
    /** The same as `say`, from the web pages: the replies come back instead of going to WeChat. */
    web(from: string, text: string): Promise<string[]> {
      return cur.app.perform({ id: `w${++n}`, from, who: speaker(db0, from), room: null, text, kind: 'text', mentionsBot: false })
    },
    say(from: string, room: string | null, text: string, mentionsBot = false): Promise<void> {
      const msg: Incoming = { id: `m${++n}`, from, who: speaker(db0, from), room, text, kind: 'text', mentionsBot }
      return cur.app.handle(msg)
    },
    /** Runs everything due up to `ms` from now, at its due time. */
    async wait(ms: number) {
      const target = now + ms
      for (let i = 0; i < 100_000; i++) {
        const w = cur.app.nextWake()
        if (w === null || w > target) break
        now = Math.max(now, w)
        await cur.app.tick()
        if (w <= now && cur.app.nextWake() === w) now += 1000 // held by something a tick cannot clear
      }
      now = target
      await cur.app.tick()
    },
  }
}
