import type { Command } from './types.js'
import type { Db } from '../core/schema.js'
import { grant } from './grant.js'
import { report, points, pointsRanking, recordAttendance } from './reports.js'
import { notify, scheduledNotify, cancelNotify, confirm } from './broadcast.js'
import { helpCommand } from './help.js'
import { query } from './query.js'
import { mine } from './mine.js'
import { cancel } from './cancel.js'
import { satisfied, dissatisfied } from './verdict.js'
import { accept } from './accept.js'
import { finish } from './finish.js'
import { transfer } from './transfer.js'
import { schedule, recentEvents } from './schedule.js'

/** The ordered command list: matched in this order, and 帮助 is generated from it. */
export const commands: Command[] = []
commands.push(
  helpCommand(() => commands),
  query, mine, cancel,
  dissatisfied, satisfied,   // 不满意 before 满意
  accept, finish, transfer,
  recentEvents, schedule,
  notify, scheduledNotify, cancelNotify, confirm, grant,
  pointsRanking, points, recordAttendance, report,
)

export function findCommand(text: string, db: Db): { command: Command; args: string } | undefined {
  for (const command of commands) {
    const args = command.match(text, db)
    if (args !== null) return { command, args }
  }
  return undefined
}
