/**
 * The shape the code keeps (DESIGN.md): a pure core, adapters that know no feature, no import cycles,
 * one reader of the environment. These fail on the first file that breaks a rule.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const SRC = fileURLToPath(new URL('../src/', import.meta.url))
const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap(f => {
    const p = path.join(dir, f)
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : []
  })
const files = walk(SRC)
const rel = (p: string) => path.relative(SRC, p)
const text = new Map(files.map(f => [f, readFileSync(f, 'utf8')]))

/** Relative imports of a file (type-only ones included: a cycle of types is a cycle of concepts). */
function importsOf(file: string): string[] {
  const out: string[] = []
  for (const m of text.get(file)!.matchAll(/^(?:import|export)\b[^'"]*?from\s+['"](\.[^'"]+)['"]/gm)) {
    out.push(path.resolve(path.dirname(file), m[1].replace(/\.js$/, '.ts')))
  }
  return out
}

describe('architecture', () => {
  it('src/core is pure: no fs, clock, randomness, environment or console, and no shell modules', () => {
    for (const f of files.filter(f => rel(f).startsWith('core/'))) {
      const src = text.get(f)!
      expect(src, rel(f)).not.toMatch(/from ['"](node:)?(fs|fs\/promises|path|child_process|os|process|http|net)['"]/)
      expect(src, rel(f)).not.toMatch(/\bprocess\.|Date\.now\(|new Date\(\)|Math\.random|console\./)
      expect(src, rel(f)).not.toMatch(/from ['"][^'"]*\/(adapters|features|kernel|web|sim)\/|from ['"][^'"]*\/(app|ports|main|boot|config)\.js['"]/)
    }
  })

  it('adapters know no feature and no kernel', () => {
    for (const f of files.filter(f => rel(f).startsWith('adapters/'))) {
      expect(text.get(f)!, rel(f)).not.toMatch(/from ['"][^'"]*\/(features|kernel|commands)\/|from ['"][^'"]*\/app\.js['"]/)
    }
  })

  it('the bot reads the environment only through src/config.ts (main hands it over; tools are their own entry points)', () => {
    const readers = files.filter(f => /process\.env\b/.test(text.get(f)!.replace(/\/\*\*[\s\S]*?\*\/|\/\/.*$/gm, ''))).map(rel)
    expect(readers.filter(f => !/^(cli|sim|bench)\//.test(f))).toEqual(['main.ts'])
    expect(text.get(path.join(SRC, 'main.ts'))!).toMatch(/parseConfig\(process\.env\)/)
  })

  it('has no import cycles in src', () => {
    const graph = new Map(files.map(f => [f, importsOf(f).filter(d => text.has(d))]))
    const state = new Map<string, 1 | 2>()
    const stack: string[] = []
    const cycles: string[] = []
    const visit = (n: string) => {
      state.set(n, 1)
      stack.push(n)
      for (const d of graph.get(n)!) {
        if (state.get(d) === 1) cycles.push([...stack.slice(stack.indexOf(d)), d].map(rel).join(' → '))
        else if (!state.has(d)) visit(d)
      }
      stack.pop()
      state.set(n, 2)
    }
    for (const f of files) if (!state.has(f)) visit(f)
    expect(cycles).toEqual([])
  })
})
