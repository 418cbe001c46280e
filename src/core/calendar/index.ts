/**
 * The community calendar, pure: routines, festivals on the solar and lunar calendars, solar terms,
 * birthdays, one-offs; China's statutory workdays; what is due now; the `日程` command's text.
 * No clock, no I/O: `now` is always an argument and warnings come back as data.
 */
export { CalendarSchema, CalendarEntrySchema, AudienceSchema, RuleSchema, LeadSchema, SOLAR_TERMS } from './schema.js'
export type { Calendar, CalendarEntry, Audience, Rule, Lead } from './schema.js'
export type { Fire } from './fires.js'
export { occurrencesBetween, planDue, nextFireAfter } from './plan.js'
export type { Plan, PlanOptions } from './plan.js'
export { DEFAULT_QUIET } from './quiet.js'
export type { QuietHours } from './quiet.js'
export { isWorkday } from './workdays.js'
export { upcoming, audienceLabel } from './upcoming.js'
export type { UpcomingOptions } from './upcoming.js'
export { parseScheduleAdd, SCHEDULE_ADD_EXAMPLES } from './parse-add.js'
export type { ParseOptions } from './parse-add.js'
export { addEntry, removeEntry } from './edit.js'
