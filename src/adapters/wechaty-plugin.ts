import type { Wechaty, WechatyPlugin, Message, Room, Contact } from 'wechaty'
import { FileBox } from 'file-box'
import path from 'node:path'
import { mkdir, readFile } from 'node:fs/promises'
import type { App, Incoming, Logger, RoomView, Sender, Speaker, WeChat } from '../ports.js'
import type { OutboxItem } from '../core/state.js'
import type { SessionWatch } from './session-watch.js'

/** Messages older than this are replays from before a (re)login: skip them. */
const MAX_AGE_SECONDS = 120

export interface PluginOptions {
  app: () => App
  log: Logger
  mediaDir: string
  /** Called after each message and tick, so the shell can schedule the next wake-up. */
  afterWork?: () => void
  /** Observes every inbound event from someone else, handled or skipped (the simulator waits on it). */
  onInbound?: (id: string) => void
  /** Alerts staff outside WeChat (webhook). */
  alert?: (text: string) => Promise<unknown>
  /** The session watch: while it reports a diagnosis, the generic logout alert is left to it and QR alerts are slowed. */
  session?: Pick<SessionWatch, 'troubled' | 'prompt'>
}

const QR_ALERT_EVERY_MS = 5 * 60_000
export const qrLink = (qrcode: string) => `https://wechaty.js.org/qrcode/${encodeURIComponent(qrcode)}`

/** The bot's features as a Wechaty plugin: `bot.use(LinliPlugin(...))`. */
export function LinliPlugin(opts: PluginOptions): WechatyPlugin {
  return (bot: Wechaty) => {
    const { log } = opts
    bot.on('message', async (msg: Message) => {
      const talkerId = msg.talker()?.id
      try {
        const incoming = await toIncoming(bot, msg, opts.mediaDir, log)
        if (incoming) await opts.app().handle(incoming)
      } catch (e) {
        log.error(`message handling failed: ${(e as Error).stack ?? e}`)
      } finally {
        if (talkerId && !msg.self()) opts.onInbound?.(talkerId)
        opts.afterWork?.()
      }
    })

    // Wechaty reports trouble as 'error' events; an unheard one would crash the process.
    bot.on('error', (e: Error) => log.debug(`wechaty: ${e?.message ?? e}`))

    bot.on('room-join', async (room: Room, invitees: Contact[]) => {
      try {
        const names = await Promise.all(invitees.filter(c => !c.self()).map(shownName))
        await opts.app().joined(await room.topic(), names)
      } catch (e) {
        log.error(`room-join handling failed: ${(e as Error).stack ?? e}`)
      } finally {
        opts.onInbound?.(room.id)
        opts.afterWork?.()
      }
    })

    bot.on('room-topic', async (room: Room, newTopic: string, oldTopic: string, changer: Contact) => {
      try {
        if (!changer?.self()) await opts.app().renamed(oldTopic, newTopic, changer ? await shownName(changer) : '', room.id)
      } catch (e) {
        log.error(`room-topic handling failed: ${(e as Error).stack ?? e}`)
      } finally {
        opts.onInbound?.(room.id)
        opts.afterWork?.()
      }
    })

    // Session health: pause on logout, alert staff outside WeChat with the new QR link, resume on login.
    let down = false
    let lastQrAlert = 0
    bot.on('logout', async (_user: Contact, reason?: string) => {
      if (reason === 'puppet stop()') return // our own shutdown or restart, not a dropped session
      down = true
      const diagnosed = opts.session?.troubled() ?? false // the session watch has said why, and what to do
      await opts
        .app()
        .session(false)
        .catch(e => log.error(`pause failed: ${(e as Error).stack ?? e}`))
      if (!diagnosed) await opts.alert?.('【邻里机器人】社区微信号已掉线，消息和定时提醒已暂停。请尽快用社区微信号重新扫码登录。')
    })
    bot.on('scan', async (qrcode: string) => {
      if (!down || Date.now() - lastQrAlert < QR_ALERT_EVERY_MS || (opts.session && !opts.session.prompt(qrcode))) return
      lastQrAlert = Date.now()
      await opts.alert?.(`【邻里机器人】请用社区微信号扫码重新登录：${qrLink(qrcode)}`)
    })
    bot.on('login', async () => {
      down = false
      await opts
        .app()
        .session(true)
        .catch(e => log.error(`resume failed: ${(e as Error).stack ?? e}`))
      opts.afterWork?.()
    })
  }
}

/** The name a contact shows: the account's remark, else their nickname. */
async function shownName(c: Contact): Promise<string> {
  return (await c.alias()) || c.name()
}

/** How a group member is known: `r:<remark>` when the account gave one, else `n:<nickname>`. */
async function handleOf(c: Contact): Promise<string> {
  const remark = await c.alias()
  return remark ? `r:${remark}` : `n:${c.name()}`
}

async function speakerOf(bot: Wechaty, c: Contact, room: Room | null): Promise<Speaker> {
  const remark = (await c.alias()) || null
  const nick = c.name()
  const shared = remark ? (await bot.Contact.findAll({ alias: remark })).length > 1 : false
  let nickTwins = 0
  if (room) {
    for (const m of await room.memberAll()) {
      if (m.id !== c.id && !m.self() && (await shownName(m)) === (remark ?? nick)) nickTwins++
    }
  }
  return { remark, nick, friend: c.friend() ?? false, ref: c.id, remarkShared: shared, nickTwins }
}

