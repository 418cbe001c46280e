import { createHash, randomInt } from 'node:crypto'
import type { Command, Ctx, Feature } from '../types.js'
import { word } from '../../core/command-text.js'
import { impersonates } from '../../core/identity.js'
import { roleOfTopic } from '../../core/rooms.js'
import { dutyStaff } from '../../core/directory.js'
import { human, iso, shanghaiDate } from '../../core/time.js'
import { B } from './texts.js'

/**
 * Who is who. Roles hang on the remark (备注) the community's account gives a friend: staff issue a
 * one-time code (绑定码), the person sends it privately (绑定 123456) and the bot sets the remark itself;
 * the very first staff member gets a code from the server (`npm run bind`). Staff unbind (解绑), list
 * who is bound (绑定列表), and bind the work groups (绑定本群) so they are recognised by their members.
 * A nickname that claims a directory name, or a remark two contacts share, confers nothing and staff
 * hear of it once.
 */

const CODE_HOURS = 24

/**
 * Wrong codes today that count toward the pause for everyone: those since staff last lifted it, by a
 * code issued in chat while it held, or on the server (`npm run bind`) after it began.
 */
function pauseCount(ctx: Ctx, server: readonly { expires: string }[] = []): number {
  const today = shanghaiDate(ctx.now)
  const since = (from: number) => ctx.state.bindFailures.filter(f => shanghaiDate(new Date(f.at)) === today && Date.parse(f.at) >= from)
  let list = since(ctx.state.bindPauseLifted ? Date.parse(ctx.state.bindPauseLifted) : -Infinity)
  if (list.length >= FAILURES_FOR_ALL) {
    const began = Date.parse(list[FAILURES_FOR_ALL - 1].at)
    const lifts = server.map(c => Date.parse(c.expires) - CODE_HOURS * 3600_000).filter(t => t > began)
    if (lifts.length) list = since(Math.max(...lifts))
  }
  return list.length
}
/** Wrong codes a day: per person, and for everyone (since the last code issued) before binding by chat pauses. */
const FAILURES_PER_PERSON = 5
const FAILURES_FOR_ALL = 20
export const hashCode = (code: string) => createHash('sha256').update(`linli-bind:${code}`).digest('hex')

function observe(ctx: Ctx): boolean {
  const who = ctx.msg.who
  if (!who) return false
  // A residents' group whose members do not check out: its topic taken by another group (or its people
  // gone). Reports there are still answered (redacted, as ever); staff hear of it once a day.
  const topic = ctx.msg.room
  if (topic && ctx.room.role?.kind === 'resident' && !ctx.room.trusted && !ctx.state.roomRenames.some(r => r.to === topic)) {
    ctx.tellStaffOnce(`dup:${topic}@${iso(ctx.now).slice(0, 10)}`, B.topicTaken(topic))
  }
  if (who.remark && who.remarkShared) {
    ctx.tellStaffOnce(`shared:${who.remark}`, B.sharedRemark(who.remark))
    return true
  }
  const claimed = impersonates(ctx.db, ctx.actor, who)
  if (claimed) {
    ctx.tellStaffOnce(`nick:${claimed}`, B.impostor(claimed, ctx.msg.room))
    return true
  }
  return false
}

const issue: Command = {
  name: '绑定码',
  usage: '绑定码 3网格网格长',
  help: '给某人一个一次性绑定码，对方私聊发给我后就绑定了身份',
  who: 'staff',
  privateOnly: true,
  match: word('绑定码'),
  run(ctx, args) {
    const name = args.trim()
    if (!name || /\s/.test(name) || name.length > 20) {
      ctx.reply(B.issueUsage)
      return
    }
    const code = String(randomInt(100000, 1000000))
    const expires = new Date(ctx.now.getTime() + CODE_HOURS * 3600_000)
    ctx.state.bindCodes = ctx.state.bindCodes.filter(c => c.name !== name && Date.parse(c.expires) > ctx.now.getTime())
    ctx.state.bindCodes.push({ name, hash: hashCode(code), expires: iso(expires), by: ctx.actor.name })
    // Staff who were told of a pause and issue a code choose to go on: the pause lifts (any routine
    // code issued before a pause lifts nothing).
    const lifting = pauseCount(ctx) >= FAILURES_FOR_ALL
    if (lifting) ctx.state.bindPauseLifted = iso(ctx.now)
    ctx.audit('绑定码', name)
    ctx.reply(
      B.issued(
        name,
        code,
        human(expires),
        ctx.db.people.some(p => p.name === name),
      ) + (lifting ? `\n${B.resumed}` : ''),
    )
  },
}

