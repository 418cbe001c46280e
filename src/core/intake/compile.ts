/**
 * Compiles an intake vocabulary once into a character trie (all words of all tables, with tags saying
 * which table they came from) plus a few regular expressions. Cached per vocabulary object.
 */
import type { Cues, IntakeVocabulary } from './schema.js'

export const CUE_NAMES = [
  'need',
  'intent',
  'service',
  'done',
  'contrast',
  'relapse',
  'thanks',
  'praise',
  'greeting',
  'ack',
  'past',
  'hearsay',
  'status',
  'groupQuestion',
  'eventNoun',
  'eventQuestion',
  'announce',
  'mention',
  'home',
  'commonStrong',
  'commonWeak',
  'shadows',
  'question',
  'outside',
  'deskQuestion',
  'pastStory',
  'etiquette',
  'pastTime',
  'nowTime',
  'here',
  'outageNow',
] as const satisfies readonly (keyof Cues)[]
export type CueName = (typeof CUE_NAMES)[number]
export const CUE: Record<CueName, number> = Object.fromEntries(CUE_NAMES.map((n, i) => [n, i])) as Record<CueName, number>
export const PLACE_CUES = new Set([CUE.shadows, CUE.home, CUE.commonStrong, CUE.commonWeak])

/** Kinds of tag a vocabulary word can carry. */
export const K = {
  Strong: 0,
  Weak: 1,
  Object: 2,
  Context: 3,
  Problem: 4,
  Generic: 5,
  Urgent: 6,
  Cue: 7,
  Area: 8,
  /** negators, negator-looking questions, hypothetical markers before / after a word */
  Neg: 9,
  NotNeg: 10,
  HypBefore: 11,
  HypAfter: 12,
} as const
export type K = (typeof K)[keyof typeof K]

export interface Tag {
  k: K
  /** category, urgent, cue or area index */
  i: number
  /** for objects: the generic problems pair with this object in this category */
  primary?: boolean
}

export interface Term {
  len: number
  tags: Tag[]
  /** true when the term carries object/context/problem/generic/cue tags (subject to shadowing) */
  shadowable: boolean
  /** true when the term hides the shorter objects/problems inside it (any table word except plain cues) */
  shadower: boolean
  /** true for a false friend (a `shadows` word or pattern: 跳楼价, 打架子鼓, 燃气公司): it also hides urgent patterns anchored inside it */
  falseFriend?: boolean
  /** ids of pattern literals spelt by this word (see Pat.need) */
  lits?: number[]
}

interface TrieNode {
  next: Map<number, TrieNode>
  term: Term | null
}

export interface Match {
  s: number
  e: number
  term: Term
}

/** A compiled pattern and the literals it cannot match without (one of each list must occur in the text). */
export interface Pat {
  i: number
  re: RegExp
  /** ids of literals (found by the same trie scan as the words): one of each list must occur */
  need: number[][]
}

export interface Compiled {
  root: TrieNode
  catPatterns: Pat[]
  urgentPatterns: Pat[]
  cuePatterns: Pat[]
  genericPatterns: Pat[]
  negBefore: RegExp | null
  notNegation: RegExp | null
  hypBefore: RegExp | null
  hypAfter: RegExp | null
  noticeWords: string[]
  noticePatterns: RegExp[]
  explicit: { words: string[]; endWords: string[]; fallback: number; needsPlace: boolean }[]
  /** how many distinct pattern literals there are (size of the `found` array a scan fills) */
  literalCount: number
  /** False friends found by pattern (抢钱 in 简直是抢钱, 没法活 in 吵得没法活): global expressions */
  shadowPatterns: Pat[]
}

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

function alternation(words: string[], patterns: string[]): string | null {
  const parts = [...words.map(w => escapeRegex(w.toLowerCase())), ...patterns.map(p => `(?:${p})`)]
  return parts.length ? parts.join('|') : null
}

export const PUNCT_GAP = '[^\\s,.!?;:，。！？；：、~]'

