// SyncBridge browser client: an optimistic local view of a session's state (the server's state
// plus the device's pending changes rebased on top), an offline queue that survives reloads in
// IndexedDB and is sent as one ChangeBatch on reconnect, resume, conflicts, handoff, and
// reconnection with full-jitter backoff. Dependency-free ES module; speaks the v2 WebSocket
// protocol (docs/websocket.md). API: docs/client-js.md.

export const PROTOCOL = 2;

const T = Object.freeze({
  HEARTBEAT: 1, SNAPSHOT_REQUEST: 3, SNAPSHOT_RESPONSE: 4, ERROR: 6, AUTH: 7, AUTH_SUCCESS: 8,
  AUTH_FAILURE: 9, CHANGE: 10, DELTA: 11, CHANGE_ACK: 12, CONFLICT: 13, RESUME: 14, CATCHUP: 15,
  CHANGE_BATCH: 16, BATCH_RESULT: 17, HANDOFF_REQUEST: 18, HANDOFF_TOKEN: 19, HANDOFF_START: 20,
  HANDOFF_COMPLETE: 21, DEVICE_JOINED: 22, DEVICE_LEFT: 23, SESSION_EXPIRING: 24, SESSION_ENDED: 25,
});

/** The server's batch limit (ChangeBatch holds at most 1,000 changes). */
const MAX_BATCH = 1000;

/** A failure with a stable upper-case reason, the same reasons the server's domain uses. */
export class SyncBridgeError extends Error {
  constructor(reason, message, details = {}) {
    super(message);
    this.name = 'SyncBridgeError';
    this.reason = reason;
    this.details = details;
  }
}

const invalidPath = (path, message) => new SyncBridgeError('INVALID_PATH', message, { path });
const invalidState = (message) => new SyncBridgeError('INVALID_STATE', message);

// ---------------------------------------------------------------------------------------------
// JSON Pointer (RFC 6901) and patch application: exactly the domain's rules
// (syncbridge-domain JsonPointer / PatchApplier), checked by clients/conformance/*.json.

/** Parses pointer text into its reference tokens ("" is the root); throws INVALID_PATH. */
export function parsePointer(text) {
  if (typeof text !== 'string') throw invalidPath(String(text), 'A JSON Pointer is a string');
  if (text === '') return [];
  if (text[0] !== '/') throw invalidPath(text, `A JSON Pointer is empty or starts with '/': ${text}`);
  const tokens = [];
  let token = '';
  for (let i = 1; i < text.length; i++) {
    const c = text[i];
    if (c === '/') {
      tokens.push(token);
      token = '';
    } else if (c === '~') {
      const next = text[i + 1];
      if (next !== '0' && next !== '1') {
        throw invalidPath(text, `'~' must be followed by '0' or '1' in a JSON Pointer (offset ${i}): ${text}`);
      }
      token += next === '0' ? '~' : '/';
      i++;
    } else {
      token += c;
    }
  }
  tokens.push(token);
  return tokens;
}

/** The pointer text of reference tokens, with ~0 / ~1 escapes. */
export function formatPointer(tokens) {
  return tokens.map((t) => '/' + t.replaceAll('~', '~0').replaceAll('/', '~1')).join('');
}

const has = (object, name) => Object.prototype.hasOwnProperty.call(object, name);
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A shallow copy of an object that keeps every own member, "__proto__" included, as data. */
function copyObject(object) {
  const copy = {};
  for (const name of Object.keys(object)) defineMember(copy, name, object[name]);
  return copy;
}

function defineMember(object, name, value) {
  Object.defineProperty(object, name, { value, enumerable: true, writable: true, configurable: true });
}

function typeName(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  return `a ${typeof v}`;
}

const END = '-';

/** An RFC 6901 array index: digits without a leading zero; -1 when the token is not one. */
function arrayIndex(token) {
  if (token.length === 0 || (token.length > 1 && token[0] === '0') || !/^[0-9]+$/.test(token)) return -1;
  return token.length > 18 ? Number.MAX_SAFE_INTEGER : Number(token);
}

function indexIn(array, tokens, token, allowEnd) {
  const size = array.length;
  const path = formatPointer(tokens);
  if (token === END) {
    if (allowEnd) return size;
    throw invalidState(`Path '${path}': '-' names no existing array element`);
  }
  const index = arrayIndex(token);
  if (index < 0) throw invalidPath(path, `Path '${path}': '${token}' is not an array index (digits, no leading zeros)`);
  if (index > (allowEnd ? size : size - 1)) {
    throw invalidState(`Path '${path}': index ${token} is out of range for an array of ${size} elements`);
  }
  return index;
}

function notAContainer(tokens, node) {
  return invalidState(`'${formatPointer(tokens)}' is ${typeName(node)}, not an object or array`);
}

/** Rebuilds the containers along the path; edit(parent, lastToken) gives the new parent. */
function editAt(node, tokens, depth, edit) {
  const token = tokens[depth];
  if (depth === tokens.length - 1) return edit(node, token);
  if (isObject(node)) {
    if (!has(node, token)) {
      throw invalidState(`Path '${formatPointer(tokens)}' does not exist: nothing at '${formatPointer(tokens.slice(0, depth + 1))}'`);
    }
    const copy = copyObject(node);
    defineMember(copy, token, editAt(node[token], tokens, depth + 1, edit));
    return copy;
  }
  if (Array.isArray(node)) {
    const index = indexIn(node, tokens, token, false);
    const copy = node.slice();
    copy[index] = editAt(node[index], tokens, depth + 1, edit);
    return copy;
  }
  throw notAContainer(tokens.slice(0, depth), node);
}