const bind: Command = {
  name: '绑定',
  usage: '绑定 123456',
  help: '用工作人员给的绑定码绑定身份',
  who: 'anyone',
  privateOnly: true,
  match: text => (/^绑定\s*\d{6}$/.test(text) ? text.replace(/\D/g, '') : null),
  async run(ctx, code) {
    const who = ctx.msg.who
    if (!who) return
    const hash = hashCode(code)
    const now = ctx.now.getTime()
    // Guessing a six-digit code is cut off: a few tries per person a day, and a pause for everyone
    // when wrong codes pile up (staff are told), so nobody can try their way into a code.
    // A code staff issue after the pause lifts it: they were told, and chose to go on.
    const today = shanghaiDate(ctx.now)
    ctx.state.bindFailures = ctx.state.bindFailures.filter(f => shanghaiDate(new Date(f.at)) === today)
    const failures = ctx.state.bindFailures
    const server = await ctx.serverCodes()
    const sinceIssued = () => pauseCount(ctx, server)
    if (sinceIssued() >= FAILURES_FOR_ALL) {
      ctx.reply(B.paused)
      return
    }
    if (failures.filter(f => f.who === who.ref).length >= FAILURES_PER_PERSON) {
      ctx.reply(B.tooManyTries)
      return
    }
    const fromChat = ctx.state.bindCodes.find(c => c.hash === hash && Date.parse(c.expires) > now)
    const fromServer = fromChat ? undefined : server.find(c => c.hash === hash && Date.parse(c.expires) > now && !ctx.state.told.includes(`code:${c.hash}`))
    const entry = fromChat ?? fromServer
    if (!entry) {
      failures.push({ who: who.ref, at: iso(ctx.now) })
      if (sinceIssued() === FAILURES_FOR_ALL) ctx.tellStaffOnce(`bind-paused@${iso(ctx.now)}`, B.guessing(failures.length))
      ctx.reply(B.badCode)
      return
    }
    if (!who.friend) {
      ctx.reply(B.notFriend)
      return
    }
    try {
      await ctx.wechat.clearRemark(entry.name) // nobody else keeps the handle
      await ctx.wechat.setRemark(who.ref, entry.name)
    } catch (e) {
      ctx.log.warn(`bind ${entry.name} failed: ${(e as Error).message}`)
      ctx.reply(B.bindFailed)
      return
    }
    ctx.state.bindCodes = ctx.state.bindCodes.filter(c => c !== fromChat)
    if (fromServer) ctx.state.told.push(`code:${fromServer.hash}`) // a server code works once
    ctx.state.audit.push({ at: iso(ctx.now), by: entry.name, action: '绑定', detail: `${who.nick} → ${entry.name}` })
    const p = ctx.db.people.find(x => x.name === entry.name)
    ctx.reply(B.bound(entry.name, p?.roles ?? []))
    ctx.tellStaffOnce(`bound:${entry.name}@${iso(ctx.now)}`, B.boundToStaff(entry.name, who.nick))
    // …and whoever issued the code hears too: the duty worker may be the very name just bound.
    const issuer = fromChat?.by
    if (issuer && issuer !== entry.name && issuer !== dutyStaff(ctx.db)) ctx.send({ to: issuer }, B.boundToStaff(entry.name, who.nick), { urgent: true })
    if (entry.name === dutyStaff(ctx.db)) ctx.send({ room: ctx.db.community.staffRoom }, B.boundToStaff(entry.name, who.nick), { urgent: true })
  },
}

const unbind: Command = {
  name: '解绑',
  usage: '解绑 王阿姨',
  help: '取消某人的绑定（去掉备注，身份随之取消）',
  who: 'staff',
  privateOnly: true,
  match: word('解绑'),
  async run(ctx, args) {
    const name = args.trim()
    if (!name) {
      ctx.reply(B.unbindUsage)
      return
    }
    const n = await ctx.wechat.clearRemark(name)
    ctx.audit('解绑', name)
    ctx.reply(n ? B.unbound(name, n) : B.notBound(name))
  },
}

const list: Command = {
  name: '绑定列表',
  usage: '绑定列表',
  help: '看看名单上的人谁已绑定',
  who: 'staff',
  privateOnly: true,
  match: text => (/^(绑定列表|绑定情况|已绑定)$/.test(text) ? '' : null),
  async run(ctx) {
    const remarks = await ctx.wechat.remarks()
    const count = (n: string) => remarks.filter(r => r === n).length
    ctx.reply(B.list(ctx.db.people.map(p => ({ name: p.name, n: count(p.name) }))))
  },
}

const bindRoom: Command = {
  name: '绑定本群',
  usage: '绑定本群',
  help: '在工作群里发送，记下群成员，以后按成员认群而不只看群名',
  who: 'staff',
  match: text => (/^绑定本群$/.test(text) ? '' : null),
  run(ctx) {
    const topic = ctx.msg.room
    if (topic === null || !ctx.msg.roomMembers) {
      ctx.reply(B.bindRoomWhere)
      return
    }
    if (!roleOfTopic(ctx.db, topic)) {
      ctx.reply(B.bindRoomUnknown(topic))
      return
    }
    ctx.state.roomBindings = [
      ...ctx.state.roomBindings.filter(b => b.topic !== topic),
      { topic, members: [...ctx.msg.roomMembers], by: ctx.actor.name, at: iso(ctx.now) },
    ]
    ctx.audit('绑定本群', topic)
    ctx.reply(B.roomBound(topic, ctx.msg.roomMembers.length))
  },
}

/** A group's topic changed: a directory group renamed (or a topic taken) is noted, and staff hear once. */
function renamed(ctx: Ctx, from: string, to: string, by: string): boolean {
  const was = roleOfTopic(ctx.db, from)
  const taken = roleOfTopic(ctx.db, to)
  if (!was && !taken) return false
  ctx.state.roomRenames = [...ctx.state.roomRenames.filter(r => r.to !== to), { from, to, by, at: iso(ctx.now) }].slice(-50)
  ctx.tellStaffOnce(`renamed:${from}>${to}@${iso(ctx.now)}`, B.renamed(from, to, by, was?.kind === 'resident'))
  return true
}

export const identity: Feature = {
  name: 'identity',
  observe,
  renamed,
  commands: [issue, bind, unbind, list, bindRoom],
}
