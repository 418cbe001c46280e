import { z } from 'zod'

/**
 * The intake vocabulary: the keyword tables staff tune in db.json (`intake`).
 * Code holds only the rule logic (src/core/intake/analyze.ts); every word lives here.
 *
 * Matching is on the normalised text (half-width, lower-case, Arabic numerals in addresses).
 * A "word" is a literal substring; a "pattern" is a JavaScript regular expression source (flag u).
 */

const isValidRegex = (s: string): boolean => {
  try {
    new RegExp(s, 'u')
    return true
  } catch {
    return false
  }
}

const Word = z.string().min(1, '词语不能为空').max(40, '词语太长（最多 40 字）')
const Words = z.array(Word).default([])
const Pattern = z.string().min(1, '正则不能为空').refine(isValidRegex, { message: '不是有效的正则表达式' })
const Patterns = z.array(Pattern).default([])

/** A list of cue words and patterns. */
export const CueSchema = z.object({ words: Words, patterns: Patterns })
export type Cue = z.infer<typeof CueSchema>
const Cue = CueSchema.default({ words: [], patterns: [] })

/**
 * A category of request. Scored signals:
 * - `strong`: words that on their own report a problem of this category (漏水, 跳闸, 失眠 …);
 * - `patterns`: regular expressions with the weight of a strong word;
 * - `objects` + (`problems` or the shared `genericProblems`): 马桶 + 堵, 灯 + 不亮 — a pair is strong;
 *   a generic problem pairs with an object only in the object's first-listed category;
 * - `contexts` + `problems`: rooms and places that pair only with this category's own problems (卫生间 + 堵);
 * - `weak`: topic words (律师, 合唱团, 书法 …) that need a need cue (想/请/怎么办 …) to make a request;
 *   an object with a service verb (换个灯泡) is weak too, an object alone is weaker still.
 */
export const CategorySchema = z.object({
  name: z.string().min(1, '类别名称不能为空'),
  target: z.string().min(1, '类别必须指定 target（队伍名称或网格长）'),
  /** Target when the problem is in a common area (楼道, 外墙, 路灯 …); unset = same target everywhere. */
  commonTarget: z.string().min(1).optional(),
  /** The category is by nature a common-area matter (环境卫生, 公共设施 …). */
  common: z.boolean().default(false),
  /** Higher tier wins over lower whenever it has a strong signal (a quarrel overrides the fault). */
  tier: z.number().int().min(0).max(9).default(1),
  /** Tie-break between equal scores: higher wins. */
  priority: z.number().default(0),
  strong: Words,
  weak: Words,
  objects: Words,
  contexts: Words,
  problems: Words,
  patterns: Patterns,
})
export type Category = z.infer<typeof CategorySchema>

export const UrgentSchema = z.object({
  name: z.string().min(1, '紧急类别名称不能为空'),
  emergency: z.enum(['fire', 'medical', 'police']),
  words: Words,
  patterns: Patterns,
})
export type Urgent = z.infer<typeof UrgentSchema>

export const AreaSchema = z.object({ name: z.string().min(1), words: z.array(Word).min(1) })

export const ExplicitSchema = z.object({
  /** Prefixes that open an explicit request (报修, 求助 …). */
  words: z.array(Word).min(1),
  /** The same words closing the message count too (…的问题咨询一下, …想咨询). */
  endWords: Words,
  /** Category used when the message names no known problem. */
  fallback: z.string().min(1),
  /**
   * The fallback needs a place in the community (a building, 楼道, 小区, 我家 …): 投诉 / 反映 / 咨询 alone
   * open matters of any kind, most of them not the community's (a train ticket, a bus line).
   */
  fallbackNeedsPlace: z.boolean().default(false),
})

export const WeightsSchema = z.object({
  threshold: z.number().default(1.75),
  /** Longer messages (forwarded articles, pasted notices, floods) are requests only when urgent. */
  longMessage: z.number().int().positive().default(500),
  strong: z.number().default(2),
  extraStrong: z.number().default(0.5),
  weak: z.number().default(1),
  /** an object named without a problem or a service verb (我家马桶 …) */
  object: z.number().default(0.5),
  weakWithStrong: z.number().default(0.25),
  /** a strong word right after an intent word (想起诉他) */
  intent: z.number().default(0.5),
  need: z.number().default(1),
  explicit: z.number().default(2),
  location: z.number().default(0.5),
  thanks: z.number().default(0.25),
  praise: z.number().default(1),
  greeting: z.number().default(0.25),
  ack: z.number().default(0.5),
  past: z.number().default(1),
  hearsay: z.number().default(1),
  status: z.number().default(1.5),
  groupQuestion: z.number().default(1),
  eventQuestion: z.number().default(2),
  announce: z.number().default(2),
  mention: z.number().default(3),
  /** a story about the past: why yesterday's outage happened, a lecture attended */
  pastStory: z.number().default(2.5),
  /** group etiquette: 群里别发广告 */
  etiquette: z.number().default(3),
  /** a question the service desk answers: office hours, where the office is, when the water is off */
  deskQuestion: z.number().default(2),
  /** Below this confidence a verdict is unsure (in a group: stay quiet unless @-mentioned, then ask). */
  unsureBelow: z.number().min(0).max(1).default(0.7),
  /** Steepness of the confidence curve over the evidence margin (score − threshold). */
  confidenceSlope: z.number().positive().default(4),
})
export type Weights = z.infer<typeof WeightsSchema>

