import { describe, expect, it } from 'vitest'
import { parseConfig } from '../../src/config.js'

describe('console configuration (WEB_*, OPEN311_API_KEY)', () => {
  it('listens on 127.0.0.1:8080 by default, with links to that address', () => {
    expect(parseConfig({}).web).toEqual({ host: '127.0.0.1', port: 8080, publicUrl: 'http://127.0.0.1:8080', trustProxy: false, open311ApiKey: undefined })
  })
  it('takes a public URL (without a trailing slash), a trusted proxy, an API key; WEB_PORT=off turns it off', () => {
    const c = parseConfig({ WEB_HOST: '0.0.0.0', WEB_PORT: '9000', WEB_PUBLIC_URL: 'https://linli.example.org/', WEB_TRUST_PROXY: '1', OPEN311_API_KEY: 'k' })
    expect(c.web).toEqual({ host: '0.0.0.0', port: 9000, publicUrl: 'https://linli.example.org', trustProxy: true, open311ApiKey: 'k' })
    expect(parseConfig({ WEB_PORT: 'off' }).web.port).toBeNull()
  })
  it('says plainly what is wrong with a bad port or URL', () => {
    expect(() => parseConfig({ WEB_PORT: '80a' })).toThrow('WEB_PORT 必须是 1 到 65535 之间的端口号')
    expect(() => parseConfig({ WEB_PUBLIC_URL: 'linli.example.org' })).toThrow('WEB_PUBLIC_URL 必须以 http:// 或 https:// 开头')
  })
})
