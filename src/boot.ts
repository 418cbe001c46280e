import { WechatyBuilder, type Wechaty, type WechatyOptions } from 'wechaty'
import path from 'node:path'
import { createApp } from './app.js'
import type { App, Clock, ConsoleLink, Logger, Sms, Store, WeChat } from './ports.js'
import { features } from './features/index.js'
import { LinliPlugin, wechatyPorts } from './adapters/wechaty-plugin.js'
import { fileArchive } from './adapters/archive.js'
import { reportFiles } from './adapters/report-files.js'
import { shippedVocabulary } from './adapters/vocabulary.js'
import { fileCodes } from './adapters/codes.js'
import { watchSession, type SessionWatch } from './adapters/session-watch.js'

export interface BootOptions {
  puppet: WechatyOptions['puppet']
  /** The puppet's package name when `puppet` is an instance (the simulator: wechaty-puppet-mock). */
  puppetName?: string
  /** The puppet service token (WECHATY_PUPPET_SERVICE_TOKEN), handed to the puppet as puppetOptions.token. */
  puppetToken?: string
  /** Runs the puppet capability check this long after a login when the puppet never says `ready`. */
  readyFallbackMs?: number
  store: Store
  dbFile: string
  clock: Clock
  log: Logger
  name?: string
  random?: () => number
  afterWork?: (app: App) => void
  onInbound?: (talkerId: string) => void
  alert?: (text: string) => Promise<unknown>
  sms?: Sms
  /** The staff console's sign-in links (set once the console listens). */
  consoleLink?: ConsoleLink
}

/** The composition root: builds the Wechaty bot with the Linli plugin and the app over one store (`npm start` and the simulator). */
export function bootBot(o: BootOptions): { bot: Wechaty; app: App; session: SessionWatch; wechat: WeChat } {
  const bot = WechatyBuilder.build({
    ...(o.name ? { name: o.name } : {}),
    puppet: o.puppet,
    ...(o.puppetToken ? { puppetOptions: { token: o.puppetToken } } : {}),
  })
  // Before the plugin: the plugin's logout and QR alerts consult the diagnosis of the same event.
  const session = watchSession(bot, {
    puppet: o.puppetName ?? (typeof o.puppet === 'string' ? o.puppet : 'unknown'),
    token: o.puppetToken,
    log: o.log,
    alert: o.alert,
    now: () => o.clock.now().getTime(),
    readyFallbackMs: o.readyFallbackMs,
  })
  const wechat = wechatyPorts(bot, () => o.store.db.state.session.epoch)
  const app = createApp({
    alert: o.alert,
    sms: o.sms,
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
    sessionInfo: () => session.info(),
    consoleLink: o.consoleLink,
  })
  bot.use(
    LinliPlugin({
      app: () => app,
      log: o.log,
      mediaDir: path.join(path.dirname(path.resolve(o.dbFile)), 'media'),
      afterWork: () => o.afterWork?.(app),
      onInbound: o.onInbound,
      alert: o.alert,
      session,
    }),
  )
  return { bot, app, session, wechat }
}
