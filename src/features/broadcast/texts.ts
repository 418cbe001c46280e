import type { Broadcast } from '../../core/state.js'

/** An earlier notice with the same words to the same groups: when it went (or will go). */
export interface Same {
  id: number
  label: string
  when: string
  later: boolean
}

const EXAMPLE = '通知 全体 明天上午9点至12点停水，请提前储水'

/** What the broadcast feature says to staff (Simplified Chinese). */
export const N = {
  targets: (grids: number, maxBuilding: number, teams: string[]) =>
    `可以写：全体、1到${grids}网格（如 3网格）、楼号（1到${maxBuilding}，如 12号楼）、工作群，或队伍名（${teams.join('、')}）。`,
  unknownTarget: (word: string, targets: string) => `没有找到发送对象「${word}」。${targets}例如「${EXAMPLE}」`,
  usage: (targets: string) => `发通知请写「通知 对象 内容」。${targets}例如「${EXAMPLE}」`,
  noText: `请写上通知内容，例如「${EXAMPLE}」`,
  preview: (b: Broadcast, when: string, shown: string, hidden: string[], same: Same | undefined) =>
    [
      `【预览 通知 #${b.id}】${when}，发往 ${b.rooms.length === 1 ? b.rooms[0] : `${b.rooms.length} 个群：${b.rooms.join('、')}`}`,
      '居民收到的是：',
      shown,
      ...(hidden.length
        ? [`⚠ 内容里有门牌号或电话（${hidden.join('、')}），发到群里会显示为「已隐藏」。如是社区公开的值班电话，请登记在名单的 publicPhones 里。`]
        : []),
      ...(same
        ? [
            `⚠ ${same.later ? `已经安排 ${same.when} 给这些群发送` : `${same.when} 已经给这些群发过`}相同内容的通知 #${same.id}（${same.label}）。如确实要再发，确认时会再问一次。`,
          ]
        : []),
      '5分钟内回复「确认」发送，回复其他内容则不发送。',
    ].join('\n'),
  askAgain: (b: Broadcast, same: Same) =>
    `通知 #${b.id} 和${same.when}${same.later ? ' 要发的' : ' 的'}通知 #${same.id} 内容相同。确定要再发一遍吗？再回复一次「确认」就发送。`,
  nothingToConfirm: '没有等待确认的通知（预览5分钟内有效），请重新发送。',
  confirmedNow: (b: Broadcast) => `好的，通知 #${b.id} 开始发送，共 ${b.rooms.length} 个群，每个群间隔几秒，发完告诉您结果。`,
  confirmedLater: (b: Broadcast, when: string) => `好的，通知 #${b.id} 将于 ${when} 发送，共 ${b.rooms.length} 个群。需要时可发送「取消通知 ${b.id}」。`,
  now: '确认后立即发送',
  at: (when: string, quiet: { start: string; end: string } | null) =>
    `确认后将于 ${when} 发送${quiet ? `（${quiet.start} 到次日 ${quiet.end} 不打扰居民，所以早上再发）` : ''}`,
  cancelUsage: '请写上通知编号，例如「取消通知 3」。',
  noNotice: (id: number) => `没有找到通知 #${id}。`,
  notCancellable: (b: Broadcast) => `通知 #${b.id} 已经${b.status === 'cancelled' ? '取消' : '发出'}，不能取消。`,
  cancelled: (b: Broadcast) => `已取消通知 #${b.id}。`,
}
