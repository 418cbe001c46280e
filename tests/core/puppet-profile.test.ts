import { describe, expect, it } from 'vitest'
import { degradedLines, puppetFamily, puppetProfile, refine, tokenProvider, type PuppetFeature } from '../../src/core/puppet-profile.js'

const ALL: PuppetFeature[] = ['rooms-by-topic', 'remarks', 'private-messages', 'images', 'room-members']
const supported = (name: string, token?: string) => Object.fromEntries(puppetProfile(name, token).map(r => [r.feature, r.supported]))

describe('puppet profiles', () => {
  it.each([
    // name, token, rooms by topic, remarks, private messages, images, room members
    ['wechaty-puppet-wechat4u', undefined, true, true, true, true, true],
    ['wechaty-puppet-mock', undefined, true, true, true, true, true],
    ['wechaty-puppet-service', 'puppet_padlocal_0123abcd', true, true, true, true, true],
    ['wechaty-puppet-padlocal', 'puppet_padlocal_0123abcd', true, true, true, true, true],
    ['wechaty-puppet-service', 'puppet_workpro_0123abcd', true, 'unknown', true, true, true],
    ['wechaty-puppet-service', 'some-other-token', 'unknown', 'unknown', 'unknown', 'unknown', 'unknown'],
    ['wechaty-puppet-xp', undefined, 'unknown', 'unknown', 'unknown', 'unknown', 'unknown'],
  ] as const)('%s (token %s)', (name, token, rooms, remarks, dms, images, members) => {
    expect(supported(name, token)).toEqual({ 'rooms-by-topic': rooms, remarks, 'private-messages': dms, images, 'room-members': members })
  })

  it('lists every feature Linli relies on, with a note in Chinese and English where there is one', () => {
    const web = puppetProfile('wechaty-puppet-wechat4u')
    expect(web.map(r => r.feature)).toEqual(ALL)
    expect(web.find(r => r.feature === 'rooms-by-topic')!.note).toMatch(/保存到通讯录/)
    expect(web.find(r => r.feature === 'rooms-by-topic')!.noteEn).toMatch(/saved to contacts/)
  })

  it('tells the provider by the token prefix only', () => {
    expect(tokenProvider('puppet_padlocal_abc')).toBe('padlocal')
    expect(tokenProvider('PUPPET_WORKPRO_abc')).toBe('workpro')
    expect(tokenProvider('abc')).toBeNull()
    expect(tokenProvider(undefined)).toBeNull()
  })

  it('groups puppets into families for the advice', () => {
    expect(puppetFamily('wechaty-puppet-wechat4u')).toBe('web')
    expect(puppetFamily('wechaty-puppet-wechat')).toBe('web')
    expect(puppetFamily('wechaty-puppet-service')).toBe('service')
    expect(puppetFamily('wechaty-puppet-mock')).toBe('mock')
    expect(puppetFamily('wechaty-puppet-xp')).toBe('other')
  })

  it('a probe overrides the profile when definite, and adds its note', () => {
    const report = refine(puppetProfile('wechaty-puppet-service', 'x'), {
      'rooms-by-topic': { supported: true, note: '找到 3 个群', noteEn: '3 groups found' },
      remarks: { supported: false, note: 'puppet 表示不支持', noteEn: 'unsupported' },
      images: { supported: 'unknown', note: '检查出错', noteEn: 'the check failed' },
    })
    expect(report.find(r => r.feature === 'rooms-by-topic')).toMatchObject({ supported: true, note: expect.stringMatching(/token.*；找到 3 个群$/) })
    expect(report.find(r => r.feature === 'remarks')!.supported).toBe(false)
    expect(report.find(r => r.feature === 'images')!.supported).toBe('unknown')
  })

  it('logs each degraded feature in Chinese and English, or one line when all are there', () => {
    expect(degradedLines('wechaty-puppet-mock', puppetProfile('wechaty-puppet-mock'))).toEqual([
      'puppet wechaty-puppet-mock：邻里依赖的功能都可用 / all features Linli relies on are available',
    ])
    const lines = degradedLines(
      'wechaty-puppet-service',
      refine(puppetProfile('wechaty-puppet-service', 'puppet_workpro_x'), {
        remarks: { supported: false, note: 'puppet 表示不支持', noteEn: 'the puppet says it is unsupported' },
      }),
    )
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^puppet wechaty-puppet-service：机器人设置备注不支持（绑定身份.*）/)
    expect(lines[0]).toMatch(/ \/ remarks set by the bot not supported \(.*unsupported\)$/)
  })
})
