// Traces: the newest traces with their duration, span count and errors, filtered by resource or text; polled.
import { h, api, poll, query, setQuery, formatTime, formatDuration, fillSelect, serviceChip } from './dashboard.js';

const service = document.getElementById('service');
const search = document.getElementById('search');
const body = document.querySelector('#traces tbody');
const wanted = query('service');
search.value = query('search') ?? '';

function row(trace, longest) {
  const link = `/traces/detail/${trace.traceId}`;
  const tr = h('tr', { class: 'clickable trace', dataset: { traceId: trace.traceId } },
    h('td', { class: 'nowrap mono' }, formatTime(trace.start)),
    h('td', {}, h('a', { href: link }, h('b', {}, `${trace.service}: `), trace.name),
      h('div', { class: 'mono muted' }, trace.traceId.slice(0, 12))),
    h('td', {}, trace.services.map(serviceChip)),
    h('td', { class: 'span-count' }, trace.spanCount),
    h('td', { class: trace.errorCount ? 'error-text' : 'muted' }, trace.errorCount),
    h('td', { class: 'nowrap' }, formatDuration(trace.durationMs),
      h('div', { class: 'duration-bar' }, h('span', { style: { width: `${Math.max(1, (trace.durationMs / longest) * 100)}%` } }))));
  tr.addEventListener('click', event => { if (!event.target.closest('a')) location.href = link; });
  return tr;
}

async function refresh() {
  const params = new URLSearchParams({ limit: '200' });
  if (service.value) params.set('service', service.value);
  if (search.value.trim()) params.set('search', search.value.trim());
  const [traces, status] = await Promise.all([api(`/api/traces?${params}`), api('/api/telemetry')]);
  fillSelect(service, [...new Set([...status.services, ...(wanted ? [wanted] : [])])], 'All');
  const longest = Math.max(1, ...traces.map(t => t.durationMs));
  body.replaceChildren(...(traces.length
    ? traces.map(t => row(t, longest))
    : [h('tr', {}, h('td', { colspan: 6, class: 'empty' }, 'No traces yet.'))]));
}

fillSelect(service, wanted ? [wanted] : [], 'All');
if (wanted) service.value = wanted;
const poller = poll(refresh, 3000);
const changed = () => { setQuery({ service: service.value, search: search.value.trim() }); poller.now(); };
service.addEventListener('change', changed);
let typing = null;
search.addEventListener('input', () => { clearTimeout(typing); typing = setTimeout(changed, 300); });
