import * as fsp from 'node:fs/promises'
import path from 'node:path'

/**
 * Durable file writes: what is written is on disk, whole, before anyone is told so.
 *
 * `durableWrite` writes the full content to a temporary file of this process (`.<name>.<pid>.tmp`, never
 * shared with another process), checks that every byte was written (a short write is continued; one that
 * makes no progress fails), fsyncs it, closes it, renames it over the target and fsyncs the folder. On any
 * failure the temporary file is removed, the target is left exactly as it was, and a `StoreWriteError`
 * says which file and why (ENOSPC, EIO, EACCES…).
 *
 * The filesystem calls go through a small `DurableFs` interface so that tests can inject a short write,
 * ENOSPC, EIO on fsync or EACCES on rename.
 */

/** A write that did not become durable. The previous content of `file` is intact. */
export class StoreWriteError extends Error {
  override readonly name = 'StoreWriteError'
  constructor(
    /** The errno code ('ENOSPC', 'EIO', 'EACCES', 'EROFS'…), 'ESHORTWRITE' for a write that made no progress, 'ECLOSED' after close(). */
    readonly code: string,
    /** The file that could not be written. */
    readonly file: string,
    message: string,
    options?: { cause?: unknown },
    /** True when the new content did replace the file but could not be made durable (the folder fsync failed). */
    readonly replaced = false,
  ) {
    super(message, options)
  }
}

/** The part of a FileHandle the durable writes use. */
export interface DurableHandle {
  writev(buffers: readonly NodeJS.ArrayBufferView[], position?: number): Promise<{ bytesWritten: number }>
  sync(): Promise<void>
  truncate(len?: number): Promise<void>
  stat(): Promise<{ size: number }>
  close(): Promise<void>
}

/** The filesystem calls behind every durable write (the real ones by default; tests inject faults). */
export interface DurableFs {
  open(file: string, flags: string, mode?: number): Promise<DurableHandle>
  rename(from: string, to: string): Promise<void>
  unlink(file: string): Promise<void>
  link(existing: string, newPath: string): Promise<void>
}

export const nodeFs: DurableFs = {
  open: (file, flags, mode) => fsp.open(file, flags, mode),
  rename: (from, to) => fsp.rename(from, to),
  unlink: file => fsp.unlink(file),
  link: (existing, newPath) => fsp.link(existing, newPath),
}

