// The client against a scripted server: the offline queue, rebasing, conflicts, the store, the
// token supplier and reconnection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SyncClient, MemoryStore, SyncBridgeError } from '../syncbridge.js';
import { FakeNetwork, authenticate, until } from './fake-server.mjs';

const quiet = { error() {}, warn() {} };

async function makeClient({ store = new MemoryStore(), record, online = false, ...options } = {}) {
  const network = new FakeNetwork();
  if (record) await store.save('s-1/laptop', record);
  const tokens = [];
  const client = await SyncClient.open({
    url: 'http://server.test', sessionId: 's-1', deviceId: 'laptop', store, online,
    token: (context) => { tokens.push(context); return `token-${tokens.length}`; },
    WebSocket: network.WebSocket, backoff: { initialMs: 1, maxMs: 5 }, logger: quiet, ...options,
  });
  return { client, network, store, tokens };
}

const atVersion = (version, serverState) => ({ serverState, serverVersion: version, pending: [] });

test('queues changes offline and sends them on reconnect as one ChangeBatch with their mutation ids', async () => {
  const { client, network } = await makeClient({ record: atVersion(3, { items: [] }) });
  const outcomes = ['a', 'b', 'c'].map((item) => client.change([{ op: 'add', path: '/items/-', value: item }]));
  assert.deepEqual(client.state, { items: ['a', 'b', 'c'] });
  assert.equal(client.version, 3);
  const ids = client.queue.map((c) => c.mutationId);
  assert.equal(ids.length, 3);

  client.connect();
  const socket = await network.nextSocket();
  const auth = await authenticate(socket, { version: 4 });
  assert.equal(auth.payload.last_version, 3);
  assert.equal(auth.payload.protocol, 2);
  assert.equal(auth.payload.token, 'token-1');
  socket.reply(15, { from_version: 3, to_version: 4, changes: [
    { version: 4, device_id: 'phone', mutation_id: 'p-1', ops: [{ op: 'add', path: '/note', value: 'hi' }] }] });

  const batch = await socket.next(16);
  assert.deepEqual(batch.payload.changes.map((c) => c.mutation_id), ids);
  // The first goes with its own base (the server checks it against /note); the others were made
  // on top of it, so they go with the versions it and they are expected to get.
  assert.deepEqual(batch.payload.changes.map((c) => c.base_version), [3, 5, 6]);
  assert.equal(socket.sent.filter((m) => m.type === 10 || m.type === 16).length, 1, 'one request, nothing else');
  assert.deepEqual(client.state, { items: ['a', 'b', 'c'], note: 'hi' });

  socket.reply(17, { results: [
    { mutation_id: ids[0], version: 5, outcome: 'rebased' },
    { mutation_id: ids[1], version: 6, outcome: 'applied' },
    { mutation_id: ids[2], version: 7, outcome: 'applied' }] });
  assert.equal(client.version, 7);
  assert.deepEqual(client.queue, []);
  assert.deepEqual(client.state, { items: ['a', 'b', 'c'], note: 'hi' });
  assert.deepEqual((await Promise.all(outcomes)).map((o) => o.status), ['rebased', 'applied', 'applied']);
  await client.close();
});

test('the local view is the server state with the pending changes rebased on top of remote ones', async () => {
  const { client, network } = await makeClient({ record: atVersion(1, { a: 0 }), online: true });
  const socket = await network.nextSocket();
  await authenticate(socket, { version: 1 });
  socket.reply(15, { from_version: 1, to_version: 1, changes: [] });
  await until(() => client.status === 'online');

  const outcome = client.change([{ op: 'replace', path: '/a', value: 1 }]);
  const sent = await socket.next(10);
  assert.equal(sent.payload.base_version, 1);
  assert.deepEqual(sent.payload.ops, [{ op: 'replace', path: '/a', value: 1 }]);

  const remote = [];
  client.on('remote', (change) => remote.push(change));
  socket.reply(11, { version: 2, device_id: 'phone', mutation_id: 'p-1', ops: [{ op: 'add', path: '/b', value: 2 }] });
  assert.equal(client.version, 2);
  assert.deepEqual(client.state, { a: 1, b: 2 }, 'the pending change stays on top of the remote one');
  assert.deepEqual(remote.map((c) => c.version), [2]);

  socket.reply(12, { mutation_id: sent.payload.mutation_id, version: 3, outcome: 'rebased' });
  assert.equal(client.version, 3);
  assert.deepEqual(client.state, { a: 1, b: 2 });
  assert.equal((await outcome).status, 'rebased');
  await client.close();
});

