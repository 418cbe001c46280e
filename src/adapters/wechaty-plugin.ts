import type { Wechaty, WechatyPlugin, Message, Room, Contact } from 'wechaty'
import { FileBox } from 'file-box'
import path from 'node:path'
import { mkdir, readFile } from 'node:fs/promises'
import type { App, Incoming, Logger, Sender } from '../ports.js'
import type { OutboxItem } from '../core/state.js'

/** Messages older than this are replays from before a (re)login: skip them. */
const MAX_AGE_SECONDS = 120

export interface PluginOptions {
  app: () => App
  log: Logger
  mediaDir: string
  /** Called after each message and tick, so the shell can schedule the next wake-up. */
  afterWork?: () => void
  /** Observes every inbound message from someone else, handled or skipped (the simulator waits on it). */
  onInbound?: (talkerId: string) => void
  /** Alerts staff outside WeChat (webhook). */
  alert?: (text: string) => Promise<unknown>
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
        const incoming = await toIncoming(msg, opts.mediaDir, log)
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
        const names = await Promise.all(invitees.filter(c => !c.self()).map(displayName))
        await opts.app().joined(await room.topic(), names)
      } catch (e) {
        log.error(`room-join handling failed: ${(e as Error).message}`)
      } finally {
        opts.onInbound?.(room.id)
        opts.afterWork?.()
      }
    })

    // Session health: pause on logout, alert staff outside WeChat with the new QR link, resume on login.
    let down = false
    let lastQrAlert = 0
    bot.on('logout', async (_user: Contact, reason?: string) => {
      if (reason === 'puppet stop()') return   // our own shutdown or restart, not a dropped session
      down = true
      await opts.app().session(false).catch(e => log.error(`pause failed: ${e}`))
      await opts.alert?.('【邻里机器人】社区微信号已掉线，消息和定时提醒已暂停。请尽快用社区微信号重新扫码登录。')
    })
    bot.on('scan', async (qrcode: string) => {
      if (!down || Date.now() - lastQrAlert < QR_ALERT_EVERY_MS) return
      lastQrAlert = Date.now()
      await opts.alert?.(`【邻里机器人】请用社区微信号扫码重新登录：${qrLink(qrcode)}`)
    })
    bot.on('login', async () => {
      down = false
      await opts.app().session(true).catch(e => log.error(`resume failed: ${e}`))
      opts.afterWork?.()
    })
  }
}

async function toIncoming(msg: Message, mediaDir: string, log: Logger): Promise<Incoming | null> {
  if (msg.self()) return null
  if (msg.age() > MAX_AGE_SECONDS) { log.debug(`skip replayed message ${msg.id}`); return null }
  const talker = msg.talker()
  if (talker.type() !== talker.wechaty.Contact.Type.Individual) return null  // official accounts and the like
  const room = msg.room()
  const base = {
    id: msg.id,
    from: await displayName(talker),
    room: room ? await room.topic() : null,
    text: '',
    mentionsBot: room ? await msg.mentionSelf() : false,
  }
  const T = msg.wechaty.Message.Type
  switch (msg.type()) {
    case T.Text: return { ...base, kind: 'text', text: msg.text() }
    case T.Audio: return { ...base, kind: 'voice' }
    case T.Image: {
      await mkdir(mediaDir, { recursive: true })
      const box = await msg.toFileBox()
      const file = path.join(mediaDir, `${Date.now()}-${safe(msg.id)}${path.extname(box.name) || '.jpg'}`)
      await box.toFile(file, true)
      return { ...base, kind: 'image', file }
    }
    default: return { ...base, kind: 'other' }
  }
}

const safe = (s: string) => s.replace(/[^\w-]/g, '').slice(0, 40)

/** People are known by the bot account's remark (alias), else their display name: ids change at each login. */
async function displayName(c: Contact): Promise<string> {
  return (await c.alias()) || c.name()
}

/** Files are sent from memory (every puppet accepts a buffer FileBox); the name is what people see. */
const fileBox = async (file: string) => FileBox.fromBuffer(await readFile(file), path.basename(file))

/** Sends outbox items through Wechaty, finding rooms by topic and people by remark or name. */
export function wechatySender(bot: Wechaty): Sender {
  const rooms = new Map<string, Room>()
  bot.on('login', () => rooms.clear())

  async function findRoom(topic: string): Promise<Room> {
    const cached = rooms.get(topic)
    if (cached) return cached
    const room = await bot.Room.find({ topic })
    if (!room) throw new Error(`找不到群「${topic}」`)
    rooms.set(topic, room)
    return room
  }
  async function findContact(name: string): Promise<Contact> {
    const c = (await bot.Contact.find({ alias: name })) ?? (await bot.Contact.find({ name }))
    if (!c) throw new Error(`找不到联系人「${name}」`)
    return c
  }

  return {
    async send(item: OutboxItem) {
      if (!bot.isLoggedIn) throw new Error('微信未登录')
      if ('room' in item.dest) {
        const room = await findRoom(item.dest.room)
        if (item.file) await room.say(await fileBox(item.file))
        if (!item.text) return
        const found: Contact[] = []
        const missing: string[] = []
        for (const name of item.mentions) {
          const m = await room.member(name)
          if (m) found.push(m); else missing.push(name)
        }
        const text = missing.length ? `${missing.map(n => '@' + n).join(' ')} ${item.text}` : item.text
        if (found.length) await room.say(text, ...found)
        else await room.say(text)
      } else {
        const contact = await findContact(item.dest.to)
        if (item.file) await contact.say(await fileBox(item.file))
        if (item.text) await contact.say(item.text)
      }
    },
  }
}
