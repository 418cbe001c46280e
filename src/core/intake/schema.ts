import { z } from 'zod'

// Placeholder: the intake vocabulary (keyword tables) that staff can tune in db.json.
export const IntakeVocabularySchema = z.record(z.string(), z.unknown())
export type IntakeVocabulary = z.infer<typeof IntakeVocabularySchema>
