/**
 * Table-driven tests of every intake rule of issue 2, with sentences of our own.
 * Each row: message → the fields that matter for that rule.
 */
import { describe, expect, it } from 'vitest'
import { analyze, parseMessage, type Analysis } from '../../../src/core/intake/index.js'
import { vocab } from './helpers.js'

type Want = Partial<Analysis>
const check = (text: string, want: Want): void => {
  const a = analyze(text, vocab)
  const got: Record<string, unknown> = {}
  for (const k of Object.keys(want)) got[k] = a[k as keyof Analysis]
  expect(got, `${text} → ${JSON.stringify(a)}`).toEqual(want)
}

const HOME = '海军帮忙队'
const GRID = '网格长'

describe('repairs inside a home go to 海军帮忙队', () => {
  it.each<[string, Want]>([
    ['我家马桶堵了 水都漫出来了', { request: true, target: HOME, category: '下水堵塞' }],
    ['厨房洗菜池下水特别慢 半天下不去', { request: true, target: HOME, category: '下水堵塞' }],
    ['卫生间地漏往上返水', { request: true, target: HOME, category: '下水堵塞' }],
    ['厨房水管漏水了', { request: true, target: HOME, category: '漏水' }],
    ['暖气片接口一直滴水', { request: true, target: HOME, category: '漏水' }],
    ['楼上漏水到我家天花板了', { request: true, target: HOME, category: '漏水' }],
    ['水龙头拧不紧 关不住水', { request: true, target: HOME, category: '给水' }],
    ['水龙头一直滴答 拧不紧', { request: true, target: HOME }],
    ['能帮我家换个水龙头吗 旧的锈死了', { request: true, target: HOME, category: '给水' }],
    ['家里跳闸了 合不上', { request: true, target: HOME, category: '电路' }],
    ['卧室的灯不亮了 换了灯泡也不行', { request: true, target: HOME, category: '电路' }],
    ['屋里一半插座没电', { request: true, target: HOME, category: '电路' }],
    ['插线板烧了 家里没电了', { request: true, target: HOME, category: '电路', urgent: false }],
    ['屋里的暖气一点都不热', { request: true, target: HOME, category: '暖气' }],
    ['暖气阀门拧不动了 麻烦师傅看一下', { request: true, target: HOME, category: '暖气' }],
    ['防盗门锁芯坏了 钥匙拧不动', { request: true, target: HOME, category: '门窗门锁' }],
    ['窗户把手掉了 关不上', { request: true, target: HOME, category: '门窗门锁' }],
    ['孩子把自己反锁在卧室里了', { request: true, target: HOME, category: '门窗门锁' }],
    ['热水器不出热水', { request: true, target: HOME, category: '家电' }],
    ['燃气灶打不着火', { request: true, target: HOME, category: '家电', urgent: false }],
    ['冰箱不制冷了', { request: true, target: HOME, category: '家电' }],
    ['厕所冲水按钮按不下去', { request: true, target: HOME, category: '卫浴洁具' }],
    ['衣柜门掉下来了 能帮忙装一下吗', { request: true, target: HOME }],
    ['想请海军帮忙队帮着换个灯管 我够不着', { request: true, target: HOME }],
    ['报修 12号楼2单元301', { request: true, target: HOME, category: '维修', explicit: true }],
  ])('%s', check)
})

