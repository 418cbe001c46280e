import type { Ctx, JobCtx } from '../features/types.js'
import type { Alert, Archive, ConsoleLink, Incoming, Logger, ReportFiles, ServerCodes, Sms, Store, WeChat } from '../ports.js'
import type { IntakeVocabulary } from '../core/intake/index.js'
import type { Destination } from '../core/types.js'
import { actorOf } from '../core/identity.js'
import { tellStaffOnce } from './tell.js'
import { classifyRoom, isWorkRole, roleOfTopic } from '../core/rooms.js'
import { enqueue, type EnqueueOptions } from '../core/outbox.js'
import { extendVocabulary } from '../core/intake/vocabulary.js'
import { monthsFor } from '../core/archive.js'
import { redact } from '../core/redact.js'
import { iso } from '../core/time.js'
import { T } from '../core/texts.js'

export interface ContextDeps {
  store: Store
  archive: Archive
  files: ReportFiles
  log: Logger
  vocabulary: IntakeVocabulary
  wechat: WeChat
  serverCodes?: ServerCodes
  alert?: Alert
  sms?: Sms
  consoleLink?: ConsoleLink
  /** The reply limiter (src/kernel/replies.ts). */
  mayReply(key: string, limited: boolean, now: number): 'yes' | 'note' | 'no'
}

export const SYSTEM: Incoming = { id: '', from: '系统', room: null, text: '', kind: 'other', mentionsBot: false }

/** The Ctx a feature works with for one message (or one job run, with the system as the actor). */
export function createContext(deps: ContextDeps, msg: Incoming, now: Date, captured?: string[]): Ctx {
  const db = deps.store.db
  const state = db.state
  const epoch = state.session.epoch
  const room = msg.room === null ? { role: null, trusted: false } : classifyRoom(db, msg.room, msg.roomMembers)
  const publicPhones = db.community.publicPhones
  // Texts bound for any group but a work group never carry a door or phone number, staff notices and
  // calendar posts included (their previews warned staff what would be hidden).
  const send: Ctx['send'] = (dest: Destination, text, opts) => {
    const plain = 'room' in dest && !isWorkRole(roleOfTopic(db, dest.room))
    enqueue(state, dest, plain ? redact(text, publicPhones) : text, now, opts)
  }
  const toConversation = (text: string, urgent?: boolean, about?: EnqueueOptions['about']) => {
    if (captured) {
      captured.push(text)
      return
    } // the web pages show replies; nothing goes to WeChat
    const refs = { epoch, ...(msg.roomRef ? { room: msg.roomRef } : {}), ...(msg.who ? (msg.room ? { mentions: [msg.who.ref] } : { to: msg.who.ref }) : {}) }
    if (msg.room === null) {
      enqueue(state, { to: msg.from }, text, now, { urgent, refs, reply: true, about })
      return
    }
    // A group that is not the work group it claims to be gets what a residents' group would.
    const work = room.trusted && isWorkRole(room.role)
    enqueue(state, { room: msg.room }, work ? text : redact(text, publicPhones), now, { mentions: [msg.from], urgent, refs, about })
  }
  const actor = actorOf(db, state.grants, msg.from, msg.who, now)
  const ctx: Ctx = {
    now,
    db,
    state,
    msg,
    log: deps.log,
    epoch,
    room,
    actor,
    wechat: deps.wechat,
    serverCodes: deps.serverCodes ?? (async () => []),
    consoleLink: deps.consoleLink ?? (() => null),
    vocabulary: extendVocabulary(deps.vocabulary, db.intake),
    reply(text, opts) {
      const key = actor.remark ?? actor.ref ?? msg.from
      const verdict = opts?.urgent ? 'yes' : deps.mayReply(key, actor.roles.length === 0, now.getTime())
      if (verdict === 'yes') toConversation(text, opts?.urgent, opts?.about)
      else if (verdict === 'note') toConversation(T.slowDown)
    },
    send,
    deliver(out) {
      for (const o of out) send(o.dest, o.text, o.opts)
    },
    tellStaffOnce: (key, text) => {
      tellStaffOnce(db, key, text, now, deps.log)
    },
    alert: text => {
      void deps.alert?.(text)
    },
    sms: (text, params) => {
      void deps.sms?.(text, params)
    },
    async archived(id) {
      for (const month of monthsFor(state, id)) {
        const t = (await deps.archive.load(month)).find(x => x.id === id)
        if (t) return t
      }
      return undefined
    },
    audit(action, detail) {
      state.audit.push({ at: iso(now), by: actor.name, action, ...(detail ? { detail } : {}) })
    },
  }
  return ctx
}

export function createJobContext(deps: ContextDeps, now: Date): JobCtx {
  return { ...createContext(deps, SYSTEM, now), files: deps.files, archive: deps.archive, loggedIn: deps.store.db.state.session.loggedIn }
}
