// Line charts of the console's timeline, drawn as SVG in the page (no library, nothing from a CDN).
'use strict';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 300;
const HEIGHT = 80;

function svgEl(tag, attributes) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

// A round upper bound for the y axis: 1, 2 or 5 times a power of ten, at least `floor`.
function niceMax(value, floor) {
  const top = Math.max(value, floor);
  const power = 10 ** Math.floor(Math.log10(top));
  for (const step of [1, 2, 5, 10]) {
    if (top <= step * power) return step * power;
  }
  return 10 * power;
}

function formatNumber(value) {
  if (value === null || value === undefined) return '–';
  if (value >= 100) return Math.round(value).toLocaleString();
  if (value >= 10) return value.toFixed(1);
  return value.toFixed(2).replace(/\.?0+$/, '') || '0';
}

// Draws `series` ([{name, values: [[epochMillis, number|null], ...]}]) over the window that ends at
// `now`. Gaps (null) break the line. The figure keeps what it shows in data- attributes, for tests.
function drawChart(figure, series, { now, start, floor = 1 }) {
  const span = now - start;
  const all = series.flatMap((s) => s.values.map(([, v]) => v)).filter((v) => v !== null);
  const max = all.length ? Math.max(...all) : 0;
  const top = niceMax(max, floor);
  const x = (t) => ((t - start) / span) * WIDTH;
  const y = (v) => HEIGHT - (v / top) * (HEIGHT - 4) - 2;

  const svg = svgEl('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, preserveAspectRatio: 'none', role: 'img' });
  svg.append(svgEl('line', { x1: 0, y1: y(top), x2: WIDTH, y2: y(top), class: 'grid' }));
  svg.append(svgEl('line', { x1: 0, y1: y(top / 2), x2: WIDTH, y2: y(top / 2), class: 'grid' }));
  series.forEach((s, index) => {
    // Runs of points without a gap become lines; a point alone between gaps is drawn as a dot.
    const runs = [];
    let run = [];
    for (const [t, v] of s.values) {
      if (v === null || t < start) { if (run.length) runs.push(run); run = []; continue; }
      run.push([x(t).toFixed(1), y(v).toFixed(1)]);
    }
    if (run.length) runs.push(run);
    const d = runs.filter((r) => r.length > 1).map((r) => r.map(([px, py], i) => `${i ? 'L' : 'M'}${px},${py}`).join(' '));
    if (d.length) svg.append(svgEl('path', { d: d.join(' '), class: `line line-${index}`, 'data-series': s.name }));
    for (const [[px, py]] of runs.filter((r) => r.length === 1)) {
      svg.append(svgEl('circle', { cx: px, cy: py, r: 2, class: `dot-point line-${index}` }));
    }
  });
  const scale = document.createElement('span');
  scale.className = 'scale';
  scale.textContent = formatNumber(top);

  const from = document.createElement('span');
  from.className = 'from';
  from.textContent = span >= 15 * 60 * 1000 - 1 ? '−15 min' : 'since ' + new Date(start).toLocaleTimeString();

  figure.querySelector('svg')?.remove();
  figure.querySelector('.scale')?.remove();
  figure.querySelector('.from')?.remove();
  figure.append(svg, scale, from);

  const latest = series.map((s) => [...s.values].reverse().find(([, v]) => v !== null)?.[1] ?? null);
  figure.querySelector('.current').textContent = latest.map(formatNumber).join(' / ');
  figure.dataset.max = String(max);
  figure.dataset.now = String(now); // the server time this drawing is up to: tells which refresh a reader sees
  figure.dataset.points = String(all.length);
  figure.dataset.latest = latest.map((v) => (v === null ? '' : String(v))).join(',');
}

// Renders the five charts from GET /console/api/timeline.
function drawTimeline(timeline) {
  const now = Date.parse(timeline.now);
  const points = timeline.points;
  // The server leaves out what a step does not have (no connection count yet, no fan-out): a gap.
  const series = (field) => points.map((p) => [p.at, p[field] ?? null]);
  // The last 15 minutes, or since the server started when that is less (at least a minute), so
  // that a young server's data is not squeezed into the right edge.
  const first = points.length ? points[0].at : now;
  const start = Math.max(now - timeline.windowSeconds * 1000, Math.min(first, now - 60_000));
  const options = { now, start };
  drawChart(document.getElementById('chart-changes'), [{ name: 'changes', values: series('changesPerSecond') }], options);
  drawChart(document.getElementById('chart-fanout'), [
    { name: 'p50', values: series('fanOutP50Ms') },
    { name: 'p99', values: series('fanOutP99Ms') },
  ], options);
  drawChart(document.getElementById('chart-connections'), [{ name: 'connections', values: series('connections') }],
    { ...options, floor: 5 });
  drawChart(document.getElementById('chart-handoffs'), [{ name: 'handoffs', values: series('handoffsPerSecond') }], options);
  drawChart(document.getElementById('chart-errors'), [{ name: 'errors', values: series('errorsPerSecond') }], options);
}
