import type { Command, Ctx } from '../types.js'
import { isStaff } from '../../core/directory.js'
import { ownerRoom } from '../../kernel/permissions.js'
import type { Ticket } from '../../core/types.js'
import { word, wordsAfter } from '../../core/command-text.js'
import { acknowledge, assigneeFor, isSuicide, mayOwn, mayWork } from '../../core/tickets.js'
import { GRID_LEADER, resolveTarget } from '../../core/directory.js'
import { routeToHandler, routeToReporters } from '../../core/routing.js'
import { redact } from '../../core/redact.js'
import { T } from '../../core/texts.js'
import { dispatch } from './dispatch.js'
import { move, onlyAwaiting, rejectDone } from './verdicts.js'
import type { Correction } from '../../core/intake/corrections.js'
import { iso } from '../../core/time.js'

export const query: Command = {
  name: '查询',
  usage: '查询 12',
  help: '查看工单进度',
  who: 'anyone',
  ticket: 'view',
  match: word('查询'),
  run(ctx, _args, t) {
    // Details (address, reporter, text) only in a private chat, and only to those involved.
    const full = ctx.msg.room === null && (mayWork(ctx.db, ctx.actor, t) || mayOwn(ctx.actor, t, ownerRoom(ctx), ctx.epoch) === 'yes')
    ctx.reply(T.status(t, full))
  },
}

export const mine: Command = {
  name: '我的报修',
  usage: '我的报修',
  help: '列出您报过的问题',
  who: 'anyone',
  match: text => (/^我的(报修|工单|求助)\s*$/.test(text) ? '' : null),
  run(ctx) {
    const list = ctx.state.tickets
      // Tickets a neighbour joined by name: only in the ticket's own group (a name proves nothing elsewhere).
      .filter(t =>
        t.reporter === ctx.actor.name
          ? mayOwn(ctx.actor, t, ownerRoom(ctx), ctx.epoch) === 'yes'
          : t.reporters.includes(ctx.actor.name) && t.room !== null && ownerRoom(ctx).includes(t.room),
      )
      .slice(-10)
    if (list.length === 0) {
      ctx.reply(T.noneMine)
      return
    }
    ctx.reply(T.mine(list, ctx.msg.room !== null))
  },
}

export const cancel: Command = {
  name: '撤销',
  usage: '撤销 12',
  help: '撤销自己报的问题',
  who: 'anyone',
  ticket: 'own',
  match: word('撤销'),
  run(ctx, _args, t) {
    // Neighbours joined this report: it is theirs too, and only staff may drop it.
    if (t.reporters.length > 1 && !isStaff(ctx.actor)) {
      ctx.reply(T.othersReported(t))
      return
    }
    if (!move(ctx, t, 'cancel', '撤销')) return
    ctx.state.pending = ctx.state.pending.filter(p => p.ticketId !== t.id)
    ctx.reply(T.cancelled(t))
    ctx.deliver(routeToHandler(ctx.db, t, T.cancelledToWorker(t, ctx.actor.name)))
  },
}

export const dissatisfied: Command = {
  name: '不满意',
  usage: '不满意 12 还是漏水',
  help: '对办好的工单不满意，重新处理',
  who: 'anyone',
  ticket: 'own',
  defaultTicket: onlyAwaiting,
  match: word('不满意'),
  run(ctx, _reason, t) {
    rejectDone(ctx, t, wordsAfter(ctx.msg.text, '不满意'))
  },
}

export const satisfied: Command = {
  name: '满意',
  usage: '满意 12',
  help: '对办好的工单表示满意',
  who: 'anyone',
  ticket: 'own',
  defaultTicket: onlyAwaiting,
  match: word('满意'),
  run(ctx, _args, t) {
    if (move(ctx, t, 'satisfied', '评价')) ctx.reply(T.thanks(t))
  },
}

/** Staff hear who acknowledged an urgent ticket: in the staff group, or privately for words of suicide (as its alert went). */
function tellAcked(ctx: Ctx, t: Ticket) {
  const staff = isSuicide(t) ? ctx.db.people.filter(p => p.roles.includes('staff')).map(p => ({ to: p.name })) : [{ room: ctx.db.community.staffRoom }]
  for (const dest of staff) if (!('to' in dest) || dest.to !== ctx.actor.name) ctx.send(dest, T.ackedToStaff(t), { urgent: true })
}

