import type { Hono } from 'hono'
import { createHash } from 'node:crypto'
import { h } from '../html.js'
import { flash, form, page, refused } from '../layout.js'
import { errorList } from './directory-parts.js'
import { field, options } from '../view.js'
import { isRoutine, nextDays, ruleText } from '../data/calendar.js'
import type { C, Env, Web } from '../deps.js'
import type { Db } from '../../core/schema.js'
import { audienceLabel, CalendarSchema, type Calendar, type CalendarEntry } from '../../core/calendar/index.js'
import { describeIssues } from '../../core/schema.js'

const audiences = (db: Db): [string, string][] => [
  ['全体', '全体居民群'],
  ...db.grids.map(g => [`${g.id}网格`, `${g.id}网格居民群`] as [string, string]),
  ['工作群', db.community.staffRoom],
  ...db.teams.map(t => [t.name, `${t.name}工作群`] as [string, string]),
]

const entryRow = (e: CalendarEntry) => h`<tr><td data-label="名称"><a href="/calendar/entry?id=${encodeURIComponent(e.id)}">${e.title}</a></td>
<td data-label="">${ruleText(e.rule)} ${e.time}</td><td data-label="→">${e.audiences.map(audienceLabel).join('、')}</td></tr>`

const entryTable = (list: CalendarEntry[]) =>
  h`<div class="scroll"><table class="compact"><thead><tr><th>名称</th><th>时间</th><th>发给</th></tr></thead><tbody>${list.map(entryRow)}</tbody></table></div>`

/** Validates a changed calendar like start-up does; the section is replaced (the db writer caches it by identity). */
async function saveCalendar(web: Web, c: C, action: string, detail: string, make: (cal: Calendar) => Calendar | string): Promise<string[]> {
  return web.change(c.get('session').name, action, detail, ctx => {
    const next = make(ctx.db.calendar)
    if (typeof next === 'string') return [next]
    const r = CalendarSchema.safeParse(next)
    if (!r.success) return describeIssues('calendar', r.error).split('\n')
    ctx.db.calendar = r.data
    return []
  })
}