function replaceRoot(value, operation) {
  if (!isObject(value)) {
    throw invalidState(`The root of a state document must be an object; ${operation} at the root gave ${typeName(value)}`);
  }
  return value;
}

function addAt(root, tokens, value) {
  if (tokens.length === 0) return replaceRoot(value, 'add');
  return editAt(root, tokens, 0, (parent, token) => {
    if (isObject(parent)) {
      const copy = copyObject(parent);
      defineMember(copy, token, value);
      return copy;
    }
    if (Array.isArray(parent)) {
      const copy = parent.slice();
      copy.splice(indexIn(parent, tokens, token, true), 0, value);
      return copy;
    }
    throw notAContainer(tokens.slice(0, -1), parent);
  });
}

function replaceAt(root, tokens, value) {
  if (tokens.length === 0) return replaceRoot(value, 'replace');
  return editAt(root, tokens, 0, (parent, token) => {
    if (isObject(parent)) {
      if (!has(parent, token)) throw invalidState(`Path '${formatPointer(tokens)}' does not exist`);
      const copy = copyObject(parent);
      defineMember(copy, token, value);
      return copy;
    }
    if (Array.isArray(parent)) {
      const copy = parent.slice();
      copy[indexIn(parent, tokens, token, false)] = value;
      return copy;
    }
    throw notAContainer(tokens.slice(0, -1), parent);
  });
}

function removeAt(root, tokens) {
  if (tokens.length === 0) throw invalidPath('', 'The root of a state document cannot be removed');
  return editAt(root, tokens, 0, (parent, token) => {
    if (isObject(parent)) {
      if (!has(parent, token)) throw invalidState(`Path '${formatPointer(tokens)}' does not exist`);
      const copy = copyObject(parent);
      delete copy[token];
      return copy;
    }
    if (Array.isArray(parent)) {
      const copy = parent.slice();
      copy.splice(indexIn(parent, tokens, token, false), 1);
      return copy;
    }
    throw notAContainer(tokens.slice(0, -1), parent);
  });
}

/** The value at a location an operation reads, which must exist ('-' names no element). */
function existing(root, tokens, what) {
  let node = root;
  for (let depth = 0; depth < tokens.length; depth++) {
    const token = tokens[depth];
    if (isObject(node)) {
      node = has(node, token) ? node[token] : undefined;
    } else if (Array.isArray(node)) {
      node = node[indexIn(node, tokens, token, false)];
    } else {
      throw notAContainer(tokens.slice(0, depth), node);
    }
    if (node === undefined) throw invalidState(`Path '${formatPointer(tokens)}' (${what}) does not exist`);
  }
  return node;
}

/** JSON equality as the domain has it: numbers by value, objects whatever their member order. */
function sameValue(a, b) {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  }
  if (isObject(a) || isObject(b)) {
    if (!isObject(a) || !isObject(b)) return false;
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => has(b, k) && sameValue(a[k], b[k]));
  }
  return a === b;
}

function moveAt(root, from, path) {
  const value = existing(root, from, 'move from');
  if (isPrefix(from, path) && from.length === path.length) return root;
  if (isPrefix(from, path)) {
    throw invalidState(`Cannot move '${formatPointer(from)}' into its own descendant '${formatPointer(path)}'`);
  }
  return addAt(removeAt(root, from), path, value);
}

function testAt(root, path, expected) {
  if (!sameValue(existing(root, path, 'test'), expected)) {
    throw invalidState(`Test failed: the value at '${formatPointer(path)}' is not the one expected`);
  }
  return root;
}

/**
 * Checks one operation's shape: RFC 6902 {op: add|replace|remove|move|copy|test, path, from, value}
 * or the v1 {op: SET|DELETE, key, value}. Gives a normalized copy; throws INVALID_REQUEST.
 */
export function checkOperation(op) {
  if (!isObject(op)) throw new SyncBridgeError('INVALID_REQUEST', 'An operation is an object');
  switch (op.op) {
    case 'add':
    case 'replace':
      if (typeof op.path !== 'string') throw new SyncBridgeError('INVALID_REQUEST', `'${op.op}' needs a string path`);
      if (op.value === undefined) throw new SyncBridgeError('INVALID_REQUEST', `'${op.op}' needs a value`);
      return { op: op.op, path: op.path, value: op.value };
    case 'remove':
      if (typeof op.path !== 'string') throw new SyncBridgeError('INVALID_REQUEST', "'remove' needs a string path");
      return { op: 'remove', path: op.path };
    case 'move':
    case 'copy':
      if (typeof op.path !== 'string' || typeof op.from !== 'string') {
        throw new SyncBridgeError('INVALID_REQUEST', `'${op.op}' needs string from and path`);
      }
      return { op: op.op, from: op.from, path: op.path };
    case 'test':
      if (typeof op.path !== 'string') throw new SyncBridgeError('INVALID_REQUEST', "'test' needs a string path");
      if (op.value === undefined) throw new SyncBridgeError('INVALID_REQUEST', "'test' needs a value");
      return { op: 'test', path: op.path, value: op.value };
    case 'SET':
      if (typeof op.key !== 'string') throw new SyncBridgeError('INVALID_REQUEST', "'SET' needs a string key");
      return { op: 'SET', key: op.key, value: op.value === undefined ? null : op.value };
    case 'DELETE':
      if (typeof op.key !== 'string') throw new SyncBridgeError('INVALID_REQUEST', "'DELETE' needs a string key");
      return { op: 'DELETE', key: op.key };
    default:
      throw new SyncBridgeError('INVALID_REQUEST', `Unknown operation '${op.op}'`);
  }
}

