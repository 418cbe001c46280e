import type { Command, Feature } from './types.js'
import { word } from '../core/command-text.js'
import { atShanghai, shanghaiDate, human } from '../core/time.js'

const ROLE_WORDS: Record<string, string> = { 工作人员: 'staff', 社工: 'staff', 网格员: 'gridMember', 志愿者: 'volunteer' }

/** What 授权 says (Simplified Chinese). */
const G = {
  usage: (usage: string) => `用法：「${usage}」，可在最后加上 工作人员/网格员/志愿者。`,
  unknownRole: (word: string) => `不认识的身份「${word}」，可以是：${Object.keys(ROLE_WORDS).join('、')}。`,
  shared: (name: string, n: number) => `有 ${n} 个联系人的备注都是「${name}」，请先「解绑 ${name}」再重新绑定，然后授权。`,
  unbound: (name: string) => `「${name}」还没有绑定。请先发「绑定码 ${name}」，让本人私聊我绑定后再授权。`,
  granted: (name: string, role: string, until: string) => `已授权 ${name} 今天以「${role}」身份操作，${until} 失效。`,
}

/** 授权 名字 今天 [工作人员|网格员|志愿者]: staff grant someone a role until midnight, as 居委会 bots do. */
const grantCommand: Command = {
  name: '授权',
  usage: '授权 王阿姨 今天',
  help: '给某人今天的临时权限（默认工作人员）',
  who: 'staff',
  match: word('授权'),
  async run(ctx, args) {
    const [name, when, roleWord] = args.split(' ')
    if (!name || when !== '今天') {
      ctx.reply(G.usage(this.usage))
      return
    }
    const role = ROLE_WORDS[roleWord ?? '工作人员']
    if (!role) {
      ctx.reply(G.unknownRole(roleWord))
      return
    }
    // A grant hangs on the remark, like every role: a nickname anyone can take would carry it otherwise.
    const holders = (await ctx.wechat.remarks()).filter(r => r === name).length
    if (holders !== 1) {
      ctx.reply(holders ? G.shared(name, holders) : G.unbound(name))
      return
    }
    const until = new Date(atShanghai(shanghaiDate(ctx.now), '00:00').getTime() + 86_400_000)
    ctx.state.grants = ctx.state.grants.filter(g => Date.parse(g.until) > ctx.now.getTime())
    ctx.state.grants.push({ name, role, until: until.toISOString(), by: ctx.actor.name })
    ctx.audit('授权', `${name} ${role}`)
    ctx.reply(G.granted(name, roleWord ?? '工作人员', human(until)))
  },
}

/** Staff give someone a role for the rest of the day. */
export const grant: Feature = { name: 'grant', commands: [grantCommand] }
