// Drives the two-device demo (/demo) in headless Chromium (run by DemoBrowserIT).
//
// 1. The phone goes offline; 20 changes on it, 5 on the laptop; the phone comes back: both panels
//    show the state and version GET /v1/sessions/{id}/state answers, every item exactly once.
// 2. The phone goes offline, 5 changes, the page is reloaded: the queue is still there (IndexedDB);
//    online again: each of the 5 reaches the server exactly once.
// 3. Handoff: the laptop shows a link and a QR code (decoded here, it must be the link); the phone
//    opens the link: both panels show the phone as the active device, and so does the server.
//    A second handoff is opened in another browser context (a real other device) from its URL.
//
// Environment: BASE_URL, SCREENSHOT_DIR (optional: demo-offline.png, demo.png, demo-handoff.png go there),
// CHROMIUM (default /usr/bin/chromium). Prints "[demo.test] PASS" and exits 0 when every check passed.

import { chromium } from 'playwright-core';
import jsQR from 'jsqr';
import assert from 'node:assert/strict';
import { join } from 'node:path';

const baseUrl = process.env.BASE_URL;
if (!baseUrl) throw new Error('BASE_URL is not set');
const screenshots = process.env.SCREENSHOT_DIR;
const WAIT = { timeout: 30_000 };
const log = (message) => console.log(`[demo.test] ${message}`);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

