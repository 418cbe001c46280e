import type { Ticket } from './types.js'
import { GRID_LEADER } from './directory.js'
import { STATUS_TEXT, addressOf, handlerLabel, isSensitive } from './tickets.js'
import { human } from './time.js'
import { fromWeb } from './identity.js'

const WHO = {
  anyone: '居民',
  view: '居民',
  worker: '志愿者、网格员、网格长和社区工作人员',
  staff: '社区工作人员',
  work: '承办队伍、网格长或社区工作人员',
  own: '报告人或社区工作人员',
}

/** Who handles it, as the reporter hears it: a sensitive matter names neither the team nor the matter. */
const who = (t: Ticket) => (isSensitive(t) ? '相关老师' : handlerLabel(t))
/** The resident's words inside a sentence of ours: their closing punctuation gives way to our 。 */
const said = (reason: string) => reason.replace(/[。.！!？?~～…，,\s]+$/u, '') || '未说明理由'
/** What it is about, as the reporter hears it. */
const what = (t: Ticket) => (isSensitive(t) ? '您的求助' : t.category)
/** Where the report came from, for handlers: its group, a private chat, or the resident web page. */
const source = (t: Ticket) => (t.room ? `（${t.room}）` : fromWeb(t) ? '（网页报修）' : '（私聊）')
/** The phone a web reporter left for the handler (handlers' texts only; groups are redacted anyway). */
const phoneLine = (t: Ticket) => (t.contactPhone ? [`电话：${t.contactPhone}`] : [])

/** Every resident-facing sentence lives here (Simplified Chinese). Group texts never carry an address. */