describe('the same fault in a common area goes to the grid leader', () => {
  it.each<[string, Want]>([
    ['楼道的声控灯不亮了 5号楼', { request: true, target: GRID, category: '电路', commonArea: true }],
    ['卧室的灯不亮了 5号楼', { request: true, target: HOME, category: '电路', commonArea: false }],
    ['小区东门的路灯一直不亮', { request: true, target: GRID, category: '电路', areaHint: '小区东门' }],
    ['单元门坏了 关不上 4号楼', { request: true, target: GRID, commonArea: true }],
    ['房门坏了 关不上 4号楼2单元301', { request: true, target: HOME, commonArea: false }],
    ['楼顶漏雨 顶层走廊全是水', { request: true, target: GRID, category: '漏水' }],
    ['外墙往屋里渗水 一下雨就湿', { request: true, target: GRID, category: '漏水' }],
    ['楼道里的暖气管漏水 16号楼', { request: true, target: GRID, category: '漏水' }],
    ['楼门口的下水井往外冒脏水 14号楼', { request: true, target: GRID, category: '下水堵塞' }],
    ['下水道井口往外冒污水 小区北门', { request: true, target: GRID, areaHint: '小区北门' }],
    ['化粪池满了 一楼卫生间往上返 8号楼', { request: true, target: GRID }],
    ['井盖丢了 晚上看不见 小区南门口', { request: true, target: GRID, category: '公共设施', areaHint: '小区南门' }],
    ['车棚顶上的铁皮被风刮掉了', { request: true, target: GRID }],
    ['单元门口的台阶坏了 老人差点摔倒 22号楼1单元', { request: true, target: GRID, urgent: false }],
    ['外墙瓷砖掉下来了 差点砸到人 59号楼', { request: true, target: GRID, urgent: false }],
    ['整栋楼都没电了 12号楼', { request: true, target: GRID, category: '电路', commonArea: true }],
    ['12号楼停电了', { request: true, target: GRID, category: '电路', building: 12 }],
    ['家里停电了 别人家都有电 17号楼3单元202', { request: true, target: HOME, category: '电路' }],
    ['整个单元的暖气都不热 9号楼2单元', { request: true, target: GRID, category: '暖气' }],
    ['电梯坏了 老人上不了楼', { request: true, target: GRID }],
    ['健身器材的螺丝松了 孩子玩很危险', { request: true, target: GRID }],
    ['楼梯扶手晃得厉害 71号楼', { request: true, target: GRID }],
  ])('%s', check)

  it('gives the same category to the same fault reported in different words', () => {
    const cats = ['12号楼停电了', '12号楼整栋楼都停电了', '我们12号楼没电了 整栋都黑着'].map(t => analyze(t, vocab))
    expect(new Set(cats.map(a => a.category))).toEqual(new Set(['电路']))
    expect(new Set(cats.map(a => a.target))).toEqual(new Set([GRID]))
    expect(new Set(cats.map(a => a.building))).toEqual(new Set([12]))
  })
})

describe('a quarrel overrides the fault: mediation', () => {
  it.each<[string, Want]>([
    ['楼上漏水到我家 他家不承认 吵起来了', { request: true, target: '静华调解室', category: '邻里调解' }],
    ['我家卫生间渗水到楼下 楼下非让我全赔 两家谈不拢', { request: true, target: '静华调解室' }],
    ['楼上漏水把我家天花板泡了 找他们赔 他们不认', { request: true, target: '静华调解室' }],
    ['邻居的车天天堵我家车库门 吵了几次了', { request: true, target: '静华调解室' }],
    ['对门把鞋柜放在楼道占了我家门口 说了不挪', { request: true, target: '静华调解室' }],
    ['楼上半夜洗衣服 吵得睡不着 说了也不改', { request: true, target: '静华调解室' }],
    ['婆婆和儿媳妇天天吵 想请人调解一下', { request: true, target: '静华调解室' }],
    ['兄妹几个为了照顾老人的事闹翻了', { request: true, target: '静华调解室' }],
    ['楼下的狗天天半夜叫 邻居不管', { request: true, target: '静华调解室' }],
  ])('%s', check)
})

