// Drives the SyncBridge live console in headless Chromium (run by ConsoleBrowserIT).
//
// Opens /console with the operator's credential, waits for the session the Java test prepared
// (two devices connected over WebSocket), then:
//   - makes an update and a handoff through the REST API and checks that both appear on the page:
//     the new version and state on the session's card, the active-device badge on the target, and
//     a line for each in the live activity log;
//   - searches by the owner's id and sees only that owner's session, then clears the search;
//   - makes a load of changes through the REST API and waits for the charts to show it;
//   - opens the session's page, connects a third device over a real WebSocket, removes it with
//     the page's Remove button (cancelling the confirm step once, then confirming) and sees its
//     socket closed, the device gone from the page and the action in the operator actions.
//
// Environment: BASE_URL, CONSOLE_USER, CONSOLE_PASSWORD, SESSION_ID, OWNER (the session's owner),
// OTHER_SESSION_ID (a session of another owner), USER_TOKEN (bearer token of the session's owner),
// FROM_DEVICE, TO_DEVICE, REMOVED_DEVICE and REMOVED_DEVICE_TOKEN (the device the test connects and
// removes, and its session token), LOAD_CHANGES (how many changes the load makes), SCREENSHOT,
// SCREENSHOT_SESSION and SCREENSHOT_CONFIRM (optional paths of PNGs to save: the overview with its
// charts, the session's page, the confirm step), CHROMIUM (default /usr/bin/chromium).
// Needs a global WebSocket (Node 22, or Node 20 with --experimental-websocket).
// Exits 0 when every check passed, 1 otherwise.

import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const env = (name, fallback) => {
  const value = process.env[name] ?? fallback;
  if (value === undefined || value === '') throw new Error(`${name} is not set`);
  return value;
};

const baseUrl = env('BASE_URL');
const sessionId = env('SESSION_ID');
const userToken = env('USER_TOKEN');
const fromDevice = env('FROM_DEVICE');
const toDevice = env('TO_DEVICE');
const owner = env('OWNER');
const otherSessionId = env('OTHER_SESSION_ID');
const removedDevice = env('REMOVED_DEVICE');
const removedDeviceToken = env('REMOVED_DEVICE_TOKEN');
const loadChanges = Number(env('LOAD_CHANGES', '40'));
const screenshot = process.env.SCREENSHOT;
const screenshotSession = process.env.SCREENSHOT_SESSION;
const screenshotConfirm = process.env.SCREENSHOT_CONFIRM;
const WAIT = { timeout: 15_000 };

const log = (message) => console.log(`[console.test] ${message}`);