test('an acknowledgement that overtakes an earlier remote delta waits for it', async () => {
  const { client, network } = await makeClient({ record: atVersion(5, {}), online: true });
  const socket = await network.nextSocket();
  await authenticate(socket, { version: 5 });
  socket.reply(15, { from_version: 5, to_version: 5, changes: [] });
  await until(() => client.status === 'online');
  client.change([{ op: 'add', path: '/mine', value: true }]);
  const sent = await socket.next(10);
  socket.reply(12, { mutation_id: sent.payload.mutation_id, version: 7, outcome: 'rebased' });
  assert.equal(client.version, 5, 'version 6 is not known yet');
  assert.deepEqual(client.state, { mine: true });
  socket.reply(11, { version: 6, device_id: 'phone', mutation_id: 'p-6', ops: [{ op: 'add', path: '/theirs', value: 1 }] });
  assert.equal(client.version, 7);
  assert.deepEqual(client.serverState, { theirs: 1, mine: true });
  await client.close();
});

test('a gap that stays open is closed by asking to resume from the last version', async () => {
  const { client, network } = await makeClient({ record: atVersion(2, {}), online: true, gapMs: 5 });
  const socket = await network.nextSocket();
  await authenticate(socket, { version: 2 });
  socket.reply(15, { from_version: 2, to_version: 2, changes: [] });
  socket.reply(11, { version: 4, device_id: 'phone', mutation_id: 'p-4', ops: [{ op: 'add', path: '/b', value: 2 }] });
  const resume = await socket.next(14);
  assert.equal(resume.payload.last_version, 2);
  socket.reply(15, { from_version: 2, to_version: 4, changes: [
    { version: 3, device_id: 'phone', mutation_id: 'p-3', ops: [{ op: 'add', path: '/a', value: 1 }] },
    { version: 4, device_id: 'phone', mutation_id: 'p-4', ops: [{ op: 'add', path: '/b', value: 2 }] }] });
  assert.equal(client.version, 4);
  assert.deepEqual(client.state, { a: 1, b: 2 });
  await client.close();
});

async function conflictScenario(onConflict) {
  const { client, network } = await makeClient({ record: atVersion(3, { count: 1 }), onConflict });
  const outcome = client.change([{ op: 'replace', path: '/count', value: 5 }]);
  const events = [];
  client.on('conflict', (event) => events.push(event));
  client.connect();
  const socket = await network.nextSocket();
  await authenticate(socket, { version: 4 });
  socket.reply(15, { from_version: 3, to_version: 4, changes: [
    { version: 4, device_id: 'phone', mutation_id: 'p-1', ops: [{ op: 'replace', path: '/count', value: 9 }] }] });
  const batch = await socket.next(16);
  assert.equal(batch.payload.changes[0].base_version, 3, 'a real conflict goes with its own base');
  const id = batch.payload.changes[0].mutation_id;
  socket.reply(17, { results: [{ mutation_id: id, base_version: 3, current_version: 4, reason: 'VERSION_CONFLICT',
    conflicts: [{ path: '/count', current_value: 9 }] }] });
  return { client, socket, outcome, events, id };
}

test('a conflict is re-applied on the new state by default', async () => {
  const { client, socket, outcome, events, id } = await conflictScenario(undefined);
  const again = await socket.next(10);
  assert.equal(again.payload.mutation_id, id, 'the same mutation id: a retry never applies twice');
  assert.equal(again.payload.base_version, 4);
  assert.equal(events[0].resolution, 'reapplied');
  assert.deepEqual(events[0].conflict.conflicts, [{ path: '/count', currentValue: 9 }]);
  socket.reply(12, { mutation_id: id, version: 5, outcome: 'applied' });
  assert.deepEqual(client.state, { count: 5 });
  assert.equal((await outcome).status, 'applied');
  await client.close();
});

