import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { ReportFiles } from '../commands/reports.js'
import { ticketsChart } from './chart.js'

/** Report files go to `reports/` beside db.json; the chart is drawn with the bundled Chinese font. */
export function reportFiles(dbFile: string, community: () => string): ReportFiles {
  const dir = path.join(path.dirname(path.resolve(dbFile)), 'reports')
  return {
    chart: stats => ticketsChart(stats, { community: community() }),
    async save(name, data) {
      await mkdir(dir, { recursive: true })
      const file = path.join(dir, name)
      await writeFile(file, data)
      return file
    },
  }
}
