// Shared by every page: the header, element building (text only, never markup), the JSON API, formatting.

const pages = [
  ['/', 'Resources'],
  ['/consolelogs', 'Console'],
  ['/structuredlogs', 'Structured logs'],
  ['/traces', 'Traces'],
  ['/metrics', 'Metrics'],
  ['/events', 'Events'],
];

/** Creates an element. props: class, text, title, href, on{Event} handlers, dataset (object), style (object), any attribute. */
export function h(tag, props = {}, ...children) {
  const svg = ['svg', 'line', 'polyline', 'text', 'g', 'rect', 'title'].includes(tag);
  const element = svg ? document.createElementNS('http://www.w3.org/2000/svg', tag) : document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'text') element.textContent = String(value);
    else if (key === 'class') element.setAttribute('class', value);
    else if (key === 'dataset') Object.assign(element.dataset, value);
    else if (key === 'style') Object.assign(element.style, value);
    else if (key.startsWith('on') && typeof value === 'function') element.addEventListener(key.slice(2).toLowerCase(), value);
    else element.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

export function renderHeader() {
  const here = location.pathname.startsWith('/traces') ? '/traces' : location.pathname;
  const header = h('header', { class: 'top' },
    h('a', { class: 'brand', href: '/' }, 'Mart', h('small', {}, 'dashboard')),
    h('nav', {}, pages.map(([path, title]) => h('a', { href: path, class: path === here ? 'active' : null }, title))));
  document.body.prepend(header);
}

export async function api(path, options = {}) {
  const response = await fetch(path, { headers: { accept: 'application/json' }, ...options });
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`${options.method ?? 'GET'} ${path}: ${response.status} ${response.statusText}`);
  const text = await response.text();
  return text.length ? JSON.parse(text) : null;
}

/** Shows (or with no message hides) the page's error banner. */
export function showError(message) {
  const banner = document.getElementById('error');
  if (!banner) return;
  banner.textContent = message ?? '';
  banner.hidden = !message;
}

/** Calls fn now and then every intervalMs while the page is visible; errors show in the banner and polling goes on. */
export function poll(fn, intervalMs) {
  let timer = null;
  let stopped = false;
  const run = async () => {
    if (stopped) return;
    try {
      await fn();
      showError(null);
    } catch (error) {
      showError(error.message);
    }
    if (!stopped) timer = setTimeout(run, document.hidden ? intervalMs * 4 : intervalMs);
  };
  run();
  return { stop() { stopped = true; clearTimeout(timer); }, now() { clearTimeout(timer); run(); } };
}

export function query(name) {
  return new URLSearchParams(location.search).get(name);
}

/** Updates the address bar's query without a reload, so a filtered view can be bookmarked. */
export function setQuery(values) {
  const params = new URLSearchParams(location.search);
  for (const [key, value] of Object.entries(values)) {
    if (value) params.set(key, value); else params.delete(key);
  }
  const search = params.toString();
  history.replaceState(null, '', location.pathname + (search ? `?${search}` : ''));
}

export function formatTime(value) {
  const date = new Date(value);
  const pad = (n, w = 2) => String(n).padStart(w, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

export function formatDuration(ms) {
  if (ms < 1) return `${(ms * 1000).toFixed(0)} µs`;
  if (ms < 1000) return `${ms < 10 ? ms.toFixed(2) : ms.toFixed(1)} ms`;
  if (ms < 60000) return `${(ms / 1000).toFixed(2)} s`;
  return `${(ms / 60000).toFixed(1)} min`;
}

export function formatNumber(value) {
  if (value === null || value === undefined) return '';
  const abs = Math.abs(value);
  if (abs !== 0 && (abs >= 1e6 || abs < 1e-3)) return value.toExponential(2);
  return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toLocaleString('en-US', { maximumFractionDigits: 3 });
}

const serviceColors = ['#2f6fde', '#e07a1f', '#2a9d8f', '#8e44ad', '#c2185b', '#6d8b1e', '#0e8ea6', '#b7791f', '#3b9b4a', '#5d6d7e'];

/** A stable colour per service, so one service looks the same on every page. */
export function serviceColor(name) {
  let hash = 0;
  for (const c of name ?? '') hash = (hash * 31 + c.charCodeAt(0)) | 0;
  return serviceColors[Math.abs(hash) % serviceColors.length];
}

export function serviceChip(name) {
  return h('span', { class: 'chip' }, h('span', { class: 'swatch', style: { background: serviceColor(name) } }), name);
}

export function badge(text) {
  return h('span', { class: `badge ${String(text).toLowerCase()}` }, text);
}

/** A definition list of attributes ({key, value} pairs). */
export function attributeList(attributes) {
  if (!attributes?.length) return h('p', { class: 'muted' }, 'No attributes.');
  return h('dl', { class: 'kv' }, attributes.flatMap(a => [h('dt', {}, a.key), h('dd', {}, a.value)]));
}

/** Fills a <select> with options, keeping the current choice when it still exists. */
export function fillSelect(select, values, allLabel) {
  const current = select.value;
  select.replaceChildren(
    ...(allLabel ? [h('option', { value: '' }, allLabel)] : []),
    ...values.map(v => h('option', { value: v }, v)));
  if ([...select.options].some(o => o.value === current)) select.value = current;
}

renderHeader();
