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
 * - Words are matched as words: a keyword inside a longer word of the tables is not that keyword
 *   (跳楼 in 跳楼价, 打架 in 打架子鼓, 燃气 in 燃气公司); false friends are listed in `cues.shadows`.
 * - Urgent words need their own context: an old story (去年摔伤了腿, 摔伤过) is no alert.
 * - Remit: matters outside the community (trains, tax, the city's plans) are no request; they do not
 *   override a place in the community, an urgent matter or a tier-2 category (a dispute, a worry).
 * - Tense and intent: stories about the past (昨天停电是因为…, 上周去听了讲座), group etiquette and
 *   questions the service desk answers (几点上班, 明天停水吗) are no request.
 * - Confidence: how sure the verdict (request or not) is, from the margin of evidence over the threshold.
 */
import { compile, CUE, CUE_NAMES, K, mayMatch, PLACE_CUES, scan, type Compiled, type Match, type Term } from './compile.js'
import { findUnknownBuilding, parseLocationNormalized, type Location } from './location.js'
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
  /** The message opened with 报修 / 求助 / 咨询 / 维修 or similar (or closed with 咨询一下 and the like). */
  explicit: boolean
  /**
   * How sure the verdict (`request` true or false) is, 0.5 (a coin toss) to 1. Below `unsure` the chat
   * should not act on it in a group unless the bot is @-mentioned, and then ask one short question.
   */
  confidence: number
  /** confidence < weights.unsureBelow: in a group stay quiet unless @-mentioned; then ask "是要报修吗？". */
  unsure: boolean
  /**
   * For a message that is not a request (or an unsure one): the category and target it would have as a
   * request, so that a "yes" to "是要报修吗？" can open the ticket. Null when nothing points anywhere.
   */
  candidate: { category: string; target: string } | null
  /** 'outside': a matter for the city (12345), not the community; never a request. */
  remit: 'community' | 'outside'
  /** The message asks (吗, 怎么, 哪里, 什么时候, 请问 …) rather than tells. */
  question: boolean
  /** The message talks about the past (an old story, an explanation, an event attended). */
  past: boolean
  /**
   * Not a request because it is talk (thanks, praise, a greeting, news, the past, already fixed …),
   * rather than for want of evidence: a problem named without such talk may be a request worth asking.
   */
  talk: boolean
  /** Where a fault is: 'home' (one household), 'shared' (common parts, a building or more), null (not a fault, not a request). */
  scope: 'home' | 'shared' | null
  /**
   * A building the community does not have, as written (86号楼, C栋, 3号楼A座): building, unit and room
   * are then null, and the chat should ask which building is meant. Letters and building 0 are always
   * unknown; numbers only when the caller passes `buildings`. Set for non-requests too (their location
   * fields stay null).
   */
  unknownBuilding: string | null
}

export interface AnalyzeOptions {
  /** The community's building numbers (db.json `buildings`): another number is an unknown building. */
  buildings?: readonly number[]
}

/** Longer messages are analysed on their first MAX_CHARS characters. */
export const MAX_CHARS = 600

