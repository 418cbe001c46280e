/**
 * Text normalisation for the intake: full-width → half-width, control characters, @mentions,
 * emoji and WeChat [表情] codes removed, Chinese numerals next to address words → Arabic digits,
 * spaces collapsed, ASCII lower-cased. Pure; no vocabulary needed.
 */

const CONTROL = /[\p{Cc}\p{Cf}\u2028\u2029]/gu
const FULL_WIDTH = /[\uFF01-\uFF5E]/g
const IDEOGRAPHIC_SPACE = /\u3000/g
// A WeChat @mention runs to the next space (WeChat puts U+2005 after it).
const MENTION = /@[^\s@]{1,24}(?=\s|$)/g
// WeChat's text emoticons: [强], [抱拳], [Smile] …
const EMOTICON = /\[[^[\]\s]{1,8}\]/g
// biome-ignore lint/suspicious/noMisleadingCharacterClass: each emoji code point (and selector, keycap) is removed on its own
const EMOJI = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\uFE0E\uFE0F\u20E3]/gu
const SPACES = /\s+/g

const CN_DIGIT: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
}

/** Value of a Chinese numeral run: positional with 十/百 (四十四 → 44), digit by digit otherwise (三零一 → 301). */
export function chineseNumberToDigits(run: string): string {
  if (/[十百]/.test(run)) {
    let total = 0
    let cur = 0
    for (const ch of run) {
      if (ch === '十') {
        total += (cur || 1) * 10
        cur = 0
      } else if (ch === '百') {
        total += (cur || 1) * 100
        cur = 0
      } else {
        cur = CN_DIGIT[ch] ?? 0
      }
    }
    return String(total + cur)
  }
  let out = ''
  for (const ch of run) out += String(CN_DIGIT[ch] ?? '')
  return out
}

// A numeral run right before an address word: 十二号楼, 二单元, 二〇一室, 五楼, 第二十号楼.
// Not after characters that make it a word of its own (万一, 统一, 这一栋 …).
const CN_BEFORE_MARK = /(?<![万统唯之其同某哪几这那每任专逐])([零〇一二两三四五六七八九十百]+)(?=\s?(?:号楼|号|栋|幢|单元|室|楼|层|户|门))/g
// A room written digit by digit right after the building or unit: 二单元五零一, 十二栋三零二.
const CN_ROOM_AFTER = /(单元|号楼|栋|幢|#|-)(\s?)([零〇一二两三四五六七八九十百]{3,5})(?![零〇一二两三四五六七八九十百])/g

function convertAddressNumerals(t: string): string {
  if (!/[零〇一二两三四五六七八九十百]/.test(t)) return t
  t = t.replace(CN_BEFORE_MARK, (run: string, _g: string, offset: number, whole: string) => {
    // 一栋楼 / 两层楼 mean "a whole building / two floors", not building 1.
    const after = whole.slice(offset + run.length, offset + run.length + 3)
    if ((run === '一' || run === '两' || run === '几') && /^\s?(栋|幢|层|座)楼/.test(after)) return run
    return chineseNumberToDigits(run)
  })
  t = t.replace(CN_ROOM_AFTER, (_all: string, mark: string, sp: string, run: string) => mark + sp + chineseNumberToDigits(run))
  return t
}

/** Full-width → half-width, strip @mentions, emoji, [表情] codes and control characters, numerals in addresses, collapse spaces. */
export function normalize(text: string): string {
  if (typeof text !== 'string') return ''
  let t = text
    .replace(CONTROL, ' ')
    .replace(FULL_WIDTH, c => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(IDEOGRAPHIC_SPACE, ' ')
    .replace(MENTION, ' ')
    .replace(EMOTICON, ' ')
    .replace(EMOJI, ' ')
    .replace(SPACES, ' ')
    .trim()
    .toLowerCase()
  t = convertAddressNumerals(t)
  return t
}
