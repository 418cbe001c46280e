/**
 * Why the WeChat session cannot stay up, from the session's events and their times. Pure: `now` is an
 * argument. The texts are for operators (log, webhook, console health panel): Chinese and English.
 *
 * Known refusals of the web protocol (wechaty-puppet-wechat4u): "此微信号不能登录网页微信" / code 1203
 * at login; since January 2025 (wechaty/wechaty#2774, #2775) a logout seconds after the scan, with
 * wechat4u asserting 1101/1102; and, seen from outside, a loop of QR codes that never logs in.
 */

export type ScanState = 'waiting' | 'scanned' | 'confirmed' | 'timeout' | 'cancel' | 'unknown'

export type SessionEvent =
  | { type: 'scan'; at: number; status: ScanState }
  | { type: 'login'; at: number }
  /** `reason` 'puppet stop()' is the bot's own stop or restart, never WeChat's doing. */
  | { type: 'logout'; at: number; reason?: string }
  | { type: 'error'; at: number; message: string }

export type DiagnosisKind = 'refused-web-login' | 'kicked-after-login' | 'scan-loop' | 'network' | 'ok'

export interface Diagnosis {
  kind: DiagnosisKind
  /** What happened, in Chinese. */
  zh: string
  /** What happened, in English. */
  en: string
  /** What the community can do, in Chinese. */
  advice: string
  /** What the community can do, in English. */
  adviceEn: string
}

/** Which kind of puppet the bot runs on decides the advice. */
export type PuppetFamily = 'web' | 'service' | 'mock' | 'other'

/** A login that ends sooner than this was refused; one that lasts this long is a working session. */
export const LOGIN_GRACE_MS = 60_000
/** Scans that did not log in, in a row, before the loop is called a loop. */
export const SCAN_LOOP_ATTEMPTS = 3
/** QR codes in a row that nobody scanned before the bot says it is waiting in vain. */
export const UNSCANNED_QR_LIMIT = 10
/** Network errors in a row (no scan or login between) before the diagnosis says so. */
export const NETWORK_ERRORS = 3

const OWN_STOP = 'puppet stop()'
const REFUSAL_TEXT = /不能登录网页微信|不允许登录网页微信|登录环境异常|(?<!\d)1203(?!\d)/
/** WeChat ended or refused the session (wechat4u: AlreadyLogoutError, assertions on 1100/1101/1102/1205). */
const SESSION_ENDED = /(?<!\d)(?:1100|1101|1102|1205)(?!\d)|already logout/i
const NETWORK = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ECONNRESET|ENETUNREACH|EHOSTUNREACH|socket hang up|network|timeout|超时|网络/i
/** wechat4u asserts `window.code != 400` when a QR code expires unscanned: not a refusal. */
const QR_EXPIRED = /(?<!\d)400 != 400(?!\d)/

/** How long the bot waits between two QR prompts (terminal, log, webhook) while this diagnosis holds. */
export function promptEveryMs(kind: DiagnosisKind): number {
  return kind === 'refused-web-login' || kind === 'kicked-after-login' ? 15 * 60_000 : kind === 'scan-loop' ? 5 * 60_000 : 0
}

const isOwnStop = (e: SessionEvent) => e.type === 'logout' && e.reason === OWN_STOP

interface LoginOutcome {
  index: number
  scanned: boolean
  endedAt: number | null
  ownStop: boolean
  errorKick: boolean
  lasted: number
}

/**
 * Each login with how it ended: a logout, a new QR code or login, or still running; WeChat's errors
 * meanwhile; and whether a QR code came before it (a login without one restored a saved session).
 */
function logins(events: SessionEvent[], now: number): LoginOutcome[] {
  const out: LoginOutcome[] = []
  let scanned = false
  events.forEach((e, index) => {
    if (e.type === 'scan') scanned = true
    if (e.type === 'logout') scanned = false
    if (e.type !== 'login') return
    const afterScan = scanned
    scanned = false
    let endedAt: number | null = null
    let ownStop = false
    let errorKick = false
    for (const n of events.slice(index + 1)) {
      if (n.type === 'error') {
        if (n.at - e.at <= LOGIN_GRACE_MS && SESSION_ENDED.test(n.message)) errorKick = true
        continue
      }
      endedAt = n.at
      ownStop = isOwnStop(n)
      break
    }
    out.push({ index, scanned: afterScan, endedAt, ownStop, errorKick, lasted: (endedAt ?? now) - e.at })
  })
  return out
}

/**
 * A scanned login that WeChat ended (or answered with a session error) within the grace period. A
 * restored session that fails at once is only stale: the next scan tells.
 */
const kicked = (l: LoginOutcome) => l.scanned && (l.errorKick || (l.endedAt !== null && !l.ownStop && l.lasted < LOGIN_GRACE_MS))
/** A login that lasted without trouble: the session worked. */
const stable = (l: LoginOutcome) => !l.errorKick && l.lasted >= LOGIN_GRACE_MS

