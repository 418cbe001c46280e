import { z } from 'zod'
import { AreaSchema, CuesSchema, IntakeVocabularySchema, UrgentSchema, type IntakeVocabulary } from './schema.js'

/**
 * The intake vocabulary ships with the code (src/core/intake/vocabulary.json, versioned, tested and
 * improved by upgrades). A community adds its own words in its data file (db.json `intake`): new words
 * for an existing category, new categories, named places, urgent words and cue words. Additions only
 * ever add: an upgrade improves the shipped words and the community keeps its own.
 */

const Words = z.array(z.string().min(1).max(40)).optional()
const CategoryAddition = z.object({
  name: z.string().min(1, '类别名称不能为空'),
  target: z.string().min(1).optional(),
  commonTarget: z.string().min(1).optional(),
  strong: Words,
  weak: Words,
  objects: Words,
  contexts: Words,
  problems: Words,
  patterns: z.array(z.string().min(1)).optional(),
})
const CueAdditions = z.object(
  Object.fromEntries(
    Object.keys(CuesSchema.shape).map(k => [k, z.object({ words: Words, patterns: z.array(z.string().min(1)).optional() }).optional()]),
  ) as Record<keyof z.infer<typeof CuesSchema>, z.ZodOptional<z.ZodObject<{ words: typeof Words; patterns: z.ZodOptional<z.ZodArray<z.ZodString>> }>>>,
)

export const IntakeAdditionsSchema = z.object({
  categories: z.array(CategoryAddition).default([]),
  areas: z.array(AreaSchema).default([]),
  urgent: z.array(UrgentSchema.partial({ emergency: true }).required({ name: true })).default([]),
  genericProblems: z.array(z.string().min(1).max(40)).default([]),
  cues: CueAdditions.default({}),
})
export type IntakeAdditions = z.infer<typeof IntakeAdditionsSchema>

const merged = new WeakMap<IntakeVocabulary, WeakMap<IntakeAdditions, IntakeVocabulary>>()
const union = (a: string[], b: string[] | undefined) => (b?.length ? [...new Set([...a, ...b])] : a)

/**
 * The shipped vocabulary with a community's additions (memoised per pair, so the compiled matcher is
 * reused until either changes). Throws with the field path when an addition does not fit.
 */
export function extendVocabulary(base: IntakeVocabulary, add: IntakeAdditions | undefined): IntakeVocabulary {
  if (!add || isEmpty(add)) return base
  let byAdd = merged.get(base)
  if (!byAdd) {
    byAdd = new WeakMap()
    merged.set(base, byAdd)
  }
  const hit = byAdd.get(add)
  if (hit) return hit
  const categories = base.categories.map(c => ({ ...c }))
  for (const a of add.categories) {
    const c = categories.find(x => x.name === a.name)
    if (c) {
      c.strong = union(c.strong, a.strong)
      c.weak = union(c.weak, a.weak)
      c.objects = union(c.objects, a.objects)
      c.contexts = union(c.contexts, a.contexts)
      c.problems = union(c.problems, a.problems)
      c.patterns = union(c.patterns, a.patterns)
    } else {
      categories.push({
        name: a.name,
        target: a.target ?? base.gridTarget,
        commonTarget: a.commonTarget,
        common: false,
        tier: 1,
        priority: 0,
        strong: a.strong ?? [],
        weak: a.weak ?? [],
        objects: a.objects ?? [],
        contexts: a.contexts ?? [],
        problems: a.problems ?? [],
        patterns: a.patterns ?? [],
      })
    }
  }
  const urgent = base.urgent.map(u => ({ ...u }))
  for (const a of add.urgent) {
    const u = urgent.find(x => x.name === a.name)
    if (u) {
      u.words = union(u.words, a.words)
      u.patterns = union(u.patterns, a.patterns)
    } else urgent.push({ name: a.name, emergency: a.emergency ?? 'police', words: a.words ?? [], patterns: a.patterns ?? [] })
  }
  const cues = { ...base.cues }
  for (const [k, v] of Object.entries(add.cues) as [keyof typeof cues, { words?: string[]; patterns?: string[] } | undefined][]) {
    if (v) cues[k] = { words: union(cues[k].words, v.words), patterns: union(cues[k].patterns, v.patterns) }
  }
  const result = IntakeVocabularySchema.parse({
    ...base,
    categories,
    urgent,
    cues,
    areas: [...base.areas, ...add.areas],
    genericProblems: union(base.genericProblems, add.genericProblems),
  })
  byAdd.set(add, result)
  return result
}

const isEmpty = (a: IntakeAdditions) =>
  a.categories.length + a.areas.length + a.urgent.length + a.genericProblems.length === 0 && Object.values(a.cues).every(v => !v)
