/**
 * The intake rules: scored signals from the vocabulary tables decide whether a message is a request,
 * its category and target, whether it is urgent, and where.
 *
 * - Each category scores strong signals (a strong word, a pattern, an object with a problem) and weak
 *   ones (a topic word, an object alone). The best category wins by tier (a quarrel beats a fault),
 *   then score, then priority.
 * - A request needs a category and enough evidence: score + need cue + explicit prefix + location,
 *   minus chatter (praise, past, event questions, mentions of news …). A done cue (修好了, 报过了) or a
 *   relayed notice kills it unless the problem is back (又坏了, 还没人来).
 * - Urgent words (gas, fire, collapse, missing, violence, suicide) make an urgent request for the grid
 *   leader unless negated, hypothetical (着火就麻烦了), a near miss (差点摔倒) or already resolved.
 * - A very long message (a forwarded article, a pasted notice, a flood) is a request only when urgent.
 */
import { compile, CUE, CUE_NAMES, K, PLACE_CUES, scan, type Compiled, type Match } from './compile.js'
import { parseLocationNormalized, type Location } from './location.js'
import { normalize } from './normalize.js'
import type { IntakeVocabulary } from './schema.js'

export interface IntakeResult extends Location {
  request: boolean
  category: string | null
  target: string | null
  urgent: boolean
}

export interface Analysis extends IntakeResult {
  /** Which number to call when urgent: fire 119, medical 120, police 110. */
  emergency: 'fire' | 'medical' | 'police' | null
  /** The fault is in a common area or the building's shell (→ grid leader). */
  commonArea: boolean
  /** A named common place without a building (小区东门 …), for merging duplicate reports. */
  areaHint: string | null
  /** The message opened with 报修 / 求助 / 咨询 / 维修 or similar. */
  explicit: boolean
}

/** Longer messages are analysed on their first MAX_CHARS characters. */
export const MAX_CHARS = 600

