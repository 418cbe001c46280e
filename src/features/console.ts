import type { Command, Feature } from './types.js'

/** What the console feature says (Simplified Chinese). */
const C = {
  link: (url: string) => `后台登录链接（10分钟内有效，只能用一次）：\n${url}\n请用手机或电脑浏览器打开，不要转发给别人。`,
  busy: '刚才已经发过几次登录链接了，请过几分钟再试。',
  off: '后台网页没有开启。请管理员在服务器上设置 WEB_PORT 后重启机器人。',
}

/**
 * 后台: a bound staff member asks privately for a one-time link to the staff console (src/web). The
 * kernel checks the role (from the remark, like every role) and that the chat is private; the console
 * checks the directory again when the link is used and on every request.
 */
const consoleCommand: Command = {
  name: '后台',
  usage: '后台',
  help: '获取后台网页的一次性登录链接',
  who: 'staff',
  privateOnly: true,
  match: text => (/^(后台|管理后台|后台登录)$/.test(text) ? '' : null),
  run(ctx) {
    const url = ctx.consoleLink(ctx.actor.name)
    if (url === null) {
      ctx.reply(C.off)
      return
    }
    if (url === 'busy') {
      ctx.reply(C.busy)
      return
    }
    ctx.audit('后台链接', ctx.actor.name)
    ctx.reply(C.link(url))
  },
}

/** The staff console's sign-in. */
export const consoleSignIn: Feature = { name: 'console', commands: [consoleCommand] }
