import type { Hono } from 'hono'
import { realpath, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { h } from '../html.js'
import { flash, form, page, refused } from '../layout.js'
import { eventText, field, options, statusBadge, when } from '../view.js'
import type { C, Env, Web } from '../deps.js'
import type { Ticket } from '../../core/types.js'
import { addNote, addressOf, findTicket, handlerLabel, isOpen, transition } from '../../core/tickets.js'
import { GRID_LEADER, gridById } from '../../core/directory.js'
import { fromWeb } from '../../core/identity.js'
import { monthsFor } from '../../core/archive.js'
import { routeToHandler } from '../../core/routing.js'
import { huddle } from '../../core/report/index.js'
import { statsOptions } from '../../core/deadlines.js'
import { T } from '../../core/texts.js'

const PHOTO_TYPES: Record<string, string> = { '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.gif': 'image/gif', '.webp': 'image/webp' }

/** What the console says to handlers about its own moves (Simplified Chinese). */
const W = {
  reopened: (t: Ticket, by: string, note: string) =>
    `【重新处理 #${t.id}】${by} 重新打开了此单${note ? `：${note}` : ''}。请尽快跟进，接单请回复「接单 ${t.id}」。`,
}

/** A live ticket, or one from the monthly archive files (read only). */
async function loadTicket(web: Web, id: number): Promise<{ t: Ticket; archived: boolean } | undefined> {
  const state = web.app.view().state
  const live = findTicket(state, id)
  if (live) return { t: live, archived: false }
  for (const month of monthsFor(state, id)) {
    const t = (await web.archive.load(month)).find(x => x.id === id)
    if (t) return { t, archived: true }
  }
  return undefined
}

/** Who may take the ticket: its assignee, the team's people, the grid's leader and member. */
function workers(web: Web, t: Ticket): string[] {
  const db = web.app.view()
  const g = gridById(db, t.grid)
  const team = t.target === GRID_LEADER ? [] : db.people.filter(p => p.team === t.target).map(p => p.name)
  return [...new Set([t.assignee, ...team, ...(g ? [g.leader, ...(g.member ? [g.member] : [])] : [])])].filter(n => db.people.some(p => p.name === n))
}

function actions(c: C, web: Web, t: Ticket) {
  const db = web.app.view()
  const id = t.id
  const open = isOpen(t)
  const targets: [string, string][] = [
    ...db.teams.map(x => [x.name, x.name] as [string, string]),
    [GRID_LEADER, `网格长（${t.grid ? `${t.grid}网格` : '按楼号'}）`],
  ]
  return h`<section class="card"><h2>处理</h2><div class="actions">
${
  open
    ? form(
        c,
        `/tickets/${id}/transfer`,
        h`<label for="target">转派给</label>
<div class="row"><select id="target" name="target">${options(
          targets.filter(([v]) => v !== t.target),
          undefined,
        )}</select><button class="primary">转派</button></div>`,
      )
    : ''
}
${t.urgent && !t.ack && open ? form(c, `/tickets/${id}/ack`, h`<label>紧急工单：确认已看到、有人在处置（停止继续提醒和短信）</label><div class="row"><button class="primary">收到</button></div>`) : ''}
${
  t.status === 'open'
    ? form(
        c,
        `/tickets/${id}/accept`,
        h`<label for="for">接单（代承办人接单时选择本人）</label>
<div class="row"><select id="for" name="for">${options([['', '我自己接单'], ...workers(web, t).map(n => [n, `代 ${n} 接单`] as [string, string])], undefined)}</select><button>接单</button></div>`,
      )
    : ''
}
${form(c, `/tickets/${id}/note`, h`<label for="note">添加备注（只在后台可见）</label><textarea id="note" name="note" required maxlength="500" placeholder="例如：已电话联系居民，明天上门"></textarea><div class="row"><button>添加备注</button></div>`)}
${open ? form(c, `/tickets/${id}/not-request`, h`<label for="nr">不是报修（闲聊、误报）：关闭此单，不计入评价和积分，并记入识别纠错</label><input type="text" id="nr" name="note" maxlength="200" placeholder="原因（可不填）"><div class="row"><button class="danger">标为不是报修</button></div>`, { confirm: `确定把 #${id} 标为不是报修并关闭吗？` }) : ''}
${!open ? form(c, `/tickets/${id}/reopen`, h`<label for="ro">重新打开（回到待接单，通知承办人）</label><input type="text" id="ro" name="note" maxlength="200" placeholder="原因，例如：居民说还在漏水"><div class="row"><button>重新打开</button></div>`, { confirm: `确定重新打开 #${id} 吗？` }) : ''}
</div></section>`
}

function detail(c: C, web: Web, t: Ticket, archived: boolean) {
  const db = web.app.view()
  const overdue = !archived && huddle([t], web.clock.now(), statsOptions(db.settings)).overdue.length > 0
  return h`<div class="grid2"><section class="card">
<p>${statusBadge(t.status)} ${t.urgent ? h`<span class="badge urgent">紧急</span>` : ''} ${overdue ? h`<span class="badge overdue">超时</span>` : ''} ${archived ? h`<span class="badge">已归档</span>` : ''}</p>
<div class="quote">${t.text}</div>
<dl class="facts">
<dt>类别</dt><dd>${t.category}</dd>
<dt>承办</dt><dd>${handlerLabel(t)}${t.assignee !== handlerLabel(t) ? `（${t.assignee}）` : ''}</dd>
<dt>地址</dt><dd>${addressOf(t)}${t.grid ? `，${t.grid}网格` : ''}</dd>
${t.contactPhone ? h`<dt>电话</dt><dd><a href="tel:${t.contactPhone.replace(/[^0-9]/g, '')}">${t.contactPhone}</a>（居民在网页上留的，只给处理的人）</dd>` : ''}
<dt>报告人</dt><dd>${t.reporters.join('、')}</dd>
<dt>来自</dt><dd>${t.room ?? (fromWeb(t) ? '网页报修' : '私聊')}</dd>
<dt>报告</dt><dd>${when(t.createdAt)}</dd>
${t.urgent ? h`<dt>确认</dt><dd>${t.ack ? `${t.ack.by}，${when(t.ack.at)}` : '尚无人确认'}</dd>` : ''}
<dt>接单</dt><dd>${when(t.acceptedAt)}</dd>
<dt>完成</dt><dd>${when(t.doneAt)}</dd>
<dt>办结</dt><dd>${when(t.closedAt)}</dd>
</dl>
${t.photos.length ? h`<h3>照片</h3><div class="photos">${t.photos.map((_, i) => h`<a href="/tickets/${t.id}/photos/${i}"><img src="/tickets/${t.id}/photos/${i}" alt="照片 ${i + 1}" loading="lazy"></a>`)}</div>` : ''}
<p class="muted small">地址、电话、报告人和照片只在后台可见，不会发到居民群。</p>
</section>
<section class="card"><h2>经过</h2><ol class="timeline">${t.history.map(e => {
    const x = eventText(e)
    return h`<li><time>${when(e.at)}</time><b>${x.what}</b> · ${e.by}${x.note ? h`<div class="small">${x.note}</div>` : ''}</li>`
  })}</ol></section></div>
${archived ? '' : actions(c, web, t)}`
}

/** The ticket page: the full timeline, photos and the address (staff only), and the moves staff make. */
export function ticketDetailRoutes(hono: Hono<Env>, web: Web) {
  const idOf = (c: C) => Number(c.req.param('id'))
  const back = (c: C) => c.redirect(`/tickets/${idOf(c)}`, 303)
  const me = (c: C) => c.get('session').name

  hono.get('/tickets/:id{[0-9]+}', async c => {
    const found = await loadTicket(web, idOf(c))
    if (!found) return c.html(page(c, '没有这个工单', h`<p>没有找到单号 #${idOf(c)}。<a href="/tickets">返回工单列表</a></p>`), 404)
    return c.html(page(c, `工单 #${found.t.id}`, detail(c, web, found.t, found.archived)))
  })

  // Photos: only files in the db's media/ folder that the ticket names (no path from the request).
  hono.get('/tickets/:id{[0-9]+}/photos/:n{[0-9]+}', async c => {
    const found = await loadTicket(web, idOf(c))
    const file = found?.t.photos[Number(c.req.param('n'))]
    const type = file ? PHOTO_TYPES[path.extname(file).toLowerCase()] : undefined
    if (!file || !type) return c.text('没有这张照片', 404)
    try {
      const [dir, real] = await Promise.all([realpath(web.mediaDir), realpath(file)])
      if (!real.startsWith(dir + path.sep) || !(await stat(real)).isFile()) return c.text('没有这张照片', 404)
      c.header('Content-Type', type)
      c.header('Cache-Control', 'private, max-age=3600')
      return c.body(new Uint8Array(await readFile(real)))
    } catch {
      return c.text('没有这张照片', 404)
    }
  })

  // Chat's own commands, run as the signed-in staff member: same permissions, transitions and messages.
  hono.post('/tickets/:id{[0-9]+}/transfer', async c => {
    const target = field(await c.req.parseBody(), 'target')
    const replies = await web.perform(me(c), '转派', `转派 ${idOf(c)} ${target}`)
    flash(c, !refused(replies), replies)
    return back(c)
  })

  // 收到: an urgent matter acknowledged from the console, through the same command as in chat.
  hono.post('/tickets/:id{[0-9]+}/ack', async c => {
    const replies = await web.perform(me(c), '收到', `收到 ${idOf(c)}`)
    flash(c, !refused(replies), replies)
    return back(c)
  })

  // 接单 on someone's behalf: staff run 接单 themselves (the kernel's checks, the same transition and the
  // reporter is told), and the person they took it for is written on the timeline. The move is recorded
  // as the staff member's, which is what happened; points still go to whoever finishes the ticket.
  hono.post('/tickets/:id{[0-9]+}/accept', async c => {
    const onBehalf = field(await c.req.parseBody(), 'for')
    const id = idOf(c)
    const replies = await web.perform(me(c), '接单', `接单 ${id}`)
    const ok = !refused(replies)
    if (ok && onBehalf) {
      await web.change(me(c), '代接单', `#${id} ${onBehalf}`, ctx => {
        const t = findTicket(ctx.db.state, id)
        if (t) addNote(t, ctx.now, me(c), `代 ${onBehalf} 接单`)
      })
    }
    flash(c, ok, replies)
    return back(c)
  })

  hono.post('/tickets/:id{[0-9]+}/note', async c => {
    const note = field(await c.req.parseBody(), 'note').slice(0, 500)
    const id = idOf(c)
    if (!note) {
      flash(c, false, ['备注不能为空。'])
      return back(c)
    }
    const ok = await web.change(me(c), '备注', `#${id} ${note.slice(0, 80)}`, ctx => {
      const t = findTicket(ctx.db.state, id)
      if (t) addNote(t, ctx.now, me(c), note)
      return !!t
    })
    flash(c, ok, [ok ? `已给 #${id} 添加备注。` : `没有找到单号 #${id}。`])
    return back(c)
  })

  // 不是报修: the chat command (the correction recorded, the resident told politely, the handler told).
  hono.post('/tickets/:id{[0-9]+}/not-request', async c => {
    const note = field(await c.req.parseBody(), 'note')
      .replace(/\s+/g, ' ')
      .slice(0, 200)
    const replies = await web.perform(me(c), '不是报修', `不是报修 ${idOf(c)} ${note}`.trim())
    flash(c, !refused(replies), replies)
    return back(c)
  })

  hono.post('/tickets/:id{[0-9]+}/reopen', async c => {
    const note = field(await c.req.parseBody(), 'note').slice(0, 200)
    const id = idOf(c)
    const by = me(c)
    const r = await web.change(by, '重新打开', `#${id}${note ? ` ${note}` : ''}`, ctx => {
      const t = findTicket(ctx.db.state, id)
      if (!t) return `没有找到单号 #${id}（已归档的工单不能重新打开）。`
      const m = transition(t, 'reopen', ctx.now, by, { note: note || undefined })
      if (!m.ok) return T.badState(t, '重新打开')
      for (const o of routeToHandler(ctx.db, t, W.reopened(t, by, note))) ctx.send(o.dest, o.text)
      return null
    })
    flash(c, r === null, [r ?? `已重新打开 #${id}，已通知承办人。`])
    return back(c)
  })
}
