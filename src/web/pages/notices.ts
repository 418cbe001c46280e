import type { Hono } from 'hono'
import { h } from '../html.js'
import { flash, form, page, refused } from '../layout.js'
import { field, options, when } from '../view.js'
import type { C, Env, Web } from '../deps.js'
import type { Broadcast } from '../../core/state.js'
import type { Db } from '../../core/schema.js'
import { noticeText } from '../../core/broadcast.js'
import { redact } from '../../core/redact.js'
import { isWorkRole, roleOfTopic } from '../../core/rooms.js'

const STATUS: Record<Broadcast['status'], string> = { confirming: '待确认', scheduled: '已排定', sending: '发送中', done: '已发完', cancelled: '已取消' }

/** Exactly what each group receives: the header, the words, the signature; hidden door and phone numbers outside work groups. */
export function perGroup(db: Db, b: Pick<Broadcast, 'text' | 'building' | 'rooms'>): { room: string; text: string }[] {
  const text = noticeText(db, b)
  return b.rooms.map(room => ({ room, text: isWorkRole(roleOfTopic(db, room)) ? text : redact(text, db.community.publicPhones) }))
}

/** Per group: sent, failed (why) or waiting, from the outbox while the broadcast's items are kept. */
function deliveries(db: Db, b: Broadcast) {
  const items = db.state.outbox.filter(o => o.tag === `broadcast:${b.id}`)
  if (!items.length) return b.status === 'done' ? h`<p class="muted small">已发完，发送报告已私聊发给 ${b.by}。</p>` : ''
  return h`<ul class="small">${items.map(o => h`<li>${'room' in o.dest ? o.dest.room : o.dest.to}：${o.status === 'sent' ? h`<span class="ok-text">已送达 ${when(o.sentAt)}</span>` : o.status === 'failed' ? h`<span class="errors">未送达（${o.error ?? '原因不明'}）</span>` : '排队中'}</li>`)}</ul>`
}

function groupsPreview(db: Db, b: Broadcast) {
  // Groups receiving the same text are shown once.
  const by = new Map<string, string[]>()
  for (const g of perGroup(db, b)) by.set(g.text, [...(by.get(g.text) ?? []), g.room])
  return [...by].map(
    ([text, rooms]) =>
      h`<h3>${rooms.length > 3 ? `${rooms.length} 个群（${rooms.slice(0, 2).join('、')} 等）` : rooms.join('、')} 收到：</h3><div class="preview">${text}</div>`,
  )
}

function item(c: C, db: Db, b: Broadcast, me: string) {
  return h`<li><div class="head"><b>通知 #${b.id}</b><span class="badge ${b.status === 'done' ? 'done' : b.status === 'cancelled' ? 'cancelled' : 'open'}">${STATUS[b.status]}</span>
<span>${b.label}</span><span class="meta">${b.by} · ${when(b.sendAt)}${b.status === 'scheduled' ? ' 发送' : ''}</span></div>
<p class="text">${b.text.length > 100 ? b.text.slice(0, 100) + '…' : b.text}</p>
${deliveries(db, b)}
<div class="row">${b.status === 'confirming' && b.by === me ? form(c, '/notices/confirm', h`<button class="primary">确认发送</button>`) : ''}
${b.status === 'confirming' || b.status === 'scheduled' ? form(c, `/notices/${b.id}/cancel`, h`<button class="danger">取消</button>`) : ''}</div></li>`
}

function compose(c: C, db: Db, v: Record<string, string>) {
  const targets: [string, string][] = [
    ['全体', '全体居民群'],
    ...db.grids.map(g => [`${g.id}网格`, `${g.id}网格居民群`] as [string, string]),
    ['building', '某栋楼（填下面的楼号）'],
    ...db.teams.map(t => [t.name, `${t.name}工作群`] as [string, string]),
    ['工作群', db.community.staffRoom],
  ]
  return form(
    c,
    '/notices/preview',
    h`
<div class="row"><div><label for="target">发给</label><select id="target" name="target">${options(targets, v.target || '全体')}</select></div>
<div><label for="building">楼号（发给某栋楼时）</label><input type="number" id="building" name="building" min="1" value="${v.building ?? ''}" placeholder="如 12"></div></div>
<label for="text">通知内容</label><textarea id="text" name="text" required maxlength="800" placeholder="例如：明天上午9点至12点停水，请提前储水">${v.text ?? ''}</textarea>
<div class="row"><div><label for="at">定时发送（不填则确认后立即发）</label><input type="datetime-local" id="at" name="at" value="${v.at ?? ''}"></div></div>
<div class="row"><button class="primary">预览</button></div>
<p class="muted small">先预览每个群会收到的原文，确认后才发。门牌号和私人电话发到居民群会自动隐藏；晚上21:00到早上7:30不发，会顺延到早上。</p>`,
  )
}

/** 通知: compose with a preview of what each group receives, send now or later, delivery reports. */
export function noticeRoutes(hono: Hono<Env>, web: Web) {
  const me = (c: C) => c.get('session').name
  hono.get('/notices', c => {
    const db = web.app.view()
    const list = [...db.state.broadcasts].reverse().slice(0, 30)
    return c.html(
      page(
        c,
        '通知',
        h`<section class="card"><h2>发通知</h2>${compose(c, db, {})}</section>
<section><h2>最近的通知</h2>${list.length ? h`<ul class="list">${list.map(b => item(c, db, b, me(c)))}</ul>` : h`<p class="muted">还没有发过通知。</p>`}</section>`,
      ),
    )
  })

  // The chat's 通知 / 定时通知: the same audiences, preview, quiet hours and 确认.
  hono.post('/notices/preview', async c => {
    const body = await c.req.parseBody()
    const v = { target: field(body, 'target'), building: field(body, 'building'), text: field(body, 'text'), at: field(body, 'at') }
    const audience = v.target === 'building' ? `${v.building}号楼` : v.target
    const at = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/.exec(v.at)
    const command = at ? `定时通知 ${at[1]} ${at[2]} ${audience} ${v.text}` : `通知 ${audience} ${v.text}`
    const replies = await web.perform(me(c), '通知预览', command)
    const db = web.app.view()
    const b = [...db.state.broadcasts].reverse().find(x => x.status === 'confirming' && x.by === me(c))
    if (refused(replies) || !b) {
      flash(c, false, replies)
      return c.html(page(c, '通知', h`<section class="card"><h2>发通知</h2>${compose(c, db, v)}</section>`), 422)
    }
    return c.html(
      page(
        c,
        `预览：通知 #${b.id}`,
        h`<section class="card">
<p>${replies[0].split('\n')[0]}</p>
${groupsPreview(db, b)}
${replies[0]
  .split('\n')
  .filter(l => l.startsWith('⚠'))
  .map(l => h`<p class="errors">${l}</p>`)}
<div class="row">${form(c, '/notices/confirm', h`<button class="primary">确认发送</button>`)}${form(c, `/notices/${b.id}/cancel`, h`<button>不发了</button>`)}</div>
<p class="muted small">5分钟内确认有效。</p></section>`,
      ),
    )
  })

  hono.post('/notices/confirm', async c => {
    const replies = await web.perform(me(c), '确认通知', '确认')
    flash(c, !refused(replies), replies)
    return c.redirect('/notices', 303)
  })

  hono.post('/notices/:id{[0-9]+}/cancel', async c => {
    const replies = await web.perform(me(c), '取消通知', `取消通知 ${c.req.param('id')}`)
    flash(c, !refused(replies), replies)
    return c.redirect('/notices', 303)
  })
}
