import type { Ticket } from '../core/types.js'

/**
 * How db.json is written: the directory, calendar and settings pretty-printed for people who edit them
 * by hand; the bot's working state one record a line (tickets, outbox…), so the file stays small and
 * quick to write while still reading well in an editor or a diff.
 */
export function formatDb(db: Record<string, unknown>): string {
  const parts = Object.entries(db).map(([k, v]) => `  ${JSON.stringify(k)}: ${k === 'state' ? formatState(v) : pretty(v)}`)
  return `{\n${parts.join(',\n')}\n}\n`
}

function formatState(state: unknown): string {
  if (!state || typeof state !== 'object') return JSON.stringify(state)
  const parts = Object.entries(state as Record<string, unknown>).map(([k, v]) =>
    `    ${JSON.stringify(k)}: ${k === 'tickets' && Array.isArray(v) && v.length ? ticketLines(v as Ticket[]) : records(JSON.stringify(v))}`)
  return `{\n${parts.join(',\n')}\n  }`
}

/**
 * Tickets one a line, each line cached until the ticket changes. Every change to a ticket records a
 * history event (core/tickets.ts `record`), so the history length tells a changed ticket from an
 * unchanged one; a write then serialises only the tickets that changed since the last.
 */
const ticketCache = new WeakMap<Ticket, { n: number; line: string }>()
function ticketLines(tickets: Ticket[]): string {
  const lines = tickets.map(t => {
    const c = ticketCache.get(t)
    if (c && c.n === t.history.length) return c.line
    const line = JSON.stringify(t)
    ticketCache.set(t, { n: t.history.length, line })
    return line
  })
  return `[\n      ${lines.join(',\n      ')}\n    ]`
}

/**
 * One record a line for arrays of records keyed by "id" (tickets, outbox, broadcasts): the array is
 * serialised in one call (much faster than one call per record) and broken before each record. Inside a
 * JSON string a quote is always escaped, so `},{"id":` only ever occurs between two records.
 */
function records(json: string): string {
  if (!json.startsWith('[{"id":')) return json
  return `[\n      ${json.slice(1, -1).replace(/\},\{"id":/g, '},\n      {"id":')}\n    ]`
}

const indent = (s: string) => s.replace(/\n/g, '\n  ')

// The directory sections are replaced, never mutated in place (日程 添加 builds a new calendar, a hand
// edit a new db), so their text can be cached by identity: a write then only serialises the state.
const cache = new WeakMap<object, string>()
function pretty(v: unknown): string {
  if (!v || typeof v !== 'object') return JSON.stringify(v)
  let s = cache.get(v)
  if (s === undefined) { s = indent(JSON.stringify(v, null, 2)); cache.set(v, s) }
  return s
}
