/** Where a community's own data lives unless DB_FILE says otherwise: untracked, beside the checkout's demo. */
export const DEFAULT_DB_FILE = 'data/db.json'

/** parseConfig(env): the only reader of process.env. Every variable is documented in .env.example. */
export interface Config {
  dbFile: string
  botName: string
  puppet: string
  puppetToken: string | undefined
  alertWebhookUrl: string | undefined
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
    timezone: 'Asia/Shanghai',
    logLevel: level,
  }
}
