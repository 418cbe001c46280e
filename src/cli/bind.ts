/**
 * `npm run bind -- 社区书记 [--db FILE]`: a one-time binding code for the first staff member (or anyone
 * staff cannot bind from the chat). Whoever can run this on the server is trusted; the code is shown
 * once here and kept only as a hash beside the db, where the running bot reads it.
 */
import { randomInt } from 'node:crypto'
import { parseConfig } from '../config.js'
import { appendCode } from '../adapters/codes.js'
import { hashCode } from '../features/identity/index.js'
import { human, iso } from '../core/time.js'

async function main() {
  const args = process.argv.slice(2)
  const i = args.indexOf('--db')
  const dbFile = i >= 0 ? args[i + 1] : parseConfig(process.env).dbFile
  const name = args.filter((_, j) => i < 0 || (j !== i && j !== i + 1))[0]
  if (!name || !dbFile) throw new Error('用法 / usage: npm run bind -- 名字 [--db FILE]   例如 npm run bind -- 社区书记')
  const code = String(randomInt(100000, 1000000))
  const expires = new Date(Date.now() + 24 * 3600_000)
  await appendCode(dbFile, { name, hash: hashCode(code), expires: iso(expires) })
  process.stdout.write(
    [
      `给「${name}」的一次性绑定码：${code}（${human(expires)} 前有效）`,
      `请本人用自己的微信加社区微信号为好友，然后私聊它发送：绑定 ${code}`,
      `One-time binding code for "${name}": ${code} (valid 24 h). Add the community account as a friend and send it privately: 绑定 ${code}`,
    ].join('\n') + '\n',
  )
}

main().then(
  () => process.exit(0),
  e => {
    process.stderr.write(`${(e as Error).message}\n`)
    process.exit(1)
  },
)
