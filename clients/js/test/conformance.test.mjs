// The shared conformance cases (clients/conformance/*.json) against the JS module: the domain's
// ConformanceCasesTest runs the same files, so both sides apply patches by the same rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { applyPatch, parsePointer, formatPointer, SyncBridgeError } from '../syncbridge.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'conformance');
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

test('finds the shared case files', () => assert.ok(files.length > 0));

/** Deep equality where object member order does not matter (as in the domain). */
function sameJson(a, b) {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameJson(a[k], b[k]));
  }
  return a === b;
}

for (const file of files) {
  const { pointers = [], cases = [] } = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  for (const c of pointers) {
    test(`${file}: pointer: ${c.name}`, () => {
      if (c.error) {
        assert.throws(() => parsePointer(c.pointer), (e) => e instanceof SyncBridgeError && e.reason === c.error);
      } else {
        assert.deepEqual(parsePointer(c.pointer), c.tokens);
        assert.equal(formatPointer(c.tokens), c.pointer);
      }
    });
  }
  for (const c of cases) {
    test(`${file}: ${c.name}`, () => {
      const before = JSON.stringify(c.state);
      if (c.error) {
        assert.throws(() => applyPatch(c.state, c.ops), (e) => e instanceof SyncBridgeError && e.reason === c.error);
      } else {
        const result = applyPatch(c.state, c.ops);
        assert.ok(sameJson(result, c.result), `got ${JSON.stringify(result)}, expected ${JSON.stringify(c.result)}`);
      }
      assert.equal(JSON.stringify(c.state), before, 'the given state is never modified');
      assert.equal(Object.getPrototypeOf({}).polluted, undefined, 'no prototype pollution');
    });
  }
}
