import { h, type Html } from '../html.js'
import { form } from '../layout.js'
import { options } from '../view.js'
import { ROLE_NAMES } from '../data/roster.js'
import type { C } from '../deps.js'
import type { Db, Person, Role } from '../../core/schema.js'

/** Pieces the directory pages share: the tabs, the person form, the list of errors. */
export const TABS: [string, string][] = [
  ['people', '人员'],
  ['grids', '网格'],
  ['teams', '队伍'],
  ['rooms', '群'],
  ['import', '导入导出'],
]
export const ROLES: Role[] = ['staff', 'gridLeader', 'gridMember', 'teamLead', 'volunteer']

export const tabs = (tab: string) =>
  h`<nav class="tabs">${TABS.map(([k, label]) => h`<a href="/directory?tab=${k}"${k === tab ? h` class="on"` : ''}>${label}</a>`)}</nav>`

/** The fields of a person, for adding and editing (errors from the same checks as start-up). */
export function personForm(c: C, db: Db, p: Partial<Person> & { name?: string }, action: string, button: string): Html {
  return form(
    c,
    action,
    h`
<label for="name">姓名（微信备注名）</label><input type="text" id="name" name="name" value="${p.name ?? ''}" required maxlength="20">
<label>角色</label><div class="chips">${ROLES.map(r => h`<label class="inline"><input type="checkbox" name="roles" value="${r}"${p.roles?.includes(r) ? h` checked` : ''}> ${ROLE_NAMES[r]}</label>`)}</div>
<div class="row"><div><label for="grid">网格</label><select id="grid" name="grid">${options([['', '无'], ...db.grids.map(g => [String(g.id), `${g.id}网格`] as [string, string])], p.grid !== undefined ? String(p.grid) : '')}</select></div>
<div><label for="team">队伍</label><select id="team" name="team">${options([['', '无'], ...db.teams.map(t => [t.name, t.name] as [string, string])], p.team ?? '')}</select></div></div>
<label for="phone">电话（只在后台可见）</label><input type="text" id="phone" name="phone" value="${p.phone ?? ''}" maxlength="30">
<div class="row"><button class="primary">${button}</button></div>`,
  )
}

export const errorList = (errors: string[]) =>
  errors.length ? h`<div class="flash err"><p>没有保存，请改正：</p><ul class="errors">${errors.map(e => h`<li>${e}</li>`)}</ul></div>` : ''