/**
 * Applies operations in order, all or nothing, and gives the new state; the given state is never
 * modified (unchanged branches are shared). Throws SyncBridgeError INVALID_PATH / INVALID_STATE.
 */
export function applyPatch(state, ops) {
  let root = state;
  for (const raw of ops) {
    const op = checkOperation(raw);
    switch (op.op) {
      case 'add': root = addAt(root, parsePointer(op.path), op.value); break;
      case 'replace': root = replaceAt(root, parsePointer(op.path), op.value); break;
      case 'remove': root = removeAt(root, parsePointer(op.path)); break;
      case 'move': root = moveAt(root, parsePointer(op.from), parsePointer(op.path)); break;
      case 'copy': root = addAt(root, parsePointer(op.path), existing(root, parsePointer(op.from), 'copy from')); break;
      case 'test': root = testAt(root, parsePointer(op.path), op.value); break;
      case 'SET': root = addAt(root, [op.key], op.value); break;
      case 'DELETE': if (has(root, op.key)) root = removeAt(root, [op.key]); break;
    }
  }
  return root;
}

/** Wire form of an operation for v2 messages: the v1 SET/DELETE become add/remove of /key. */
function wireOperation(op) {
  if (op.op === 'SET') return { op: 'add', path: formatPointer([op.key]), value: op.value };
  if (op.op === 'DELETE') return { op: 'remove', path: formatPointer([op.key]) };
  return op;
}

// ---------------------------------------------------------------------------------------------
// Which paths a change touches, as the server's MERGE policy sees them (MergeResolver): an
// insert or removal inside an array touches the whole array (a replace or test of an element, and
// the from of a copy, do not); a move or copy touches from and path; a test only reads, so the
// tests of a newer change touch nothing. Two paths overlap when one is the other or its ancestor.

function widened(tokens) {
  if (tokens.length === 0) return tokens;
  const last = tokens[tokens.length - 1];
  return last === END || /^[0-9]+$/.test(last) ? tokens.slice(0, -1) : tokens;
}

function touchedPaths(op, newer) {
  switch (op.op) {
    case 'SET':
    case 'DELETE': return [[op.key]];
    case 'replace': return [parsePointer(op.path)];
    case 'test': return newer ? [] : [parsePointer(op.path)];
    case 'copy': return [parsePointer(op.from), widened(parsePointer(op.path))];
    case 'move': return [widened(parsePointer(op.from)), widened(parsePointer(op.path))];
    default: return [widened(parsePointer(op.path))];
  }
}

function isPrefix(a, b) {
  return a.length <= b.length && a.every((t, i) => t === b[i]);
}

/** True when any path of {@code a} equals, contains or lies within any path of {@code b}. */
export function pathsOverlap(a, b) {
  return a.some((x) => b.some((y) => isPrefix(x, y) || isPrefix(y, x)));
}

/** The paths a change touches; {@code newer}: as a change made since another one's base. */
const touched = (ops, newer = false) => ops.flatMap((op) => touchedPaths(op, newer));

// ---------------------------------------------------------------------------------------------
// Reconnection backoff with full jitter: a random delay between 0 and min(max, initial * 2^attempt).

export function backoffDelay(attempt, { initialMs = 500, maxMs = 30_000 } = {}, random = Math.random) {
  const ceiling = Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}

// ---------------------------------------------------------------------------------------------
// Local stores: what the client must not lose (the last server state and version, the pending
// queue) under one key per session and device.

/** Keeps records in memory: for tests and for pages that need nothing to survive a reload. */
export class MemoryStore {
  constructor() {
    this.records = new Map();
  }

  async load(key) {
    const record = this.records.get(key);
    return record === undefined ? undefined : structuredClone(record);
  }

  async save(key, record) {
    this.records.set(key, structuredClone(record));
  }

  async clear(key) {
    this.records.delete(key);
  }
}

/** Keeps records in an IndexedDB database (one object store, "clients"), so a reload loses nothing. */
export class IndexedDbStore {
  constructor(databaseName = 'syncbridge', { indexedDB = globalThis.indexedDB } = {}) {
    if (!indexedDB) throw new SyncBridgeError('UNSUPPORTED', 'IndexedDB is not available here');
    this.databaseName = databaseName;
    this.indexedDB = indexedDB;
    this.db = null;
  }

