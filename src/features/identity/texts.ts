import type { Role } from '../../core/schema.js'

const ROLE: Record<Role, string> = { staff: '社区工作人员', gridLeader: '网格长', gridMember: '网格员', teamLead: '队长', volunteer: '志愿者' }

/** What binding says (Simplified Chinese). */
export const B = {
  issueUsage: '用法：「绑定码 名字」，名字要和名单上的一致，例如「绑定码 3网格网格长」。',
  issued: (name: string, code: string, until: string, listed: boolean) =>
    `给「${name}」的绑定码：${code}（${until} 前有效，只能用一次）。\n请当面或电话告诉本人，让本人先加我为好友，再私聊我发送「绑定 ${code}」。${listed ? '' : '\n提示：名单里还没有这个名字，绑定后只是有了备注，没有任何身份，可以再用「授权」临时授权。'}`,
  badCode: '绑定码不对或已过期。请向社区工作人员要一个新的绑定码，再私聊我发送「绑定 123456」（6位数字）。',
  resumed: '（今天的绑定暂停已解除：这个码可以直接用。）',
  tooManyTries: '绑定码错了太多次，今天先不能再试了。请向社区工作人员要一个新的绑定码，明天再私聊我发送。',
  paused: '今天绑定码错误太多，为了安全，绑定先暂停了（明天自动恢复）。请联系社区工作人员，他们发新的绑定码后就能绑定。',
  guessing: (n: number) =>
    `【绑定暂停】今天已有 ${n} 次错误的绑定码，可能有人在猜码。为安全起见，私聊绑定已暂停到明天；需要今天办的，工作人员发一个新的绑定码（「绑定码 名字」或 npm run bind）即恢复。`,
  notFriend: '请先加我为好友，再私聊发送绑定码。',
  bindFailed: '绑定没有成功（微信暂时无法设置备注），请稍后再试，或联系社区工作人员。',
  bound: (name: string, roles: Role[]) =>
    `绑定成功，您是「${name}」${roles.length ? `（${roles.map(r => ROLE[r]).join('、')}）` : ''}。发送「帮助」查看您能用的功能。`,
  boundToStaff: (name: string, nick: string) => `【绑定】微信昵称「${nick}」已用绑定码绑定为「${name}」。如不是本人，请发送「解绑 ${name}」。`,
  unbindUsage: '用法：「解绑 名字」。',
  unbound: (name: string, n: number) => `已解绑「${name}」${n > 1 ? `（${n} 个联系人都有这个备注，已全部去掉）` : ''}，身份随之取消。需要时请重新发绑定码。`,
  notBound: (name: string) => `没有联系人的备注是「${name}」，无需解绑。`,
  list: (people: { name: string; n: number }[]) => {
    const bound = people.filter(p => p.n === 1).map(p => p.name)
    const shared = people.filter(p => p.n > 1).map(p => `${p.name}（${p.n}个联系人）`)
    const missing = people.filter(p => p.n === 0).map(p => p.name)
    return [
      `名单共 ${people.length} 人：已绑定 ${bound.length}，未绑定 ${missing.length}${shared.length ? `，备注重复 ${shared.length}` : ''}。`,
      ...(shared.length ? [`⚠ 备注重复（都没有身份，请解绑后重新绑定）：${shared.join('、')}`] : []),
      ...(missing.length ? [`未绑定：${missing.join('、')}`] : []),
      ...(bound.length ? [`已绑定：${bound.join('、')}`] : []),
    ].join('\n')
  },
  bindRoomWhere: '请在要绑定的工作群里发送「绑定本群」。',
  bindRoomUnknown: (topic: string) => `「${topic}」不是名单里的群（工作群、队伍群或居民群），不能绑定。如群名改过，请先改回来。`,
  roomBound: (topic: string, n: number) =>
    `已绑定「${topic}」，记下 ${n} 位成员。以后机器人按成员认这个群，同名的其他群收不到工作消息。成员有大的变动后请再发一次「绑定本群」。`,
  impostor: (nick: string, room: string | null) =>
    `【身份提醒】有人用「${nick}」作微信昵称${room ? `在「${room}」` : '私聊我'}，但不是名单上绑定的人，已按普通居民对待。如需给他身份，请用「绑定码」。`,
  sharedRemark: (remark: string) =>
    `【身份提醒】有两个或更多联系人的备注都是「${remark}」，为安全起见他们都暂时没有身份。请发送「解绑 ${remark}」后给本人重新发绑定码。`,
  topicTaken: (topic: string) =>
    `【群核对】有一个群也叫「${topic}」，但群成员和登记的对不上（可能是有人新建了同名群）。机器人照常回答那里的报修，但不会往那里发工作消息。请提醒居民认准原来的群。`,
  renamed: (from: string, to: string, by: string, resident: boolean) =>
    resident
      ? `【群改名】「${from}」被${by || '群成员'}改名为「${to}」。机器人会继续回答这个群里的报修；如要恢复原名，请群主改回。`
      : `【群改名】「${from}」被${by || '群成员'}改名为「${to}」。这个群改名后不再收到工作消息（改为私信），请改回原名；如有同名的新群，请留意是否有人冒用。`,
}
