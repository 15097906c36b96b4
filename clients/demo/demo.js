// The two-device demo: one session, two simulated devices side by side, each a SyncClient with its
// own IndexedDB store. It signs in as the README walkthrough does, through the public REST API: a
// throwaway account (random name and password, kept in this browser's localStorage), a session,
// and a session-scoped token per device. Opening a handoff link (#handoff=...) instead shows one
// device that claims the handoff, as a phone that scanned the QR code would.
import { SyncClient, IndexedDbStore, handoffUrl, readHandoffToken, claimHandoff } from '/sdk/syncbridge.js';
import { qrSvg } from '/sdk/qrcode.js';

const ACCOUNT = 'syncbridge-demo-account';
const SCANNED = 'syncbridge-demo-scanned';
const DEVICES = [
  { id: 'laptop', name: 'Laptop', device: { type: 'desktop', name: 'Demo laptop' } },
  { id: 'phone', name: 'Phone', device: { type: 'ios', name: 'Demo phone' } },
];
const INITIAL_STATE = { count: 0, note: '', items: [] };

const $ = (root, id) => root.querySelector(`[data-testid="${id}"]`);

function showError(error) {
  const box = $(document, 'error');
  box.hidden = false;
  box.textContent = `Something went wrong: ${error?.message ?? error}`;
}

async function api(method, path, body, token) {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const error = new Error(`${method} ${path}: ${response.status} ${json?.message ?? text}`);
    error.status = response.status;
    throw error;
  }
  return json;
}

const randomHex = (bytes) => Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, '0')).join('');

// --- the demo account: register, log in, create a session (the README walkthrough) ----------

async function login(account) {
  const tokens = await api('POST', '/v1/auth/token', { grant_type: 'password', username: account.username, password: account.password });
  account.accessToken = tokens.access_token;
  account.accessExpires = Date.now() + (tokens.expires_in - 30) * 1000;
  localStorage.setItem(ACCOUNT, JSON.stringify(account));
  return account.accessToken;
}

async function userToken(account, refresh) {
  if (!refresh && account.accessToken && Date.now() < account.accessExpires) return account.accessToken;
  return login(account);
}

async function demoAccount() {
  const saved = localStorage.getItem(ACCOUNT);
  if (saved) return JSON.parse(saved);
  const account = { username: `demo-${randomHex(6)}`, password: randomHex(18) };
  await api('POST', '/v1/auth/register', { username: account.username, password: account.password });
  const token = await login(account);
  const session = await api('POST', '/v1/sessions', { name: 'Demo session', type: 'custom' }, token);
  await api('PUT', `/v1/sessions/${encodeURIComponent(session.id)}/state`, { data: INITIAL_STATE }, token);
  account.sessionId = session.id;
  localStorage.setItem(ACCOUNT, JSON.stringify(account));
  return account;
}

/** The token supplier of a device: a session-scoped token for it, minted with the user's token. */
function deviceTokens(account, spec) {
  return async ({ reason }) => {
    const path = `/v1/sessions/${encodeURIComponent(account.sessionId)}/tokens`;
    try {
      return (await api('POST', path, { deviceId: spec.id, device: spec.device }, await userToken(account, reason === 'expired'))).token;
    } catch (error) {
      if (error.status !== 401) throw error;
      return (await api('POST', path, { deviceId: spec.id, device: spec.device }, await userToken(account, true))).token;
    }
  };
}

// --- one device panel ---------------------------------------------------------------------

function describe(op) {
  const value = op.value === undefined ? '' : ` ${JSON.stringify(op.value)}`;
  return `${op.op} ${op.path ?? op.key}${value}`;
}