  open() {
    if (!this.db) {
      this.db = new Promise((resolve, reject) => {
        const request = this.indexedDB.open(this.databaseName, 1);
        request.onupgradeneeded = () => request.result.createObjectStore('clients');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    }
    return this.db;
  }

  async run(mode, action) {
    const db = await this.open();
    return new Promise((resolve, reject) => {
      const tx = db.transaction('clients', mode);
      const request = action(tx.objectStore('clients'));
      // Resolved when the transaction is committed, not merely when the request succeeded.
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  }

  load(key) {
    return this.run('readonly', (store) => store.get(key));
  }

  save(key, record) {
    return this.run('readwrite', (store) => store.put(record, key));
  }

  clear(key) {
    return this.run('readwrite', (store) => store.delete(key));
  }

  close() {
    if (this.db) this.db.then((db) => db.close(), () => {});
    this.db = null;
  }
}

// ---------------------------------------------------------------------------------------------
// Handoff helpers

/** The URL another device opens to take the session over: the page URL with #handoff=<token>. */
export function handoffUrl(pageUrl, handoffToken) {
  const base = String(pageUrl).split('#')[0];
  return `${base}#handoff=${encodeURIComponent(handoffToken)}`;
}

/** The handoff token in a URL made by {@link handoffUrl}, or null. */
export function readHandoffToken(url) {
  const match = /#(?:.*&)?handoff=([^&]+)/.exec(String(url));
  return match ? decodeURIComponent(match[1]) : null;
}

/**
 * Claims a handoff token over REST (POST /v1/handoff/claim): no account needed, the token is the
 * credential. Gives {token, sessionId, userId, deviceId, expiresAt, state, version}.
 */
export async function claimHandoff({ baseUrl, handoffToken, deviceId, device, fetch = globalThis.fetch }) {
  const response = await fetch(`${httpBase(baseUrl)}/v1/handoff/claim`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ handoffToken, deviceId, device }),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new SyncBridgeError(body.code || 'HANDOFF_TOKEN_INVALID', body.message || `claim answered ${response.status}`);
  }
  return {
    token: body.token, sessionId: body.sessionId, userId: body.userId, deviceId: body.deviceId,
    expiresAt: body.expiresAt, state: body.state?.data ?? {}, version: body.state?.version ?? 0,
  };
}

function httpBase(url) {
  return String(url).replace(/^ws/, 'http').replace(/\/+$/, '');
}

function webSocketUrl(url) {
  return httpBase(url).replace(/^http/, 'ws') + '/ws';
}

function randomId() {
  if (globalThis.crypto?.randomUUID) return globalThis.crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

// ---------------------------------------------------------------------------------------------
// The client

/**
 * One device's live view of one session. Create with {@link SyncClient.open}; read
 * {@link SyncClient#state} and {@link SyncClient#version}; change with {@link SyncClient#change};
 * listen with {@link SyncClient#on}.
 */
export class SyncClient {
  constructor(options) {
    const o = { ...options };
    for (const required of ['url', 'sessionId', 'deviceId', 'token']) {
      if (!o[required]) throw new SyncBridgeError('INVALID_REQUEST', `SyncClient needs '${required}'`);
    }
    this.url = o.url;
    this.sessionId = o.sessionId;
    this.deviceId = o.deviceId;
    this.device = o.device ?? { type: 'web', name: o.deviceId };
    this.tokenSupplier = typeof o.token === 'function' ? o.token : () => o.token;
    this.store = o.store ?? (globalThis.indexedDB ? new IndexedDbStore() : new MemoryStore());
    this.storeKey = `${o.sessionId}/${o.deviceId}`;
    this.onConflict = o.onConflict ?? 'reapply';
    this.backoff = { initialMs: 500, maxMs: 30_000, ...o.backoff };
    this.random = o.random ?? Math.random;
    this.WebSocket = o.WebSocket ?? globalThis.WebSocket;
    this.timers = o.timers ?? globalThis;
    this.heartbeatMs = o.heartbeatMs ?? 25_000;
    this.gapMs = o.gapMs ?? 2_000;
    this.maxPending = o.maxPending ?? MAX_BATCH * 10;
    this.logger = o.logger ?? console;

    this.serverState = {};
    this.serverVersion = -1;
    this.pending = [];
    // Remote changes (not this device's) newer than remoteFrom, kept while changes are pending so
    // that a queued change can be checked against what happened meanwhile (MERGE's rule).
    this.remoteLog = [];
    this.remoteFrom = -1;
    this.view = {};
    this.status = 'offline';
    this.activeDeviceId = null;
    this.devices = [];
    this.lastToken = null;

    this.listeners = new Map();
    this.waiters = new Map();
    this.requests = new Map();
    this.buffer = new Map();
    this.inFlight = null;
    this.socket = null;
    this.wantOnline = o.online !== false;
    this.closed = false;
    this.attempt = 0;
    this.tokenReason = 'connect';
    this.reconnectTimer = null;
    this.heartbeatTimer = null;
    this.gapTimer = null;
    this.saving = Promise.resolve();
    this.dirty = false;
    this.saveQueued = false;
    this.onBrowserOnline = () => { if (this.wantOnline && !this.socket) this.reconnectNow(); };
  }

  /** Creates a client, loads what its store kept for this session and device, and connects (unless online: false). */
  static async open(options) {
    const client = new SyncClient(options);
    await client.load();
    if (client.wantOnline) client.connect();
    globalThis.addEventListener?.('online', client.onBrowserOnline);
    return client;
  }

  // --- reading ----------------------------------------------------------------------------

  /** The optimistic local view: the server state with the pending changes applied on top. */
  get state() {
    return this.view;
  }

  /** The last version confirmed by the server (-1 before the first contact). */
  get version() {
    return this.serverVersion;
  }

  /** The changes not yet acknowledged: [{mutationId, baseVersion, ops}]. */
  get queue() {
    return this.pending.map(({ mutationId, baseVersion, ops }) => ({ mutationId, baseVersion, ops }));
  }

  /**
   * Listens to 'state' ({state, version, pending}), 'status' (connecting|online|offline|resyncing),
   * 'remote' (a change by another device), 'ack', 'conflict', 'rejected', 'handoff', 'devices',
   * 'token' (the fresh token of each AuthSuccess), 'serverBehind', 'error', 'expiring', 'ended'. Gives a function that unsubscribes.
   */
  on(event, listener) {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event).add(listener);
    return () => this.listeners.get(event)?.delete(listener);
  }

  emit(event, value) {
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        listener(value);
      } catch (error) {
        this.logger.error?.(`syncbridge: a '${event}' listener failed`, error);
      }
    }
  }

  /** Resolves when everything changed so far is written to the store. */
  async persisted() {
    let seen;
    do {
      seen = this.saving;
      await seen;
    } while (seen !== this.saving);
  }

  // --- changing ---------------------------------------------------------------------------

