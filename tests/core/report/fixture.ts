import db from '../../../db.json'
import type { Directory } from '../../../src/core/schema.js'
import type { Ticket, TicketEvent } from '../../../src/core/types.js'

/**
 * A small hand-made month (November 2026, Asia/Shanghai) of tickets for the report tests.
 * The expected figures in the tests are counted by hand from the table below, not by the code under test.
 *
 *  #  grid  target            category   created      accepted (min)   done (min)       status    verdict
 *  1  3     海军帮忙队         水管漏水    11-02 09:00  30               360              closed    satisfied        on time (utility 24h)
 *  2  3     海军帮忙队         马桶堵塞    11-03 10:00  180 (late)       480              closed    satisfied        late
 *  3  5     海军帮忙队         门锁损坏    11-04 08:00  40               2880 (≤72h)      closed    none             on time
 *  4  5     海军帮忙队         水管漏水    11-05 08:00  60               3000             closed    dissat.→satisfied late (rejected once)
 *  5  7     律师会客厅         法律咨询    11-10 10:00  1380             1800 (≤48h)      done      —                on time
 *  6  7     阳光大姐心理咨询   心理疏导    11-12 10:00  1440             4320 (>48h)      closed    satisfied        late
 *  7  1     网格长 (urgent)    燃气泄漏    11-15 20:00  10               120              closed    satisfied        on time
 *  8  1     网格长 (urgent)    老人摔倒    11-16 07:00  30 (>15, late)   50               closed    satisfied        late
 *  9  12    网格长             楼道灯      11-20 09:00  —                —                open      —                late (never accepted)
 * 10  12    静华调解室         邻里纠纷    11-29 09:00  60               —                accepted  —                pending (due 12-02)
 * 11  —     网格长             环境卫生    11-25 09:00  90               (reopened)       accepted  dissatisfied     late
 * 12  3     爱心大妈针情坊     缝补        11-08 09:00  cancelled
 * 14  3     海军帮忙队         水管漏水    11-30 23:00  30               360 (redone)     done      dissatisfied     late, earns no points
 * 13 (10-31 23:59) and 15 (12-01 00:00) lie outside the month.
 */

export const VOLUNTEER = '海军帮忙队队员'

/** The demo community's directory (grids, teams, people) plus one team volunteer. */
export const dir = {
  ...(db as unknown as Directory),
  people: [...(db as unknown as Directory).people, { name: VOLUNTEER, roles: ['volunteer'], team: '海军帮忙队' }],
} as Directory

/** A Shanghai wall-clock time as ISO with offset: at('11-02 09:00') → 2026-11-02T09:00:00+08:00. */
export const at = (s: string) => {
  const [md, hm] = s.split(' ')
  const year = md.length > 5 ? '' : '2026-'
  return `${year}${md}T${hm}:00+08:00`
}
export const date = (s: string) => new Date(at(s))

const ev = (when: string, by: string, action: string, note?: string): TicketEvent => ({ at: at(when), by, action, ...(note ? { note } : {}) })

const leadOf = (target: string, grid: number | null) =>
  target === '网格长' ? (grid ? `${grid}网格网格长` : '值班社工') : dir.teams.find(t => t.name === target)!.lead

interface Spec {
  id: number
  grid: number | null
  target: string
  category: string
  created: string
  urgent?: boolean
  status: Ticket['status']
  verdict?: Ticket['verdict']
  acceptedAt?: string
  doneAt?: string
  closedAt?: string
  events?: TicketEvent[]
}

export function ticket(s: Spec): Ticket {
  const assignee = leadOf(s.target, s.grid)
  return {
    id: s.id,
    reporter: `居民${s.id}`,
    reporters: [`居民${s.id}`],
    room: s.grid ? `花园社区${s.grid}网格居民群` : null,
    text: s.category,
    category: s.category,
    target: s.target,
    assignee,
    grid: s.grid,
    building: s.grid ? dir.grids.find(g => g.id === s.grid)!.buildings[0] : null,
    unit: s.grid ? 1 : null,
    roomNo: s.grid ? '201' : null,
    urgent: s.urgent ?? false,
    status: s.status,
    verdict: s.verdict ?? null,
    createdAt: at(s.created),
    acceptedAt: s.acceptedAt ? at(s.acceptedAt) : null,
    doneAt: s.doneAt ? at(s.doneAt) : null,
    closedAt: s.closedAt ? at(s.closedAt) : null,
    history: [ev(s.created, `居民${s.id}`, 'created'), ...(s.events ?? [])],
    photos: [],
  }
}

const LEAD = '海军帮忙队队长'

/** A ticket finished and rated in the plain way: accepted, done by the assignee, then (optionally) rated. */
function plain(s: Omit<Spec, 'events' | 'status'> & { status: 'done' | 'closed'; verdictAt?: string }): Ticket {
  const by = leadOf(s.target, s.grid)
  const events = [ev(s.acceptedAt!, by, 'accepted'), ev(s.doneAt!, by, 'done')]
  if (s.verdict === 'satisfied') events.push(ev(s.verdictAt ?? s.doneAt!, `居民${s.id}`, 'satisfied'))
  return ticket({ ...s, events, closedAt: s.status === 'closed' ? (s.verdictAt ?? s.doneAt) : undefined })
}

