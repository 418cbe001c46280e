import { z } from 'zod'

/**
 * The community calendar: db.json's "calendar" section.
 *
 * - `festivals`: the festival greetings the community keeps (one editable list).
 * - `entries`: routines, events, birthdays and what staff add with `日程 添加`.
 * - `nextNo`: the next number `日程 添加` hands out. Numbers are never reused, so `日程 删除 N`
 *   cannot hit another entry than the one staff saw listed as N.
 *
 * An entry fires at `time` on each occurrence date, unless it has `leads`: then it fires once per
 * lead instead (`daysBefore` days before the occurrence, at the lead's time, with the lead's text
 * or else the entry's text). `time` stays the time of the event itself (shown by `日程`).
 */

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/
const YMD = /^\d{4}-\d{2}-\d{2}$/

export const TimeSchema = z.string().regex(HHMM, '时间格式应为 HH:mm，例如 09:00')

/** The 24 solar terms in the order of a Gregorian year. */
export const SOLAR_TERMS = [
  '小寒',
  '大寒',
  '立春',
  '雨水',
  '惊蛰',
  '春分',
  '清明',
  '谷雨',
  '立夏',
  '小满',
  '芒种',
  '夏至',
  '小暑',
  '大暑',
  '立秋',
  '处暑',
  '白露',
  '秋分',
  '寒露',
  '霜降',
  '立冬',
  '小雪',
  '大雪',
  '冬至',
] as const

export const AudienceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('residents') }), // all resident groups
  z.object({ kind: z.literal('grid'), grid: z.number().int().positive() }), // one grid's resident group
  z.object({ kind: z.literal('staff') }), // the staff group
  z.object({ kind: z.literal('team'), team: z.string().min(1) }), // `<team>工作群`
  z.object({ kind: z.literal('person'), name: z.string().min(1) }), // privately
  z.object({ kind: z.literal('gridLeader'), grid: z.number().int().positive() }), // privately
])
export type Audience = z.infer<typeof AudienceSchema>

const weekday = z.number().int().min(1).max(7) // 1 = Monday … 7 = Sunday
const month = z.number().int().min(1).max(12)

export const RuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('daily') }),
  z.object({ kind: z.literal('workdays') }),
  z.object({ kind: z.literal('weekly'), weekday, nextWorkdayIfHoliday: z.boolean().optional() }),
  /** Day 29–31 in a shorter month falls back to the month's last day. */
  z.object({ kind: z.literal('monthly'), day: z.number().int().min(1).max(31), nextWorkdayIfHoliday: z.boolean().optional() }),
  /** nth 1..5, or -1 for the last such weekday; a month without a 5th one is skipped. */
  z.object({ kind: z.literal('monthlyWeekday'), nth: z.union([z.literal(-1), z.number().int().min(1).max(5)]), weekday }),
  /** Solar month/day; 2月29日 falls back to 2月28日 in common years. */
  z.object({ kind: z.literal('yearly'), month, day: z.number().int().min(1).max(31) }),
  /**
   * Lunar month/day. Day 30 in a 29-day month falls back to day 29 (so 腊月三十 is always 除夕).
   * `leap: true` means the leap month (闰月); in a year without that leap month, the normal month.
   */
  z.object({ kind: z.literal('lunar'), month, day: z.number().int().min(1).max(30), leap: z.boolean().optional() }),
  z.object({ kind: z.literal('solarTerm'), name: z.enum(SOLAR_TERMS) }),
  z.object({ kind: z.literal('once'), date: z.string().regex(YMD, '日期格式应为 YYYY-MM-DD') }),
])
export type Rule = z.infer<typeof RuleSchema>

export const LeadSchema = z.object({
  daysBefore: z.number().int().min(0).max(60),
  time: TimeSchema,
  text: z.string().min(1).optional(),
})
export type Lead = z.infer<typeof LeadSchema>

export const CalendarEntrySchema = z.object({
  id: z.string().regex(/^[^\s@#]+$/, 'id 不能包含空白、@ 或 #'), // stable: part of every fire key
  no: z.number().int().positive().optional(), // the number `日程 删除 N` uses
  title: z.string().min(1),
  text: z.string().min(1),
  audiences: z.array(AudienceSchema).min(1, '至少要有一个发送对象'),
  time: TimeSchema,
  rule: RuleSchema,
  leads: z.array(LeadSchema).min(1).optional(),
  workdayOnly: z.boolean().optional(), // skip occurrences that fall on a non-workday
})
export type CalendarEntry = z.infer<typeof CalendarEntrySchema>

function validDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d))
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d
}

export const CalendarSchema = z
  .object({
    nextNo: z.number().int().positive().optional(),
    festivals: z.array(CalendarEntrySchema),
    entries: z.array(CalendarEntrySchema),
  })
  .superRefine((cal, ctx) => {
    const ids = new Set<string>()
    const nos = new Set<number>()
    for (const e of [...cal.festivals, ...cal.entries]) {
      if (ids.has(e.id)) ctx.addIssue({ code: 'custom', message: `日程 id 重复：${e.id}` })
      ids.add(e.id)
      if (e.no !== undefined) {
        if (nos.has(e.no)) ctx.addIssue({ code: 'custom', message: `日程编号重复：${e.no}` })
        nos.add(e.no)
      }
      const before = (e.leads ?? []).map(l => l.daysBefore)
      if (new Set(before).size !== before.length) ctx.addIssue({ code: 'custom', message: `日程 ${e.id} 的提醒天数重复` })
      const r = e.rule
      if (r.kind === 'yearly' && !validDate(2024, r.month, r.day)) ctx.addIssue({ code: 'custom', message: `日程 ${e.id} 的日期无效：${r.month}月${r.day}日` })
      if (r.kind === 'once') {
        const [y, m, d] = r.date.split('-').map(Number)
        if (!validDate(y, m, d)) ctx.addIssue({ code: 'custom', message: `日程 ${e.id} 的日期无效：${r.date}` })
      }
    }
  })
export type Calendar = z.infer<typeof CalendarSchema>
