import readline from 'node:readline'
import type { Logger } from '../ports.js'
import { iso, parseDuration } from '../core/time.js'
import { VirtualClock } from './clock.js'
import { PROJECT_DB, tempDb } from './scenario.js'
import { SimWorld, type TranscriptLine } from './world.js'

const HELP = `在这里模拟社区微信群，试用机器人（不连接微信）：
  王阿姨@花园社区3网格居民群: 报修 12号楼2单元301 马桶堵了   群里发言
  海军帮忙队队长: 接单 1                                       私聊机器人
  /wait 30m       时间前进（45s、30m、2h、3d）
  /join 李大爷 花园社区3网格居民群                             有人进群
  /restart        重启机器人        /time  当前模拟时间        /quit  退出`

/** `npm run sim` without a file: type messages as residents, staff or volunteers and see what the bot sends. */
export async function interactive(log: Logger): Promise<void> {
  const db = await tempDb(PROJECT_DB)
  const show = (l: TranscriptLine) =>
    process.stdout.write(`  [${l.at.slice(11, 19)}] 机器人 → ${l.room ?? l.to}：${l.file ? `（文件 ${l.file}）` : ''}${l.text}\n`)
  const world = new SimWorld(db.file, new VirtualClock(Date.now()), log, show)
  await world.init()
  process.stdout.write(HELP + '\n')
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, prompt: '> ' })
  rl.prompt()
  for await (const line of rl) {
    const s = line.trim()
    try {
      if (s === '/quit' || s === '/exit') break
      else if (s === '') {
        /* nothing */
      } else if (s === '/help') process.stdout.write(HELP + '\n')
      else if (s === '/time') process.stdout.write(`  ${iso(world.clock.now())}\n`)
      else if (s === '/restart') await world.restart()
      else if (s.startsWith('/wait ')) await world.wait(parseDuration(s.slice(6).trim()))
      else if (s.startsWith('/join ')) {
        const [name, room] = s.slice(6).trim().split(/\s+/)
        if (!name || !room) throw new Error('用法：/join 名字 群名')
        await world.join(name, room)
      } else {
        const m = /^([^:：@]+)(?:@([^:：]+))?[:：]\s*(.*)$/.exec(s)
        if (!m) throw new Error('格式：名字@群名: 内容 或 名字: 内容（私聊）。/help 查看帮助')
        await world.say(m[1].trim(), m[2]?.trim() ?? null, m[3], /@/.test(m[3]))
      }
    } catch (e) {
      process.stdout.write(`  ！${(e as Error).message}\n`)
    }
    rl.prompt()
  }
  rl.close()
  await world.stop()
  await db.cleanup()
}
