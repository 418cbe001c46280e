import type { Feature } from '../types.js'
import { ticketCommands } from './commands.js'
import { expireAsks, hearMedia, hearText } from './intake.js'
import { hearForm } from './web-report.js'
import { closeUnrated, nextAckWake, nextEscalationAt, nextUnratedAt, runAckLadder, runEscalations } from './followup.js'

/**
 * Tickets: a resident's words (or the resident web page's form) become a ticket (intake, location
 * question, photos), handlers accept, finish and transfer, reporters rate or cancel; the job expires
 * location questions, closes tickets nobody rated and escalates overdue ones (escalations wait while
 * the session is down).
 */
export const tickets: Feature = {
  name: 'tickets',
  commands: ticketCommands,
  hears: hearText,
  media: hearMedia,
  form: hearForm,
  job: {
    whileLoggedOut: true,
    run(ctx) {
      let changed = expireAsks(ctx)
      changed = closeUnrated(ctx) || changed
      if (ctx.loggedIn) changed = runEscalations(ctx) || changed
      changed = runAckLadder(ctx) || changed // outside WeChat too: it goes on while the session is down
      return changed
    },
    nextWake(db) {
      const times = [...db.state.pending.map(p => Date.parse(p.expiresAt)), nextUnratedAt(db), nextAckWake(db)]
      if (db.state.session.loggedIn) times.push(nextEscalationAt(db))
      const real = times.filter((t): t is number => t !== null)
      return real.length ? Math.min(...real) : null
    },
  },
}
