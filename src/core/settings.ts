import { z } from 'zod'

/** Service deadlines, counted from the ticket's creation. Defaults follow the community's promise. */
export interface Deadlines {
  /** An urgent ticket must be accepted within this many minutes (default 15). */
  urgentAcceptMinutes: number
  /** A normal ticket must be accepted within this many minutes (default 120). */
  acceptMinutes: number
  /** Water, power and heating inside a home (海军帮忙队) must be done within this many hours (default 24). */
  utilityDoneHours: number
  /** Any other ticket must be done within this many hours (default 72). */
  otherDoneHours: number
  /** A consultation (律师会客厅, 阳光大姐心理咨询) must be answered (accepted and done) within this many hours (default 48). */
  consultationHours: number
}

export const DEFAULT_DEADLINES: Deadlines = {
  urgentAcceptMinutes: 15,
  acceptMinutes: 120,
  utilityDoneHours: 24,
  otherDoneHours: 72,
  consultationHours: 48,
}

/** Operational settings staff may tune in db.json's "settings" section. */
export const SettingsSchema = z
  .object({
    outbox: z
      .object({
        groupGapMs: z.number().int().min(0).default(3000), // gap between two group sends
        privateGapMs: z.number().int().min(0).default(1000), // gap between two private sends
        jitterMs: z.number().int().min(0).default(1500), // random extra gap, 0..jitterMs
        hourlyCap: z.number().int().positive().default(120),
        dailyCap: z.number().int().positive().default(600),
        // Urgent alerts (and the notice that a cap holds messages back) draw on their own, bounded budget.
        urgentHourlyCap: z.number().int().positive().default(30),
        urgentDailyCap: z.number().int().positive().default(120),
        maxAttempts: z.number().int().positive().default(5),
      })
      .prefault({}),
    quietHours: z
      .object({
        start: z
          .string()
          .regex(/^\d{2}:\d{2}$/)
          .default('21:00'),
        end: z
          .string()
          .regex(/^\d{2}:\d{2}$/)
          .default('07:30'),
      })
      .prefault({}),
    deadlines: z
      .object({
        urgentAcceptMinutes: z.number().positive().default(DEFAULT_DEADLINES.urgentAcceptMinutes),
        acceptMinutes: z.number().positive().default(DEFAULT_DEADLINES.acceptMinutes),
        utilityDoneHours: z.number().positive().default(DEFAULT_DEADLINES.utilityDoneHours), // water, power, heating inside a home
        otherDoneHours: z.number().positive().default(DEFAULT_DEADLINES.otherDoneHours),
        consultationHours: z.number().positive().default(DEFAULT_DEADLINES.consultationHours), // consultations answered within two days
        warnBeforeMinutes: z.number().nonnegative().default(30), // warn the assignee this long before (urgent: a third of the window)
        staffAfterMinutes: z.number().positive().default(120), // after the grid leader, the staff group this much later
        verdictDays: z.number().positive().default(3), // no verdict after this counts as none
      })
      .prefault({}),
    askLocationMinutes: z.number().int().positive().default(10),
    photoWindowMinutes: z.number().int().positive().default(10),
    /** The resident web page (/r) offers units 1..N in its 单元 list. */
    unitsPerBuilding: z.number().int().min(1).max(30).default(6),
  })
  .prefault({})
export type Settings = z.infer<typeof SettingsSchema>
