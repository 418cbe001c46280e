import { PuppetMock, mock } from 'wechaty-puppet-mock'
import type { FileBoxInterface } from 'file-box'
import { ScanStatus, type Wechaty } from 'wechaty'
import type { App, ConsoleLink, Logger } from '../ports.js'
import { allRooms, membersOf } from '../core/directory.js'
import { iso } from '../core/time.js'
import { bootBot } from '../boot.js'
import { openStore, readDb, type DbStore } from '../adapters/store.js'
import { seeded, type SimClock } from './clock.js'
import { createAlerter } from '../adapters/alert.js'
import type { SessionWatch } from '../adapters/session-watch.js'

export interface TranscriptLine {
  at: string
  room?: string
  roomIndex?: number
  to?: string
  text: string
  file?: string
}

type ContactMock = InstanceType<typeof mock.ContactMock>
type RoomMock = InstanceType<typeof mock.RoomMock>

/**
 * A puppet that behaves like WeChat where trust depends on it: only the account sets remarks, a private
 * message to someone who is not a friend fails, and every send is recorded on the virtual clock before
 * it is delivered to the mock world.
 */
class RecordingPuppet extends PuppetMock {
  constructor(
    mocker: mock.Mocker,
    private record: (conversationId: string, text: string, file?: string) => void,
  ) {
    super({ mocker })
  }
  private reachable(conversationId: string) {
    if (/@/.test(conversationId)) return
    if (!this.mocker.contactPayload(conversationId).friend) throw new Error('对方不是好友，无法私聊')
  }
  override async messageSendText(conversationId: string, text: string) {
    this.reachable(conversationId)
    const id = await super.messageSendText(conversationId, text)
    this.record(conversationId, text)
    return id
  }
  /** The mock cannot echo a buffer FileBox back into its world (file-box#25), so a file send is recorded only. */
  override async messageSendFile(conversationId: string, file: FileBoxInterface) {
    if (!this.isLoggedIn) throw new Error('not logged in')
    this.reachable(conversationId)
    this.record(conversationId, '', file.name)
    return undefined
  }
  /** The account's remark for a contact: set by the bot, read by anyone. */
  // biome-ignore lint/suspicious/noExplicitAny: the base class overloads get (string) and set (void) in one method
  override async contactAlias(contactId: string, alias?: string | null): Promise<any> {
    const payload = this.mocker.contactPayload(contactId)
    if (alias === undefined) return payload.alias ?? ''
    payload.alias = alias || undefined
  }
}

const MAX_STEPS = 1_000_000
const SETTLE_HORIZON_MS = 60_000

/** The demo community played in wechaty-puppet-mock on a virtual clock, with the real bot in it. */
export class SimWorld {
  readonly mocker = new mock.Mocker()
  readonly transcript: TranscriptLine[] = []
  /** People by their handle in the scenario (the name they first appeared with), whatever WeChat now shows. */
  private contacts = new Map<string, ContactMock>()
  private handles = new Map<string, string>()
  /** Groups in order of creation; several may share a topic. */
  private rooms: RoomMock[] = []
  private inbound = new Map<string, number>()
  private waiters: Array<() => void> = []
  private botUser!: ContactMock
  private bot?: Wechaty
  app!: App
  store!: DbStore
  /** The session watch of the running bot (diagnosis, QR pacing, puppet capabilities). */
  session!: SessionWatch
  private qrCount = 0
  private random: () => number

  constructor(
    readonly dbFile: string,
    readonly clock: SimClock,
    private log: Logger,
    private onLine: (l: TranscriptLine) => void = () => undefined,
    seed = 1,
    private alertUrl?: string,
    private consoleLink?: ConsoleLink,
  ) {
    this.random = seeded(seed)
  }

  /** Builds the rooms and people of the directory and starts the bot. */
  async init(): Promise<void> {
    const dir = await readDb(this.dbFile)
    this.botUser = this.mocker.createContact({ name: dir.community.botName, alias: undefined })
    // The directory's people are the account's friends, remarked with their directory names.
    for (const p of dir.people) this.contact(p.name, true)
    for (const topic of allRooms(dir)) {
      const members = membersOf(dir, topic).map(n => this.contact(n).id)
      this.rooms.push(this.mocker.createRoom({ topic, memberIdList: [this.botUser.id, ...members] }))
    }
    await this.startBot()
  }

  /** Someone by handle; a name not seen before is a stranger: a nickname, no remark, not a friend. */
  private contact(handle: string, directory = false): ContactMock {
    let c = this.contacts.get(handle)
    if (!c) {
      c = this.mocker.createContact({ name: handle, alias: directory ? handle : undefined, friend: directory })
      this.contacts.set(handle, c)
      this.handles.set(c.id, handle)
    }
    return c
  }

  /** The newest group with this topic, or a new one with the bot in it. */
  private room(topic: string): RoomMock {
    const r = this.rooms.filter(x => x.payload.topic === topic).at(-1)
    if (r) return r
    const created = this.mocker.createRoom({ topic, memberIdList: [this.botUser.id] })
    this.rooms.push(created)
    return created
  }

