import { ScanStatus, type Wechaty } from 'wechaty'
import type { Alert, Logger, SessionInfo } from '../ports.js'
import { diagnose, promptEveryMs, type Diagnosis, type DiagnosisKind, type ScanState, type SessionEvent } from '../core/session-diagnosis.js'
import { degradedLines, puppetFamily, puppetProfile, type FeatureReport } from '../core/puppet-profile.js'
import { probeCapabilities } from './puppet-capabilities.js'
import { iso } from '../core/time.js'
import { describeError } from './scheduler.js'

export interface SessionWatchOptions {
  /** The puppet's package name (wechaty-puppet-wechat4u, wechaty-puppet-service, wechaty-puppet-mock…). */
  puppet: string
  /** The puppet service token, only to tell its provider by its prefix; never logged. */
  token?: string
  log: Logger
  alert?: Alert
  /** ms since the epoch (the app's clock). */
  now: () => number
  /** Runs the capability check this long after a login when the puppet never says `ready`. */
  readyFallbackMs?: number
}

export interface SessionWatch {
  /** The diagnosis (null while the session is fine) and the puppet's capabilities, for app.health(). */
  info(): SessionInfo
  /**
   * Whether to show or announce this QR code: every code while all is well; one every few minutes while
   * a refusal or a scan loop holds (the diagnosis says so). The same code always gets the same answer.
   */
  prompt(qrcode: string): boolean
  /** A diagnosis holds (and has been reported): the generic logout alert stays quiet. */
  troubled(): boolean
  /** Checks the puppet's capabilities now (once per run; later calls return the first check). */
  checkPuppet(): Promise<FeatureReport[]>
}

const SCAN: Record<number, ScanState> = {
  [ScanStatus.Waiting]: 'waiting',
  [ScanStatus.Scanned]: 'scanned',
  [ScanStatus.Confirmed]: 'confirmed',
  [ScanStatus.Timeout]: 'timeout',
  [ScanStatus.Cancel]: 'cancel',
}
const MAX_EVENTS = 300
const ALERT_EVERY_MS = 3600_000

/**
 * Watches the bot's scan, login, logout and error events, feeds the session classifier
 * (core/session-diagnosis.ts), and on a diagnosis logs it (Chinese and English), alerts staff outside
 * WeChat (at most once per kind an hour) and keeps it for the health panel. Checks the puppet's
 * capabilities once it is ready. Subscribe it before the Linli plugin so that the plugin sees the
 * diagnosis of the event it handles.
 */
export function watchSession(bot: Wechaty, o: SessionWatchOptions): SessionWatch {
  const { log } = o
  const family = puppetFamily(o.puppet)
  const events: SessionEvent[] = []
  let current: Diagnosis & { at: string } = { ...diagnose([], o.now(), family), at: iso(new Date(o.now())) }
  const alertedAt = new Map<DiagnosisKind, number>()
  const promptDecisions = new Map<string, boolean>()
  let lastPromptAt: number | null = null
  let features: FeatureReport[] = puppetProfile(o.puppet, o.token)
  let checkedAt: string | null = null
  let check: Promise<FeatureReport[]> | undefined
  let fallback: NodeJS.Timeout | undefined

  function record(e: SessionEvent) {
    events.push(e)
    if (events.length > MAX_EVENTS) events.splice(0, events.length - MAX_EVENTS)
    evaluate()
  }

  /** Re-diagnoses; on a change of kind, says so (log always, webhook once per kind an hour). */
  function evaluate() {
    const now = o.now()
    const d = diagnose(events, now, family)
    if (d.kind === current.kind) {
      if (d.kind !== 'ok') current = { ...d, at: current.at }
      return
    }
    const was = current.kind
    current = { ...d, at: iso(new Date(now)) }
    if (d.kind === 'ok') {
      log.info(`微信会话已恢复正常（此前：${was}）/ WeChat session back to normal (was: ${was})`)
      return
    }
    log.warn(`微信会话诊断（${d.kind}）：${d.zh}`)
    log.warn(`  怎么办：${d.advice}`)
    log.warn(`WeChat session diagnosis (${d.kind}): ${d.en}`)
    log.warn(`  What to do: ${d.adviceEn}`)
    const last = alertedAt.get(d.kind)
    if (o.alert && (last === undefined || now - last >= ALERT_EVERY_MS)) {
      alertedAt.set(d.kind, now)
      void o.alert(`【邻里机器人】${d.zh}\n${d.advice}\n\n[Linli] ${d.en}\n${d.adviceEn}`)
    }
  }

  function checkPuppet(): Promise<FeatureReport[]> {
    clearTimeout(fallback)
    check ??= probeCapabilities(bot, features, log).then(
      report => {
        features = report
        checkedAt = iso(new Date(o.now()))
        const allThere = report.every(r => r.supported === true)
        for (const line of degradedLines(o.puppet, report)) {
          if (allThere) log.info(line)
          else log.warn(line)
        }
        return report
      },
      e => {
        log.warn(`puppet 功能检查失败 / puppet capability check failed: ${describeError(e)}`)
        return features
      },
    )
    return check
  }

  bot.on('scan', (_qrcode: string, status: ScanStatus) => record({ type: 'scan', at: o.now(), status: SCAN[status] ?? 'unknown' }))
  bot.on('login', () => {
    record({ type: 'login', at: o.now() })
    if (!check && o.readyFallbackMs) fallback = setTimeout(() => void checkPuppet(), o.readyFallbackMs).unref()
  })
  bot.on('ready', () => void checkPuppet())
  bot.on('logout', (_user: unknown, reason?: string) => record({ type: 'logout', at: o.now(), reason }))
  bot.on('error', (e: Error) => record({ type: 'error', at: o.now(), message: e?.message ?? String(e) }))
  bot.on('stop', () => clearTimeout(fallback))

  return {
    info() {
      evaluate() // a login that has now lasted a minute clears a diagnosis
      return {
        diagnosis: current.kind === 'ok' ? null : current,
        puppet: { name: o.puppet, features, checkedAt },
      }
    },
    prompt(qrcode) {
      const decided = promptDecisions.get(qrcode)
      if (decided !== undefined) return decided
      const now = o.now()
      const every = promptEveryMs(current.kind)
      const yes = every === 0 || lastPromptAt === null || now - lastPromptAt >= every
      if (yes) lastPromptAt = now
      promptDecisions.set(qrcode, yes)
      if (promptDecisions.size > 50) promptDecisions.delete(promptDecisions.keys().next().value!)
      return yes
    },
    troubled: () => current.kind !== 'ok',
    checkPuppet,
  }
}