const DONE_QUESTION = /^\s?(吗|么|没|了吗|没有|不|\?)/
const LEADING = /^[\s#＃【[(（「"'“:：,，.。!！-]+/

const TRAILING = /[\s#＃】\])）」"'”:：,，.。!！?？~～-]+$/

interface Extra {
  confidence?: number
  candidate?: Analysis['candidate']
  remit?: Analysis['remit']
  question?: boolean
  past?: boolean
  unknownBuilding?: string | null
  talk?: boolean
}

function emptyResult(explicit: boolean, unsureBelow: number, x: Extra = {}): Analysis {
  const confidence = round2(x.confidence ?? 0.97)
  return {
    request: false,
    category: null,
    target: null,
    urgent: false,
    building: null,
    unit: null,
    room: null,
    emergency: null,
    commonArea: false,
    areaHint: null,
    explicit,
    confidence,
    unsure: confidence < unsureBelow,
    candidate: x.candidate ?? null,
    remit: x.remit ?? 'community',
    question: x.question ?? false,
    past: x.past ?? false,
    scope: null,
    unknownBuilding: x.unknownBuilding ?? null,
    talk: x.talk ?? true,
  }
}

const round2 = (x: number): number => Math.round(x * 100) / 100
/** Confidence in a verdict from the probability that the message is a request. */
const sureOf = (p: number, request: boolean): number => Math.min(0.99, Math.max(0.5, request ? p : 1 - p))
const logistic = (x: number): number => 1 / (1 + Math.exp(-x))

/**
 * Analyse an already-normalised message. One long function on purpose: split into named steps over a
 * shared state object (tried in December 2026, identical results on 2,350 sentences) it parsed at half
 * the speed, since the scan's state no longer stays in registers; the steps are marked by comments.
 */
export function analyzeNormalized(input: string, vocab: IntakeVocabulary, options: AnalyzeOptions = {}): Analysis {
  const c = compile(vocab)
  const w = vocab.weights
  const text = input.length > MAX_CHARS ? input.slice(0, MAX_CHARS) : input
  const head = text.replace(LEADING, '')
  const explicitEntry = findExplicit(c, head) ?? findExplicitEnd(c, text)
  const explicit = explicitEntry !== null
  if (!text) return emptyResult(false, w.unsureBelow, { confidence: 0.99 })
  if (isNotice(c, head)) return emptyResult(explicit, w.unsureBelow, { confidence: 0.95 })

  const found = new Uint8Array(c.literalCount)
  const matches = withShadowPatterns(c, scan(c.root, text, found), text, found)
  const shadowed = shadowMask(matches)
  const falseFriends = matches.filter(m => m.term.falseFriend)

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
  const time: TimeMarks = { pastEnds: [], nowAt: [] }
  for (let m = 0; m < matches.length; m++) {
    const { s, e, term } = matches[m]
    for (const tag of term.tags) {
      if (tag.k === K.Cue && tag.i === CUE.pastTime && !shadowed[m]) time.pastEnds.push(e)
      else if (tag.k === K.Cue && tag.i === CUE.nowTime && !shadowed[m]) time.nowAt.push(s)
      else if (tag.k === K.Cue && tag.i === CUE.intent) intentEnds.push(e)
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
          if (!shadow && !urgentCancelled(c, marks, text, s, e) && !isOldStory(time, text, s, e)) {
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
    if (!mayMatch(p, found)) continue
    const r = p.re.exec(text)
    if (r && !cancelled(c, marks, text, r.index) && !insideFalseFriend(falseFriends, r.index, r.index + r[0].length)) {
      if (addSpan(strongSpans, p.i, r.index, r.index + r[0].length)) strongCnt[p.i]++
      if (!intent[p.i] && endsWithin(intentEnds, r.index, 2)) intent[p.i] = true
      faultStarts.push(r.index)
    }
  }
  for (const p of c.genericPatterns) {
    if (!mayMatch(p, found)) continue
    const re = p.re
    re.lastIndex = 0
    for (let r = re.exec(text); r; r = re.exec(text)) {
      if (r[0].length === 0) {
        re.lastIndex++
        continue
      }
      if (!cancelled(c, marks, text, r.index) && !insideFalseFriend(falseFriends, r.index, r.index + r[0].length)) {
        genericAt.push({ s: r.index, e: r.index + r[0].length })
        faultStarts.push(r.index)
      }
    }
  }
  for (const p of c.urgentPatterns) {
    if (urgentIdx >= 0 && p.i >= urgentIdx) continue
    if (!mayMatch(p, found)) continue
    const r = p.re.exec(text)
    if (
      r &&
      !urgentCancelled(c, marks, text, r.index, r.index + r[0].length) &&
      !lastGroupCancelled(c, marks, text, r) &&
      !anchoredInFalseFriend(falseFriends, r) &&
      !isOldStory(time, text, r.index, lastGroupEnd(r))
    ) {
      urgentIdx = p.i
      faultStarts.push(r.index)
    }
  }
  for (const p of c.cuePatterns) {
    if (cue[p.i]) continue
    if (!mayMatch(p, found)) continue
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
    if (best < 0 || tier > bestTier || (tier === bestTier && (score > bestScore || (score === bestScore && cat.priority > vocab.categories[best].priority)))) {
      best = i
      bestScore = score
      bestTier = tier
    }
  }

  const parsedLoc = parseLocationNormalized(text)
  const hasLoc = parsedLoc.building !== null || parsedLoc.unit !== null || parsedLoc.room !== null
  let unknownBuilding = findUnknownBuilding(text)
  if (unknownBuilding === null && parsedLoc.building !== null && options.buildings && !options.buildings.includes(parsedLoc.building)) {
    unknownBuilding = `${parsedLoc.building}号楼`
  }
  const loc: Location = unknownBuilding === null ? parsedLoc : { building: null, unit: null, room: null }

  const home = cue[CUE.home]
  const placeCommon = cue[CUE.commonStrong] || (cue[CUE.commonWeak] && !home && loc.room === null)
  // A place in the community: the message is about here, whatever else it mentions.
  const anchored = hasLoc || unknownBuilding !== null || home || cue[CUE.commonStrong] || cue[CUE.commonWeak] || cue[CUE.here] || areaIdx >= 0
  const question = cue[CUE.question] || /[?？吗]/.test(text)
  // An old story that reaches the present (前年摔伤过腰 … 现在不认了) is no mere talk about the past.
  const lastPast = time.pastEnds.length ? Math.max(...time.pastEnds) : -1
  const reachesNow = lastPast >= 0 && time.nowAt.some(n => n >= lastPast)
  const past = ((cue[CUE.past] && !reachesNow) || cue[CUE.pastStory]) && !relapse

  const urgent = urgentIdx >= 0 && !done && !mention
  let request = urgent
  let catIdx = best
  let margin = -Infinity
  let chatter = 0
  let remit: Analysis['remit'] = 'community'
  // Outside the remit: the city's matters (12345). A tier-2 category (a dispute, a worry) or a place here keeps it ours.
  const outside = cue[CUE.outside] && !urgent && !anchored && (best < 0 || bestTier < 2)
  if (outside) remit = 'outside'
  else if (!urgent && !done && input.length <= w.longMessage) {
    if (cue[CUE.thanks]) chatter += w.thanks
    if (cue[CUE.praise]) chatter += w.praise
    if (cue[CUE.greeting]) chatter += w.greeting
    if (cue[CUE.ack]) chatter += w.ack
    if (cue[CUE.past] && !relapse && !reachesNow) chatter += w.past
    if (cue[CUE.pastStory] && !relapse) chatter += w.pastStory
    if (cue[CUE.hearsay]) chatter += w.hearsay
    if (cue[CUE.status]) chatter += w.status
    if (cue[CUE.groupQuestion]) chatter += w.groupQuestion
    if (cue[CUE.eventNoun] && (cue[CUE.eventQuestion] || /[?吗]/.test(text))) chatter += w.eventQuestion
    if (cue[CUE.announce]) chatter += w.announce
    if (cue[CUE.etiquette]) chatter += w.etiquette
    if (cue[CUE.deskQuestion] && !cue[CUE.outageNow]) chatter += w.deskQuestion
    if (mention) chatter += w.mention
    const bonus = (cue[CUE.need] ? w.need : 0) + (explicit ? w.explicit : 0) + (hasLoc ? w.location : 0)
    const total = Math.max(bestScore, 0) + bonus - chatter
    const fallback = explicitEntry && explicitEntry.fallback >= 0 && (!explicitEntry.needsPlace || anchored) ? explicitEntry.fallback : -1
    if (best >= 0 && bestScore >= w.weak) {
      margin = total - w.threshold
      if (total >= w.threshold) request = true
    } else if (fallback >= 0 && bestScore < w.weak) {
      margin = total - w.threshold
      if (total >= w.threshold) {
        request = true
        catIdx = fallback
      }
    } else if (best >= 0) {
      margin = Math.min(total, bestScore) - w.threshold
    }
  }

  // Confidence from the margin of evidence; fixed values where the verdict does not rest on a margin.
  let pRequest: number
  if (urgent) pRequest = 0.97
  else if (outside) pRequest = best >= 0 && bestScore >= w.strong ? 0.2 : 0.08
  else if (done) pRequest = 0.08
  else if (input.length > w.longMessage) pRequest = 0.1
  else if (margin === -Infinity) pRequest = 0.03
  else pRequest = logistic(w.confidenceSlope * margin)
  const confidence = round2(sureOf(pRequest, request))
  const candidateCat = catIdx >= 0 && !outside ? vocab.categories[catIdx] : null

  if (!request) {
    const candidate = candidateCat
      ? {
          category: candidateCat.name,
          target: candidateCat.commonTarget && (candidateCat.common || placeCommon) ? candidateCat.commonTarget : candidateCat.target,
        }
      : null
    return emptyResult(explicit, w.unsureBelow, { confidence, candidate, remit, question, past, unknownBuilding, talk: done || past || chatter > 0 })
  }

  const areaHint = loc.building === null && areaIdx >= 0 ? vocab.areas[areaIdx].name : null
  const common = { confidence, unsure: confidence < w.unsureBelow, remit, question, past, unknownBuilding, talk: false }
  if (urgent) {
    const u = vocab.urgent[urgentIdx]
    return {
      request: true,
      category: u.name,
      target: vocab.gridTarget,
      urgent: true,
      ...loc,
      emergency: u.emergency,
      commonArea: placeCommon,
      areaHint,
      explicit,
      candidate: { category: u.name, target: vocab.gridTarget },
      scope: placeCommon ? 'shared' : home ? 'home' : null,
      ...common,
    }
  }
  const cat = vocab.categories[catIdx]
  const commonArea = cat.common || (cat.commonTarget !== undefined && placeCommon)
  const target = commonArea && cat.commonTarget ? cat.commonTarget : cat.target
  // Scope is about faults: shared parts, or one home for the categories that have a common-area twin.
  const scope: Analysis['scope'] = commonArea ? 'shared' : cat.commonTarget !== undefined ? 'home' : null
  return {
    request: true,
    category: cat.name,
    target,
    urgent: false,
    ...loc,
    emergency: null,
    commonArea,
    areaHint,
    explicit,
    candidate: { category: cat.name, target },
    scope,
    ...common,
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
      // A false friend found by pattern may be exactly the keyword (抢钱 in 简直是抢钱); a word must be longer.
      if (o.term.shadower && o.s <= m.s && o.e >= m.e && (o.e - o.s > m.e - m.s || (o.term === FALSE_FRIEND && o !== m))) {
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

/** 咨询 and the like closing the message: …的问题咨询一下, 老宅子的事想咨询. */
function findExplicitEnd(c: Compiled, text: string): Compiled['explicit'][number] | null {
  const tail = text.replace(TRAILING, '')
  for (const e of c.explicit) for (const x of e.endWords) if (tail.endsWith(x) && tail.length > x.length) return e
  return null
}

const FALSE_FRIEND: Term = { len: 0, tags: [], shadowable: false, shadower: true, falseFriend: true }

/**
 * Adds the false friends found by pattern (简直是抢钱, 吵得没法活) to the matches, in start order. The last
 * group of a pattern is the false friend itself (抢钱); what precedes it is only its context (简直是).
 */
function withShadowPatterns(c: Compiled, ms: Match[], text: string, found: Uint8Array): Match[] {
  if (c.shadowPatterns.length === 0) return ms
  let extra: Match[] | null = null
  for (const p of c.shadowPatterns) {
    if (!mayMatch(p, found)) continue
    const re = p.re
    re.lastIndex = 0
    for (let r = re.exec(text); r; r = re.exec(text)) {
      if (r[0].length === 0) {
        re.lastIndex++
        continue
      }
      const span = lastGroupSpan(r)
      ;(extra ??= []).push({ s: span[0], e: span[1], term: FALSE_FRIEND })
    }
  }
  if (!extra) return ms
  return [...ms, ...extra].sort((a, b) => a.s - b.s || a.e - b.e)
}

/** The first group of an urgent pattern (the thing: 燃气, 电梯) lies inside a false friend (燃气公司). */
function anchoredInFalseFriend(ffs: Match[], r: RegExpExecArray): boolean {
  if (ffs.length === 0) return false
  const ind = r.indices
  let s = r.index
  let e = r.index + r[0].length
  if (ind) {
    for (let g = 1; g < ind.length; g++) {
      const span = ind[g]
      if (span) {
        s = span[0]
        e = span[1]
        break
      }
    }
  }
  for (const f of ffs) if (f.s <= s && f.e >= e && f.e - f.s > e - s) return true
  return false
}

/** Span of the last group that took part in a match (the keyword itself), or of the whole match. */
function lastGroupSpan(r: RegExpExecArray): [number, number] {
  const ind = r.indices
  if (ind) for (let g = ind.length - 1; g > 0; g--) if (ind[g]) return ind[g]!
  return [r.index, r.index + r[0].length]
}

/** A pattern's match lies wholly inside a false friend (不管用 in 空调都不管用). */
function insideFalseFriend(ffs: Match[], s: number, e: number): boolean {
  for (const f of ffs) if (f.s <= s && f.e >= e) return true
  return false
}

/** End of the last group of a match (the urgent word itself), or of the match. */
const lastGroupEnd = (r: RegExpExecArray): number => lastGroupSpan(r)[1]

interface TimeMarks {
  /** ends of past-time words (去年, 早年, 年轻时) */
  pastEnds: number[]
  /** starts of now-words (刚才, 现在, 突然) */
  nowAt: number[]
}

const CLAUSE_BREAK = /[,.!?;，。！？；]/

/**
 * An urgent word told as an old story: a past-time word before it in the same clause with no now-word
 * between (去年在工地上摔伤了腿), or the experiential 过 right after it (摔伤过, 中风过).
 */
function isOldStory(t: TimeMarks, text: string, s: number, e: number): boolean {
  if ((text[e] === '过' && text[e + 1] !== '来' && text[e + 1] !== '去') || (text[e] === '了' && text[e + 1] === '过')) return true
  for (const pe of t.pastEnds) {
    if (pe > s || s - pe > 14) continue
    if (CLAUSE_BREAK.test(text.slice(pe, s))) continue
    if (t.nowAt.some(n => n >= pe && n < s)) continue
    return true
  }
  return false
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
  return c.negBefore.test(before) && !c.notNegation?.test(before)
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
export function analyze(text: string, vocab: IntakeVocabulary, options: AnalyzeOptions = {}): Analysis {
  return analyzeNormalized(normalize(text), vocab, options)
}

/** The seven fields of the intake contract. */
export function parseMessage(text: string, vocab: IntakeVocabulary, options: AnalyzeOptions = {}): IntakeResult {
  return contractOf(analyze(text, vocab, options))
}

/** The seven fields of the intake contract, in their order, from a full analysis. */
export function contractOf(a: Analysis): IntakeResult {
  return {
    request: a.request,
    category: a.category,
    target: a.target,
    building: a.building,
    unit: a.unit,
    room: a.room,
    urgent: a.urgent,
  }
}
