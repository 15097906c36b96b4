// The SyncBridge live console: renders what /console/events streams (no build step, no library).
'use strict';

const sessions = new Map();          // id -> session view from the server
const MAX_ACTIVITY = 200;

const $ = (id) => document.getElementById(id);

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function renderSession(view) {
  const card = el('article', 'session');
  card.dataset.sessionId = view.id;
  card.dataset.testid = 'session';

  const head = el('div', 'session-head');
  head.append(el('span', 'session-name', view.name || '(unnamed)'));
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

function render(flashId) {
  const list = $('sessions');
  const ordered = [...sessions.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
  list.replaceChildren(...ordered.map(renderSession));
  $('empty').hidden = ordered.length > 0;
  $('session-count').textContent = ordered.length + (ordered.length === 1 ? ' session' : ' sessions');
  const online = ordered.reduce((n, s) => n + s.devices.filter((d) => d.online).length, 0);
  $('device-count').textContent = online + (online === 1 ? ' device online' : ' devices online');
  if (flashId) {
    const card = list.querySelector(`[data-session-id="${CSS.escape(flashId)}"]`);
    if (card) {
      card.classList.add('flash');
      requestAnimationFrame(() => requestAnimationFrame(() => card.classList.remove('flash')));
    }
  }
}

function addActivity(item) {
  const line = el('li');
  line.dataset.event = item.event;
  line.dataset.sessionId = item.sessionId;
  const kind = item.event.split('.')[0];
  const when = new Date(item.at);
  line.append(el('div', 'when', when.toLocaleTimeString() + ' · ' + (item.sessionName || item.sessionId)),
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
  events.addEventListener('sessions', (e) => {
    sessions.clear();
    for (const view of JSON.parse(e.data)) sessions.set(view.id, view);
    render();
  });
  events.addEventListener('session', (e) => {
    const view = JSON.parse(e.data);
    sessions.set(view.id, view);
    render(view.id);
  });
  events.addEventListener('removed', (e) => {
    sessions.delete(JSON.parse(e.data).id);
    render();
  });
  events.addEventListener('activity', (e) => addActivity(JSON.parse(e.data)));
}

connect();
