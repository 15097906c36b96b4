// Drives the SyncBridge live console in headless Chromium (run by ConsoleBrowserIT).
//
// Opens /console with the operator's credential, waits for the session the Java test prepared
// (two devices connected over WebSocket), then makes an update and a handoff through the REST API
// and checks that both appear on the page: the new version and state on the session's card, the
// active-device badge on the target, and a line for each in the live activity log.
//
// Environment: BASE_URL, CONSOLE_USER, CONSOLE_PASSWORD, SESSION_ID, USER_TOKEN (bearer token of
// the session's owner), FROM_DEVICE, TO_DEVICE, SCREENSHOT (optional path of a PNG to save),
// CHROMIUM (default /usr/bin/chromium). Exits 0 when every check passed, 1 otherwise.

import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
const screenshot = process.env.SCREENSHOT;
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

const userDataDir = mkdtempSync(join(tmpdir(), 'syncbridge-console-'));
let context;
try {
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    httpCredentials: { username: env('CONSOLE_USER'), password: env('CONSOLE_PASSWORD') },
    viewport: { width: 1360, height: 560 },
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

  if (screenshot) {
    await page.waitForTimeout(1_500); // let the highlight of the last change fade for a clean picture
    await page.screenshot({ path: screenshot, fullPage: false });
    log(`screenshot saved to ${screenshot}`);
  }
  log('PASS');
} catch (error) {
  log(`FAIL: ${error.stack ?? error}`);
  process.exitCode = 1;
} finally {
  await context?.close();
  rmSync(userDataDir, { recursive: true, force: true });
}
