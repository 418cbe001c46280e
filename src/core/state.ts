import { z } from 'zod'
import { CorrectionSchema } from './intake/corrections.js'

/** The bot's working state, kept in db.json beside the directory. Only names and topics, never Wechaty ids. */

const DestinationSchema = z.union([z.object({ room: z.string() }), z.object({ to: z.string() })])

export const TicketSchema = z.object({
  id: z.number().int().positive(),
  reporter: z.string(),
  reporters: z.array(z.string()),
  room: z.string().nullable(),
  text: z.string(),
  category: z.string(),
  target: z.string(),
  assignee: z.string(),
  grid: z.number().int().nullable(),
  building: z.number().int().nullable(),
  unit: z.number().int().nullable(),
  roomNo: z.string().nullable(),
  urgent: z.boolean(),
  status: z.enum(['open', 'accepted', 'done', 'closed', 'cancelled']),
  verdict: z.enum(['satisfied', 'dissatisfied', 'none']).nullable(),
  createdAt: z.string(),
  acceptedAt: z.string().nullable(),
  doneAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  history: z.array(z.object({ at: z.string(), by: z.string(), action: z.string(), note: z.string().optional() })),
  photos: z.array(z.string()),
  awaitingLocation: z.boolean().optional(),
  reporterId: z.object({ remark: z.string().nullable(), ref: z.string().nullable(), epoch: z.number().int() }).optional(),
  ack: z.object({ by: z.string(), at: z.string() }).optional(),
  areaKey: z.string().nullable().optional(),
  contactPhone: z.string().optional(),
  webToken: z.string().optional(),
  webFollowers: z.array(z.string()).optional(),
})

export const OutboxItemSchema = z.object({
  id: z.number().int().positive(),
  dest: DestinationSchema,
  text: z.string(),
  mentions: z.array(z.string()).default([]),
  file: z.string().optional(), // path of a file to send after/instead of text
  urgent: z.boolean().default(false),
  createdAt: z.string(),
  notBefore: z.string(),
  status: z.enum(['queued', 'sent', 'failed']),
  attempts: z.number().int().default(0),
  sentAt: z.string().optional(),
  error: z.string().optional(),
  tag: z.string().optional(), // e.g. 'broadcast:3' to report deliveries
  // This login's refs of the conversation and the people to mention: used while the login lasts, so a
  // reply reaches the very group and person even where names are shared.
  refs: z.object({ epoch: z.number().int(), room: z.string().optional(), to: z.string().optional(), mentions: z.array(z.string()).optional() }).optional(),
  // A reminder or escalation about a ticket in this status: dropped unsent if the ticket moved on meanwhile.
  // (`assignee`: and while the same person handles it — a transfer makes the old dispatch untrue.)
  about: z.object({ ticket: z.number().int(), status: z.string(), unacked: z.boolean().optional(), assignee: z.string().optional() }).optional(),
  // A private answer to someone who just wrote: it may go at night (they are awake); nothing else non-urgent does.
  reply: z.boolean().optional(),
})
export type OutboxItem = z.infer<typeof OutboxItemSchema>

export const PendingAskSchema = z.object({
  who: z.string(),
  room: z.string().nullable(),
  ticketId: z.number().int(),
  expiresAt: z.string(),
})
export type PendingAsk = z.infer<typeof PendingAskSchema>

export const BroadcastSchema = z.object({
  id: z.number().int().positive(),
  by: z.string(),
  text: z.string(),
  label: z.string(), // 全体 / 3网格 / 12号楼 / 海军帮忙队
  rooms: z.array(z.string()),
  createdAt: z.string(),
  sendAt: z.string(), // when it goes out (scheduled or now)
  status: z.enum(['confirming', 'scheduled', 'sending', 'done', 'cancelled']),
  confirmBy: z.string().optional(), // a preview waits for 确认 until then
  building: z.number().int().optional(), // a notice for one building names it first
  sameAs: z.number().int().optional(), // the same words went to these groups today: a second 确认 is asked
  reported: z.boolean().default(false),
})
export type Broadcast = z.infer<typeof BroadcastSchema>

