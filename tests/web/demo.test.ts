import { describe, expect, it } from 'vitest'
import { spawn, execFileSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import os from 'node:os'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const scratch = () =>
  readdirSync(os.tmpdir())
    .filter(f => f.startsWith('linli-demo-'))
    .sort()
    .join()
const status = () => execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: ROOT, encoding: 'utf8' })

/**
 * npm run demo: the simulated community seeded with weeks of activity and the console, two lines on
 * stdout — `LOGIN <url>` then `REPORT <url>` — a working sign-in and report page, and the checkout left
 * exactly as it was.
 */
describe('npm run demo', () => {
  it('prints a LOGIN line whose link signs in to a console with weeks of tickets and a REPORT line with the report page, and leaves git status clean', async () => {
    const before = status()
    const dirs = scratch()
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/demo.ts'], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', LOG_LEVEL: 'error' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = '',
      err = ''
    child.stdout.on('data', d => {
      out += d
    })
    child.stderr.on('data', d => {
      err += d
    })
    try {
      const line = await new Promise<string>((resolve, reject) => {
        const timer = setInterval(() => {
          const m = /^LOGIN (\S+)\nREPORT \S+\n/.exec(out)
          if (m) {
            clearInterval(timer)
            resolve(m[1])
          }
        }, 100)
        child.on('exit', code => {
          clearInterval(timer)
          reject(new Error(`demo exited (${code}): ${err}`))
        })
      })
      const url = new URL(line)
      expect(url.pathname).toBe('/login')
      const t = url.searchParams.get('t')!
      expect((await fetch(line)).status).toBe(200)
      const signed = await fetch(new URL('/login', url), {
        method: 'POST',
        body: new URLSearchParams({ t }),
        redirect: 'manual',
        headers: { origin: url.origin },
      })
      expect(signed.status).toBe(303)
      const cookie = signed.headers.get('set-cookie')!.split(';')[0]
      const today = await (await fetch(new URL('/', url), { headers: { cookie } })).text()
      expect(today).toContain('今日')
      const list = await (await fetch(new URL('/tickets?status=all', url), { headers: { cookie } })).text()
      expect(Number(/共 (\d+) 条/.exec(list)?.[1])).toBeGreaterThanOrEqual(20)
      const report = new URL(`${url.origin}/r`)
      expect(out).toBe(`LOGIN ${line}\nREPORT ${report}\n`) // exactly these two lines on stdout
      const form = await fetch(report)
      expect(form.status).toBe(200)
      expect(await form.text()).toContain('网上报修')
    } finally {
      const exited = new Promise(resolve => child.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
    }
    expect(status()).toBe(before)
    expect(scratch()).toBe(dirs) // the scratch copy is gone
  }, 240_000)
})
