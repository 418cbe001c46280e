import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The project's root (where package.json is), whether running from src/ with tsx or from dist/ compiled. */
function findRoot(from: string): string {
  let dir = path.dirname(fileURLToPath(from))
  while (!existsSync(path.join(dir, 'package.json')) || path.basename(dir) === 'dist') {
    const up = path.dirname(dir)
    if (up === dir) throw new Error('找不到项目根目录（package.json）')
    dir = up
  }
  return dir
}

export const ROOT = findRoot(import.meta.url)
export const PROJECT_DB = path.join(ROOT, 'db.json')
/** The intake vocabulary that ships with the code (a community's own words live in its db file). */
export const VOCABULARY_FILE = path.join(ROOT, 'src', 'core', 'intake', 'vocabulary.json')