describe('the other teams', () => {
  it.each<[string, string]>([
    ['房东不退押金怎么办', '律师会客厅'],
    ['儿女不尽赡养义务 能起诉吗', '律师会客厅'],
    ['公司拖了我三个月工资 能找律师帮忙吗', '律师会客厅'],
    ['老人被保健品公司骗了好几万', '律师会客厅'],
    ['邻居把我家的墙打了个洞 我想起诉他 需要什么证据', '律师会客厅'],
    ['最近天天失眠 心里特别烦', '阳光大姐心理咨询'],
    ['孩子网瘾严重 能做心理辅导吗', '阳光大姐心理咨询'],
    ['老伴去世半年了 我还是走不出来', '阳光大姐心理咨询'],
    ['外套袖子开线了 谁能帮忙缝一下', '爱心大妈针情坊'],
    ['新买的裤子太长了 想改短一点', '爱心大妈针情坊'],
    ['羽绒服拉链坏了 拉不上', '爱心大妈针情坊'],
    ['老伴住院了 我一个人在家 想有人陪着说说话', '桂兰聊天室'],
    ['老父亲一个人在家 想请人定期去陪他聊聊天', '桂兰聊天室'],
    ['想请老师写个福字 过年贴', '来胜书画苑'],
    ['小孙子想学写毛笔字 怎么报名', '来胜书画苑'],
    ['合唱团还收人吗 我想参加', '季玲音乐吧'],
    ['我想学拉二胡 零基础能学吗', '季玲音乐吧'],
  ])('%s → %s', (text, target) => check(text, { request: true, target }))
})

describe('paperwork, public order, sanitation and fire hazards go to the grid leader', () => {
  it.each<[string, Want]>([
    ['办独生子女证明去哪里', { request: true, target: GRID, category: '证明办理' }],
    ['想开个无犯罪记录证明', { request: true, target: GRID, category: '证明办理' }],
    ['老年证丢了 怎么补办', { request: true, target: GRID, category: '证明办理' }],
    ['想办临时救助 家里困难', { request: true, target: GRID, category: '救助补贴' }],
    ['低保年审在哪里交材料', { request: true, target: GRID, category: '救助补贴' }],
    ['有陌生人挨家挨户敲门推销 很可疑', { request: true, target: GRID, category: '治安' }],
    ['有人在楼道里发小广告 还撬门锁', { request: true, target: GRID, category: '治安' }],
    ['有人从楼上往下扔酒瓶子', { request: true, target: GRID, category: '治安' }],
    ['楼下垃圾堆了好几天了 都臭了', { request: true, target: GRID, category: '环境卫生', commonArea: true }],
    ['小区里有人乱倒建筑垃圾', { request: true, target: GRID, category: '环境卫生' }],
    ['楼道里有人堆了很多纸箱 着火就麻烦了 68号楼3单元', { request: true, target: GRID, urgent: false, building: 68, unit: 3 }],
    ['楼道里停满了电动车 还在充电', { request: true, target: GRID, category: '消防隐患' }],
    ['老旧小区改造什么时候轮到我们楼', { request: true, target: GRID, category: '社区事务' }],
  ])('%s', check)
})

