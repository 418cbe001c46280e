/**
 * What every message goes through before commands and intake: invisible characters removed and every
 * decimal digit form (fullwidth １, mathematical 𝟏, Arabic-Indic ١ …) read as the plain digit. Other
 * number signs (①, ², ½) stay as they are: they are not digits, and a ticket number written with them
 * is refused rather than guessed.
 */

// Zero-width and format characters, bidi controls, the BOM, the soft hyphen, variation selectors.
const INVISIBLE =
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: each of these code points is removed on its own, joiners and selectors included
  /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\u{E0000}-\u{E007F}]/gu
const DIGIT = /\p{Nd}/gu

/** The plain digit a decimal digit character stands for (digit blocks run 0-9 in order). */
function digitOf(ch: string): string {
  const cp = ch.codePointAt(0)!
  let zero = cp
  while (zero > 0 && /\p{Nd}/u.test(String.fromCodePoint(zero - 1)) && cp - zero < 49) zero--
  return String((cp - zero) % 10)
}

export function normalizeInput(text: string): string {
  return text.replace(INVISIBLE, '').replace(DIGIT, ch => (ch >= '0' && ch <= '9' ? ch : digitOf(ch)))
}