export const CuesSchema = z.object({
  /** The resident asks for something: 想请, 麻烦, 怎么办, 能…吗, 报名 … */
  need: Cue,
  /** Words of intent right before a strong word make it the point of the message: 想起诉, 请调解, 要投诉. */
  intent: Cue,
  /** Service verbs that make an object a request (换个灯泡, 装个扶手, 疏通马桶 …). */
  service: Cue,
  /** Already fixed / reported / resolved: 修好了, 报过了, 有人接了, 找到了 … (kills the request). */
  done: Cue,
  /** The problem is back or still there, which cancels a done cue: 又坏了, 还没人来 … */
  relapse: Cue,
  /** Between a done cue and a later fault, these mean the fault is another or still there: 修好了 但是门还是关不上. */
  contrast: Cue,
  thanks: Cue,
  praise: Cue,
  greeting: Cue,
  ack: Cue,
  /** Talk about the past without a current problem: 去年, 上次, 以前 … */
  past: Cue,
  hearsay: Cue,
  /** Asking about an existing ticket: 怎么样了, 进度 … */
  status: Cue,
  /** Asking the group rather than the community: 你们家, 谁知道, 推荐 … */
  groupQuestion: Cue,
  /** Event nouns (讲座, 排练, 体检 …) and the question words that make an event question. */
  eventNoun: Cue,
  eventQuestion: Cue,
  /** Invitations and announcements: 欢迎参加, 名额有限, 请大家 … */
  announce: Cue,
  /** Merely mentioning a fault: 新闻, 视频, 看了吗 … (also cancels urgency). */
  mention: Cue,
  /** Asking rather than telling: 吗, 怎么, 哪里, 什么时候, 请问 … (the analysis's `question`). */
  question: Cue,
  /**
   * Matters outside the community's remit (trains and buses, tax, driving licences, passports, the
   * city's plans and policies, other districts): no ticket, a pointer to 12345. They do not override a
   * place in the community (a building, 楼道, 小区门口 …), an urgent matter or a tier-2 category.
   */
  outside: Cue,
  /** Questions the service desk answers rather than a handler: office hours, where the office is, outage schedules. */
  deskQuestion: Cue,
  /** An outage told as happening now (都停电了, 没水了): a when-back question with it stays a report. */
  outageNow: Cue,
  /** A story about the past: an explanation (是因为, 原来是) of something over, an event attended (去听了讲座). */
  pastStory: Cue,
  /** The community named as the one who acts (社区能开证明吗, 在社区办): the matter is the community's. */
  here: Cue,
  /** Group etiquette rather than a matter: 群里别发广告, 请勿发链接. */
  etiquette: Cue,
  /** Time in the past before an urgent word in the same clause (去年摔伤了腿, 早年, 年轻时): an old story, not an alert. */
  pastTime: Cue,
  /** "Now" words that keep an urgent word current despite a past-time word before it (刚才, 现在, 突然). */
  nowTime: Cue,
  /** A message that starts with one of these is a relayed notice (通知：, 转发：). */
  noticePrefix: Cue,
  /** Negators right before a word cancel it: 没, 不是, 没有 … */
  negators: Cue,
  /** Negator-looking sequences that are questions, not negation: 是不是, 有没有 … */
  notNegation: Cue,
  /** Before a word (within a few characters): near-miss and hypothetical markers (差点, 万一, 如果 …). */
  hypotheticalBefore: Cue,
  /** Right after a word: 就麻烦了, 隐患 … */
  hypotheticalAfter: Cue,
  /** Where the problem is. */
  home: Cue,
  commonStrong: Cue,
  commonWeak: Cue,
  /** Words that only hide the shorter objects/problems they contain (出门 hides 门, 漏风 hides 漏). */
  shadows: Cue,
})
export type Cues = z.infer<typeof CuesSchema>

export const IntakeVocabularySchema = z
  .object({
    /** Target of urgent matters, common areas, paperwork and public order. */
    gridTarget: z.string().min(1).default('网格长'),
    explicit: z.array(ExplicitSchema).default([]),
    cues: CuesSchema,
    genericProblems: Words,
    /** Regular expressions for generic problems (不通电, 冲不了, 关不上 …), paired like genericProblems. */
    genericPatterns: Patterns,
    areas: z.array(AreaSchema).default([]),
    categories: z.array(CategorySchema).min(1, '至少需要一个类别'),
    urgent: z.array(UrgentSchema).min(1, '至少需要一个紧急类别'),
    weights: WeightsSchema.default(WeightsSchema.parse({})),
  })
  .superRefine((v, ctx) => {
    const names = new Set<string>()
    v.categories.forEach((c, i) => {
      if (names.has(c.name)) ctx.addIssue({ code: 'custom', path: ['categories', i, 'name'], message: `类别名称重复：${c.name}` })
      names.add(c.name)
    })
    v.explicit.forEach((e, i) => {
      if (!names.has(e.fallback)) {
        ctx.addIssue({ code: 'custom', path: ['explicit', i, 'fallback'], message: `未知类别：${e.fallback}` })
      }
    })
  })
export type IntakeVocabulary = z.infer<typeof IntakeVocabularySchema>
