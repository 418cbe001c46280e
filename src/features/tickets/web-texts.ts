import type { Ticket } from '../../core/types.js'
import { STATUS_TEXT, handlerLabel, isSensitive } from '../../core/tickets.js'

/**
 * What the resident web page (/r) says after a report or a verdict (Simplified Chinese). Shown on the
 * page, never sent: unlike the chat's texts these promise no message in WeChat, since the resident
 * follows the ticket on its status page.
 */
export const WT = {
  /** In the resident's grid group, when they gave their nickname: the number only, nothing private. */
  toldInChat: (t: Ticket) => `您在网页上报的问题已登记，单号 #${t.id}，处理进展请看网页上的链接。`,
  ack: (t: Ticket, dutyPhone?: string) => {
    if (!isSensitive(t)) return `已登记，单号 #${t.id}，已转给${handlerLabel(t)}处理。${t.contactPhone ? '需要时会打您留的电话联系您。' : ''}`
    return t.contactPhone
      ? `已登记，单号 #${t.id}。相关老师会打您留的电话，私下联系您。`
      : `已登记，单号 #${t.id}。您没有留电话，老师没法主动联系您：请留意本页的进度${dutyPhone ? `，或打社区值班电话 ${dutyPhone}` : ''}。`
  },
  merged: (t: Ticket, call = '') => `这个问题已有邻居报过，已并入单号 #${t.id}（${STATUS_TEXT[t.status]}），会一并处理。${call}`,
  /** To the handler only (a work group or privately): where the neighbour who joined is, and their phone. */
  joinedToHandler: (t: Ticket, where: string, phone: string | null) => `【#${t.id} 又有居民报告】网页报修：${where}${phone ? `，电话：${phone}` : ''}。`,
  alsoKnow: (answer: string) => `另外告诉您：${answer}`,
  notFound: '没有找到这个报修记录。',
}
