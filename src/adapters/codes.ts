import { appendFile, readFile } from 'node:fs/promises'
import type { IssuedCode, ServerCodes } from '../ports.js'

/** Where `npm run bind` leaves codes for the running bot: beside the db, one JSON line per code. */
export const codesPath = (dbFile: string) => `${dbFile}.codes`

/** The codes issued from the server so far (a torn or foreign line is skipped). */
export function fileCodes(dbFile: string): ServerCodes {
  return async () => {
    const text = await readFile(codesPath(dbFile), 'utf8').catch(() => '')
    const out: IssuedCode[] = []
    for (const line of text.split('\n')) {
      try {
        const c = JSON.parse(line) as IssuedCode
        if (typeof c?.name === 'string' && typeof c.hash === 'string' && typeof c.expires === 'string') out.push(c)
      } catch {
        /* not a code */
      }
    }
    return out
  }
}

export async function appendCode(dbFile: string, code: IssuedCode): Promise<void> {
  await appendFile(codesPath(dbFile), JSON.stringify(code) + '\n', { mode: 0o600 })
}