  /**
   * Applies operations to the local view at once and queues them for the server. Throws a
   * SyncBridgeError when they cannot apply (nothing changes then) or the queue is full. Gives a
   * promise of the outcome: {mutationId, status: applied|rebased|duplicate|dropped|rejected, version?, error?}.
   */
  change(ops) {
    if (!Array.isArray(ops) || ops.length === 0) throw new SyncBridgeError('INVALID_REQUEST', 'A change has at least one operation');
    const checked = ops.map(checkOperation);
    const view = applyPatch(this.view, checked);
    if (this.pending.length >= this.maxPending) {
      throw new SyncBridgeError('QUEUE_FULL', `${this.pending.length} changes are waiting already; the limit is ${this.maxPending}`);
    }
    const change = { mutationId: randomId(), baseVersion: Math.max(0, this.serverVersion), ops: checked };
    this.pending.push(change);
    this.view = view;
    const outcome = new Promise((resolve) => this.waiters.set(change.mutationId, resolve));
    this.changed();
    this.flush();
    return outcome;
  }

  /** Shorthand: set a value at a JSON Pointer (add). */
  set(path, value) {
    return this.change([{ op: 'add', path, value }]);
  }

  /** Shorthand: remove the value at a JSON Pointer. */
  remove(path) {
    return this.change([{ op: 'remove', path }]);
  }

  // --- connection -------------------------------------------------------------------------

  /** Goes online (again): connects now, and reconnects with backoff whenever the link drops. */
  connect() {
    this.wantOnline = true;
    if (!this.socket && !this.closed) this.reconnectNow();
  }

  /** Goes offline on purpose: closes the socket and stays offline; changes keep queueing. */
  disconnect() {
    this.wantOnline = false;
    this.cancelReconnect();
    if (this.socket) this.socket.close(1000, 'offline');
    this.dropSocket();
  }

  /** Closes for good (the store keeps the queue for the next open). */
  async close() {
    this.closed = true;
    this.disconnect();
    globalThis.removeEventListener?.('online', this.onBrowserOnline);
    await this.persisted();
  }

  reconnectNow() {
    this.cancelReconnect();
    this.attempt = 0;
    this.openSocket();
  }

