/**
 * Server-rendered HTML with escaping by default: `h` is a tagged template whose interpolations are
 * escaped unless they are already Html (another `h` result, or `raw` for trusted markup); arrays are
 * joined; null, undefined and false render nothing.
 */
export class Html {
  constructor(readonly s: string) {}
  toString() {
    return this.s
  }
}

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
export const esc = (s: string) => s.replace(/[&<>"']/g, c => ESC[c])

export type Part = Html | string | number | null | undefined | false | Part[]

function render(v: Part): string {
  if (v === null || v === undefined || v === false) return ''
  if (v instanceof Html) return v.s
  if (Array.isArray(v)) return v.map(render).join('')
  return esc(String(v))
}

export function h(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0]
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1]
  return new Html(out)
}

/** Markup the code itself wrote (never anything a person typed). */
export const raw = (s: string) => new Html(s)

/** JSON for a data attribute (escaped by `h` like any string). */
export const json = (v: unknown) => JSON.stringify(v)
