import type { Ticket } from '../core/types.js'

/**
 * How db.json is written: the directory, calendar and settings pretty-printed for people who edit them
 * by hand; the bot's working state one record a line (tickets, outbox…), so the file stays small and
 * reads well in an editor or a diff.
 *
 * The file is produced as a list of chunks, most of them cached: directory sections by identity (they
 * are replaced, never mutated in place: 日程 添加 builds a new calendar, a hand edit a new db) and each
 * ticket's line until the ticket changes. A write then only serialises what changed and hands the rest
 * to the kernel as it is, so its cost stays flat however many tickets the file holds.
 */
export function formatDbChunks(db: Record<string, unknown>): Buffer[] {
  const out: Buffer[] = [b('{\n')]
  Object.entries(db).forEach(([k, v], i) => {
    out.push(b(`${i ? ',\n' : ''}  ${JSON.stringify(k)}: `))
    if (k === 'state') stateChunks(v, out)
    else out.push(pretty(v))
  })
  out.push(b('\n}\n'))
  return out
}

/** The whole text, for tests and tools. */
export const formatDb = (db: Record<string, unknown>) => Buffer.concat(formatDbChunks(db)).toString('utf8')

const b = (s: string) => Buffer.from(s, 'utf8')

function stateChunks(state: unknown, out: Buffer[]) {
  if (!state || typeof state !== 'object') {
    out.push(b(JSON.stringify(state)))
    return
  }
  out.push(b('{\n'))
  Object.entries(state as Record<string, unknown>).forEach(([k, v], i) => {
    out.push(b(`${i ? ',\n' : ''}    ${JSON.stringify(k)}: `))
    if (k === 'tickets' && Array.isArray(v) && v.length) ticketChunks(v as Ticket[], out)
    else out.push(b(records(JSON.stringify(v))))
  })
  out.push(b('\n  }'))
}

/**
 * Tickets one a line, each line cached until the ticket changes. Every change to a ticket records a
 * history event (core/tickets.ts `record`), so the history length tells a changed ticket from an
 * unchanged one.
 */
const ticketCache = new WeakMap<Ticket, { n: number; line: Buffer }>()
const SEP = b(',\n      ')
function ticketChunks(tickets: Ticket[], out: Buffer[]) {
  out.push(b('[\n      '))
  tickets.forEach((t, i) => {
    if (i) out.push(SEP)
    let c = ticketCache.get(t)
    if (!c || c.n !== t.history.length) {
      c = { n: t.history.length, line: b(JSON.stringify(t)) }
      ticketCache.set(t, c)
    }
    out.push(c.line)
  })
  out.push(b('\n    ]'))
}

/**
 * One record a line for other arrays of records keyed by "id" (outbox, broadcasts). Inside a JSON
 * string a quote is always escaped, so `},{"id":` only ever occurs between two records.
 */
function records(json: string): string {
  if (!json.startsWith('[{"id":')) return json
  return `[\n      ${json.slice(1, -1).replace(/\},\{"id":/g, '},\n      {"id":')}\n    ]`
}

const sections = new WeakMap<object, Buffer>()
function pretty(v: unknown): Buffer {
  if (!v || typeof v !== 'object') return b(JSON.stringify(v))
  let s = sections.get(v)
  if (s === undefined) {
    s = b(JSON.stringify(v, null, 2).replace(/\n/g, '\n  '))
    sections.set(v, s)
  }
  return s
}
