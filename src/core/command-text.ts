import { normalizeInput } from './input.js'
import { chineseNumberToDigits } from './intake/normalize.js'

/**
 * Normalises a chat line for command matching: invisible characters gone, digit forms read as digits,
 * full-width → half-width (but ① and ² stay what they are), no @mentions, single spaces.
 */
export function commandText(raw: string, botName: string): string {
  let s = normalizeInput(raw).replace(/[^\p{No}]+/gu, part => part.normalize('NFKC'))
  s = s.replace(new RegExp(`@${escapeRegex(botName)}\\s*`, 'g'), ' ')
  s = s.replace(/^(\s*@\S+\s+)+/, ' ')
  return s.replace(/\s+/g, ' ').trim()
}
const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** A matcher for `WORD rest`: the word at the start, followed by a space, a number, '#' or the end. */
export function word(w: string): (text: string) => string | null {
  const re = new RegExp(`^${w}(?:$|[\\s#\\d:：,，一二三四五六七八九十])`)
  return text =>
    re.test(text)
      ? text
          .slice(w.length)
          .replace(/^[\s:：,，]+/, '')
          .trim()
      : null
}

/** A Chinese numeral as people write one, up to 999 (十二, 二十, 一百零五, 三百二十一), or digit by digit (一二). */
const D = '[一二三四五六七八九]'
const CN_NUMBER = new RegExp(`^(?:${D}?十${D}?|${D}百(?:零${D}|${D}十${D}?)?|百|[一二三四五六七八九][零〇一二三四五六七八九]*)$`)

/**
 * A ticket number at the start of args: a plain positive integer written `12`, `#12`, `１２` (already
 * half-width here) or `十二`, ending the word. Anything else (1e3, 1.5, ①, -1, 0x10, 0) is no number:
 * the caller answers with the usage and changes nothing. Returns [id, rest].
 */
export function ticketArg(args: string): [number, string] | null {
  const m = /^#?\s*(\d{1,9}|[零〇一二两三四五六七八九十百]+)(?=$|[\s,，。；;])(.*)$/s.exec(args)
  if (!m || m[1].startsWith('0')) return null
  const cn = m[1].replace(/两/g, '二')
  if (!/^\d+$/.test(cn) && !CN_NUMBER.test(cn)) return null // 十十, 一百百, 二十三十: no number
  const id = Number(/^\d+$/.test(cn) ? cn : chineseNumberToDigits(cn))
  return Number.isSafeInteger(id) && id > 0 ? [id, m[2].trim()] : null
}

/**
 * The person's own words after a command and its ticket number, as they wrote them (their punctuation
 * kept): `完成 12 燃气公司已到场，是3楼阀门松了` → `燃气公司已到场，是3楼阀门松了`.
 */
export function wordsAfter(raw: string, command: string): string {
  const s = raw.replace(/^[\s\u2005\u3000]*(@\S+[\s\u2005\u3000]+)*/, '')
  if (!s.startsWith(command)) return ''
  return s
    .slice(command.length)
    .replace(/^[\s:：,，]*(#|＃)?\s*(\d+|[零〇一二两三四五六七八九十百]+)?[\s:：,，]*/, '')
    .trim()
}
