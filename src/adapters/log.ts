import type { Logger } from '../ports.js'
import { iso } from '../core/time.js'

const LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const
export type Level = (typeof LEVELS)[number]

/**
 * Logs to stderr (stdout is kept for transcripts and JSON output), with times in Asia/Shanghai as the
 * community reads them. Never pass a resident's address here.
 */
export function createLogger(level: Level = 'info', now: () => Date = () => new Date()): Logger {
  const min = LEVELS.indexOf(level)
  const at = (l: Level) => (msg: string) => {
    if (LEVELS.indexOf(l) >= min) process.stderr.write(`${iso(now())} ${l.toUpperCase()} ${msg}\n`)
  }
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }
}