  private record = (conversationId: string, text: string, file?: string) => {
    const at = iso(this.clock.now())
    let line: TranscriptLine
    if (/@/.test(conversationId)) {
      const topic = this.mocker.roomPayload(conversationId).topic
      const index = this.rooms.filter(x => x.payload.topic === topic).findIndex(x => x.id === conversationId)
      line = { at, room: topic, ...(index > 0 ? { roomIndex: index } : {}), text }
    } else {
      line = { at, to: this.handles.get(conversationId) ?? this.mocker.contactPayload(conversationId).name, text }
    }
    if (file) line.file = file
    this.transcript.push(line)
    this.onLine(line)
  }

  async startBot(): Promise<void> {
    const store = await openStore(this.dbFile, this.log)
    this.store = store
    // The puppet logs its options as JSON: drop the old puppet's back-reference so that is not circular.
    ;(this.mocker as unknown as { _puppet?: unknown })._puppet = undefined
    const puppet = new RecordingPuppet(this.mocker, this.record)
    const { bot, app, session } = bootBot({
      puppet,
      puppetName: 'wechaty-puppet-mock',
      store,
      dbFile: this.dbFile,
      clock: this.clock,
      log: this.log,
      random: this.random,
      onInbound: id => {
        this.inbound.set(id, (this.inbound.get(id) ?? 0) + 1)
        for (const w of this.waiters.splice(0)) w()
      },
      alert: createAlerter(this.alertUrl, this.log),
      consoleLink: this.consoleLink,
    })
    this.bot = bot
    this.app = app
    this.session = session
    const loggedIn = new Promise<void>(resolve => bot.once('login', () => resolve()))
    await bot.start()
    this.mocker.login(this.botUser)
    await loggedIn
    await this.app.tick()
    await this.settle()
  }

  async restart(): Promise<void> {
    await this.bot?.stop()
    await this.store?.close() // one store per file: the old one lets go of the lock first
    await this.startBot()
  }

  /** The WeChat session drops (as the web protocol does every day or two). */
  async logout(): Promise<void> {
    await this.bot?.logout()
    await until(() => !this.bot?.isLoggedIn)
  }

  /** Staff scan the QR code again. */
  async login(): Promise<void> {
    const back = new Promise<void>(resolve => this.bot!.once('login', () => resolve()))
    this.mocker.login(this.botUser)
    await back
    await this.settle()
  }

  /**
   * What a puppet reports while the account logs in: a new QR code ('waiting') or the phone has scanned
   * it ('scanned'). Returns the code.
   */
  scan(status: 'waiting' | 'scanned' = 'waiting'): string {
    if (status === 'waiting') this.qrCount++
    const qrcode = `https://login.weixin.qq.com/l/sim-${this.qrCount}`
    this.mocker.scan(qrcode, status === 'waiting' ? ScanStatus.Waiting : ScanStatus.Scanned)
    return qrcode
  }

  /** The puppet reports an error, as wechat4u does when WeChat refuses the session ("AssertionError [ERR_ASSERTION]: '1102' == 0"). */
  puppetError(message: string): void {
    this.mocker.puppet.emit('error', { data: message })
  }

  /**
   * WeChat lets the account log in, then throws it out at once (wechaty/wechaty#2774): a scan, the
   * login, wechat4u's 1101/1102 assertions, the logout. Resolves once the bot has heard the logout.
   */
  async kickAfterLogin(): Promise<void> {
    this.scan('waiting')
    this.scan('scanned')
    await this.login()
    this.puppetError("AssertionError [ERR_ASSERTION]: '1102' == 0")
    const out = new Promise<void>(resolve => this.bot!.once('logout', () => resolve()))
    await this.bot!.logout()
    await out
  }

  async stop(): Promise<void> {
    await this.bot?.stop()
    this.bot = undefined
    await this.store?.close()
  }

  /**
   * One inbound event from `from`, in a group (joined on first speaking, as SCENARIOS.md says) or
   * privately: `emit` hands it to the mock; then wait until the bot has taken it in, and settle.
   */
  private async deliver(from: string, room: string | null, settle: boolean, emit: (c: ContactMock, r: RoomMock | undefined) => void): Promise<void> {
    const c = this.contact(from)
    const r = room ? this.room(room) : undefined
    if (r && !r.payload.memberIdList.includes(c.id)) r.payload.memberIdList.push(c.id)
    // Writing to the bot privately means having added it as a friend first.
    if (!r && !c.payload.friend)
      await this.refreshContact(c, () => {
        c.payload.friend = true
      })
    const before = this.inbound.get(c.id) ?? 0
    emit(c, r)
    await this.inboundAfter(c.id, before)
    if (settle) await this.settle()
  }

  /** A message from `from`, in a group (`room`) or privately (null). */
  say(from: string, room: string | null, text: string, mention = false, settle = true): Promise<void> {
    return this.deliver(from, room, settle, (c, r) => c.say(text, r && mention ? [this.botUser] : []).to(r ?? this.botUser))
  }

