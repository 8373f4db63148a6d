// A line chart drawn as SVG: time on x, value on y, one polyline per line, a legend with each line's last value.
import { h, formatNumber } from './dashboard.js';

const palette = ['#3559e0', '#e0583a', '#12805c', '#b7791f', '#8e44ad', '#0e8ea6', '#c8322d', '#5d6d7e', '#d35400', '#27ae60'];
const width = 900;
const height = 300;
const margin = { top: 26, right: 24, bottom: 28, left: 64 };

/** Round tick values covering [min, max]. */
function ticks(min, max, count) {
  if (min === max) { min -= 1; max += 1; }
  const raw = (max - min) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map(m => m * magnitude).find(s => s >= raw);
  const values = [];
  for (let v = Math.floor(min / step) * step; v <= max + step / 2; v += step) values.push(Number(v.toPrecision(12)));
  return values;
}

function clock(ms) {
  const d = new Date(ms);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map(n => String(n).padStart(2, '0')).join(':');
}

/** lines: [{ label, points: [{ time (unix ms), value }] }]; from/to: the time window (unix ms). */
export function lineChart(lines, from, to, unit) {
  const values = lines.flatMap(l => l.points.map(p => p.value));
  if (!values.length) return h('p', { class: 'empty' }, 'No values in this window yet.');
  const yTicks = ticks(Math.min(0, ...values), Math.max(...values), 5);
  const [yMin, yMax] = [yTicks[0], yTicks[yTicks.length - 1]];
  const x = t => margin.left + ((t - from) / Math.max(1, to - from)) * (width - margin.left - margin.right);
  const y = v => height - margin.bottom - ((v - yMin) / Math.max(1e-12, yMax - yMin)) * (height - margin.top - margin.bottom);
  const xTicks = Array.from({ length: 6 }, (_, i) => from + ((to - from) * i) / 5);

  const svg = h('svg', { class: 'chart', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': 'chart' },
    h('g', { class: 'grid' }, yTicks.map(v => h('line', { x1: margin.left, x2: width - margin.right, y1: y(v), y2: y(v) }))),
    h('g', { class: 'axis' },
      yTicks.map(v => h('text', { x: margin.left - 8, y: y(v) + 4, 'text-anchor': 'end' }, formatNumber(v))),
      xTicks.map((t, i) => h('text', { x: x(t), y: height - 8, 'text-anchor': i === 0 ? 'start' : i === xTicks.length - 1 ? 'end' : 'middle' }, clock(t))),
      h('text', { x: margin.left, y: 12 }, unit ?? '')),
    lines.map((line, i) => h('polyline', {
      class: 'line',
      stroke: palette[i % palette.length],
      points: line.points.map(p => `${x(p.time).toFixed(1)},${y(p.value).toFixed(1)}`).join(' '),
    }, h('title', {}, line.label))));
  const legend = h('div', { class: 'legend' }, lines.map((line, i) => h('span', { class: 'chip' },
    h('span', { class: 'swatch', style: { background: palette[i % palette.length] } }),
    line.label, h('b', {}, ` ${formatNumber(line.points.at(-1)?.value)}`))));
  return h('div', {}, svg, legend);
}