  async openSocket() {
    if (this.closed || !this.wantOnline || this.socket) return;
    this.setStatus('connecting');
    let token;
    try {
      token = await this.tokenSupplier({ reason: this.tokenReason, lastToken: this.lastToken });
    } catch (error) {
      this.emit('error', new SyncBridgeError('TOKEN_UNAVAILABLE', `the token supplier failed: ${error?.message ?? error}`));
      this.scheduleReconnect();
      return;
    }
    if (this.closed || !this.wantOnline || this.socket) return;
    const socket = new this.WebSocket(webSocketUrl(this.url));
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      const payload = { token, session_id: this.sessionId, device_id: this.deviceId, device: this.device, protocol: PROTOCOL };
      if (this.serverVersion >= 0) payload.last_version = this.serverVersion;
      this.send(T.AUTH, payload);
    };
    socket.onmessage = (event) => {
      if (this.socket !== socket) return;
      let message;
      try {
        message = JSON.parse(event.data);
      } catch (error) {
        this.logger.warn?.('syncbridge: a frame that is not JSON', error);
        return;
      }
      this.receive(message);
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.dropSocket();
      if (this.wantOnline && !this.closed) this.scheduleReconnect();
    };
    socket.onerror = () => {};
  }

  dropSocket() {
    this.socket = null;
    this.inFlight = null;
    this.buffer.clear();
    for (const [, request] of this.requests) request.reject(new SyncBridgeError('OFFLINE', 'the connection closed'));
    this.requests.clear();
    this.timers.clearInterval(this.heartbeatTimer);
    this.timers.clearTimeout(this.gapTimer);
    this.heartbeatTimer = null;
    this.gapTimer = null;
    this.setStatus('offline');
  }

  scheduleReconnect() {
    this.cancelReconnect();
    const delay = backoffDelay(this.attempt++, this.backoff, this.random);
    this.reconnectTimer = this.timers.setTimeout(() => {
      this.reconnectTimer = null;
      this.openSocket();
    }, delay);
  }

  cancelReconnect() {
    if (this.reconnectTimer !== null) this.timers.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
  }

  setStatus(status) {
    if (this.status === status) return;
    this.status = status;
    this.emit('status', status);
  }

  send(type, payload, correlationId) {
    const message = { type, timestamp: Math.floor(Date.now() / 1000), payload };
    if (correlationId !== undefined) message.correlation_id = correlationId;
    this.socket.send(JSON.stringify(message));
  }

  // --- receiving --------------------------------------------------------------------------

  receive(message) {
    const p = message.payload ?? {};
    switch (message.type) {
      case T.AUTH_SUCCESS: return this.authenticated(p);
      case T.AUTH_FAILURE: return this.authFailed(p);
      case T.SNAPSHOT_RESPONSE:
        if (p.reason === 'server_behind') return this.serverBehind(p.state_data ?? {}, p.version);
        return this.snapshot(p.state_data ?? {}, p.version);
      case T.CATCHUP: return this.catchup(p);
      case T.DELTA: return this.delta(p);
      case T.CHANGE_ACK: this.inFlight = null; this.result(p); return this.flush();
      case T.CONFLICT: this.inFlight = null; this.result(p); return this.flush();
      case T.BATCH_RESULT:
        this.inFlight = null;
        for (const entry of p.results ?? []) this.result(entry);
        return this.flush();
      case T.ERROR: return this.error(p, message.correlation_id);
      case T.HANDOFF_TOKEN: return this.answered(message.correlation_id, { handoffToken: p.handoff_token, expiresAt: p.expires_at });
      case T.HANDOFF_START: return this.handoffStart(p);
      case T.HANDOFF_COMPLETE:
        this.activeDeviceId = p.to_device_id;
        this.emit('handoff', { kind: 'complete', handoffId: p.handoff_id, fromDeviceId: p.from_device_id, toDeviceId: p.to_device_id, latencyMs: p.latency_ms });
        return this.changed(false);
      case T.DEVICE_JOINED:
        this.devices = [...this.devices.filter((d) => d.id !== p.device?.id), p.device];
        return this.emit('devices', this.devices);
      case T.DEVICE_LEFT:
        this.devices = this.devices.map((d) => (d.id === p.device_id ? { ...d, online: false } : d));
        if (p.reason !== 'disconnected') this.devices = this.devices.filter((d) => d.id !== p.device_id);
        return this.emit('devices', this.devices);
      case T.SESSION_EXPIRING: return this.emit('expiring', { expiresAt: p.expires_at });
      case T.SESSION_ENDED:
        this.emit('ended', { reason: p.reason });
        this.wantOnline = false;
        return undefined;
      default: return undefined;
    }
  }

  authenticated(p) {
    this.attempt = 0;
    this.tokenReason = 'connect';
    this.lastToken = p.new_token ?? this.lastToken;
    this.activeDeviceId = p.active_device_id ?? null;
    this.devices = p.devices ?? [];
    this.emit('token', { token: p.new_token, expiresAt: p.expires_at });
    this.emit('devices', this.devices);
    this.setStatus('resyncing');
    // With last_version in Auth the server follows with a Catchup or a reset snapshot; else ask.
    if (this.serverVersion < 0) this.send(T.SNAPSHOT_REQUEST, {});
    this.heartbeatTimer = this.timers.setInterval(() => {
      if (this.socket) this.send(T.HEARTBEAT, { client_time: Date.now() });
    }, this.heartbeatMs);
  }

  authFailed(p) {
    const error = new SyncBridgeError(p.reason ?? 'AUTH_FAILED', p.message ?? 'authentication failed', p);
    // A token problem: ask the supplier for a fresh one before the next attempt.
    if (p.code === 401) this.tokenReason = 'expired';
    this.emit('error', error);
    this.socket?.close(4000, 'auth failed');
  }

  /** A full state at a version (the answer to SnapshotRequest, a reset resume, a handoff): rebase on it. */
  snapshot(state, version) {
    this.serverState = state;
    this.serverVersion = version;
    for (const v of [...this.buffer.keys()]) if (v <= version) this.buffer.delete(v);
    this.remoteLog = [];
    this.remoteFrom = version;
    this.drain();
    this.changed();
    this.online();
  }

  /**
   * The server holds less than this device saw (it lost acknowledged changes): re-submit what this
   * device holds, as one change in front of the queue that turns the server's state into it.
   */
  serverBehind(state, version) {
    const held = this.serverState;
    const heldVersion = this.serverVersion;
    const ops = [];
    for (const key of Object.keys(held)) {
      if (!has(state, key) || JSON.stringify(state[key]) !== JSON.stringify(held[key])) {
        ops.push({ op: 'add', path: formatPointer([key]), value: held[key] });
      }
    }
    for (const key of Object.keys(state)) if (!has(held, key)) ops.push({ op: 'remove', path: formatPointer([key]) });
    if (ops.length > 0) this.pending.unshift({ mutationId: randomId(), baseVersion: version, ops });
    this.emit('serverBehind', { serverVersion: version, heldVersion, ops });
    this.snapshot(state, version);
  }

  catchup(p) {
    for (const c of p.changes ?? []) this.buffer.set(c.version, { ops: c.ops, mutationId: c.mutation_id, deviceId: c.device_id });
    this.drain();
    this.online();
  }

  online() {
    if (this.status !== 'resyncing') return;
    this.setStatus('online');
    this.flush(true);
  }

  delta(p) {
    if (p.version <= this.serverVersion) return;
    this.buffer.set(p.version, { ops: p.ops, mutationId: p.mutation_id, deviceId: p.device_id });
    this.drain();
  }

  /** Applies the buffered changes that follow the server version without a gap, in version order. */
  drain() {
    let advanced = false;
    while (this.buffer.has(this.serverVersion + 1)) {
      const version = this.serverVersion + 1;
      const entry = this.buffer.get(version);
      this.buffer.delete(version);
      try {
        this.serverState = applyPatch(this.serverState, entry.ops);
      } catch (error) {
        // The server applied it, so this cannot happen unless the local copy went wrong: start over.
        this.logger.error?.('syncbridge: a confirmed change did not apply locally; resynchronizing', error);
        this.resync();
        return;
      }
      this.serverVersion = version;
      advanced = true;
      const own = this.pending.findIndex((c) => c.mutationId === entry.mutationId);
      if (own >= 0) {
        // Ours, known through a catch-up or another connection of this device: acknowledged.
        this.settle(this.pending[own], { status: 'applied', version });
      } else if (!entry.own) {
        if (this.pending.length > 0) this.remoteLog.push({ version, paths: touched(entry.ops, true) });
        this.emit('remote', { version, deviceId: entry.deviceId, mutationId: entry.mutationId, ops: entry.ops });
      }
    }
    if (this.pending.length === 0) {
      this.remoteLog = [];
      this.remoteFrom = this.serverVersion;
    }
    this.timers.clearTimeout(this.gapTimer);
    this.gapTimer = null;
    if (this.buffer.size > 0 && this.socket) {
      // A later version arrived first: deltas are fanned out apart from acks. Ask if it stays open.
      this.gapTimer = this.timers.setTimeout(() => {
        this.gapTimer = null;
        if (this.socket && this.buffer.size > 0) this.send(T.RESUME, { last_version: this.serverVersion });
      }, this.gapMs);
    }
    if (advanced) {
      this.resolveWaitingConflicts();
      this.changed();
    }
  }

  resync() {
    this.buffer.clear();
    this.setStatus('resyncing');
    if (this.socket) this.send(T.SNAPSHOT_REQUEST, {});
  }

  /** One ChangeAck, Conflict or failed entry of a BatchResult. */
  result(r) {
    const change = this.pending.find((c) => c.mutationId === r.mutation_id);
    if (!change) return;
    if (r.outcome) {
      // Applied, rebased or a duplicate of one applied before: it is part of that version.
      if (r.version > this.serverVersion) this.buffer.set(r.version, { ops: change.ops, mutationId: change.mutationId, own: true });
      this.settle(change, { status: r.outcome, version: r.version });
      this.drain();
      this.changed();
    } else if (r.reason === 'VERSION_CONFLICT') {
      change.conflict = r;
      this.resolveWaitingConflicts();
    } else {
      this.settle(change, { status: 'rejected', error: new SyncBridgeError(r.reason ?? 'REJECTED', r.message ?? 'rejected', r) });
      this.emit('rejected', { change: publicChange(change), reason: r.reason, message: r.message });
      this.changed();
    }
  }

  /** Removes a change from the queue and completes its promise. */
  settle(change, outcome) {
    this.pending = this.pending.filter((c) => c !== change);
    const resolve = this.waiters.get(change.mutationId);
    this.waiters.delete(change.mutationId);
    resolve?.({ mutationId: change.mutationId, ...outcome });
    if (outcome.version !== undefined) this.emit('ack', { mutationId: change.mutationId, ...outcome });
  }

  /**
   * Conflicts are decided once the client has caught up to the version the server compared with,
   * so that a re-applied change is based on everything it conflicted with.
   */
  resolveWaitingConflicts() {
    let requeued = false;
    for (const change of this.pending.filter((c) => c.conflict && c.conflict.current_version <= this.serverVersion)) {
      const conflict = change.conflict;
      delete change.conflict;
      // A conflict only with this device's own earlier changes (sent in the same batch) is no
      // conflict at all: re-apply it whatever the handler says.
      const remote = this.remoteFrom <= change.baseVersion
        ? this.remoteLog.filter((r) => r.version > change.baseVersion && r.version <= conflict.current_version)
        : null;
      const onlyOwn = remote !== null && !pathsOverlap(touched(change.ops), remote.flatMap((r) => r.paths));
      const decision = onlyOwn ? 'reapply' : this.decide(change, conflict);
      if (Array.isArray(decision) || decision === 'reapply') {
        const ops = Array.isArray(decision) ? decision.map(checkOperation) : change.ops;
        try {
          applyPatch(this.serverState, ops);
        } catch (error) {
          this.settle(change, { status: 'dropped', error });
          this.emit('conflict', { change: publicChange(change), conflict: conflictView(conflict), resolution: 'dropped' });
          continue;
        }
        change.ops = ops;
        change.baseVersion = this.serverVersion;
        requeued = true;
        if (!onlyOwn) this.emit('conflict', { change: publicChange(change), conflict: conflictView(conflict), resolution: 'reapplied' });
      } else {
        this.settle(change, { status: 'dropped', error: new SyncBridgeError('VERSION_CONFLICT', 'the change conflicted and was dropped', conflict) });
        this.emit('conflict', { change: publicChange(change), conflict: conflictView(conflict), resolution: 'dropped' });
      }
    }
    this.changed();
    if (requeued) this.flush();
  }

  /** The handler's verdict: 'reapply', 'drop', or the operations to send instead (null drops). */
  decide(change, conflict) {
    if (this.onConflict === 'reapply' || this.onConflict === 'drop') return this.onConflict;
    try {
      const verdict = this.onConflict({ change: publicChange(change), conflict: conflictView(conflict), serverState: this.serverState });
      return verdict ?? 'drop';
    } catch (error) {
      this.logger.error?.('syncbridge: the conflict handler failed; dropping the change', error);
      return 'drop';
    }
  }

  error(p, correlationId) {
    const details = p.details ?? {};
    if (correlationId !== undefined && this.requests.has(correlationId)) {
      const request = this.requests.get(correlationId);
      this.requests.delete(correlationId);
      request.reject(new SyncBridgeError(p.reason, p.message, details));
      return;
    }
    if (p.reason === 'RATE_LIMITED') {
      // Not applied: send again when the window has passed.
      this.inFlight = null;
      const wait = (details.retry_after_seconds ?? 1) * 1000;
      this.timers.setTimeout(() => this.flush(), wait);
      return;
    }
    if (details.mutation_id) {
      this.inFlight = null;
      this.result({ mutation_id: details.mutation_id, reason: p.reason, message: p.message, code: p.code });
      this.flush();
      return;
    }
    if (this.inFlight?.batch && p.code === 400) this.inFlight = null;
    this.emit('error', new SyncBridgeError(p.reason ?? 'ERROR', p.message ?? 'error', details));
  }

  handoffStart(p) {
    this.activeDeviceId = this.deviceId;
    if (p.version > this.serverVersion) this.snapshot(p.state_data ?? {}, p.version);
    this.emit('handoff', { kind: 'start', handoffId: p.handoff_id, fromDeviceId: p.from_device_id, toDeviceId: this.deviceId, version: p.version });
    this.changed(false);
  }

  answered(correlationId, value) {
    const request = this.requests.get(correlationId);
    if (!request) return;
    this.requests.delete(correlationId);
    request.resolve(value);
  }

  // --- sending the queue ------------------------------------------------------------------

  /**
   * Sends what is queued, one request at a time: a Change for a single change, a ChangeBatch for
   * several (always after a reconnect). Base versions: a change goes with the version it was
   * made on, so the server checks it against everything that happened since; one that touches a
   * path an earlier change of the same request touches, and that nothing remote touched since its
   * base, goes with the version that earlier change is expected to get, as it was made on top of it.
   */
  flush(reconnected = false) {
    if (!this.socket || this.status !== 'online' || this.inFlight) return;
    const batch = [];
    for (const change of this.pending) {
      if (change.conflict || batch.length >= MAX_BATCH) break;
      batch.push(change);
    }
    if (batch.length === 0) return;
    let expected = this.serverVersion;
    const earlier = [];
    const wire = batch.map((change) => {
      const paths = touched(change.ops);
      const known = this.remoteFrom <= change.baseVersion;
      const remote = known ? this.remoteLog.filter((r) => r.version > change.baseVersion).flatMap((r) => r.paths) : null;
      let base = change.baseVersion;
      if (remote !== null && pathsOverlap(paths, remote)) {
        // A real conflict by MERGE's rule: let the server decide, against its true base.
      } else {
        if (remote !== null && pathsOverlap(paths, earlier)) base = expected;
        expected += 1;
        earlier.push(...paths);
      }
      return { mutation_id: change.mutationId, base_version: base, ops: change.ops.map(wireOperation) };
    });
    this.inFlight = { ids: wire.map((c) => c.mutation_id), batch: wire.length > 1 || reconnected };
    if (this.inFlight.batch) this.send(T.CHANGE_BATCH, { changes: wire });
    else this.send(T.CHANGE, wire[0]);
  }

  // --- handoff ----------------------------------------------------------------------------

  /** Asks the server for a single-use handoff token (HandoffToken 19): {handoffToken, expiresAt}. */
  createHandoffToken({ ttlSeconds = 300 } = {}) {
    return this.request(T.HANDOFF_TOKEN, { ttl_seconds: ttlSeconds });
  }

  /** Hands the session to another device of it (HandoffRequest 18); every device hears HandoffComplete. */
  handOffTo(targetDeviceId) {
    if (!this.socket || this.status === 'connecting') throw new SyncBridgeError('OFFLINE', 'a handoff needs the connection');
    this.send(T.HANDOFF_REQUEST, { target_device_id: targetDeviceId });
  }

  /** Claims a handoff token for this device (REST), making it the active device. */
  async claimHandoff(handoffToken, { fetch } = {}) {
    const claimed = await claimHandoff({ baseUrl: this.url, handoffToken, deviceId: this.deviceId, device: this.device, fetch });
    this.lastToken = claimed.token;
    return claimed;
  }

  request(type, payload) {
    if (!this.socket || this.status === 'connecting') return Promise.reject(new SyncBridgeError('OFFLINE', 'this needs the connection'));
    const correlationId = randomId();
    return new Promise((resolve, reject) => {
      this.requests.set(correlationId, { resolve, reject });
      this.send(type, payload, correlationId);
    });
  }

  // --- local state and the store ----------------------------------------------------------

  async load() {
    const record = await this.store.load(this.storeKey);
    if (record) {
      this.serverState = record.serverState ?? {};
      this.serverVersion = record.serverVersion ?? -1;
      this.pending = (record.pending ?? []).map((c) => ({ mutationId: c.mutationId, baseVersion: c.baseVersion, ops: c.ops }));
      this.remoteLog = record.remoteLog ?? [];
      this.remoteFrom = record.remoteFrom ?? this.serverVersion;
      this.activeDeviceId = record.activeDeviceId ?? null;
    }
    this.rebase();
    this.emit('state', this.snapshotView());
  }

  /** The local view again: the server state with every pending change that still applies on top. */
  rebase() {
    let view = this.serverState;
    // Acknowledged changes of ours waiting for an earlier version to arrive, then the queue.
    const acknowledged = [...this.buffer].filter(([, e]) => e.own).sort(([a], [b]) => a - b).map(([, e]) => e);
    for (const change of [...acknowledged, ...this.pending]) {
      try {
        view = applyPatch(view, change.ops);
      } catch {
        // It no longer applies here; the server will say so (or rebase it) when it is sent.
      }
    }
    this.view = view;
  }

  snapshotView() {
    return { state: this.view, version: this.serverVersion, pending: this.queue, activeDeviceId: this.activeDeviceId };
  }

  /** After any change of server state or queue: recompute the view, tell listeners, persist. */
  changed(recompute = true) {
    if (recompute) this.rebase();
    this.emit('state', this.snapshotView());
    this.save();
  }

  save() {
    this.dirty = true;
    if (this.saveQueued) return;
    this.saveQueued = true;
    this.saving = this.saving.then(async () => {
      this.saveQueued = false;
      if (!this.dirty) return;
      this.dirty = false;
      try {
        await this.store.save(this.storeKey, {
          serverState: this.serverState, serverVersion: this.serverVersion,
          pending: this.pending.map(({ mutationId, baseVersion, ops }) => ({ mutationId, baseVersion, ops })),
          remoteLog: this.remoteLog, remoteFrom: this.remoteFrom, activeDeviceId: this.activeDeviceId,
        });
      } catch (error) {
        this.emit('error', new SyncBridgeError('STORE_FAILED', `the local store failed: ${error?.message ?? error}`));
      }
    });
  }
}

function publicChange(change) {
  return { mutationId: change.mutationId, baseVersion: change.baseVersion, ops: change.ops };
}

function conflictView(r) {
  return {
    mutationId: r.mutation_id, baseVersion: r.base_version, currentVersion: r.current_version,
    conflicts: (r.conflicts ?? []).map((c) => ({ path: c.path, currentValue: c.current_value })),
  };
}
