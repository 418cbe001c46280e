import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const dir = fileURLToPath(new URL('../../../src/core/report/', import.meta.url))

describe('src/core/report is pure', () => {
  for (const file of readdirSync(dir).filter(f => f.endsWith('.ts'))) {
    it(file, () => {
      const src = readFileSync(dir + file, 'utf8')
      expect(src).not.toMatch(/from ['"](node:)?(fs|path|child_process|os)['"]/)
      expect(src).not.toMatch(/\bprocess\.|Date\.now\(|new Date\(\)|Math\.random|console\./)
      expect(src).not.toMatch(/from ['"][^'"]*adapters\//)
    })
  }
})
