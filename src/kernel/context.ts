import type { Ctx, JobCtx } from '../features/types.js'
import type { Archive, Incoming, Logger, ReportFiles, Store } from '../ports.js'
import type { IntakeVocabulary } from '../core/intake/index.js'
import type { Destination } from '../core/types.js'
import { actorOf, teamByRoom, isResidentRoom, type Actor } from '../core/directory.js'
import type { Db } from '../core/schema.js'
import { enqueue } from '../core/outbox.js'
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
  /** The reply limiter (src/kernel/replies.ts). */
  mayReply(name: string, limited: boolean, now: number): 'yes' | 'note' | 'no'
}

export const SYSTEM: Incoming = { id: '', from: '系统', room: null, text: '', kind: 'other', mentionsBot: false }

/** Someone speaking in a team's work group is one of its volunteers, even if the directory does not list them yet. */
function withRoomTeam(db: Db, a: Actor, room: string | null): Actor {
  const team = teamByRoom(db, room)
  if (!team || a.team) return a
  return { ...a, team: team.name, roles: a.roles.includes('volunteer') ? a.roles : [...a.roles, 'volunteer'] }
}

/** The Ctx a feature works with for one message (or one job run, with the system as the actor). */
export function createContext(deps: ContextDeps, msg: Incoming, now: Date): Ctx {
  const db = deps.store.db
  const state = db.state
  // Texts bound for a resident group never carry a door or phone number (staff notices are theirs, verbatim).
  const send: Ctx['send'] = (dest: Destination, text, opts) => {
    const resident = 'room' in dest && isResidentRoom(db, dest.room) && !opts?.verbatim
    enqueue(state, dest, resident ? redact(text) : text, now, opts)
  }
  const toConversation = (text: string, urgent?: boolean) =>
    msg.room ? send({ room: msg.room }, text, { mentions: [msg.from], urgent }) : send({ to: msg.from }, text, { urgent })
  const ctx: Ctx = {
    now, db, state, msg, log: deps.log,
    vocabulary: extendVocabulary(deps.vocabulary, db.intake),
    actor: withRoomTeam(db, actorOf(db, msg.from, now), msg.room),
    reply(text, opts) {
      const verdict = opts?.urgent ? 'yes' : deps.mayReply(msg.from, ctx.actor.roles.length === 0, now.getTime())
      if (verdict === 'yes') toConversation(text, opts?.urgent)
      else if (verdict === 'note') toConversation(T.slowDown)
    },
    send,
    deliver(out) { for (const o of out) send(o.dest, o.text, o.opts) },
    async archived(id) {
      for (const month of monthsFor(state, id)) {
        const t = (await deps.archive.load(month)).find(x => x.id === id)
        if (t) return t
      }
      return undefined
    },
    audit(action, detail) { state.audit.push({ at: iso(now), by: msg.from, action, ...(detail ? { detail } : {}) }) },
  }
  return ctx
}

export function createJobContext(deps: ContextDeps, now: Date): JobCtx {
  return { ...createContext(deps, SYSTEM, now), files: deps.files, archive: deps.archive, loggedIn: deps.store.db.state.session.loggedIn }
}
