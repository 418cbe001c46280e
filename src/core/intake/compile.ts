/**
 * Compiles an intake vocabulary once into a character trie (all words of all tables, with tags saying
 * which table they came from) plus a few regular expressions. Cached per vocabulary object.
 */
import type { Cues, IntakeVocabulary } from './schema.js'

export const CUE_NAMES = [
  'need', 'intent', 'service', 'done', 'contrast', 'relapse', 'thanks', 'praise', 'greeting', 'ack', 'past', 'hearsay', 'status',
  'groupQuestion', 'eventNoun', 'eventQuestion', 'announce', 'mention', 'home', 'commonStrong', 'commonWeak', 'shadows',
  'question', 'outside', 'deskQuestion', 'pastStory', 'etiquette', 'pastTime', 'nowTime', 'here', 'outageNow',
] as const satisfies readonly (keyof Cues)[]
export type CueName = (typeof CUE_NAMES)[number]
export const CUE: Record<CueName, number> = Object.fromEntries(CUE_NAMES.map((n, i) => [n, i])) as Record<CueName, number>
export const PLACE_CUES = new Set([CUE.shadows, CUE.home, CUE.commonStrong, CUE.commonWeak])

/** Kinds of tag a vocabulary word can carry. */
export const K = {
  Strong: 0, Weak: 1, Object: 2, Context: 3, Problem: 4, Generic: 5, Urgent: 6, Cue: 7, Area: 8,
  /** negators, negator-looking questions, hypothetical markers before / after a word */
  Neg: 9, NotNeg: 10, HypBefore: 11, HypAfter: 12,
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

export interface Compiled {
  root: TrieNode
  catPatterns: { i: number; re: RegExp }[]
  urgentPatterns: { i: number; re: RegExp }[]
  cuePatterns: { i: number; re: RegExp }[]
  genericPatterns: RegExp[]
  negBefore: RegExp | null
  notNegation: RegExp | null
  hypBefore: RegExp | null
  hypAfter: RegExp | null
  noticeWords: string[]
  noticePatterns: RegExp[]
  explicit: { words: string[]; endWords: string[]; fallback: number; needsPlace: boolean }[]
  /** False friends found by pattern (抢钱 in 简直是抢钱, 没法活 in 吵得没法活): global expressions */
  shadowPatterns: RegExp[]
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

function alternation(words: string[], patterns: string[]): string | null {
  const parts = [...words.map(w => escape(w.toLowerCase())), ...patterns.map(p => `(?:${p})`)]
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
    if (tag.k === K.Strong || tag.k === K.Weak || tag.k === K.Object || tag.k === K.Context || tag.k === K.Problem || tag.k === K.Generic || tag.k === K.Urgent) node.term.shadowable = true
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

  const catPatterns: Compiled['catPatterns'] = []
  v.categories.forEach((c, i) => c.patterns.forEach(p => catPatterns.push({ i, re: new RegExp(p, 'u') })))
  const urgentPatterns: Compiled['urgentPatterns'] = []
  // With indices: the last group of an urgent pattern is checked for negation and near misses too (我妈差点摔了).
  v.urgent.forEach((u, i) => u.patterns.forEach(p => urgentPatterns.push({ i, re: new RegExp(p, 'du') })))
  const cuePatterns: Compiled['cuePatterns'] = []
  CUE_NAMES.forEach((name, i) => {
    if (i !== CUE.shadows) v.cues[name].patterns.forEach(p => cuePatterns.push({ i, re: new RegExp(p, 'u') }))
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
    genericPatterns: v.genericPatterns.map(p => new RegExp(p, 'gu')),
    negBefore: neg ? new RegExp(`(?:${neg})$`, 'u') : null,
    notNegation: notNeg ? new RegExp(`(?:${notNeg})$`, 'u') : null,
    hypBefore: hb ? new RegExp(`(?:${hb})${PUNCT_GAP}{0,3}$`, 'u') : null,
    hypAfter: ha ? new RegExp(`^${PUNCT_GAP}{0,3}(?:${ha})`, 'u') : null,
    noticeWords: v.cues.noticePrefix.words.map(w => w.toLowerCase()),
    noticePatterns: v.cues.noticePrefix.patterns.map(p => new RegExp(p, 'u')),
    explicit: v.explicit.map(e => ({
      words: e.words.map(w => w.toLowerCase()), endWords: e.endWords.map(w => w.toLowerCase()),
      fallback: catIndex.get(e.fallback) ?? -1, needsPlace: e.fallbackNeedsPlace,
    })),
    shadowPatterns: v.cues.shadows.patterns.map(p => new RegExp(p, 'dgu')),
  }
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

/** All (overlapping) occurrences of vocabulary words in text. */
export function scan(root: TrieNode, text: string): Match[] {
  const out: Match[] = []
  const n = text.length
  for (let i = 0; i < n; i++) {
    let node = root.next.get(text.charCodeAt(i))
    let j = i
    while (node) {
      if (node.term) out.push({ s: i, e: j + 1, term: node.term })
      j++
      if (j >= n) break
      node = node.next.get(text.charCodeAt(j))
    }
  }
  return out
}
