import { mkdir, rm, writeFile } from 'node:fs/promises'
import { randomBytes } from 'node:crypto'
import path from 'node:path'

/** Photos from the resident page: JPEG, PNG or WebP by their first bytes (never by name or declared type), at most 5 MB. */
export const MAX_PHOTO = 5 * 1024 * 1024

export type PhotoKind = '.jpg' | '.png' | '.webp'

/** What the file's first bytes say it is, or null. */
export function sniff(head: Uint8Array): PhotoKind | null {
  const at = (i: number, bytes: number[]) => bytes.every((b, k) => head[i + k] === b)
  if (at(0, [0xff, 0xd8, 0xff])) return '.jpg'
  if (at(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return '.png'
  if (at(0, [0x52, 0x49, 0x46, 0x46]) && at(8, [0x57, 0x45, 0x42, 0x50])) return '.webp'
  return null
}

/** Saves the photo under the db's media/ folder with a name of ours (the resident's file name is never used); returns its path. */
export async function savePhoto(mediaDir: string, data: Uint8Array, kind: PhotoKind, now: number): Promise<string> {
  await mkdir(mediaDir, { recursive: true })
  const file = path.join(mediaDir, `${now}-web-${randomBytes(6).toString('hex')}${kind}`)
  await writeFile(file, data, { flag: 'wx' })
  return file
}

/** A saved photo that no ticket took (the report failed): removed, never left behind. */
export const dropPhoto = (file: string) => rm(file, { force: true })
