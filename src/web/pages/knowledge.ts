import type { Hono } from 'hono'
import { h } from '../html.js'
import { flash, form, page } from '../layout.js'
import { errorList } from './directory-parts.js'
import { field, options } from '../view.js'
import type { C, Env, Web } from '../deps.js'
import { answerQuestion, KnowledgeSchema, type KnowledgeEntry } from '../../core/kb/index.js'
import { describeIssues } from '../../core/schema.js'

const KINDS: [string, string][] = [
  ['answer', '固定回答'],
  ['outage', '停水停电（引用最近的通知）'],
  ['outside', '社区管不了的事（指引 12345）'],
]
/** {what} in an outage answer stands for 停水 / 停电 / 停气. */
const shown = (answer: string) => answer.replaceAll('{what}', '停水（停电、停气）')
const lines = (s: string) =>
  s
    .split(/\r?\n/)
    .map(x => x.trim())
    .filter(Boolean)
const words = (s: string) =>
  s
    .split(/[、,，\s]+/)
    .map(x => x.trim())
    .filter(Boolean)

/** The entry from the form: keyword groups one a line (synonyms separated by 、), questions one a line. */
function entryOf(body: Record<string, unknown>, old?: KnowledgeEntry): KnowledgeEntry {
  return {
    id: field(body, 'id') || old?.id || '',
    title: field(body, 'title'),
    kind: (['answer', 'outage', 'outside'].includes(field(body, 'kind')) ? field(body, 'kind') : 'answer') as KnowledgeEntry['kind'],
    keywords: lines(field(body, 'keywords')).map(words),
    except: words(field(body, 'except')),
    questions: lines(field(body, 'questions')),
    answer: field(body, 'answer'),
    utilities:
      old?.utilities ??
      (field(body, 'kind') === 'outage'
        ? [
            { name: '停水', words: ['停水', '没水'] },
            { name: '停电', words: ['停电', '没电'] },
          ]
        : []),
  }
}

/** Enough rows to show what a field holds (3 to 12). */
const rows = (n: number) => Math.min(12, Math.max(3, n + 1))

function editor(c: C, e: Partial<KnowledgeEntry>, action: string, isNew: boolean) {
  return form(
    c,
    action,
    h`
${isNew ? h`<label for="id">编号（小写字母、数字和连字符，如 pension-card）</label><input type="text" id="id" name="id" value="${e.id ?? ''}" required pattern="[a-z0-9][a-z0-9\\-]*">` : ''}
<label for="title">标题</label><input type="text" id="title" name="title" value="${e.title ?? ''}" required maxlength="60">
<label for="kind">类型</label><select id="kind" name="kind">${options(KINDS, e.kind ?? 'answer')}</select>
<label for="keywords">关键词：每行一组，同义词用「、」隔开；问题里每组都要出现一个词</label><textarea id="keywords" name="keywords" required rows="${rows((e.keywords ?? []).length)}">${(e.keywords ?? []).map(g => g.join('、')).join('\n')}</textarea>
<label for="except">排除词（出现就不回答，用「、」隔开）</label><textarea id="except" name="except" rows="${rows(Math.ceil((e.except ?? []).join('、').length / 18))}">${(e.except ?? []).join('、')}</textarea>
<label for="questions">例句：每行一句居民可能的问法</label><textarea id="questions" name="questions" rows="${rows((e.questions ?? []).length)}">${(e.questions ?? []).join('\n')}</textarea>
<label for="answer">回答（居民看到的原文${e.kind === 'outage' ? '；{what} 会换成 停水、停电 或 停气' : ''}）</label><textarea id="answer" name="answer" required maxlength="800" rows="${rows(Math.ceil((e.answer ?? '').length / 18))}">${e.answer ?? ''}</textarea>
<div class="row"><button class="primary">保存</button> <a class="button" href="/knowledge">返回</a></div>`,
  )
}

/** Saves the knowledge base after the same checks as start-up; the section is replaced, never mutated. */
function save(web: Web, c: C, action: string, detail: string, make: (list: KnowledgeEntry[]) => KnowledgeEntry[] | string): Promise<string[]> {
  return web.change(c.get('session').name, action, detail, ctx => {
    const next = make(ctx.db.knowledge)
    if (typeof next === 'string') return [next]
    const r = KnowledgeSchema.safeParse(next)
    if (!r.success) return describeIssues('knowledge', r.error).split('\n')
    ctx.db.knowledge = r.data
    return []
  })
}

