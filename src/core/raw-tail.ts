/**
 * The text of a chat line after skipping `tokens` whitespace-separated words (and any leading
 * @mentions), exactly as typed: notices keep the staff's own punctuation, not the normalised form.
 */
export function rawTail(raw: string, tokens: number): string {
  let s = raw.replace(/^[\s\u2005\u3000]*(@\S+[\s\u2005\u3000]+)*/, '')
  for (let i = 0; i < tokens; i++) s = s.replace(/^[^\s\u2005\u3000]+[\s\u2005\u3000]*/, '')
  return s.trim()
}
