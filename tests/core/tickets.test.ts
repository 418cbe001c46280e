import { describe, expect, it } from 'vitest'
import { addNote, MOVES, transition, type TicketMove } from '../../src/core/tickets.js'
import type { Ticket, TicketStatus } from '../../src/core/types.js'

const NOW = new Date('2026-12-02T10:00:00+08:00')
const STATUSES: TicketStatus[] = ['open', 'accepted', 'done', 'closed', 'cancelled']

function ticket(status: TicketStatus, over: Partial<Ticket> = {}): Ticket {
  return {
    id: 7,
    reporter: '王阿姨',
    reporters: ['王阿姨'],
    room: '花园社区3网格居民群',
    text: '楼道灯坏了',
    category: '公共设施',
    target: '网格长',
    assignee: '3网格网格长',
    grid: 3,
    building: 12,
    unit: null,
    roomNo: null,
    urgent: false,
    status,
    verdict: status === 'closed' ? 'satisfied' : null,
    createdAt: '2026-12-01T09:00:00+08:00',
    acceptedAt: status === 'open' ? null : '2026-12-01T09:10:00+08:00',
    doneAt: status === 'done' || status === 'closed' ? '2026-12-01T12:00:00+08:00' : null,
    closedAt: status === 'closed' || status === 'cancelled' ? '2026-12-01T13:00:00+08:00' : null,
    history: [{ at: '2026-12-01T09:00:00+08:00', by: '王阿姨', action: 'created' }],
    photos: [],
    ...over,
  }
}

describe('the ticket state machine: the console moves', () => {
  // Every (move, status) pair: allowed exactly when the table lists the status.
  const table: [TicketMove, TicketStatus[]][] = [
    ['notRequest', ['open', 'accepted']],
    ['reopen', ['done', 'closed', 'cancelled']],
  ]
  for (const [move, from] of table) {
    for (const s of STATUSES) {
      it(`${move} from ${s}: ${from.includes(s) ? 'allowed' : 'refused, nothing changes'}`, () => {
        const t = ticket(s)
        const before = JSON.stringify(t)
        const r = transition(t, move, NOW, '值班社工')
        expect(r.ok).toBe(from.includes(s))
        if (!r.ok) {
          expect(JSON.stringify(t)).toBe(before)
          return
        }
        expect(t.status).toBe(MOVES[move].to)
        expect(t.history.at(-1)).toMatchObject({ by: '值班社工', action: MOVES[move].action })
      })
    }
  }

  it('不是报修 closes with no verdict and no done step (so nobody earns points)', () => {
    const t = ticket('accepted', { awaitingLocation: true })
    transition(t, 'notRequest', NOW, '值班社工', { note: '闲聊' })
    expect(t).toMatchObject({ status: 'closed', verdict: 'none', closedAt: '2026-12-02T10:00:00+08:00', awaitingLocation: false })
    expect(t.history.at(-1)).toEqual({ at: '2026-12-02T10:00:00+08:00', by: '值班社工', action: 'notRequest', note: '闲聊' })
    expect(t.history.some(h => h.action === 'done')).toBe(false)
  })

  it('reopen clears the verdict and the times after creation: the ticket is to be accepted anew', () => {
    const t = ticket('closed')
    transition(t, 'reopen', NOW, '社区主任', { note: '居民说还在漏' })
    expect(t).toMatchObject({ status: 'open', verdict: null, acceptedAt: null, doneAt: null, closedAt: null })
    expect(t.history.at(-1)).toMatchObject({ action: 'reopened', note: '居民说还在漏' })
  })

  it('a note is a history line only', () => {
    const t = ticket('accepted')
    addNote(t, NOW, '社区书记', '已电话联系居民')
    expect(t.status).toBe('accepted')
    expect(t.history.at(-1)).toEqual({ at: '2026-12-02T10:00:00+08:00', by: '社区书记', action: 'note', note: '已电话联系居民' })
  })
})

describe('how a ticket reads to people', () => {
  it('names who handles it: a team, the grid leader of a grid, or the duty worker when no grid is known', async () => {
    const { handlerLabel } = await import('../../src/core/tickets.js')
    expect(handlerLabel({ target: '海军帮忙队', grid: 3 })).toBe('海军帮忙队')
    expect(handlerLabel({ target: '网格长', grid: 5 })).toBe('5网格网格长')
    expect(handlerLabel({ target: '网格长', grid: null })).toBe('社区值班人员')
  })

  it("a resident's words inside our sentence lose their closing punctuation, not their own", async () => {
    const { T } = await import('../../src/core/texts.js')
    const t = ticket('accepted')
    expect(T.reopenedToWorker(t, '灯还是一闪一闪的！')).toContain('居民不满意：灯还是一闪一闪的。')
    expect(T.reopenedToWorker(t, '还是漏，比原来好点')).toContain('居民不满意：还是漏，比原来好点。')
    expect(T.reopenedToWorker(t, '')).toContain('居民不满意：未说明理由。')
  })
})
