/**
 * The one redaction for text bound for a resident group: every way people write a phone number or a
 * flat (door) number is hidden; building numbers, units and floors stay (they are how neighbours talk
 * about shared parts). Used on every group-bound text; previews show staff what it would hide.
 *
 * Digits may be ASCII, fullwidth or Chinese (一三八…, 〇, 两), with separators (space, -, ., /, ·) between
 * them; a phone may carry +86; a flat may be written 301室, 301房间, 301户, 三零一室, 2单元301,
 * 12号楼二单元301, 12#2-301, 12栋2-301, 12-2-301 or 12/2/301.
 */

const D = '[0-9０-９零〇一二两三四五六七八九]'
const NOT_DIGIT_BEFORE = '(?<![0-9０-９零〇一二两三四五六七八九十])'
const NOT_DIGIT_AFTER = '(?![0-9０-９])'
const SEP = '[\\s\\-－–—_.．/／·・、]'

const MOBILE = new RegExp(`(?:[+＋]\\s*(?:86|８６)${SEP}{0,2}|${NOT_DIGIT_BEFORE})[1１一](?:${SEP}{0,2}${D}){10}${NOT_DIGIT_AFTER}`, 'g')
const LANDLINE = new RegExp(`${NOT_DIGIT_BEFORE}[0０零〇](?:${SEP}{0,2}${D}){2,3}${SEP}{0,2}(?:${D}${SEP}?){6,7}${D}${NOT_DIGIT_AFTER}`, 'g')

const BUILDING = `${D}{1,3}\\s*(?:号楼|号|栋|幢|座|#|＃)`
const UNIT = `${D}{1,2}\\s*(?:单元|门|[-－/／])`
const FLAT = `${D}{3,4}`
const FLAT_WORD = '(?:室|房间|房|户|号房|号(?!楼))'
const FLATS = [
  // 12号楼二单元301, 12#2-301, 12栋2-301, 12号楼301室
  new RegExp(`${NOT_DIGIT_BEFORE}${BUILDING}\\s*(?:${UNIT}\\s*)?${FLAT}\\s*${FLAT_WORD}?${NOT_DIGIT_AFTER}`, 'g'),
  // 2单元301
  new RegExp(`${NOT_DIGIT_BEFORE}${D}{1,2}\\s*单元\\s*${FLAT}\\s*${FLAT_WORD}?${NOT_DIGIT_AFTER}`, 'g'),
  // 12-2-301, 12/2/301, 12.2.301
  new RegExp(`${NOT_DIGIT_BEFORE}${D}{1,3}\\s*[-－/／.．]\\s*${D}{1,2}\\s*[-－/／.．]\\s*${FLAT}${NOT_DIGIT_AFTER}`, 'g'),
  // 3楼301 (a floor, then the flat)
  new RegExp(`${NOT_DIGIT_BEFORE}${D}{1,2}\\s*[楼层]\\s*${FLAT}${NOT_DIGIT_AFTER}`, 'g'),
  // 301室, 三零一室, 301房间, 301户, 301号
  new RegExp(`${NOT_DIGIT_BEFORE}${FLAT}\\s*${FLAT_WORD}`, 'g'),
]

export const HIDDEN_ADDRESS = '[门牌已隐藏]'
export const HIDDEN_PHONE = '[电话已隐藏]'

const digitsOf = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/[零〇]/g, '0')
    .replace(/[^0-9]/g, '')

/** Hides phone and flat numbers. `publicPhones` (the community's own duty numbers) stay visible. */
export function redact(text: string, publicPhones: readonly string[] = []): string {
  const keep = new Set(publicPhones.map(digitsOf))
  const phone = (m: string) => (keep.has(digitsOf(m)) ? m : HIDDEN_PHONE)
  let out = text.replace(MOBILE, phone).replace(LANDLINE, phone)
  for (const re of FLATS) out = out.replace(re, HIDDEN_ADDRESS)
  return out
}

/** The parts of `text` that redact() would hide, for a preview that warns staff. */
export function privateParts(text: string, publicPhones: readonly string[] = []): string[] {
  const keep = new Set(publicPhones.map(digitsOf))
  const found: string[] = []
  const scan = (s: string, re: RegExp) =>
    s.replace(re, m => {
      found.push(m.trim())
      return HIDDEN_ADDRESS
    })
  let rest = text.replace(MOBILE, m => {
    if (!keep.has(digitsOf(m))) found.push(m.trim())
    return ' '
  })
  rest = rest.replace(LANDLINE, m => {
    if (!keep.has(digitsOf(m))) found.push(m.trim())
    return ' '
  })
  for (const re of FLATS) rest = scan(rest, re)
  return found.sort((a, b) => text.indexOf(a) - text.indexOf(b))
}
