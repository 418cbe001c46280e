/**
 * Answers everyday questions from the knowledge base. Pure: the notices and `now` are arguments.
 *
 * An entry matches a message when the message holds a word of every keyword group and none of its
 * `except` words, or when it is close to one of the entry's example questions (shared character pairs);
 * either way the message must be a question (吗, 怎么, 哪里, 几点, 请问 …), except for matters outside the
 * community, where a complaint (投诉, 反映) gets the pointer too. The first matching entry answers, so
 * staff list specific entries before general ones.
 */
import { normalize } from '../intake/normalize.js'
import { human } from '../time.js'
import type { Knowledge, KnowledgeEntry } from './schema.js'

/** A staff notice already sent (newest last). */
export interface Notice {
  text: string
  /** ISO 8601, e.g. 2026-12-01T08:55:01+08:00 */
  sentAt: string
}

export interface KnowledgeAnswer {
  entryId: string
  answer: string
}

export interface AnswerOptions {
  /**
   * What the intake found (analysis.remit === 'outside'). true: the 'outside' entry answers if no other
   * does; false: the matter is the community's, 'outside' entries stay silent (网上买火车票被骗 is a
   * lawyer's matter); unset: 'outside' entries answer on their own keywords.
   */
  outside?: boolean
}

/** A notice older than this is history, not news of an outage. */
export const NOTICE_DAYS = 30
const DAY_MS = 86_400_000
/** A message at least this close to an example question matches it (Dice coefficient of character pairs). */
export const SIMILAR = 0.5
/** Longest notice text quoted in an answer. */
const QUOTE_CHARS = 160

const QUESTION =
  /[?？吗么呢]|怎么|怎样|如何|咋|哪|什么|啥|几点|几号|几时|多少|多久|多长|能不能|可不可以|是不是|有没有|会不会|要不要|请问|想问|问一下|问下|问问|咨询|了解|打听/
const COMPLAINT = /^(投诉|反映|举报|咨询|求助)/

/** Answer a message from the knowledge base, or null when no entry fits. */
export function answerQuestion(text: string, knowledge: Knowledge, notices: readonly Notice[], now: Date, options: AnswerOptions = {}): KnowledgeAnswer | null {
  const t = normalize(text)
  if (!t) return null
  const question = QUESTION.test(t)
  let outsideEntry: KnowledgeEntry | null = null
  for (const e of knowledge) {
    if (e.kind === 'outside') {
      if (options.outside === false) continue
      outsideEntry ??= e
    }
    if (!matches(e, t)) continue
    if (e.kind === 'outside') {
      if (question || COMPLAINT.test(t) || options.outside) return { entryId: e.id, answer: e.answer }
      continue
    }
    if (!question) continue
    if (e.kind === 'outage') return { entryId: e.id, answer: outageAnswer(e, t, notices, now) }
    return { entryId: e.id, answer: e.answer }
  }
  if (options.outside && outsideEntry) return { entryId: outsideEntry.id, answer: outsideEntry.answer }
  return null
}

function matches(e: KnowledgeEntry, t: string): boolean {
  if (e.except.some(w => t.includes(w.toLowerCase()))) return false
  if (e.keywords.every(group => group.some(w => t.includes(w.toLowerCase())))) return true
  return e.questions.some(q => similarity(t, normalize(q)) >= SIMILAR)
}

/** Dice coefficient of the two texts' character pairs (punctuation and spaces left out). */
export function similarity(a: string, b: string): number {
  const pa = pairs(a)
  const pb = pairs(b)
  if (pa.size === 0 || pb.size === 0) return 0
  let common = 0
  for (const p of pa) if (pb.has(p)) common++
  return (2 * common) / (pa.size + pb.size)
}

const NOT_TEXT = /[\s\p{P}\p{S}]/u
function pairs(s: string): Set<string> {
  const chars = [...s].filter(c => !NOT_TEXT.test(c))
  const out = new Set<string>()
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i] + chars[i + 1])
  return out
}

/** The latest recent notice that mentions the utility asked about, quoted with its time; or the entry's answer. */
function outageAnswer(e: KnowledgeEntry, t: string, notices: readonly Notice[], now: Date): string {
  const asked = e.utilities.filter(u => u.words.some(w => t.includes(w.toLowerCase())))
  const utilities = asked.length ? asked : e.utilities
  const what = utilities.map(u => u.name).join('或')
  let latest: { notice: Notice; at: number } | null = null
  for (const n of notices) {
    const at = Date.parse(n.sentAt)
    if (Number.isNaN(at) || at > now.getTime() || now.getTime() - at > NOTICE_DAYS * DAY_MS) continue
    if (!utilities.some(u => u.words.some(w => n.text.includes(w)))) continue
    if (!latest || at >= latest.at) latest = { notice: n, at }
  }
  if (!latest) return e.answer.replaceAll('{what}', what)
  const body = latest.notice.text.length > QUOTE_CHARS ? `${latest.notice.text.slice(0, QUOTE_CHARS)}…` : latest.notice.text
  return `最近一条提到${what}的通知（${human(new Date(latest.at))} 发出）：\n${body}`
}