test('a conflict handler can drop the change: the server state wins', async () => {
  const { client, socket, outcome, events } = await conflictScenario('drop');
  assert.equal((await outcome).status, 'dropped');
  assert.equal(events[0].resolution, 'dropped');
  assert.deepEqual(client.state, { count: 9 });
  assert.deepEqual(client.queue, []);
  assert.equal(socket.sent.filter((m) => m.type === 10).length, 0);
  await client.close();
});

test('a conflict handler can send other operations instead (a custom merge)', async () => {
  const merge = ({ change, serverState }) => [{ op: 'replace', path: '/count', value: serverState.count + change.ops[0].value }];
  const { client, socket, id } = await conflictScenario(merge);
  const again = await socket.next(10);
  assert.deepEqual(again.payload.ops, [{ op: 'replace', path: '/count', value: 14 }]);
  socket.reply(12, { mutation_id: id, version: 5, outcome: 'applied' });
  assert.deepEqual(client.state, { count: 14 });
  await client.close();
});

test('a conflict with only its own earlier change (a race) is re-applied whatever the handler says', async () => {
  const { client, network } = await makeClient({ record: atVersion(3, { count: 0 }), onConflict: 'drop' });
  client.change([{ op: 'replace', path: '/count', value: 1 }]);
  client.change([{ op: 'replace', path: '/count', value: 2 }]);
  client.connect();
  const socket = await network.nextSocket();
  await authenticate(socket, { version: 3 });
  socket.reply(15, { from_version: 3, to_version: 3, changes: [] });
  const batch = await socket.next(16);
  const [first, second] = batch.payload.changes;
  assert.deepEqual([first.base_version, second.base_version], [3, 4]);
  // Another device wrote /x in between, so the first was rebased to 5 and the second met it.
  socket.reply(11, { version: 4, device_id: 'phone', mutation_id: 'p-4', ops: [{ op: 'add', path: '/x', value: 1 }] });
  socket.reply(17, { results: [
    { mutation_id: first.mutation_id, version: 5, outcome: 'rebased' },
    { mutation_id: second.mutation_id, base_version: 4, current_version: 5, reason: 'VERSION_CONFLICT',
      conflicts: [{ path: '/count', current_value: 1 }] }] });
  const again = await socket.next(10);
  assert.equal(again.payload.mutation_id, second.mutation_id);
  assert.equal(again.payload.base_version, 5);
  socket.reply(12, { mutation_id: second.mutation_id, version: 6, outcome: 'applied' });
  assert.deepEqual(client.state, { count: 2, x: 1 });
  await client.close();
});

test('a change that cannot apply on the server is rejected and leaves the queue', async () => {
  const { client, network } = await makeClient({ record: atVersion(1, { a: 1 }) });
  const outcome = client.change([{ op: 'remove', path: '/a' }]);
  client.connect();
  const socket = await network.nextSocket();
  await authenticate(socket, { version: 2 });
  socket.reply(15, { from_version: 1, to_version: 2, changes: [
    { version: 2, device_id: 'phone', mutation_id: 'p-2', ops: [{ op: 'remove', path: '/a' }] }] });
  const batch = await socket.next(16);
  socket.reply(17, { results: [{ mutation_id: batch.payload.changes[0].mutation_id, base_version: 1, code: 422,
    reason: 'INVALID_STATE', message: "Path '/a' does not exist" }] });
  const result = await outcome;
  assert.equal(result.status, 'rejected');
  assert.equal(result.error.reason, 'INVALID_STATE');
  assert.deepEqual(client.state, {});
  await client.close();
});

