import { afterAll } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/**
 * Temporary folders for a test file, removed when the file's tests are done (a test run leaves
 * nothing behind in the system's temp folder).
 */
const made: string[] = []
afterAll(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true })
})

export function tempDirSync(prefix: string): string {
  const d = mkdtempSync(path.join(os.tmpdir(), prefix))
  made.push(d)
  return d
}
export const tempDir = async (prefix: string) => tempDirSync(prefix)
