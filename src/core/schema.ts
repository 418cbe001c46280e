import { z } from 'zod'
import { IntakeVocabularySchema } from './intake/schema.js'
import { CalendarSchema } from './calendar/schema.js'

/** Roles a person may hold in the community directory. */
export const RoleSchema = z.enum(['staff', 'gridLeader', 'gridMember', 'teamLead', 'volunteer'])
export type Role = z.infer<typeof RoleSchema>

export const PersonSchema = z.object({
  name: z.string().min(1, '姓名不能为空'),
  roles: z.array(RoleSchema).default([]),
  grid: z.number().int().positive().optional(),
  team: z.string().min(1).optional(),
  phone: z.string().optional(),
})

export const GridSchema = z.object({
  id: z.number().int().positive(),
  room: z.string().min(1),
  leader: z.string().min(1),
  member: z.string().min(1).optional(),
  buildings: z.array(z.number().int().positive()).min(1, '网格至少包含一栋楼'),
})

export const TeamSchema = z.object({
  name: z.string().min(1, '队伍名称不能为空'),
  lead: z.string().min(1),
  room: z.string().min(1),
  takes: z.string().default(''),
})

export const CommunitySchema = z.object({
  name: z.string().min(1),
  botName: z.string().min(1),
  staffRoom: z.string().min(1),
  emergency: z.object({ fire: z.string(), medical: z.string(), police: z.string() }).default({ fire: '119', medical: '120', police: '110' }),
})

export const DirectorySchema = z.object({
  community: CommunitySchema,
  people: z.array(PersonSchema),
  grids: z.array(GridSchema).min(1),
  teams: z.array(TeamSchema).min(1),
  intake: IntakeVocabularySchema,
  calendar: CalendarSchema,
})
export type Directory = z.infer<typeof DirectorySchema>
