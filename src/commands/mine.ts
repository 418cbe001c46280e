import type { Command } from './types.js'
import { STATUS_TEXT } from '../core/tickets.js'
import { T } from '../core/texts.js'

export const mine: Command = {
  name: '我的报修', usage: '我的报修', help: '列出您报过的问题', audience: 'all',
  match: text => (/^我的(报修|工单|求助)\s*$/.test(text) ? '' : null),
  run(ctx) {
    const list = ctx.state.tickets.filter(t => t.reporters.includes(ctx.actor.name)).slice(-10)
    if (list.length === 0) { ctx.reply(T.noneMine); return }
    ctx.reply(['您的报修：', ...list.map(t => `#${t.id} ${t.category} ${STATUS_TEXT[t.status]}`)].join('\n'))
  },
}