export const T = {
  ack: (t: Ticket) =>
    isSensitive(t) ? `收到，单号 #${t.id}。已请相关老师私下联系您，请留意私信或电话。` : `收到，单号 #${t.id}，已转给${who(t)}处理，有进展会告诉您。`,
  /** Where is it? In a group: the building and unit only (the handler gets the door privately or by calling). */
  ackAsk: (t: Ticket, inGroup: boolean) =>
    inGroup
      ? `收到，单号 #${t.id}。请问是几号楼几单元？只回复楼号和单元即可，例如「12号楼2单元」；门牌号不用发在群里，师傅会私下联系您。`
      : `收到，单号 #${t.id}。请问具体在几号楼几单元几室？直接回复即可，例如「12号楼2单元301」。`,
  unknownBuilding: (t: Ticket, building: string, max: number) => `收到，单号 #${t.id}。咱们社区没有「${building}」（楼号是 1 到 ${max} 号楼），请问是几号楼？`,
  isItARequest: '是要报修吗？是的话回复「是」，我来登记；不是的话回复「不是」。',
  notReported: '好的，那就不登记了。有需要随时说。',
  located: (t: Ticket) => `好的，单号 #${t.id} 的位置已记下，已转给${who(t)}处理。`,
  merged: (t: Ticket, call = '') => `这个问题已有邻居报过，已并入单号 #${t.id}（${STATUS_TEXT[t.status]}），处理进展会一并告诉您。${call}`,
  urgentAck: (t: Ticket, call: string) => `情况紧急！已通知网格长和社区值班人员，单号 #${t.id}。${call}`,
  /** Words of suicide: warmth first, then the help line; 110/120 only when life is in danger now. */
  suicideAck: (t: Ticket, n: { medical: string; police: string }) =>
    `您愿意说出来，我们很珍惜。您不是一个人，社区的老师会尽快私下联系您、陪着您（单号 #${t.id}）。` +
    `现在就想找人说说话，可以拨打全国心理援助热线 12356，24小时有人接听。如果此刻有生命危险，请马上拨打 ${n.police} 或 ${n.medical}。`,
  callFor: (kind: 'fire' | 'medical' | 'police' | null, n: { fire: string; medical: string; police: string }) =>
    kind === 'fire'
      ? `请立即拨打 ${n.fire} 火警，先撤离到安全地方，不要开关电器。`
      : kind === 'medical'
        ? `请立即拨打 ${n.medical} 急救。`
        : kind === 'police'
          ? `请立即拨打 ${n.police} 报警。`
          : `如有危险请立即拨打 ${n.police}（报警）或 ${n.medical}（急救）。`,
  dispatch: (t: Ticket) =>
    [
      `【新派单 #${t.id}】${t.urgent ? '【紧急】' : ''}${t.category}`,
      `地址：${addressOf(t)}`,
      ...phoneLine(t),
      `报告人：${t.reporter}${source(t)}`,
      `内容：${t.text}`,
      `请回复「接单 ${t.id}」接单，办完回复「完成 ${t.id} 备注」。`,
    ].join('\n'),
  urgentAlert: (t: Ticket) =>
    [
      `【紧急 #${t.id}】${t.category}`,
      `地址：${addressOf(t)}`,
      ...phoneLine(t),
      `报告人：${t.reporter}${source(t)}`,
      `内容：${t.text}`,
      `请立即联系处置，接手后回复「接单 ${t.id}」。`,
    ].join('\n'),
  accepted: (t: Ticket, by: string) => (isSensitive(t) ? `您的单号 #${t.id} 已有老师接手，会私下联系您。` : `您的单号 #${t.id} 已由${by}接单，正在处理。`),
  /** The follow-up (回访), asked once at completion. */
  done: (t: Ticket, note: string) =>
    `您的单号 #${t.id} 已处理完成${note && !isSensitive(t) ? `（${note}）` : ''}。` +
    (t.target === '海军帮忙队'
      ? '修好了吗？满意的话回一句「满意」；还有问题直接说，比如「还是漏」，我们马上再安排。'
      : '问题解决了吗？满意的话回一句「满意」；还有问题直接告诉我们，我们马上再跟进。'),
  /** To a neighbour whose report joined the ticket: the reporter rates it, anyone may say it is not fixed. */
  doneNeighbour: (t: Ticket, note: string, dutyPhone?: string) =>
    `您报过的单号 #${t.id} 已处理完成${note && !isSensitive(t) ? `（${note}）` : ''}。` +
    (t.room
      ? '还有问题直接在群里说，比如「还是不行」，我们马上再安排。'
      : `还有问题请告诉网格长${dutyPhone ? `，或打社区值班电话 ${dutyPhone}` : ''}，我们马上再安排。`),
  noneAwaiting: '您目前没有等待评价的工单。',
  whichOne: (ids: number[], verdict: 'satisfied' | 'dissatisfied' = 'satisfied') =>
    `您有 ${ids.length} 个工单在等评价（${ids.map(i => `#${i}`).join('、')}），请带上单号，例如${verdict === 'satisfied' ? `「满意 ${ids[0]}」` : `「不满意 ${ids[0]} 还是漏」`}。`,
  reopenedToLeader: (t: Ticket, reason: string) =>
    `【居民不满意 #${t.id}】${t.category}，已退回${handlerLabel(t)}重新处理。居民说：${said(reason)}。请留意跟进。`,
  thanks: (t: Ticket) => `感谢您的评价，单号 #${t.id} 已办结。`,
  reopened: (t: Ticket) => `已收到您的意见，单号 #${t.id} 已重新交给${who(t)}处理。`,
  reopenedToWorker: (t: Ticket, reason: string) => `【重新处理 #${t.id}】居民不满意：${said(reason)}。请尽快跟进，办完回复「完成 ${t.id} 备注」。`,
  cancelled: (t: Ticket) => `单号 #${t.id} 已撤销。`,
  /** Past the urgent limit: the ticket is the grid leader's to check, the resident still told whom to call. */
  floodAck: (t: Ticket, call: string) => `收到，单号 #${t.id}，已转给网格长核实处理。${call}`,
  urgentFlood: (who: string, t: Ticket, place: string) =>
    `【请核实】${who} 一小时内报了多起紧急情况。新的单号 #${t.id}（${t.category}，${place}）没有再发紧急提醒，已按普通工单转给网格长；之后一小时内的也一样。请尽快核实。`,
  othersReported: (t: Ticket) => `单号 #${t.id} 还有其他邻居也报了，不能撤销，会继续处理。如果问题已经解决，请告诉网格长或社区工作人员。`,
  cancelledToWorker: (t: Ticket, by: string) => `【撤销 #${t.id}】${by} 已撤销此单，无需再处理。`,
  transferred: (t: Ticket) => `您的单号 #${t.id} 已转给${who(t)}处理。`,
  transferOk: (t: Ticket) => `单号 #${t.id} 已转派给${handlerLabel(t)}。`,
  reminder: (t: Ticket, phase: 'accept' | 'done', due: string) =>
    `【提醒】单号 #${t.id} 请在 ${due} 前${phase === 'accept' ? '接单' : '办结'}。${phase === 'accept' ? `回复「接单 ${t.id}」` : `办完回复「完成 ${t.id} 备注」`}。`,
  /** An overdue ticket: `leaderTold` only when the grid leader really was told before (a true fact). */
  overdue: (t: Ticket, phase: 'accept' | 'done', due: string, address: string, handler: string, leaderTold: boolean) => {
    const what = phase === 'accept' ? '接单' : '办结'
    return `【超时未${what}】#${t.id}（${t.category}，${address}，承办：${handler}）应于 ${due} 前${what}，请督办。${leaderTold ? '（已提醒网格长，仍未处理）' : ''}`
  },
  ackRemind: (t: Ticket, minutes: number) =>
    `【紧急未确认 #${t.id}】${t.category}（${addressOf(t)}）已 ${minutes} 分钟没有人确认。看到的同志请立即联系处置，并回复「收到 ${t.id}」。`,
  ackOutside: (t: Ticket, minutes: number) =>
    `【邻里机器人·紧急】#${t.id} ${t.category}（${t.grid ? `${t.grid}网格` : ''}${t.building ? `${t.building}号楼` : ''}）已 ${minutes} 分钟无人确认。请立即联系网格长或值班人员处置，确认后在微信里回复「收到 ${t.id}」。`,
  acked: (t: Ticket) => `已确认紧急单号 #${t.id}（${t.ack!.by}，${human(new Date(t.ack!.at))}），不再提醒。处置完请回复「完成 ${t.id} 备注」。`,
  ackedToStaff: (t: Ticket) => `【已确认 #${t.id}】${t.category}：${t.ack!.by} 于 ${human(new Date(t.ack!.at))} 确认，正在处置。`,
  alreadyAcked: (t: Ticket) => `紧急单号 #${t.id} 已由 ${t.ack!.by} 于 ${human(new Date(t.ack!.at))} 确认。`,
  notUrgent: (t: Ticket) => `单号 #${t.id} 不是紧急工单，无需确认；接手请回复「接单 ${t.id}」。`,
  notRequestOk: (t: Ticket) => `单号 #${t.id} 已按「不是报修」关闭，不计积分；已客气地告诉居民。这条已记下，用来改进识别。`,
  notRequestToWorker: (t: Ticket, by: string) => `【关闭 #${t.id}】${by} 确认这不是报修，已关闭此单，无需再处理。`,
  notRequestToReporter: (t: Ticket) => `您好，单号 #${t.id} 看起来不需要上门处理，先关闭了。如果确实需要帮忙，请再说一声，或联系网格长。`,
  acceptOk: (t: Ticket) => `已接单 #${t.id}，办完请回复「完成 ${t.id} 备注」。`,
  doneOk: (t: Ticket) => `单号 #${t.id} 已标记完成，已请居民评价。`,
  noTicket: (id: number) => `没有找到单号 #${id}，请核对后再试。`,
  /** The one refusal: who may use the command (or act on this ticket). */
  notAllowed: (command: string, who: 'worker' | 'staff' | 'anyone' | 'work' | 'own' | 'view', t?: Ticket) =>
    `抱歉，${t ? `单号 #${t.id} 的` : ''}「${command}」只有${WHO[who]}可以使用。`,
  notYours: (t: Ticket) => `抱歉，单号 #${t.id} 只有报告人、承办人和社区工作人员可以查询。`,
  ambiguousOwner: (t: Ticket, command: string) =>
    t.room
      ? `抱歉，暂时无法确认您就是单号 #${t.id} 的报告人（群里有同名的人，或不是在报告的群里）。为保护您的工单，请在报告时的群里发送「${command} ${t.id}」，或请网格长帮您处理。`
      : `抱歉，暂时无法确认您就是单号 #${t.id} 的报告人（小助手重新登录过，只凭微信昵称认不准人）。为保护您的工单，请联系网格长或社区工作人员帮您处理；他们也可以给您办「绑定」，以后就能直接办。`,
  privateOnly: (command: string) => `「${command}」请私聊我使用，避免在群里刷屏。`,
  helpIntro: (inGroup: boolean) =>
    `有事直接说，例如「${inGroup ? '12号楼2单元 马桶堵了' : '12号楼2单元301 马桶堵了'}」，我会登记并转给负责的人。\n也可以发送：`,
  badState: (t: Ticket, action: string) => `单号 #${t.id} 目前${STATUS_TEXT[t.status]}，不能${action}。`,
  needNumber: (usage: string) => `请带上单号，例如「${usage}」。`,
  badTarget: (word: string, teams: string[]) => `没有找到「${word}」。可转派给：${[...teams, GRID_LEADER].join('、')}。`,
  /** In a group the matter of a sensitive ticket is not named (as for 查询). */
  mine: (list: Ticket[], inGroup: boolean) =>
    ['您的报修：', ...list.map(t => `#${t.id} ${inGroup ? what(t) : t.category} ${STATUS_TEXT[t.status]}`)].join('\n'),
  noneMine: '您目前没有报修记录。如需帮助，直接描述问题和楼号即可。',
  privateHint: (inGroup: boolean) =>
    `您好，我是社区小助手。需要帮忙请直接描述问题和位置，例如「${inGroup ? '12号楼楼道灯坏了' : '12号楼2单元301 马桶堵了'}」；发送「帮助」查看全部功能。`,
  voiceHintGroup: '语音我暂时听不了。方便的话打几个字告诉我，比如「12号楼楼道灯坏了」；不方便打字，可以请邻居或网格员帮您打一下。',
  welcomeBack: '不客气！有需要随时找我。',
  cannotAnswer: (dutyPhone?: string) => `这个我答不上来。可以问问本网格的网格长${dutyPhone ? `，或打社区值班电话 ${dutyPhone}` : '，或社区值班人员'}。`,
  voiceHint: '抱歉，我暂时听不了语音，请用文字描述问题和位置，例如「12号楼2单元301 马桶堵了」。',
  photoAttached: (t: Ticket) => `照片已附到单号 #${t.id}，已转给承办人。`,
  photoForward: (t: Ticket, from: string) => `【#${t.id} 现场照片】来自 ${from}`,
  status: (t: Ticket, full: boolean) =>
    [
      `单号 #${t.id}：${full ? t.category : what(t)}，${STATUS_TEXT[t.status]}`,
      `承办：${full ? handlerLabel(t) : who(t)}`,
      ...(full ? [`地址：${addressOf(t)}`, ...phoneLine(t), `报告人：${t.reporters.join('、')}`, `内容：${t.text}`] : []),
      ...(full && t.urgent ? [t.ack ? `确认：${t.ack.by}，${human(new Date(t.ack.at))}` : '确认：尚无人确认'] : []),
    ].join('\n'),
  welcome: (n: number) =>
    `欢迎${n > 1 ? `${n}位新邻居` : '新邻居'}加入！有事直接在群里说，例如「12号楼楼道灯坏了」，我会登记并转给负责的人；发送「帮助」看看我能做什么。`,
  capNotice: (which: 'hourly' | 'daily', waiting: number, until: Date, urgent = false) =>
    `【发送限额】已达到${which === 'hourly' ? '每小时' : '每天'}${urgent ? '紧急消息' : ''}发送上限，为保护微信号，还有 ${waiting} 条消息在排队，将于 ${human(until)} 起继续发送，不会丢失。`,
  resumed: (since: Date, held: number) => `【恢复在线】机器人自 ${human(since)} 掉线，现已重新登录。掉线期间暂存了 ${held} 条消息，现在按顺序补发。`,
  stalled: (n: number) =>
    `【邻里机器人】连续 ${n} 条消息发送失败，社区微信号可能已卡住或被限制。消息仍在排队重试；请检查机器人的微信是否在线，必要时重启并重新扫码。`,
  duplicateRoom: (topic: string, n: number) =>
    `【群核对】有 ${n} 个群都叫「${topic}」。机器人只往成员对得上的那个群发工作消息，其余的不会收到地址、电话或报告人。如有人冒用群名，请提醒群主改名或解散。`,
  untrustedRoom: (topic: string) =>
    `【群核对】「${topic}」现在的成员和登记的对不上（可能被改名、被冒用，或换了人）。工作消息暂时改为私信发给相关人员。请在真正的工作群里发送「绑定本群」重新确认。`,
  rerouted: (topic: string, text: string) => `（原应发到「${topic}」，该群未通过核对，改为私信）\n${text}`,
  notSaved: (dutyPhone?: string) =>
    `抱歉，系统出了故障，您刚才的消息没能保存，请过一会儿再发一次${dutyPhone ? `，急事请打社区值班电话 ${dutyPhone}` : '，急事请直接联系网格长或社区值班人员'}。`,
  writeFailedAlert: (code: string) =>
    `【邻里机器人】数据无法保存（${code === 'ENOSPC' ? '磁盘已满' : code}），居民的新报修暂时存不下，已请他们稍后再发或打值班电话。请尽快清理磁盘或检查服务器；恢复后机器人会自动继续保存。`,
  slowDown: '您发得有点快，请稍等一会儿再发，我们已经记下您前面的问题了。',
}
