// Console logs: the newest lines of one resource, then each new one as it is written (server-sent events).
import { h, api, query, setQuery, formatTime, fillSelect, showError } from './dashboard.js';

const MaxLines = 5000;
const select = document.getElementById('resource');
const filter = document.getElementById('filter');
const follow = document.getElementById('follow');
const output = document.getElementById('console');
const status = document.getElementById('status');
let source = null;

function matches(line) {
  const text = filter.value.trim().toLowerCase();
  return !text || line.dataset.text.includes(text);
}

function append(line) {
  const element = h('div', { class: line.isError ? 'line stderr' : 'line', dataset: { text: line.text.toLowerCase() } },
    h('span', { class: 'time' }, formatTime(line.timestamp)), line.text);
  element.hidden = !matches(element);
  output.append(element);
  while (output.childElementCount > MaxLines) output.firstElementChild.remove();
  if (follow.checked) output.scrollTop = output.scrollHeight;
}

function open(resource) {
  source?.close();
  output.replaceChildren();
  setQuery({ resource });
  if (!resource) return;
  source = new EventSource(`/api/live/console/${encodeURIComponent(resource)}?last=1000`);
  source.addEventListener('line', event => append(JSON.parse(event.data)));
  source.addEventListener('open', () => { status.textContent = `Following ${resource}`; showError(null); });
  source.addEventListener('error', () => { status.textContent = ''; showError('Lost the connection to the AppHost; retrying...'); });
}

filter.addEventListener('input', () => { for (const line of output.children) line.hidden = !matches(line); });
select.addEventListener('change', () => open(select.value));

const resources = (await api('/api/resources')) ?? [];
fillSelect(select, [...resources.map(r => r.name), 'apphost']);
const wanted = query('resource');
select.value = resources.some(r => r.name === wanted) || wanted === 'apphost' ? wanted : (resources.find(r => r.type === 'Project')?.name ?? select.value);
open(select.value);
