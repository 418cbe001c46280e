/** Where a community's own data lives unless DB_FILE says otherwise: untracked, beside the checkout's demo. */
export const DEFAULT_DB_FILE = 'data/db.json'

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
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const level = (env.LOG_LEVEL ?? 'info') as Config['logLevel']
  if (!['debug', 'info', 'warn', 'error'].includes(level)) {
    throw new Error(`LOG_LEVEL 必须是 debug、info、warn 或 error，当前为 "${env.LOG_LEVEL}"`)
  }
  return {
    dbFile: env.DB_FILE || DEFAULT_DB_FILE,
    botName: env.BOT_NAME || 'linli',
    puppet: env.WECHATY_PUPPET || 'wechaty-puppet-wechat4u',
    puppetToken: env.WECHATY_PUPPET_SERVICE_TOKEN || undefined,
    alertWebhookUrl: env.ALERT_WEBHOOK_URL || undefined,
    sms: smsConfig(env),
    timezone: 'Asia/Shanghai',
    logLevel: level,
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
    accessKeyId: env.SMS_ACCESS_KEY_ID!, accessKeySecret: env.SMS_ACCESS_KEY_SECRET!, signName: env.SMS_SIGN_NAME!,
    templateCode: env.SMS_TEMPLATE_CODE!, phone: env.DUTY_PHONE!, ...(env.SMS_ENDPOINT ? { endpoint: env.SMS_ENDPOINT } : {}),
  }
}
