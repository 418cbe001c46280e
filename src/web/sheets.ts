import ExcelJS from 'exceljs'
import { toCsv } from '../core/report/csv.js'

/**
 * Spreadsheets in and out: an uploaded roster (.xlsx, or .csv in UTF-8 with or without BOM, or GBK as
 * Excel on a Chinese Windows saves it) as rows of text; tables out as .xlsx or CSV (BOM, CRLF).
 */
export async function readTable(fileName: string, data: Uint8Array): Promise<string[][]> {
  if (/\.xlsx$/i.test(fileName)) return readXlsx(data)
  if (/\.csv$/i.test(fileName)) return parseCsv(decodeText(data))
  throw new Error('只能导入 .xlsx 或 .csv 文件')
}

async function readXlsx(data: Uint8Array): Promise<string[][]> {
  const wb = new ExcelJS.Workbook()
  try {
    await wb.xlsx.load(Buffer.from(data) as unknown as ArrayBuffer)
  } catch {
    throw new Error('文件不是有效的 Excel（.xlsx）表格')
  }
  const ws = wb.worksheets[0]
  if (!ws) return []
  const rows: string[][] = []
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: string[] = []
    for (let i = 1; i <= row.cellCount; i++) cells.push(cellText(row.getCell(i).value))
    rows[n - 1] = cells
  })
  return Array.from(rows, r => r ?? [])
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'object') {
    if (v instanceof Date) return v.toISOString().slice(0, 10)
    if ('richText' in v) return v.richText.map(t => t.text).join('')
    if ('text' in v) return String(v.text)
    if ('result' in v) return v.result === undefined || v.result === null ? '' : String(v.result)
    return ''
  }
  return String(v)
}

/** UTF-8 (a BOM dropped), else GBK. */
export function decodeText(data: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(data)
  } catch {
    return new TextDecoder('gbk').decode(data)
  }
}

/** RFC 4180 CSV: quoted fields with doubled quotes, CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = [],
    f = '',
    q = false
  const s = text.replace(/^\uFEFF/, '')
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]
    if (q) {
      if (ch === '"' && s[i + 1] === '"') {
        f += '"'
        i++
      } else if (ch === '"') q = false
      else f += ch
    } else if (ch === '"' && f === '') q = true
    else if (ch === ',') {
      row.push(f)
      f = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++
      row.push(f)
      rows.push(row)
      row = []
      f = ''
    } else f += ch
  }
  if (f !== '' || row.length) {
    row.push(f)
    rows.push(row)
  }
  return rows
}

export interface Sheet {
  name: string
  rows: (string | number | null)[][]
  widths?: number[]
}

/** An .xlsx workbook: one worksheet per sheet, the first row bold and frozen. */
export async function xlsx(sheets: Sheet[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  wb.creator = '邻里'
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] })
    for (const r of s.rows) ws.addRow(r.map(v => (v === null ? '' : v)))
    ws.getRow(1).font = { bold: true }
    ws.columns.forEach((c, i) => {
      c.width = s.widths?.[i] ?? 14
    })
  }
  return Buffer.from(await wb.xlsx.writeBuffer())
}

export const csv = (rows: (string | number | null)[][]) => toCsv(rows)