test('a new client on the same store sends the queue it finds, and only what the server has not got', async () => {
  const store = new MemoryStore();
  const first = await makeClient({ store, record: atVersion(2, { n: [] }) });
  first.client.change([{ op: 'add', path: '/n/-', value: 1 }]);
  first.client.change([{ op: 'add', path: '/n/-', value: 2 }]);
  const ids = first.client.queue.map((c) => c.mutationId);
  await first.client.close();

  const second = await makeClient({ store });
  assert.deepEqual(second.client.queue.map((c) => c.mutationId), ids, 'the queue survived');
  assert.deepEqual(second.client.state, { n: [1, 2] });
  second.client.connect();
  const socket = await second.network.nextSocket();
  await authenticate(socket, { version: 3 });
  // The first change reached the server before the page went away: the catch-up shows it.
  socket.reply(15, { from_version: 2, to_version: 3, changes: [
    { version: 3, device_id: 'laptop', mutation_id: ids[0], ops: [{ op: 'add', path: '/n/-', value: 1 }] }] });
  const batch = await socket.next(16);
  assert.deepEqual(batch.payload.changes.map((c) => c.mutation_id), [ids[1]]);
  socket.reply(17, { results: [{ mutation_id: ids[1], version: 4, outcome: 'applied' }] });
  assert.deepEqual(second.client.state, { n: [1, 2] });
  assert.equal(second.client.version, 4);
  await second.client.persisted();
  assert.deepEqual((await store.load('s-1/laptop')).pending, []);
  await second.client.close();
});

test('a reset snapshot on resume rebases the queue on the new state', async () => {
  const { client, network } = await makeClient({ record: atVersion(3, { a: 1 }) });
  client.change([{ op: 'add', path: '/mine', value: 'x' }]);
  client.connect();
  const socket = await network.nextSocket();
  await authenticate(socket, { version: 40 });
  socket.reply(4, { session_id: 's-1', state_data: { b: 2 }, created_at: null, version: 40, reset: true });
  assert.deepEqual(client.state, { b: 2, mine: 'x' });
  const batch = await socket.next(16);
  assert.equal(batch.payload.changes[0].base_version, 3, 'nothing is known of 4..40: the server decides');
  await client.close();
});

test('a fresh client asks for a snapshot', async () => {
  const { client, network } = await makeClient({ online: true });
  const socket = await network.nextSocket();
  const auth = await authenticate(socket, { version: 2 });
  assert.equal(auth.payload.last_version, undefined);
  await socket.next(3);
  socket.reply(4, { session_id: 's-1', state_data: { a: 1 }, created_at: null, version: 2 });
  assert.equal(client.status, 'online');
  assert.deepEqual(client.state, { a: 1 });
  await client.close();
});

test('an expired token makes the client ask the supplier again and reconnect', async () => {
  const { client, network, tokens } = await makeClient({ record: atVersion(0, {}), online: true });
  const socket = await network.nextSocket();
  socket.accept();
  await socket.next(7);
  socket.reply(9, { code: 401, reason: 'TOKEN_EXPIRED', message: 'expired' });
  const next = await network.nextSocket(1);
  next.accept();
  const auth = await next.next(7);
  assert.equal(auth.payload.token, 'token-2');
  assert.deepEqual(tokens.map((t) => t.reason), ['connect', 'expired']);
  await client.close();
});

test('a dropped link reconnects by itself and resumes from the last version', async () => {
  const { client, network } = await makeClient({ record: atVersion(0, {}), online: true });
  const socket = await network.nextSocket();
  await authenticate(socket, { version: 0 });
  socket.reply(15, { from_version: 0, to_version: 0, changes: [] });
  socket.reply(11, { version: 1, device_id: 'phone', mutation_id: 'p-1', ops: [{ op: 'add', path: '/a', value: 1 }] });
  socket.cut();
  assert.equal(client.status, 'offline');
  const next = await network.nextSocket(1);
  next.accept();
  const auth = await next.next(7);
  assert.equal(auth.payload.last_version, 1);
  await client.close();
});

