import { z } from 'zod'
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
  z.object({ wait: z.string().min(1) }),
  z.object({ join: z.string().min(1), in: z.string().min(1) }),
  z.object({ restart: z.literal(true) }),
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

export async function runStep(world: SimWorld, step: Step): Promise<void> {
  if ('wait' in step) await world.wait(parseDuration(step.wait))
  else if ('join' in step) await world.join(step.join, step.in)
  else if ('restart' in step) await world.restart()
  else await world.say(step.from, step.in ?? null, step.text, step.mention ?? false)
}

/** Plays a scenario and returns the transcript; `onLine` sees each line as it is sent. */
export async function runScenario(scenario: Scenario, dbSource: string, log: Logger,
  onLine?: (l: TranscriptLine) => void, keepDb?: (file: string) => Promise<void>): Promise<TranscriptLine[]> {
  const db = await tempDb(dbSource)
  const world = new SimWorld(db.file, new VirtualClock(Date.parse(scenario.start)), log, onLine, scenario.seed ?? 1)
  try {
    await world.init()
    for (const step of scenario.steps) await runStep(world, step)
    await world.stop()
    await keepDb?.(db.file)
    return world.transcript
  } finally {
    await world.stop().catch(() => undefined)
    await db.cleanup()
  }
}
