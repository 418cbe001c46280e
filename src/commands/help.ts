import type { Command, Audience } from './types.js'
import type { Actor } from '../core/directory.js'
import { isStaff, isVolunteer, isGridLeader } from '../core/directory.js'

/** 帮助: generated from the ordered command list, showing what this person may use. */
export function helpCommand(list: () => Command[]): Command {
  return {
    name: '帮助', usage: '帮助', help: '查看我能做什么', audience: 'all',
    match: text => (/^(帮助|help|菜单|功能)\s*[?？]?$/i.test(text) ? '' : null),
    run(ctx) {
      const can = audiences(ctx.actor)
      const lines = list().filter(c => can.includes(c.audience)).map(c => `「${c.usage}」${c.help}`)
      ctx.reply(['有事直接说，例如「12号楼2单元301 马桶堵了」，我会登记并转给负责的人。', '也可以发送：', ...lines].join('\n'))
    },
  }
}

function audiences(a: Actor): Audience[] {
  if (isStaff(a)) return ['all', 'worker', 'staff']
  if (isVolunteer(a) || isGridLeader(a) || a.roles.includes('gridMember')) return ['all', 'worker']
  return ['all']
}
