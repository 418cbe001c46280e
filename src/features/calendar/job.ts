import type { Ctx } from '../types.js'
import type { Destination } from '../../core/types.js'
import type { Db } from '../../core/schema.js'
import { planDue, nextFireAfter, type Audience } from '../../core/calendar/index.js'
import { gridById, residentRooms, teamByName } from '../../core/directory.js'
import { iso, shanghaiDate } from '../../core/time.js'

/** Where a calendar audience's posts go. */
export function destinations(db: Db, a: Audience): Destination[] {
  switch (a.kind) {
    case 'residents':
      return residentRooms(db).map(room => ({ room }))
    case 'grid': {
      const g = gridById(db, a.grid)
      return g ? [{ room: g.room }] : []
    }
    case 'staff':
      return [{ room: db.community.staffRoom }]
    case 'team': {
      const t = teamByName(db, a.team)
      return t ? [{ room: t.room }] : []
    }
    case 'person':
      return [{ to: a.name }]
    case 'gridLeader': {
      const g = gridById(db, a.grid)
      return g ? [{ to: g.leader }] : []
    }
  }
}

/** Called as an entry fires: may return extra text (the huddle lists tickets) or queue work (the monthly report). */
export type OnFire = (entryId: string, ctx: Ctx) => string | undefined

/** Sends what the calendar has due, once: what fired is persisted, so a restart never repeats a post. Returns whether it posted. */
export function runCalendar(ctx: Ctx, onFire: OnFire = () => undefined): boolean {
  const { state, db, now } = ctx
  if (!state.lastCalendarCheck) {
    state.lastCalendarCheck = iso(now)
    return true
  }
  const last = new Date(state.lastCalendarCheck)
  if (now.getTime() <= last.getTime()) return false
  const plan = planDue(db.calendar, last, now, new Set(state.fired), { quiet: db.settings.quietHours })
  for (const w of plan.warnings)
    if (!state.fired.includes(`warn:${w}`)) {
      ctx.log.warn(w)
      state.fired.push(`warn:${w}`)
    }
  for (const f of plan.send) {
    const text = [f.text, onFire(f.entryId, ctx)].filter(Boolean).join('\n\n')
    for (const a of f.audiences) for (const dest of destinations(db, a)) ctx.send(dest, text, { tag: `calendar:${f.key}` })
    state.fired.push(f.key)
  }
  for (const f of plan.dropped) {
    ctx.log.warn(`calendar: missed ${f.key} (${f.entryId}) while the bot was down; too late to send today`)
    state.fired.push(f.key)
  }
  state.lastCalendarCheck = iso(now)
  pruneFired(state, now)
  // Only a post (or a drop) needs writing at once: a stale lastCalendarCheck after a restart is safe,
  // since `fired` keeps every key already sent.
  return plan.send.length + plan.dropped.length > 0
}

/** Keys carry their occurrence date; anything older than a week can no longer come due. */
function pruneFired(state: Ctx['state'], now: Date) {
  const cutoff = shanghaiDate(new Date(now.getTime() - 7 * 86_400_000))
  state.fired = state.fired.filter(k => {
    const m = /@(\d{4}-\d{2}-\d{2})/.exec(k)
    return !m || m[1] >= cutoff
  })
}

const wakeCache = new WeakMap<object, { last: string; at: number | null }>()
/** When the calendar next has something due (cached per calendar object and last check). */
export function nextCalendarWake(db: Db, now: Date): number | null {
  const last = db.state.lastCalendarCheck ?? iso(now)
  const c = wakeCache.get(db.calendar)
  if (c && c.last === last) return c.at
  const at = nextFireAfter(db.calendar, new Date(last), { quiet: db.settings.quietHours })?.getTime() ?? null
  wakeCache.set(db.calendar, { last, at })
  return at
}
