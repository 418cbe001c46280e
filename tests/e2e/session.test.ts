import { describe, expect, it } from 'vitest'
import { SimWorld } from '../../src/sim/world.js'
import { VirtualClock } from '../../src/sim/clock.js'
import { tempDb, PROJECT_DB } from '../../src/sim/scenario.js'
import type { Logger } from '../../src/ports.js'
import { webhookRobot } from './play.js' // (also silences Wechaty's own log)

/** A webhook robot on a local port, and a log that keeps its lines. */
async function openSession() {
  const robot = await webhookRobot<Body>()
  const bodies = robot.bodies
  const lines: string[] = []
  const log: Logger = { debug: () => undefined, info: m => lines.push(m), warn: m => lines.push(m), error: m => lines.push(m) }
  const db = await tempDb(PROJECT_DB)
  const world = new SimWorld(db.file, new VirtualClock(Date.parse('2026-12-01T10:00:00+08:00')), log, undefined, 1, robot.url)
  await world.init()
  await world.wait(5 * 60_000) // the first session has worked a while
  return {
    world,
    bodies,
    lines,
    close: async () => {
      await world.stop()
      await db.cleanup()
      robot.close()
    },
  }
}

type Body = { text: { content: string } }
/** The webhook is called without waiting for it: wait (bounded, real time) until `n` alerts match. */
async function alerts(bodies: Body[], n: number, re = /./) {
  const count = () => bodies.filter(b => re.test(b.text.content)).length
  for (let i = 0; i < 1000 && count() < n; i++) await new Promise(r => setTimeout(r, 5))
  expect(count()).toBeGreaterThanOrEqual(n)
}
const KICKED = /扫码登录后 \d+ 秒内就被微信退出/

describe('e2e: when WeChat refuses the account', () => {
  it('explains a logout right after login once, in Chinese and English, in the log, the webhook and health(); clears it when a login lasts', async () => {
    const { world, bodies, lines, close } = await openSession()
    try {
      await world.logout() // an ordinary drop: the usual alert, no diagnosis
      await alerts(bodies, 1, /掉线/)
      expect(world.app.health().diagnosis).toBeNull()

      await world.kickAfterLogin()
      await world.kickAfterLogin()
      await world.wait(60_000)
      const health = world.app.health()
      expect(health.loggedIn).toBe(false)
      expect(health.diagnosis).toMatchObject({
        kind: 'kicked-after-login',
        zh: expect.stringMatching(/扫码登录后 \d+ 秒内就被微信退出了（已发生 2 次）/),
        en: expect.stringMatching(/logged out by WeChat within \d+ seconds? of logging in/),
        advice: expect.stringMatching(/WECHATY_PUPPET=wechaty-puppet-service/),
      })
      expect(lines.filter(l => /^微信会话诊断（kicked-after-login）/.test(l))).toHaveLength(1)
      expect(lines.filter(l => /^WeChat session diagnosis \(kicked-after-login\)/.test(l))).toHaveLength(1)

      await alerts(bodies, 1, KICKED)
      await world.login() // another scan, and this time the session holds
      await world.wait(2 * 60_000)
      expect(world.app.health().diagnosis).toBeNull()
      await world.wait(5 * 60_000)
      await world.logout() // a later ordinary drop: its alert comes after the diagnosis, which came once
      await alerts(bodies, 2, /掉线/)
      const texts = bodies.map(b => b.text.content)
      expect(texts.filter(t => KICKED.test(t))).toHaveLength(1)
      const told = texts.find(t => KICKED.test(t))!
      expect(told).toMatch(/^【邻里机器人】社区微信号扫码登录后/)
      expect(told).toMatch(/换一个能登录网页微信的微信号/)
      expect(told).toMatch(/\[Linli\] The community's account was logged out by WeChat/)
      expect(told).toMatch(/WECHATY_PUPPET_SERVICE_TOKEN/)
      expect(texts.filter(t => /掉线/.test(t))).toHaveLength(2) // the kicks did not each send the generic alert
      expect(texts.filter(t => !/掉线|扫码重新登录：|秒内就被微信退出/.test(t))).toEqual([])
    } finally {
      await close()
    }
  })

  it('recognises "此微信号不能登录网页微信" after a scan, alerts with what to do, and slows the QR prompts', async () => {
    const { world, bodies, lines, close } = await openSession()
    try {
      await world.logout()
      await alerts(bodies, 1, /掉线/)
      const first = world.scan('waiting')
      expect(world.session.prompt(first)).toBe(true)
      world.scan('scanned')
      world.puppetError(
        '<error><ret>1203</ret><message>为了你的帐号安全，此微信号不能登录网页微信。你可以使用Windows微信或Mac微信在电脑端登录。</message></error>',
      )
      const next = world.scan('waiting')
      expect(world.app.health().diagnosis).toMatchObject({ kind: 'refused-web-login', zh: expect.stringMatching(/不能登录网页微信/) })
      expect(world.session.prompt(next)).toBe(false)
      expect(lines.some(l => /二维码提示已放慢为每 15 分钟一次/.test(l))).toBe(true)
      await alerts(bodies, 1, /拒绝/)
      expect(bodies.find(b => /拒绝/.test(b.text.content))!.text.content).toMatch(
        /^【邻里机器人】微信拒绝这个微信号通过网页微信登录[\s\S]*网页报事页面[\s\S]*\[Linli\] WeChat refuses to let this account log in/,
      )

      await world.wait(15 * 60_000)
      expect(world.session.prompt(world.scan('waiting'))).toBe(true)
      expect(world.session.prompt(world.scan('waiting'))).toBe(false)
    } finally {
      await close()
    }
  })

  it('reports what the mock puppet supports in health() once checked', async () => {
    const { world, close } = await openSession()
    try {
      expect(world.app.health().puppet).toMatchObject({ name: 'wechaty-puppet-mock', checkedAt: null })
      await world.session.checkPuppet()
      const puppet = world.app.health().puppet!
      expect(puppet.checkedAt).toBe('2026-12-01T10:05:00+08:00')
      expect(puppet.features.map(f => [f.feature, f.supported])).toEqual([
        ['rooms-by-topic', true],
        ['remarks', true],
        ['private-messages', true],
        ['images', true],
        ['room-members', true],
      ])
      expect(puppet.features[0].note).toMatch(/找到 \d+ 个群/)
    } finally {
      await close()
    }
  })
})
