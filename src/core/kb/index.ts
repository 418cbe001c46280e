/**
 * The knowledge base (知识库): everyday questions answered from entries staff keep in the db file
 * (`knowledge`), outages from the latest staff notice, matters outside the community → 12345. Pure.
 */
export { KnowledgeEntrySchema, KnowledgeSchema } from './schema.js'
export type { Knowledge, KnowledgeEntry } from './schema.js'
export { answerQuestion, similarity, NOTICE_DAYS, SIMILAR } from './match.js'
export type { AnswerOptions, KnowledgeAnswer, Notice } from './match.js'
