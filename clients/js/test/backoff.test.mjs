// Reconnection backoff with full jitter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelay, pathsOverlap, handoffUrl, readHandoffToken } from '../syncbridge.js';

test('full jitter: a delay between 0 and the doubling ceiling', () => {
  const options = { initialMs: 100, maxMs: 10_000 };
  assert.equal(backoffDelay(0, options, () => 0), 0);
  assert.equal(backoffDelay(0, options, () => 0.999), 99);
  assert.equal(backoffDelay(3, options, () => 0.5), 400);
  for (let attempt = 0; attempt < 12; attempt++) {
    const ceiling = Math.min(10_000, 100 * 2 ** attempt);
    for (let i = 0; i < 50; i++) {
      const delay = backoffDelay(attempt, options);
      assert.ok(delay >= 0 && delay < ceiling, `attempt ${attempt}: ${delay} < ${ceiling}`);
    }
  }
});

test('the ceiling stops at the maximum, however many attempts', () => {
  assert.equal(backoffDelay(1_000, { initialMs: 500, maxMs: 30_000 }, () => 0.999), 29_970);
});

test('delays are spread, not synchronised', () => {
  const delays = new Set(Array.from({ length: 100 }, () => backoffDelay(10, { initialMs: 500, maxMs: 30_000 })));
  assert.ok(delays.size > 50);
});

test('paths overlap as MERGE sees them: equal, ancestor or descendant', () => {
  assert.ok(pathsOverlap([['a']], [['a', 'b']]));
  assert.ok(pathsOverlap([['a', 'b']], [['a']]));
  assert.ok(!pathsOverlap([['a']], [['b']]));
  assert.ok(!pathsOverlap([['a', 'b']], [['a', 'c']]));
  assert.ok(pathsOverlap([[]], [['x']]), 'the root overlaps everything');
});

test('a handoff URL carries the token in its fragment', () => {
  const url = handoffUrl('https://sync.example/demo?x=1#old', 'a+b/c');
  assert.equal(url, 'https://sync.example/demo?x=1#handoff=a%2Bb%2Fc');
  assert.equal(readHandoffToken(url), 'a+b/c');
  assert.equal(readHandoffToken('https://sync.example/demo'), null);
});
