import type { Command, Feature, Who } from './types.js'
import { allowed } from '../kernel/permissions.js'
import { T } from '../core/texts.js'

/** 帮助: generated from the ordered feature list, showing what this person may use. */
export function help(list: () => Command[]): Feature {
  const command: Command = {
    name: '帮助',
    usage: '帮助',
    help: '查看我能做什么',
    who: 'anyone',
    match: text => (/^(帮助|help|菜单|功能)\s*[?？]?$/i.test(text) ? '' : null),
    run(ctx) {
      const lines = list()
        .filter(c => allowed(ctx.actor, c.who))
        .map(helpLine)
      ctx.reply([T.helpIntro(ctx.msg.room !== null), ...lines].join('\n'))
    },
  }
  return { name: 'help', commands: [command] }
}

export const helpLine = (c: Command) => `「${c.usage}」${c.help}${c.privateOnly ? '（私聊）' : ''}`

/** Which commands each kind of person sees in 帮助 (the README's list is generated from the same). */
export const WHO_LABEL: Record<Who, string> = { anyone: '居民', worker: '志愿者和网格长', staff: '社区工作人员' }
