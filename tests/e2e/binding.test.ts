import { describe, expect, it } from 'vitest'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { openWorld, play, toPerson } from './play.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const G3 = '花园社区3网格居民群'
const codeIn = (text: string) => /绑定码：(\d{6})/.exec(text)?.[1] ?? /：(\d{6})/.exec(text)?.[1]

describe('binding people to their roles', () => {
  it('staff issue a one-time code, the person sends it privately, the bot sets the remark and the role follows', async () => {
    const { world, readDb, close } = await openWorld()
    try {
      await world.remark('3网格网格员', '') // a grid member the account has not remarked yet
      await world.say('3网格网格员', G3, '接单 1')
      expect(world.transcript.at(-1)!.text).toMatch(/请带上单号|没有找到|抱歉/)
      await world.say('社区主任', null, '绑定码 3网格网格员')
      const code = codeIn(toPerson(world.transcript, '社区主任').at(-1)!.text)!
      expect(code).toMatch(/^\d{6}$/)
      await world.say('3网格网格员', null, `绑定 ${code}`)
      expect(toPerson(world.transcript, '3网格网格员').at(-1)!.text).toMatch(/绑定成功，您是「3网格网格员」（网格员）/)
      await world.say('3网格网格员', null, '帮助')
      expect(toPerson(world.transcript, '3网格网格员').at(-1)!.text).toMatch(/接单/) // a worker's help now
      await world.say('李大爷', null, `绑定 ${code}`) // used once only
      expect(toPerson(world.transcript, '李大爷').at(-1)!.text).toMatch(/绑定码不对或已过期/)
      const db = await readDb()
      expect(db.state.bindCodes).toEqual([])
      expect(db.state.audit.map(a => a.action)).toEqual(expect.arrayContaining(['绑定码', '绑定']))
    } finally {
      await close()
    }
  })

  it('guessing codes is cut off: five wrong tries a person a day, twenty for everyone until staff issue a new code; the one who issued a code hears who used it', async () => {
    const { world, readDb, close } = await openWorld()
    try {
      await world.say('社区书记', null, '绑定码 值班社工')
      const code = codeIn(toPerson(world.transcript, '社区书记').at(-1)!.text)!
      const wrong = (n: number) => String(100000 + ((Number(code) - 100000 + 1 + n) % 900000))
      const guess = async (who: string, c: string) => {
        await world.say(who, null, `绑定 ${c}`)
        await world.wait(120_000) // slowly, so that the replies are not held back as a flood
      }
      for (let i = 0; i < 6; i++) await guess('坏人', wrong(i))
      await guess('坏人', code) // the right code, too late
      expect(toPerson(world.transcript, '坏人').at(-1)!.text).toMatch(/错了太多次/)
      let db = await readDb()
      expect(db.state.bindCodes).toHaveLength(1) // still unused
      // Many people guessing: after twenty wrong codes in a day, binding by chat pauses for everyone; staff are told.
      for (let i = 0; i < 15; i++) await guess(['李大爷', '张姐', '刘叔'][i % 3], wrong(10 + i))
      await guess('王阿姨', code)
      expect(toPerson(world.transcript, '王阿姨').at(-1)!.text).toMatch(/绑定先暂停了/)
      await world.wait(60_000)
      db = await readDb()
      expect(db.state.bindCodes).toHaveLength(1)
      expect(world.transcript.filter(l => /【绑定暂停】/.test(l.text))).toHaveLength(1)
      // Staff, told, issue a new code: binding goes on the same day.
      await world.say('社区主任', null, '绑定码 3网格网格员')
      const fresh = codeIn(toPerson(world.transcript, '社区主任').at(-1)!.text)!
      await world.remark('3网格网格员', '')
      await guess('3网格网格员', fresh)
      expect(toPerson(world.transcript, '3网格网格员').at(-1)!.text).toMatch(/绑定成功/)
      // The next day the real person binds, and the secretary who issued the code is told.
      await world.wait(15 * 3600_000) // past midnight, before the code expires
      await world.say('值班社工', null, `绑定 ${code}`)
      expect(toPerson(world.transcript, '值班社工').at(-1)!.text).toMatch(/绑定成功/)
      await world.wait(60_000)
      expect(toPerson(world.transcript, '社区书记').some(l => /【绑定】.*绑定为「值班社工」/.test(l.text))).toBe(true)
    } finally {
      await close()
    }
  })

  it('codes staff issue on a busy day do not reset the count of wrong codes: the twentieth still pauses binding', async () => {
    const { world, close } = await openWorld()
    try {
      const guessers = ['李大爷', '张姐', '刘叔', '坏人']
      let n = 0
      const wrongOnes = async (k: number) => {
        for (let i = 0; i < k; i++, n++) {
          await world.say(guessers[n % 4], null, `绑定 ${String(100000 + n * 7919)}`)
          await world.wait(150_000)
        }
      }
      await wrongOnes(10)
      await world.say('社区书记', null, '绑定码 刘建国') // a routine code, no pause yet
      await wrongOnes(10)
      await world.say('王阿姨', null, '绑定 123456')
      expect(toPerson(world.transcript, '王阿姨').at(-1)!.text).toMatch(/绑定先暂停了/)
    } finally {
      await close()
    }
  })

  it('the very first staff member binds with a code printed on the server (npm run bind)', async () => {
    const { world, close } = await openWorld()
    try {
      await world.remark('社区书记', '')
      await world.say('社区书记', null, '通知 全体 测试')
      expect(toPerson(world.transcript, '社区书记').at(-1)!.text).toMatch(/只有社区工作人员/)
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', path.join(ROOT, 'src/cli/bind.ts'), '社区书记', '--db', world.dbFile],
        { cwd: ROOT },
      )
      const code = /绑定码：(\d{6})/.exec(stdout)![1]
      expect(stdout).toMatch(/One-time binding code/)
      await world.say('社区书记', null, `绑定 ${code}`)
      expect(toPerson(world.transcript, '社区书记').at(-1)!.text).toMatch(/绑定成功/)
      await world.say('社区书记', null, `绑定 ${code}`) // a server code works once
      expect(toPerson(world.transcript, '社区书记').at(-1)!.text).toMatch(/不对或已过期/)
    } finally {
      await close()
    }
  }, 60_000)

  it('two contacts with the same remark: neither has the role until staff unbind, and staff hear once', async () => {
    const { world, close } = await openWorld()
    try {
      await world.remark('李大爷', '社区主任') // a mistake on the phone
      await world.say('社区主任', null, '通知 全体 测试')
      await world.say('李大爷', null, '通知 全体 测试')
      expect(toPerson(world.transcript, '社区主任').at(-1)!.text).toMatch(/只有社区工作人员/)
      expect(toPerson(world.transcript, '李大爷').at(-1)!.text).toMatch(/只有社区工作人员/)
      expect(toPerson(world.transcript, '值班社工').filter(l => /备注都是「社区主任」/.test(l.text))).toHaveLength(1)
      await world.say('值班社工', null, '绑定列表')
      expect(toPerson(world.transcript, '值班社工').at(-1)!.text).toMatch(/备注重复.*社区主任（2个联系人）/)
      await world.say('值班社工', null, '解绑 社区主任')
      expect(toPerson(world.transcript, '值班社工').at(-1)!.text).toMatch(/已解绑「社区主任」（2 个联系人/)
    } finally {
      await close()
    }
  })

  it('staff bind a work group by its members; a same-named group with other members is not it', async () => {
    const { lines, db } = await play([
      { from: '值班社工', in: '花园社区工作群', text: '绑定本群' },
      { newRoom: '花园社区工作群', members: ['3网格网格长', '王阿姨'] },
      { from: '赵奶奶', in: G3, text: '厨房里一股煤气味 13号楼1单元201' },
      { wait: '1m' },
    ])
    expect(db.state.roomBindings.map(b => [b.topic, b.members.length])).toEqual([['花园社区工作群', 19]])
    expect(lines.filter(l => l.room === '花园社区工作群' && /紧急 #1/.test(l.text)).map(l => l.roomIndex ?? 0)).toEqual([0])
  })
})