async function api(method, path, body) {
  const response = await fetch(baseUrl + path, {
    method,
    headers: { Authorization: `Bearer ${userToken}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

// A device on a real WebSocket (protocol 2): resolves once authenticated; `closed` resolves with the close code.
function connectDevice(device, token) {
  if (typeof WebSocket === 'undefined') throw new Error('no global WebSocket: run node with --experimental-websocket');
  const socket = new WebSocket(baseUrl.replace(/^http/, 'ws') + '/ws');
  let closedWith;
  const closed = new Promise((resolve) => { closedWith = resolve; });
  socket.addEventListener('close', (event) => closedWith(event.code));
  const authenticated = new Promise((resolve, reject) => {
    socket.addEventListener('open', () => socket.send(JSON.stringify({
      type: 7, payload: { protocol: 2, token, device: { type: 'android', name: `${device} of the test` } },
    })));
    socket.addEventListener('message', (event) => {
      const message = JSON.parse(event.data);
      if (message.type === 8) resolve();
      else if (message.type === 9) reject(new Error(`authentication refused: ${event.data}`));
    });
    socket.addEventListener('error', () => reject(new Error('WebSocket error')));
  });
  return authenticated.then(() => ({ socket, closed, isOpen: () => socket.readyState === WebSocket.OPEN }));
}

function within(promise, ms, what) {
  return Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms))]);
}

const userDataDir = mkdtempSync(join(tmpdir(), 'syncbridge-console-'));
let context;
try {
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    httpCredentials: { username: env('CONSOLE_USER'), password: env('CONSOLE_PASSWORD') },
    viewport: { width: 1360, height: 900 },
  });
  const page = context.pages()[0] ?? await context.newPage();
  page.on('pageerror', (error) => log(`page error: ${error.message}`));

  const response = await page.goto(baseUrl + '/console');
  if (response.status() !== 200) throw new Error(`/console answered ${response.status()}`);
  await page.locator('[data-testid=connection]', { hasText: 'live' }).waitFor(WAIT);
  log('console is live');

  const card = page.locator(`[data-session-id$="/${sessionId}"][data-testid=session]`);
  await card.waitFor(WAIT);
  await card.locator(`[data-device-id="${fromDevice}"]`).waitFor(WAIT);
  await card.locator(`[data-device-id="${toDevice}"]`).waitFor(WAIT);
  const before = Number((await card.locator('[data-testid=version]').textContent()).slice(1));
  log(`session ${sessionId} shown at v${before} with devices ${fromDevice} and ${toDevice}`);

  // An update through the API...
  await api('PATCH', `/v1/sessions/${sessionId}/state/delta`, {
    baseVersion: before,
    operations: [{ op: 'add', path: '/exercise', value: 'box breathing, round 3' }],
    deviceId: fromDevice,
  });
  const updated = `v${before + 1}`;
  await card.locator('[data-testid=version]', { hasText: updated }).waitFor(WAIT);
  await card.locator('[data-testid=state]', { hasText: 'box breathing, round 3' }).waitFor(WAIT);
  await page.locator(`#activity li[data-event="state.changed"][data-session-id$="/${sessionId}"]`).first().waitFor(WAIT);
  log(`update shown: ${updated} with its state and a state.changed line`);

  // ...and a handoff through the API.
  const handoff = await api('POST', `/v1/sessions/${sessionId}/handoff`, { toDeviceId: toDevice });
  await card.locator(`[data-device-id="${toDevice}"] [data-testid=active-device]`).waitFor(WAIT);
  const handoffLine = page.locator(`#activity li[data-event="handoff.completed"][data-session-id$="/${sessionId}"]`);
  await handoffLine.first().waitFor(WAIT);
  const handoffText = await handoffLine.first().textContent();
  if (!handoffText.includes(`→ ${toDevice}`)) throw new Error(`handoff line does not name ${toDevice}: ${handoffText}`);
  const activeBadges = await card.locator('[data-testid=active-device]').count();
  if (activeBadges !== 1) throw new Error(`expected one active device, saw ${activeBadges}`);
  log(`handoff ${handoff.handoffId} shown: ${toDevice} is active; "${handoffText.trim()}"`);

  // Search by the owner's id: only that owner's session is listed; then every session again.
  const cards = page.locator('[data-testid=session]');
  const otherCard = page.locator(`[data-session-id$="/${otherSessionId}"][data-testid=session]`);
  await otherCard.waitFor(WAIT);
  await page.fill('[data-testid=search]', owner);
  await page.locator('[data-testid=page-info]', { hasText: '1–1 of 1' }).waitFor(WAIT);
  await otherCard.waitFor({ state: 'detached', ...WAIT });
  if (await cards.count() !== 1) throw new Error(`searching ${owner} listed ${await cards.count()} sessions`);
  await card.waitFor(WAIT);
  log(`search for ${owner}: only its session is listed`);
  await page.fill('[data-testid=search]', '');
  await otherCard.waitFor(WAIT);
  log('search cleared: every session listed again');

  // A load spread over more than one timeline step: a fan-out line needs deliveries in two adjacent steps, a burst has one.
  const { stepSeconds } = await page.evaluate(() => fetch('/console/api/timeline', { cache: 'no-store' }).then((r) => r.json()));
  if (!(stepSeconds > 0)) throw new Error(`the timeline has no step: ${stepSeconds}`);
  const spreadMs = stepSeconds * 1000 + 1000;
  let version = before + 1;
  let firstAnswered;
  for (let i = 0; i < loadChanges; i++) {
    if (i > 0) await sleep(Math.max(0, firstAnswered + (i * spreadMs) / (loadChanges - 1) - Date.now()));
    const answer = await api('PATCH', `/v1/sessions/${sessionId}/state/delta`, {
      baseVersion: version, operations: [{ op: 'add', path: '/breaths', value: i }], deviceId: toDevice,
    });
    version = answer.version ?? version + 1;
    firstAnswered ??= Date.now();
  }
  const loadDone = Date.now();
  // A refresh drawn after the load (data-now: server time, same machine) shows it; 60 s only bounds a busy machine.
  try {
    await page.waitForFunction((after) => {
      const figure = (id) => document.getElementById(id);
      const drawn = (id) => Number(figure(id).dataset.now) >= after && Number(figure(id).dataset.max) > 0
        && figure(id).querySelector('path.line') !== null;
      // The load is a step of 1 change/s or more; the earlier update alone is below that.
      return drawn('chart-changes') && drawn('chart-fanout') && drawn('chart-connections')
        && Number(figure('chart-changes').dataset.max) >= 1;
    }, loadDone, { timeout: 60_000 });
  } catch (error) {
    const shown = await page.evaluate(() => ['chart-changes', 'chart-fanout', 'chart-connections'].map((id) => {
      const figure = document.getElementById(id);
      return { id, ...figure.dataset, line: figure.querySelector('path.line') !== null };
    }));
    throw new Error(`the charts drawn after the load (done at ${loadDone}) do not show it: ${JSON.stringify(shown)}`,
      { cause: error });
  }
  const peak = await page.locator('[data-testid=chart-changes]').getAttribute('data-max');
  log(`after ${loadChanges} changes the charts show data: changes/s peaks at ${peak}, fan-out and connections drawn`);
  if (screenshot) {
    await page.waitForTimeout(1_500); // let the highlight of the last change fade for a clean picture
    await page.screenshot({ path: screenshot, fullPage: false });
    log(`screenshot saved to ${screenshot}`);
  }

  // The session's page, with a third device connected over a real WebSocket.
  const tablet = await within(connectDevice(removedDevice, removedDeviceToken), 10_000, `${removedDevice} authenticated`);
  log(`${removedDevice} connected over WebSocket`);
  await card.locator('[data-testid=open-session]').click();
  const sessionPage = page.locator('[data-testid=session-page]');
  await sessionPage.waitFor(WAIT);
  const tabletRow = sessionPage.locator(`[data-testid=detail-devices] tr[data-device-id="${removedDevice}"]`);
  await tabletRow.waitFor(WAIT);
  await sessionPage.locator('[data-testid=detail-changes] td', { hasText: 'add /breaths' }).first().waitFor(WAIT);
  await sessionPage.locator('[data-testid=detail-handoffs] td', { hasText: toDevice }).first().waitFor(WAIT);
  await sessionPage.locator('[data-testid=detail-snapshots] [data-testid=restore-snapshot]').first().waitFor(WAIT);
  log(`session page: ${removedDevice} listed, recent changes, the snapshot and the handoff shown`);

  // Remove it: the confirm step cancelled changes nothing; confirmed, the device's socket is closed.
  const remove = tabletRow.locator('[data-testid=remove-device]');
  await remove.click();
  const dialog = page.locator('[data-testid=confirm]');
  await dialog.waitFor(WAIT);
  await page.locator('[data-testid=confirm-cancel]').click();
  await dialog.waitFor({ state: 'hidden', ...WAIT });
  await page.waitForTimeout(500);
  if (!tablet.isOpen()) throw new Error('cancelling the confirm step closed the socket');
  if (await tabletRow.count() !== 1) throw new Error('cancelling the confirm step removed the device');
  log('confirm step cancelled: the device stays and its socket is open');
  await remove.click();
  await dialog.waitFor(WAIT);
  if (screenshotConfirm) {
    await page.screenshot({ path: screenshotConfirm, fullPage: false });
    log(`screenshot saved to ${screenshotConfirm}`);
  }
  await page.locator('[data-testid=confirm-ok]').click();
  const code = await within(tablet.closed, 10_000, `${removedDevice}'s socket closed`);
  log(`device removed: its socket closed with code ${code}`);
  await tabletRow.waitFor({ state: 'detached', ...WAIT });
  await sessionPage.locator('[data-testid=operator-actions] td', { hasText: 'remove-device' }).waitFor(WAIT);
  log('the session page no longer lists it and shows the action in its operator actions');
  if (screenshotSession) {
    await page.waitForTimeout(500);
    await page.screenshot({ path: screenshotSession, fullPage: true });
    log(`screenshot saved to ${screenshotSession}`);
  }
  log('PASS');
} catch (error) {
  log(`FAIL: ${error.stack ?? error}`);
  process.exitCode = 1;
} finally {
  await context?.close();
  rmSync(userDataDir, { recursive: true, force: true });
}
