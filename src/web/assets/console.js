// The console's only script: charts (ECharts, from data-chart JSON), confirmations, small conveniences.
(function () {
  'use strict'
  var palette = ['#2f6fdf', '#e5533d', '#f0a020', '#2a9d6f', '#8a5cd1', '#7a8699']

  function option(spec, width) {
    var horizontal = spec.horizontal === true
    // Many categories on a narrow screen: smaller labels, so 10 to 16 still read apart.
    var small = !horizontal && width < 480 && spec.categories.length > 10
    var cat = { type: 'category', data: spec.categories, name: spec.axisName || '', nameLocation: horizontal ? 'end' : 'middle', nameGap: horizontal ? 8 : 26,
      axisLabel: { interval: 0, fontSize: small ? 10 : 12 }, axisTick: { alignWithLabel: true } }
    var val = { type: 'value', minInterval: 1, axisLabel: { fontSize: 12 } }
    return {
      color: palette,
      textStyle: { fontFamily: 'system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif' },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
      legend: { top: 0, itemWidth: 14, itemHeight: 10, textStyle: { fontSize: 12 } },
      grid: { left: 8, right: 24, top: spec.series.length > 1 ? 36 : 16, bottom: spec.axisName && !horizontal ? 24 : 8, containLabel: true },
      xAxis: horizontal ? val : cat,
      yAxis: horizontal ? Object.assign({}, cat, { inverse: true }) : val,
      series: spec.series.map(function (s) {
        var stack = s.stack || (spec.stack ? 'all' : undefined)
        return {
          name: s.name, type: 'bar', stack: stack, data: s.data, barMaxWidth: 28,
          // Numbers on the bars, zeros left out (a row of 0 0 0 says nothing).
          label: { show: horizontal || spec.categories.length <= 8, position: stack ? 'inside' : (horizontal ? 'right' : 'top'), fontSize: 11, color: stack ? '#fff' : '#333', formatter: function (p) { return p.value ? p.value : '' } },
        }
      }),
    }
  }

  function charts() {
    if (!window.echarts) return
    var list = []
    document.querySelectorAll('[data-chart]').forEach(function (el) {
      try {
        var spec = JSON.parse(el.getAttribute('data-chart'))
        // Many categories on a phone (16 grids): bars across, one row each, so every label reads.
        if (!spec.horizontal && el.clientWidth < 480 && spec.categories.length > 10) spec.horizontal = true
        if (spec.horizontal) el.style.height = Math.max(160, spec.categories.length * 30 + 60) + 'px'
        var chart = window.echarts.init(el, null, { renderer: 'canvas' })
        chart.setOption(option(spec, el.clientWidth))
        list.push(chart)
        el.setAttribute('data-ready', '1')
      } catch (e) { el.textContent = '图表无法显示' }
    })
    window.addEventListener('resize', function () { list.forEach(function (c) { c.resize() }) })
  }

  function confirms() {
    document.querySelectorAll('form[data-confirm]').forEach(function (f) {
      f.addEventListener('submit', function (e) { if (!window.confirm(f.getAttribute('data-confirm'))) e.preventDefault() })
    })
  }

  // Filter forms submit as soon as a choice changes.
  function autoSubmit() {
    document.querySelectorAll('form.filters select, form.filters input[type=checkbox]').forEach(function (el) {
      el.addEventListener('change', function () { el.form.submit() })
    })
  }

  function ready() { charts(); confirms(); autoSubmit() }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', ready)
  else ready()
})()
