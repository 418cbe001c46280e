import { describe, expect, it } from 'vitest'
import { huddle, monthlyStats, weekBefore } from '../../../src/core/report/stats.js'
import { duration, huddleText, monthlyReportText, pct, periodText, weeklyReportText } from '../../../src/core/report/text.js'
import { NOVEMBER, date, dir, november } from './fixture.js'

describe('monthly report text', () => {
  const text = monthlyReportText(monthlyStats(november(), dir, NOVEMBER))
  it('carries the period, totals and the three rates', () => {
    expect(text).toContain('【花园社区 2026年11月 工作月报】')
    expect(text).toContain('本月共受理居民诉求 12 件（另有撤销 1 件，不计入统计：#12），已办结 9 件，在办 3 件')
    expect(text).toContain('响应率 75%（9/12）')
    expect(text).toContain('解决率 75%（9/12）')
    expect(text).toContain('满意率 75%（6/8）')
    expect(text).toContain('未评价 2 件另计，不算满意')
    expect(text).toContain('按时办结率 36.4%（4/11），另有 1 件尚未到期')
    expect(text).toContain('接单用时中位数 1小时，办结用时中位数 8小时')
  })
  it('breaks down by grid, team and category', () => {
    expect(text).toContain('3网格 3件（办结3，超时2，满意2，不满意1）')
    expect(text).toContain('未定位 1件')
    expect(text).toContain('海军帮忙队 5件')
    expect(text).toContain('本月无工单的队伍：来胜书画苑、季玲音乐吧、桂兰聊天室、爱心大妈针情坊')
    expect(text).toContain('水管漏水 3件')
    expect(text).toContain('紧急15分钟内接单；一般2小时内接单，入户水电暖24小时、其他3天内办结；法律和心理咨询2天内答复')
  })
})

describe('weekly text', () => {
  it('shows the week by grid and by team', () => {
    const s = monthlyStats(november(), dir, weekBefore(date('11-30 09:00')), { asOf: date('11-30 09:00') })
    const text = weeklyReportText(s)
    expect(text).toContain('【花园社区 一周一例会】11月23日—11月29日')
    expect(text).toContain('本周受理 2 件')
    expect(text).toContain('12网格 1件')
    expect(text).toContain('未定位 1件')
    expect(text).toContain('静华调解室 1件')
    expect(text).toContain('网格长 1件')
  })
})

describe('huddle text', () => {
  it('lists each ticket once, grouped, overdue first, short enough for a phone screen', () => {
    const text = huddleText(huddle(november(), date('12-01 08:30')))
    expect(text).toContain('【一天一碰头】12月1日 08:30')
    expect(text).toContain('昨天以来新报 2、办结 1、不满意 1；在办 4 件，超时 3 件。')
    expect(text).toMatch(/⚠ 超时：\n {2}#9 楼道灯 55号楼 12网格长，未接单，超/)
    expect(text).toMatch(/#11 环境卫生 未定位 网格长，未办结，超/)
    for (const n of [9, 10, 11, 15]) expect(text.match(new RegExp(`#${n} `, 'g'))).toHaveLength(1) // once each
    expect(text.indexOf('⚠ 超时')).toBeLessThan(text.indexOf('在办：') < 0 ? Infinity : text.indexOf('在办：'))
    expect(text).not.toMatch(/\d+室/) // read in a group: no flats
    expect(text.split('\n').length).toBeLessThanOrEqual(15)
    expect(text.length).toBeLessThan(500)
  })
})

describe('formatting', () => {
  it('formats rates, durations and periods', () => {
    expect(pct(null)).toBe('—')
    expect(pct(0.75)).toBe('75%')
    expect(pct(4 / 11)).toBe('36.4%')
    expect(duration(null)).toBe('—')
    expect(duration(18)).toBe('18分钟')
    expect(duration(390)).toBe('6.5小时')
    expect(duration(3 * 1440)).toBe('3天')
    expect(periodText(NOVEMBER)).toBe('2026年11月')
  })
})
