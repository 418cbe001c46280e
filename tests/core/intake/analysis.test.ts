/**
 * The analysis beyond the seven fields: confidence and unsure, the candidate for a question back,
 * remit, question, past, scope and unknown buildings; and the false-friend and context rules behind them.
 */
import { describe, expect, it } from 'vitest'
import { analyze, parseMessage, type Analysis } from '../../../src/core/intake/index.js'
import { vocab } from './helpers.js'

const buildings = Array.from({ length: 80 }, (_, i) => i + 1)
type Want = Partial<Analysis>
const check = (text: string, want: Want): void => {
  const a = analyze(text, vocab, { buildings })
  const got: Record<string, unknown> = {}
  for (const k of Object.keys(want)) got[k] = a[k as keyof Analysis]
  expect(got, `${text} → ${JSON.stringify(a)}`).toEqual(want)
}

describe('confidence', () => {
  it('is a number between 0.5 and 1 for every verdict, two decimals', () => {
    for (const t of ['', '早上好', '马桶堵了', '报修 12号楼2单元301', '楼梯扶手晃得厉害 老人不敢扶 71号楼', '我不想活了', '咨询 高铁票怎么改签']) {
      const a = analyze(t, vocab)
      expect(a.confidence).toBeGreaterThanOrEqual(0.5)
      expect(a.confidence).toBeLessThanOrEqual(1)
      expect(Math.round(a.confidence * 100) / 100).toBe(a.confidence)
      expect(a.unsure).toBe(a.confidence < vocab.weights.unsureBelow)
    }
  })

  it('is high for clear messages either way and low right at the threshold', () => {
    expect(analyze('报修 12号楼2单元301 厨房水管漏水', vocab).confidence).toBeGreaterThanOrEqual(0.9)
    expect(analyze('厨房里有股煤气味 越来越大', vocab).confidence).toBeGreaterThanOrEqual(0.9)
    expect(analyze('早上好各位', vocab).confidence).toBeGreaterThanOrEqual(0.9)
    expect(analyze('谢谢网格长 井盖已经补上了', vocab).confidence).toBeGreaterThanOrEqual(0.9)
    // a fault and a need cue, no more: exactly at the threshold
    const edge = analyze('楼梯扶手晃得厉害 老人不敢扶 71号楼', vocab)
    expect(edge).toMatchObject({ request: true, unsure: true })
    expect(edge.confidence).toBeLessThan(0.7)
  })

  it('a clear request is surer than a borderline one', () => {
    const clear = analyze('我家马桶堵了 水都漫出来了 21号楼3单元402', vocab).confidence
    const weaker = analyze('我家马桶堵了', vocab).confidence
    expect(clear).toBeGreaterThan(weaker)
  })
})

describe('candidate: what a non-request would be, for "是要报修吗？"', () => {
  it('names the category and target a topic points to', () => {
    const a = analyze('我家马桶是去年新换的', vocab)
    expect(a.request).toBe(false)
    expect(a.candidate?.target).toBe('海军帮忙队')
  })
  it('is null when nothing points anywhere, and the request itself for a request', () => {
    expect(analyze('中午吃饺子', vocab).candidate).toBeNull()
    expect(analyze('楼道的声控灯不亮了 5号楼', vocab).candidate).toEqual({ category: '电路', target: '网格长' })
  })
})

describe('remit: outside the community → no ticket (12345)', () => {
  it.each<[string, Want]>([
    ['咨询一下 去青岛的动车几点发车', { request: false, remit: 'outside' }],
    ['投诉 公交车司机开车太猛', { request: false, remit: 'outside' }],
    ['咨询 公积金提取要什么手续', { request: false, remit: 'outside' }],
    ['反映一下 市里的城市规划太不合理了', { request: false, remit: 'outside' }],
    ['咨询 我老家县里的医保政策', { request: false, remit: 'outside' }],
    // a place here, a tier-2 matter or an urgent one keeps it ours
    ['小区门口公交站的座椅坏了 小区东门', { request: true, remit: 'community' }],
    ['网上买火车票被骗了五百块 能起诉吗', { request: true, remit: 'community', target: '律师会客厅' }],
    ['旁边高速上的大货车整夜轰隆隆 吵得睡不着', { request: true, remit: 'community', target: '网格长' }],
    ['孩子办护照需要社区开证明吗', { request: true, remit: 'community', target: '网格长' }],
  ])('%s', check)

  it('a leading 咨询 / 投诉 / 反映 / 举报 alone no longer makes a ticket', () => {
    check('投诉 出租车司机态度太差', { request: false })
    check('反映一个问题 火车站黑车太多', { request: false })
    check('举报 楼道里有人私拉电线充电 9号楼', { request: true, target: '网格长' })
  })

  it('咨询 closing a message counts like an opening one', () => {
    check('老宅子的过户问题想咨询', { request: true, target: '律师会客厅', explicit: true })
    check('关于赡养费的事情咨询一下', { request: true, target: '律师会客厅', explicit: true })
  })
})

