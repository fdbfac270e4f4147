// Draws the report from the JSON in #report-data with ECharts. Task rows are arrays (see HtmlReport.runData):
// [id, label, worker, submittedMs, startedMs|null, finishedMs, outcome, error|null, cpuMs|null, lane].
(function () {
  'use strict';
  var ID = 0, LABEL = 1, WORKER = 2, SUBMITTED = 3, STARTED = 4, FINISHED = 5, OUTCOME = 6, ERROR = 7, CPU = 8, LANE = 9;
  var COLORS = ['#4e79a7', '#e15759', '#a0a0a0']; // SUCCEEDED, FAILED, CANCELLED
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var root = document.getElementById('report');
  var charts = [];

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') { node.textContent = attrs[k]; } else { node.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { node.appendChild(c); });
    return node;
  }

  function duration(ms) {
    if (ms === null || ms === undefined) { return '-'; }
    if (ms < 1) { return (ms * 1000).toFixed(0) + ' µs'; }
    if (ms < 1000) { return ms.toFixed(ms < 10 ? 2 : 1) + ' ms'; }
    return (ms / 1000).toFixed(ms < 10000 ? 3 : 1) + ' s';
  }

  function esc(text) {
    return String(text).replace(/[&<>"]/g, function (c) {
      return {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'}[c];
    });
  }

  function chart(container, height) {
    container.style.height = height + 'px';
    var c = echarts.init(container, null, {renderer: 'canvas'});
    charts.push(c);
    return c;
  }

  function summaryTable(runs) {
    var head = ['Run', 'Tasks', 'Failed', 'Cancelled', 'Wall time', 'Sum of task times', 'Workers', 'Speed-up', 'Efficiency'];
    var rows = runs.map(function (run) {
      var s = run.summary;
      return el('tr', {}, [
        el('td', {text: run.title}),
        el('td', {text: String(s.tasks)}),
        el('td', {text: String(s.failed), class: s.failed > 0 ? 'bad' : ''}),
        el('td', {text: String(s.cancelled)}),
        el('td', {text: duration(s.wallMs)}),
        el('td', {text: duration(s.busyMs)}),
        el('td', {text: String(s.workers)}),
        el('td', {text: s.speedup.toFixed(2) + '×'}),
        el('td', {text: (s.efficiency * 100).toFixed(0) + ' %'})
      ]);
    });
    return el('table', {class: 'summary'}, [
      el('thead', {}, [el('tr', {}, head.map(function (h) { return el('th', {text: h}); }))]),
      el('tbody', {}, rows)
    ]);
  }

  function comparison(runs, work) {
    var section = el('section', {class: 'comparison', 'data-work': work, 'data-runs': String(runs.length)}, [
      el('h2', {text: 'Strategies compared' + (work ? ': ' + work : '')}),
      el('p', {class: 'note', text: 'The same work, run each way: wall time (bars, lower is better) and speed-up = sum of task times ÷ wall time (line, higher is better).'})
    ]);
    var box = el('div', {class: 'chart'});
    section.appendChild(box);
    root.appendChild(section);
    chart(box, 320).setOption({
      animation: false,
      grid: {left: 70, right: 70, top: 40, bottom: 40},
      legend: {top: 0, data: ['wall time', 'speed-up']},
      tooltip: {trigger: 'axis', formatter: function (items) {
        var run = runs[items[0].dataIndex];
        return '<b>' + esc(run.name) + '</b><br>wall ' + duration(run.summary.wallMs) + '<br>speed-up ' +
          run.summary.speedup.toFixed(2) + '× on ' + run.summary.workers + ' workers<br>efficiency ' +
          (run.summary.efficiency * 100).toFixed(0) + ' %';
      }},
      xAxis: {type: 'category', data: runs.map(function (r) { return r.name; })},
      yAxis: [
        {type: 'value', name: 'wall time, ms'},
        {type: 'value', name: 'speed-up ×', min: 0, splitLine: {show: false}}
      ],
      series: [
        {name: 'wall time', type: 'bar', data: runs.map(function (r) { return r.summary.wallMs; }),
          itemStyle: {color: '#4e79a7'}, label: {show: true, position: 'top', formatter: function (p) { return duration(p.value); }}},
        {name: 'speed-up', type: 'line', yAxisIndex: 1, data: runs.map(function (r) { return +r.summary.speedup.toFixed(2); }),
          itemStyle: {color: '#f28e2b'}, label: {show: true, position: 'right', formatter: '{c}×'}}
      ]
    });
  }

  // Time zooms with the wheel and pans by dragging; with many lanes, a slider on the right scrolls through them,
  // starting on the first VISIBLE_LANES.
  var VISIBLE_LANES = 24;
  function zoom(lanes) {
    var zooms = [
      {type: 'inside', xAxisIndex: 0, filterMode: 'weakFilter'},
      {type: 'slider', xAxisIndex: 0, filterMode: 'weakFilter', height: 16, bottom: 6}
    ];
    if (lanes > VISIBLE_LANES) {
      zooms.push({type: 'slider', yAxisIndex: 0, filterMode: 'weakFilter', width: 14, right: 6,
        start: 0, end: 100 * VISIBLE_LANES / lanes, showDetail: false});
    }
    return zooms;
  }

  function timeline(section, run, group) {
    var bars = run.tasks.filter(function (t) { return t[STARTED] !== null; });
    var rendered = {};
    var renderedCount = 0;
    var lanes = run.lanes.length;
    var box = el('div', {class: 'chart timeline'});
    section.appendChild(el('h3', {text: run.packed
      ? 'Timeline: ' + run.tasks.length + ' tasks on more workers than lanes, so each task is drawn in the first lane free when it started'
      : 'Timeline: one lane per worker, one bar per task'}));
    section.appendChild(el('div', {class: 'legend'}, data.outcomes.map(function (o, i) {
      var item = el('span', {text: o.toLowerCase()});
      item.style.setProperty('--c', COLORS[i]);
      return item;
    })));
    section.appendChild(box);
    var c = chart(box, 60 + 28 * Math.min(VISIBLE_LANES, Math.max(2, lanes)));
    c.group = group;
    c.setOption({
      animation: false,
      grid: {left: 110, right: lanes > VISIBLE_LANES ? 40 : 20, top: 10, bottom: 50},
      tooltip: {trigger: 'item', formatter: function (p) {
        var t = bars[p.dataIndex];
        return '<b>task ' + t[ID] + '</b>' + (t[LABEL] !== null ? ': ' + esc(t[LABEL]) : '') +
          '<br>' + esc(data.outcomes[t[OUTCOME]].toLowerCase()) + ' on ' + esc(t[WORKER]) +
          '<br>ran ' + duration(t[FINISHED] - t[STARTED]) + ' (from ' + duration(t[STARTED]) + ' to ' + duration(t[FINISHED]) + ')' +
          '<br>queued ' + duration(t[STARTED] - t[SUBMITTED]) +
          (t[CPU] !== null ? '<br>CPU ' + duration(t[CPU]) : '') +
          (t[ERROR] !== null ? '<br><span style="color:#c0392b">' + esc(t[ERROR]) + '</span>' : '');
      }},
      dataZoom: zoom(lanes),
      xAxis: {type: 'value', min: 0, max: Math.max(run.lengthMs, 0.001),
        axisLabel: {formatter: function (v) { return duration(v); }}},
      yAxis: {type: 'category', data: run.lanes, inverse: true, axisTick: {show: false}},
      series: [{
        type: 'custom',
        name: 'tasks',
        encode: {x: [1, 2], y: 0, tooltip: [1, 2]},
        data: bars.map(function (t) { return [t[LANE], t[STARTED], t[FINISHED], t[OUTCOME]]; }),
        renderItem: function (params, api) {
          var lane = api.value(0);
          var from = api.coord([api.value(1), lane]);
          var to = api.coord([api.value(2), lane]);
          var height = api.size([0, 1])[1] * 0.7;
          var shape = echarts.graphic.clipRectByRect(
            {x: from[0], y: from[1] - height / 2, width: Math.max(1, to[0] - from[0]), height: height},
            {x: params.coordSys.x, y: params.coordSys.y, width: params.coordSys.width, height: params.coordSys.height});
          if (!shape) { return null; }
          if (!rendered[params.dataIndex]) {
            rendered[params.dataIndex] = true;
            section.setAttribute('data-rendered-bars', String(++renderedCount));
          }
          var task = bars[params.dataIndex];
          var label = task[LABEL] !== null ? task[LABEL] : '#' + task[ID];
          var children = [{type: 'rect', shape: shape, style: {fill: COLORS[api.value(3)],
            stroke: shape.width > 4 ? '#fff' : null, lineWidth: 1}}];
          if (shape.width > 7 * label.length + 8 && height > 12) {
            children.push({type: 'text', silent: true, style: {text: label, x: shape.x + 4, y: shape.y + shape.height / 2,
              verticalAlign: 'middle', fill: '#fff', font: '11px sans-serif'}});
          }
          return {type: 'group', children: children};
        }
      }]
    });
    return {lanes: lanes, bars: bars.length};
  }

  function concurrency(section, run, group) {
    section.appendChild(el('h3', {text: 'Tasks running and queued'}));
    var box = el('div', {class: 'chart concurrency'});
    section.appendChild(box);
    var c = chart(box, 200);
    c.group = group;
    function series(name, index, color) {
      return {name: name, type: 'line', step: 'end', showSymbol: false, sampling: 'lttb', color: color,
        areaStyle: {opacity: 0.15}, data: run.levels.map(function (l) { return [l[0], l[index]]; })};
    }
    var all = [series('running', 1, '#59a14f'), series('queued', 2, '#edc948')];
    if (run.decisions.length > 0) { // an auto pool's concurrency limit, as a step line to the run's end
      var steps = run.decisions.map(function (d) { return [Math.max(0, d[0]), d[1]]; });
      steps.push([Math.max(run.lengthMs, 0.001), run.decisions[run.decisions.length - 1][1]]);
      all.push({name: 'limit', type: 'line', step: 'end', showSymbol: false, color: '#e15759', lineStyle: {type: 'dashed'}, data: steps});
    }
    c.setOption({
      animation: false,
      grid: {left: 110, right: 20, top: 30, bottom: 50},
      legend: {top: 0, data: all.map(function (x) { return x.name; })},
      tooltip: {trigger: 'axis', valueFormatter: function (v) { return String(v); }},
      dataZoom: zoom(0),
      xAxis: {type: 'value', min: 0, max: Math.max(run.lengthMs, 0.001), axisLabel: {formatter: function (v) { return duration(v); }}},
      yAxis: {type: 'value', minInterval: 1, name: 'tasks'},
      series: all
    });
  }

  function cpu(section, run, group) {
    section.appendChild(el('h3', {text: 'CPU use per core, % (' + data.cpuSource + ', while the run ran)'}));
    var box = el('div', {class: 'chart cpu'});
    section.appendChild(box);
    var c = chart(box, 220);
    c.group = group;
    c.setOption({
      animation: false,
      grid: {left: 110, right: 20, top: 30, bottom: 50},
      legend: {top: 0, type: 'scroll', data: data.cpuSeries},
      tooltip: {trigger: 'axis', valueFormatter: function (v) { return v.toFixed(0) + ' %'; }},
      dataZoom: zoom(0),
      xAxis: {type: 'value', min: 0, max: Math.max(run.lengthMs, 0.001), axisLabel: {formatter: function (v) { return duration(v); }}},
      yAxis: {type: 'value', min: 0, max: 100, name: '%'},
      series: data.cpuSeries.map(function (name, i) {
        // A sample is the use over the interval before it: drawn as a step back to the previous sample.
        return {name: name, type: 'line', step: 'start', showSymbol: false, data: run.cpu.map(function (s) { return [s[0], s[i + 1]]; })};
      })
    });
  }

  function runSection(run, index) {
    var group = 'run-' + index;
    var section = el('section', {class: 'run', id: group, 'data-run': run.name, 'data-work': run.work, 'data-rendered-bars': '0'});
    var s = run.summary;
    section.appendChild(el('h2', {text: run.title}));
    section.appendChild(el('p', {class: 'note', text: 'pool ' + run.pool + ', strategy ' + run.strategy + ': ' + s.tasks + ' tasks (' +
      s.failed + ' failed, ' + s.cancelled + ' cancelled) on ' + s.workers + (s.workers === 1 ? ' worker' : ' workers') + ' in ' + duration(s.wallMs) +
      '; speed-up ' + s.speedup.toFixed(2) + '×, efficiency ' + (s.efficiency * 100).toFixed(0) + ' %' +
      (run.tasks.length < s.tasks ? '; the trace kept ' + run.tasks.length + ' of them' : '')}));
    if (run.decisions.length > 0) {
      section.setAttribute('data-decisions', String(run.decisions.length));
      var list = el('ol', {class: 'decisions'}, run.decisions.map(function (d) {
        return el('li', {text: duration(Math.max(0, d[0])) + ': limit ' + d[1] + ', ' + d[2]});
      }));
      section.appendChild(el('details', {}, [el('summary', {text: 'What the pool decided, and why (' + run.decisions.length +
        ' changes of its concurrency limit, drawn as "limit" in the chart of running and queued tasks)'}), list]));
    }
    root.appendChild(section);
    var drawn = timeline(section, run, group);
    section.setAttribute('data-lanes', String(drawn.lanes));
    section.setAttribute('data-bars', String(drawn.bars));
    concurrency(section, run, group);
    if (run.cpu.length > 0) { cpu(section, run, group); }
    echarts.connect(group);
  }

  try {
    document.getElementById('generated').textContent = 'Generated ' + data.generated + ' — ' + data.runs.length + ' run' + (data.runs.length === 1 ? '' : 's');
    root.appendChild(summaryTable(data.runs));
    // One comparison per work that was run more than one way, in the order the works first appear.
    var works = [];
    data.runs.forEach(function (run) { if (works.indexOf(run.work) < 0) { works.push(run.work); } });
    works.forEach(function (work) {
      var same = data.runs.filter(function (run) { return run.work === work; });
      if (same.length > 1) { comparison(same, work); }
    });
    data.runs.forEach(runSection);
    window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
    document.documentElement.setAttribute('data-runs', String(data.runs.length));
    document.documentElement.setAttribute('data-ready', 'true');
  } catch (e) {
    window.reportError(e && e.stack ? e.stack : e);
    throw e;
  }
})();
