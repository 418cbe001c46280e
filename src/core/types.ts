/** Domain types shared by the core, the commands and the adapters. No Wechaty ids are ever stored. */

export type TicketStatus = 'open' | 'accepted' | 'done' | 'closed' | 'cancelled'
export type Verdict = 'satisfied' | 'dissatisfied' | 'none'

export interface TicketEvent {
  at: string // ISO 8601 with offset
  by: string // display name of who acted, or '系统'
  action: string // created, accepted, done, transferred, cancelled, satisfied, dissatisfied, reopened, merged, escalated, warned, photo, located
  note?: string
}

export interface Ticket {
  id: number
  reporter: string // display name of the first reporter
  reporters: string[] // everyone attached to this ticket (first is the reporter)
  room: string | null // group topic where it was reported; null = private chat
  text: string
  category: string
  target: string // a team name from the directory, or '网格长'
  assignee: string // display name of the person dispatched to (team lead or grid leader)
  grid: number | null
  building: number | null
  unit: number | null
  roomNo: string | null
  urgent: boolean
  status: TicketStatus
  verdict: Verdict | null
  createdAt: string
  acceptedAt: string | null
  doneAt: string | null
  closedAt: string | null
  history: TicketEvent[]
  photos: string[]
  awaitingLocation?: boolean // asked the reporter where; dispatch waits for the answer (or the timeout)
  reporterId?: { remark: string | null; ref: string | null; epoch: number } // who reported it, as tightly as WeChat allows
  ack?: { by: string; at: string } // an urgent matter: who acknowledged it (收到 N, or accepting it) and when
  areaKey?: string | null // a named common place without a building (e.g. 小区东门), for merging reports
  // Reported on the resident web page (/r): a phone for the handler only (dispatch texts and the staff
  // console; never a group text, Open311 or the status page), and the hashes of the follow links.
  contactPhone?: string
  webToken?: string // hash of the reporter's follow link: it may see the status and give the verdict
  webFollowers?: string[] // hashes of follow links of web reports merged into this ticket: status only
}

/** Where a message goes: a group (by topic) or a person privately (by remark, else display name). */
export type Destination = { room: string } | { to: string }
