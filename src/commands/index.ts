import type { Command } from './types.js'
import { helpCommand } from './help.js'
import { query } from './query.js'
import { mine } from './mine.js'
import { cancel } from './cancel.js'
import { satisfied, dissatisfied } from './verdict.js'
import { accept } from './accept.js'
import { finish } from './finish.js'
import { transfer } from './transfer.js'

/** The ordered command list: matched in this order, and 帮助 is generated from it. */
export const commands: Command[] = []
commands.push(
  helpCommand(() => commands),
  query, mine, cancel,
  dissatisfied, satisfied,   // 不满意 before 满意
  accept, finish, transfer,
)

export function findCommand(text: string): { command: Command; args: string } | undefined {
  for (const command of commands) {
    const args = command.match(text)
    if (args !== null) return { command, args }
  }
  return undefined
}
