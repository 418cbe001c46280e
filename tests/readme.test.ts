import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { readmeWith } from '../src/cli/commands-doc.js'

describe('README', () => {
  it('lists exactly the commands 帮助 shows (regenerate with npm run docs)', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
    expect(readme).toBe(readmeWith(readme))
  })
})
