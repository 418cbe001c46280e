import { describe, expect, it } from 'vitest'
import { applyJournal } from '../../src/kernel/delivery.js'
import { readDb } from '../../src/adapters/store.js'
import { PROJECT_DB } from '../../src/paths.js'
import type { OutboxItem } from '../../src/core/state.js'

describe('replaying the send journal after a restart', () => {
  it('keeps an item queued in memory after the last full write and then attempted: its send, its gap and its budget', async () => {
    const db = await readDb(PROJECT_DB)
    const state = db.state
    const id = state.nextOutboxId + 3 // queued (a cap notice, during a drain) after the snapshot was written
    const at = Date.parse('2026-12-01T10:01:42+08:00')
    const item: OutboxItem = {
      id,
      dest: { to: '值班社工' },
      text: '【发送限额】…',
      mentions: [],
      urgent: true,
      createdAt: '2026-12-01T10:01:41+08:00',
      notBefore: '2026-12-01T10:01:46+08:00',
      status: 'queued',
      attempts: 1,
      error: '发送失败',
    }
    const pacing = { ...state.pacing, nextPrivateAt: at + 1200, nextGroupAt: at + 1200 }
    applyJournal(state, [{ item, pacing, at }])
    expect(state.outbox.find(o => o.id === id)).toEqual(item)
    expect(state.urgentLog).toContain(at)
    expect(state.pacing).toEqual(pacing)
    expect(state.nextOutboxId).toBe(id + 1) // a new item never reuses its id
  })
})
