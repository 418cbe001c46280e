import type { Db, Directory, Grid, Person, Role } from '../../core/schema.js'
import { DbSchema } from '../../core/schema.js'
import { checkDb } from '../../core/db-check.js'

/**
 * The roster (花名册) staff keep in Excel: one row per person with 姓名, 角色, 网格, 楼号, 队伍, 电话. Pure:
 * rows in, a plan out (what would change, and every problem by row or by field), applied only when clean.
 *
 * - 角色: any of 社区工作人员 (also 书记, 主任, 社工, 工作人员), 网格长, 网格员, 队长, 志愿者, separated by 、 , / or spaces.
 * - 网格 and 楼号 on a 网格长 row set that grid's leader and buildings (楼号: 11,12,13 or 11-15); a 网格员
 *   row sets the grid's member. 队伍 on a 队长 row sets the team's lead (a new team gets 「队伍名工作群」).
 * - A listed person takes the row's roles, grid, team and phone (an empty cell clears it; a column the
 *   file lacks keeps what the directory has). People the roster does not list stay as they are.
 */
export const COLUMNS = ['姓名', '角色', '网格', '楼号', '队伍', '电话'] as const
type Column = (typeof COLUMNS)[number]

const ROLE_WORDS: Record<string, Role> = {
  社区工作人员: 'staff',
  工作人员: 'staff',
  书记: 'staff',
  主任: 'staff',
  社工: 'staff',
  社区书记: 'staff',
  社区主任: 'staff',
  网格长: 'gridLeader',
  网格员: 'gridMember',
  队长: 'teamLead',
  志愿者: 'volunteer',
  队员: 'volunteer',
}
export const ROLE_NAMES: Record<Role, string> = { staff: '社区工作人员', gridLeader: '网格长', gridMember: '网格员', teamLead: '队长', volunteer: '志愿者' }
const ROLE_ORDER: Role[] = ['staff', 'gridLeader', 'gridMember', 'teamLead', 'volunteer']

export interface RowError {
  row: number
  message: string
}
export interface Change {
  kind: '新增' | '修改'
  what: string
  name: string
  details: string[]
}
export interface RosterPlan {
  errors: RowError[]
  /** Field-level problems of the directory the roster would make (as at start-up). */
  invalid: string[]
  changes: Change[]
  /** Directory people the roster does not list (kept). */
  unlisted: string[]
  /** The directory after the change (when there are no errors). */
  next: Pick<Directory, 'people' | 'grids' | 'teams' | 'buildings'> | null
}

const cell = (v: string | undefined) => (v ?? '').normalize('NFKC').trim()

function readRoles(text: string): { roles: Role[]; unknown: string[] } {
  const words = text.split(/[、,，/;；\s]+/).filter(Boolean)
  const roles = new Set<Role>(),
    unknown: string[] = []
  for (const w of words) {
    const r = ROLE_WORDS[w]
    if (r) roles.add(r)
    else unknown.push(w)
  }
  return { roles: ROLE_ORDER.filter(r => roles.has(r)), unknown }
}

export function readBuildings(text: string): number[] | null {
  const out: number[] = []
  for (const part of text
    .replace(/号楼|号|栋/g, '')
    .split(/[、,，;；\s]+/)
    .filter(Boolean)) {
    const range = /^(\d{1,4})[-~～至到](\d{1,4})$/.exec(part)
    if (range) {
      const [a, b] = [Number(range[1]), Number(range[2])]
      if (a <= 0 || b < a || b - a > 200) return null
      for (let i = a; i <= b; i++) out.push(i)
    } else if (/^\d{1,4}$/.test(part) && Number(part) > 0) out.push(Number(part))
    else return null
  }
  return [...new Set(out)]
}

const readGrid = (text: string) => {
  const m = /^第?(\d{1,3})(网格)?$/.exec(text)
  return m ? Number(m[1]) : null
}

const personLine = (p: Person) => [
  `角色：${p.roles.length ? p.roles.map(r => ROLE_NAMES[r]).join('、') : '无'}`,
  ...(p.grid !== undefined ? [`网格：${p.grid}`] : []),
  ...(p.team ? [`队伍：${p.team}`] : []),
  ...(p.phone ? [`电话：${p.phone}`] : []),
]

