import { log as wechatyLog } from 'wechaty'
import { runScenario, tempDb, PROJECT_DB, type Scenario } from '../../src/sim/scenario.js'
import { SimWorld } from '../../src/sim/world.js'
import { VirtualClock } from '../../src/sim/clock.js'
import type { TranscriptLine } from '../../src/sim/world.js'
import { createLogger } from '../../src/adapters/log.js'
import { readFile } from 'node:fs/promises'
import http from 'node:http'
import type { Db } from '../../src/core/schema.js'

wechatyLog.level('silent')
export const quiet = createLogger('silent')

/** Plays steps through the real bot in wechaty-puppet-mock and returns the transcript and the final db. */
export async function play(steps: Scenario['steps'], start = '2026-12-01T08:55:00+08:00', db = PROJECT_DB): Promise<{ lines: TranscriptLine[]; db: Db }> {
  let final: Db | undefined
  const lines = await runScenario({ start, steps }, db, quiet, undefined, async file => {
    final = JSON.parse(await readFile(file, 'utf8'))
  })
  assertPrivate(
    lines,
    final!.state.tickets.flatMap(t => (t.roomNo ? [t.roomNo] : [])),
  ) // every transcript is scanned
  return { lines, db: final! }
}

export const inRoom = (lines: TranscriptLine[], room: string) => lines.filter(l => l.room === room)
export const toPerson = (lines: TranscriptLine[], name: string) => lines.filter(l => l.to === name)

// The real work groups (the oldest group of each work topic): everything else is a group residents read.
const WORK_ROOM = /^(花园社区工作群|.+工作群)$/
/** A text as a person reads its digits: fullwidth and Chinese digits as digits, separators gone. */
const digits = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/[零〇]/g, '0')
    .replace(/[一二两三四五六七八九]/g, c => String('一二三四五六七八九'.indexOf(c === '两' ? '二' : c) + 1))
const joined = (s: string) => s.replace(/(?<=\d)[\s\-.·/]+(?=\d)/g, '').replace(/^\+?86(?=1)/, '')

/**
 * Fails when a group residents read (any group but a real work group: residents' groups, renamed ones,
 * groups someone created with a work group's name) received a door number or a phone number. Written
 * apart from src/core/redact.ts, so a gap in the redaction is not hidden by the same gap here.
 */
export function assertPrivate(lines: TranscriptLine[], roomNos: string[]) {
  for (const l of lines) {
    if (!l.room || (WORK_ROOM.test(l.room) && !l.roomIndex)) continue
    const d = digits(l.text)
    if (/(?<!\d)(?:86)?1[3-9]\d{9}(?!\d)/.test(joined(d))) throw new Error(`phone number posted to ${l.room}: ${l.text}`)
    if (/\d+\s*(室|房间|户)|\d+-\d+-\d+|\d+#\d|\d+单元\d{3}/.test(d)) throw new Error(`address posted to ${l.room}: ${l.text}`)
    for (const r of roomNos) {
      if (new RegExp(`(?<!\\d)${r}(?!\\d)`).test(d)) throw new Error(`room ${r} posted to ${l.room}: ${l.text}`)
    }
  }
}

/** A live simulated world for tests that need more than scenario steps (logout, redelivery). */
export async function openWorld(start = '2026-12-01T08:55:00+08:00', alertUrl?: string) {
  const db = await tempDb(PROJECT_DB)
  const world = new SimWorld(db.file, new VirtualClock(Date.parse(start)), quiet, undefined, 1, alertUrl)
  await world.init()
  return {
    world,
    readDb: async (): Promise<Db> => JSON.parse(await readFile(db.file, 'utf8')),
    close: async () => {
      await world.stop()
      const final = JSON.parse(await readFile(db.file, 'utf8')) as Db
      await db.cleanup()
      assertPrivate(
        world.transcript,
        final.state.tickets.flatMap(t => (t.roomNo ? [t.roomNo] : [])),
      ) // every transcript is scanned
    },
  }
}

/** A WeCom/DingTalk group robot on a local port: what the bot posts to ALERT_WEBHOOK_URL arrives in `bodies`. */
export async function webhookRobot<Body = { msgtype: string; text: { content: string } }>() {
  const bodies: Body[] = []
  const server = http.createServer((req, res) => {
    let body = ''
    req.on('data', c => {
      body += c
    })
    req.on('end', () => {
      bodies.push(JSON.parse(body))
      res.end('{"errcode":0}')
    })
  })
  await new Promise<void>(r => server.listen(0, '127.0.0.1', () => r()))
  return { bodies, url: `http://127.0.0.1:${(server.address() as { port: number }).port}/robot`, close: () => server.close() }
}
