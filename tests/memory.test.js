// Memory: every exit path frees the pipeline's WASM memory and its handles,
// and a long pipeline runs in flat memory.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import v8 from 'node:v8';
import vm from 'node:vm';
import * as L from '../lib/node.js';
import { E } from '../lib/engine.js';
import { liveHandles } from '../lib/values.js';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

/* Collect garbage until abandoned iterators' finalizers have run. */
async function settle() {
  for (let i = 0; i < 6; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const baseline = () => ({ bytes: E.lw_mem_used(), handles: liveHandles() });
// Compiled callbacks are cached by their text (lib/compile.js): the first run
// of a shape may add a program to that cache; memory is compared after it.

function* gen(n) { for (let i = 0; i < n; i++) yield { i }; }

const shapes = [
  () => L.range(0, 1000).map((x) => x * 2).filter((x) => x % 3 === 0),
  () => L.from(gen(50)).map((o) => o.i).chunk(4),
  () => L.of('a', 'b', 'c').cycle().window(3),
  () => L.count().zip(L.from(['x', 'y', 'z']).cycle()).enumerate(),
  () => L.from([1, 'a', {}, null]).tee(3)[1].unique().dedupe(),
  () => L.fibonacci().flatMap((x) => [x, String(x)]).scan((a, b) => a + b),
  () => L.random({ seed: 7 }).takeWhile((x) => x < 0.99).interleave(L.repeat('r')),
];

test('memory: 100,000 pipelines abandoned, broken out of, returned or finished leave nothing behind', async () => {
  shapes.forEach((shape) => shape().take(3).toArray());
  await settle();
  const before = baseline();
  for (let n = 0; n < 100_000; n++) {
    const seq = shapes[n % shapes.length]();
    const it = seq[Symbol.iterator]();
    const k = n % 5;
    for (let i = 0; i < k; i++) it.next();
    if (n % 4 === 0) it.return();                       // closed early
    else if (n % 4 === 1) for (const x of it) { if (x !== undefined) break; }   // broken out of
    else if (n % 4 === 2 && n % 7 === 0) seq.take(20).toArray();   // finished
    // else: abandoned, left to the FinalizationRegistry
  }
  await settle();
  assert.deepEqual(baseline(), before);
});

test('memory: failing pipelines in a row, then a correct one; WASM memory back to its baseline', async () => {
  await settle();
  const before = baseline();
  const boom = new Error('boom');
  for (let n = 0; n < 2000; n++) {
    const failing = [
      () => L.range(0, 1e6).map((x) => { if (x === n % 300) throw boom; return x; }).sum(),
      () => L.from(gen(100)).filter(() => { throw boom; }).toArray(),
      () => L.from({ next() { throw boom; } }).chunk(3).count(),
      () => L.of('a', 'b').sum(),
      () => L.range(0, 10).zip(L.from(function* () { yield 1; throw boom; })).toArray(),
      () => L.range(0, 1e4).flatMap(() => 7).toArray(),
      () => { for (const x of L.count().map(() => { throw boom; })) return x; },
    ][n % 7];
    assert.throws(failing);
  }
  let expected = 0;
  for (let x = 0; x < 1e6; x++) if ((x * 2) % 3 === 0) expected += x * 2;
  assert.equal(L.range(0, 1e6).map((x) => x * 2).filter((x) => x % 3 === 0).sum(), expected);
  await settle();
  assert.deepEqual(baseline(), before);
});

test('memory: a billion values through the core in flat WASM memory', () => {
  const bytes = E.memory.buffer.byteLength, used = E.lw_mem_used();
  let peak = 0;
  const n = 1e9;
  const count = L.range(0, n).take(n).drop(10).count();
  peak = Math.max(peak, E.lw_mem_used());
  assert.equal(count, n - 10);
  assert.equal(E.memory.buffer.byteLength, bytes, 'WASM memory did not grow');
  assert.ok(peak - used < 64 * 1024, 'the pipeline held a few KiB at most');
});

test('memory: ten million values through a JS callback and for…of keep the JS heap flat', async () => {
  await settle();
  const heapBefore = process.memoryUsage().heapUsed;
  let maxHeap = 0, sum = 0, i = 0;
  for (const x of L.range(0, 1e7).map((v) => v % 7)) {
    sum += x;
    if (++i % 1e6 === 0) maxHeap = Math.max(maxHeap, process.memoryUsage().heapUsed);
  }
  let expected = 0;
  for (let v = 0; v < 1e7; v++) expected += v % 7;
  assert.equal(sum, expected);
  assert.ok(maxHeap - heapBefore < 32 * 1024 * 1024, `heap grew by ${(maxHeap - heapBefore) >> 20} MiB`);
  assert.equal(liveHandles() < 100, true);
});

test('memory: an iterator holds no value it has handed out once it is done or returned, nor a batch it has moved past', async () => {
  // chunk(2) over range is read a whole batch at a time: the iterator holds
  // the arrays of a batch while it hands them out, and must let go of them.
  const cases = [
    { name: 'done', run: (it, refs) => { for (let r = it.next(); !r.done; r = it.next()) refs.push(new WeakRef(r.value)); } },
    { name: 'returned', run: (it, refs) => { for (let i = 0; i < 5; i++) refs.push(new WeakRef(it.next().value)); it.return(); } },
    { name: 'next batch', run: (it, refs) => {
      for (let i = 0; i < 5; i++) refs.push(new WeakRef(it.next().value));
      for (let i = 5; i < 300; i++) it.next();   // past the first batch of 256 pairs
    } },
  ];
  for (const { name, run } of cases) {
    const it = L.range(0, 1000).chunk(2)[Symbol.iterator]();
    const refs = [];
    run(it, refs);
    await settle();
    const kept = refs.filter((ref) => ref.deref() !== undefined).length;
    assert.equal(kept, 0, `${name}: ${kept} of ${refs.length} arrays still held by a live iterator`);
    assert.equal(typeof it.next, 'function');   // the iterator itself is alive to here
  }
});

test('memory: an iterator reuses the batch buffer of a finished one, never one still in use', () => {
  // Each iterator copies its batch out of WASM memory into a buffer of its
  // own, taken from those finished iterators gave back (lib/pipe.js).
  const values = (it, n) => Array.from({ length: n }, () => it.next().value);
  const a = L.range(0, 600).map((x) => x * 2)[Symbol.iterator]();
  assert.deepEqual(values(a, 3), [0, 2, 4]);                  // a holds a batch of 256
  const b = L.range(1000, 1010)[Symbol.iterator]();
  assert.deepEqual([...b], [1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009]);   // done: gives its buffer back
  const c = L.range(5000, 5600)[Symbol.iterator]();
  const d = L.range(7000, 7600)[Symbol.iterator]();
  assert.deepEqual(values(c, 2), [5000, 5001]);               // c (or d) took b's buffer
  assert.deepEqual(values(d, 2), [7000, 7001]);
  const e = L.range(9000, 9600)[Symbol.iterator]();
  assert.deepEqual(values(e, 1), [9000]);
  assert.equal(e.return().done, true);                        // returned: gives its buffer back
  assert.equal(e.next().done, true, 'a returned iterator hands out nothing of its old batch');
  const f = L.range(-600, 0)[Symbol.iterator]();
  assert.deepEqual(values(f, 1), [-600]);                     // f took e's buffer
  // Every iterator still reading sees its own values, past its first batch too.
  assert.deepEqual(values(a, 597), Array.from({ length: 597 }, (_, i) => 2 * (i + 3)));
  assert.deepEqual(values(c, 598), Array.from({ length: 598 }, (_, i) => 5002 + i));
  assert.deepEqual(values(d, 598), Array.from({ length: 598 }, (_, i) => 7002 + i));
  assert.deepEqual(values(f, 599), Array.from({ length: 599 }, (_, i) => -599 + i));
  for (const it of [a, c, d, f]) assert.equal(it.next().done, true);
  // iterators that run JS stages themselves (for…of's tail mode) hold their source's batch there too
  const k = 3, triple = (x) => x * k;
  const g = L.range(0, 600).map(triple)[Symbol.iterator]();
  assert.deepEqual(values(g, 2), [0, 3]);
  assert.deepEqual([...L.range(0, 5).map(triple)], [0, 3, 6, 9, 12]);   // done: gives its buffer back
  const h = L.range(1000, 1600).map(triple)[Symbol.iterator]();
  assert.deepEqual(values(h, 1), [3000]);
  assert.deepEqual(values(g, 598), Array.from({ length: 598 }, (_, i) => 3 * (i + 2)));
  assert.deepEqual(values(h, 599), Array.from({ length: 599 }, (_, i) => 3 * (1001 + i)));
  assert.equal(g.next().done && h.next().done, true);
});

test('memory: tee holds only the lag between its branches', () => {
  const [a, b] = L.range(0, 1e6).tee(2);
  const ia = a[Symbol.iterator](), ib = b[Symbol.iterator]();
  const used = E.lw_mem_used();
  for (let i = 0; i < 1000; i++) ia.next();
  const lagged = E.lw_mem_used() - used;
  assert.ok(lagged >= 1000 * 8, 'a thousand values are kept for the slow branch');
  for (let i = 0; i < 1000; i++) ib.next();
  for (let i = 0; i < 100_000; i++) { ia.next(); ib.next(); }
  assert.ok(E.lw_mem_used() - used <= lagged, 'lock-step branches keep nothing more');
  ia.return(); ib.return();
});
