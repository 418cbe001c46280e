import type { Db } from '../../core/schema.js'
import { normalizeInput } from '../../core/input.js'
import { MAX_PHOTO, sniff, type PhotoKind } from './photo.js'
import { R } from './texts.js'

/**
 * The report form's fields, checked: the problem (2–300 characters), a building from the directory's
 * list, a unit 1..N or 不清楚, an optional door number and phone, an optional photo, and the honeypot
 * that only robots fill in. A refusal names each field that is wrong; nothing is saved.
 */
export const MIN_TEXT = 2
export const MAX_TEXT = 300

/** What the resident typed, to show the form again as it was. */
export interface Values {
  problem: string
  building: string
  unit: string
  door: string
  phone: string
  nick: string
}
export type Field = keyof Values | 'photo' | 'form'
export type Errors = Partial<Record<Field, string>>

export interface Report {
  problem: string
  building: number
  unit: number | null
  door: string | null
  phone: string | null
  /** The resident's WeChat nickname, to be told in their group too (only the ticket's number). */
  nick: string | null
  photo: { data: Uint8Array; kind: PhotoKind } | null
}

export type Checked = { ok: true; report: Report; values: Values } | { ok: false; errors: Errors; values: Values; robot?: true }

type Body = Record<string, string | File | (string | File)[]>

const text = (body: Body, name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '')

export const unitsOf = (db: Db) => db.settings.unitsPerBuilding

/** A mainland mobile (11 digits, +86 allowed) or landline (area code and 7–8 digits, or a local 7–8 digit number), normalised; null if none given, undefined if not a phone. */
export function normalizePhone(raw: string): string | null | undefined {
  const s = normalizeInput(raw)
    .normalize('NFKC')
    .replace(/[\s\-–—_.()（）]/g, '')
  if (!s) return null
  const mobile = s.replace(/^\+?86(?=1\d{10}$)/, '')
  if (/^1[3-9]\d{9}$/.test(mobile)) return mobile
  const land = /^(0(?:10|2\d|[3-9]\d{2}))([2-9]\d{6,7})$/.exec(s)
  if (land) return `${land[1]}-${land[2]}`
  if (/^[2-9]\d{6,7}$/.test(s)) return s
  return undefined
}

/** A door number as people write it (301, 301室, 1102号, B-301), or null if none given, undefined if not one. */
export function normalizeDoor(raw: string): string | null | undefined {
  const s = normalizeInput(raw)
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/(室|号|房|户)$/, '')
    .toUpperCase()
  if (!s) return null
  return /^[0-9A-Z][0-9A-Z-]{0,7}$/.test(s) ? s : undefined
}

export async function checkReport(body: Body, db: Db): Promise<Checked> {
  const values: Values = {
    problem: text(body, 'problem').replace(/\r\n?/g, '\n'),
    building: text(body, 'building').trim(),
    unit: text(body, 'unit').trim(),
    door: text(body, 'door').trim().slice(0, 20),
    phone: text(body, 'phone').trim().slice(0, 30),
    nick: text(body, 'nick').trim().slice(0, 40),
  }
  const problem = normalizeInput(values.problem).trim()
  values.problem = values.problem.slice(0, 2000) // shown again, not more
  const errors: Errors = {}
  // Every field once: a repeated one is a form no page of ours sent.
  if (Object.values(body).some(Array.isArray)) return { ok: false, errors: { form: R.malformed }, values }
  if (text(body, 'website')) return { ok: false, errors: { form: R.malformed }, values, robot: true }

  const length = [...problem].length
  if (length < MIN_TEXT) errors.problem = R.problemShort
  else if (length > MAX_TEXT) errors.problem = R.problemLong(length)

  const building = /^[0-9]{1,4}$/.test(values.building) ? Number(values.building) : NaN
  if (!values.building) errors.building = R.buildingMissing
  else if (!db.buildings.includes(building)) errors.building = R.buildingUnknown(Math.min(...db.buildings), Math.max(...db.buildings))

  const unit = values.unit === '' ? null : /^[0-9]{1,2}$/.test(values.unit) ? Number(values.unit) : NaN
  if (unit !== null && !(unit >= 1 && unit <= unitsOf(db))) errors.unit = R.unitBad

  const door = normalizeDoor(values.door)
  if (door === undefined) errors.door = R.doorBad
  const phone = normalizePhone(values.phone)
  if (phone === undefined) errors.phone = R.phoneBad

  // A nickname is only ever used to @ someone in their grid's group with the ticket's number: no
  // private detail goes with it, so one typed wrongly (or someone else's) discloses nothing.
  const nick = normalizeInput(values.nick).replace(/[\s@]/g, '')
  if ([...nick].length > 20) errors.nick = R.nickBad
  // It is written into a group as @昵称 when no member shows it: no links, no numbers to call.
  else if (/[<>]|\d{5}|:\/\/|www|[a-z0-9-]+\.[a-z]{2,}/i.test(nick)) errors.nick = R.nickNotLink

  let photo: Report['photo'] = null
  const file = body.photo
  if (file instanceof File && file.size > 0) {
    if (file.size > MAX_PHOTO) errors.photo = R.photoBig
    else {
      const data = new Uint8Array(await file.arrayBuffer())
      const kind = sniff(data.subarray(0, 16))
      if (kind) photo = { data, kind }
      else errors.photo = R.photoType
    }
  } else if (typeof file === 'string' && file !== '') errors.photo = R.photoType

  if (Object.keys(errors).length) return { ok: false, errors, values }
  return { ok: true, values, report: { problem, building, unit, door: door ?? null, phone: phone ?? null, nick: nick || null, photo } }
}