export const accept: Command = {
  name: '接单',
  usage: '接单 12',
  help: '接下派给您的工单',
  who: 'worker',
  ticket: 'work',
  match: word('接单'),
  run(ctx, _args, t) {
    const unacked = t.urgent && !t.ack
    if (!move(ctx, t, 'accept', '接单')) return // taking an urgent ticket acknowledges it (the alarms stop)…
    if (unacked) tellAcked(ctx, t) // …and the staff who got them hear who took it
    ctx.reply(T.acceptOk(t))
    ctx.deliver(routeToReporters(t, T.accepted(t, ctx.actor.team ?? ctx.actor.name)))
  },
}

export const finish: Command = {
  name: '完成',
  usage: '完成 12 已疏通',
  help: '办完工单，附上备注',
  who: 'worker',
  ticket: 'work',
  match: word('完成'),
  run(ctx, _note, t) {
    const note = wordsAfter(ctx.msg.text, '完成') // as the volunteer wrote it, punctuation and all
    if (!move(ctx, t, 'finish', '标记完成', { note: note || undefined })) return
    ctx.reply(T.doneOk(t))
    const shown = redact(note, ctx.db.community.publicPhones)
    ctx.deliver(routeToReporters(t, T.done(t, shown), T.doneNeighbour(t, shown, ctx.db.community.publicPhones[0])))
  },
}

export const transfer: Command = {
  name: '转派',
  usage: '转派 12 静华调解室',
  help: '把工单转给其他队伍或网格长',
  who: 'worker',
  ticket: 'work',
  match: word('转派'),
  run(ctx, rest, t) {
    if (t.status !== 'open' && t.status !== 'accepted') {
      ctx.reply(T.badState(t, '转派'))
      return
    }
    const target = rest ? resolveTarget(ctx.db, rest.split(/\s+/)[0]) : undefined
    if (!target) {
      ctx.reply(
        T.badTarget(
          rest || '（空）',
          ctx.db.teams.map(x => x.name),
        ),
      )
      return
    }
    const before = { category: t.category, target: t.target }
    if (!move(ctx, t, 'transfer', '转派', { target, assignee: assigneeFor(ctx.db, target, t.grid) })) return
    correct(ctx, t, 'transfer', before, { target })
    ctx.reply(T.transferOk(t))
    dispatch(ctx, t)
    ctx.deliver(routeToReporters(t, T.transferred(t)))
  },
}

/** A correction of the intake, stored with the message for npm run intake:review. */
function correct(ctx: Ctx, t: Ticket, kind: Correction['kind'], from: Correction['from'], to: Correction['to']) {
  ctx.state.corrections.push({ at: iso(ctx.now), ticketId: t.id, text: t.text, by: ctx.actor.name, kind, from, to })
  if (ctx.state.corrections.length > 5000) ctx.state.corrections.splice(0, ctx.state.corrections.length - 5000)
}

export const notRequest: Command = {
  name: '不是报修',
  usage: '不是报修 12 说明',
  help: '这条不是报修：关闭（不计积分），并客气地告诉居民',
  who: 'worker',
  ticket: 'work',
  match: word('不是报修'),
  run(ctx, _args, t) {
    const before = { category: t.category, target: t.target }
    const note = wordsAfter(ctx.msg.text, '不是报修').slice(0, 200)
    if (!move(ctx, t, 'notRequest', '关闭', { note: note || undefined })) return
    ctx.state.pending = ctx.state.pending.filter(p => p.ticketId !== t.id)
    correct(ctx, t, 'notRequest', before, null)
    ctx.reply(T.notRequestOk(t))
    ctx.deliver(routeToReporters(t, T.notRequestToReporter(t)))
    // Closed by someone else (staff, in chat or the console): whoever handles it need not go.
    const handles = ctx.actor.remark === t.assignee || (t.target !== GRID_LEADER && ctx.actor.team === t.target)
    if (!handles) ctx.deliver(routeToHandler(ctx.db, t, T.notRequestToWorker(t, ctx.actor.name)))
  },
}

export const acknowledgeCommand: Command = {
  name: '收到',
  usage: '收到 12',
  help: '确认已看到紧急工单，有人在处理（停止继续提醒）',
  who: 'worker',
  ticket: 'work',
  match: word('收到'),
  run(ctx, _args, t) {
    if (!t.urgent) {
      ctx.reply(T.notUrgent(t))
      return
    }
    if (!acknowledge(t, ctx.now, ctx.actor.name)) {
      ctx.reply(T.alreadyAcked(t))
      return
    }
    ctx.reply(T.acked(t))
    tellAcked(ctx, t)
  },
}

/** In the order 帮助 lists them. */
export const ticketCommands: Command[] = [query, mine, cancel, dissatisfied, satisfied, acknowledgeCommand, accept, finish, transfer, notRequest]
