import { z } from 'zod'
import { FileBox, type FileBoxInterface } from 'file-box'
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { PROJECT_DB } from '../paths.js'
import type { Logger } from '../ports.js'
import { parseDuration } from '../core/time.js'
import { VirtualClock } from './clock.js'
import { SimWorld, type TranscriptLine } from './world.js'

/** The scenario format of shared/SCENARIOS.md. */
const StepSchema = z.union([
  z.object({ from: z.string().min(1), in: z.string().min(1).optional(), text: z.string(), mention: z.boolean().optional() }),
  z.object({ from: z.string().min(1), in: z.string().min(1).optional(), photo: z.string().min(1) }),
  z.object({ from: z.string().min(1), in: z.string().min(1).optional(), voice: z.number().positive() }),
  z.object({ wait: z.string().min(1) }),
  z.object({ join: z.string().min(1), in: z.string().min(1) }),
  z.object({ restart: z.literal(true) }),
  z.object({ rename: z.string().min(1), to: z.string().min(1) }),
  z.object({ renameRoom: z.string().min(1), to: z.string().min(1), by: z.string().min(1) }),
  z.object({ newRoom: z.string().min(1), members: z.array(z.string().min(1)) }),
])
export const ScenarioSchema = z.object({
  start: z.string().refine(s => !Number.isNaN(Date.parse(s)), '不是有效的 ISO 8601 时间'),
  db: z.string().optional(),
  seed: z.number().int().optional(),
  steps: z.array(StepSchema),
})
export type Scenario = z.infer<typeof ScenarioSchema>
export type Step = Scenario['steps'][number]

export { PROJECT_DB }

export async function loadScenario(file: string): Promise<{ scenario: Scenario; dbSource: string }> {
  const raw = JSON.parse(await readFile(file, 'utf8'))
  const parsed = ScenarioSchema.safeParse(raw)
  if (!parsed.success) {
    throw new Error(`${file}: ${parsed.error.issues.map(i => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
  }
  const s = parsed.data
  return { scenario: s, dbSource: s.db ? path.resolve(path.dirname(file), s.db) : PROJECT_DB }
}

/** A temporary copy of a db file: the simulator never writes the original. */
export async function tempDb(source: string): Promise<{ file: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'linli-sim-'))
  const file = path.join(dir, 'db.json')
  await copyFile(source, file)
  return { file, cleanup: () => rm(dir, { recursive: true, force: true }) }
}

export async function runStep(world: SimWorld, step: Step, dir = '.'): Promise<void> {
  if ('wait' in step) await world.wait(parseDuration(step.wait))
  else if ('join' in step) await world.join(step.join, step.in)
  else if ('restart' in step) await world.restart()
  else if ('rename' in step) await world.rename(step.rename, step.to)
  else if ('renameRoom' in step) await world.renameRoom(step.renameRoom, step.to, step.by)
  else if ('newRoom' in step) await world.newRoom(step.newRoom, step.members)
  else if ('photo' in step) await world.sendFile(step.from, step.in ?? null, await photoBox(step.photo, dir))
  else if ('voice' in step) await world.sendFile(step.from, step.in ?? null, voiceBox(step.voice))
  else await world.say(step.from, step.in ?? null, step.text, step.mention ?? false)
}

// A 1×1 PNG: the photo the simulator makes up when the scenario names no file it can read.
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='

/** An image message: the named file (relative to the scenario) if it exists, else a made-up picture. */
async function photoBox(name: string, dir: string): Promise<FileBoxInterface> {
  const data = await readFile(path.resolve(dir, name)).catch(() => Buffer.from(PNG, 'base64'))
  return FileBox.fromBase64(data.toString('base64'), path.basename(name))
}

/** A voice message of `seconds` (WeChat's SILK audio; the mock types a message by its media type). */
function voiceBox(seconds: number): FileBoxInterface {
  const box = FileBox.fromBase64(Buffer.from(`#!SILK_V3 ${seconds}s`).toString('base64'), `voice-${seconds}s.silk`)
  Object.defineProperty(box, 'mediaType', { value: 'audio/silk' })
  return box
}

/** Plays a scenario and returns the transcript; `onLine` sees each line as it is sent. */
export async function runScenario(
  scenario: Scenario,
  dbSource: string,
  log: Logger,
  onLine?: (l: TranscriptLine) => void,
  keepDb?: (file: string) => Promise<void>,
  opts: { alertUrl?: string; dir?: string } = {},
): Promise<TranscriptLine[]> {
  const db = await tempDb(dbSource)
  const world = new SimWorld(db.file, new VirtualClock(Date.parse(scenario.start)), log, onLine, scenario.seed ?? 1, opts.alertUrl)
  try {
    await world.init()
    for (const step of scenario.steps) await runStep(world, step, opts.dir)
    await world.stop()
    await keepDb?.(db.file)
    return world.transcript
  } finally {
    await world.stop().catch(() => undefined)
    await db.cleanup()
  }
}
