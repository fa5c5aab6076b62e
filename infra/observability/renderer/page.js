// The page render-dashboard.mjs opens in headless Chromium: window.DASHBOARD (panels with their Prometheus answers,
// alert rules) drawn in the dashboard's 24-column grid with uPlot. Sets window.RENDERED (or RENDER_ERROR) when done.
(function () {
  'use strict';
  const PALETTE = ['#7EB26D', '#EAB839', '#6ED0E0', '#EF843C', '#E24D42', '#1F78C1', '#BA43A9', '#705DA0',
    '#508642', '#CCA300', '#447EBC', '#C15C17', '#890F02', '#0A437C', '#6D1F62', '#584477'];
  const THRESHOLD_COLORS = { green: '#37872D', red: '#C4162A', orange: '#FA6400', yellow: '#E0B400', blue: '#1F60C4' };
  const ROW_HEIGHT = 30;
  const GAP = 8;

  try {
    render(window.DASHBOARD);
    window.RENDERED = true;
  } catch (error) {
    window.RENDER_ERROR = String((error && error.stack) || error);
  }

  function render(data) {
    const root = document.getElementById('root');
    root.appendChild(header(data));
    const grid = element('div', 'grid');
    grid.style.gridAutoRows = ROW_HEIGHT + 'px';
    grid.style.gap = GAP + 'px';
    root.appendChild(grid);
    const charts = [];
    for (const panel of data.panels) {
      const box = element('div', panel.type === 'row' ? 'row' : 'panel');
      const g = panel.gridPos;
      box.style.gridColumn = (g.x + 1) + ' / span ' + g.w;
      box.style.gridRow = (g.y + 1) + ' / span ' + g.h;
      grid.appendChild(box);
      if (panel.type === 'row') {
        box.textContent = panel.title;
        continue;
      }
      box.appendChild(element('div', 'title', panel.title));
      const errors = panel.targets.filter((target) => target.error);
      if (errors.length) {
        box.appendChild(element('div', 'error', errors.map((t) => t.refId + ': ' + t.error).join('\n')));
        continue;
      }
      if (panel.targets.every((target) => target.series.length === 0)) {
        box.appendChild(element('div', 'nodata', 'No data'));
        continue;
      }
      if (panel.type === 'stat') {
        stat(box, panel);
      } else {
        charts.push(timeseries(box, panel, data));
      }
    }
    // Sizes are known only once every panel is in the grid.
    for (const draw of charts) draw();
    root.appendChild(alerts(data));
  }

  function header(data) {
    const box = element('div', 'header');
    box.appendChild(element('h1', null, data.title));
    const range = utc(data.start) + ' to ' + utc(data.end) + ' UTC (' + Math.round((data.end - data.start) / 60)
      + ' min, a point every ' + data.step + ' s)';
    box.appendChild(element('div', 'range', range));
    if (data.note) box.appendChild(element('div', 'note', data.note));
    return box;
  }

  function stat(box, panel) {
    const values = [];
    for (const target of panel.targets) {
      for (const series of target.series) {
        values.push({ label: legend(target.legendFormat, series.metric), value: lastNotNull(series.values) });
      }
    }
    const row = element('div', 'stats');
    for (const item of values) {
      const cell = element('div', 'stat');
      cell.style.background = thresholdColor(panel.thresholds, item.value);
      cell.appendChild(element('div', 'stat-value', item.value === null ? 'No data' : format(item.value, panel.unit)));
      if (values.length > 1) cell.appendChild(element('div', 'stat-label', item.label));
      row.appendChild(cell);
    }
    box.appendChild(row);
    if (panel.description) box.appendChild(element('div', 'description', panel.description));
  }

  function timeseries(box, panel, data) {
    const count = Math.round((data.end - data.start) / data.step) + 1;
    const xs = Array.from({ length: count }, (_, i) => data.start + i * data.step);
    const lines = [];
    for (const target of panel.targets) {
      const unit = unitOf(panel, target.refId);
      for (const series of target.series) {
        const ys = new Array(count).fill(null);
        for (const [t, v] of series.values) {
          const i = Math.round((t - data.start) / data.step);
          const number = Number(v);
          if (i >= 0 && i < count && Number.isFinite(number)) ys[i] = number;
        }
        lines.push({ label: legend(target.legendFormat, series.metric), ys, unit, last: lastNotNull(series.values) });
      }
    }
    lines.sort((a, b) => a.label.localeCompare(b.label));
    const plot = element('div', 'plot');
    box.appendChild(plot);
    const legendBox = element('div', 'legend');
    lines.forEach((line, i) => {
      const item = element('span', 'item');
      const swatch = element('i');
      swatch.style.background = PALETTE[i % PALETTE.length];
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(line.label + ' '));
      item.appendChild(element('b', null, line.last === null ? '–' : format(line.last, line.unit)));
      legendBox.appendChild(item);
    });
    box.appendChild(legendBox);
    const units = [...new Set(lines.map((line) => line.unit))];
    return () => {
      const opts = {
        width: plot.clientWidth,
        height: Math.max(plot.clientHeight, 60),
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
        legend: { show: false },
        cursor: { show: false },
        scales: Object.fromEntries(units.map((unit) => [unit, { auto: true, range: range }])),
        axes: [
          axis({ values: (u, splits) => splits.map(clock), space: 48 }),
          ...units.map((unit, i) => axis({
            scale: unit,
            side: i === 0 ? 3 : 1,
            grid: { show: i === 0, stroke: '#2c3235', width: 1 },
            values: (u, splits) => splits.map((v) => format(v, unit)),
          })),
        ],
        series: [{}, ...lines.map((line, i) => ({
          label: line.label,
          scale: line.unit,
          stroke: PALETTE[i % PALETTE.length],
          width: 1.5,
          spanGaps: false,
          points: { show: (u, si) => line.ys.filter((y) => y !== null).length < 3, size: 5 },
        }))],
      };
      new uPlot(opts, [xs, ...lines.map((line) => line.ys)], plot);
    };
  }

  // A y scale that includes zero and is never flat, so a constant series is drawn as a line, not lost on an edge.
  function range(u, min, max) {
    if (min === null || max === null) return [0, 1];
    const low = Math.min(0, min);
    const high = max > low ? max : low + 1;
    return [low, high + (high - low) * 0.08];
  }

  function axis(extra) {
    return Object.assign({
      stroke: '#9fa7b3',
      grid: { stroke: '#2c3235', width: 1 },
      ticks: { stroke: '#2c3235', width: 1, size: 4 },
      font: '11px sans-serif',
      size: 52,
    }, extra);
  }

  function alerts(data) {
    const box = element('div', 'alerts');
    const active = data.rules.filter((rule) => rule.state !== 'inactive').length;
    const broken = data.rules.filter((rule) => rule.health !== 'ok').length;
    box.appendChild(element('h2', null, 'Alert rules (alerts.yml) as this Prometheus evaluates them at ' + utc(data.end)
      + ' UTC: ' + active + ' of ' + data.rules.length + ' firing or pending'
      + (broken ? ', ' + broken + ' failing to evaluate' : ', every expression evaluates')));
    const list = element('div', 'rules');
    const order = { firing: 0, pending: 1, inactive: 2 };
    const rules = data.rules.slice().sort((a, b) => order[a.state] - order[b.state]);
    for (const rule of rules) {
      const item = element('div', 'rule');
      item.appendChild(element('span', 'state ' + rule.state, rule.state === 'inactive' ? 'ok' : rule.state));
      item.appendChild(element('span', 'name', rule.name));
      item.appendChild(element('span', 'severity ' + rule.severity, rule.severity + (rule.duration ? ', for ' + duration(rule.duration) : '')));
      for (const alert of rule.alerts) {
        const labels = Object.entries(alert.labels)
          .filter(([key]) => !['alertname', 'severity'].includes(key))
          .map(([key, value]) => key + '=' + value).join(' ');
        item.appendChild(element('div', 'instance', (labels || 'value') + ' → ' + shortNumber(Number(alert.value))
          + ' (' + alert.state + ' since ' + utc(Date.parse(alert.activeAt) / 1000) + ')'));
      }
      if (rule.health !== 'ok') item.appendChild(element('div', 'error', rule.health + ': ' + rule.lastError));
      list.appendChild(item);
    }
    box.appendChild(list);
    return box;
  }

  function legend(format, metric) {
    if (!format) {
      const labels = Object.entries(metric).filter(([key]) => key !== '__name__');
      return labels.length ? '{' + labels.map(([k, v]) => k + '="' + v + '"').join(', ') + '}' : 'value';
    }
    return format.replace(/\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g, (_, key) => metric[key] ?? '').trim();
  }

  // A field override by query (Grafana's matcher byFrameRefID with property unit) gives that query's series their unit.
  function unitOf(panel, refId) {
    for (const override of panel.overrides) {
      if (override.matcher && override.matcher.id === 'byFrameRefID' && override.matcher.options === refId) {
        const unit = (override.properties || []).find((p) => p.id === 'unit');
        if (unit) return unit.value;
      }
    }
    return panel.unit;
  }

  function lastNotNull(values) {
    for (let i = values.length - 1; i >= 0; i--) {
      const number = Number(values[i][1]);
      if (Number.isFinite(number)) return number;
    }
    return null;
  }

  function thresholdColor(thresholds, value) {
    if (!thresholds || value === null) return '#22252b';
    let color = null;
    for (const step of thresholds.steps) {
      if (step.value === null || value >= step.value) color = step.color;
    }
    return THRESHOLD_COLORS[color] || color || '#22252b';
  }

  function format(v, unit) {
    if (v === null || !Number.isFinite(v)) return '–';
    switch (unit) {
      case 's': return seconds(v);
      case 'ms': return seconds(v / 1000);
      case 'bytes': return bytes(v);
      case 'ops': return shortNumber(v) + '/s';
      case 'reqps': return shortNumber(v) + ' req/s';
      case 'percent': return shortNumber(v) + '%';
      case 'percentunit': return shortNumber(v * 100) + '%';
      default: return shortNumber(v);
    }
  }

  function shortNumber(v) {
    const abs = Math.abs(v);
    for (const [size, suffix] of [[1e9, ' Bil'], [1e6, ' Mil'], [1e3, ' K']]) {
      if (abs >= size) return trim(v / size) + suffix;
    }
    return trim(v);
  }

  function trim(v) {
    const abs = Math.abs(v);
    const digits = abs === 0 || abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
    return String(Number(v.toFixed(digits)));
  }

  function seconds(v) {
    const abs = Math.abs(v);
    if (abs === 0) return '0 s';
    if (abs < 1e-3) return trim(v * 1e6) + ' µs';
    if (abs < 1) return trim(v * 1e3) + ' ms';
    if (abs < 60) return trim(v) + ' s';
    if (abs < 3600) return trim(v / 60) + ' min';
    if (abs < 86400) return trim(v / 3600) + ' h';
    return trim(v / 86400) + ' day';
  }

  function bytes(v) {
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let i = 0;
    while (Math.abs(v) >= 1024 && i < units.length - 1) {
      v /= 1024;
      i++;
    }
    return trim(v) + ' ' + units[i];
  }

  function duration(secondsTotal) {
    return secondsTotal >= 60 ? Math.round(secondsTotal / 60) + 'm' : secondsTotal + 's';
  }

  // Tick labels as Grafana writes them for a short range: 10:14, or 10:14:30 between whole minutes.
  function clock(unixSeconds) {
    const text = new Date(unixSeconds * 1000).toISOString().slice(11, 19);
    return text.endsWith(':00') ? text.slice(0, 5) : text;
  }

  function utc(unixSeconds) {
    return new Date(unixSeconds * 1000).toISOString().replace('T', ' ').slice(0, 19);
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }
})();
