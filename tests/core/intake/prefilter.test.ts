/**
 * Patterns run only on texts that hold the literals they need (found by the same trie scan as the
 * words). The prefilter must never skip a pattern that would match: checked for every pattern of the
 * shipped vocabulary on every labelled sentence we have.
 */
import { describe, expect, it } from 'vitest'
import { compile, mayMatch, requiredLiterals, scan } from '../../../src/core/intake/compile.js'
import { normalize } from '../../../src/core/intake/normalize.js'
import { readTsv, vocab } from './helpers.js'

describe('pattern prefilter', () => {
  it('reads the literals a pattern cannot match without', () => {
    expect(requiredLiterals('(楼上|楼下)[^,]{0,6}(吵|闹)')).toEqual([
      ['楼上', '楼下'],
      ['吵', '闹'],
    ])
    expect(requiredLiterals('电梯[^。]{0,20}(里面|里头)')).toEqual([['电梯'], ['里面', '里头']])
    expect(requiredLiterals('没气了?')).toEqual([['没气']])
    expect(requiredLiterals('(出水|水)(特别|很)?(小|弱)')).toEqual([
      ['出水', '水'],
      ['小', '弱'],
    ])
    expect(requiredLiterals('(?:简直|跟)[^,]{0,3}?(抢钱)')).toEqual([['抢钱'], ['简直', '跟']])
    expect(requiredLiterals('想(?!起|到)')).toEqual([['想']])
    // a top-level alternative, a class, a nested group or a lookbehind: nothing required from them
    expect(requiredLiterals('甲|乙')).toEqual([])
    expect(requiredLiterals('[关打][不]')).toEqual([])
    expect(requiredLiterals('((?:有|患有)(?:心脏病|高血压))')).toEqual([])
    expect(requiredLiterals('(?<![把拉])(腿|手)断了')).toEqual([['断了'], ['腿', '手']])
  })

  it('never skips a pattern that matches', () => {
    const c = compile(vocab)
    const files = ['./invented.tsv', './tuned.tsv', './heldout.tsv', '../../../../shared/corpus/messages.tsv']
    const texts = files.flatMap(f => readTsv(new URL(f, import.meta.url)).map(r => normalize(r.text)))
    expect(texts.length).toBeGreaterThan(1500)
    const pats = [...c.catPatterns, ...c.urgentPatterns, ...c.cuePatterns, ...c.genericPatterns, ...c.shadowPatterns]
    let checked = 0
    for (const t of texts) {
      const found = new Uint8Array(c.literalCount)
      scan(c.root, t, found)
      for (const p of pats) {
        const re = new RegExp(p.re.source, p.re.flags.replace('g', ''))
        if (re.test(t)) {
          checked++
          expect(mayMatch(p, found), `${p.re.source} on ${t}`).toBe(true)
        }
      }
    }
    expect(checked).toBeGreaterThan(1000)
  })
})
