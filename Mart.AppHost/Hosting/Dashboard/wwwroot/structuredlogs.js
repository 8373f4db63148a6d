// Structured logs: what the services logged through OpenTelemetry, newest first, polled with an "after" cursor.
import { h, api, poll, query, setQuery, formatTime, fillSelect, badge, serviceChip, attributeList } from './dashboard.js';

const MaxRows = 500;
const service = document.getElementById('service');
const level = document.getElementById('level');
const search = document.getElementById('search');
const traceFilter = document.getElementById('trace-filter');
const body = document.querySelector('#logs tbody');
let traceId = query('traceId');
let after = 0;
let generation = 0;

service.dataset.wanted = query('service') ?? '';
level.value = query('level') ?? '';
search.value = query('search') ?? '';

function showTraceFilter() {
  traceFilter.replaceChildren(...(traceId
    ? ['Trace ', h('span', { class: 'mono' }, traceId.slice(0, 12)), ' ', h('button', { onclick: () => { traceId = null; restart(); } }, 'Show all')]
    : []));
}

function row(log) {
  const details = h('tr', { class: 'details', hidden: true }, h('td', { colspan: 6 },
    h('dl', { class: 'kv' },
      h('dt', {}, 'Instance'), h('dd', {}, log.instance || '—'),
      h('dt', {}, 'Event'), h('dd', {}, log.eventName ?? '—'),
      h('dt', {}, 'Trace'), h('dd', {}, log.traceId ?? '—'),
      h('dt', {}, 'Span'), h('dd', {}, log.spanId ?? '—')),
    h('h2', {}, 'Attributes'), attributeList(log.attributes)));
  const main = h('tr', { class: 'clickable log', dataset: { sequence: log.sequence } },
    h('td', { class: 'nowrap mono' }, formatTime(log.timestamp)),
    h('td', {}, serviceChip(log.service)),
    h('td', {}, badge(log.level)),
    h('td', { class: 'mono muted' }, log.category),
    h('td', { class: 'message' }, log.message),
    h('td', { class: 'nowrap' }, log.traceId ? h('a', { href: `/traces/detail/${log.traceId}`, class: 'mono' }, log.traceId.slice(0, 8)) : ''));
  main.addEventListener('click', event => { if (!event.target.closest('a')) details.hidden = !details.hidden; });
  return [main, details];
}

async function refresh() {
  const asked = generation;
  const params = new URLSearchParams({ after: String(after), limit: '200' });
  if (service.value) params.set('service', service.value);
  if (level.value) params.set('level', level.value);
  if (search.value.trim()) params.set('search', search.value.trim());
  if (traceId) params.set('traceId', traceId);
  const page = await api(`/api/logs?${params}`);
  if (asked !== generation) return; // The filters changed while this was on its way.
  after = page.lastSequence;
  if (page.logs.length) {
    body.querySelector('.empty-row')?.remove();
    body.prepend(...page.logs.flatMap(row));
    while (body.children.length > MaxRows * 2) body.lastElementChild.remove();
  } else if (!body.children.length) {
    body.append(h('tr', { class: 'empty-row' }, h('td', { colspan: 6, class: 'empty' }, 'No structured logs yet.')));
  }
}

let poller = null;

function restart() {
  generation++;
  after = 0;
  body.replaceChildren();
  setQuery({ service: service.value, level: level.value, search: search.value.trim(), traceId });
  showTraceFilter();
  poller?.now();
}

async function loadServices() {
  const status = await api('/api/telemetry');
  const wanted = service.dataset.wanted;
  fillSelect(service, [...new Set([...status.services, ...(wanted ? [wanted] : [])])], 'All');
  if (wanted) { service.value = wanted; service.dataset.wanted = ''; }
}

service.addEventListener('change', restart);
level.addEventListener('change', restart);
let typing = null;
search.addEventListener('input', () => { clearTimeout(typing); typing = setTimeout(restart, 300); });
showTraceFilter();
await loadServices().catch(() => {});
poller = poll(refresh, 2000);
setInterval(() => loadServices().catch(() => {}), 10000);