function build(v: IntakeVocabulary): Compiled {
  const root: TrieNode = { next: new Map(), term: null }
  const add = (word: string, tag: Tag): void => {
    const w = word.toLowerCase()
    if (!w) return
    let node = root
    for (let j = 0; j < w.length; j++) {
      const code = w.charCodeAt(j)
      let nx = node.next.get(code)
      if (!nx) {
        nx = { next: new Map(), term: null }
        node.next.set(code, nx)
      }
      node = nx
    }
    if (!node.term) node.term = { len: w.length, tags: [], shadowable: false, shadower: false }
    if (!node.term.tags.some(t => t.k === tag.k && t.i === tag.i)) node.term.tags.push(tag)
    else if (tag.primary) {
      const existing = node.term.tags.find(t => t.k === tag.k && t.i === tag.i)
      if (existing) existing.primary = true
    }
    // Strong, weak and urgent words too: 调解 in 静华调解室, 卫生 in 卫生间, 冒火 in 冒火花, 着火 in 打不着火, 火灾 in 火灾隐患.
    if (tag.k === K.Strong || tag.k === K.Weak || tag.k === K.Object || tag.k === K.Context || tag.k === K.Problem || tag.k === K.Generic || tag.k === K.Urgent)
      node.term.shadowable = true
    // A cue inside a longer table word is no cue: 帮忙 in 海军帮忙队, 好人 in 不像好人 (places excepted: 楼道 in 楼道灯).
    if (tag.k === K.Cue && !PLACE_CUES.has(tag.i)) node.term.shadowable = true
    if (tag.k <= K.Urgent || (tag.k === K.Cue && tag.i === CUE.shadows)) node.term.shadower = true
    if (tag.k === K.Cue && tag.i === CUE.shadows) node.term.falseFriend = true
  }

  const primaryOf = new Map<string, number>()
  v.categories.forEach((c, i) => {
    for (const w of c.objects) if (!primaryOf.has(w.toLowerCase())) primaryOf.set(w.toLowerCase(), i)
  })
  v.categories.forEach((c, i) => {
    for (const w of c.strong) add(w, { k: K.Strong, i })
    for (const w of c.weak) add(w, { k: K.Weak, i })
    for (const w of c.objects) add(w, { k: K.Object, i, primary: primaryOf.get(w.toLowerCase()) === i })
    for (const w of c.contexts) add(w, { k: K.Context, i })
    for (const w of c.problems) add(w, { k: K.Problem, i })
  })
  for (const w of v.genericProblems) add(w, { k: K.Generic, i: 0 })
  v.urgent.forEach((u, i) => {
    for (const w of u.words) add(w, { k: K.Urgent, i })
  })
  CUE_NAMES.forEach((name, i) => {
    for (const w of v.cues[name].words) add(w, { k: K.Cue, i })
  })
  v.areas.forEach((a, i) => {
    for (const w of a.words) add(w, { k: K.Area, i })
  })
  for (const w of v.cues.negators.words) add(w, { k: K.Neg, i: 0 })
  for (const w of v.cues.notNegation.words) add(w, { k: K.NotNeg, i: 0 })
  for (const w of v.cues.hypotheticalBefore.words) add(w, { k: K.HypBefore, i: 0 })
  for (const w of v.cues.hypotheticalAfter.words) add(w, { k: K.HypAfter, i: 0 })

  // Pattern literals live in the same trie: one scan tells which patterns can match at all.
  const litIds = new Map<string, number>()
  const litId = (lit: string): number => {
    let id = litIds.get(lit)
    if (id === undefined) {
      id = litIds.size
      litIds.set(lit, id)
      let node = root
      for (let j = 0; j < lit.length; j++) {
        const code = lit.charCodeAt(j)
        let nx = node.next.get(code)
        if (!nx) {
          nx = { next: new Map(), term: null }
          node.next.set(code, nx)
        }
        node = nx
      }
      node.term ??= { len: lit.length, tags: [], shadowable: false, shadower: false }
      ;(node.term.lits ??= []).push(id)
    }
    return id
  }
  const pat = (i: number, p: string, flags: string): Pat => ({ i, re: new RegExp(p, flags), need: requiredLiterals(p).map(l => l.map(litId)) })
  const catPatterns: Pat[] = []
  v.categories.forEach((c, i) => {
    for (const p of c.patterns) catPatterns.push(pat(i, p, 'u'))
  })
  const urgentPatterns: Pat[] = []
  // With indices: the last group of an urgent pattern is checked for negation and near misses too (我妈差点摔了).
  v.urgent.forEach((u, i) => {
    for (const p of u.patterns) urgentPatterns.push(pat(i, p, 'du'))
  })
  const cuePatterns: Pat[] = []
  CUE_NAMES.forEach((name, i) => {
    if (i !== CUE.shadows) for (const p of v.cues[name].patterns) cuePatterns.push(pat(i, p, 'u'))
  })

  // Words of these four lists are found by the trie; only their patterns need regular expressions.
  const neg = alternation([], v.cues.negators.patterns)
  const notNeg = alternation([], v.cues.notNegation.patterns)
  const hb = alternation([], v.cues.hypotheticalBefore.patterns)
  const ha = alternation([], v.cues.hypotheticalAfter.patterns)

  const catIndex = new Map(v.categories.map((c, i) => [c.name, i]))
  return {
    root,
    catPatterns,
    urgentPatterns,
    cuePatterns,
    genericPatterns: v.genericPatterns.map(p => pat(0, p, 'gu')),
    negBefore: neg ? new RegExp(`(?:${neg})$`, 'u') : null,
    notNegation: notNeg ? new RegExp(`(?:${notNeg})$`, 'u') : null,
    hypBefore: hb ? new RegExp(`(?:${hb})${PUNCT_GAP}{0,3}$`, 'u') : null,
    hypAfter: ha ? new RegExp(`^${PUNCT_GAP}{0,3}(?:${ha})`, 'u') : null,
    noticeWords: v.cues.noticePrefix.words.map(w => w.toLowerCase()),
    noticePatterns: v.cues.noticePrefix.patterns.map(p => new RegExp(p, 'u')),
    explicit: v.explicit.map(e => ({
      words: e.words.map(w => w.toLowerCase()),
      endWords: e.endWords.map(w => w.toLowerCase()),
      fallback: catIndex.get(e.fallback) ?? -1,
      needsPlace: e.fallbackNeedsPlace,
    })),
    shadowPatterns: v.cues.shadows.patterns.map(p => pat(0, p, 'dgu')),
    literalCount: litIds.size,
  }
}

