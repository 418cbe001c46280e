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
  /** The staff console (src/web): where it listens (null port: off), the address in sign-in links, proxy trust. */
  web: { host: string; port: number | null; publicUrl: string; trustProxy: boolean; open311ApiKey: string | undefined }
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const level = (env.LOG_LEVEL ?? 'info') as Config['logLevel']
  if (!['debug', 'info', 'warn', 'error'].includes(level)) {
    throw new Error(`LOG_LEVEL 必须是 debug、info、warn 或 error，当前为 "${env.LOG_LEVEL}"`)
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
    puppet: env.WECHATY_PUPPET || 'wechaty-puppet-wechat4u',
    puppetToken: env.WECHATY_PUPPET_SERVICE_TOKEN || undefined,
    alertWebhookUrl: env.ALERT_WEBHOOK_URL || undefined,
    timezone: 'Asia/Shanghai',
    logLevel: level,
    web: { host, port, publicUrl, trustProxy: env.WEB_TRUST_PROXY === '1', open311ApiKey: env.OPEN311_API_KEY || undefined },
  }
}
