import type { Alert, Clock, Logger, Sender, SendRecord, Store, WeChat } from '../ports.js'
import type { Db } from '../core/schema.js'
import type { OutboxItem } from '../core/state.js'
import { clampFuture, enqueue, markFailed, markSent, nextSend, type Blocked } from '../core/outbox.js'
import { dutyStaff } from '../core/directory.js'
import { checksOut, isWorkRole, pickRoom, roleOfTopic } from '../core/rooms.js'
import { tellStaffOnce } from './tell.js'
import { iso } from '../core/time.js'
import { T } from '../core/texts.js'

/**
 * Folds send outcomes journaled after the last full write back into the state. Every attempt counts
 * against the gap and the caps, even one for an item the last full write did not hold yet (a limit
 * notice queued while sending): its time and the pacing gates are kept, and the item itself too, so a
 * retry it still owes goes on.
 */
export function applyJournal(state: Db['state'], entries: unknown[]) {
  for (const e of entries as SendRecord[]) {
    if ('seen' in e) {
      if (!state.seen.includes(e.seen)) state.seen.push(e.seen)
      continue
    }
    if (!e.item) continue
    const i = state.outbox.findIndex(o => o.id === e.item.id)
    const known = i >= 0 ? state.outbox[i] : undefined
    const at = e.at ?? (known?.status !== 'sent' && e.item.status === 'sent' ? Date.parse(e.item.sentAt!) : undefined)
    if (at !== undefined) (e.item.urgent ? state.urgentLog : state.sentLog).push(at)
    if (known) state.outbox[i] = e.item
    else {
      state.outbox.push(e.item)
      state.nextOutboxId = Math.max(state.nextOutboxId, e.item.id + 1)
    }
    state.pacing = {
      nextGroupAt: Math.max(state.pacing.nextGroupAt, e.pacing.nextGroupAt),
      nextPrivateAt: Math.max(state.pacing.nextPrivateAt, e.pacing.nextPrivateAt),
    }
  }
}

export interface DeliveryDeps {
  store: Store
  sender: Sender
  wechat: WeChat
  clock: Clock
  log: Logger
  random: () => number
  alert?: Alert
  /** Called after each send of a tagged item (a broadcast's delivery report may now be due): whether it changed the state. */
  afterTagged(tag: string, now: Date): boolean
}

const STALL_FAILURES = 3

/**
 * The outbox's imperative side: sends whatever the pacing allows now, one at a time, persisting each
 * outcome; tells staff when a cap holds messages back and alerts them outside WeChat when sends keep
 * failing (a stalled session).
 */
