import type { Hono } from 'hono'
import { h } from '../html.js'
import { flash, form, page } from '../layout.js'
import { planRoster, rosterTable, type RosterPlan } from '../data/roster.js'
import { csv, readTable, xlsx } from '../sheets.js'
import { tabs } from './directory-parts.js'
import { shanghaiDay } from '../../core/calendar/days.js'
import type { C, Env, Web } from '../deps.js'

function preview(c: C, file: string, plan: RosterPlan) {
  const problems = plan.errors.length + plan.invalid.length
  return h`${tabs('import')}
<section class="card"><h2>${file}</h2>
${
  problems
    ? h`<div class="flash err"><p>名单有 ${problems} 处问题，改好后重新上传：</p><ul class="errors">
${plan.errors.map(e => h`<li>第 ${e.row} 行：${e.message}</li>`)}${plan.invalid.map(e => h`<li>${e}</li>`)}</ul></div>`
    : ''
}
${
  plan.changes.length === 0
    ? h`<p>名单和现在的一样，没有要改的。</p>`
    : h`<h3>将要${problems ? '（改正后）' : ''}做的变更（${plan.changes.length} 项）</h3>
<div class="scroll"><table class="compact"><thead><tr><th>变更</th><th>对象</th><th>名称</th><th>内容</th></tr></thead><tbody>
${plan.changes.map(x => h`<tr><td data-label="变更"><span class="badge ${x.kind === '新增' ? 'done' : 'open'}">${x.kind}</span></td><td data-label="对象">${x.what}</td><td data-label="名称">${x.name}</td><td data-label="内容">${x.details.map(d => h`<div>${d}</div>`)}</td></tr>`)}
</tbody></table></div>`
}
${plan.unlisted.length ? h`<p class="muted">名单里没有的 ${plan.unlisted.length} 人保持不变：${plan.unlisted.slice(0, 30).join('、')}${plan.unlisted.length > 30 ? ' 等' : ''}</p>` : ''}
${!problems && plan.changes.length ? form(c, '/directory/import/apply', h`<div class="row"><button class="primary">确认导入</button> <a class="button" href="/directory?tab=import">取消</a></div>`) : h`<p><a class="button" href="/directory?tab=import">返回</a></p>`}
</section>`
}

/** Roster import (preview, then apply in the app's queue) and export (.xlsx, CSV), same columns both ways. */
export function rosterRoutes(hono: Hono<Env>, web: Web) {
  hono.post('/directory/import', async c => {
    const body = await c.req.parseBody()
    const f = body.file
    if (!(f instanceof File) || f.size === 0) {
      flash(c, false, ['请选择名单文件（.xlsx 或 .csv）。'])
      return c.redirect('/directory?tab=import', 303)
    }
    let table: string[][]
    try {
      table = await readTable(f.name, new Uint8Array(await f.arrayBuffer()))
    } catch (e) {
      flash(c, false, [(e as Error).message])
      return c.redirect('/directory?tab=import', 303)
    }
    const plan = planRoster(web.app.view(), table)
    c.get('session').roster = { file: f.name, table }
    return c.html(page(c, '导入预览', preview(c, f.name, plan)), plan.errors.length || plan.invalid.length ? 422 : 200)
  })

  hono.post('/directory/import/apply', async c => {
    const s = c.get('session')
    const pending = s.roster
    if (!pending) {
      flash(c, false, ['没有等待导入的名单，请重新上传。'])
      return c.redirect('/directory?tab=import', 303)
    }
    // Planned again against the directory as it is now, inside the queue: what is saved is what was checked.
    const plan = await web.change(s.name, '导入名单', pending.file, ctx => {
      const p = planRoster(ctx.db, pending.table)
      if (p.next) Object.assign(ctx.db, { people: p.next.people, grids: p.next.grids, teams: p.next.teams, buildings: p.next.buildings })
      return p
    })
    if (!plan.next) return c.html(page(c, '导入预览', preview(c, pending.file, plan)), 422)
    s.roster = undefined
    flash(c, true, [`名单已导入：${plan.changes.length} 项变更。新增的人请发绑定码让本人绑定。`])
    return c.redirect('/directory', 303)
  })

  const name = (ext: string) => `名单-${shanghaiDay(web.clock.now())}.${ext}`
  const disposition = (file: string) => `attachment; filename="roster.${file.split('.').pop()}"; filename*=UTF-8''${encodeURIComponent(file)}`

  hono.get('/directory/export.csv', c => {
    c.header('Content-Type', 'text/csv; charset=utf-8')
    c.header('Content-Disposition', disposition(name('csv')))
    return c.body(csv(rosterTable(web.app.view())))
  })
  hono.get('/directory/export.xlsx', async c => {
    const data = await xlsx([{ name: '名单', rows: rosterTable(web.app.view()), widths: [18, 18, 8, 24, 18, 16] }])
    c.header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    c.header('Content-Disposition', disposition(name('xlsx')))
    return c.body(new Uint8Array(data))
  })
}
