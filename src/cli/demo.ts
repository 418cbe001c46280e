import { mkdtemp, rm, copyFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { log as wechatyLog } from 'wechaty'
import { createLogger } from '../adapters/log.js'
import { createScheduler } from '../adapters/scheduler.js'
import { parseConfig } from '../config.js'
import { PROJECT_DB } from '../paths.js'
import { RealClock } from '../sim/clock.js'
import { SimWorld } from '../sim/world.js'
import { seedHistory } from '../sim/seed.js'
import { startConsole } from '../web/index.js'

/**
 * `npm run demo`: the simulated community (wechaty-puppet-mock, the real clock) over a scratch copy of
 * db.json seeded with a few weeks of activity, plus the staff console and the resident report page on
 * PORT (default 8080). Prints exactly two lines on stdout, `LOGIN <one-time URL>` then `REPORT <the
 * report page's URL>`; everything else goes to stderr. Ctrl-C stops it and removes the scratch copy:
 * the checkout is never written.
 */
async function main() {
  wechatyLog.level('silent')
  const config = parseConfig({ LOG_LEVEL: 'warn', ...process.env, WEB_PORT: undefined })
  const log = createLogger(config.logLevel)
  const port = Number(process.env.PORT || 8080)
  const dir = await mkdtemp(path.join(os.tmpdir(), 'linli-demo-'))
  const file = path.join(dir, 'db.json')
  const cleanup = () => rm(dir, { recursive: true, force: true })
  try {
    await copyFile(PROJECT_DB, file)
    process.stderr.write('正在生成几周的模拟数据（居民报修、接单、完成、评价、通知）…\n')
    const tickets = await seedHistory(file, Date.now(), log)
    let link: ((staff: string) => string | 'busy') | undefined
    const world = new SimWorld(
      file,
      new RealClock(),
      log,
      l => log.info(`机器人 → ${l.room ?? l.to}：${l.text.split('\n')[0]}`),
      1,
      undefined,
      staff => link?.(staff) ?? null,
    )
    await world.init()
    const scheduler = createScheduler(world.app, log)
    const minute = setInterval(() => void scheduler.tick('minute'), 60_000)
    scheduler.schedule()
    const { console: web, listening } = await startConsole({
      app: world.app,
      dbFile: file,
      clock: world.clock,
      log,
      host: config.web.host,
      port,
      publicUrl: process.env.WEB_PUBLIC_URL || `http://${config.web.host}:${port || 8080}`.replace(/:0$/, ''),
      afterWork: () => scheduler.schedule(),
    })
    link = staff => web.link(staff)
    const url = web.link('值班社工')
    process.stderr.write(
      `模拟社区已就绪：${tickets} 张工单。后台在 ${listening.url}（以「值班社工」登录；在模拟器里发「后台」也能拿到新链接），居民网上报修在 ${listening.url}/r。按 Ctrl-C 退出。\n`,
    )
    // With PORT=0 the listener's real address replaces the configured one in both lines.
    const here = (u: string) => (port === 0 ? u.replace(/^http:\/\/[^/]+/, listening.url) : u)
    const publicUrl = url.replace(/\/login\?.*$/, '')
    process.stdout.write(`LOGIN ${here(url)}\nREPORT ${here(`${publicUrl}/r`)}\n`)
    const stop = async () => {
      clearInterval(minute)
      scheduler.stop()
      await listening.close()
      await world.stop().catch(() => undefined)
      await cleanup()
      process.exit(0)
    }
    process.on('SIGINT', () => void stop())
    process.on('SIGTERM', () => void stop())
  } catch (e) {
    await cleanup()
    throw e
  }
}

main().catch(e => {
  process.stderr.write(`演示启动失败：${(e as Error).stack ?? e}\n`)
  process.exit(1)
})