describe('scope: one home or shared parts', () => {
  it.each<[string, Want]>([
    ['我家卫生间下水堵了', { request: true, target: '海军帮忙队', scope: 'home' }],
    ['整栋楼的下水都堵了 一楼往上返', { request: true, target: '网格长', scope: 'shared' }],
    ['主下水管堵了 好几家厕所都冒水', { request: true, target: '网格长', scope: 'shared' }],
    ['3楼4楼的卫生间都往上冒水 下水不通', { request: true, target: '网格长', scope: 'shared' }],
    ['我家在顶楼 卧室一下雨就渗水', { request: true, target: '网格长', scope: 'shared' }],
    ['想请律师看看合同', { request: true, scope: null }],
  ])('%s', check)
})

describe('tense and intent', () => {
  it.each<[string, Want]>([
    ['前天晚上停水是因为水表井冻了 现在通了', { request: false, past: true }],
    ['前几天看了社区的文艺演出 节目不错', { request: false, past: true }],
    ['前年我家也堵过一次下水 后来换了新管子', { request: false, past: true }],
    ['请勿在群里发送二维码', { request: false }],
    ['本群禁止拉票 违者移出', { request: false }],
    ['服务大厅周日开门吗', { request: false, question: true }],
    ['后天是不是要停暖 停几天', { request: false, question: true }],
    ['整个单元都停电了 什么时候来电', { request: true, question: true, target: '网格长' }],
    ['前年摔伤过腰 老板到现在不给赔偿', { request: true, target: '律师会客厅', urgent: false }],
    ['我家马桶堵了', { question: false, past: false }],
  ])('%s', check)
})

describe('urgent words need their own context', () => {
  it.each<[string, boolean]>([
    ['外孙报了个架子鼓班 打架子鼓挺带劲', false],
    ['超市跳楼价清仓', false],
    ['有事打我手机', false],
    ['燃气公司门口的下水道漏了', false],
    ['年轻时候摔断过腿 想找人陪着散步', false],
    ['我妈有心脏病 想找人常去看看', false],
    ['轮胎没气了 去哪打气', false],
    ['这价格简直是抢钱', false],
    ['楼上装修吵得没法活了', false],
    ['电梯猛地顿了一下 吓一跳', false],
    ['孩子在学校跟同学打架了 心里烦', false],
    ['我家的猫和狗打起来了 哈哈', false],
    // …and still fire when they are meant
    ['楼下有人打架 拿着刀', true],
    ['我爸心脏病犯了 快来人', true],
    ['被困在电梯里了 出不来', true],
    ['电梯停在两层中间 里面有个孩子出不来', true],
    ['闻到一股煤气味 越来越浓', true],
    ['去年摔过一次 今天又摔倒了 起不来', true],
  ])('%s → urgent %s', (text, urgent) => {
    expect(analyze(text, vocab).urgent, JSON.stringify(analyze(text, vocab))).toBe(urgent)
  })
})

describe('unknown buildings', () => {
  it.each<[string, string, Partial<Analysis>]>([
    ['E栋3单元的楼道灯坏了', 'E栋', { building: null, unit: null, room: null }],
    ['B12栋门口的井盖丢了', 'B12栋', { building: null }],
    ['5号楼B座2单元301 卫生间漏水', '5号楼B座', { building: null, unit: null, room: null }],
    ['91栋1单元301 暖气不热', '91号楼', { building: null, unit: null, room: null }],
    ['第九十五号楼 单元门坏了', '95号楼', { building: null }],
    ['0号楼的单元门坏了 关不上', '0号楼', { building: null }],
  ])('%s → %s', (text, unknown, want) => {
    const a = analyze(text, vocab, { buildings })
    expect(a.request).toBe(true)
    expect(a.unknownBuilding).toBe(unknown)
    expect(a).toMatchObject(want)
    expect(parseMessage(text, vocab, { buildings })).toMatchObject({ building: null, unit: null, room: null })
  })

  it('a known building is kept; compound names and 我们楼 give no building', () => {
    check('12号楼2单元301 马桶堵了', { building: 12, unit: 2, room: '301', unknownBuilding: null })
    check('B区12号楼门口的路灯坏了', { building: 12, unknownBuilding: null })
    check('金色家园小区 咱们楼的单元门坏了', { building: null, unknownBuilding: null, request: true })
  })

  it("without the community's buildings a number is accepted as before; letters never are", () => {
    expect(analyze('91栋1单元301 暖气不热', vocab)).toMatchObject({ building: 91, unit: 1, room: '301', unknownBuilding: null })
    expect(analyze('D栋1单元301 暖气不热', vocab)).toMatchObject({ building: null, unknownBuilding: 'D栋' })
  })
})
