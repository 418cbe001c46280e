import { describe, expect, it } from 'vitest'
import { readVerdict } from '../../src/core/verdict.js'

describe('a verdict in the reporter’s own words', () => {
  it.each(['修好了修好了，谢谢小伙子', '满意', '非常满意', '好了好了 谢谢', '[强]', '👍', '可以了，辛苦师傅', '通了通了', '灯亮了 谢谢网格长'])(
    '%s is satisfied',
    t => expect(readVerdict(t)).toBe('satisfied'),
  )
  it.each(['还是漏', '不满意 还是堵', '又坏了', '没修好啊', '还是一样', '师傅走了以后还是滴水', '跟原来一样'])('%s is dissatisfied', t =>
    expect(readVerdict(t)).toBe('dissatisfied'),
  )
  it.each(['今天天气不错', '几点来', '收到', '12号楼2单元', ''])('%s says neither', t => expect(readVerdict(t)).toBeNull())
})
