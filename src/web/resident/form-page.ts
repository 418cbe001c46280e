import type { Db } from '../../core/schema.js'
import { h, type Html } from '../html.js'
import { residentPage, tel, withTel } from './layout.js'
import { MAX_TEXT, unitsOf, type Errors, type Field, type Values } from './form.js'
import { R } from './texts.js'

export const EMPTY: Values = { problem: '', building: '', unit: '', door: '', phone: '', nick: '' }

/** A report this device made earlier, as the form lists it. */
export interface Mine {
  path: string
  id: number
  label: string
  status: string
}

const error = (errors: Errors, f: Field) => (errors[f] ? h`<p class="field-error" id="${f}-error">${errors[f]}</p>` : '')
const invalid = (errors: Errors, f: Field) => (errors[f] ? h` aria-invalid="true" aria-describedby="${f}-error"` : '')

/** The report form: phone first, one column, large tap targets; what was typed is kept after a refusal. */
export function formPage(db: Db, o: { token: string; values?: Values; errors?: Errors; mine?: Mine[] }): string {
  const v = o.values ?? EMPTY
  const errors = o.errors ?? {}
  const e = db.community.emergency
  const listed = Object.values(errors)
  const units = Array.from({ length: unitsOf(db) }, (_, i) => String(i + 1))
  const option = (value: string, label: string, chosen: string): Html => h`<option value="${value}"${value === chosen ? h` selected` : ''}>${label}</option>`
  return residentPage(
    db,
    R.formTitle,
    h`<p class="lead">${R.formLead}</p>
<p class="urgent-note">${R.urgentNote}${tel(e.fire)} ${R.fire}，${tel(e.medical)} ${R.medical}，${tel(e.police)} ${R.police}。</p>
${o.mine?.length ? h`<p><a class="to-mine" href="#mine">${R.mineLink(o.mine.length)}</a></p>` : ''}
${
  errors.form && listed.length === 1
    ? h`<div class="errors" role="alert"><p>${withTel(errors.form)}</p></div>`
    : listed.length
      ? h`<div class="errors" role="alert"><p>${R.fixErrors}</p><ul>${listed.map(x => h`<li>${withTel(x)}</li>`)}</ul></div>`
      : ''
}
<form method="post" action="/r" enctype="multipart/form-data" class="report" data-max-photo="${5 * 1024 * 1024}">
<input type="hidden" name="_form" value="${o.token}">
<div class="field${errors.problem ? ' bad' : ''}">
<label for="problem">${R.problem}</label>
<textarea id="problem" name="problem" rows="4" required minlength="2" maxlength="${MAX_TEXT}" placeholder="${R.problemHint}"${invalid(errors, 'problem')}>${v.problem}</textarea>
<p class="hint"><span data-count-for="problem">${[...v.problem].length}</span> / ${MAX_TEXT} 字</p>
${error(errors, 'problem')}
</div>
<fieldset class="field${errors.building || errors.unit ? ' bad' : ''}"><legend>${R.where}</legend>
<div class="pair">
<div><label for="building">${R.building}</label>
<select id="building" name="building" required${invalid(errors, 'building')}>${option('', R.pickBuilding, v.building)}${db.buildings.map(b => option(String(b), `${b}号楼`, v.building))}</select></div>
<div><label for="unit">${R.unit}</label>
<select id="unit" name="unit"${invalid(errors, 'unit')}>${option('', R.unitUnknown, v.unit)}${units.map(u => option(u, `${u}单元`, v.unit))}</select></div>
</div>
<p class="hint">${R.whereHint}</p>
${error(errors, 'building')}${error(errors, 'unit')}
</fieldset>
<div class="field${errors.door ? ' bad' : ''}">
<label for="door">${R.door}</label>
<input type="text" id="door" name="door" inputmode="numeric" maxlength="8" autocomplete="off" value="${v.door}"${invalid(errors, 'door')}>
<p class="hint">${R.doorHint}</p>${error(errors, 'door')}
</div>
<div class="field${errors.phone ? ' bad' : ''}">
<label for="phone">${R.phone}</label>
<input type="tel" id="phone" name="phone" maxlength="20" autocomplete="tel" value="${v.phone}"${invalid(errors, 'phone')}>
<p class="hint">${R.phoneHint}</p>${error(errors, 'phone')}
</div>
<div class="field${errors.nick ? ' bad' : ''}">
<label for="nick">${R.nick}</label>
<input type="text" id="nick" name="nick" maxlength="20" autocomplete="nickname" value="${v.nick}"${invalid(errors, 'nick')}>
<p class="hint">${R.nickHint}</p>${error(errors, 'nick')}
</div>
<div class="field${errors.photo ? ' bad' : ''}">
<label for="photo">${R.photo}</label>
<input type="file" id="photo" name="photo" class="pick-input" accept="image/jpeg,image/png,image/webp"${invalid(errors, 'photo')}>
<label for="photo" class="button pick">${R.pickPhoto}</label>
<p class="picked" hidden><span></span> <button type="button" class="link drop">${R.dropPhoto}</button></p>
<img class="preview" alt="" hidden>
<p class="hint">${R.photoHint}</p>${error(errors, 'photo')}
</div>
<div class="hp" aria-hidden="true"><label for="website">${R.robots}</label><input type="text" id="website" name="website" tabindex="-1" autocomplete="off"></div>
<button type="submit" class="big primary" data-busy="${R.submitting}">${R.submit}</button>
<p class="hint">${R.privacy}</p>
</form>
${o.mine?.length ? h`<section class="mine" id="mine"><h2>${R.mine}</h2><ul>${o.mine.map(m => h`<li><a href="${m.path}"><b>#${m.id}</b> ${m.label}<span class="state">${m.status}</span></a></li>`)}</ul></section>` : ''}`,
  )
}
