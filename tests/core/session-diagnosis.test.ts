import { describe, expect, it } from 'vitest'
import { diagnose, promptEveryMs, type DiagnosisKind, type SessionEvent } from '../../src/core/session-diagnosis.js'

const S = 1000
const scan = (at: number, status: 'waiting' | 'scanned' | 'confirmed' | 'timeout' | 'cancel' = 'waiting'): SessionEvent => ({ type: 'scan', at, status })
const login = (at: number): SessionEvent => ({ type: 'login', at })
const logout = (at: number, reason?: string): SessionEvent => ({ type: 'logout', at, reason })
const error = (at: number, message: string): SessionEvent => ({ type: 'error', at, message })

/** A scan that WeChat lets in, at `t`. */
const scanIn = (t: number) => [scan(t), scan(t + S, 'scanned'), login(t + 2 * S)]
const unscannedQrs = (n: number, from = 0) => Array.from({ length: n }, (_, i) => scan(from + i * 60 * S))

// wechat4u's words, as wechaty reports them (wechaty/wechaty#2774, #2775; the 1203 page at login).
const A1102 = "AssertionError [ERR_ASSERTION]: '1102' == 0"
const A1101 = 'AssertionError [ERR_ASSERTION]: 1101 == 0'
const REFUSED = '为了你的帐号安全，此微信号不能登录网页微信。你可以使用Windows微信或Mac微信在电脑端登录。'

const cases: Array<[string, SessionEvent[], number, DiagnosisKind]> = [
  ['nothing yet', [], 0, 'ok'],
  ['one QR code waiting', [scan(0)], 10 * S, 'ok'],
  ['a login that has lasted a minute', scanIn(0), 2 * 60 * S, 'ok'],
  ['a fresh login (not yet a minute) with nothing wrong', scanIn(0), 10 * S, 'ok'],
  ['the daily drop: logout a day after login', [...scanIn(0), logout(86_400 * S)], 86_401 * S, 'ok'],
  ["the bot's own stop seconds after login", [...scanIn(0), logout(5 * S, 'puppet stop()')], 10 * S, 'ok'],
  [
    'the 1203 page at login',
    [scan(0), scan(S, 'scanned'), error(2 * S, `<error><ret>1203</ret><message>${REFUSED}</message></error>`), scan(3 * S)],
    4 * S,
    'refused-web-login',
  ],
  ['此微信号不能登录网页微信', [scan(0), error(S, REFUSED)], 2 * S, 'refused-web-login'],
  ['不允许登录网页微信 (older wording)', [scan(0), error(S, '为了你的帐号安全，此微信号已不允许登录网页微信')], 2 * S, 'refused-web-login'],
  ['当前登录环境异常', [scan(0), scan(S, 'scanned'), error(2 * S, '当前登录环境异常。为了你的帐号安全，暂时不能登录web微信')], 3 * S, 'refused-web-login'],
  ['scanned, then "already logout" instead of a login', [scan(0), scan(S, 'scanned'), error(2 * S, 'already logout'), scan(3 * S)], 4 * S, 'refused-web-login'],
  [
    'scanned, then an unexplained error and a new QR code',
    [scan(0), scan(S, 'scanned'), error(2 * S, 'AssertionError [ERR_ASSERTION]: 1 == 0'), scan(3 * S)],
    4 * S,
    'refused-web-login',
  ],
  ['logout 3 s after login', [...scanIn(0), logout(5 * S)], 6 * S, 'kicked-after-login'],
  ['logout 59 s after login', [...scanIn(0), logout(61 * S)], 62 * S, 'kicked-after-login'],
  ['1102 right after login, no logout yet', [...scanIn(0), error(4 * S, A1102)], 5 * S, 'kicked-after-login'],
  ['1101 from batchGetContact right after login, still "logged in" two minutes on', [...scanIn(0), error(3 * S, A1101)], 120 * S, 'kicked-after-login'],
  [
    'the January 2025 pattern: 1101, 1102, logout, a new QR code',
    [...scanIn(0), error(3 * S, A1101), error(4 * S, A1102), logout(20 * S), scan(21 * S)],
    22 * S,
    'kicked-after-login',
  ],
  [
    'kicked twice, then a new login still under a minute old',
    [...scanIn(0), logout(5 * S), ...scanIn(60 * S), logout(65 * S), ...scanIn(120 * S)],
    130 * S,
    'kicked-after-login',
  ],
  ['kicked once, then a login that lasts', [...scanIn(0), logout(5 * S), ...scanIn(60 * S)], 60 * S + 3 * 60 * S, 'ok'],
  [
    '1102 hours after login (the session simply dropped)',
    [...scanIn(0), error(3 * 3600 * S, A1102), logout(3 * 3600 * S + 5 * S)],
    3 * 3600 * S + 10 * S,
    'ok',
  ],
  [
    'three scans that never log in',
    [scan(0), scan(S, 'scanned'), scan(60 * S), scan(61 * S, 'scanned'), scan(120 * S), scan(121 * S, 'scanned'), scan(180 * S)],
    181 * S,
    'scan-loop',
  ],
  ['two scans that never log in', [scan(0), scan(S, 'scanned'), scan(60 * S), scan(61 * S, 'scanned'), scan(120 * S)], 121 * S, 'ok'],
  [
    'scans the user cancelled on the phone',
    [scan(0), scan(S, 'scanned'), scan(2 * S, 'cancel'), scan(60 * S), scan(61 * S, 'scanned'), scan(62 * S, 'cancel'), scan(120 * S)],
    121 * S,
    'ok',
  ],
  ['ten QR codes nobody scanned', unscannedQrs(10), 600 * S, 'scan-loop'],
  ['nine QR codes nobody scanned', unscannedQrs(9), 540 * S, 'ok'],
  [
    'a scan that expired (400) is not a refusal',
    [scan(0), scan(S, 'scanned'), error(300 * S, 'AssertionError [ERR_ASSERTION]: 400 != 400'), scan(301 * S)],
    302 * S,
    'ok',
  ],
  [
    'three network errors in a row',
    [error(0, 'getaddrinfo ENOTFOUND login.wx.qq.com'), error(5 * S, 'connect ECONNREFUSED'), error(10 * S, 'socket hang up')],
    11 * S,
    'network',
  ],
  ['two network errors', [error(0, 'getaddrinfo ENOTFOUND login.wx.qq.com'), error(5 * S, 'connect ECONNREFUSED')], 6 * S, 'ok'],
  ['network errors, then a QR code: the network is back', [error(0, 'ENOTFOUND'), error(1, 'ENOTFOUND'), error(2, 'ENOTFOUND'), scan(3 * S)], 4 * S, 'ok'],
  [
    'a refusal outranks a later network trouble',
    [scan(0), error(S, REFUSED), error(2 * S, 'ENOTFOUND'), error(3 * S, 'ENOTFOUND'), error(4 * S, 'ENOTFOUND')],
    5 * S,
    'refused-web-login',
  ],
  ['a refusal is cleared by a login that lasts', [scan(0), error(S, REFUSED), ...scanIn(60 * S)], 60 * S + 5 * 60 * S, 'ok'],
  ['a restored session (no scan) dropped at once is only stale', [login(0), error(2 * S, A1101), logout(10 * S), scan(11 * S)], 12 * S, 'ok'],
  ['a restored session dropped, then a scanned login kicked', [login(0), logout(10 * S), ...scanIn(11 * S), logout(20 * S)], 21 * S, 'kicked-after-login'],
  ['events out of order are sorted', [logout(5 * S), login(2 * S), scan(0)], 6 * S, 'kicked-after-login'],
]