describe('urgent: gas, fire, collapse, unseen elder, missing, violence, suicide → grid leader and the number to call', () => {
  it.each<[string, Analysis['emergency']]>([
    ['厨房里有股煤气味 越来越大', 'fire'],
    ['一进楼道就闻到燃气味', 'fire'],
    ['燃气管子那里呲呲响 还有味儿', 'fire'],
    ['楼上冒黑烟了 是不是着火了', 'fire'],
    ['楼下垃圾桶着火了！！', 'fire'],
    ['电动车在楼道里充电 烧起来了', 'fire'],
    ['我爸突然晕倒了 叫不醒', 'medical'],
    ['有人晕倒在楼梯上了 快来人', 'medical'],
    ['我妈在卫生间摔倒了 起不来', 'medical'],
    ['老伴在厕所摔了 头磕破了', 'medical'],
    ['我爸喘不上气 脸都紫了', 'medical'],
    ['孩子被开水烫了一大片', 'medical'],
    ['对门大爷好几天没见着了 敲门也没人应', 'police'],
    ['楼上独居的李奶奶三天没下楼了', 'police'],
    ['老人走丢了 穿灰色棉袄', 'police'],
    ['我家老太太早上出门到现在没回来', 'police'],
    ['五岁的孩子在楼下玩找不到了', 'police'],
    ['楼下两口子打起来了 女的一直喊救命', 'police'],
    ['有个醉汉拿着刀在小区里晃', 'police'],
    ['我真的撑不下去了 想一了百了', 'police'],
    ['我不想活了', 'police'],
    ['活着没啥意思了 想早点解脱', 'police'],
  ])('%s → %s', (text, emergency) => check(text, { request: true, urgent: true, target: GRID, emergency }))

  it.each<[string, Want]>([
    // near misses and hypotheticals are not urgent
    ['单元门口的台阶坏了 老人差点摔倒', { urgent: false, request: true }],
    ['楼道杂物太多 着火就麻烦了', { urgent: false, request: true }],
    ['楼道的杂物这么多 万一着火怎么办', { urgent: false, request: true }],
    ['地面结冰了 老人容易摔倒', { urgent: false }],
    ['插座有火灾隐患', { urgent: false }],
    // negated or resolved
    ['不是着火 是有人在烧烤', { urgent: false }],
    ['燃气灶点不着火', { urgent: false }],
    ['刚才楼道有烟味 是有人在烧菜 虚惊一场', { urgent: false, request: false }],
    ['老人已经找到了 谢谢大家帮忙', { urgent: false, request: false }],
    ['听说隔壁小区有人家里着火了 还好人没事', { urgent: false, request: false }],
    // reports and notices about it
    ['看新闻说有个小区燃气爆炸了 好吓人', { urgent: false, request: false }],
    ['转发：冬季防火安全知识', { urgent: false, request: false }],
    ['消防演练明天上午九点开始 听到警报不要慌', { urgent: false, request: false }],
    // words that look alike
    ['孩子说活得很累 想约心理老师', { urgent: false, target: '阳光大姐心理咨询' }],
    ['想死你们了 好久不见', { urgent: false }],
    ['老伴住院了 想有人陪着说说话', { urgent: false, target: '桂兰聊天室' }],
    ['我妈要动手术 心里慌', { urgent: false }],
  ])('%s', check)
})

describe('not a request', () => {
  it.each<[string]>([
    // greetings, thanks, praise
    ['早上好各位'],
    ['大家晚安'],
    ['@花园社区小助手 你好'],
    ['[强][强][强]'],
    ['👍👍👍'],
    ['谢谢社区'],
    ['海军帮忙队的师傅太好了 点赞'],
    ['静华调解室调解得真好 感谢'],
    ['刚才那个律师讲得很清楚'],
    ['今天的合唱团唱得真好听'],
    // already fixed, already reported
    ['谢谢社区 楼道灯修好了'],
    ['师傅昨天来修的水管 现在好了'],
    ['谢谢网格长 井盖已经补上了'],
    ['我家楼上那个漏水 人家已经修好了 没事了'],
    ['马桶已经通了 不用来了 谢谢'],
    ['暖气今天热乎了 感谢网格长'],
    ['报修已经有人接了 谢谢'],
    ['刚才说的那个事我已经报过了 单号是5'],
    ['漏水的事已经报修了 等师傅来'],
    ['昨天停电是变压器检修 今天正常了'],
    ['以前我们楼也老停电 现在好多了'],
    // relayed notices
    ['通知：本周六上午在社区广场举办义诊'],
    ['转发：社区关于冬季用电安全的提示'],
    ['停电通知：明天上午8点到12点检修线路'],
    ['【通知】本周六开展垃圾分类宣传活动'],
    ['各位 明天早上8点到下午5点停电检修 请提前做好准备'],
    // questions about events and schedules
    ['今天的合唱排练取消了吗'],
    ['明天几点集合去体检'],
    ['这个律师讲座下次什么时候办'],
    ['芳邻节那天在哪集合'],
    ['百家宴每家带一个菜吗'],
    // merely mentioning a team or a fault
    ['我家马桶是去年新换的'],
    ['这个漏水的新闻看了吗'],
    ['我家暖气挺热的 你们家呢'],
    ['抖音上那个教人疏通下水道的视频挺有用'],
    ['我家马桶前年堵过一次 后来换了新的'],
    ['孩子今天在音乐吧学了一首新歌'],
    ['有没有人要旧衣服 给山区孩子捐的'],
    ['谁家有多余的纸箱 我搬家用'],
    ['群里谁有修自行车的电话'],
    ['老李家又吵架了 哈哈 天天这样'],
    // everyday chatter
    ['中午吃饺子'],
    ['哈哈 太有意思了'],
    ['有没有一起去买菜的'],
    ['明天降温 注意保暖'],
    ['12号楼的王阿姨今天过生日 祝她生日快乐'],
    ['好的 收到 我通知我们楼的人'],
    ['百家宴我报名 带个拌凉菜'],
  ])('%s', text => {
    const r = parseMessage(text, vocab)
    expect(r, JSON.stringify(r)).toEqual({
      request: false,
      category: null,
      target: null,
      building: null,
      unit: null,
      room: null,
      urgent: false,
    })
  })

  it('but the problem coming back is a request again', () => {
    check('上次修的水管又漏了 41号楼1单元201', { request: true, target: HOME, building: 41, unit: 1, room: '201' })
    check('楼道灯修好没两天又坏了 66号楼', { request: true, target: GRID })
    check('前天报的修到现在还没人来 马桶还是堵的', { request: true, target: HOME })
    check('还没修好 暖气还是不热', { request: true, target: HOME })
  })

  it('thanks or a greeting around a real request does not hide it', () => {
    check('大家好 我家卫生间漏水了', { request: true, target: HOME })
    check('麻烦网格长看看 楼道里的灯坏了 谢谢', { request: true, target: GRID })
    check('您好 想问一下 我家暖气不热 能来看看吗 谢谢', { request: true, target: HOME })
  })
})

