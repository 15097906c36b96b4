// A session's page in the console: its devices, snapshots, handoffs, operator actions, state and
// recent changes, and the actions on them, each behind the page's confirm step. Uses the helpers
// of console.js (el, when, api, act, toast, confirmStep), which loads after it.
'use strict';

function table(columns, rows, empty) {
  if (rows.length === 0) return el('p', 'empty', empty);
  const t = el('table');
  const head = el('tr');
  for (const column of columns) head.append(el('th', null, column));
  t.append(el('thead'));
  t.firstChild.append(head);
  const body = el('tbody');
  for (const cells of rows) {
    const row = el('tr');
    for (const cell of cells) {
      const td = el('td');
      if (cell instanceof Node) td.append(cell); else td.textContent = cell ?? '–';
      row.append(td);
    }
    body.append(row);
  }
  t.append(body);
  return t;
}

function section(title, testid, content) {
  const block = el('section', 'detail-block');
  block.dataset.testid = testid;
  block.append(el('h3', null, title), content);
  return block;
}

function button(label, testid, onClick) {
  const b = el('button', 'action', label);
  b.type = 'button';
  b.dataset.testid = testid;
  b.addEventListener('click', onClick);
  return b;
}

function renderDetail(view) {
  const detail = $('detail');
  const head = el('div', 'detail-head');
  const title = el('div');
  title.append(el('h2', 'detail-name', view.name || '(unnamed)'));
  const meta = el('div', 'meta');
  meta.append('id ', el('b', null, view.id), ' · owner ', el('b', null, view.owner), ' · ', view.type,
    ' · ', view.status, ' · created ', when(view.createdAt), ' · expires ', when(view.expiresAt));
  title.append(meta);
  const version = el('span', 'version', 'v' + view.version);
  version.dataset.testid = 'detail-version';
  head.append(title, version, button('End session', 'end-session', () => endSession(view)));

  const online = new Set(view.online);
  const devices = table(['Device', 'Kind', 'Name', 'Connection', 'Last seen', ''], view.devices.map((d) => {
    const status = el('span', 'status ' + (online.has(d.id) ? 'online' : 'offline'),
      (online.has(d.id) ? 'online' : 'offline') + (d.active ? ' · active' : ''));
    const remove = button('Remove', 'remove-device', () => removeDevice(view, d));
    remove.dataset.deviceId = d.id;
    return [d.id, d.kind, d.name, status, when(d.lastSeen), remove];
  }), 'No device has joined.');
  devices.querySelectorAll('tbody tr').forEach((row, i) => { row.dataset.deviceId = view.devices[i].id; });

  const changes = table(['Version', 'Device', 'When', 'What'],
    view.changes.map((c) => ['v' + c.version, c.deviceId, when(c.at), c.summary]),
    'No change in the log.');
  const snapshots = table(['Label', 'Version', 'Taken', 'Expires', ''], view.snapshots.map((s) => {
    const restore = button('Restore', 'restore-snapshot', () => restoreSnapshot(view, s));
    restore.dataset.snapshotId = s.id;
    return [s.label || '(no label)', 'v' + s.version, when(s.createdAt), when(s.expiresAt), restore];
  }), 'No snapshot.');
  const handoffs = table(['From', 'To', 'At version', 'When', 'Took'],
    view.handoffs.map((h) => [h.from ?? '(none)', h.to, 'v' + h.version, when(h.completedAt), h.latencyMs + ' ms']),
    'No handoff.');
  const actions = table(['When', 'Operator', 'Action', 'On', 'Outcome'],
    view.operatorActions.map((a) => [when(a.at), a.operator, a.action, a.subject || 'the session', a.outcome]),
    'No operator has acted on this session.');
  const state = el('pre', 'state', view.state);
  state.dataset.testid = 'detail-state';

  detail.replaceChildren(head,
    section(`Devices (${view.devices.length})`, 'detail-devices', devices),
    section(`Snapshots (${view.snapshotCount})`, 'detail-snapshots', snapshots),
    section('Handoffs', 'detail-handoffs', handoffs),
    section('Operator actions', 'operator-actions', actions),
    section('State', 'detail-state-block', state),
    section('Recent changes', 'detail-changes', changes));
}

async function showDetail(id) {
  try {
    renderDetail(await api('/console/api/session?id=' + encodeURIComponent(id)));
  } catch (error) {
    const gone = el('p', 'error', `Session ${id}: ${error.message}`);
    gone.dataset.testid = 'detail-error';
    $('detail').replaceChildren(gone);
  }
}

async function removeDevice(session, device) {
  if (!await confirmStep('Remove this device?',
    `Device ${device.id} (${device.kind}) leaves session ${session.id} for good; its connections are closed.`,
    'Remove device')) return;
  try {
    await act('remove-device', { sessionId: session.id, deviceId: device.id });
    toast(`Device ${device.id} removed from ${session.id}.`);
  } catch (error) {
    toast(`Removing ${device.id} failed: ${error.message}`, true);
  }
  showDetail(session.id);
}

async function endSession(session) {
  if (!await confirmStep('End this session?',
    `Session ${session.id} of ${session.owner} is deleted with its changes and snapshots; its devices are told it ended.`,
    'End session')) return;
  try {
    await act('end-session', { sessionId: session.id });
    toast(`Session ${session.id} ended.`);
    location.hash = '';
  } catch (error) {
    toast(`Ending ${session.id} failed: ${error.message}`, true);
  }
}

async function restoreSnapshot(session, snapshot) {
  if (!await confirmStep('Restore this snapshot?',
    `The state of v${snapshot.version} ("${snapshot.label}") becomes a new version of ${session.id}; every device receives it.`,
    'Restore snapshot')) return;
  try {
    const done = await act('restore-snapshot', { sessionId: session.id, snapshotId: snapshot.id });
    toast(`Snapshot restored as v${done.version}.`);
  } catch (error) {
    toast(`Restoring failed: ${error.message}`, true);
  }
  showDetail(session.id);
}