async function toIncoming(bot: Wechaty, msg: Message, mediaDir: string, log: Logger): Promise<Incoming | null> {
  if (msg.self()) return null
  if (msg.age() > MAX_AGE_SECONDS) {
    log.debug(`skip replayed message ${msg.id}`)
    return null
  }
  const talker = msg.talker()
  if (talker.type() !== talker.wechaty.Contact.Type.Individual) return null // official accounts and the like
  const room = msg.room()
  const who = await speakerOf(bot, talker, room ?? null)
  const base = {
    id: msg.id,
    from: who.remark ?? who.nick,
    who,
    room: room ? await room.topic() : null,
    ...(room ? { roomRef: room.id, roomMembers: await membersOf(room) } : {}),
    text: '',
    mentionsBot: room ? await msg.mentionSelf() : false,
  }
  const T = msg.wechaty.Message.Type
  switch (msg.type()) {
    case T.Text:
      return { ...base, kind: 'text', text: msg.text() }
    case T.Audio:
      return { ...base, kind: 'voice' }
    case T.Image: {
      await mkdir(mediaDir, { recursive: true })
      const box = await msg.toFileBox()
      const file = path.join(mediaDir, `${Date.now()}-${safe(msg.id)}${path.extname(box.name) || '.jpg'}`)
      await box.toFile(file, true)
      return { ...base, kind: 'image', file }
    }
    default:
      return { ...base, kind: 'other' }
  }
}

async function membersOf(room: Room): Promise<string[]> {
  const out: string[] = []
  for (const m of await room.memberAll()) if (!m.self()) out.push(await handleOf(m))
  return out
}

const safe = (s: string) => s.replace(/[^\w-]/g, '').slice(0, 40)

/** Files are sent from memory (every puppet accepts a buffer FileBox); the name is what people see. */
const fileBox = async (file: string) => FileBox.fromBuffer(await readFile(file), path.basename(file))

/**
 * Sends outbox items and answers the kernel's questions about groups and remarks. A group is the one
 * the kernel chose (`roomRef`), else the conversation's own while this login lasts, else the oldest of
 * its topic; a person is found by this login's ref, else by the remark (never by a nickname when a
 * remark holder has it), else by a nickname only one friend without a remark shows.
 */
export function wechatyPorts(bot: Wechaty, epoch: () => number): Sender & WeChat {
  const current = (item: OutboxItem) => (item.refs && item.refs.epoch === epoch() ? item.refs : undefined)

  async function findRoom(item: OutboxItem & { dest: { room: string } }, roomRef?: string): Promise<Room> {
    const ref = roomRef ?? current(item)?.room
    const room = ref ? await bot.Room.find({ id: ref }) : (await bot.Room.findAll({ topic: item.dest.room }))[0]
    if (!room) throw new Error(`找不到群「${item.dest.room}」`)
    return room
  }
  async function findContact(name: string, ref?: string): Promise<Contact> {
    if (ref) {
      const c = await bot.Contact.find({ id: ref })
      if (c) return c
    }
    const remarked = await bot.Contact.findAll({ alias: name })
    if (remarked.length === 1) return remarked[0]
    if (remarked.length > 1) throw new Error(`有 ${remarked.length} 个联系人的备注都是「${name}」`)
    const named = []
    for (const c of await bot.Contact.findAll({ name })) if (!(await c.alias()) && c.friend()) named.push(c)
    if (named.length !== 1) throw new Error(named.length ? `有 ${named.length} 个好友都叫「${name}」` : `找不到联系人「${name}」`)
    return named[0]
  }

  return {
    async send(item, roomRef) {
      if (!bot.isLoggedIn) throw new Error('微信未登录')
      if ('room' in item.dest) {
        const room = await findRoom(item as OutboxItem & { dest: { room: string } }, roomRef)
        if (item.file) await room.say(await fileBox(item.file))
        if (!item.text) return
        const refs = current(item)?.mentions ?? []
        const found: Contact[] = []
        const missing: string[] = []
        for (const [i, name] of item.mentions.entries()) {
          const byRef = refs[i] ? await bot.Contact.find({ id: refs[i] }) : undefined
          const m = byRef && (await room.has(byRef)) ? byRef : await uniqueMember(room, name)
          if (m) found.push(m)
          else missing.push(name)
        }
        const text = missing.length ? `${missing.map(n => '@' + n).join(' ')} ${item.text}` : item.text
        if (found.length) await room.say(text, ...found)
        else await room.say(text)
      } else {
        const contact = await findContact(item.dest.to, current(item)?.to)
        if (item.file) await contact.say(await fileBox(item.file))
        if (item.text) await contact.say(item.text)
      }
    },
    async roomsByTopic(topic): Promise<RoomView[]> {
      const rooms = await bot.Room.findAll({ topic })
      return Promise.all(rooms.map(async r => ({ ref: r.id, members: await membersOf(r) })))
    },
    async setRemark(ref, remark) {
      const c = await bot.Contact.find({ id: ref })
      if (!c?.friend()) throw new Error('只能给好友设置备注')
      await c.alias(remark)
    },
    async clearRemark(remark) {
      const list = await bot.Contact.findAll({ alias: remark })
      for (const c of list) await c.alias('')
      return list.length
    },
    async remarks() {
      const out: string[] = []
      for (const c of await bot.Contact.findAll()) {
        const a = await c.alias()
        if (a) out.push(a)
      }
      return out
    },
  }
}

/** The one member of the group showing this name, or undefined when none or several do. */
async function uniqueMember(room: Room, name: string): Promise<Contact | undefined> {
  const list = await room.memberAll(name)
  return list.length === 1 ? list[0] : undefined
}