export function createDelivery(d: DeliveryDeps) {
  let failures = 0
  let stallAlertAt = -Infinity

  // A session can stall without logging out: sends keep failing. Staff hear of it outside WeChat
  // (the retries with backoff go on meanwhile), at most once an hour.
  function stalled(count: number, now: number) {
    if (count < STALL_FAILURES || now - stallAlertAt < 3600_000) return
    stallAlertAt = now
    d.log.error(`${count} sends failed in a row: the WeChat session may have stalled`)
    void d.alert?.(T.stalled(count))
  }

  /**
   * Tells staff once per block that a cap holds messages back (they are queued, never dropped): the duty
   * worker privately, drawing on the urgent budget, and outside WeChat. A spent urgent budget is only
   * said outside WeChat (a message about it could not go either).
   */
  function noticeCap(b: Blocked, now: number): boolean {
    const db = d.store.db
    const session = db.state.session
    if (now < session.capNoticeUntil) return false // at most one notice per window
    session.capNoticeUntil = now + (b.which === 'hourly' ? 3600_000 : 86_400_000)
    const waiting = db.state.outbox.filter(o => o.status === 'queued').length
    d.log.warn(`outbox ${b.urgent ? 'urgent ' : ''}${b.which} cap reached; ${waiting} queued until ${iso(new Date(b.until))}`)
    const text = T.capNotice(b.which, waiting, new Date(b.until), b.urgent)
    const duty = dutyStaff(db)
    if (!b.urgent && duty) enqueue(db.state, { to: duty }, text, new Date(now), { urgent: true })
    void d.alert?.(text)
    return true
  }

  /**
   * A residents' group its members renamed: the group now under the new topic whose members still
   * check out as that grid's group (a stranger's group with the new name does not).
   */
  async function renamedTo(topic: string): Promise<string | undefined> {
    const db = d.store.db
    for (const r of [...db.state.roomRenames].reverse().filter(x => x.from === topic)) {
      const found = (await d.wechat.roomsByTopic(r.to)).find(x => checksOut(db, topic, x.members))
      if (found) return found.ref
    }
    return undefined
  }

  /**
   * Which group an item for a directory topic goes to: the conversation's own group while this login
   * lasts, else the group of that topic that checks out (core/rooms.ts). Work content for a work group
   * that does not check out (a second group of that topic, a renamed one, strangers in it) goes
   * privately to bound people instead, and staff hear of it once.
   */
  async function chooseRoom(item: OutboxItem, now: number): Promise<string | undefined | 'rerouted'> {
    const db = d.store.db
    if (!('room' in item.dest)) return undefined
    if (item.refs?.room && item.refs.epoch === db.state.session.epoch) return item.refs.room
    const topic = item.dest.room
    const role = roleOfTopic(db, topic)
    if (!role) return undefined
    const rooms = await d.wechat.roomsByTopic(topic)
    const pick = pickRoom(db, topic, rooms)
    const day = iso(new Date(now)).slice(0, 10)
    if (pick.duplicates) tellStaffOnce(db, `dup:${topic}@${day}`, T.duplicateRoom(topic, rooms.length), new Date(now), d.log)
    if (pick.room) return pick.room.ref
    if (!isWorkRole(role)) return rooms[0]?.ref ?? (await renamedTo(topic)) // a residents' group (texts redacted): the oldest of its topic
    tellStaffOnce(db, `untrusted:${topic}@${day}`, T.untrustedRoom(topic), new Date(now), d.log)
    const people =
      role.kind === 'staff'
        ? item.urgent
          ? db.people.filter(p => p.roles.includes('staff')).map(p => p.name)
          : [dutyStaff(db)].filter((x): x is string => !!x)
        : [db.teams.find(t => t.name === role.team)!.lead]
    for (const to of people) {
      enqueue(db.state, { to }, T.rerouted(topic, item.text), new Date(now), { urgent: item.urgent, ...(item.file ? { file: item.file } : {}) })
    }
    item.status = 'failed'
    item.error = `「${topic}」未通过核对，已改为私信`
    item.sentAt = iso(new Date(now))
    d.log.warn(`outbox #${item.id}: ${topic} does not check out; sent privately to ${people.join(', ')}`)
    return 'rerouted'
  }

  /** A reminder whose ticket moved on since it was queued is no longer true: dropped unsent. */
  function stale(item: OutboxItem, now: number): boolean {
    if (!item.about) return false
    const t = d.store.db.state.tickets.find(x => x.id === item.about!.ticket)
    const a = item.about
    if (t && t.status === a.status && !(a.unacked && t.ack) && (a.assignee === undefined || a.assignee === t.assignee)) return false
    item.status = 'failed'
    item.error = '工单状态已变，提醒作废'
    item.sentAt = iso(new Date(now))
    return true
  }

  return {
    /** `volatile`: the disk refuses writes; send from memory and do not stop at a failed journal. */
    async drain(opts: { volatile?: boolean } = {}) {
      const db = d.store.db
      const persist = async (full: boolean, entry: SendRecord) => {
        try {
          if (full) await d.store.write()
          else await d.store.journal(entry)
        } catch (e) {
          if (!opts.volatile) throw e
        }
      }
      for (const note of clampFuture(db.state, db.settings, d.clock.now().getTime())) d.log.warn(`clock stepped back: ${note}`)
      while (db.state.session.loggedIn) {
        const now = d.clock.now().getTime()
        const next = nextSend(db.state, db.settings, now)
        if (!('item' in next)) {
          if (next.blocked && noticeCap(next.blocked, now)) {
            await persist(true, { seen: '' })
            continue
          }
          return
        }
        const item = next.item
        if (stale(item, now)) {
          await persist(true, { item, pacing: db.state.pacing })
          continue
        }
        const room = await chooseRoom(item, now)
        if (room === 'rerouted') {
          await persist(true, { item, pacing: db.state.pacing })
          continue
        }
        try {
          await d.sender.send(item, room)
          markSent(db.state, item, db.settings, now, d.random)
          failures = 0
        } catch (e) {
          const outcome = markFailed(db.state, item, db.settings, now, String((e as Error)?.message ?? e), d.random)
          d.log.warn(`send #${item.id} failed (${outcome}): ${item.error}`)
          stalled(++failures, now)
        }
        const full = !!item.tag && d.afterTagged(item.tag, new Date(now))
        await persist(full, { item, pacing: db.state.pacing, at: now })
      }
    },
    /** Whether paced sends are due within a minute (the bot is not idle). */
    busy(): boolean {
      const state = d.store.db.state
      const soon = d.clock.now().getTime() + 60_000
      return state.session.loggedIn && state.outbox.some(o => o.status === 'queued' && Date.parse(o.notBefore) <= soon)
    },
    /** When the outbox next has something to send, or null. */
    nextWake(now: number): number | null {
      const db = d.store.db
      if (!db.state.session.loggedIn) return null
      const n = nextSend(db.state, db.settings, now)
      return 'item' in n ? now : n.wakeAt
    },
  }
}