const META = /[\\^$.*+?()[\]{}|]/

/** The character at i starts a quantifier that allows zero (?, *, {0,…}). */
const optionalAt = (src: string, i: number): boolean => src[i] === '?' || src[i] === '*' || src.startsWith('{0', i)
const quantifierAt = (src: string, i: number): boolean => optionalAt(src, i) || src[i] === '+' || src[i] === '{'

/**
 * The literals a pattern cannot match without, to skip it cheaply on texts that lack them: each top-level
 * group of plain alternatives that is not optional ((楼上|楼下|对门)), and each plain run of characters
 * at the top level (电梯 in 电梯[^。]{0,20}…). A pattern with a top-level | needs nothing. Shortest lists first.
 */
export function requiredLiterals(src: string): string[][] {
  const out: string[][] = []
  let run = ''
  const endRun = (quantified: boolean): void => {
    const lit = quantified ? run.slice(0, -1) : run
    if (lit) out.push([lit.toLowerCase()])
    run = ''
  }
  for (let i = 0; i < src.length; ) {
    const ch = src[i]
    if (ch === '|') return []
    if (ch === '\\') {
      endRun(false)
      i += 2
      continue
    }
    if (ch === '[') {
      endRun(false)
      let j = i + 1
      while (j < src.length && src[j] !== ']') j += src[j] === '\\' ? 2 : 1
      i = j + 1
      continue
    }
    if (ch === '(') {
      endRun(false)
      let depth = 0
      let j = i
      for (; j < src.length; j++) {
        if (src[j] === '\\') {
          j++
          continue
        }
        if (src[j] === '[') {
          while (j < src.length && src[j] !== ']') j += src[j] === '\\' ? 2 : 1
          continue
        }
        if (src[j] === '(') depth++
        else if (src[j] === ')' && --depth === 0) break
      }
      let body = src.slice(i + 1, j)
      if (body.startsWith('?:')) body = body.slice(2)
      const after = j + 1
      if (!body.startsWith('?') && !optionalAt(src, after) && body && !META.test(body.replace(/\|/g, ''))) {
        const alts = body.split('|')
        if (alts.every(a => a.length > 0)) out.push(alts.map(a => a.toLowerCase()))
      }
      i = after
      continue
    }
    if (quantifierAt(src, i)) {
      // the quantifier applies to the last character of the run
      endRun(true)
      if (src[i] === '{') while (i < src.length && src[i] !== '}') i++
      i++
      if (src[i] === '?') i++
      continue
    }
    if (META.test(ch)) {
      endRun(false)
      i++
      continue
    }
    run += ch
    i++
  }
  endRun(false)
  return out.sort((a, b) => a.length - b.length)
}

/** The text holds one literal of each list a pattern needs (`found` filled by `scan`). */
export function mayMatch(p: Pat, found: Uint8Array): boolean {
  for (const alts of p.need) {
    let ok = false
    for (const a of alts) {
      if (found[a] === 1) {
        ok = true
        break
      }
    }
    if (!ok) return false
  }
  return true
}

const cache = new WeakMap<IntakeVocabulary, Compiled>()

/** The compiled form of a vocabulary, built once per vocabulary object. */
export function compile(v: IntakeVocabulary): Compiled {
  let c = cache.get(v)
  if (!c) {
    c = build(v)
    cache.set(v, c)
  }
  return c
}

/** All (overlapping) occurrences of vocabulary words in text; pattern literals present are marked in `found`. */
export function scan(root: TrieNode, text: string, found?: Uint8Array): Match[] {
  const out: Match[] = []
  const n = text.length
  for (let i = 0; i < n; i++) {
    let node = root.next.get(text.charCodeAt(i))
    let j = i
    while (node) {
      const term = node.term
      if (term) {
        if (term.lits && found) for (const id of term.lits) found[id] = 1
        if (term.tags.length) out.push({ s: i, e: j + 1, term })
      }
      j++
      if (j >= n) break
      node = node.next.get(text.charCodeAt(j))
    }
  }
  return out
}
