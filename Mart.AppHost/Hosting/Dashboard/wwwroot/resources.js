// Resources: live state from /api/live/resources (server-sent events), commands, and each resource's environment.
import { h, api, badge, showError } from './dashboard.js';

const body = document.querySelector('#resources tbody');
const entries = new Map();

function commandButtons(resource) {
  const running = resource.state === 'Running' || resource.state === 'Starting';
  const button = (command, label, enabled) => h('button', {
    disabled: !enabled,
    dataset: { command },
    onclick: async event => {
      event.currentTarget.disabled = true;
      try {
        const response = await fetch(`/api/resources/${encodeURIComponent(resource.name)}/${command}`, { method: 'POST' });
        if (!response.ok) throw new Error(`${label} ${resource.name}: ${response.status}`);
      } catch (error) {
        showError(error.message);
      }
    },
  }, label);
  return [button('stop', 'Stop', running), button('start', 'Start', !running), button('restart', 'Restart', resource.state === 'Running')];
}

async function loadDetails(entry) {
  const { resource } = entry;
  const facts = [
    ['Processes', resource.pids.length ? resource.pids.join(', ') : '—'],
    ['Exit code', resource.exitCode ?? '—'],
    ['Error', resource.error ?? '—'],
  ];
  const environment = await api(`/api/resources/${encodeURIComponent(resource.name)}/environment`).catch(() => null);
  entry.details.replaceChildren(h('td', { colspan: 7 },
    h('dl', { class: 'kv' }, facts.flatMap(([k, v]) => [h('dt', {}, k), h('dd', { class: k === 'Error' && resource.error ? 'error-text' : null }, v)])),
    h('p', {}, h('a', { href: `/consolelogs?resource=${encodeURIComponent(resource.name)}` }, 'Console logs'), ' · ',
      h('a', { href: `/structuredlogs?service=${encodeURIComponent(resource.name)}` }, 'Structured logs'), ' · ',
      h('a', { href: `/traces?service=${encodeURIComponent(resource.name)}` }, 'Traces')),
    h('h2', {}, 'Environment'),
    environment?.length
      ? h('dl', { class: 'kv environment' }, environment.flatMap(v => [
          h('dt', {}, v.name),
          h('dd', { class: v.masked ? 'masked' : null, title: v.masked ? 'Hidden: it holds a secret.' : null }, v.value)]))
      : h('p', { class: 'muted' }, 'No environment to show.')));
}

function toggle(entry) {
  entry.open = !entry.open;
  entry.details.hidden = !entry.open;
  if (entry.open) loadDetails(entry);
}

function render(resource) {
  let entry = entries.get(resource.name);
  if (!entry) {
    entry = { row: h('tr', { class: 'clickable', dataset: { resource: resource.name } }), details: h('tr', { class: 'details', hidden: true }), open: false };
    entry.row.addEventListener('click', event => { if (!event.target.closest('a, button')) toggle(entry); });
    entries.set(resource.name, entry);
    body.append(entry.row, entry.details);
  }
  const changed = entry.resource?.state !== resource.state;
  entry.resource = resource;
  entry.row.replaceChildren(
    h('td', {}, h('b', {}, resource.name)),
    h('td', { class: 'muted' }, resource.type),
    h('td', { class: 'state' }, badge(resource.state)),
    h('td', { class: 'health' }, badge(resource.health)),
    h('td', {}, resource.urls.map(url => h('div', {}, h('a', { href: url, target: '_blank', rel: 'noopener' }, url)))),
    h('td', {}, resource.restarts),
    h('td', { class: 'actions nowrap' }, commandButtons(resource)));
  if (entry.open && changed) loadDetails(entry);
}

const live = new EventSource('/api/live/resources');
live.addEventListener('resource', event => render(JSON.parse(event.data)));
live.addEventListener('open', () => showError(null));
live.addEventListener('error', () => showError('Lost the connection to the AppHost; retrying...'));