  /** A photo or voice message (a FileBox the mock can carry: base64, URL or QR code; a .silk name makes it voice). */
  sendFile(from: string, room: string | null, box: FileBoxInterface): Promise<void> {
    return this.deliver(from, room, true, (c, r) => c.say(box).to(r ?? this.botUser))
  }

  /** Delivers a message with a given id, as Wechaty does when it redelivers or replays one. */
  redeliver(from: string, room: string, text: string, id: string): Promise<void> {
    return this.deliver(from, room, true, (c, r) => {
      if (!this.mocker.cacheMessagePayload.has(id)) {
        this.mocker.MessageMock.create({ id, talkerId: c.id, roomId: r!.id, text, mentionIdList: [], timestamp: Date.now(), type: 7 })
      }
      this.mocker.puppet.emit('message', { messageId: id })
    })
  }

  /** Changes a contact's payload and makes Wechaty read it again. */
  private async refreshContact(c: ContactMock, change: () => void): Promise<void> {
    change()
    const contact = await this.bot?.Contact.find({ id: c.id })
    await contact?.sync()
  }

  /** Someone changes their WeChat nickname (never their remark). */
  async rename(handle: string, to: string): Promise<void> {
    const c = this.contact(handle)
    await this.refreshContact(c, () => {
      c.payload.name = to
    })
  }

  /** Whoever holds the community's phone gives a contact a remark by hand (a mistake can give one twice). */
  async remark(handle: string, remark: string): Promise<void> {
    const c = this.contact(handle)
    await this.refreshContact(c, () => {
      c.payload.alias = remark || undefined
    })
  }

  /** A member changes a group's topic; `in` uses the new topic afterwards. */
  async renameRoom(topic: string, to: string, by: string): Promise<void> {
    const r = this.room(topic)
    const c = this.contact(by)
    if (!r.payload.memberIdList.includes(c.id)) r.payload.memberIdList.push(c.id)
    const before = this.inbound.get(r.id) ?? 0
    r.topic(to).by(c)
    await this.inboundAfter(r.id, before, 2000).catch(() => undefined)
    const room = await this.bot?.Room.find({ id: r.id })
    await room?.sync()
    await this.settle()
  }

  /** Someone who has the bot as a friend creates a group with it and these members. */
  async newRoom(topic: string, members: string[]): Promise<void> {
    const ids = members.map(m => this.contact(m).id)
    this.rooms.push(this.mocker.createRoom({ topic, memberIdList: [this.botUser.id, ...ids] }))
    await this.settle()
  }

  async join(name: string, room: string): Promise<void> {
    const c = this.contact(name)
    const r = this.room(room)
    const before = this.inbound.get(r.id) ?? 0
    r.add(c).by(this.botUser)
    await this.inboundAfter(r.id, before, 2000).catch(() => undefined)
    await this.settle()
  }

  /** Resolves once the bot has taken in (handled or skipped) another event from `id`. Real time, bounded. */
  private async inboundAfter(id: string, before: number, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while ((this.inbound.get(id) ?? 0) <= before) {
      const left = deadline - Date.now()
      if (left <= 0) throw new Error('模拟器等待机器人处理消息超时')
      await new Promise<void>(resolve => {
        const timer = setTimeout(resolve, left)
        this.waiters.push(() => {
          clearTimeout(timer)
          resolve()
        })
      })
    }
  }

  /** Advances the virtual clock by `ms`, running everything that falls due at its due time. */
  async wait(ms: number, settle = true): Promise<void> {
    const target = this.clock.ms + ms
    let stuck = 0
    for (let i = 0; i < MAX_STEPS; i++) {
      const w = this.app.nextWake()
      if (w === null || w > target) break
      // Something due that a tick cannot clear (e.g. held by a cap): move on a second rather than spin.
      stuck = w <= this.clock.ms ? stuck + 1 : 0
      this.clock.set(stuck > 3 ? this.clock.ms + 1000 : w)
      await this.app.tick()
    }
    this.clock.set(target)
    await this.app.tick()
    if (settle) await this.settle()
  }

  /** Lets paced sends go out (the bot is idle when nothing is due within a minute). */
  async settle(): Promise<void> {
    let stuck = 0
    for (let i = 0; i < MAX_STEPS && this.app.busy(); i++) {
      const w = this.app.nextWake()
      if (w === null || w > this.clock.ms + SETTLE_HORIZON_MS) break
      stuck = w <= this.clock.ms ? stuck + 1 : 0
      if (stuck > 3) break
      this.clock.set(w)
      await this.app.tick()
    }
  }
}

/** Resolves once `cond` holds; the mock delivers events asynchronously. Real time, bounded. */
async function until(cond: () => boolean, timeoutMs = 10_000): Promise<void> {
  const start = Date.now()
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error('模拟器等待机器人处理消息超时')
    await new Promise(r => setTimeout(r, 2))
  }
}
