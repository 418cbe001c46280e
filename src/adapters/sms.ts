import { createHmac, randomUUID } from 'node:crypto'
import type { Logger, Sms } from '../ports.js'

/**
 * Text messages to the duty phone through Aliyun SMS (dysmsapi SendSms, RPC signature v1): the last
 * step of an urgent alert nobody acknowledged. A template approved by Aliyun carries the parameters
 * (ticket, kind, minutes). Never throws; failures are logged.
 */
export interface AliyunSmsConfig {
  accessKeyId: string
  accessKeySecret: string
  signName: string
  templateCode: string
  phone: string
  endpoint?: string
}

/** RFC 3986 encoding as Aliyun's signature wants it. */
const enc = (s: string) => encodeURIComponent(s).replace(/\+/g, '%20').replace(/\*/g, '%2A').replace(/%7E/g, '~')

/** The signed query string for a request (exported for the test that checks the signature). */
export function signedQuery(params: Record<string, string>, secret: string, method = 'POST'): string {
  const canonical = Object.keys(params)
    .sort()
    .map(k => `${enc(k)}=${enc(params[k])}`)
    .join('&')
  const toSign = `${method}&${enc('/')}&${enc(canonical)}`
  const signature = createHmac('sha1', `${secret}&`).update(toSign).digest('base64')
  return `Signature=${enc(signature)}&${canonical}`
}

export function aliyunSms(c: AliyunSmsConfig, log: Logger, timeoutMs = 8000): Sms {
  const endpoint = c.endpoint ?? 'https://dysmsapi.aliyuncs.com/'
  return async (text, templateParams) => {
    const params: Record<string, string> = {
      AccessKeyId: c.accessKeyId,
      Action: 'SendSms',
      Format: 'JSON',
      PhoneNumbers: c.phone,
      SignName: c.signName,
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: randomUUID(),
      SignatureVersion: '1.0',
      TemplateCode: c.templateCode,
      TemplateParam: JSON.stringify(templateParams),
      Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      Version: '2017-05-25',
    }
    try {
      const res = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: signedQuery(params, c.accessKeySecret),
        signal: AbortSignal.timeout(timeoutMs),
      })
      const body = (await res.json().catch(() => ({}))) as { Code?: string; Message?: string }
      if (!res.ok || body.Code !== 'OK') {
        log.warn(`短信发送失败 / SMS failed: ${res.status} ${body.Code ?? ''} ${body.Message ?? ''}`)
        return false
      }
      log.info(`短信已发到值班电话 / SMS sent to the duty phone: ${text.slice(0, 40)}…`)
      return true
    } catch (e) {
      log.warn(`短信发送失败 / SMS failed: ${(e as Error).message}`)
      return false
    }
  }
}
