import path from 'node:path'
import { log as wechatyLog } from 'wechaty'
import { createLogger } from '../adapters/log.js'
import { parseConfig } from '../config.js'
import { loadScenario, runScenario } from './scenario.js'
import { interactive } from './console.js'
import { runCli } from '../cli/run.js'

/** `npm run sim -- FILE.json` prints the transcript as JSON lines; without a file, an interactive console. */
async function main() {
  wechatyLog.level('silent')
  const config = parseConfig({ LOG_LEVEL: 'warn', ...process.env })
  const level = config.logLevel
  const file = process.argv.slice(2).find(a => !a.startsWith('-'))
  if (!file) {
    await interactive(createLogger(level))
    return
  }
  const { scenario, dbSource } = await loadScenario(file)
  const log = createLogger(level)
  // ALERT_WEBHOOK_URL reaches the bot, so a check can listen for alerts sent outside WeChat.
  await runScenario(scenario, dbSource, log, line => process.stdout.write(JSON.stringify(line) + '\n'), undefined, {
    alertUrl: config.alertWebhookUrl,
    dir: path.dirname(path.resolve(file)),
  })
}

runCli(main, e => `模拟失败：${e.message}`)
