/** Reports: figures (stats), texts, CSV and volunteer points. All pure; the chart lives in src/adapters/chart.ts. */
export * from './stats.js'
export * from './text.js'
export * from './csv.js'
export * from './points.js'
