import { z } from 'zod'
import { IntakeAdditionsSchema } from './intake/vocabulary.js'
import { KnowledgeSchema } from './kb/schema.js'
import { CalendarSchema } from './calendar/schema.js'
import { SettingsSchema } from './settings.js'
import { StateSchema } from './state.js'

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
export type Person = z.infer<typeof PersonSchema>

export const GridSchema = z.object({
  id: z.number().int().positive(),
  room: z.string().min(1),
  leader: z.string().min(1),
  member: z.string().min(1).optional(),
  buildings: z.array(z.number().int().positive()).min(1, '网格至少包含一栋楼'),
})
export type Grid = z.infer<typeof GridSchema>

export const TeamSchema = z.object({
  name: z.string({ error: '队伍必须有名称 name' }).min(1, '队伍名称不能为空'),
  lead: z.string().min(1),
  room: z.string().min(1),
  takes: z.string().default(''),
})
export type Team = z.infer<typeof TeamSchema>

export const CommunitySchema = z.object({
  name: z.string().min(1),
  botName: z.string().min(1),
  staffRoom: z.string().min(1),
  /** Who hears of the bot's own troubles privately (sending caps, untrusted groups); default: the first staff member. */
  duty: z.string().min(1).optional(),
  emergency: z.object({ fire: z.string(), medical: z.string(), police: z.string() }).default({ fire: '119', medical: '120', police: '110' }),
  /** Staff notices go out as header + the staff's words + signature (default 【<name>通知】 and ——<name>居委会). */
  noticeHeader: z.string().min(1).optional(),
  noticeSignature: z.string().min(1).optional(),
  /** The community's own public numbers (the duty phone): shown as written, never hidden as private. */
  publicPhones: z.array(z.string()).default([]),
})

export const DbSchema = z
  .object({
    community: CommunitySchema,
    buildings: z.array(z.number().int().positive()).min(1),
    people: z.array(PersonSchema),
    grids: z.array(GridSchema).min(1),
    teams: z.array(TeamSchema).min(1),
    /** The community's own intake words, added to the vocabulary that ships with the code. */
    intake: IntakeAdditionsSchema.prefault({}),
    /** The knowledge base (知识库): everyday questions answered instead of a ticket (src/core/kb). */
    knowledge: KnowledgeSchema.default([]),
    calendar: CalendarSchema,
    settings: SettingsSchema,
    state: StateSchema.prefault({}),
  })
  .superRefine((db, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message })
    const known = new Set(db.buildings)
    const owner = new Map<number, number>()
    const names = new Set(db.people.map(p => p.name))
    db.grids.forEach((g, gi) => {
      g.buildings.forEach((b, bi) => {
        if (!known.has(b)) issue(['grids', gi, 'buildings', bi], `楼号 ${b} 不在 buildings 列表中`)
        const prev = owner.get(b)
        if (prev !== undefined) issue(['grids', gi, 'buildings', bi], `楼号 ${b} 已属于 ${prev} 网格`)
        owner.set(b, g.id)
      })
      if (!names.has(g.leader)) issue(['grids', gi, 'leader'], `网格长 "${g.leader}" 不在 people 中`)
    })
    const teamNames = new Set(db.teams.map(t => t.name))
    db.teams.forEach((t, ti) => {
      if (!names.has(t.lead)) issue(['teams', ti, 'lead'], `队长 "${t.lead}" 不在 people 中`)
    })
    const gridIds = new Set(db.grids.map(g => g.id))
    db.people.forEach((p, pi) => {
      if (p.team && !teamNames.has(p.team)) issue(['people', pi, 'team'], `队伍 "${p.team}" 不存在`)
      if (p.grid !== undefined && !gridIds.has(p.grid)) issue(['people', pi, 'grid'], `网格 ${p.grid} 不存在`)
    })
    const topics = [db.community.staffRoom, ...db.grids.map(g => g.room), ...db.teams.map(t => t.room)]
    const seen = new Set<string>()
    topics.forEach(t => {
      if (seen.has(t)) issue(['rooms'], `群名 "${t}" 重复`)
      seen.add(t)
    })
  })
export type Db = z.infer<typeof DbSchema>
export type Directory = Omit<Db, 'state'>

/** Formats zod issues as `file: path: problem` lines. */
export function describeIssues(file: string, error: z.ZodError): string {
  return error.issues.map(i => `${file}: ${i.path.length ? i.path.map(String).join('.') : '(根)'}: ${i.message}`).join('\n')
}