/** 日程: the next 30 days of what will be sent; events, festivals and birthdays added, edited and deleted. */
export function calendarRoutes(hono: Hono<Env>, web: Web) {
  const me = (c: C) => c.get('session').name

  hono.get('/calendar', c => {
    const db = web.app.view()
    const days = nextDays(db.calendar, web.clock.now(), 30)
    const routines = [...db.calendar.entries, ...db.calendar.festivals].filter(isRoutine)
    const birthdays = db.calendar.entries.filter(e => /生日/.test(e.title))
    const events = db.calendar.entries.filter(e => !isRoutine(e) && !/生日/.test(e.title))
    return c.html(
      page(
        c,
        '日程',
        h`<div class="grid2"><section class="card"><h2>未来30天要发的</h2>
${routines.map(e => h`<p class="muted small">${ruleText(e.rule)} ${e.time} ${e.title} → ${e.audiences.map(audienceLabel).join('、')}</p>`)}
${
  days.length
    ? days.map(
        d =>
          h`<div class="day">${d.label}</div><ul class="list tight">${d.items.map(
            i => h`<li><div class="head"><b>${i.time}</b>${i.lead ? h`<span class="badge">提醒</span>` : ''}
${i.entry ? h`<a href="/calendar/entry?id=${encodeURIComponent(i.entry.id)}">${i.entry.title}</a>` : ''}<span class="meta">→ ${i.to}</span></div>
<details><summary>内容</summary><div class="preview">${i.text}</div></details></li>`,
          )}</ul>`,
      )
    : h`<p class="muted">未来30天没有安排。</p>`
}
<p class="muted small">晚上21:00到早上7:30不发，节假日遇上工作日规则的会顺延。</p></section>
<div><section class="card"><h2>添加活动</h2>${form(
          c,
          '/calendar/add',
          h`
<div class="row"><div><label for="when">日期</label><input type="text" id="when" name="when" required placeholder="12月20日、每周三、农历八月十五"></div>
<div><label for="time">时间</label><input type="time" id="time" name="time" value="09:00" required></div></div>
<label for="aud">发给</label><select id="aud" name="audience">${options(audiences(db), '全体')}</select>
<label for="text">内容</label><textarea id="text" name="text" required maxlength="500" placeholder="家庭趣味运动会在社区广场举行"></textarea>
<div class="row"><button class="primary">添加</button></div>
<p class="muted small">某一天的活动会在3天前和当天早上各提醒一次。</p>`,
        )}</section>
<section class="card"><h2>添加老人生日</h2>${form(
          c,
          '/calendar/birthday',
          h`
<div class="row"><div><label for="bname">老人姓名</label><input type="text" id="bname" name="name" required maxlength="20" placeholder="王桂芳奶奶"></div>
<div><label for="bgrid">网格</label><select id="bgrid" name="grid">${options(
            db.grids.map(g => [String(g.id), `${g.id}网格`]),
            '1',
          )}</select></div></div>
<div class="row"><div><label for="cal">历法</label><select id="cal" name="lunar">${options(
            [
              ['1', '农历'],
              ['0', '公历'],
            ],
            '1',
          )}</select></div>
<div><label for="bm">月</label><input type="number" id="bm" name="month" min="1" max="12" required></div>
<div><label for="bd">日</label><input type="number" id="bd" name="day" min="1" max="31" required></div></div>
<div class="row"><button class="primary">添加生日</button></div>
<p class="muted small">生日当天 09:00 提醒桂兰聊天室和网格长上门看望。</p>`,
        )}</section></div></div>
<section class="card"><h2>活动</h2>${events.length ? entryTable(events) : h`<p class="muted">没有。</p>`}</section>
<section class="card"><h2>生日</h2>${birthdays.length ? entryTable(birthdays) : h`<p class="muted">没有。</p>`}</section>
<section class="card"><h2>节日祝福</h2>${entryTable(db.calendar.festivals)}</section>`,
      ),
    )
  })

  // The chat's 日程 添加: the same reader of dates, audiences and reminders.
  hono.post('/calendar/add', async c => {
    const body = await c.req.parseBody()
    const replies = await web.perform(
      me(c),
      '日程添加',
      `日程 添加 ${field(body, 'when')} ${field(body, 'time')} ${field(body, 'audience')} ${field(body, 'text')}`,
    )
    flash(c, !refused(replies) && /^已添加/.test(replies[0] ?? ''), replies)
    return c.redirect('/calendar', 303)
  })

  hono.post('/calendar/birthday', async c => {
    const body = await c.req.parseBody()
    const name = field(body, 'name'),
      grid = Number(field(body, 'grid')),
      month = Number(field(body, 'month')),
      day = Number(field(body, 'day'))
    const lunar = field(body, 'lunar') === '1'
    const db = web.app.view()
    const rule = { kind: lunar ? ('lunar' as const) : ('yearly' as const), month, day }
    const when = ruleText(rule)
    const entry: CalendarEntry = {
      id: `birthday-${createHash('sha1').update(`${name}${grid}${when}`).digest('hex').slice(0, 8)}`,
      title: `${name}生日（${when}）`,
      text: `今天是${grid}网格${name}的${lunar ? '农历' : ''}生日。请桂兰聊天室志愿者和${grid}网格网格长上门看望，送上生日祝福。`,
      audiences: [...(db.teams.some(t => t.name === '桂兰聊天室') ? [{ kind: 'team' as const, team: '桂兰聊天室' }] : []), { kind: 'gridLeader', grid }],
      time: '09:00',
      rule: rule,
    }
    const errors = name
      ? await saveCalendar(web, c, '添加生日', entry.title, cal =>
          cal.entries.some(e => e.id === entry.id) ? '这个生日已经有了' : { ...cal, entries: [...cal.entries, entry] },
        )
      : ['请写上老人姓名']
    flash(c, errors.length === 0, errors.length ? errors : [`已添加：${entry.title}`])
    return c.redirect('/calendar', 303)
  })

  const entryPage = (c: C, e: CalendarEntry, errors: string[]) =>
    page(
      c,
      e.title,
      h`${errorList(errors)}<section class="card">
<p class="muted">${ruleText(e.rule)} ${e.time} → ${e.audiences.map(audienceLabel).join('、')}${e.no ? `（编号 ${e.no}）` : ''}</p>
${form(
  c,
  `/calendar/entry?id=${encodeURIComponent(e.id)}`,
  h`
<label for="title">名称</label><input type="text" id="title" name="title" value="${e.title}" required maxlength="60">
<label for="time">时间</label><input type="time" id="time" name="time" value="${e.time}" required>
<label for="text">发送内容</label><textarea id="text" name="text" required maxlength="800">${e.text}</textarea>
${e.leads ? h`<p class="muted small">提醒：${e.leads.map(l => `${l.daysBefore ? `${l.daysBefore}天前` : '当天'} ${l.time}`).join('、')}</p>` : ''}
<div class="row"><button class="primary">保存</button> <a class="button" href="/calendar">返回</a></div>`,
)}</section>
<section class="card">${form(c, `/calendar/entry/delete?id=${encodeURIComponent(e.id)}`, h`<button class="danger">删除这项日程</button>`, { confirm: `确定删除「${e.title}」吗？` })}</section>`,
    )

  const find = (id: string) => [...web.app.view().calendar.festivals, ...web.app.view().calendar.entries].find(e => e.id === id)

  hono.get('/calendar/entry', c => {
    const e = find(c.req.query('id') ?? '')
    return e ? c.html(entryPage(c, e, [])) : c.html(page(c, '没有这项日程', h`<p><a href="/calendar">返回日程</a></p>`), 404)
  })

  hono.post('/calendar/entry', async c => {
    const id = c.req.query('id') ?? ''
    const body = await c.req.parseBody()
    const v = { title: field(body, 'title'), time: field(body, 'time'), text: field(body, 'text') }
    const edit = (list: CalendarEntry[]) => list.map(e => (e.id === id ? { ...e, ...v } : e))
    const errors = await saveCalendar(web, c, '修改日程', `${id} ${v.title}`, cal =>
      find(id) ? { ...cal, festivals: edit(cal.festivals), entries: edit(cal.entries) } : '没有这项日程',
    )
    const e = find(id)
    if (errors.length && e) return c.html(entryPage(c, { ...e, ...v }, errors), 422)
    flash(c, errors.length === 0, errors.length ? errors : [`已保存：${v.title}`])
    return c.redirect('/calendar', 303)
  })

  hono.post('/calendar/entry/delete', async c => {
    const id = c.req.query('id') ?? ''
    const e = find(id)
    const errors = await saveCalendar(web, c, '删除日程', `${id} ${e?.title ?? ''}`, cal =>
      e ? { ...cal, festivals: cal.festivals.filter(x => x.id !== id), entries: cal.entries.filter(x => x.id !== id) } : '没有这项日程',
    )
    flash(c, errors.length === 0, errors.length ? errors : [`已删除：${e?.title}`])
    return c.redirect('/calendar', 303)
  })
}