function mountPanel(spec, client, { offlineKey }) {
  const panel = document.getElementById('device-template').content.firstElementChild.cloneNode(true);
  panel.dataset.testid = `device-${spec.id}`;
  panel.dataset.deviceId = spec.id;
  $(panel, 'name').textContent = `${spec.name} (${spec.id})`;
  document.getElementById('devices').append(panel);

  const log = (text) => {
    const line = document.createElement('li');
    line.textContent = `${new Date().toLocaleTimeString()} ${text}`;
    $(panel, 'log').prepend(line);
    while ($(panel, 'log').children.length > 30) $(panel, 'log').lastElementChild.remove();
  };

  let renders = 0;
  const render = () => {
    const state = client.state;
    $(panel, 'state').textContent = JSON.stringify(state, null, 2);
    $(panel, 'version').textContent = String(client.version);
    const queue = client.queue;
    $(panel, 'pending-count').textContent = String(queue.length);
    $(panel, 'pending').replaceChildren(...queue.map((change) => {
      const item = document.createElement('li');
      item.textContent = change.ops.map(describe).join(', ');
      return item;
    }));
    const active = client.activeDeviceId === spec.id;
    $(panel, 'active').hidden = !active;
    panel.dataset.active = String(active);
    // data-saved tells (the browser test, and the curious) that the local store has caught up.
    const render = ++renders;
    panel.dataset.saved = 'false';
    client.persisted().then(() => { if (render === renders) panel.dataset.saved = 'true'; });
  };
  const renderStatus = (status) => {
    $(panel, 'status').textContent = status;
    $(panel, 'status').dataset.status = status;
    panel.dataset.status = status;
  };

  client.on('state', render);
  client.on('status', renderStatus);
  client.on('remote', (c) => log(`from ${c.deviceId}: v${c.version} ${c.ops.map(describe).join(', ')}`));
  client.on('conflict', (c) => log(`conflict on ${c.conflict.conflicts.map((x) => x.path).join(', ') || 'the version'}: ${c.resolution}`));
  client.on('rejected', (r) => log(`refused by the server: ${r.message}`));
  client.on('handoff', (h) => {
    log(h.kind === 'start' ? `received the session from ${h.fromDeviceId} at v${h.version}` : `handoff ${h.fromDeviceId} → ${h.toDeviceId}`);
    render();
  });
  client.on('serverBehind', (b) => log(`the server was behind (v${b.serverVersion} < v${b.heldVersion}): re-sending what this device held`));
  client.on('error', (e) => log(`error: ${e.message}`));
  render();
  renderStatus(client.status);

  const online = $(panel, 'online');
  online.checked = localStorage.getItem(offlineKey) !== 'true';
  online.addEventListener('change', () => {
    localStorage.setItem(offlineKey, String(!online.checked));
    if (online.checked) client.connect(); else client.disconnect();
  });

  const act = (fn) => () => {
    try {
      fn();
    } catch (error) {
      log(`not applied: ${error.message}`);
    }
  };
  let added = 0;
  $(panel, 'increment').addEventListener('click', act(() => client.change([{ op: 'replace', path: '/count', value: (client.state.count ?? 0) + 1 }])));
  $(panel, 'set-note').addEventListener('click', act(() => client.set('/note', $(panel, 'note-input').value)));
  $(panel, 'add-item').addEventListener('click', act(() => {
    const input = $(panel, 'item-input');
    const value = input.value.trim() || `${spec.id}-${++added}`;
    if (!Array.isArray(client.state.items)) client.set('/items', [value]);
    else client.change([{ op: 'add', path: '/items/-', value }]);
    input.value = '';
  }));
  $(panel, 'clear-items').addEventListener('click', act(() => client.set('/items', [])));

  $(panel, 'handoff').addEventListener('click', async () => {
    try {
      const { handoffToken, expiresAt } = await client.createHandoffToken({ ttlSeconds: 300 });
      const url = handoffUrl(location.href, handoffToken);
      const link = $(panel, 'handoff-url');
      link.href = url;
      link.textContent = url;
      $(panel, 'qr').innerHTML = qrSvg(url, { scale: 3 });
      $(panel, 'handoff-link').hidden = false;
      log(`handoff link ready, valid until ${new Date(expiresAt).toLocaleTimeString()}`);
    } catch (error) {
      log(`no handoff link: ${error.message}`);
    }
  });
  $(panel, 'claim').addEventListener('click', async () => {
    const text = $(panel, 'claim-input').value.trim();
    try {
      await client.claimHandoff(readHandoffToken(text) ?? text);
      $(panel, 'claim-input').value = '';
      log('handoff claimed: this device is now active');
    } catch (error) {
      log(`claim failed: ${error.message}`);
    }
  });
  return panel;
}

