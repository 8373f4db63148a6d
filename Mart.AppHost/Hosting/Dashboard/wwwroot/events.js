// Events: Mart's streams on Redis (length, consumer groups, pending, lag), dead letters decoded, and replay.
import { h, api, poll, formatTime, formatNumber, showError } from './dashboard.js';

const streamsPanel = document.getElementById('streams');
const deadLettersPanel = document.getElementById('dead-letters');
const redisLine = document.getElementById('redis');
const opened = new Set();
const shown = { streams: '', deadLetters: '' };

function pretty(json) {
  try { return JSON.stringify(JSON.parse(json), null, 2); } catch { return json; }
}

function eventBody(event) {
  return [
    h('dl', { class: 'kv' },
      h('dt', {}, 'Type'), h('dd', { class: 'event-type' }, event.type ?? '—'),
      h('dt', {}, 'Event id'), h('dd', {}, event.id ?? '—'),
      h('dt', {}, 'Source'), h('dd', {}, event.source ?? '—'),
      h('dt', {}, 'Occurred'), h('dd', {}, event.occurred ? `${new Date(event.occurred).toLocaleDateString()} ${formatTime(event.occurred)}` : '—'),
      h('dt', {}, 'Trace'), h('dd', {}, event.traceId ? h('a', { href: `/traces/detail/${event.traceId}` }, event.traceId) : '—')),
    event.payload
      ? h('pre', { class: 'payload mono' }, pretty(event.payload))
      : h('p', { class: 'error-text' }, event.payloadError ?? 'No payload.'),
  ];
}

function groupTable(stream) {
  if (!stream.groups.length) return h('p', { class: 'muted' }, 'No consumer groups yet.');
  return h('table', { class: 'grid groups' },
    h('thead', {}, h('tr', {}, ['Group', 'Consumers', 'Pending', 'Lag', 'Last delivered'].map(t => h('th', {}, t)))),
    h('tbody', {}, stream.groups.map(g => h('tr', { dataset: { group: g.name } },
      h('td', {}, h('b', {}, g.name)),
      h('td', {}, g.consumers.length
        ? g.consumers.map(c => h('div', { class: 'mono', title: `idle ${formatNumber(c.idleMs)} ms` }, `${c.name} (${c.pending} pending)`))
        : h('span', { class: 'muted' }, 'none')),
      h('td', { class: 'pending' }, g.pending),
      h('td', { class: 'lag' }, g.lag ?? '?'),
      h('td', { class: 'mono' }, g.lastDeliveredId)))));
}

async function recent(stream, target) {
  const entries = await api(`/api/events/${encodeURIComponent(stream)}/entries?count=10`);
  target.replaceChildren(...(entries?.length
    ? entries.map(e => h('div', { class: 'panel' }, h('div', { class: 'mono muted' }, e.entryId), eventBody(e)))
    : [h('p', { class: 'muted' }, 'No events on this stream.')]));
}

function streamCard(stream) {
  const recentBox = h('div', { class: 'recent' });
  const toggle = h('button', {
    onclick: () => {
      if (opened.has(stream.name)) { opened.delete(stream.name); recentBox.replaceChildren(); toggle.textContent = 'Recent events'; }
      else { opened.add(stream.name); toggle.textContent = 'Hide events'; recent(stream.name, recentBox).catch(e => showError(e.message)); }
    },
  }, opened.has(stream.name) ? 'Hide events' : 'Recent events');
  if (opened.has(stream.name)) recent(stream.name, recentBox).catch(e => showError(e.message));
  return h('section', { class: 'panel stream', dataset: { stream: stream.name } },
    h('h2', {}, stream.name),
    h('div', { class: 'stats' },
      h('div', {}, h('b', { class: 'length' }, formatNumber(stream.length)), h('span', {}, 'Entries')),
      h('div', {}, h('b', { class: stream.deadLetters ? 'error-text dead-letter-count' : 'dead-letter-count' }, formatNumber(stream.deadLetters)), h('span', {}, 'Dead letters')),
      h('div', {}, h('b', {}, stream.lastEntryAt ? formatTime(stream.lastEntryAt) : '—'), h('span', {}, 'Last event'))),
    groupTable(stream),
    h('p', {}, toggle),
    recentBox);
}

async function replay(deadLetter, button) {
  button.disabled = true;
  const response = await fetch(`/api/events/${encodeURIComponent(deadLetter.stream)}/deadletters/${encodeURIComponent(deadLetter.event.entryId)}/replay`, { method: 'POST' });
  if (!response.ok) {
    button.disabled = false;
    throw new Error(`Replay of ${deadLetter.event.entryId} failed: ${response.status}`);
  }
  const result = await response.json();
  button.replaceWith(h('span', { class: 'badge running replayed' }, `Replayed as ${result.replayedAs}`));
  setTimeout(() => refresher.now(), 1500);
}

function deadLetterCard(deadLetter) {
  const button = h('button', { class: 'primary replay', onclick: () => replay(deadLetter, button).catch(e => showError(e.message)) }, 'Replay');
  return h('article', { class: 'dead-letter', dataset: { id: deadLetter.event.entryId, stream: deadLetter.stream } },
    h('header', {},
      h('div', {}, h('b', { class: 'mono' }, deadLetter.stream), ' ',
        h('span', { class: 'muted' }, `failed in ${deadLetter.consumerGroup || '?'} after ${deadLetter.attempts} attempt(s)`,
          deadLetter.failedAt ? ` at ${formatTime(deadLetter.failedAt)}` : '')),
      button),
    h('p', { class: 'error-text mono' }, deadLetter.error || 'No error recorded.'),
    eventBody(deadLetter.event));
}

async function refresh() {
  const overview = await api('/api/events');
  redisLine.textContent = overview.unavailable
    ? `Event streams unavailable: ${overview.unavailable}`
    : `Streams on the '${overview.redis}' resource; consumer groups are named after the consuming service.`;
  // Re-drawn only when something changed, so a page left open does not flicker or lose its place.
  const streamsJson = JSON.stringify(overview.streams);
  if (streamsJson !== shown.streams) {
    shown.streams = streamsJson;
    streamsPanel.replaceChildren(...overview.streams.map(streamCard));
  }
  const withDeadLetters = overview.streams.filter(s => s.deadLetters > 0);
  const lists = await Promise.all(withDeadLetters.map(s => api(`/api/events/${encodeURIComponent(s.name)}/deadletters?count=50`)));
  const deadLetters = lists.flat().filter(Boolean);
  const deadLettersJson = JSON.stringify(deadLetters);
  if (deadLettersJson === shown.deadLetters) return;
  shown.deadLetters = deadLettersJson;
  deadLettersPanel.replaceChildren(...(deadLetters.length ? deadLetters.map(deadLetterCard) : [h('p', { class: 'empty' }, 'No dead letters.')]));
}

const refresher = poll(refresh, 3000);