test('offline on purpose stays offline until told otherwise', async () => {
  const { client, network } = await makeClient({ record: atVersion(0, {}), online: true });
  const socket = await network.nextSocket();
  await authenticate(socket, { version: 0 });
  client.disconnect();
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(network.sockets.length, 1);
  assert.equal(client.status, 'offline');
  client.connect();
  await network.nextSocket(1);
  await client.close();
});

test('a change that cannot apply throws and changes nothing', async () => {
  const { client } = await makeClient({ record: atVersion(0, { a: 1 }) });
  assert.throws(() => client.change([{ op: 'remove', path: '/missing' }]), (e) => e instanceof SyncBridgeError && e.reason === 'INVALID_STATE');
  assert.throws(() => client.change([{ op: 'move', path: '/a' }]), (e) => e.reason === 'INVALID_REQUEST');
  assert.throws(() => client.change([]), (e) => e.reason === 'INVALID_REQUEST');
  assert.deepEqual(client.state, { a: 1 });
  assert.deepEqual(client.queue, []);
  await client.close();
});

test('a full queue refuses more with a clear error', async () => {
  const { client } = await makeClient({ record: atVersion(0, {}), maxPending: 2 });
  client.set('/a', 1);
  client.set('/b', 2);
  assert.throws(() => client.set('/c', 3), (e) => e.reason === 'QUEUE_FULL');
  assert.deepEqual(client.state, { a: 1, b: 2 });
  await client.close();
});

test('handoff: a token on request, and HandoffStart / HandoffComplete update the active device', async () => {
  const { client, network } = await makeClient({ record: atVersion(1, { a: 1 }), online: true });
  const socket = await network.nextSocket();
  await authenticate(socket, { version: 1, activeDeviceId: 'phone' });
  socket.reply(15, { from_version: 1, to_version: 1, changes: [] });
  await until(() => client.status === 'online');
  const token = client.createHandoffToken({ ttlSeconds: 60 });
  const request = await socket.next(19);
  assert.equal(request.payload.ttl_seconds, 60);
  socket.reply(19, { handoff_token: 'h-1', expires_at: '2030-01-01T00:05:00Z' }, { correlation_id: request.correlation_id });
  assert.deepEqual(await token, { handoffToken: 'h-1', expiresAt: '2030-01-01T00:05:00Z' });

  const handoffs = [];
  client.on('handoff', (h) => handoffs.push(h));
  socket.reply(20, { handoff_id: 'x', from_device_id: 'phone', version: 1, state_data: { a: 1 } });
  socket.reply(21, { handoff_id: 'x', from_device_id: 'phone', to_device_id: 'laptop', latency_ms: 3 });
  assert.equal(client.activeDeviceId, 'laptop');
  assert.deepEqual(handoffs.map((h) => [h.kind, h.toDeviceId]), [['start', 'laptop'], ['complete', 'laptop']]);
  client.handOffTo('phone');
  assert.equal((await socket.next(18)).payload.target_device_id, 'phone');
  await client.close();
});

test('a server that lost changes this device saw (server_behind) gets back what the device holds', async () => {
  const { client, network } = await makeClient({ record: atVersion(5, { a: 1, b: 2 }) });
  client.change([{ op: 'add', path: '/c', value: 3 }]);
  const events = [];
  client.on('serverBehind', (event) => events.push(event));
  client.connect();
  const socket = await network.nextSocket();
  await authenticate(socket, { version: 3 });
  socket.reply(4, { session_id: 's-1', state_data: { a: 1, z: 0 }, created_at: null, version: 3, reset: true,
    reason: 'server_behind', server_version: 3 });
  const batch = await socket.next(16);
  const [restore, queued] = batch.payload.changes;
  assert.deepEqual(restore.ops, [{ op: 'add', path: '/b', value: 2 }, { op: 'remove', path: '/z' }]);
  assert.equal(restore.base_version, 3);
  assert.deepEqual(queued.ops, [{ op: 'add', path: '/c', value: 3 }]);
  assert.deepEqual(client.state, { a: 1, b: 2, c: 3 });
  assert.equal(events[0].heldVersion, 5);
  await client.close();
});
