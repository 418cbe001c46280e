import { NEEDS_TOKEN } from './core/puppet-profile.js'

/** Where a community's own data lives unless DB_FILE says otherwise: untracked, beside the checkout's demo. */
export const DEFAULT_DB_FILE = 'data/db.json'

/** A configuration mistake: start-up stops with this message (Chinese and English), without a stack. */
export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** parseConfig(env): the only reader of process.env. Every variable is documented in .env.example. */
export interface Config {
  dbFile: string
  botName: string
  puppet: string
  puppetToken: string | undefined
  alertWebhookUrl: string | undefined
  /** Aliyun SMS to the duty phone for urgent matters nobody acknowledged (all fields set), or undefined. */
  sms: { accessKeyId: string; accessKeySecret: string; signName: string; templateCode: string; phone: string; endpoint?: string } | undefined
  timezone: string
  logLevel: 'debug' | 'info' | 'warn' | 'error'
  /** The staff console (src/web): where it listens (null port: off), the address in sign-in links, proxy trust. */
  web: { host: string; port: number | null; publicUrl: string; trustProxy: boolean; open311ApiKey: string | undefined }
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const level = (env.LOG_LEVEL ?? 'info') as Config['logLevel']
  if (!['debug', 'info', 'warn', 'error'].includes(level)) {
    throw new ConfigError(
      `LOG_LEVEL 必须是 debug、info、warn 或 error，当前为 "${env.LOG_LEVEL}" / LOG_LEVEL must be debug, info, warn or error, not "${env.LOG_LEVEL}"`,
    )
  }
  const puppet = env.WECHATY_PUPPET?.trim() || 'wechaty-puppet-wechat4u'
  const puppetToken = env.WECHATY_PUPPET_SERVICE_TOKEN?.trim() || undefined
  if (NEEDS_TOKEN.includes(puppet) && !puppetToken) {
    throw new ConfigError(
      `WECHATY_PUPPET=${puppet} 需要服务商提供的 token：请在 .env 中设置 WECHATY_PUPPET_SERVICE_TOKEN=…（见 README“微信号无法登录时”），` +
        '或删掉 WECHATY_PUPPET 改回免费的网页协议（wechaty-puppet-wechat4u）。\n' +
        `WECHATY_PUPPET=${puppet} needs the provider's token: set WECHATY_PUPPET_SERVICE_TOKEN=… in .env (see the README, ` +
        '"When WeChat refuses the account"), or remove WECHATY_PUPPET to go back to the free web protocol (wechaty-puppet-wechat4u).',
    )
  }
  const portText = (env.WEB_PORT ?? '').trim() || '8080'
  const port = portText === 'off' ? null : Number(portText)
  if (port !== null && !(Number.isInteger(port) && port > 0 && port < 65536)) {
    throw new Error(`WEB_PORT 必须是 1 到 65535 之间的端口号，或 off（不开后台），当前为 "${env.WEB_PORT}"`)
  }
  const host = env.WEB_HOST || '127.0.0.1'
  const publicUrl = (env.WEB_PUBLIC_URL || `http://${host.includes(':') ? `[${host}]` : host}:${port ?? 8080}`).replace(/\/+$/, '')
  if (!/^https?:\/\/[^\s/]+/.test(publicUrl)) throw new Error(`WEB_PUBLIC_URL 必须以 http:// 或 https:// 开头，当前为 "${env.WEB_PUBLIC_URL}"`)
  return {
    dbFile: env.DB_FILE || DEFAULT_DB_FILE,
    botName: env.BOT_NAME || 'linli',
    puppet,
    puppetToken,
    alertWebhookUrl: env.ALERT_WEBHOOK_URL || undefined,
    sms: smsConfig(env),
    timezone: 'Asia/Shanghai',
    logLevel: level,
    web: { host, port, publicUrl, trustProxy: env.WEB_TRUST_PROXY === '1', open311ApiKey: env.OPEN311_API_KEY || undefined },
  }
}

/** SMS to the duty phone: every field or none (a half-filled set is a mistake worth stopping for). */
function smsConfig(env: Record<string, string | undefined>): Config['sms'] {
  const keys = ['SMS_ACCESS_KEY_ID', 'SMS_ACCESS_KEY_SECRET', 'SMS_SIGN_NAME', 'SMS_TEMPLATE_CODE', 'DUTY_PHONE'] as const
  const set = keys.filter(k => env[k])
  if (set.length === 0) return undefined
  if (set.length < keys.length) throw new Error(`短信告警需要同时设置 ${keys.join('、')}；缺少 ${keys.filter(k => !env[k]).join('、')}`)
  if (!/^1[3-9]\d{9}$/.test(env.DUTY_PHONE!)) throw new Error(`DUTY_PHONE 应为 11 位手机号，当前为 "${env.DUTY_PHONE}"`)
  return {
    accessKeyId: env.SMS_ACCESS_KEY_ID!,
    accessKeySecret: env.SMS_ACCESS_KEY_SECRET!,
    signName: env.SMS_SIGN_NAME!,
    templateCode: env.SMS_TEMPLATE_CODE!,
    phone: env.DUTY_PHONE!,
    ...(env.SMS_ENDPOINT ? { endpoint: env.SMS_ENDPOINT } : {}),
  }
}
