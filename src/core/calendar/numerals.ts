/** Small Chinese-numeral readers for dates staff type: 十五, 廿三, 初八, 正月, 腊月, 周日. */
const DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 }

/** 1..99 written as 3, 十, 十五, 二十三, 廿三, 卅, 三十一; null if not a number. */
export function readNumber(s: string): number | null {
  if (/^\d{1,2}$/.test(s)) return Number(s)
  const t = s.replace(/^廿/, '二十').replace(/^卅/, '三十')
  const m = /^([一二两三四五六七八九])?十([一二三四五六七八九])?$/.exec(t)
  if (m) return (m[1] ? DIGIT[m[1]] : 1) * 10 + (m[2] ? DIGIT[m[2]] : 0)
  return t.length === 1 && t in DIGIT && DIGIT[t] > 0 ? DIGIT[t] : null
}

/** 正月 … 冬月 腊月 (without 月): 正 → 1, 冬 → 11, 腊 → 12, or a number. */
export function readLunarMonth(s: string): number | null {
  const n = s === '正' ? 1 : s === '冬' ? 11 : s === '腊' ? 12 : readNumber(s)
  return n !== null && n >= 1 && n <= 12 ? n : null
}

/** 初一 … 初十, 十一 … 三十, 廿三, or digits. */
export function readLunarDay(s: string): number | null {
  const n = s.startsWith('初') ? readNumber(s.slice(1)) : readNumber(s)
  if (n === null || n < 1 || n > 30) return null
  return s.startsWith('初') && n > 10 ? null : n
}

/** 一 … 六, 日/天/七 → 1..7 (Monday = 1). */
export function readWeekday(s: string): number | null {
  if (s === '日' || s === '天') return 7
  const n = readNumber(s)
  return n !== null && n >= 1 && n <= 7 ? n : null
}
