import { z } from 'zod'

/**
 * The knowledge base (知识库) staff keep in the community's db file under `knowledge`: everyday questions
 * the service desk answers rather than a handler. Matching tolerates wording: an entry names topic words
 * in groups of synonyms (a message must hold a word of every group) and example questions (a message
 * close enough to one of them matches too); an answer needs the message to be a question.
 */

const Word = z.string().min(1, '词语不能为空').max(40, '词语太长（最多 40 字）')

export const KnowledgeEntrySchema = z.object({
  /** Stable id (lower-case letters, digits, hyphens), reported by `npm run parse` as `answer`. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'id 只能用小写字母、数字和连字符'),
  /** What the entry is about, for staff. */
  title: z.string().min(1, '标题不能为空'),
  /**
   * - 'answer': the answer below;
   * - 'outage': 停水 / 停电 / 停气 — the latest staff notice that mentions it (its time and text); without
   *   one, the answer below ({what} stands for 停水 / 停电 / 停气): none is known, offer to report;
   * - 'outside': a matter outside the community — the answer points to 12345; also used for messages
   *   the intake finds outside the community's remit.
   */
  kind: z.enum(['answer', 'outage', 'outside']).default('answer'),
  /** Topic words in groups of synonyms: the message must hold a word of every group. */
  keywords: z.array(z.array(Word).min(1, '同义词组不能为空')).min(1, '至少需要一组关键词'),
  /** Words that rule the entry out (公司, 单位 for a certificate the employer should give). */
  except: z.array(Word).default([]),
  /** Example questions, in any wording: a message close to one of them matches as well. */
  questions: z.array(z.string().min(1)).default([]),
  /** The answer residents read (Simplified Chinese). */
  answer: z.string().min(1, '答案不能为空'),
  /** For 'outage': each utility and the words that name it in a question or a notice. */
  utilities: z.array(z.object({ name: z.string().min(1), words: z.array(Word).min(1) })).default([]),
})
export type KnowledgeEntry = z.infer<typeof KnowledgeEntrySchema>

export const KnowledgeSchema = z.array(KnowledgeEntrySchema).superRefine((entries, ctx) => {
  const seen = new Set<string>()
  entries.forEach((e, i) => {
    if (seen.has(e.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `知识库条目 id 重复：${e.id}` })
    seen.add(e.id)
    if (e.kind === 'outage' && e.utilities.length === 0) {
      ctx.addIssue({ code: 'custom', path: [i, 'utilities'], message: '停水停电类条目需要 utilities（如 停水、停电、停气）' })
    }
  })
})
export type Knowledge = z.infer<typeof KnowledgeSchema>
