/**
 * A reporter's verdict in their own words, after they were asked whether it was fixed: 修好了 谢谢,
 * 满意, 👍 are satisfied; 还是漏, 又坏了, 没修好 are not. Pure. Null when the message says neither (it is
 * then read as anything else would be).
 */
const BAD =
  /不满意|差评|没修好|没有修好|没弄好|没好|还没好|又(坏|漏|堵|不亮|不行|不通|不热|坏掉)|还(是|在)?(漏|堵|坏|不行|不亮|不通|不热|不好|一样|没|有问题|滴|响)|不行啊|一点没变|跟原来一样|和原来一样/
const GOOD =
  /满意|修好了|弄好了|搞好了|好了|好啦|可以了|没问题了|没事了|通了|亮了|不漏了|不堵了|谢谢|多谢|感谢|辛苦了|点赞|👍|👌|🙏|\[(强|赞|好的|OK|抱拳|握手|玫瑰)\]/i

export function readVerdict(text: string): 'satisfied' | 'dissatisfied' | null {
  const t = text.replace(/\s+/g, '')
  if (!t || t.length > 60) return null
  if (BAD.test(t)) return 'dissatisfied'
  if (GOOD.test(t)) return 'satisfied'
  return null
}
