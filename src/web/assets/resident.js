// 居民报修: a photo preview and a size/type check before upload, a character count, and one press of 提交.
// The page works without it; the server checks everything again.
(function () {
  var form = document.querySelector('form.report')
  if (!form) return
  var max = Number(form.getAttribute('data-max-photo')) || 5242880
  var file = form.querySelector('#photo')
  var preview = form.querySelector('img.preview')
  var picked = form.querySelector('.picked')
  var problem = form.querySelector('#problem')
  var count = form.querySelector('[data-count-for=problem]')
  var button = form.querySelector('button[type=submit]')

  function note(text) {
    var old = file.parentNode.querySelector('.field-error.js')
    if (old) old.remove()
    if (!text) return
    var p = document.createElement('p')
    p.className = 'field-error js'
    p.textContent = text
    file.parentNode.appendChild(p)
  }

  function clear() {
    if (preview.src) URL.revokeObjectURL(preview.src)
    preview.removeAttribute('src')
    preview.hidden = true
    picked.hidden = true
  }

  if (file) file.addEventListener('change', function () {
    var f = file.files && file.files[0]
    note('')
    clear()
    if (!f) return
    if (!/^image\/(jpeg|png|webp)$/.test(f.type)) { note('照片只能是 JPG、PNG 或 WebP 格式的图片。'); file.value = ''; return }
    if (f.size > max) { note('照片太大了（最多 5 MB），请换一张，或不附照片。'); file.value = ''; return }
    var size = f.size < 1048576 ? Math.max(1, Math.round(f.size / 1024)) + ' KB' : (f.size / 1048576).toFixed(1) + ' MB'
    picked.querySelector('span').textContent = '已选：' + f.name + '（' + size + '）'
    picked.hidden = false
    preview.src = URL.createObjectURL(f)
    preview.hidden = false
  })
  if (picked) picked.querySelector('button.drop').addEventListener('click', function () { file.value = ''; clear(); note('') })

  if (problem && count) problem.addEventListener('input', function () { count.textContent = Array.from(problem.value).length })

  var label = button.textContent
  form.addEventListener('submit', function () {
    button.disabled = true
    button.textContent = button.getAttribute('data-busy') || label
  })
  // Back to this page from the next one: the button works again.
  window.addEventListener('pageshow', function () { button.disabled = false; button.textContent = label })
})()