export const StateSchema = z.object({
  nextTicketId: z.number().int().positive().default(1),
  tickets: z.array(TicketSchema).default([]),
  nextOutboxId: z.number().int().positive().default(1),
  outbox: z.array(OutboxItemSchema).default([]),
  pending: z.array(PendingAskSchema).default([]),
  seen: z.array(z.string()).default([]),
  fired: z.array(z.string()).default([]),
  lastCalendarCheck: z.string().nullable().default(null),
  sentLog: z.array(z.number()).default([]), // times of ordinary send attempts in the last day, for the caps
  urgentLog: z.array(z.number()).default([]), // times of urgent send attempts in the last day, for the urgent budget
  pacing: z.object({ nextGroupAt: z.number().default(0), nextPrivateAt: z.number().default(0) }).prefault({}),
  broadcasts: z.array(BroadcastSchema).default([]),
  nextBroadcastId: z.number().int().positive().default(1),
  grants: z.array(z.object({ name: z.string(), role: z.string(), until: z.string(), by: z.string() })).default([]),
  welcomes: z.array(z.object({ room: z.string(), names: z.array(z.string()), dueAt: z.string() })).default([]),
  session: z
    .object({
      loggedIn: z.boolean().default(true),
      since: z.string().nullable().default(null), // when the session dropped
      epoch: z.number().int().default(0), // counts logins: refs of an older login are stale
      capNoticeUntil: z.number().default(0), // staff were told a cap holds messages back: no other notice before then
    })
    .prefault({}),
  reportJobs: z.array(z.object({ month: z.string(), dest: DestinationSchema, ranking: z.boolean() })).default([]),
  attendance: z.array(z.object({ name: z.string(), points: z.number(), at: z.string(), activity: z.string().optional() })).default([]),
  pointsArchived: z.record(z.string(), z.number()).default({}),
  archive: z.array(z.object({ month: z.string(), minId: z.number().int(), maxId: z.number().int(), count: z.number().int() })).default([]),
  lastArchiveDay: z.string().nullable().default(null),
  // Groups bound by staff (绑定本群): who was in them, to recognise them by more than their topic.
  roomBindings: z.array(z.object({ topic: z.string(), members: z.array(z.string()), by: z.string(), at: z.string() })).default([]),
  // Topics changed by members, newest last (a renamed residents' group is still answered).
  roomRenames: z.array(z.object({ from: z.string(), to: z.string(), by: z.string(), at: z.string() })).default([]),
  // One-time binding codes staff issued (only a hash is kept).
  bindCodes: z.array(z.object({ name: z.string(), hash: z.string(), expires: z.string(), by: z.string() })).default([]),
  // Wrong binding codes lately (who tried, when): guessing is cut off per person and for everyone.
  bindFailures: z.array(z.object({ who: z.string(), at: z.string() })).default([]),
  // When staff last lifted a binding pause by issuing a code while it held: wrong codes before do not count for everyone.
  bindPauseLifted: z.string().nullable().default(null),
  // Corrections of the intake (不是报修, 转派) with the message, for npm run intake:review.
  corrections: z.array(CorrectionSchema).default([]),
  // A question the bot asked ("是要报修吗？") and the message it is about, waiting for yes or no.
  confirms: z.array(z.object({ who: z.string(), room: z.string().nullable(), text: z.string(), expiresAt: z.string() })).default([]),
  // Who got the hint to type instead of speaking in a group today (person@day).
  voiceHints: z.array(z.string()).default([]),
  // Things staff were told once (an impostor's nickname, a shared remark, an untrusted group).
  told: z.array(z.string()).default([]),
  audit: z.array(z.object({ at: z.string(), by: z.string(), action: z.string(), detail: z.string().optional() })).default([]),
})
export type State = z.infer<typeof StateSchema>

export const emptyState = (): State => StateSchema.parse({})
