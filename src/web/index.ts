import path from 'node:path'
import type { App, Clock, Logger, WeChat } from '../ports.js'
import { createConsole, type Console } from './server.js'
import { listen, type Listening } from './listen.js'
import { fileArchive } from '../adapters/archive.js'
import { shippedVocabulary } from '../adapters/vocabulary.js'

export interface StartOptions {
  app: App
  dbFile: string
  clock: Clock
  log: Logger
  wechat?: WeChat
  host: string
  port: number
  publicUrl: string
  trustProxy?: boolean
  open311ApiKey?: string
  afterWork?: () => void
}

/** Starts the staff console beside the bot (npm start, npm run demo): one process, one writer. */
export async function startConsole(o: StartOptions): Promise<{ console: Console; listening: Listening }> {
  const c = createConsole({
    app: o.app,
    clock: o.clock,
    log: o.log,
    archive: fileArchive(o.dbFile),
    mediaDir: path.join(path.dirname(path.resolve(o.dbFile)), 'media'),
    vocabulary: shippedVocabulary(),
    remarks: o.wechat ? () => o.wechat!.remarks() : undefined,
    publicUrl: o.publicUrl,
    trustProxy: o.trustProxy,
    open311ApiKey: o.open311ApiKey,
    afterWork: o.afterWork,
  })
  const listening = await listen(c, o.host, o.port, o.log)
  return { console: c, listening }
}

export { createConsole, type Console } from './server.js'