/** Reads the header row (column names may carry spaces or a note in brackets) and plans the change. */
export function planRoster(db: Db, table: string[][]): RosterPlan {
  const errors: RowError[] = []
  const [header = [], ...body] = table
  const col = new Map<Column, number>()
  header.forEach((h, i) => {
    const name = cell(h).replace(/[（(].*$/, '') as Column
    if ((COLUMNS as readonly string[]).includes(name) && !col.has(name)) col.set(name, i)
  })
  if (!col.has('姓名')) {
    return {
      errors: [{ row: 1, message: `第一行应是表头，至少要有「姓名」列（可用的列：${COLUMNS.join('、')}）` }],
      invalid: [],
      changes: [],
      unlisted: [],
      next: null,
    }
  }
  const get = (row: string[], c: Column) => (col.has(c) ? cell(row[col.get(c)!]) : undefined)

  const people = db.people.map(p => ({ ...p, roles: [...p.roles] }))
  const grids = db.grids.map(g => ({ ...g, buildings: [...g.buildings] }))
  const teams = db.teams.map(t => ({ ...t }))
  const buildings = new Set(db.buildings)
  const seen = new Map<string, number>()

  body.forEach((row, i) => {
    const n = i + 2 // the spreadsheet's row number
    if (row.every(v => !cell(v))) return
    const name = get(row, '姓名') ?? ''
    if (!name) {
      errors.push({ row: n, message: '姓名为空' })
      return
    }
    if (name.length > 20 || /\s/.test(name)) {
      errors.push({ row: n, message: `姓名「${name}」不能有空格，最多 20 个字` })
      return
    }
    if (seen.has(name)) {
      errors.push({ row: n, message: `「${name}」在第 ${seen.get(name)} 行已经出现过` })
      return
    }
    seen.set(name, n)
    const rolesText = get(row, '角色')
    const roles = rolesText === undefined ? undefined : readRoles(rolesText)
    if (roles?.unknown.length) errors.push({ row: n, message: `角色「${roles.unknown.join('、')}」不认识，可以写：社区工作人员、网格长、网格员、队长、志愿者` })
    const gridText = get(row, '网格')
    const grid = gridText ? readGrid(gridText) : null
    if (gridText && grid === null) errors.push({ row: n, message: `网格「${gridText}」应写成数字，例如 3 或 3网格` })
    const bText = get(row, '楼号')
    const bs = bText ? readBuildings(bText) : null
    if (bText && bs === null) errors.push({ row: n, message: `楼号「${bText}」看不懂，请写成 11,12,13 或 11-15` })
    const team = get(row, '队伍')
    const phone = get(row, '电话')
    const r = roles?.roles
    if (r?.includes('gridLeader') && !gridText) errors.push({ row: n, message: `${name} 是网格长，请在「网格」列写上哪个网格` })
    if (r?.includes('teamLead') && !team) errors.push({ row: n, message: `${name} 是队长，请在「队伍」列写上哪支队伍` })
    if (bText && !r?.includes('gridLeader')) errors.push({ row: n, message: '楼号只写在网格长那一行（表示这个网格包括哪些楼）' })

    let p = people.find(x => x.name === name)
    if (!p) {
      p = { name, roles: [] }
      people.push(p)
    }
    if (r) p.roles = r
    if (gridText !== undefined) {
      if (grid !== null) p.grid = grid
      else if (!gridText) delete p.grid
    }
    if (team !== undefined) {
      if (team) p.team = team
      else delete p.team
    }
    if (phone !== undefined) {
      if (phone) p.phone = phone
      else delete p.phone
    }

    if (grid !== null && r?.includes('gridLeader')) {
      let g = grids.find(x => x.id === grid)
      if (!g) {
        g = { id: grid, room: `${db.community.name}${grid}网格居民群`, leader: name, buildings: [] }
        grids.push(g)
      }
      g.leader = name
      if (bs) {
        g.buildings = bs
        for (const b of bs) buildings.add(b)
      }
    }
    if (grid !== null && r?.includes('gridMember')) {
      const g = grids.find(x => x.id === grid)
      if (g) g.member = name
    }
    if (team && r?.includes('teamLead')) {
      const t = teams.find(x => x.name === team)
      if (t) t.lead = name
      else teams.push({ name: team, lead: name, room: `${team}工作群`, takes: '' })
    }
  })
  grids.sort((a, b) => a.id - b.id)
  const next = { people, grids, teams, buildings: [...buildings].sort((a, b) => a - b) }
  const invalid = errors.length ? [] : validateDirectory(db, next)
  return {
    errors,
    invalid,
    changes: diff(db, next),
    unlisted: db.people.filter(p => !seen.has(p.name)).map(p => p.name),
    next: errors.length || invalid.length ? null : next,
  }
}

/**
 * The same field-level checks as start-up (the db schema, then the cross-field checks), on the db with
 * these directory sections: `people.3（王五）.grid: 网格 99 不存在`.
 */
export function validateDirectory(db: Db, sections: Partial<Directory>): string[] {
  const candidate = { ...db, ...sections }
  const r = DbSchema.safeParse(candidate)
  const named = (path: PropertyKey[]) =>
    path
      .map((k, i) => {
        const parent = path[i - 1]
        if (typeof k === 'number' && parent === 'people') return `${k}（${candidate.people[k]?.name ?? ''}）`
        if (typeof k === 'number' && parent === 'grids') return `${k}（${candidate.grids[k]?.id ?? ''}网格）`
        if (typeof k === 'number' && parent === 'teams') return `${k}（${candidate.teams[k]?.name ?? ''}）`
        return String(k)
      })
      .join('.')
  if (!r.success) return r.error.issues.map(i => `${i.path.length ? named(i.path) : '(根)'}: ${i.message}`)
  return checkDb(r.data).map(i => `${named(i.path)}: ${i.message}`)
}

function diff(db: Db, next: NonNullable<RosterPlan['next']>): Change[] {
  const out: Change[] = []
  for (const p of next.people) {
    const old = db.people.find(x => x.name === p.name)
    if (!old) {
      out.push({ kind: '新增', what: '人员', name: p.name, details: personLine(p) })
      continue
    }
    const a = personLine(old),
      b = personLine(p)
    if (a.join() !== b.join()) out.push({ kind: '修改', what: '人员', name: p.name, details: [`原：${a.join('，')}`, `新：${b.join('，')}`] })
  }
  const gridLine = (g: Grid) => `网格长：${g.leader}${g.member ? `，网格员：${g.member}` : ''}，楼号：${g.buildings.join(',')}`
  for (const g of next.grids) {
    const old = db.grids.find(x => x.id === g.id)
    if (!old) out.push({ kind: '新增', what: '网格', name: `${g.id}网格`, details: [gridLine(g), `居民群：${g.room}`] })
    else if (gridLine(old) !== gridLine(g))
      out.push({ kind: '修改', what: '网格', name: `${g.id}网格`, details: [`原：${gridLine(old)}`, `新：${gridLine(g)}`] })
  }
  for (const t of next.teams) {
    const old = db.teams.find(x => x.name === t.name)
    if (!old) out.push({ kind: '新增', what: '队伍', name: t.name, details: [`队长：${t.lead}`, `工作群：${t.room}`] })
    else if (old.lead !== t.lead) out.push({ kind: '修改', what: '队伍', name: t.name, details: [`队长：${old.lead} → ${t.lead}`] })
  }
  const added = next.buildings.filter(b => !db.buildings.includes(b))
  if (added.length) out.push({ kind: '新增', what: '楼号', name: added.map(b => `${b}号楼`).join('、'), details: [] })
  return out
}

/** The directory as a roster table (header first): what the import reads, so an export imports unchanged. */
export function rosterTable(db: Directory): string[][] {
  const leads = new Map(db.grids.map(g => [g.leader, g]))
  return [
    [...COLUMNS],
    ...db.people.map(p => [
      p.name,
      p.roles.map(r => ROLE_NAMES[r]).join('、'),
      p.grid !== undefined ? String(p.grid) : '',
      p.roles.includes('gridLeader') && leads.get(p.name)?.id === p.grid ? leads.get(p.name)!.buildings.join(',') : '',
      p.team ?? '',
      p.phone ?? '',
    ]),
  ]
}