export function november(): Ticket[] {
  return [
    plain({
      id: 1,
      grid: 3,
      target: '海军帮忙队',
      category: '水管漏水',
      created: '11-02 09:00',
      acceptedAt: '11-02 09:30',
      doneAt: '11-02 15:00',
      status: 'closed',
      verdict: 'satisfied',
    }),
    ticket({
      id: 2,
      grid: 3,
      target: '海军帮忙队',
      category: '马桶堵塞',
      created: '11-03 10:00',
      status: 'closed',
      verdict: 'satisfied',
      acceptedAt: '11-03 13:00',
      doneAt: '11-03 18:00',
      closedAt: '11-03 19:00',
      events: [ev('11-03 13:00', VOLUNTEER, 'accepted'), ev('11-03 18:00', VOLUNTEER, 'done'), ev('11-03 19:00', '居民2', 'satisfied')],
    }),
    plain({
      id: 3,
      grid: 5,
      target: '海军帮忙队',
      category: '门锁损坏',
      created: '11-04 08:00',
      acceptedAt: '11-04 08:40',
      doneAt: '11-06 08:00',
      status: 'closed',
      verdict: 'none',
    }),
    ticket({
      id: 4,
      grid: 5,
      target: '海军帮忙队',
      category: '水管漏水',
      created: '11-05 08:00',
      status: 'closed',
      verdict: 'satisfied',
      acceptedAt: '11-05 09:00',
      doneAt: '11-07 10:00',
      closedAt: '11-07 12:00',
      events: [
        ev('11-05 09:00', LEAD, 'accepted'),
        ev('11-06 20:00', VOLUNTEER, 'done'),
        ev('11-06 21:00', '居民4', 'dissatisfied', '还在滴水'),
        ev('11-06 21:00', '系统', 'reopened'),
        ev('11-07 10:00', LEAD, 'done'),
        ev('11-07 12:00', '居民4', 'satisfied'),
      ],
    }),
    plain({
      id: 5,
      grid: 7,
      target: '律师会客厅',
      category: '法律咨询',
      created: '11-10 10:00',
      acceptedAt: '11-11 09:00',
      doneAt: '11-11 16:00',
      status: 'done',
    }),
    plain({
      id: 6,
      grid: 7,
      target: '阳光大姐心理咨询',
      category: '心理疏导',
      created: '11-12 10:00',
      acceptedAt: '11-13 10:00',
      doneAt: '11-15 10:00',
      status: 'closed',
      verdict: 'satisfied',
      verdictAt: '11-15 11:00',
    }),
    plain({
      id: 7,
      grid: 1,
      target: '网格长',
      category: '燃气泄漏',
      urgent: true,
      created: '11-15 20:00',
      acceptedAt: '11-15 20:10',
      doneAt: '11-15 22:00',
      status: 'closed',
      verdict: 'satisfied',
    }),
    plain({
      id: 8,
      grid: 1,
      target: '网格长',
      category: '老人摔倒',
      urgent: true,
      created: '11-16 07:00',
      acceptedAt: '11-16 07:30',
      doneAt: '11-16 07:50',
      status: 'closed',
      verdict: 'satisfied',
    }),
    ticket({ id: 9, grid: 12, target: '网格长', category: '楼道灯', created: '11-20 09:00', status: 'open' }),
    ticket({
      id: 10,
      grid: 12,
      target: '静华调解室',
      category: '邻里纠纷',
      created: '11-29 09:00',
      status: 'accepted',
      acceptedAt: '11-29 10:00',
      events: [ev('11-29 10:00', '静华调解室调解员', 'accepted')],
    }),
    ticket({
      id: 11,
      grid: null,
      target: '网格长',
      category: '环境卫生',
      created: '11-25 09:00',
      status: 'accepted',
      verdict: 'dissatisfied',
      acceptedAt: '11-25 10:30',
      events: [
        ev('11-25 10:30', '值班社工', 'accepted'),
        ev('11-26 09:00', '值班社工', 'done'),
        ev('11-26 12:00', '居民11', 'dissatisfied', '垃圾还在'),
        ev('11-26 12:00', '系统', 'reopened'),
      ],
    }),
    ticket({
      id: 12,
      grid: 3,
      target: '爱心大妈针情坊',
      category: '缝补',
      created: '11-08 09:00',
      status: 'cancelled',
      events: [ev('11-08 10:00', '居民12', 'cancelled')],
    }),
    plain({
      id: 13,
      grid: 3,
      target: '海军帮忙队',
      category: '水管漏水',
      created: '2026-10-31 23:59',
      acceptedAt: '11-01 00:30',
      doneAt: '11-01 03:00',
      status: 'closed',
      verdict: 'satisfied',
    }),
    ticket({
      id: 14,
      grid: 3,
      target: '海军帮忙队',
      category: '水管漏水',
      created: '11-30 23:00',
      status: 'done',
      verdict: 'dissatisfied',
      acceptedAt: '11-30 23:30',
      doneAt: '12-01 05:00',
      events: [
        ev('11-30 23:30', VOLUNTEER, 'accepted'),
        ev('12-01 01:00', VOLUNTEER, 'done'),
        ev('12-01 02:00', '居民14', 'dissatisfied', '根本没修好'),
        ev('12-01 02:00', '系统', 'reopened'),
        ev('12-01 05:00', VOLUNTEER, 'done'),
      ],
    }),
    ticket({ id: 15, grid: 3, target: '网格长', category: '楼道灯', created: '12-01 00:00', status: 'open' }),
  ]
}

export const NOVEMBER = { from: date('11-01 00:00'), to: date('12-01 00:00') }
