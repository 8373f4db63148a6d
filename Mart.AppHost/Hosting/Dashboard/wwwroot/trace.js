// One trace as a waterfall across services: each span's place in time, its service, kind and status; click for details.
import { h, api, poll, formatTime, formatDuration, serviceChip, serviceColor, attributeList, badge } from './dashboard.js';

const traceId = decodeURIComponent(location.pathname.split('/').pop());
const summary = document.getElementById('summary');
const waterfall = document.getElementById('waterfall');
const details = document.getElementById('span-details');
let selected = null;
let shown = '';

function showDetails(span) {
  selected = span.spanId;
  for (const row of waterfall.querySelectorAll('.row[data-span-id]')) row.classList.toggle('selected', row.dataset.spanId === selected);
  details.hidden = false;
  details.replaceChildren(
    h('h2', {}, span.name),
    h('dl', { class: 'kv' },
      h('dt', {}, 'Resource'), h('dd', {}, `${span.service} (${span.instance || 'unknown instance'})`),
      h('dt', {}, 'Kind'), h('dd', {}, span.kind),
      h('dt', {}, 'Source'), h('dd', {}, span.scope),
      h('dt', {}, 'Status'), h('dd', {}, badge(span.status === 'Error' ? 'Error' : span.status), span.statusMessage ? ` ${span.statusMessage}` : ''),
      h('dt', {}, 'Starts at'), h('dd', {}, `+${formatDuration(span.offsetMs)}`),
      h('dt', {}, 'Duration'), h('dd', {}, formatDuration(span.durationMs)),
      h('dt', {}, 'Span id'), h('dd', {}, span.spanId),
      h('dt', {}, 'Parent'), h('dd', {}, span.parentSpanId ?? '—')),
    h('h2', {}, 'Attributes'), attributeList(span.attributes),
    span.events.length ? [h('h2', {}, 'Events'), span.events.map(e => h('div', { class: 'panel' },
      h('b', {}, e.name), h('span', { class: 'muted' }, ` +${formatDuration(e.offsetMs)}`), attributeList(e.attributes)))] : [],
    span.links.length ? [h('h2', {}, 'Links'), span.links.map(l => h('div', { class: 'mono' },
      h('a', { href: `/traces/detail/${l.traceId}` }, l.traceId), ` span ${l.spanId}`))] : []);
}

function render(trace) {
  document.title = `Trace ${trace.traceId.slice(0, 8)} · Mart`;
  document.getElementById('title').textContent = `Trace ${trace.traceId}`;
  const errors = trace.spans.filter(s => s.status === 'Error').length;
  summary.replaceChildren(h('div', { class: 'stats' },
    h('div', {}, h('b', {}, formatTime(trace.start)), h('span', {}, 'Started')),
    h('div', {}, h('b', {}, formatDuration(trace.durationMs)), h('span', {}, 'Duration')),
    h('div', {}, h('b', {}, trace.spans.length), h('span', {}, 'Spans')),
    h('div', {}, h('b', { class: errors ? 'error-text' : null }, errors), h('span', {}, 'Errors')),
    h('div', {}, h('b', {}, trace.services.length), h('span', {}, 'Resources'))),
    h('div', {}, trace.services.map(serviceChip)),
    h('p', {}, h('a', { href: `/structuredlogs?traceId=${trace.traceId}` }, 'Structured logs of this trace')));

  const total = Math.max(trace.durationMs, 0.001);
  waterfall.replaceChildren(
    h('div', { class: 'row header' }, h('div', { class: 'name' }, 'Span'), h('div', { class: 'timeline' }, `0 — ${formatDuration(trace.durationMs)}`)),
    ...trace.spans.map(span => {
      const left = (span.offsetMs / total) * 100;
      const width = Math.max((span.durationMs / total) * 100, 0.2);
      const row = h('div', { class: `row span-row${span.spanId === selected ? ' selected' : ''}`, dataset: { spanId: span.spanId, service: span.service, kind: span.kind, depth: span.depth } },
        h('div', { class: 'name', title: `${span.service}: ${span.name}`, style: { paddingLeft: `${10 + span.depth * 16}px` } },
          h('span', { class: 'swatch', style: { background: serviceColor(span.service) } }),
          h('span', { class: 'service' }, span.service),
          h('span', { class: 'span-name' }, span.name),
          h('span', { class: 'kind' }, span.kind),
          span.status === 'Error' ? badge('Error') : ''),
        h('div', { class: 'timeline' },
          h('div', { class: `bar${span.status === 'Error' ? ' error' : ''}`, style: { left: `${left}%`, width: `${width}%`, background: serviceColor(span.service) } }),
          h('div', { class: 'label', style: left + width > 80 ? { right: `${100 - left + 1}%` } : { left: `calc(${left + width}% + 6px)` } }, formatDuration(span.durationMs))));
      row.addEventListener('click', () => showDetails(span));
      return row;
    }));
  const again = trace.spans.find(s => s.spanId === selected);
  if (again) showDetails(again);
}

// Spans of one trace arrive from several services, each on its own export schedule: keep looking for late ones.
poll(async () => {
  const trace = await api(`/api/traces/${encodeURIComponent(traceId)}`);
  if (!trace) {
    summary.replaceChildren(h('p', { class: 'empty' }, 'No spans of this trace have been received (or they were dropped).'));
    return;
  }
  const fingerprint = trace.spans.map(s => s.spanId).join();
  if (fingerprint !== shown) {
    shown = fingerprint;
    render(trace);
  }
}, 3000);
