import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { ReportFiles } from '../ports.js'

/** Report files go to `reports/` beside db.json; the chart is drawn with the bundled Chinese font. */
export function reportFiles(dbFile: string, community: () => string): ReportFiles {
  const dir = path.join(path.dirname(path.resolve(dbFile)), 'reports')
  return {
    // The canvas and the Chinese font load on first use, not at start-up: most days draw no chart.
    chart: async stats => (await import('./chart.js')).ticketsChart(stats, { community: community() }),
    async save(name, data) {
      await mkdir(dir, { recursive: true })
      const file = path.join(dir, name)
      await writeFile(file, data)
      return file
    },
  }
}
