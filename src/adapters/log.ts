import type { Logger } from '../ports.js'

const LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const
export type Level = typeof LEVELS[number]

/** Logs to stderr (stdout is kept for transcripts and JSON output). Never pass a resident's address here. */
export function createLogger(level: Level = 'info', now: () => Date = () => new Date()): Logger {
  const min = LEVELS.indexOf(level)
  const at = (l: Level) => (msg: string) => {
    if (LEVELS.indexOf(l) >= min) process.stderr.write(`${now().toISOString()} ${l.toUpperCase()} ${msg}\n`)
  }
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }
}
