import { describe, expect, it } from 'vitest'
import http from 'node:http'
import { createHmac } from 'node:crypto'
import { aliyunSms } from '../../src/adapters/sms.js'
import { createLogger } from '../../src/adapters/log.js'

/** A local stand-in for dysmsapi: checks the signature the way Aliyun documents it, answers OK or an error. */
async function fakeAliyun(secret: string, answer: { Code: string; Message?: string }) {
  const seen: Record<string, string>[] = []
  const server = http.createServer((req, res) => {
    let body = ''
    req.on('data', c => {
      body += c
    })
    req.on('end', () => {
      const params = Object.fromEntries(new URLSearchParams(body))
      const { Signature, ...rest } = params
      const enc = (s: string) => encodeURIComponent(s).replace(/\+/g, '%20').replace(/\*/g, '%2A').replace(/%7E/g, '~')
      const canonical = Object.keys(rest)
        .sort()
        .map(k => `${enc(k)}=${enc(rest[k])}`)
        .join('&')
      const expected = createHmac('sha1', `${secret}&`)
        .update(`POST&%2F&${enc(canonical)}`)
        .digest('base64')
      seen.push(params)
      res.setHeader('content-type', 'application/json')
      res.end(JSON.stringify(Signature === expected ? answer : { Code: 'SignatureDoesNotMatch' }))
    })
  })
  await new Promise<void>(r => server.listen(0, '127.0.0.1', () => r()))
  return { seen, url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`, close: () => server.close() }
}

const config = (endpoint: string) => ({
  accessKeyId: 'LTAI-test',
  accessKeySecret: 'secret-1',
  signName: '花园社区',
  templateCode: 'SMS_123',
  phone: '13800000000',
  endpoint,
})

describe('SMS to the duty phone (Aliyun, against a local fake)', () => {
  it('sends a correctly signed SendSms with the template parameters', async () => {
    const fake = await fakeAliyun('secret-1', { Code: 'OK' })
    try {
      const ok = await aliyunSms(config(fake.url), createLogger('silent'))('紧急 #3 燃气 无人确认', { ticket: '3', kind: '燃气', minutes: '20' })
      expect(ok).toBe(true)
      expect(fake.seen[0]).toMatchObject({ Action: 'SendSms', PhoneNumbers: '13800000000', SignName: '花园社区', TemplateCode: 'SMS_123' })
      expect(JSON.parse(fake.seen[0].TemplateParam)).toEqual({ ticket: '3', kind: '燃气', minutes: '20' })
    } finally {
      fake.close()
    }
  })

  it('reports failure (a wrong secret, a refusal, no server) without throwing', async () => {
    const fake = await fakeAliyun('another-secret', { Code: 'OK' })
    try {
      expect(await aliyunSms(config(fake.url), createLogger('silent'))('x', {})).toBe(false)
    } finally {
      fake.close()
    }
    expect(await aliyunSms(config('http://127.0.0.1:9/'), createLogger('silent'), 500)('x', {})).toBe(false)
  })
})
