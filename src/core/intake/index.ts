/**
 * The intake: from a resident's message to { request, category, target, building, unit, room, urgent },
 * plus the analysis (confidence, unsure, candidate, remit, question, past, scope, unknownBuilding …) and
 * the corrections staff make (不是报修 / 转派) for `npm run intake:review`.
 * Pure: no fs, no environment, no clock. The keyword tables ship in vocabulary.json; a community adds
 * its own in db.json (`intake`).
 */
export type { Location } from './location.js'
export { findUnknownBuilding } from './location.js'
export type { Analysis, AnalyzeOptions, IntakeResult } from './analyze.js'
export type { IntakeVocabulary } from './schema.js'
export { IntakeVocabularySchema } from './schema.js'
export { normalize, chineseNumberToDigits } from './normalize.js'
export { analyze, analyzeNormalized, contractOf, parseMessage, MAX_CHARS } from './analyze.js'
export { CorrectionSchema, NOT_A_REQUEST, outcomes, confusion, formatConfusion, testRows, TSV_HEADER } from './corrections.js'
export type { Correction, Outcome, Confusion, RowFacts } from './corrections.js'

import type { Location } from './location.js'
import { parseLocationNormalized } from './location.js'
import { normalize } from './normalize.js'

/** Parse a location from a message or from an answer to "请问在几号楼几单元几室？" (12号楼2单元301, 十二栋二单元, 12-2-301). */
export function parseLocation(text: string): Location {
  return parseLocationNormalized(normalize(text))
}
