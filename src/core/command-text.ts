/** Normalises a chat line for command matching: full-width → half-width, no @mentions, single spaces. */
export function commandText(raw: string, botName: string): string {
  let s = raw.normalize('NFKC').replace(/[\u2005\u00a0\u3000]/g, ' ')
  s = s.replace(new RegExp(`@${escape(botName)}\\s*`, 'g'), ' ')
  s = s.replace(/^(\s*@\S+\s+)+/, ' ')
  return s.replace(/\s+/g, ' ').trim()
}
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
