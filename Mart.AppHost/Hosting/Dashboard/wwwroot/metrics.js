// Metrics: the instruments each resource reports, and the chosen one charted over a time window; polled.
import { h, api, poll, query, setQuery, formatTime, formatNumber, fillSelect } from './dashboard.js';
import { lineChart } from './chart.js';

const service = document.getElementById('service');
const windowSelect = document.getElementById('window');
const list = document.getElementById('instruments');
const panel = document.getElementById('chart-panel');
const seriesTable = document.getElementById('series');
let chart = null;
let chosen = query('meter') && query('name') ? { meter: query('meter'), name: query('name') } : null;
if (query('minutes')) windowSelect.value = query('minutes');

async function loadServices() {
  const status = await api('/api/telemetry');
  const wanted = query('service') ?? service.value;
  fillSelect(service, status.services);
  if (status.services.includes(wanted)) service.value = wanted;
  else if (!service.value) service.value = status.services[0] ?? '';
}

async function loadInstruments() {
  if (!service.value) {
    list.replaceChildren(h('p', { class: 'empty' }, 'No metrics received yet.'));
    return;
  }
  const instruments = await api(`/api/metrics/instruments?service=${encodeURIComponent(service.value)}`);
  const meters = Map.groupBy(instruments, i => i.meter);
  list.replaceChildren(...[...meters].flatMap(([meter, items]) => [
    h('div', { class: 'meter' }, meter || '(no meter)'),
    ...items.map(i => h('a', {
      href: '#',
      class: chosen?.meter === i.meter && chosen?.name === i.name ? 'active instrument' : 'instrument',
      title: i.description,
      dataset: { meter: i.meter, name: i.name },
      onclick: event => { event.preventDefault(); choose(i); },
    }, i.name)),
  ]));
  if (!chosen && instruments.length) choose(instruments.find(i => i.name === 'http.server.request.duration') ?? instruments[0]);
}

function choose(instrument) {
  chosen = { meter: instrument.meter, name: instrument.name };
  for (const a of list.querySelectorAll('a')) a.classList.toggle('active', a.dataset.meter === instrument.meter && a.dataset.name === instrument.name);
  setQuery({ service: service.value, meter: chosen.meter, name: chosen.name, minutes: windowSelect.value });
  chart?.now();
}

async function drawChart() {
  if (!chosen || !service.value) return;
  const minutes = Number(windowSelect.value);
  const params = new URLSearchParams({ service: service.value, meter: chosen.meter, name: chosen.name, minutes: String(minutes) });
  const data = await api(`/api/metrics/chart?${params}`);
  if (!data) {
    panel.replaceChildren(h('p', { class: 'empty' }, 'This instrument has not reported yet.'));
    return;
  }
  const to = Date.now();
  const { instrument } = data;
  const unit = instrument.kind === 'Histogram' && data.lines[0]?.label !== 'mean' ? `${instrument.unit} (percentiles)` : instrument.unit;
  panel.replaceChildren(
    h('h2', { class: 'mono' }, instrument.name),
    h('p', { class: 'muted' }, [instrument.description, `${instrument.kind}${instrument.isCumulative ? ', cumulative' : ''}`, instrument.meter].filter(Boolean).join(' · ')),
    lineChart(data.lines, to - minutes * 60000, to, unit),
    data.hiddenLines ? h('p', { class: 'muted' }, `${data.hiddenLines} more series not drawn; see the table.`) : '');
  seriesTable.hidden = false;
  seriesTable.tBodies[0].replaceChildren(...data.series.map(s => h('tr', {},
    h('td', { class: 'mono' }, s.label),
    h('td', { class: 'mono nowrap' }, formatTime(s.time)),
    h('td', { class: 'mono' }, s.value !== null
      ? formatNumber(s.value)
      : `count ${formatNumber(s.count)}, mean ${formatNumber(s.count ? s.sum / s.count : 0)}`))));
}

await loadServices().catch(() => {});
const instrumentsPoller = poll(loadInstruments, 10000);
chart = poll(drawChart, 2000);
service.addEventListener('change', () => {
  chosen = null;
  seriesTable.hidden = true;
  panel.replaceChildren(h('p', { class: 'empty' }, 'Choose an instrument.'));
  setQuery({ service: service.value, meter: null, name: null });
  instrumentsPoller.now();
});
windowSelect.addEventListener('change', () => { setQuery({ minutes: windowSelect.value }); chart.now(); });
setInterval(() => loadServices().catch(() => {}), 10000);
