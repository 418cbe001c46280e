import type { Command, Feature } from './types.js'
import { help } from './help.js'
import { tickets } from './tickets/index.js'
import { calendar } from './calendar/index.js'
import { broadcast } from './broadcast/index.js'
import { grant } from './grant.js'
import { points } from './points/index.js'
import { reports } from './reports/index.js'
import { welcome } from './welcome.js'
import { archive } from './archive.js'
import { identity } from './identity/index.js'
import { consoleSignIn } from './console.js'

/**
 * Every feature, listed once. Commands are matched in this order, 帮助 lists them in this order, text
 * that is no command is offered to each feature's `hears` in this order, and jobs run in this order.
 */
export const features: Feature[] = [help(() => allCommands()), tickets, calendar, broadcast, grant, identity, consoleSignIn, points, reports, welcome, archive]

export const allCommands = (): Command[] => features.flatMap(f => f.commands ?? [])