async function until(what, check, timeoutMs = 30_000) {
  const started = Date.now();
  let last;
  for (;;) {
    try {
      last = await check();
      if (last === true || last === undefined) return;
    } catch (error) {
      last = error.message;
    }
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}: ${last}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

try {
  const context = await browser.newContext({ viewport: { width: 1180, height: 1000 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => log(`page error: ${error.message}`));
  page.on('console', (message) => { if (message.type() === 'error') log(`console: ${message.text()}`); });

  const panel = (device) => page.locator(`[data-testid="device-${device}"]`);
  const field = (device, id) => panel(device).locator(`[data-testid="${id}"]`);
  const text = async (device, id) => (await field(device, id).textContent()).trim();
  const shown = async (device) => ({ state: JSON.parse(await text(device, 'state')), version: Number(await text(device, 'version')) });

  async function open() {
    const response = await page.goto(`${baseUrl}/demo`);
    assert.equal(response.status(), 200);
    await page.locator('body[data-ready="true"]').waitFor(WAIT);
  }

  async function server() {
    const { sessionId, token } = await page.evaluate(async () => ({
      sessionId: window.syncbridgeDemo.sessionId, token: await window.syncbridgeDemo.userToken() }));
    const response = await fetch(`${baseUrl}/v1/sessions/${encodeURIComponent(sessionId)}/state`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(response.status, 200);
    const body = await response.json();
    return { state: body.data, version: body.version, sessionId, token };
  }

  async function setOnline(device, online) {
    const box = field(device, 'online');
    if ((await box.isChecked()) !== online) await box.click();
    await panel(device).locator(`[data-testid="status"]`, { hasText: online ? 'online' : 'offline' }).waitFor(WAIT);
  }

  async function addItem(device, label) {
    await field(device, 'item-input').fill(label);
    await field(device, 'add-item').click();
  }

  /** Both panels show exactly what the server has, with nothing pending. */
  async function converged(what) {
    await until(what, async () => {
      const truth = await server();
      for (const device of ['laptop', 'phone']) {
        const view = await shown(device);
        const pending = Number(await text(device, 'pending-count'));
        if (pending !== 0) return `${device} has ${pending} pending`;
        if (view.version !== truth.version) return `${device} at v${view.version}, server at v${truth.version}`;
        assert.deepEqual(view.state, truth.state, `${device} shows the server's state`);
      }
      return true;
    });
    return server();
  }

  const once = (items, label) => items.filter((item) => item === label).length === 1;

  // The first device to join holds the session, and the handoff below goes from the laptop: the
  // phone starts offline (on the first load only) and comes online once the laptop has joined,
  // instead of the two racing to join.
  await context.addInitScript(() => {
    if (!sessionStorage.getItem('demo-test-started')) {
      sessionStorage.setItem('demo-test-started', 'true');
      localStorage.setItem('syncbridge-demo-offline-phone', 'true');
    }
  });
  await open();
  await panel('laptop').locator('[data-testid="status"]', { hasText: 'online' }).waitFor(WAIT);
  await until('the laptop to hold the session', async () => (await panel('laptop').getAttribute('data-active')) === 'true' || 'not yet');
  await setOnline('phone', true);
  const start = await converged('both devices to start on the server state');
  log(`demo session ${start.sessionId} at v${start.version}, both devices online`);

  // --- 1. offline: 20 changes on the phone, 5 on the laptop, then back online -------------------
  await setOnline('phone', false);
  const phoneItems = [];
  for (let i = 1; i <= 16; i++) {
    phoneItems.push(`phone-offline-${i}`);
    await addItem('phone', `phone-offline-${i}`);
  }
  for (let i = 0; i < 3; i++) await field('phone', 'increment').click();
  await field('phone', 'note-input').fill('written on the phone while offline');
  await field('phone', 'set-note').click();
  await until('the phone to queue 20 changes', async () => (await text('phone', 'pending-count')) === '20' || await text('phone', 'pending-count'));
  const laptopItems = ['laptop-1', 'laptop-2', 'laptop-3'];
  for (const label of laptopItems) await addItem('laptop', label);
  await field('laptop', 'increment').click();
  await field('laptop', 'increment').click();
  await until('the laptop to have its 5 changes acknowledged', async () => {
    const truth = await server();
    return (truth.version === start.version + 5 && (await text('laptop', 'pending-count')) === '0') || `server v${truth.version}`;
  });
  assert.equal(await text('phone', 'pending-count'), '20', 'the offline phone still holds its 20 changes');
  log('phone offline with 20 queued changes; laptop made 5 that the server has');
  if (screenshots) await page.screenshot({ path: join(screenshots, 'demo-offline.png'), fullPage: true });

  await setOnline('phone', true);
  const synced = await converged('both devices to converge after the phone came back');
  for (const label of [...phoneItems, ...laptopItems]) assert.ok(once(synced.state.items, label), `${label} is on the server exactly once`);
  assert.equal(synced.state.note, 'written on the phone while offline');
  assert.ok(synced.version >= start.version + 25, `every change got a version (v${synced.version})`);
  log(`converged at v${synced.version}: ${synced.state.items.length} items, identical on both devices and the server`);
  if (screenshots) await page.screenshot({ path: join(screenshots, 'demo.png'), fullPage: true });

  // --- 2. reload while offline with changes pending ----------------------------------------
  await setOnline('phone', false);
  const reloadItems = [1, 2, 3, 4, 5].map((i) => `reload-${i}`);
  for (const label of reloadItems) await addItem('phone', label);
  await until('the phone to queue and store 5 changes', async () =>
    ((await text('phone', 'pending-count')) === '5' && (await panel('phone').getAttribute('data-saved')) === 'true') || 'not yet');
  await page.reload();
  await page.locator('body[data-ready="true"]').waitFor(WAIT);
  await panel('phone').locator('[data-testid="status"]', { hasText: 'offline' }).waitFor(WAIT);
  assert.equal(await text('phone', 'pending-count'), '5', 'the queue survived the reload');
  const reloaded = await shown('phone');
  for (const label of reloadItems) assert.ok(once(reloaded.state.items, label), `${label} is in the local view after the reload`);
  log('page reloaded while offline: the 5 pending changes are still queued');
  await setOnline('phone', true);
  const afterReload = await converged('both devices to converge after the reload');
  for (const label of [...reloadItems, ...phoneItems, ...laptopItems]) {
    assert.ok(once(afterReload.state.items, label), `${label} is on the server exactly once`);
  }
  assert.equal(afterReload.version, synced.version + 5, 'the 5 changes were applied once each');
  log(`after the reload: v${afterReload.version}, nothing lost, nothing doubled`);

  // --- 3. handoff from the laptop to the phone through a link and its QR code ----------------
  await field('laptop', 'handoff').click();
  await field('laptop', 'handoff-link').waitFor({ state: 'visible', ...WAIT });
  const url = await field('laptop', 'handoff-url').getAttribute('href');
  assert.match(url, /\/demo#handoff=/);
  const pixels = await field('laptop', 'qr').evaluate(async (element) => {
    const image = new Image();
    image.src = `data:image/svg+xml,${encodeURIComponent(element.innerHTML)}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    const g = canvas.getContext('2d');
    g.drawImage(image, 0, 0);
    return { width: canvas.width, height: canvas.height, data: Array.from(g.getImageData(0, 0, canvas.width, canvas.height).data) };
  });
  const decoded = jsQR(Uint8ClampedArray.from(pixels.data), pixels.width, pixels.height);
  assert.equal(decoded?.data, url, 'the QR code carries the handoff link');
  log('the laptop shows a handoff link and a QR code that decodes to it');

  await field('phone', 'claim-input').fill(url);
  await field('phone', 'claim').click();
  await panel('phone').locator('[data-testid="active"]:not([hidden])').waitFor(WAIT);
  await until('the laptop to see the handoff', async () => (await panel('laptop').getAttribute('data-active')) === 'false' || 'still active');
  await panel('laptop').locator('[data-testid="log"] li', { hasText: 'handoff laptop → phone' }).first().waitFor(WAIT);
  await panel('phone').locator('[data-testid="log"] li', { hasText: 'handoff laptop → phone' }).first().waitFor(WAIT);
  const { sessionId, token } = await server();
  const session = await (await fetch(`${baseUrl}/v1/sessions/${encodeURIComponent(sessionId)}`, { headers: { Authorization: `Bearer ${token}` } })).json();
  assert.equal(session.activeDeviceId, 'phone');
  log('handoff laptop → phone shown on both devices; the server agrees');
  if (screenshots) await page.screenshot({ path: join(screenshots, 'demo-handoff.png'), fullPage: true });

  // --- and from the phone to a device that only opens the URL (another browser) ------------
  await field('phone', 'handoff').click();
  await field('phone', 'handoff-link').waitFor({ state: 'visible', ...WAIT });
  const secondUrl = await field('phone', 'handoff-url').getAttribute('href');
  const other = await (await browser.newContext({ viewport: { width: 600, height: 900 } })).newPage();
  other.on('pageerror', (error) => log(`other device page error: ${error.message}`));
  await other.goto(secondUrl);
  await other.locator('body[data-ready="true"]').waitFor(WAIT);
  const scanned = other.locator('section.device');
  await scanned.locator('[data-testid="status"]', { hasText: 'online' }).waitFor(WAIT);
  await scanned.locator('[data-testid="active"]:not([hidden])').waitFor(WAIT);
  const truth = await server();
  await until('the scanned device to show the server state', async () => {
    const view = JSON.parse((await scanned.locator('[data-testid="state"]').textContent()).trim());
    assert.deepEqual(view, truth.state);
    return true;
  });
  await until('the phone to hand over', async () => (await panel('phone').getAttribute('data-active')) === 'false' || 'still active');
  assert.ok(!other.url().includes('handoff='), 'the used token is taken out of the address bar');
  log('a device that opened the handoff URL took the session over with its state');

  log('PASS');
  await browser.close();
} catch (error) {
  log(`FAIL: ${error.stack ?? error}`);
  await browser.close();
  process.exit(1);
}
