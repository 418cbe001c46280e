import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import { ScanStatus, type Wechaty } from 'wechaty'
import { watchSession } from '../../src/adapters/session-watch.js'
import type { Logger } from '../../src/ports.js'

const MIN = 60_000

/** A Wechaty as the watch sees it: its events, and for the capability check its rooms, contacts and puppet. */
function fakeBot(extra: Record<string, unknown> = {}) {
  return Object.assign(new EventEmitter(), extra) as unknown as Wechaty & EventEmitter
}

function capture() {
  const lines: Array<[string, string]> = []
  const log: Logger = {
    debug: m => lines.push(['debug', m]),
    info: m => lines.push(['info', m]),
    warn: m => lines.push(['warn', m]),
    error: m => lines.push(['error', m]),
  }
  return { lines, log, text: () => lines.map(l => l[1]).join('\n') }
}

function setup(puppet = 'wechaty-puppet-wechat4u', bot = fakeBot()) {
  let now = Date.parse('2026-12-01T10:00:00+08:00')
  const alerts: string[] = []
  const { lines, log, text } = capture()
  const watch = watchSession(bot, {
    puppet,
    log,
    alert: async t => {
      alerts.push(t)
    },
    now: () => now,
  })
  const kick = () => {
    bot.emit('scan', 'qr', ScanStatus.Waiting)
    bot.emit('scan', 'qr', ScanStatus.Scanned)
    bot.emit('login', {})
    bot.emit('error', new Error("AssertionError [ERR_ASSERTION]: '1102' == 0"))
    now += 5000
    bot.emit('logout', {}, 'logout()')
  }
  const stayIn = () => {
    bot.emit('scan', 'qr2', ScanStatus.Scanned)
    bot.emit('login', {})
    now += 2 * MIN
  }
  return {
    bot,
    watch,
    alerts,
    lines,
    text,
    kick,
    stayIn,
    advance: (ms: number) => {
      now += ms
    },
  }
}

