// Draws the dashboard's charts from the figures the page carries as JSON (#dashboard-charts). The tables beside each
// chart hold the same figures; without this script (or without ECharts) the page is complete without the charts.
(function () {
  'use strict';
  var source = document.getElementById('dashboard-charts');
  if (!source || !window.echarts) return;
  var data = JSON.parse(source.textContent);
  var palette = ['#1d5f8a', '#c0392b', '#d68910', '#27ae60', '#7d3c98', '#5d6d7e', '#16a085', '#a04000'];

  function bar(items) {
    return {
      color: palette,
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: items.map(function (i) { return i.name; }) },
      series: [{ type: 'bar', data: items.map(function (i) { return i.value; }), label: { show: true, position: 'right' } }]
    };
  }

  function stacked(children, labels) {
    return {
      color: ['#27ae60', '#c0392b'],
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: children.map(function (c) { return c.name; }) },
      series: [
        { name: labels.eliminated, type: 'bar', stack: 'all', data: children.map(function (c) { return c.eliminated; }) },
        { name: labels.open, type: 'bar', stack: 'all', data: children.map(function (c) { return c.open; }) }
      ]
    };
  }

  function pies(groups) {
    var width = 100 / Math.max(groups.length, 1);
    return {
      color: palette,
      tooltip: { trigger: 'item', formatter: '{a}<br/>{b}: {c}%' },
      legend: { bottom: 0 },
      title: groups.map(function (g, i) { return { text: g.name, left: (width * i + width / 2) + '%', textAlign: 'center', top: 0, textStyle: { fontSize: 14 } }; }),
      series: groups.map(function (g, i) {
        return {
          name: g.name, type: 'pie', radius: ['30%', '55%'], center: [(width * i + width / 2) + '%', '48%'],
          label: { formatter: '{d}%' },
          // A negative share (operating at a loss) cannot be a slice: drawn as zero, the table gives the figure.
          data: g.shares.map(function (s) { return { name: s.name, value: Math.max(0, Number(s.value)) }; })
        };
      })
    };
  }

  var options = {
    categories: data.categories.length ? bar(data.categories) : null,
    risks: data.risks.length ? bar(data.risks) : null,
    measures: data.measures.length ? bar(data.measures) : null,
    income: pies(data.income),
    children: data.children.length ? stacked(data.children, data.labels) : null
  };
  var charts = [];
  document.querySelectorAll('[data-chart]').forEach(function (el) {
    var option = options[el.getAttribute('data-chart')];
    if (!option) { el.hidden = true; return; }
    var rows = option.yAxis ? option.yAxis.data.length : 0;
    if (rows > 8) el.style.height = (rows * 28 + 60) + 'px';
    var chart = window.echarts.init(el, null, { renderer: 'svg' });
    // No animation: the figures are the point, weak machines draw once, and motion-sensitive readers are spared.
    option.animation = false;
    chart.setOption(option);
    charts.push(chart);
  });
  window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
})();