describe('explicit prefixes and normalisation in context', () => {
  it.each<[string, Want]>([
    ['报修 6号楼1单元201 厨房水管漏水', { explicit: true, request: true, building: 6, unit: 1, room: '201' }],
    ['#报修 32#1-302 水龙头拧不紧', { explicit: true, request: true, building: 32, unit: 1, room: '302' }],
    ['【报修】１８号楼２单元２０１ 水龙头坏了', { explicit: true, request: true, building: 18, unit: 2, room: '201' }],
    ['维修：热水器不出热水 46栋2单元101', { explicit: true, building: 46, unit: 2, room: '101' }],
    ['@花园社区小助手\u2005报修 插线板烧了 家里没电了 8号楼2单元302', { explicit: true, request: true, building: 8, room: '302' }],
    ['求助 家里窗户把手掉了 63号楼2单元601', { explicit: true, request: true }],
    ['咨询 明天活动几点开始', { explicit: true, request: false }],
    ['卧室的灯开关坏了 按了没反应 十五号楼二单元五零一', { request: true, building: 15, unit: 2, room: '501' }],
    ['下雨天楼顶往下渗水 五楼六楼都遭殃 47号楼', { request: true, target: GRID, building: 47, unit: null, room: null }],
    ['马桶堵了😭😭 12号楼2单元301', { request: true, building: 12, unit: 2, room: '301' }],
  ])('%s', check)

  it('a very long message (a pasted article, a flood) is a request only when urgent', () => {
    expect(parseMessage('漏水'.repeat(300), vocab).request).toBe(false)
    expect(parseMessage(`${'转给大家看看这篇文章。'.repeat(60)}家里水管漏水了`, vocab).request).toBe(false)
    expect(parseMessage(`${'我真的很难受，'.repeat(80)}我不想活了`.slice(0, 590) + '我不想活了', vocab)).toMatchObject({ request: true, urgent: true })
    expect(parseMessage('煤气味'.repeat(30_000), vocab)).toMatchObject({ request: true, urgent: true })
  })

  it('non-requests carry no location', () => {
    expect(parseMessage('12号楼的王阿姨今天过生日 祝她生日快乐', vocab)).toMatchObject({ request: false, building: null })
  })
})
