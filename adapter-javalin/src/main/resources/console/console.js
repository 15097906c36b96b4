// The SyncBridge live console: a searchable, paged list of sessions kept live by /console/events,
// the page of a session (session.js) and the charts (charts.js); no build step, no library.
'use strict';

const MAX_ACTIVITY = 200;
const TIMELINE_EVERY_MS = 5000;
const REFRESH_AT_MOST_EVERY_MS = 2000;

const $ = (id) => document.getElementById(id);
const pageSessions = new Map();       // id -> session view of the page shown
const query = { q: '', sort: 'created', order: 'desc', limit: 24, offset: 0 };
let total = 0;
let refreshTimer = null;
let lastRefresh = 0;
let openSessionId = null;             // the session whose page is shown, if any

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

function when(iso) {
  return iso ? new Date(iso).toLocaleString() : '–';
}

async function api(path, options = {}) {
  const response = await fetch(path, { cache: 'no-store', ...options });
  const text = await response.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch (notJson) {
    // A proxy's or the credential check's plain-text answer: its text is the message.
  }
  if (!response.ok) {
    throw new Error(body && body.message ? body.message : text || `${response.status} ${response.statusText}`);
  }
  return body;
}

// Sends a confirmed action: the header tells the server it comes from this page after the confirm step.
function act(action, body) {
  return api(`/console/api/actions/${action}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Console-Confirmed': 'yes' },
    body: JSON.stringify(body),
  });
}

function toast(message, failed) {
  const box = $('toast');
  box.textContent = message;
  box.className = 'toast' + (failed ? ' failed' : '');
  box.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { box.hidden = true; }, 6000);
}

// Asks the operator to confirm in a dialog of the page; resolves to true only for "Confirm".
function confirmStep(title, text, label) {
  const dialog = $('confirm');
  $('confirm-title').textContent = title;
  $('confirm-text').textContent = text;
  $('confirm-ok').textContent = label;
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
    dialog.returnValue = 'cancel';
    dialog.showModal();
  });
}

// ---- the list -------------------------------------------------------------------------------

function renderSession(view) {
  const card = el('article', 'session');
  card.dataset.sessionId = view.id;
  card.dataset.testid = 'session';

  const head = el('div', 'session-head');
  const name = el('a', 'session-name', view.name || '(unnamed)');
  name.href = '#session/' + encodeURIComponent(view.id);
  name.dataset.testid = 'open-session';
  head.append(name);
  const version = el('span', 'version', 'v' + view.version);
  version.dataset.testid = 'version';
  head.append(version);
  card.append(head);

  const meta = el('div', 'meta');
  meta.append('id ', el('b', null, view.id), ' · owner ', el('b', null, view.owner),
    ' · ', view.type, ' · ', view.status);
  card.append(meta);

  const devices = el('ul', 'devices');
  devices.dataset.testid = 'devices';
  for (const device of view.devices) {
    const item = el('li', 'device' + (device.online ? ' online' : ''));
    item.dataset.deviceId = device.id;
    item.append(el('span', 'dot'), el('span', 'device-id', device.id),
      el('span', 'device-kind', device.kind + (device.name ? ' · ' + device.name : '')));
    if (device.active) {
      const badge = el('span', 'badge', 'active');
      badge.dataset.testid = 'active-device';
      item.classList.add('active');
      item.append(badge);
    }
    devices.append(item);
  }
  if (view.devices.length === 0) devices.append(el('li', 'device', 'no device yet'));
  card.append(devices);

  const state = el('pre', 'state', view.state);
  state.dataset.testid = 'state';
  card.append(state);
  return card;
}

function renderList(flashId) {
  const list = $('sessions');
  list.replaceChildren(...[...pageSessions.values()].map(renderSession));
  $('empty').hidden = pageSessions.size > 0;
  const first = pageSessions.size ? query.offset + 1 : 0;
  const last = query.offset + pageSessions.size;
  $('page-info').textContent = `${first}–${last} of ${total.toLocaleString()}`;
  $('prev').disabled = query.offset === 0;
  $('next').disabled = last >= total;
  $('session-count').textContent = total.toLocaleString() + (query.q ? ' matching' : '')
    + (total === 1 ? ' session' : ' sessions');
  if (flashId) {
    const card = list.querySelector(`[data-session-id="${CSS.escape(flashId)}"]`);
    if (card) {
      card.classList.add('flash');
      requestAnimationFrame(() => requestAnimationFrame(() => card.classList.remove('flash')));
    }
  }
}

async function refreshList() {
  lastRefresh = Date.now();
  const params = new URLSearchParams({ q: query.q, sort: query.sort, order: query.order,
    limit: String(query.limit), offset: String(query.offset) });
  try {
    const page = await api('/console/api/sessions?' + params);
    total = page.total;
    pageSessions.clear();
    for (const view of page.sessions) pageSessions.set(view.id, view);
    $('list-error').hidden = true;
    renderList();
  } catch (error) {
    $('list-error').textContent = 'Listing failed: ' + error.message;
    $('list-error').hidden = false;
  }
}

// Lists again soon, at most every couple of seconds, when a session not on the page appears or goes.
function refreshSoon() {
  if (refreshTimer) return;
  const wait = Math.max(0, REFRESH_AT_MOST_EVERY_MS - (Date.now() - lastRefresh));
  refreshTimer = setTimeout(() => { refreshTimer = null; refreshList(); }, wait);
}

function searchChanged() {
  query.q = $('search').value.trim();
  query.sort = $('sort').value;
  query.order = $('order').value;
  query.offset = 0;
  refreshList();
}

function route() {
  const match = location.hash.match(/^#session\/(.+)$/);
  openSessionId = match ? decodeURIComponent(match[1]) : null;
  $('overview').hidden = openSessionId !== null;
  $('session-page').hidden = openSessionId === null;
  if (openSessionId) showDetail(openSessionId); else refreshList();
}

// ---- live feed and charts -------------------------------------------------------------------

function addActivity(item) {
  const line = el('li');
  line.dataset.event = item.event;
  line.dataset.sessionId = item.sessionId;
  const kind = item.event.split('.')[0];
  line.append(el('div', 'when', new Date(item.at).toLocaleTimeString() + ' · ' + (item.sessionName || item.sessionId)),
    el('div', 'what kind-' + kind, item.event),
    el('div', 'summary-text', item.summary));
  const log = $('activity');
  log.prepend(line);
  while (log.children.length > MAX_ACTIVITY) log.lastElementChild.remove();
}

function connection(live) {
  const badge = $('connection');
  badge.textContent = live ? 'live' : 'reconnecting…';
  badge.className = 'connection ' + (live ? 'live' : 'connecting');
}

function connect() {
  const events = new EventSource('/console/events');
  events.onopen = () => connection(true);
  events.onerror = () => connection(false);   // EventSource reconnects by itself
  events.addEventListener('sessions', () => refreshList());
  events.addEventListener('session', (e) => {
    const view = JSON.parse(e.data);
    if (pageSessions.has(view.id)) {
      pageSessions.set(view.id, view);
      renderList(view.id);
    } else {
      refreshSoon();
    }
    if (view.id === openSessionId) showDetail(view.id);
  });
  events.addEventListener('removed', (e) => {
    const id = JSON.parse(e.data).id;
    if (pageSessions.has(id)) refreshSoon();
    if (id === openSessionId) showDetail(id);
  });
  events.addEventListener('activity', (e) => addActivity(JSON.parse(e.data)));
}

async function refreshTimeline() {
  try {
    const timeline = await api('/console/api/timeline');
    drawTimeline(timeline);
    const last = [...timeline.points].reverse().find((p) => p.connections != null);
    $('connection-count').textContent = last ? `${last.connections} connections` : '– connections';
  } catch (error) {
    $('connection-count').textContent = 'timeline: ' + error.message;
  }
}

function start() {
  let typing = null;
  $('search').addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(searchChanged, 250);
  });
  $('search-form').addEventListener('submit', (e) => { e.preventDefault(); clearTimeout(typing); searchChanged(); });
  $('sort').addEventListener('change', searchChanged);
  $('order').addEventListener('change', searchChanged);
  $('prev').addEventListener('click', () => { query.offset = Math.max(0, query.offset - query.limit); refreshList(); });
  $('next').addEventListener('click', () => { query.offset += query.limit; refreshList(); });
  window.addEventListener('hashchange', route);
  route();
  connect();
  refreshTimeline();
  setInterval(refreshTimeline, TIMELINE_EVERY_MS);
}

start();
