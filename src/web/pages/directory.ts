import type { Hono } from 'hono'
import { h, type Html } from '../html.js'
import { form, page } from '../layout.js'
import { when } from '../view.js'
import { ROLE_NAMES } from '../data/roster.js'
import type { C, Env, Web } from '../deps.js'
import type { Db } from '../../core/schema.js'
import { personForm, tabs, TABS } from './directory-parts.js'
import { membersOf } from '../../core/directory.js'
import { directoryEditRoutes } from './directory-edit.js'
import { rosterRoutes } from './roster.js'

function bindState(remarks: string[] | null, name: string): Html {
  if (!remarks) return h`<span class="muted">未知（微信未连接）</span>`
  const n = remarks.filter(r => r === name).length
  return n === 1
    ? h`<span class="ok-text">已绑定</span>`
    : n > 1
      ? h`<span class="errors">${n} 个联系人同名，请先解绑</span>`
      : h`<span class="muted">未绑定</span>`
}

/** A cell that phones leave out when empty. */
const cell = (label: string, v: string | number | undefined) =>
  v === undefined || v === '' ? h`<td data-label="${label}" class="empty">—</td>` : h`<td data-label="${label}">${v}</td>`

function people(c: C, db: Db, remarks: string[] | null) {
  return h`<details class="card"><summary>添加人员</summary>${personForm(c, db, {}, '/directory/people/new', '添加')}</details>
<div class="card scroll"><table class="compact"><thead><tr><th>姓名</th><th>角色</th><th>网格</th><th>队伍</th><th>电话</th><th>绑定</th><th></th></tr></thead><tbody>
${db.people.map(
  p => h`<tr><td data-label="姓名"><a href="/directory/person?name=${encodeURIComponent(p.name)}">${p.name}</a></td>
<td data-label=""${p.roles.length ? '' : h` class="empty"`}>${p.roles.map(r => ROLE_NAMES[r]).join('、') || '—'}</td>${cell('网格', p.grid)}${cell('队伍', p.team)}${cell('电话', p.phone)}
<td data-label="">${bindState(remarks, p.name)}</td>
<td data-label="" class="end">${form(c, '/directory/code', h`<input type="hidden" name="name" value="${p.name}"><button class="small">发绑定码</button>`)}</td></tr>`,
)}
</tbody></table></div>
<p class="muted">绑定码24小时内有效：把它交给本人，本人私聊机器人发送「绑定 绑定码」后，身份就绑定在微信备注上。</p>`
}

function grids(db: Db) {
  return h`<div class="card scroll"><table class="compact"><thead><tr><th>网格</th><th>网格长</th><th>网格员</th><th>楼号</th><th>居民群</th></tr></thead><tbody>
${db.grids.map(
  g => h`<tr><td data-label="网格"><a href="/directory/grid?id=${g.id}">${g.id}网格</a></td><td data-label="网格长">${g.leader}</td>${cell('网格员', g.member)}
<td data-label="楼号">${g.buildings.join('、')}</td><td data-label="">${g.room}</td></tr>`,
)}
</tbody></table></div><p class="muted">点网格编号修改网格长、网格员和楼号。新网格可以用名单导入添加。</p>`
}

function teams(db: Db) {
  return h`<div class="card scroll"><table class="compact"><thead><tr><th>队伍</th><th>队长</th><th>工作群</th><th>负责</th></tr></thead><tbody>
${db.teams.map(t => h`<tr><td data-label="队伍"><a href="/directory/team?name=${encodeURIComponent(t.name)}">${t.name}</a></td><td data-label="队长">${t.lead}</td><td data-label="">${t.room}</td>${cell('负责', t.takes)}</tr>`)}
</tbody></table></div>`
}

function rooms(db: Db) {
  const list: [string, string][] = [
    [db.community.staffRoom, '社区工作群'],
    ...db.grids.map(g => [g.room, `${g.id}网格居民群`] as [string, string]),
    ...db.teams.map(t => [t.room, `${t.name}工作群`] as [string, string]),
  ]
  const bound = (topic: string) => [...db.state.roomBindings].reverse().find(b => b.topic === topic)
  return h`<div class="card scroll"><table class="compact"><thead><tr><th>群名</th><th>用途</th><th>名单上的成员</th><th>绑定本群</th></tr></thead><tbody>
${list.map(([topic, what]) => {
  const b = bound(topic)
  return h`<tr><td data-label="群名">${topic}</td><td data-label="">${what}</td><td data-label="成员">${membersOf(db, topic).join('、') || '居民'}</td>
${cell('绑定本群', b ? `${when(b.at)} 由 ${b.by} 绑定（${b.members.length} 人）` : undefined)}</tr>`
})}
</tbody></table></div>
${
  db.state.roomRenames.length
    ? h`<section class="card"><h2>改过名的群</h2><ul>${db.state.roomRenames
        .slice(-10)
        .reverse()
        .map(r => h`<li>${when(r.at)} ${r.by}：「${r.from}」→「${r.to}」</li>`)}</ul></section>`
    : ''
}
<p class="muted">在工作群里由工作人员发送「绑定本群」，机器人会记下群成员，以后按成员认群。</p>`
}

/** 名单: people with roles and binding state, grids and buildings, teams, groups; editing, import and export. */
export function directoryRoutes(hono: Hono<Env>, web: Web) {
  hono.get('/directory', async c => {
    const db = web.app.view()
    const tab = TABS.some(([k]) => k === c.req.query('tab')) ? c.req.query('tab')! : 'people'
    const remarks = tab === 'people' && web.remarks ? await web.remarks().catch(() => null) : null
    const body =
      tab === 'people'
        ? people(c, db, remarks)
        : tab === 'grids'
          ? grids(db)
          : tab === 'teams'
            ? teams(db)
            : tab === 'rooms'
              ? rooms(db)
              : h`<section class="card"><h2>从 Excel 名单导入</h2>
<p>表格第一行是表头：<b>姓名、角色、网格、楼号、队伍、电话</b>（至少要有姓名）。角色可写 社区工作人员、网格长、网格员、队长、志愿者；楼号写在网格长那一行，如 11,12,13 或 11-15。</p>
${form(c, '/directory/import', h`<label for="file">名单文件（.xlsx 或 .csv）</label><input type="file" id="file" name="file" accept=".xlsx,.csv" required><div class="row"><button class="primary">预览变更</button></div>`, { multipart: true })}
<p class="muted">先预览：会列出新增和修改的人员、网格、队伍，确认无误才保存。名单里没有的人保持不变。</p></section>
<section class="card"><h2>导出名单</h2><p><a class="button" href="/directory/export.xlsx">下载 Excel（.xlsx）</a> <a class="button" href="/directory/export.csv">下载 CSV</a></p>
<p class="muted">导出的表格可以直接改好再导入。</p></section>`
    return c.html(page(c, '名单', h`${tabs(tab)}${body}`))
  })
  directoryEditRoutes(hono, web)
  rosterRoutes(hono, web)
}