/**
 * The diagnosis of the session's recent events (any order; sorted here). Only events since the last
 * working session count: a session that worked for a minute clears what went before it.
 */
export function diagnose(all: SessionEvent[], now: number, family: PuppetFamily = 'web'): Diagnosis {
  const events = [...all].sort((a, b) => a.at - b.at)
  const outcomes = logins(events, now)
  const lastStable = outcomes.filter(stable).at(-1)
  if (lastStable && lastStable.endedAt === null) return ok()
  // The episode: everything after the end of the last working session.
  const from = lastStable ? events.findIndex((e, i) => i > lastStable.index && e.at >= lastStable.endedAt!) : 0
  const episode = events.slice(Math.max(from, 0))
  const ep = outcomes.filter(l => !lastStable || l.index > lastStable.index)

  const errors = episode.filter((e): e is Extract<SessionEvent, { type: 'error' }> => e.type === 'error')
  const refusalText = errors.find(e => REFUSAL_TEXT.test(e.message))
  const refusedAttempts = refusedAfterScan(episode)
  if (refusalText || refusedAttempts > 0) return refused(family, refusedAttempts, refusalText?.message)

  const kicks = ep.filter(kicked)
  if (kicks.length) {
    const secs = Math.max(1, Math.round(Math.min(...kicks.map(l => l.lasted)) / 1000))
    return kickedAfterLogin(family, kicks.length, Math.min(secs, LOGIN_GRACE_MS / 1000))
  }

  const { failed, unscanned } = scanAttempts(episode)
  if (failed >= SCAN_LOOP_ATTEMPTS) return scanLoop(family, failed, false)
  if (unscanned >= UNSCANNED_QR_LIMIT) return scanLoop(family, unscanned, true)

  const lastContact = events.map(e => e.type === 'scan' || e.type === 'login').lastIndexOf(true)
  const since = events.slice(lastContact + 1).filter((e): e is Extract<SessionEvent, { type: 'error' }> => e.type === 'error')
  const net = since.filter(e => NETWORK.test(e.message))
  if (net.length >= NETWORK_ERRORS && net.length === since.length) return network(net.length, net.at(-1)!.message)
  return ok()
}

/**
 * Scans that WeChat answered with an error instead of a login: counted when a new QR code follows (an
 * error that says the session ended or was refused counts at once).
 */
function refusedAfterScan(episode: SessionEvent[]): number {
  let scanned = false
  let errored = false
  let count = 0
  for (const e of episode) {
    if (e.type === 'error') {
      if (!scanned || errored || NETWORK.test(e.message) || QR_EXPIRED.test(e.message)) continue
      errored = true
      if (SESSION_ENDED.test(e.message) || REFUSAL_TEXT.test(e.message)) {
        count++
        scanned = false
        errored = false
      }
      continue
    }
    if (e.type === 'scan' && (e.status === 'scanned' || e.status === 'confirmed')) {
      scanned = true
      continue
    }
    if (errored && e.type === 'scan' && e.status !== 'cancel') count++
    scanned = false
    errored = false
  }
  return count
}

/** Since the last login: scans that ended in a new QR code instead of a login; QR codes nobody scanned. */
function scanAttempts(episode: SessionEvent[]): { failed: number; unscanned: number } {
  let failed = 0
  let unscanned = 0
  let scanned = false
  for (const e of episode) {
    if (e.type === 'login') {
      failed = 0
      unscanned = 0
      scanned = false
      continue
    }
    if (e.type !== 'scan') continue
    if (e.status === 'scanned' || e.status === 'confirmed') {
      scanned = true
      unscanned = 0
    } else if (e.status === 'waiting') {
      if (scanned) failed++
      else unscanned++
      scanned = false
    } else if (e.status === 'cancel') scanned = false
  }
  return { failed, unscanned }
}

const OTHER_ACCOUNT_OR_SERVICE = {
  zh: '社区可以：① 换一个能登录网页微信的微信号（已实名认证、使用时间较长的号更容易通过）；② 改用付费的 puppet 服务：在 .env 中设置 WECHATY_PUPPET=wechaty-puppet-service 和服务商提供的 WECHATY_PUPPET_SERVICE_TOKEN，然后重启机器人（见 README“微信号无法登录时”）。',
  en: 'The community can: (1) use an account that can log in to web WeChat (real-name verified, long-used accounts pass more often); (2) switch to a paid puppet service: set WECHATY_PUPPET=wechaty-puppet-service and the provider\'s WECHATY_PUPPET_SERVICE_TOKEN in .env, then restart the bot (see the README, "When WeChat refuses the account").',
}
const CHECK_TOKEN = {
  zh: '请检查 WECHATY_PUPPET_SERVICE_TOKEN 是否有效、是否到期，并联系服务商确认这个微信号的状态；也可以换一个微信号扫码。',
  en: 'Check that WECHATY_PUPPET_SERVICE_TOKEN is valid and not expired, and ask the provider about this account; or scan with another account.',
}
const MEANWHILE = {
  zh: '在此期间，居民可以继续通过网页报事页面反映问题，工作人员在管理后台处理。',
  en: 'Meanwhile residents can keep using the web report page, and staff the console pages.',
}
const slowed = (kind: DiagnosisKind) => ({
  zh: `二维码提示已放慢为每 ${promptEveryMs(kind) / 60_000} 分钟一次（重启机器人可立即重试）。`,
  en: `QR prompts slowed to one every ${promptEveryMs(kind) / 60_000} minutes (restart the bot to retry at once).`,
})

