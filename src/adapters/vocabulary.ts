import { readFileSync } from 'node:fs'
import { IntakeVocabularySchema, type IntakeVocabulary } from '../core/intake/index.js'
import { VOCABULARY_FILE } from '../paths.js'

let cached: IntakeVocabulary | undefined

/** The shipped intake vocabulary, read and validated once per process; a broken file names the field. */
export function shippedVocabulary(file = VOCABULARY_FILE): IntakeVocabulary {
  if (cached && file === VOCABULARY_FILE) return cached
  const parsed = IntakeVocabularySchema.safeParse(JSON.parse(readFileSync(file, 'utf8')))
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 10)
      .map(i => `  ${i.path.join('.') || '(根)'}: ${i.message}`)
      .join('\n')
    throw new Error(`${file}: 词表有误\n${issues}`)
  }
  if (file === VOCABULARY_FILE) cached = parsed.data
  return parsed.data
}
