import { describe, expect, it } from 'vitest'
import { createApp } from '../../src/app.js'
import type { Store } from '../../src/ports.js'
import { features } from '../../src/features/index.js'
import { directoryWeChat } from './harness.js'
import { readDb } from '../../src/adapters/store.js'
import { memoryArchive } from '../../src/adapters/archive.js'
import { PROJECT_DB } from '../../src/paths.js'
import { createLogger } from '../../src/adapters/log.js'
import { shippedVocabulary } from '../../src/adapters/vocabulary.js'

describe('a stalled session', () => {
  it('alerts staff outside WeChat once when sends keep failing, and keeps the messages queued', async () => {
    const db = await readDb(PROJECT_DB)
    db.settings.outbox.privateGapMs = 0
    db.settings.outbox.jitterMs = 0
    const store: Store = { db, write: async () => undefined, journal: async () => undefined, rollback: () => undefined }
    const alerts: string[] = []
    let now = Date.parse('2026-12-01T10:00:00+08:00')
    const app = createApp({
      store,
      archive: memoryArchive(),
      files: { chart: async () => Buffer.alloc(0), save: async n => n },
      sender: {
        send: async () => {
          throw new Error('发送超时')
        },
      },
      wechat: directoryWeChat(db),
      clock: { now: () => new Date(now) },
      log: createLogger('silent'),
      alert: async text => {
        alerts.push(text)
      },
      vocabulary: shippedVocabulary(),
      features,
    })
    for (let i = 0; i < 5; i++) {
      await app.handle({ id: `m${i}`, from: `居民${i}`, room: null, text: '帮助', kind: 'text', mentionsBot: false })
      now += 1000
    }
    expect(alerts).toHaveLength(1)
    expect(alerts[0]).toMatch(/连续 3 条消息发送失败/)
    expect(db.state.outbox.filter(o => o.status === 'queued')).toHaveLength(5)
  })
})