describe('session diagnosis', () => {
  it.each(cases)('%s', (_name, events, now, kind) => {
    expect(diagnose(events, now).kind).toBe(kind)
  })

  it('says what happened and what to do, in Chinese and in English, for every kind but ok', () => {
    for (const [, events, now, kind] of cases.filter(c => c[3] !== 'ok')) {
      const d = diagnose(events, now)
      expect(d.zh, kind).toMatch(/[\u4e00-\u9fff]/)
      expect(d.en.replace(/"[^"]*"/g, ''), kind).toMatch(/^[\x20-\x7e]+$/) // plain English; WeChat's own words quoted
      expect(d.advice, kind).toMatch(/[\u4e00-\u9fff]/)
      expect(d.adviceEn, kind).toMatch(/[a-z]/)
    }
    const ok = diagnose([], 0)
    expect(ok).toMatchObject({ kind: 'ok', advice: '', adviceEn: '' })
  })

  it('on the web protocol, advises another account or a puppet service with a token, and points residents to the web page', () => {
    const d = diagnose([...scanIn(0), logout(5 * S)], 6 * S, 'web')
    expect(d.zh).toMatch(/3 秒内.*1101\/1102/)
    expect(d.advice).toMatch(/换一个能登录网页微信的微信号/)
    expect(d.advice).toMatch(/WECHATY_PUPPET=wechaty-puppet-service/)
    expect(d.advice).toMatch(/WECHATY_PUPPET_SERVICE_TOKEN/)
    expect(d.advice).toMatch(/网页报事页面/)
    expect(d.advice).toMatch(/每 15 分钟/)
    expect(d.adviceEn).toMatch(/WECHATY_PUPPET=wechaty-puppet-service.*WECHATY_PUPPET_SERVICE_TOKEN/)
  })

  it('on a puppet service, advises checking the token and the provider instead', () => {
    const d = diagnose([...scanIn(0), logout(5 * S)], 6 * S, 'service')
    expect(d.advice).toMatch(/检查 WECHATY_PUPPET_SERVICE_TOKEN/)
    expect(d.advice).not.toMatch(/WECHATY_PUPPET=wechaty-puppet-service/)
    expect(d.en).toMatch(/puppet service/)
  })

  it('quotes what WeChat said, shortened', () => {
    const d = diagnose([scan(0), error(S, REFUSED + 'x'.repeat(300))], 2 * S)
    expect(d.zh).toContain('此微信号不能登录网页微信')
    expect(d.zh.length).toBeLessThan(300)
  })

  it('counts the kicks and the scans', () => {
    expect(diagnose([...scanIn(0), logout(5 * S), ...scanIn(60 * S), logout(63 * S)], 64 * S).zh).toMatch(/已发生 2 次/)
    const loop = [0, 1, 2, 3].flatMap(i => [scan(i * 60 * S), scan(i * 60 * S + S, 'scanned')])
    expect(diagnose([...loop, scan(300 * S)], 301 * S).zh).toMatch(/扫码 4 次/)
  })

  it('slows QR prompts while a refusal or a loop holds, never otherwise', () => {
    expect(promptEveryMs('ok')).toBe(0)
    expect(promptEveryMs('network')).toBe(0)
    expect(promptEveryMs('scan-loop')).toBe(5 * 60 * S)
    expect(promptEveryMs('refused-web-login')).toBe(15 * 60 * S)
    expect(promptEveryMs('kicked-after-login')).toBe(15 * 60 * S)
  })
})
