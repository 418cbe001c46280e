/**
 * The knowledge base: the demo entries in db.json answer everyday questions in any wording, outages from
 * the latest staff notice, matters outside the community with 12345; statements, thanks and unrelated
 * messages get no answer.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { answerQuestion, KnowledgeSchema, similarity, type Knowledge, type Notice } from '../../../src/core/kb/index.js'
import { DbSchema } from '../../../src/core/schema.js'

const raw = JSON.parse(readFileSync(new URL('../../../db.json', import.meta.url), 'utf8')) as { knowledge: unknown }
const knowledge: Knowledge = KnowledgeSchema.parse(raw.knowledge)
const NOW = new Date('2026-12-03T10:00:00+08:00')
const id = (text: string, notices: Notice[] = [], outside?: boolean) =>
  answerQuestion(text, knowledge, notices, NOW, outside === undefined ? {} : { outside })?.entryId ?? null

describe('the demo knowledge base', () => {
  it('is in db.json and valid for the whole db schema', () => {
    const db = DbSchema.parse(JSON.parse(readFileSync(new URL('../../../db.json', import.meta.url), 'utf8')))
    expect(db.knowledge.map(e => e.id)).toEqual(['certificate', 'elderly-card', 'medical-insurance', 'outage', 'office-hours', 'outside-12345'])
  })

  it('a db without `knowledge` still loads (an empty knowledge base)', () => {
    const db = JSON.parse(readFileSync(new URL('../../../db.json', import.meta.url), 'utf8')) as Record<string, unknown>
    delete db.knowledge
    expect(DbSchema.parse(db).knowledge).toEqual([])
  })

  it.each<[string, string]>([
    ['社区几点上班啊', 'office-hours'],
    ['请问居委会在哪个楼', 'office-hours'],
    ['服务大厅周六开门吗', 'office-hours'],
    ['社区的值班电话是多少', 'office-hours'],
    ['开个居住证明要带啥', 'certificate'],
    ['孩子上学要居住证明 社区能开吗', 'certificate'],
    ['在哪开证明啊', 'certificate'],
    ['我妈今年六十了 老年证怎么办', 'elderly-card'],
    ['高龄补贴每个月多少钱 去哪领', 'elderly-card'],
    ['城乡居民医保什么时候开始交', 'medical-insurance'],
    ['今年的医保在哪缴费', 'medical-insurance'],
    ['明天停水吗', 'outage'],
    ['停电到几点啊', 'outage'],
    ['什么时候来气 中午还做不做饭了', 'outage'],
    ['咨询一下 高铁票怎么退', 'outside-12345'],
    ['投诉 公交车司机不等人', 'outside-12345'],
    ['公积金怎么提取', 'outside-12345'],
  ])('%s → %s', (text, want) => {
    expect(id(text)).toBe(want)
  })

  it.each<[string]>([
    ['谢谢社区 证明已经开好了'],
    ['老年证办下来了 真快'],
    ['停水通知收到了'],
    ['早上好'],
    ['我家马桶堵了'],
    ['公司不给开离职证明 怎么办'],
    ['想开个无犯罪记录证明 去哪办'],
    ['外地的医保能转到泰安吗'],
  ])('no answer: %s', text => {
    expect(id(text)).toBeNull()
  })

  it('matches an example question in other words', () => {
    expect(similarity('社区值班电话是多少', '社区的值班电话多少')).toBeGreaterThanOrEqual(0.5)
    expect(similarity('早上好', '社区几点上班')).toBe(0)
  })
})

describe('outages are answered from the latest staff notice that mentions them', () => {
  const water1: Notice = { text: '【花园社区通知】12月1日上午8点至12点停水检修，请提前储水。——花园社区居委会', sentAt: '2026-11-30T09:00:00+08:00' }
  const power: Notice = { text: '【花园社区通知】12月4日全天线路检修停电。——花园社区居委会', sentAt: '2026-12-02T09:00:00+08:00' }
  const water2: Notice = { text: '【花园社区通知】12月5日下午停水，请大家提前接水。——花园社区居委会', sentAt: '2026-12-02T15:30:00+08:00' }
  const old: Notice = { text: '【花园社区通知】10月1日停水。——花园社区居委会', sentAt: '2026-09-20T09:00:00+08:00' }

  it('quotes the newest notice about the utility asked, with its time', () => {
    const a = answerQuestion('这两天停水吗', knowledge, [water1, power, water2], NOW)
    expect(a?.entryId).toBe('outage')
    expect(a?.answer).toContain('12月5日下午停水')
    expect(a?.answer).toContain('12月2日 15:30')
    expect(a?.answer).not.toContain('线路检修')
    const p = answerQuestion('明天是不是停电', knowledge, [water1, power, water2], NOW)
    expect(p?.answer).toContain('线路检修停电')
  })

  it('says none is known and offers to report when no recent notice mentions it', () => {
    for (const notices of [[], [power], [old]]) {
      const a = answerQuestion('今天停水吗', knowledge, notices, NOW)
      expect(a?.entryId).toBe('outage')
      expect(a?.answer).toContain('没有收到停水的通知')
      expect(a?.answer).toContain('几号楼几单元')
    }
  })

  it('ignores notices dated after now', () => {
    const future: Notice = { ...water2, sentAt: '2026-12-04T09:00:00+08:00' }
    expect(answerQuestion('停水吗', knowledge, [future], NOW)?.answer).toContain('没有收到停水的通知')
  })
})

describe('what the intake found decides about 12345', () => {
  it('outside: true gives the pointer even without its words; false silences it', () => {
    expect(id('想问问人才引进的政策', [], true)).toBe('outside-12345')
    expect(id('网上买火车票被骗了 能起诉吗')).toBe('outside-12345')
    expect(id('网上买火车票被骗了 能起诉吗', [], false)).toBeNull()
  })
  it('a more specific entry still answers first', () => {
    expect(id('老年证怎么办 外地老人能办吗', [], true)).toBe('elderly-card')
  })
})

describe('the knowledge schema names the problem', () => {
  it('rejects a duplicate id, a bad id and an outage entry without utilities', () => {
    const issues = (v: unknown) => {
      const r = KnowledgeSchema.safeParse(v)
      return r.success ? '' : r.error.issues.map(i => `${i.path.join('.')}: ${i.message}`).join('\n')
    }
    const e = { id: 'a', title: 't', keywords: [['x']], answer: 'y' }
    expect(issues([e, e])).toMatch(/1\.id: 知识库条目 id 重复/)
    expect(issues([{ ...e, id: 'A B' }])).toMatch(/0\.id: id 只能用/)
    expect(issues([{ ...e, kind: 'outage' }])).toMatch(/0\.utilities/)
    expect(issues([{ ...e, keywords: [] }])).toMatch(/0\.keywords/)
    expect(issues([e])).toBe('')
  })
})

describe('src/core/kb is pure', () => {
  const dir = fileURLToPath(new URL('../../../src/core/kb/', import.meta.url))
  for (const file of readdirSync(dir).filter(f => f.endsWith('.ts'))) {
    it(file, () => {
      const src = readFileSync(dir + file, 'utf8')
      expect(src).not.toMatch(/from ['"](node:)?(fs|path|child_process|os|process)['"]/)
      expect(src).not.toMatch(/\bprocess\.|Date\.now\(|new Date\(\)|Math\.random|console\.|adapters\//)
    })
  }
})