// --- the two-device page, or the single device of a handoff link --------------------------

async function twoDevices() {
  const account = await demoAccount();
  $(document, 'account').textContent = `demo account ${account.username}`;
  $(document, 'session-id').textContent = account.sessionId;
  window.syncbridgeDemo = { sessionId: account.sessionId, userToken: () => userToken(account, false), clients: {} };
  for (const spec of DEVICES) {
    const offlineKey = `syncbridge-demo-offline-${spec.id}`;
    const client = await SyncClient.open({
      url: location.origin, sessionId: account.sessionId, deviceId: spec.id, device: spec.device,
      token: deviceTokens(account, spec), store: new IndexedDbStore(`syncbridge-demo-${spec.id}`),
      online: localStorage.getItem(offlineKey) !== 'true',
    });
    window.syncbridgeDemo.clients[spec.id] = client;
    mountPanel(spec, client, { offlineKey });
  }
}

async function scannedDevice(handoffToken) {
  const deviceId = `scanned-${randomHex(3)}`;
  const device = { type: 'web', name: 'Device that opened a handoff link' };
  const claimed = await claimHandoff({ baseUrl: location.origin, handoffToken, deviceId, device });
  sessionStorage.setItem(SCANNED, JSON.stringify({ sessionId: claimed.sessionId, deviceId, token: claimed.token }));
  history.replaceState(null, '', location.pathname);
  return openScanned();
}

async function openScanned() {
  const scanned = JSON.parse(sessionStorage.getItem(SCANNED));
  $(document, 'account').textContent = 'a device that opened a handoff link';
  $(document, 'session-id').textContent = scanned.sessionId;
  // A claimed device has no account: it reconnects with the fresh token of each AuthSuccess.
  const client = await SyncClient.open({
    url: location.origin, sessionId: scanned.sessionId, deviceId: scanned.deviceId,
    device: { type: 'web', name: 'Device that opened a handoff link' },
    token: ({ lastToken }) => lastToken ?? scanned.token, store: new IndexedDbStore('syncbridge-demo-scanned'),
  });
  client.on('token', ({ token }) => sessionStorage.setItem(SCANNED, JSON.stringify({ ...scanned, token })));
  window.syncbridgeDemo = { sessionId: scanned.sessionId, clients: { [scanned.deviceId]: client } };
  mountPanel({ id: scanned.deviceId, name: 'This device' }, client, { offlineKey: `syncbridge-demo-offline-${scanned.deviceId}` });
}

async function reset() {
  for (const client of Object.values(window.syncbridgeDemo?.clients ?? {})) {
    await client.close();
    client.store.close?.();
  }
  localStorage.removeItem(ACCOUNT);
  for (const spec of DEVICES) localStorage.removeItem(`syncbridge-demo-offline-${spec.id}`);
  sessionStorage.removeItem(SCANNED);
  for (const name of ['syncbridge-demo-laptop', 'syncbridge-demo-phone', 'syncbridge-demo-scanned']) {
    await new Promise((resolve) => { const r = indexedDB.deleteDatabase(name); r.onsuccess = r.onerror = r.onblocked = resolve; });
  }
  location.replace(location.pathname);
}

$(document, 'reset').addEventListener('click', () => reset().catch(showError));
const handoffToken = readHandoffToken(location.href);
const start = handoffToken ? scannedDevice(handoffToken) : sessionStorage.getItem(SCANNED) ? openScanned() : twoDevices();
start.then(() => { document.body.dataset.ready = 'true'; }, showError);
