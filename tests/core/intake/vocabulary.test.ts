import { describe, expect, it } from 'vitest'
import { parseMessage } from '../../../src/core/intake/index.js'
import { IntakeAdditionsSchema, extendVocabulary } from '../../../src/core/intake/vocabulary.js'
import { vocab } from './helpers.js'

describe('a community adds its own intake words to the shipped vocabulary', () => {
  it('a new word for an existing category makes a request of a message the shipped words miss', () => {
    const text = '我家咕噜罐又罢工了 12号楼2单元301'
    expect(parseMessage(text, vocab).request).toBe(false)
    const add = IntakeAdditionsSchema.parse({ categories: [{ name: '家电', strong: ['咕噜罐又罢工'] }] })
    const v = extendVocabulary(vocab, add)
    expect(parseMessage(text, v)).toMatchObject({ request: true, target: '海军帮忙队', building: 12 })
    expect(vocab.categories.find(c => c.name === '家电')!.strong).not.toContain('咕噜罐又罢工') // the shipped one is untouched
    expect(extendVocabulary(vocab, add)).toBe(v) // memoised per pair
  })

  it('a new category, a named place and a new urgent word', () => {
    const add = IntakeAdditionsSchema.parse({
      categories: [{ name: '充电桩', target: '网格长', strong: ['充电桩坏了'] }],
      areas: [{ name: '北区车棚', words: ['北区车棚'] }],
      urgent: [{ name: '燃气', words: ['燃气表冒烟'] }],
    })
    const v = extendVocabulary(vocab, add)
    expect(parseMessage('北区车棚的充电桩坏了', v)).toMatchObject({ request: true, target: '网格长' })
    expect(parseMessage('厨房燃气表冒烟', v)).toMatchObject({ request: true, urgent: true })
  })

  it('no additions is the shipped vocabulary itself', () => {
    expect(extendVocabulary(vocab, IntakeAdditionsSchema.parse({}))).toBe(vocab)
  })
})