function advise(family: PuppetFamily, kind: DiagnosisKind): Pick<Diagnosis, 'advice' | 'adviceEn'> {
  const fix = family === 'service' ? CHECK_TOKEN : OTHER_ACCOUNT_OR_SERVICE
  const s = slowed(kind)
  return { advice: `${fix.zh}${MEANWHILE.zh}${s.zh}`, adviceEn: `${fix.en} ${MEANWHILE.en} ${s.en}` }
}

const clip = (s: string) => {
  const t = s.trim().replace(/[。．.]+$/, '')
  return t.length > 120 ? `${t.slice(0, 117)}...` : t
}
const protocol = (family: PuppetFamily) => (family === 'service' ? { zh: 'puppet 服务', en: 'the puppet service' } : { zh: '网页微信', en: 'web WeChat' })

function refused(family: PuppetFamily, attempts: number, message?: string): Diagnosis {
  const p = protocol(family)
  const said = message ? `微信的答复：“${clip(message)}”。` : ''
  const saidEn = message ? ` WeChat answered: "${clip(message)}".` : ''
  return {
    kind: 'refused-web-login',
    zh: `微信拒绝这个微信号通过${p.zh}登录${attempts > 1 ? `（扫码 ${attempts} 次都被拒绝）` : ''}。${said}这不是机器人的故障，用同一个号反复扫码不会好转。`,
    en: `WeChat refuses to let this account log in through ${p.en}${attempts > 1 ? ` (${attempts} scans refused)` : ''}.${saidEn} This is not a fault of the bot; scanning again with the same account will not help.`,
    ...advise(family, 'refused-web-login'),
  }
}

function kickedAfterLogin(family: PuppetFamily, times: number, secs: number): Diagnosis {
  const p = protocol(family)
  return {
    kind: 'kicked-after-login',
    zh: `社区微信号扫码登录后 ${secs} 秒内就被微信退出了（已发生 ${times} 次）。${family === 'web' ? '2025 年起微信会这样拒绝许多账号使用网页协议（错误码 1101/1102）。' : ''}`,
    en: `The community's account was logged out by WeChat within ${secs} seconds of logging in through ${p.en} (${times} time${times > 1 ? 's' : ''}).${family === 'web' ? ' Since 2025 WeChat refuses many accounts on the web protocol this way (codes 1101/1102).' : ''}`,
    ...advise(family, 'kicked-after-login'),
  }
}

function scanLoop(family: PuppetFamily, n: number, unscanned: boolean): Diagnosis {
  const s = slowed('scan-loop')
  if (unscanned) {
    return {
      kind: 'scan-loop',
      zh: `已经连续显示 ${n} 个登录二维码，一直没有人扫码，机器人处于离线状态，居民的消息收不到。`,
      en: `${n} login QR codes in a row went unscanned: the bot is offline and residents' messages are not received.`,
      advice: `请尽快用社区微信号扫码登录（二维码链接见日志）。${MEANWHILE.zh}${s.zh}`,
      adviceEn: `Scan with the community's account soon (the QR link is in the log). ${MEANWHILE.en} ${s.en}`,
    }
  }
  return {
    kind: 'scan-loop',
    zh: `已经扫码 ${n} 次都没有登录成功，机器人一直在重新显示二维码。`,
    en: `${n} scans in a row did not log in; the bot keeps showing new QR codes.`,
    advice: `如果手机上提示不能登录${protocol(family).zh}，就是微信拒绝了这个号：${advise(family, 'scan-loop').advice}`,
    adviceEn: `If the phone says the account cannot log in to ${protocol(family).en}, WeChat refuses it: ${advise(family, 'scan-loop').adviceEn}`,
  }
}

function network(n: number, message: string): Diagnosis {
  return {
    kind: 'network',
    zh: `机器人连不上微信服务器（连续 ${n} 次网络错误，最近一次：${clip(message)}）。`,
    en: `The bot cannot reach WeChat's servers (${n} network errors in a row, the last: ${clip(message)}).`,
    advice: `请检查服务器的网络和 DNS；机器人会一直自动重试，连上后会显示二维码或自动恢复登录。${MEANWHILE.zh}`,
    adviceEn: `Check the server's network and DNS; the bot keeps retrying and shows a QR code or logs in again once it is through. ${MEANWHILE.en}`,
  }
}

const ok = (): Diagnosis => ({ kind: 'ok', zh: '微信会话正常。', en: 'The WeChat session is fine.', advice: '', adviceEn: '' })
