import type { Wechaty, Room } from 'wechaty'
import type { Logger } from '../ports.js'
import { refine, type FeatureReport, type ProbeResult, type PuppetFeature } from '../core/puppet-profile.js'

/** How puppets say a call is not theirs to make (wechaty-puppet's throwUnsupportedError, gRPC UNIMPLEMENTED). */
const UNSUPPORTED = /unsupported|not support|unimplemented|未实现|不支持/i

const within = <T>(p: Promise<T>, ms: number): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms)
    t.unref?.()
    p.then(
      v => {
        clearTimeout(t)
        resolve(v)
      },
      e => {
        clearTimeout(t)
        reject(e)
      },
    )
  })

const failed = (e: unknown): ProbeResult => {
  const msg = (e as Error)?.message ?? String(e)
  return UNSUPPORTED.test(msg)
    ? { supported: false, note: 'puppet 表示不支持', noteEn: 'the puppet says it is unsupported' }
    : { supported: 'unknown', note: `检查出错：${msg.slice(0, 80)}`, noteEn: `the check failed: ${msg.slice(0, 80)}` }
}

/**
 * Refines the puppet's profile (core/puppet-profile.ts) with harmless probes, never sending anything
 * to anyone: rooms are listed and one is found again by its topic, its members are listed, and where
 * the profile does not know whether remarks can be set, a friend's remark is set to the very remark it
 * has (a no-op that an unsupported puppet refuses). Private messages and images are not probed (that
 * would mean sending); only whether the puppet has a file-sending method at all.
 */
export async function probeCapabilities(bot: Wechaty, profile: FeatureReport[], log: Logger, timeoutMs = 15_000): Promise<FeatureReport[]> {
  const probes: Partial<Record<PuppetFeature, ProbeResult>> = {}
  const known = (f: PuppetFeature) => profile.find(r => r.feature === f)?.supported

  let room: Room | undefined
  try {
    const rooms = await within(bot.Room.findAll(), timeoutMs)
    room = rooms[0]
    if (!room) {
      probes['rooms-by-topic'] = { supported: 'unknown', note: '目前一个群也没有找到', noteEn: 'no group found yet' }
    } else {
      const topic = await within(room.topic(), timeoutMs)
      const again = await within(bot.Room.findAll({ topic }), timeoutMs)
      probes['rooms-by-topic'] = again.some(r => r.id === room!.id)
        ? { supported: true, note: `找到 ${rooms.length} 个群`, noteEn: `${rooms.length} groups found` }
        : { supported: false, note: '按群名找不回同一个群', noteEn: 'a group is not found again by its topic' }
    }
  } catch (e) {
    probes['rooms-by-topic'] = failed(e)
  }

  if (room) {
    try {
      const members = await within(room.memberAll(), timeoutMs)
      probes['room-members'] = members.length
        ? { supported: true, note: '', noteEn: '' }
        : { supported: 'unknown', note: '群成员列表为空', noteEn: 'the member list is empty' }
    } catch (e) {
      probes['room-members'] = failed(e)
    }
  }

  try {
    const contacts = await within(bot.Contact.findAll(), timeoutMs)
    const friends = contacts.filter(c => !c.self() && c.friend())
    if (!friends.length)
      probes['private-messages'] = {
        supported: 'unknown',
        note: '目前没有好友：居民要先加这个号为好友',
        noteEn: 'no friends yet: residents must add the account first',
      }
    if (known('remarks') !== true) {
      let probed = false
      for (const c of friends.slice(0, 500)) {
        const remark = await within(c.alias(), timeoutMs)
        if (!remark) continue
        await within(c.alias(remark), timeoutMs) // the remark it already has: nothing changes
        probes.remarks = { supported: true, note: '已用一个好友的原备注试过', noteEn: 'tried on a friend with the remark it already had' }
        probed = true
        break
      }
      if (!probed) probes.remarks = { supported: 'unknown', note: '没有带备注的好友可以试', noteEn: 'no remarked friend to try on' }
    }
  } catch (e) {
    if (known('remarks') !== true) probes.remarks = failed(e)
  }

  const puppet = bot.puppet as unknown as Record<string, unknown>
  if (typeof puppet.messageSendFile !== 'function') {
    probes.images = { supported: false, note: 'puppet 没有发文件的方法', noteEn: 'the puppet has no file-sending method' }
  }
  log.debug(`puppet probes: ${JSON.stringify(probes)}`)
  return refine(profile, probes)
}

/**
 * Why the puppet package cannot be used, in Chinese and English, or null when it loads. Checked at
 * start, before Wechaty would fail on it later with a less helpful message.
 */
export async function puppetProblem(name: string, load: (name: string) => Promise<unknown> = n => import(n)): Promise<string | null> {
  try {
    await load(name)
    return null
  } catch (e) {
    const err = e as Error & { code?: string }
    if (
      err?.code === 'ERR_MODULE_NOT_FOUND' ||
      err?.code === 'MODULE_NOT_FOUND' ||
      /Cannot find (module|package)|Failed to load url/i.test(err?.message ?? '')
    ) {
      return (
        `找不到 puppet 包 ${name}（WECHATY_PUPPET）。请在项目目录运行 npm install ${name}，或把 WECHATY_PUPPET 改回 wechaty-puppet-wechat4u。\n` +
        `The puppet package ${name} (WECHATY_PUPPET) is not installed. Run npm install ${name} in the project folder, or set WECHATY_PUPPET back to wechaty-puppet-wechat4u.`
      )
    }
    return `puppet 包 ${name} 加载失败：${err?.message ?? err}\nThe puppet package ${name} failed to load: ${err?.message ?? err}`
  }
}