/** 知识库: the everyday questions and answers the bot gives, edited and tried out. */
export function knowledgeRoutes(hono: Hono<Env>, web: Web) {
  hono.get('/knowledge', c => {
    const db = web.app.view()
    const q = (c.req.query('q') ?? '').trim()
    const notices = db.state.broadcasts.filter(b => b.status === 'sending' || b.status === 'done').map(b => ({ text: b.text, sentAt: b.sendAt }))
    const hit = q ? answerQuestion(q, db.knowledge, notices, web.clock.now()) : null
    return c.html(
      page(
        c,
        '知识库',
        h`<section class="card"><h2>试一试</h2>
<form method="get" action="/knowledge"><div class="row"><input type="search" name="q" value="${q}" placeholder="输入居民可能问的话，如：开居住证明要带什么？" aria-label="试问"><button>试问</button></div></form>
${q ? (hit ? h`<p>会用「${db.knowledge.find(e => e.id === hit.entryId)?.title}」回答：</p><div class="preview">${hit.answer}</div>` : h`<p class="muted">没有条目回答这句话（不是问句，或关键词不全）。</p>`) : ''}</section>
<p><a class="button primary" href="/knowledge/new">添加问答</a></p>
<ul class="list">${db.knowledge.map(
          e => h`<li><div class="head"><a class="id" href="/knowledge/edit?id=${e.id}">${e.title}</a><span class="badge">${KINDS.find(k => k[0] === e.kind)![1].replace(/（.*$/, '')}</span></div>
<p class="text">${shown(e.answer).length > 90 ? shown(e.answer).slice(0, 90) + '…' : shown(e.answer)}</p><div class="meta">关键词：${e.keywords.map(g => g.join('/')).join(' + ')}</div></li>`,
        )}</ul>
<p class="muted small">按顺序匹配，排在前面的先回答；新添加的条目放在最前面。</p>`,
      ),
    )
  })

  hono.get('/knowledge/new', c => c.html(page(c, '添加问答', h`<section class="card">${editor(c, {}, '/knowledge/new', true)}</section>`)))

  hono.post('/knowledge/new', async c => {
    const e = entryOf(await c.req.parseBody())
    // A new entry goes first: entries match in order, and what staff add is usually more specific than
    // the general entries (office hours, matters outside the community) that would otherwise answer.
    const errors = await save(web, c, '知识库添加', `${e.id} ${e.title}`, list => [e, ...list])
    if (errors.length) return c.html(page(c, '添加问答', h`${errorList(errors)}<section class="card">${editor(c, e, '/knowledge/new', true)}</section>`), 422)
    flash(c, true, [`已添加：${e.title}`])
    return c.redirect('/knowledge', 303)
  })

  const find = (id: string) => web.app.view().knowledge.find(e => e.id === id)

  hono.get('/knowledge/edit', c => {
    const e = find(c.req.query('id') ?? '')
    if (!e) return c.html(page(c, '没有这个条目', h`<p><a href="/knowledge">返回知识库</a></p>`), 404)
    return c.html(
      page(
        c,
        e.title,
        h`<section class="card">${editor(c, e, `/knowledge/edit?id=${e.id}`, false)}</section>
<section class="card">${form(c, `/knowledge/delete?id=${e.id}`, h`<button class="danger">删除这个条目</button>`, { confirm: `确定删除「${e.title}」吗？` })}</section>`,
      ),
    )
  })

  hono.post('/knowledge/edit', async c => {
    const id = c.req.query('id') ?? ''
    const old = find(id)
    const e = entryOf(await c.req.parseBody(), old)
    e.id = id
    const errors = await save(web, c, '知识库修改', `${id} ${e.title}`, list =>
      list.some(x => x.id === id) ? list.map(x => (x.id === id ? e : x)) : '没有这个条目',
    )
    if (errors.length)
      return c.html(page(c, e.title || id, h`${errorList(errors)}<section class="card">${editor(c, e, `/knowledge/edit?id=${id}`, false)}</section>`), 422)
    flash(c, true, [`已保存：${e.title}`])
    return c.redirect('/knowledge', 303)
  })

  hono.post('/knowledge/delete', async c => {
    const id = c.req.query('id') ?? ''
    const errors = await save(web, c, '知识库删除', id, list => list.filter(x => x.id !== id))
    flash(c, errors.length === 0, errors.length ? errors : ['已删除。'])
    return c.redirect('/knowledge', 303)
  })
}