/** The temporary file this process uses for `file`: beside it, hidden, unique per process. */
export const tempPathOf = (file: string) => path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`)

const REASONS: Record<string, string> = {
  ENOSPC: '磁盘已满',
  EDQUOT: '磁盘配额已满',
  EIO: '磁盘读写出错',
  EACCES: '没有写入权限',
  EPERM: '没有写入权限',
  EROFS: '磁盘是只读的',
  ESHORTWRITE: '写入没有进展（磁盘可能已满）',
  ECLOSED: '存储已关闭',
}

export function writeError(e: unknown, file: string, what = '写入', replaced = false): StoreWriteError {
  if (e instanceof StoreWriteError) return e
  const code = (e as NodeJS.ErrnoException)?.code ?? 'EUNKNOWN'
  const reason = REASONS[code] ?? (e as Error)?.message ?? String(e)
  const outcome = replaced
    ? `新内容已写入但未能确认落盘（could not make ${file} durable: ${code}）`
    : `原文件未改动（could not write ${file}: ${code}; the previous file is intact）`
  return new StoreWriteError(code, file, `无法${what} ${file}（${code}：${reason}），${outcome}`, { cause: e }, replaced)
}

const errno = (code: string, message: string) => Object.assign(new Error(message), { code })

/**
 * Writes every byte of `chunks` at `position` on, continuing after short writes. A write that reports no
 * progress fails with ESHORTWRITE; an error (ENOSPC after a partial write, EIO…) propagates.
 */
export async function writeAll(fh: DurableHandle, chunks: readonly Buffer[], position = 0): Promise<number> {
  let rest = chunks.filter(c => c.length > 0)
  let pos = position
  while (rest.length > 0) {
    const { bytesWritten } = await fh.writev(rest, pos)
    if (!(bytesWritten > 0)) {
      const left = rest.reduce((n, c) => n + c.length, 0)
      throw errno('ESHORTWRITE', `write made no progress with ${left} bytes left`)
    }
    pos += bytesWritten
    let n = bytesWritten
    while (n > 0 && rest.length > 0) {
      if (n >= rest[0].length) {
        n -= rest[0].length
        rest = rest.slice(1)
      } else {
        rest = [rest[0].subarray(n), ...rest.slice(1)]
        n = 0
      }
    }
  }
  return pos - position
}

/** fsyncs a folder so that a rename or a new name in it survives a power cut. */
export async function syncDir(dir: string, fs: DurableFs = nodeFs): Promise<void> {
  let fh: DurableHandle | undefined
  try {
    fh = await fs.open(dir, 'r')
    await fh.sync()
  } catch (e) {
    // Some filesystems cannot fsync a folder at all (as PostgreSQL does, such a refusal is not a failure).
    const code = (e as NodeJS.ErrnoException).code
    if (code !== 'EINVAL' && code !== 'EBADF' && code !== 'ENOTSUP' && code !== 'EISDIR') throw e
  } finally {
    await fh?.close().catch(() => undefined)
  }
}

/** Writes `content` to a new file `file` (which must not be left half-written on failure): open, write all, fsync, close. */
async function writeNewFile(fs: DurableFs, file: string, chunks: readonly Buffer[]): Promise<void> {
  const fh = await fs.open(file, 'w', 0o644)
  try {
    await writeAll(fh, chunks)
    await fh.sync()
  } finally {
    await fh.close().catch(() => undefined)
  }
}

// Writes to one file from this process are taken in turn (they share the process's temporary file).
const inFlight = new Map<string, Promise<unknown>>()
function oneAtATime<T>(file: string, fn: () => Promise<T>): Promise<T> {
  const key = path.resolve(file)
  const prev = inFlight.get(key) ?? Promise.resolve()
  const next = prev.then(fn, fn)
  const settled = next.catch(() => undefined)
  inFlight.set(key, settled)
  void settled.then(() => {
    if (inFlight.get(key) === settled) inFlight.delete(key)
  })
  return next
}

const toChunks = (content: string | Buffer | readonly Buffer[]): readonly Buffer[] =>
  typeof content === 'string' ? [Buffer.from(content, 'utf8')] : Buffer.isBuffer(content) ? [content] : content

/**
 * Replaces `file` with `content`, durably: temp file written in full and fsynced, renamed over `file`,
 * folder fsynced. Throws `StoreWriteError` on any failure, with `file` as it was before.
 */
export function durableWrite(file: string, content: string | Buffer | readonly Buffer[], fs: DurableFs = nodeFs): Promise<void> {
  return oneAtATime(file, async () => {
    const tmp = tempPathOf(file)
    let renamed = false
    try {
      await writeNewFile(fs, tmp, toChunks(content))
      await fs.rename(tmp, file)
      renamed = true
      await syncDir(path.dirname(path.resolve(file)), fs)
    } catch (e) {
      if (!renamed) await fs.unlink(tmp).catch(() => undefined)
      throw writeError(e, file, '写入', renamed)
    }
  })
}

/**
 * Creates `file` with `content` only if it does not exist yet, atomically: the content is written and
 * fsynced under a temporary name, then hard-linked to `file` (which fails if `file` exists, so a reader
 * never sees it half-written and two processes never both create it). Returns false when it existed.
 */
export function createExclusive(file: string, content: string | Buffer, fs: DurableFs = nodeFs): Promise<boolean> {
  return oneAtATime(file, async () => {
    const tmp = tempPathOf(file)
    try {
      await writeNewFile(fs, tmp, toChunks(content))
      try {
        await fs.link(tmp, file)
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code
        if (code === 'EEXIST') return false
        if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw e
        // No hard links on this filesystem: exclusive create (O_EXCL), then write.
        let fh: DurableHandle
        try {
          fh = await fs.open(file, 'wx', 0o644)
        } catch (e2) {
          if ((e2 as NodeJS.ErrnoException).code === 'EEXIST') return false
          throw e2
        }
        try {
          await writeAll(fh, toChunks(content))
          await fh.sync()
        } catch (e2) {
          await fs.unlink(file).catch(() => undefined) // ours, half-written
          throw e2
        } finally {
          await fh.close().catch(() => undefined)
        }
      }
      await syncDir(path.dirname(path.resolve(file)), fs)
      return true
    } catch (e) {
      throw writeError(e, file, '创建')
    } finally {
      await fs.unlink(tmp).catch(() => undefined)
    }
  })
}

/**
 * Appends `text` to `file` durably (fsync). On failure the file is cut back to its previous length, so a
 * torn line is never left for the next append to run into; throws `StoreWriteError`.
 */
export function durableAppend(file: string, text: string, fs: DurableFs = nodeFs): Promise<void> {
  return oneAtATime(file, async () => {
    let fh: DurableHandle | undefined
    let size = -1
    try {
      fh = await fs.open(file, 'a+', 0o644)
      size = (await fh.stat()).size
      // In append mode every write goes to the end, whatever the position.
      await writeAll(fh, [Buffer.from(text, 'utf8')], size)
      await fh.sync()
    } catch (e) {
      if (fh && size >= 0) await fh.truncate(size).catch(() => undefined)
      throw writeError(e, file, '追加写入')
    } finally {
      await fh?.close().catch(() => undefined)
    }
  })
}

/** Empties `file` durably (missing is fine). */
export function durableTruncate(file: string, fs: DurableFs = nodeFs): Promise<void> {
  return oneAtATime(file, async () => {
    let fh: DurableHandle | undefined
    try {
      fh = await fs.open(file, 'r+')
      await fh.truncate(0)
      await fh.sync()
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return
      throw writeError(e, file, '清空')
    } finally {
      await fh?.close().catch(() => undefined)
    }
  })
}