const DONE_QUESTION = /^\s?(吗|么|没|了吗|没有|不|\?)/
const LEADING = /^[\s#＃【\[(（「"'“:：,，.。!！-]+/

function emptyResult(explicit: boolean): Analysis {
  return {
    request: false, category: null, target: null, urgent: false,
    building: null, unit: null, room: null,
    emergency: null, commonArea: false, areaHint: null, explicit,
  }
}

/** Analyse an already-normalised message. */
export function analyzeNormalized(input: string, vocab: IntakeVocabulary): Analysis {
  const c = compile(vocab)
  const w = vocab.weights
  const text = input.length > MAX_CHARS ? input.slice(0, MAX_CHARS) : input
  const head = text.replace(LEADING, '')
  const explicitEntry = findExplicit(c, head)
  const explicit = explicitEntry !== null
  if (!text) return emptyResult(false)
  if (isNotice(c, head)) return emptyResult(explicit)

  const matches = scan(c.root, text)
  const shadowed = shadowMask(matches)

  const nCat = vocab.categories.length
  const strongCnt = new Array<number>(nCat).fill(0)
  const intent = new Array<boolean>(nCat).fill(false)
  // Strong evidence by span, so that overlapping words and patterns (不认账, 不认) count once.
  const strongSpans: number[][] = []
  // …and a word said twice (床头吵架床尾和) counts once.
  const seenStrong = new Set<object>()
  const weak = new Array<boolean>(nCat).fill(false)
  const obj = new Array<boolean>(nCat).fill(false)
  // Objects (with the category generic problems pair with) and generic problems, by position.
  const primObjects: { s: number; e: number; cat: number }[] = []
  const genericAt: { s: number; e: number }[] = []
  const ctx = new Array<boolean>(nCat).fill(false)
  const prob = new Array<boolean>(nCat).fill(false)
  const cue = new Array<boolean>(CUE_NAMES.length).fill(false)
  let urgentIdx = -1
  let areaIdx = -1
  let doneEnd = -1
  const faultStarts: number[] = []

  // Where negators and hypothetical markers are.
  const marks: Marks = { negEnds: [], notNegEnds: [], hypBeforeEnds: [], hypAfterStarts: [] }
  const intentEnds: number[] = []
  const contrastAt: number[] = []
  for (const { s, e, term } of matches) {
    for (const tag of term.tags) {
      if (tag.k === K.Cue && tag.i === CUE.intent) intentEnds.push(e)
      else if (tag.k === K.Cue && tag.i === CUE.contrast) contrastAt.push(s)
      else if (tag.k === K.Neg) marks.negEnds.push(e)
      else if (tag.k === K.NotNeg) marks.notNegEnds.push(e)
      else if (tag.k === K.HypBefore) marks.hypBeforeEnds.push(e)
      else if (tag.k === K.HypAfter) marks.hypAfterStarts.push(s)
    }
  }
  // Faults are cancelled by a negator or a hypothetical before them (没漏水, 万一漏水); urgent words also by
  // what follows (着火就麻烦了, 火灾隐患).
  for (let m = 0; m < matches.length; m++) {
    const { s, e, term } = matches[m]
    const shadow = shadowed[m]
    for (const tag of term.tags) {
      switch (tag.k) {
        case K.Strong:
          if (!shadow && !cancelled(c, marks, text, s)) {
            if (!seenStrong.has(term) && addSpan(strongSpans, tag.i, s, e)) strongCnt[tag.i]++
            seenStrong.add(term)
            if (!intent[tag.i] && endsWithin(intentEnds, s, 2)) intent[tag.i] = true
            faultStarts.push(s)
          }
          break
        case K.Weak:
          if (!shadow) weak[tag.i] = true
          break
        case K.Object:
          if (!shadow) {
            obj[tag.i] = true
            if (tag.primary) primObjects.push({ s, e, cat: tag.i })
          }
          break
        case K.Context:
          if (!shadow) ctx[tag.i] = true
          break
        case K.Problem:
          if (!shadow && !cancelled(c, marks, text, s)) {
            prob[tag.i] = true
            faultStarts.push(s)
          }
          break
        case K.Generic:
          if (!shadow && !cancelled(c, marks, text, s)) {
            genericAt.push({ s, e })
            faultStarts.push(s)
          }
          break
        case K.Urgent:
          if (!shadow && !urgentCancelled(c, marks, text, s, e)) {
            if (urgentIdx < 0 || tag.i < urgentIdx) urgentIdx = tag.i
            faultStarts.push(s)
          }
          break
        case K.Area:
          if (areaIdx < 0) areaIdx = tag.i
          break
        case K.Cue:
          if (tag.i === CUE.done) {
            if (!shadow && !isNegated(c, marks, text, s) && !DONE_QUESTION.test(text.slice(e, e + 3))) {
              cue[CUE.done] = true
              if (e > doneEnd) doneEnd = e
            }
          } else if (!shadow || PLACE_CUES.has(tag.i)) {
            cue[tag.i] = true
          }
          break
      }
    }
  }
  for (const p of c.catPatterns) {
    const r = p.re.exec(text)
    if (r && !cancelled(c, marks, text, r.index)) {
      if (addSpan(strongSpans, p.i, r.index, r.index + r[0].length)) strongCnt[p.i]++
      if (!intent[p.i] && endsWithin(intentEnds, r.index, 2)) intent[p.i] = true
      faultStarts.push(r.index)
    }
  }
  for (const re of c.genericPatterns) {
    re.lastIndex = 0
    for (let r = re.exec(text); r; r = re.exec(text)) {
      if (r[0].length === 0) {
        re.lastIndex++
        continue
      }
      if (!cancelled(c, marks, text, r.index)) {
        genericAt.push({ s: r.index, e: r.index + r[0].length })
        faultStarts.push(r.index)
      }
    }
  }
  for (const p of c.urgentPatterns) {
    if (urgentIdx >= 0 && p.i >= urgentIdx) continue
    const r = p.re.exec(text)
    if (r && !urgentCancelled(c, marks, text, r.index, r.index + r[0].length) && !lastGroupCancelled(c, marks, text, r)) {
      urgentIdx = p.i
      faultStarts.push(r.index)
    }
  }
  for (const p of c.cuePatterns) {
    if (cue[p.i]) continue
    const r = p.re.exec(text)
    if (!r) continue
    if (p.i === CUE.done) {
      if (isNegated(c, marks, text, r.index) || DONE_QUESTION.test(text.slice(r.index + r[0].length, r.index + r[0].length + 3))) continue
      doneEnd = Math.max(doneEnd, r.index + r[0].length)
    }
    cue[p.i] = true
  }

  // The problem is back or still there: cancels "done" and "past".
  let relapse = cue[CUE.relapse]
  if (!relapse && doneEnd >= 0) {
    for (const s of faultStarts) if (s >= doneEnd && contrastAt.some(x => x >= doneEnd && x < s)) relapse = true
  }
  const done = cue[CUE.done] && !relapse
  const mention = cue[CUE.mention]

  // A generic problem (坏了, 掉了 …) belongs to the nearest object: 冲水按钮按不下去 in 厕所冲水按钮按不下去.
  const genericPair = new Array<boolean>(nCat).fill(false)
  for (const g of genericAt) {
    let bestCat = -1
    let bestDist = Infinity
    for (const o of primObjects) {
      if (o.s < g.e && g.s < o.e) continue // overlapping: not a pair
      // distance between spans; an object before its problem is the usual order, so it wins ties
      const dist = o.e <= g.s ? g.s - o.e : o.s - g.e + 0.5
      if (dist < bestDist) {
        bestDist = dist
        bestCat = o.cat
      }
    }
    if (bestCat >= 0) genericPair[bestCat] = true
  }

  // Score categories and pick the best.
  let best = -1
  let bestScore = 0
  let bestTier = -1
  for (let i = 0; i < nCat; i++) {
    let sc = strongCnt[i]
    if (((obj[i] || ctx[i]) && prob[i]) || genericPair[i]) sc++
    let score = sc > 0 ? w.strong + w.extraStrong * Math.min(sc - 1, 2) : 0
    if (sc > 0) {
      if (weak[i] || obj[i]) score += w.weakWithStrong
      if (intent[i]) score += w.intent
    } else if (weak[i] || (obj[i] && cue[CUE.service])) score += w.weak
    else if (obj[i]) score += w.object
    if (score <= 0) continue
    const cat = vocab.categories[i]
    const tier = score >= w.strong ? cat.tier : -1
    if (
      best < 0 ||
      tier > bestTier ||
      (tier === bestTier && (score > bestScore || (score === bestScore && cat.priority > vocab.categories[best].priority)))
    ) {
      best = i
      bestScore = score
      bestTier = tier
    }
  }

  const loc = parseLocationNormalized(text)
  const hasLoc = loc.building !== null || loc.unit !== null || loc.room !== null

  const urgent = urgentIdx >= 0 && !done && !mention
  let request = urgent
  let catIdx = best
  if (!urgent && !done && input.length <= w.longMessage) {
    let chatter = 0
    if (cue[CUE.thanks]) chatter += w.thanks
    if (cue[CUE.praise]) chatter += w.praise
    if (cue[CUE.greeting]) chatter += w.greeting
    if (cue[CUE.ack]) chatter += w.ack
    if (cue[CUE.past] && !relapse) chatter += w.past
    if (cue[CUE.hearsay]) chatter += w.hearsay
    if (cue[CUE.status]) chatter += w.status
    if (cue[CUE.groupQuestion]) chatter += w.groupQuestion
    if (cue[CUE.eventNoun] && (cue[CUE.eventQuestion] || /[?吗]/.test(text))) chatter += w.eventQuestion
    if (cue[CUE.announce]) chatter += w.announce
    if (mention) chatter += w.mention
    const bonus = (cue[CUE.need] ? w.need : 0) + (explicit ? w.explicit : 0) + (hasLoc ? w.location : 0)
    const total = Math.max(bestScore, 0) + bonus - chatter
    if (best >= 0 && bestScore >= w.weak && total >= w.threshold) request = true
    else if (explicitEntry && explicitEntry.fallback >= 0 && bestScore < w.weak && total >= w.threshold) {
      request = true
      catIdx = explicitEntry.fallback
    }
  }
  if (!request) return emptyResult(explicit)

  const home = cue[CUE.home]
  const placeCommon = cue[CUE.commonStrong] || (cue[CUE.commonWeak] && !home && loc.room === null)
  const areaHint = loc.building === null && areaIdx >= 0 ? vocab.areas[areaIdx].name : null
  if (urgent) {
    const u = vocab.urgent[urgentIdx]
    return {
      request: true, category: u.name, target: vocab.gridTarget, urgent: true, ...loc,
      emergency: u.emergency, commonArea: placeCommon, areaHint, explicit,
    }
  }
  const cat = vocab.categories[catIdx]
  const commonArea = cat.common || (cat.commonTarget !== undefined && placeCommon)
  const target = commonArea && cat.commonTarget ? cat.commonTarget : cat.target
  return {
    request: true, category: cat.name, target, urgent: false, ...loc,
    emergency: null, commonArea, areaHint, explicit,
  }
}

/** Objects and problems contained in a longer table word are hidden by it (出门 hides 门, 漏风 hides 漏). */
function shadowMask(ms: Match[]): boolean[] {
  const out = new Array<boolean>(ms.length).fill(false)
  for (let a = 0; a < ms.length; a++) {
    const m = ms[a]
    if (!m.term.shadowable) continue
    for (let b = 0; b < ms.length; b++) {
      if (b === a) continue
      const o = ms[b]
      if (o.term.shadower && o.s <= m.s && o.e >= m.e && o.e - o.s > m.e - m.s) {
        out[a] = true
        break
      }
      if (o.s > m.s) break
    }
  }
  return out
}

function findExplicit(c: Compiled, head: string): Compiled['explicit'][number] | null {
  for (const e of c.explicit) for (const x of e.words) if (head.startsWith(x)) return e
  return null
}

function isNotice(c: Compiled, head: string): boolean {
  for (const x of c.noticeWords) if (head.startsWith(x)) return true
  for (const re of c.noticePatterns) if (re.test(head)) return true
  return false
}

/** Record span [s, e) for category i unless it overlaps one already recorded; true when new. */
function addSpan(spans: number[][], i: number, s: number, e: number): boolean {
  const list = (spans[i] ??= [])
  for (let k = 0; k < list.length; k += 2) if (list[k] < e && s < list[k + 1]) return false
  list.push(s, e)
  return true
}

/** Some position in ends lies at most d characters before s. */
function endsWithin(ends: number[], s: number, d: number): boolean {
  for (const x of ends) if (x <= s && s - x <= d) return true
  return false
}

/** The last capturing group of a match (the urgent word itself) is a near miss or hypothetical (我妈差点摔了);
 * not checked for negators, which urgent patterns often contain (到现在没回来). */
function lastGroupCancelled(c: Compiled, marks: Marks, text: string, r: RegExpExecArray): boolean {
  const ind = r.indices
  if (!ind) return false
  for (let g = ind.length - 1; g > 0; g--) {
    const span = ind[g]
    if (span) return span[0] > r.index && isHypotheticalBefore(c, marks, text, span[0])
  }
  return false
}

function cancelled(c: Compiled, marks: Marks, text: string, s: number): boolean {
  return isNegated(c, marks, text, s) || isHypotheticalBefore(c, marks, text, s)
}

function urgentCancelled(c: Compiled, marks: Marks, text: string, s: number, e: number): boolean {
  return cancelled(c, marks, text, s) || isHypotheticalAfter(c, marks, text, e)
}

interface Marks {
  negEnds: number[]
  notNegEnds: number[]
  hypBeforeEnds: number[]
  hypAfterStarts: number[]
}

const GAP_BREAK = /[\s,.!?;:，。！？；：、~]/

/** A negator right before the word (没着火, 不是漏水) unless it is a question (是不是着火了), or A-not-A (热不热). */
function isNegated(c: Compiled, marks: Marks, text: string, s: number): boolean {
  if (s <= 0) return false
  const ch = text[s]
  if ((ch === '不' || ch === '没') && text[s - 1] === text[s + 1]) return true
  if (marks.negEnds.includes(s) && !marks.notNegEnds.includes(s)) return true
  if (!c.negBefore) return false
  const before = text.slice(Math.max(0, s - 4), s)
  return c.negBefore.test(before) && !(c.notNegation && c.notNegation.test(before))
}

/** A near miss or a hypothetical before the word, at most three characters away: 差点摔倒, 万一哪天着火, 如果漏水. */
function isHypotheticalBefore(c: Compiled, marks: Marks, text: string, s: number): boolean {
  for (const e of marks.hypBeforeEnds) {
    if (e <= s && s - e <= 3 && (e === s || !GAP_BREAK.test(text.slice(e, s)))) return true
  }
  return c.hypBefore !== null && s > 0 && c.hypBefore.test(text.slice(Math.max(0, s - 8), s))
}

/** A hypothetical right after the word: 着火就麻烦了, 火灾隐患, 摔了好几次. */
function isHypotheticalAfter(c: Compiled, marks: Marks, text: string, e: number): boolean {
  for (const s of marks.hypAfterStarts) {
    if (s >= e && s - e <= 3 && (s === e || !GAP_BREAK.test(text.slice(e, s)))) return true
  }
  return c.hypAfter !== null && e < text.length && c.hypAfter.test(text.slice(e, e + 10))
}

/** Analyse a raw message. */
export function analyze(text: string, vocab: IntakeVocabulary): Analysis {
  return analyzeNormalized(normalize(text), vocab)
}

/** The seven fields of the intake contract. */
export function parseMessage(text: string, vocab: IntakeVocabulary): IntakeResult {
  const a = analyze(text, vocab)
  return {
    request: a.request, category: a.category, target: a.target,
    building: a.building, unit: a.unit, room: a.room, urgent: a.urgent,
  }
}
