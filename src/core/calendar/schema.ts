import { z } from 'zod'

// Placeholder: the community calendar (routines, festivals, birthdays).
export const CalendarSchema = z.record(z.string(), z.unknown())
export type Calendar = z.infer<typeof CalendarSchema>
