import { existsSync } from 'node:fs'
import cron from 'node-cron'
import qrcodeTerminal from 'qrcode-terminal'
import { log as wechatyLog, ScanStatus } from 'wechaty'
import { ConfigError, parseConfig } from './config.js'
import { createLogger } from './adapters/log.js'
import { openStore, DbError } from './adapters/store.js'
import { bootBot } from './boot.js'
import { createAlerter } from './adapters/alert.js'
import { aliyunSms } from './adapters/sms.js'
import { qrLink } from './adapters/wechaty-plugin.js'
import { puppetProblem } from './adapters/puppet-capabilities.js'
import { createScheduler, guarded, installProcessGuards, type Scheduler } from './adapters/scheduler.js'
import { PROJECT_DB } from './paths.js'
import { startConsole } from './web/index.js'
import type { Console } from './web/server.js'

/** The shell's entry: env → config → db → Wechaty → scheduler → web console → signals. */
async function main() {
  if (existsSync('.env')) process.loadEnvFile('.env')
  const config = parseConfig(process.env)
  const log = createLogger(config.logLevel)
  wechatyLog.level(config.logLevel === 'debug' ? 'verbose' : 'silent')
  // An error nobody caught is logged with its stack; the bot keeps serving.
  installProcessGuards(log)
  // A puppet that is not installed would fail inside Wechaty, retried for ever: say so and stop.
  const problem = await puppetProblem(config.puppet)
  if (problem) throw new ConfigError(problem)
  log.info(`puppet: ${config.puppet}${config.puppetToken ? '（已设置 token / token set）' : ''}`)
  // One process per db file: a second start stops here (DbError naming the file and the owner's pid).
  const store = await openStore(config.dbFile, log, PROJECT_DB)
  log.info(`db ${config.dbFile} loaded: ${store.db.state.tickets.length} tickets`)

  // Every tick (wake-up timer, minute cron, login) runs guarded and re-arms the timer (adapters/scheduler.ts).
  let scheduler: Scheduler | undefined
  // The console starts after the app it serves; the 后台 command asks it for links once it listens.
  let web: Console | undefined

  const { bot, app, session, wechat } = bootBot({
    name: config.botName,
    puppet: config.puppet as never,
    puppetToken: config.puppetToken,
    readyFallbackMs: 60_000,
    store,
    dbFile: config.dbFile,
    log,
    clock: { now: () => new Date() },
    afterWork: () => scheduler?.schedule(),
    alert: createAlerter(config.alertWebhookUrl, log),
    sms: config.sms && aliyunSms(config.sms, log),
    consoleLink: staff => web?.link(staff) ?? null,
  })

  scheduler = createScheduler(app, log)

  // The staff console in this process: every change goes through the same app and store (one writer).
  let closeWeb = async () => {}
  if (config.web.port !== null) {
    try {
      const started = await startConsole({
        app,
        dbFile: config.dbFile,
        clock: { now: () => new Date() },
        log,
        wechat,
        host: config.web.host,
        port: config.web.port,
        publicUrl: config.web.publicUrl,
        trustProxy: config.web.trustProxy,
        open311ApiKey: config.web.open311ApiKey,
        afterWork: () => scheduler?.schedule(),
      })
      web = started.console
      closeWeb = started.listening.close
      log.info(`后台已开启：${started.listening.url}（登录链接用 ${config.web.publicUrl}）`)
    } catch (e) {
      log.error(`后台没有开启：${config.web.host}:${config.web.port} 无法监听（${(e as Error).message}）。机器人照常运行。`)
    }
  }

  bot.on('scan', (qrcode, status) => {
    if (status === ScanStatus.Waiting || status === ScanStatus.Timeout) {
      // While a refusal or a scan loop holds, one code every few minutes (the diagnosis says so).
      if (!session.prompt(qrcode)) {
        log.debug(`QR code not shown (prompts slowed): ${qrLink(qrcode)}`)
        return
      }
      qrcodeTerminal.generate(qrcode, { small: true }, q => process.stderr.write(q + '\n'))
      log.info(`请用社区微信号扫码登录：${qrLink(qrcode)}`)
    }
  })
  bot.on('login', user => {
    log.info(`已登录：${user.name()}`)
    void scheduler!.tick('login')
  })
  bot.on('logout', user => log.warn(`已退出登录：${user.name()}，等待重新扫码`))
  bot.on('error', e => reportError(e as Error))
  // node-cron wakes the bot every minute (Asia/Shanghai): calendar, escalations and paced sends. Once,
  // on the first `ready` (a re-login emits it again).
  bot.once('ready', () => {
    cron.schedule('* * * * *', () => scheduler!.tick('cron'), { timezone: config.timezone, noOverlap: true })
  })

  // The web protocol retries on its own and fails many times a second without a network: say it plainly,
  // once a minute, instead of flooding the log.
  let lastNetworkNote = 0
  let suppressed = 0
  function reportError(e: Error) {
    const msg = e?.message ?? String(e)
    if (!/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ECONNRESET|ENETUNREACH|socket hang up|timeout/i.test(msg)) {
      log.error(`微信出错：${msg}`)
      return
    }
    if (Date.now() - lastNetworkNote < 60_000) {
      suppressed++
      return
    }
    lastNetworkNote = Date.now()
    log.error(
      `无法连接微信服务器（${msg}）。请检查网络；机器人会一直自动重试，连上后会显示登录二维码。${suppressed ? `（此前一分钟内又失败 ${suppressed} 次）` : ''}`,
    )
    suppressed = 0
  }

  const stop = async (signal: string) => {
    log.info(`收到 ${signal}，正在停止`)
    scheduler?.stop()
    await guarded(log, 'console stop', closeWeb)
    await guarded(log, 'bot stop', () => bot.stop())
    await guarded(log, 'store close', () => store.close()) // waits for a write in flight, releases the lock
    process.exit(0)
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))

  for (let attempt = 1; ; attempt++) {
    try {
      await bot.start()
      return
    } catch (e) {
      const wait = Math.min(30, 5 * attempt)
      log.error(`无法连接微信（${(e as Error).message}），${wait} 秒后重试（第 ${attempt} 次）`)
      await bot.stop().catch(() => undefined)
      await new Promise(r => setTimeout(r, wait * 1000))
    }
  }
}

main().catch(e => {
  process.stderr.write(e instanceof DbError || e instanceof ConfigError ? `${e.message}\n` : `启动失败：${(e as Error).stack ?? e}\n`)
  process.exit(1)
})
