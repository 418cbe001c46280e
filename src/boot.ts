import { WechatyBuilder, type Wechaty, type WechatyOptions } from 'wechaty'
import path from 'node:path'
import { createApp } from './app.js'
import type { App, Clock, ConsoleLink, Logger, Store, WeChat } from './ports.js'
import { features } from './features/index.js'
import { LinliPlugin, wechatyPorts } from './adapters/wechaty-plugin.js'
import { fileArchive } from './adapters/archive.js'
import { reportFiles } from './adapters/report-files.js'
import { shippedVocabulary } from './adapters/vocabulary.js'
import { fileCodes } from './adapters/codes.js'

export interface BootOptions {
  puppet: WechatyOptions['puppet']
  store: Store
  dbFile: string
  clock: Clock
  log: Logger
  name?: string
  random?: () => number
  afterWork?: (app: App) => void
  onInbound?: (talkerId: string) => void
  alert?: (text: string) => Promise<unknown>
  /** The staff console's sign-in links (set once the console listens). */
  consoleLink?: ConsoleLink
}

/** The composition root: builds the Wechaty bot with the Linli plugin and the app over one store (`npm start` and the simulator). */
export function bootBot(o: BootOptions): { bot: Wechaty; app: App; wechat: WeChat } {
  const bot = WechatyBuilder.build({ ...(o.name ? { name: o.name } : {}), puppet: o.puppet })
  const wechat = wechatyPorts(bot, () => o.store.db.state.session.epoch)
  const app = createApp({
    alert: o.alert,
    vocabulary: shippedVocabulary(),
    features,
    store: o.store,
    archive: fileArchive(o.dbFile),
    files: reportFiles(o.dbFile, () => o.store.db.community.name),
    sender: wechat,
    wechat,
    serverCodes: fileCodes(o.dbFile),
    clock: o.clock,
    log: o.log,
    random: o.random,
    consoleLink: o.consoleLink,
  })
  bot.use(LinliPlugin({
    app: () => app,
    log: o.log,
    mediaDir: path.join(path.dirname(path.resolve(o.dbFile)), 'media'),
    afterWork: () => o.afterWork?.(app),
    onInbound: o.onInbound,
    alert: o.alert,
  }))
  return { bot, app, wechat }
}
