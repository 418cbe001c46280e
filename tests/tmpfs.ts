import { afterAll, beforeAll } from 'vitest'
import { execFileSync } from 'node:child_process'
import { mkdir, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

/**
 * A small real tmpfs for a test file (mounted before its tests, unmounted after), to fill a disk for
 * real. Mounting needs root (or CAP_SYS_ADMIN): where it is not allowed, `skipReason` says why and the
 * tests skip, printing it.
 */
export function useTmpfs(name: string, size = '400k') {
  const t = { dir: path.join(os.tmpdir(), `linli-${name}-${process.pid}`), mounted: false, skipReason: '' }
  beforeAll(async () => {
    await mkdir(t.dir, { recursive: true })
    if (process.platform !== 'linux') {
      t.skipReason = `tmpfs needs Linux (this is ${process.platform})`
      return
    }
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', t.dir], { stdio: 'pipe' })
      t.mounted = true
    } catch (e) {
      t.skipReason = `cannot mount a tmpfs here: ${String((e as { stderr?: Buffer }).stderr ?? (e as Error).message).trim()}`
    }
  })
  afterAll(async () => {
    if (t.mounted) execFileSync('umount', [t.dir], { stdio: 'pipe' })
    await rm(t.dir, { recursive: true, force: true })
  })
  return t
}
