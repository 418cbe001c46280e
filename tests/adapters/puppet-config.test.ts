import { describe, expect, it } from 'vitest'
import { ConfigError, parseConfig } from '../../src/config.js'
import { puppetProblem } from '../../src/adapters/puppet-capabilities.js'
import { bootBot } from '../../src/boot.js'
import { openStore } from '../../src/adapters/store.js'
import { tempDb } from '../../src/sim/scenario.js'
import { PROJECT_DB } from '../../src/paths.js'
import { createLogger } from '../../src/adapters/log.js'

describe('choosing the puppet', () => {
  it('defaults to the free web protocol, without a token', () => {
    expect(parseConfig({})).toMatchObject({ puppet: 'wechaty-puppet-wechat4u', puppetToken: undefined })
  })

  it('stops start-up, in Chinese and English, when wechaty-puppet-service has no token', () => {
    for (const env of [{ WECHATY_PUPPET: 'wechaty-puppet-service' }, { WECHATY_PUPPET: 'wechaty-puppet-service', WECHATY_PUPPET_SERVICE_TOKEN: '  ' }]) {
      let err: unknown
      try {
        parseConfig(env)
      } catch (e) {
        err = e
      }
      expect(err).toBeInstanceOf(ConfigError)
      expect((err as Error).message).toMatch(/^WECHATY_PUPPET=wechaty-puppet-service 需要服务商提供的 token：请在 \.env 中设置 WECHATY_PUPPET_SERVICE_TOKEN/)
      expect((err as Error).message).toMatch(/\nWECHATY_PUPPET=wechaty-puppet-service needs the provider's token: set WECHATY_PUPPET_SERVICE_TOKEN/)
    }
  })

  it('takes the token for the service', () => {
    expect(parseConfig({ WECHATY_PUPPET: 'wechaty-puppet-service', WECHATY_PUPPET_SERVICE_TOKEN: 'puppet_workpro_abc' })).toMatchObject({
      puppet: 'wechaty-puppet-service',
      puppetToken: 'puppet_workpro_abc',
    })
  })

  it('says plainly, in Chinese and English, when the puppet package is not installed', async () => {
    const msg = await puppetProblem('wechaty-puppet-not-installed-here')
    expect(msg).toMatch(/^找不到 puppet 包 wechaty-puppet-not-installed-here（WECHATY_PUPPET）。请在项目目录运行 npm install wechaty-puppet-not-installed-here/)
    expect(msg).toMatch(/\nThe puppet package wechaty-puppet-not-installed-here \(WECHATY_PUPPET\) is not installed\. Run npm install/)
    expect(await puppetProblem('wechaty-puppet-mock')).toBeNull()
    expect(
      await puppetProblem('x', async () => {
        throw new Error('bad native module')
      }),
    ).toMatch(/加载失败：bad native module\nThe puppet package x failed to load: bad native module/)
  })

  it('hands the token to the puppet as puppetOptions.token, and none when unset', async () => {
    const db = await tempDb(PROJECT_DB)
    const store = await openStore(db.file, createLogger('silent'))
    try {
      const common = { store, dbFile: db.file, clock: { now: () => new Date() }, log: createLogger('silent') }
      const withToken = bootBot({ ...common, puppet: 'wechaty-puppet-service', puppetToken: 'puppet_padlocal_abc' })
      expect((withToken.bot as unknown as { __options: object }).__options).toMatchObject({
        puppet: 'wechaty-puppet-service',
        puppetOptions: { token: 'puppet_padlocal_abc' },
      })
      expect(withToken.app.health().puppet).toMatchObject({ name: 'wechaty-puppet-service', checkedAt: null })
      expect(withToken.app.health().puppet!.features.find(f => f.feature === 'remarks')!.supported).toBe(true) // padlocal's profile
      const without = bootBot({ ...common, puppet: 'wechaty-puppet-wechat4u' })
      expect((without.bot as unknown as { __options: object }).__options).not.toHaveProperty('puppetOptions')
      expect(without.app.health()).toMatchObject({ diagnosis: null, puppet: { name: 'wechaty-puppet-wechat4u' } })
    } finally {
      await store.close()
      await db.cleanup()
    }
  })
})
