import type { Logger } from '../ports.js'

/**
 * Alerts staff outside WeChat: a JSON POST in the text-message shape that WeCom and DingTalk group
 * robots accept ({"msgtype":"text","text":{"content":…}}). Never throws; failures are logged.
 */
export function createAlerter(url: string | undefined, log: Logger, timeoutMs = 5000): (content: string) => Promise<boolean> {
  return async content => {
    if (!url) {
      log.warn(`未配置 ALERT_WEBHOOK_URL，告警只写入日志：${content}`)
      return false
    }
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ msgtype: 'text', text: { content } }),
        signal: AbortSignal.timeout(timeoutMs),
      })
      if (!res.ok) log.warn(`告警 webhook 返回 ${res.status}`)
      return res.ok
    } catch (e) {
      log.warn(`告警 webhook 调用失败：${(e as Error).message}`)
      return false
    }
  }
}