describe('the session watch', () => {
  it('logs a diagnosis in Chinese and English, alerts once per kind an hour, and clears it when a login lasts', () => {
    const s = setup()
    s.kick()
    expect(s.text()).toMatch(/微信会话诊断（kicked-after-login）：社区微信号扫码登录后 \d+ 秒内就被微信退出了/)
    expect(s.text()).toMatch(/怎么办：.*WECHATY_PUPPET=wechaty-puppet-service/)
    expect(s.text()).toMatch(/WeChat session diagnosis \(kicked-after-login\): The community's account was logged out/)
    expect(s.text()).toMatch(/What to do: .*WECHATY_PUPPET_SERVICE_TOKEN/)
    expect(s.alerts).toHaveLength(1)
    expect(s.alerts[0]).toMatch(/^【邻里机器人】社区微信号扫码登录后[\s\S]*\[Linli\] The community's account/)
    expect(s.watch.troubled()).toBe(true)
    expect(s.watch.info().diagnosis).toMatchObject({ kind: 'kicked-after-login', at: '2026-12-01T10:00:00+08:00' }) // the 1102 right after login said it

    s.kick() // the same again: the health panel counts it, nobody is alerted twice
    expect(s.alerts).toHaveLength(1)
    expect(s.watch.info().diagnosis!.zh).toMatch(/已发生 2 次/)

    s.stayIn()
    expect(s.watch.info().diagnosis).toBeNull()
    expect(s.watch.troubled()).toBe(false)
    expect(s.text()).toMatch(/微信会话已恢复正常.*WeChat session back to normal/)

    s.kick() // back within the hour: logged again, not alerted again
    expect(s.lines.filter(l => /WeChat session diagnosis/.test(l[1]))).toHaveLength(2)
    expect(s.alerts).toHaveLength(1)
    s.stayIn()
    s.advance(60 * MIN)
    s.kick()
    expect(s.alerts).toHaveLength(2)
  })

  it('says nothing for an ordinary day: a login that lasts and drops the next day', () => {
    const s = setup()
    s.stayIn()
    s.advance(24 * 60 * MIN)
    s.bot.emit('logout', {}, 'logout()')
    s.bot.emit('scan', 'qr3', ScanStatus.Waiting)
    expect(s.alerts).toEqual([])
    expect(s.lines.filter(l => l[0] === 'warn')).toEqual([])
    expect(s.watch.info().diagnosis).toBeNull()
  })

  it('slows QR prompts while a refusal holds: one code every 15 minutes, the same answer for the same code', () => {
    const s = setup()
    expect(s.watch.prompt('a')).toBe(true)
    s.bot.emit('scan', 'a', ScanStatus.Waiting)
    s.bot.emit('scan', 'a', ScanStatus.Scanned)
    s.bot.emit('error', new Error('为了你的帐号安全，此微信号不能登录网页微信。'))
    s.advance(1000)
    s.bot.emit('scan', 'b', ScanStatus.Waiting)
    expect(s.watch.info().diagnosis!.kind).toBe('refused-web-login')
    expect(s.watch.prompt('b')).toBe(false)
    expect(s.watch.prompt('b')).toBe(false)
    s.advance(15 * MIN)
    expect(s.watch.prompt('c')).toBe(true)
    expect(s.watch.prompt('c')).toBe(true)
    expect(s.watch.prompt('d')).toBe(false)
    expect(s.text()).toMatch(/二维码提示已放慢为每 15 分钟一次/)
  })

  it('shows every QR code while all is well', () => {
    const s = setup()
    for (const code of ['a', 'b', 'c']) {
      s.bot.emit('scan', code, ScanStatus.Waiting)
      expect(s.watch.prompt(code)).toBe(true)
    }
  })

  it('reports the puppet profile before the check, and the probed report after `ready`', async () => {
    const alias = vi.fn(async (value?: string) => {
      if (value !== undefined)
        throw new Error('Wechaty Puppet Unsupported API Error. Learn More At https://github.com/wechaty/wechaty-puppet/wiki/Compatibility')
      return '王阿姨'
    })
    const room = { id: 'r1', topic: async () => '花园社区工作群', memberAll: async () => [{}, {}] }
    const bot = fakeBot({
      Room: { findAll: async (q?: { topic: string }) => (!q || q.topic === '花园社区工作群' ? [room] : []) },
      Contact: { findAll: async () => [{ self: () => false, friend: () => true, alias }] },
      puppet: {}, // no messageSendFile
    })
    const s = setup('wechaty-puppet-xp', bot)
    expect(s.watch.info().puppet).toMatchObject({ name: 'wechaty-puppet-xp', checkedAt: null })
    expect(s.watch.info().puppet!.features.every(f => f.supported === 'unknown')).toBe(true)
    bot.emit('ready')
    const report = await s.watch.checkPuppet()
    const by = Object.fromEntries(report.map(r => [r.feature, r.supported]))
    expect(by).toEqual({ 'rooms-by-topic': true, 'room-members': true, remarks: false, images: false, 'private-messages': 'unknown' })
    expect(alias).toHaveBeenCalledWith('王阿姨') // set to the remark it already has: a no-op
    expect(s.watch.info().puppet!.checkedAt).toBe('2026-12-01T10:00:00+08:00')
    const warns = s.lines.filter(l => l[0] === 'warn').map(l => l[1])
    expect(warns).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^puppet wechaty-puppet-xp：机器人设置备注不支持.* \/ remarks set by the bot not supported/),
        expect.stringMatching(/^puppet wechaty-puppet-xp：发图片不支持.* \/ sending images not supported/),
        expect.stringMatching(/^puppet wechaty-puppet-xp：私聊未能确认.* \/ private messages not confirmed/),
      ]),
    )
  })

  it('never sets a remark on a puppet known to support remarks (the web protocol)', async () => {
    const alias = vi.fn(async () => '王阿姨')
    const bot = fakeBot({
      Room: { findAll: async () => [] },
      Contact: { findAll: async () => [{ self: () => false, friend: () => true, alias }] },
      puppet: { messageSendFile: () => undefined },
    })
    const s = setup('wechaty-puppet-wechat4u', bot)
    const report = await s.watch.checkPuppet()
    expect(alias).not.toHaveBeenCalled()
    expect(report.find(r => r.feature === 'remarks')!.supported).toBe(true)
    expect(report.find(r => r.feature === 'rooms-by-topic')).toMatchObject({ supported: true, note: expect.stringMatching(/一个群也没有找到/) })
  })
})
