import type { Feature } from '../types.js'
import { recentEvents, schedule } from './commands.js'
import { nextCalendarWake, runCalendar } from './job.js'
import { onCalendarFire } from '../reports/index.js'

/** The community calendar: routines, festivals (solar and lunar), birthdays; 日程 for staff, 最近活动 for all. */
export const calendar: Feature = {
  name: 'calendar',
  commands: [recentEvents, schedule],
  job: { run: ctx => runCalendar(ctx, onCalendarFire), nextWake: nextCalendarWake },
}
