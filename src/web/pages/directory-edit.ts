import type { Hono } from 'hono'
import { h } from '../html.js'
import { flash, form, page, refused } from '../layout.js'
import { field, options } from '../view.js'
import { readBuildings, validateDirectory } from '../data/roster.js'
import { errorList, personForm, ROLES, tabs } from './directory-parts.js'
import type { C, Env, Web } from '../deps.js'
import type { Db, Directory, Person, Role } from '../../core/schema.js'

/** A person from the form (roles as checkboxes). */
async function personOf(c: C): Promise<Person> {
  const body = await c.req.parseBody({ all: true })
  const list = (v: unknown) => (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string')
  const roles = list(body.roles).filter((r): r is Role => (ROLES as string[]).includes(r))
  const one = (k: string) => {
    const v = list(body[k])[0]
    return v ? v.trim() : ''
  }
  const grid = one('grid'),
    team = one('team'),
    phone = one('phone')
  return { name: one('name'), roles, ...(grid ? { grid: Number(grid) } : {}), ...(team ? { team } : {}), ...(phone ? { phone } : {}) }
}

/**
 * Saves directory sections through the app's queue after the same checks as start-up, against the db as
 * it is then; sections are replaced (never mutated in place: the db writer caches them by identity).
 */
async function save(web: Web, c: C, action: string, detail: string, make: (db: Db) => Partial<Directory> | string): Promise<string[]> {
  return web.change(c.get('session').name, action, detail, ctx => {
    const sections = make(ctx.db)
    if (typeof sections === 'string') return [sections]
    const errors = validateDirectory(ctx.db, sections)
    if (errors.length) return errors
    Object.assign(ctx.db, sections)
    return []
  })
}

export function directoryEditRoutes(hono: Hono<Env>, web: Web) {
  const personPage = (c: C, p: Partial<Person>, original: string | null, errors: string[]) =>
    page(
      c,
      original ? `修改：${original}` : '添加人员',
      h`${tabs('people')}${errorList(errors)}
<section class="card">${personForm(c, web.app.view(), p, original ? `/directory/person?name=${encodeURIComponent(original)}` : '/directory/people/new', '保存')}</section>
${
  original
    ? h`<section class="card">${form(c, `/directory/person/delete?name=${encodeURIComponent(original)}`, h`<button class="danger">从名单删除</button>`, { confirm: `确定从名单删除 ${original} 吗？` })}
<p class="muted">网格长或队长要先换人，才能删除。</p></section>`
    : ''
}`,
    )

  hono.get('/directory/person', c => {
    const name = c.req.query('name') ?? ''
    const p = web.app.view().people.find(x => x.name === name)
    if (!p) return c.html(page(c, '没有这个人', h`<p><a href="/directory">返回名单</a></p>`), 404)
    return c.html(personPage(c, p, name, []))
  })

  hono.post('/directory/people/new', async c => {
    const p = await personOf(c)
    const errors = await save(web, c, '添加人员', p.name, db =>
      db.people.some(x => x.name === p.name) ? `名单里已经有「${p.name}」` : { people: [...db.people, p] },
    )
    if (errors.length) return c.html(personPage(c, p, null, errors), 422)
    flash(c, true, [`已添加 ${p.name}。请点「发绑定码」让本人绑定微信。`])
    return c.redirect('/directory', 303)
  })

  hono.post('/directory/person', async c => {
    const original = c.req.query('name') ?? ''
    const p = await personOf(c)
    const errors = await save(web, c, '修改人员', original === p.name ? p.name : `${original} → ${p.name}`, db => {
      const i = db.people.findIndex(x => x.name === original)
      if (i < 0) return `名单里没有「${original}」`
      if (p.name !== original && db.people.some(x => x.name === p.name)) return `名单里已经有「${p.name}」`
      // A new name carries over to the grids and teams that named the old one.
      const rename = (n: string) => (n === original ? p.name : n)
      return {
        people: db.people.map((x, j) => (j === i ? p : x)),
        grids: db.grids.map(g => ({ ...g, leader: rename(g.leader), ...(g.member ? { member: rename(g.member) } : {}) })),
        teams: db.teams.map(t => ({ ...t, lead: rename(t.lead) })),
      }
    })
    if (errors.length) return c.html(personPage(c, p, original, errors), 422)
    flash(c, true, [`已保存 ${p.name}。`])
    return c.redirect('/directory', 303)
  })

  hono.post('/directory/person/delete', async c => {
    const name = c.req.query('name') ?? ''
    const errors = await save(web, c, '删除人员', name, db => ({ people: db.people.filter(x => x.name !== name) }))
    flash(c, errors.length === 0, errors.length ? [`没有删除 ${name}：`, ...errors] : [`已从名单删除 ${name}。如已绑定，可在微信里发「解绑 ${name}」。`])
    return c.redirect(errors.length ? `/directory/person?name=${encodeURIComponent(name)}` : '/directory', 303)
  })

  // One-time binding codes, issued by the chat command (staff only, audited, 24 h).
  hono.post('/directory/code', async c => {
    const name = field(await c.req.parseBody(), 'name')
    const replies = await web.perform(c.get('session').name, '绑定码', `绑定码 ${name}`)
    flash(c, !refused(replies), replies)
    return c.redirect('/directory', 303)
  })

  const gridPage = (c: C, id: number, v: { leader: string; member: string; buildings: string; room: string }, errors: string[]) => {
    const names: [string, string][] = web.app.view().people.map(p => [p.name, p.name])
    return page(
      c,
      `${id}网格`,
      h`${tabs('grids')}${errorList(errors)}<section class="card">${form(
        c,
        `/directory/grid?id=${id}`,
        h`
<label for="leader">网格长</label><select id="leader" name="leader">${options(names, v.leader)}</select>
<label for="member">网格员</label><select id="member" name="member">${options([['', '无'], ...names], v.member)}</select>
<label for="buildings">楼号（如 11,12,13 或 11-15）</label><input type="text" id="buildings" name="buildings" value="${v.buildings}" required>
<label for="room">居民群名（要和微信群名完全一样）</label><input type="text" id="room" name="room" value="${v.room}" required>
<div class="row"><button class="primary">保存</button></div>`,
      )}</section>`,
    )
  }

  hono.get('/directory/grid', c => {
    const g = web.app.view().grids.find(x => x.id === Number(c.req.query('id')))
    if (!g) return c.html(page(c, '没有这个网格', h`<p><a href="/directory?tab=grids">返回</a></p>`), 404)
    return c.html(gridPage(c, g.id, { leader: g.leader, member: g.member ?? '', buildings: g.buildings.join(','), room: g.room }, []))
  })

  hono.post('/directory/grid', async c => {
    const id = Number(c.req.query('id'))
    const body = await c.req.parseBody()
    const v = { leader: field(body, 'leader'), member: field(body, 'member'), buildings: field(body, 'buildings'), room: field(body, 'room') }
    const bs = readBuildings(v.buildings)
    const errors =
      bs === null || bs.length === 0
        ? [`楼号「${v.buildings}」看不懂，请写成 11,12,13 或 11-15`]
        : await save(web, c, '修改网格', `${id}网格`, db => {
            if (!db.grids.some(g => g.id === id)) return `没有 ${id} 网格`
            const grids = db.grids.map(g =>
              g.id !== id ? g : { id, room: v.room, leader: v.leader, ...(v.member ? { member: v.member } : {}), buildings: bs },
            )
            return { grids, buildings: [...new Set([...db.buildings, ...bs])].sort((a, b) => a - b) }
          })
    if (errors.length) return c.html(gridPage(c, id, v, errors), 422)
    flash(c, true, [`已保存 ${id}网格。`])
    return c.redirect('/directory?tab=grids', 303)
  })

  const teamPage = (c: C, name: string, v: { lead: string; room: string; takes: string }, errors: string[]) =>
    page(
      c,
      name,
      h`${tabs('teams')}${errorList(errors)}<section class="card">${form(
        c,
        `/directory/team?name=${encodeURIComponent(name)}`,
        h`
<label for="lead">队长</label><select id="lead" name="lead">${options(
          web.app.view().people.map(p => [p.name, p.name]),
          v.lead,
        )}</select>
<label for="room">工作群名（要和微信群名完全一样）</label><input type="text" id="room" name="room" value="${v.room}" required>
<label for="takes">负责哪些事（写给工作人员看）</label><textarea id="takes" name="takes" maxlength="500">${v.takes}</textarea>
<div class="row"><button class="primary">保存</button></div>`,
      )}</section>`,
    )

  hono.get('/directory/team', c => {
    const t = web.app.view().teams.find(x => x.name === c.req.query('name'))
    if (!t) return c.html(page(c, '没有这支队伍', h`<p><a href="/directory?tab=teams">返回</a></p>`), 404)
    return c.html(teamPage(c, t.name, { lead: t.lead, room: t.room, takes: t.takes }, []))
  })

  hono.post('/directory/team', async c => {
    const name = c.req.query('name') ?? ''
    const body = await c.req.parseBody()
    const v = { lead: field(body, 'lead'), room: field(body, 'room'), takes: field(body, 'takes') }
    const errors = await save(web, c, '修改队伍', name, db =>
      db.teams.some(t => t.name === name) ? { teams: db.teams.map(t => (t.name !== name ? t : { ...t, ...v })) } : `没有队伍「${name}」`,
    )
    if (errors.length) return c.html(teamPage(c, name, v, errors), 422)
    flash(c, true, [`已保存 ${name}。`])
    return c.redirect('/directory?tab=teams', 303)
  })
}
