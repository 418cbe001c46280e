/** Normalises a chat line for command matching: full-width → half-width, no @mentions, single spaces. */
export function commandText(raw: string, botName: string): string {
  let s = raw.normalize('NFKC').replace(/[\u2005\u00a0\u3000]/g, ' ')
  s = s.replace(new RegExp(`@${escape(botName)}\\s*`, 'g'), ' ')
  s = s.replace(/^(\s*@\S+\s+)+/, ' ')
  return s.replace(/\s+/g, ' ').trim()
}
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** A matcher for `WORD rest`: the word at the start, followed by a space, a number, '#' or the end. */
export function word(w: string): (text: string) => string | null {
  const re = new RegExp(`^${w}(?:$|[\\s#\\d:：,，])`)
  return text => (re.test(text) ? text.slice(w.length).replace(/^[\s:：,，]+/, '').trim() : null)
}

/** Parses a ticket number written `12` or `#12` at the start of args; returns [id, rest]. */
export function ticketArg(args: string): [number, string] | null {
  const m = /^#?\s*(\d{1,9})(?!\d)\s*(.*)$/s.exec(args)
  if (!m) return null
  const id = Number(m[1])
  return Number.isSafeInteger(id) && id > 0 ? [id, m[2].trim()] : null
}
