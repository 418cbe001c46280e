/**
 * What Linli relies on from a Wechaty puppet, and what each known puppet supports. Pure; the adapter
 * (adapters/puppet-capabilities.ts) refines a profile with harmless probes once the bot is logged in.
 */
import type { PuppetFamily } from './session-diagnosis.js'

export type PuppetFeature = 'rooms-by-topic' | 'remarks' | 'private-messages' | 'images' | 'room-members'

export interface FeatureReport {
  feature: PuppetFeature
  supported: boolean | 'unknown'
  /** For staff, in Chinese. */
  note: string
  noteEn: string
}

/** Chinese and English names of the features, for logs and the staff console panel */
export const FEATURE_NAMES: Record<PuppetFeature, { zh: string; en: string; needed: string }> = {
  'rooms-by-topic': { zh: '按群名找群', en: 'rooms found by topic', needed: '通知、日程和工单转派都按群名找群' },
  remarks: { zh: '机器人设置备注', en: 'remarks set by the bot', needed: '绑定身份（工作人员、志愿者、网格长）靠备注' },
  'private-messages': { zh: '私聊', en: 'private messages', needed: '工作人员命令、工单通知、居民回复' },
  images: { zh: '发图片', en: 'sending images', needed: '月报图表' },
  'room-members': { zh: '群成员列表', en: 'room member lists', needed: '核对工作群成员、@ 提醒' },
}

const FEATURES = Object.keys(FEATURE_NAMES) as PuppetFeature[]

/** The provider a puppet-service token names by its prefix (puppet_padlocal_…, puppet_workpro_…). Never logs the token. */
export function tokenProvider(token: string | undefined): 'padlocal' | 'workpro' | null {
  const m = /^puppet_(padlocal|workpro)_/i.exec(token ?? '')
  return m ? (m[1].toLowerCase() as 'padlocal' | 'workpro') : null
}

/** The family of a puppet by its package name (the advice on a refused login depends on it). */
export function puppetFamily(name: string): PuppetFamily {
  if (/wechaty-puppet-(wechat4u|wechat)$/.test(name)) return 'web'
  if (/wechaty-puppet-(service|padlocal)$/.test(name)) return 'service'
  if (/wechaty-puppet-mock$/.test(name)) return 'mock'
  return 'other'
}

/** Puppets that cannot start without a token. */
export const NEEDS_TOKEN = ['wechaty-puppet-service', 'wechaty-puppet-padlocal']

type Row = Record<PuppetFeature, [boolean | 'unknown', string, string]>

const YES: [true, string, string] = [true, '', '']
const WEB: Row = {
  'rooms-by-topic': [
    true,
    '网页协议只列出“保存到通讯录”的群和最近有消息的群：请把社区的群都保存到通讯录',
    "the web protocol lists only groups saved to contacts and recently active ones: save the community's groups to contacts",
  ],
  remarks: [true, '只能给好友设置备注', 'remarks can be set on friends only'],
  'private-messages': [true, '只能私聊好友', 'only friends can be messaged privately'],
  images: [true, '可以发图片，文件较大时可能失败', 'images can be sent; large files may fail'],
  'room-members': YES,
}
const PAD: Row = {
  'rooms-by-topic': YES,
  remarks: [true, '只能给好友设置备注', 'remarks can be set on friends only'],
  'private-messages': [true, '只能私聊好友', 'only friends can be messaged privately'],
  images: YES,
  'room-members': YES,
}
const WORKPRO: Row = {
  'rooms-by-topic': YES,
  remarks: [
    'unknown',
    '企业微信账号给外部联系人设置备注的规则不同：启动后请用“绑定”试一次',
    'a WeCom account sets remarks on external contacts differently: try 绑定 once after start',
  ],
  'private-messages': [true, '居民需要先加这个企业微信为好友', 'residents must first add this WeCom account as a friend'],
  images: YES,
  'room-members': YES,
}
const UNKNOWN_ROW = (zh: string, en: string): Row => Object.fromEntries(FEATURES.map(f => [f, ['unknown', zh, en]])) as Row
const MOCK: Row = Object.fromEntries(FEATURES.map(f => [f, [true, '模拟器（测试用）', 'simulator (tests)']])) as Row

/** What a puppet supports as far as its name (and its token's provider) tell. */
export function puppetProfile(name: string, token?: string): FeatureReport[] {
  const provider = tokenProvider(token)
  const row = /wechaty-puppet-(wechat4u|wechat)$/.test(name)
    ? WEB
    : /wechaty-puppet-mock$/.test(name)
      ? MOCK
      : /wechaty-puppet-padlocal$/.test(name) || (/wechaty-puppet-service$/.test(name) && provider === 'padlocal')
        ? PAD
        : /wechaty-puppet-service$/.test(name) && provider === 'workpro'
          ? WORKPRO
          : /wechaty-puppet-service$/.test(name)
            ? UNKNOWN_ROW('取决于 token 的服务商，启动后检查', "depends on the token's provider; checked after start")
            : UNKNOWN_ROW('未知的 puppet，启动后检查', 'an unknown puppet; checked after start')
  return FEATURES.map(feature => ({ feature, supported: row[feature][0], note: row[feature][1], noteEn: row[feature][2] }))
}

/** A probe's finding replaces the profile's answer when it is definite; its note is added. */
export interface ProbeResult {
  supported: boolean | 'unknown'
  note: string
  noteEn: string
}

export function refine(profile: FeatureReport[], probes: Partial<Record<PuppetFeature, ProbeResult>>): FeatureReport[] {
  return profile.map(r => {
    const p = probes[r.feature]
    if (!p) return r
    const join = (a: string, b: string, sep: string) => [a, b].filter(Boolean).join(sep)
    return {
      feature: r.feature,
      supported: p.supported === 'unknown' ? r.supported : p.supported,
      note: join(r.note, p.note, '；'),
      noteEn: join(r.noteEn, p.noteEn, '; '),
    }
  })
}

/** The log lines for features that are not fully supported (Chinese, then English), or one line saying all are. */
export function degradedLines(puppet: string, report: FeatureReport[]): string[] {
  const bad = report.filter(r => r.supported !== true)
  if (!bad.length) return [`puppet ${puppet}：邻里依赖的功能都可用 / all features Linli relies on are available`]
  return bad.map(r => {
    const n = FEATURE_NAMES[r.feature]
    const state = r.supported === false ? { zh: '不支持', en: 'not supported' } : { zh: '未能确认', en: 'not confirmed' }
    return `puppet ${puppet}：${n.zh}${state.zh}（${n.needed}${r.note ? `；${r.note}` : ''}）` + ` / ${n.en} ${state.en}${r.noteEn ? ` (${r.noteEn})` : ''}`
  })
}
