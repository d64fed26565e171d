// The operators async sequences share with Seq beyond map/filter/…: starmap,
// accumulate, batched, flatten, cycle, compress, toFloat64Array, and the ones
// over several async inputs (zip, zipLongest, concat, interleave, roundrobin).
// Each against a plain async-generator reference, with every input's reads
// and return() and the callbacks' calls logged in one log and compared; inputs
// that end at different times, that throw, a break, a throwing callback,
// failing return()s; byte streams mixed with values; memory freed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import v8 from 'node:v8';
import vm from 'node:vm';
import * as L from '../lib/node.js';
import { E } from '../lib/engine.js';
import { liveHandles } from '../lib/values.js';
import * as R from './reference.js';

const { assertSame, EDGE_VALUES, mulberry32 } = R;

// ------------------------------------------------------------------ the harness

/*
 * A logged async source named `name` over `values`: its reads and its
 * finally go to `log`. `failAt`: the read that rejects (counting from 0).
 */
function source(name, values, log, { failAt = -1 } = {}) {
  return (async function* () {
    try {
      for (let i = 0; i < values.length; i++) {
        log.push(`${name}.next`);
        await null;
        if (i === failAt) throw new Error(`${name} broke`);
        yield values[i];
      }
      log.push(`${name}.next`);
    } finally {
      log.push(`${name}.finally`);
    }
  }());
}

async function outcome(run) {
  try { return { value: await run() }; } catch (e) { return { error: e?.message ?? String(e) }; }
}

async function collect(it) { const out = []; for await (const x of it) out.push(x); return out; }

async function takeAndBreak(it, n) {
  const out = [];
  for await (const x of it) { out.push(x); if (out.length === n) break; }
  return out;
}

/*
 * Run `ours` and `ref` over fresh logged sources made by `inputs(log)` (an
 * array of sources): the same values (or error message) and the same log.
 */
async function check(name, ours, ref, inputs) {
  const log1 = [], log2 = [];
  const a = await outcome(() => ours(inputs(log1), log1));
  const b = await outcome(() => ref(inputs(log2), log2));
  assert.deepEqual(a.error, b.error, `${name}: error`);
  if (b.error === undefined) assertSame(a.value, b.value, `${name}: values`);
  assert.deepEqual(log1, log2, `${name}: reads, calls and return() in order`);
}

const spy = (log, f) => (...args) => { log.push(`f(${args.map(String).join(',')})`); return f(...args); };

// ------------------------------------------------------------------ references

/* Close the inputs not in `skip`, last first (TC39's IteratorCloseAll), each awaited; the first error wins. */
async function closeAll(its, skip, abrupt) {
  let failed = false, error;
  for (let i = its.length - 1; i >= 0; i--) {
    if (skip.has(i)) continue;
    try { await its[i].return?.(); } catch (e) { if (!failed) { failed = true; error = e; } }
  }
  if (failed && !abrupt) throw error;
}

/*
 * Run `body(read)` over several inputs, where read(i) is one next() of input
 * i (an input that ended or threw is never closed), closing the others in
 * its finally as a generator with awaits would.
 */
async function* several(its, body) {
  const skip = new Set();
  let threw = false;
  const read = async (i) => {
    let r;
    try { r = await its[i].next(); } catch (e) { skip.add(i); throw e; }
    if (r.done) skip.add(i);
    return r;
  };
  try {
    yield* body(read);
  } catch (e) {
    threw = true;
    throw e;
  } finally {
    // after a normal end or a return(), a failing return() rejects; after a throw it is dropped
    await closeAll(its, skip, threw);
  }
}

async function* aZip(its) {
  yield* several(its, async function* (read) {
    for (;;) {
      const row = [];
      for (let i = 0; i < its.length; i++) {
        const r = await read(i);
        if (r.done) return;
        row.push(r.value);
      }
      yield row;
    }
  });
}

async function* aZipLongest(its, fill) {
  const ended = its.map(() => false);
  yield* several(its, async function* (read) {
    for (;;) {
      const row = [];
      let any = false;
      for (let i = 0; i < its.length; i++) {
        if (ended[i]) { row.push(fill); continue; }
        const r = await read(i);
        if (r.done) { ended[i] = true; row.push(fill); } else { any = true; row.push(r.value); }
      }
      if (!any) return;
      yield row;
    }
  });
}

async function* aInterleave(its) {
  yield* several(its, async function* (read) {
    for (let i = 0; ; i = (i + 1) % its.length) {
      const r = await read(i);
      if (r.done) return;
      yield r.value;
    }
  });
}

async function* aRoundrobin(its) {
  const active = its.map((_, i) => i);
  yield* several(its, async function* (read) {
    let turn = 0;
    while (active.length > 0) {
      const r = await read(active[turn]);
      if (r.done) active.splice(turn, 1);
      else { yield r.value; turn++; }
      if (turn >= active.length) turn = 0;
    }
  });
}

async function* aCompress(data, selectors, invert = false) {
  const its = [data, selectors];
  yield* several(its, async function* (read) {
    for (;;) {
      const d = await read(0);
      if (d.done) return;
      const s = await read(1);
      if (s.done) return;
      if (Boolean(s.value) !== invert) yield d.value;
    }
  });
}

/* Iterator.concat: each input in turn; only the one being read is closed early. */
async function* aConcat(its) { for (const it of its) yield* it; }

async function* aStarmap(it, fn) { for await (const x of it) yield fn(...x); }
async function* aAccumulate(it, fn = (a, b) => a + b, ...init) {
  let has = init.length > 0, acc = init[0];
  if (has) yield acc;
  for await (const x of it) { acc = has ? fn(acc, x) : x; has = true; yield acc; }
}
async function* aBatched(it, n, strict = false) {
  let b = [];
  for await (const x of it) { b.push(x); if (b.length === n) { yield b; b = []; } }
  if (b.length && strict) throw new RangeError(`batched: the last batch has ${b.length} value${b.length === 1 ? '' : 's'}, fewer than ${n} (strict)`);
  if (b.length) yield b;
}
const flattenable = (v) => Object(v) === v && !(v instanceof String) && typeof v[Symbol.iterator] === 'function';
function* deeper(v, depth) { for (const x of v) { if (depth > 0 && flattenable(x)) yield* deeper(x, depth - 1); else yield x; } }
async function* aFlatten(it, depth = 1) { for await (const x of it) { if (flattenable(x)) yield* deeper(x, depth - 1); else yield x; } }
async function* aCycle(it) {
  const seen = [];
  for await (const x of it) { seen.push(x); yield x; }
  if (seen.length === 0) return;
  for (;;) yield* seen;
}
async function* aTake(it, n) { for await (const x of it) { yield x; if (--n === 0) return; } }

// ------------------------------------------------------------------ one input

const isNum = (x) => typeof x === 'number';
const INPUTS = {
  empty: [],
  one: [42],
  'edge values': EDGE_VALUES.filter((v) => typeof v !== 'symbol'),
  '300 numbers': Array.from({ length: 300 }, (_, i) => (i * 7) % 13 - 3),
};
const PAIRS = {
  empty: [], one: [[2, 3]], some: [[1, 2], [3, 4], [-0, 5], [NaN, 1], [Infinity, -1]],
  '200 pairs': Array.from({ length: 200 }, (_, i) => [i, i % 7]),
};
const NESTED = { empty: [], mixed: [[1, [2, [3]]], 'ab', 4, new Set([5, 6]), [], [[[]]], new String('s')] };

const ONE_INPUT = {
  starmap: [PAIRS, (s, log) => s.starmap(spy(log, (a, b) => a * b)), (it, log) => aStarmap(it, spy(log, (a, b) => a * b))],
  'accumulate (addition, compiled)': [INPUTS, (s) => s.accumulate(), (it) => aAccumulate(it)],
  'accumulate with fn and init': [INPUTS, (s, log) => s.accumulate(spy(log, (a, x) => `${a}|${String(x)}`), 'i'),
    (it, log) => aAccumulate(it, spy(log, (a, x) => `${a}|${String(x)}`), 'i')],
  'batched(3)': [INPUTS, (s) => s.batched(3), (it) => aBatched(it, 3)],
  'batched(1)': [INPUTS, (s) => s.batched(1), (it) => aBatched(it, 1)],
  'batched(4, strict)': [INPUTS, (s) => s.batched(4, { strict: true }), (it) => aBatched(it, 4, true)],
  flatten: [NESTED, (s) => s.flatten(), (it) => aFlatten(it)],
  'flatten(Infinity)': [NESTED, (s) => s.flatten(Infinity), (it) => aFlatten(it, Infinity)],
  'cycle().take(7)': [INPUTS, (s) => s.cycle().take(7), (it) => aTake(aCycle(it), 7)],
  'cycle().take(1)': [INPUTS, (s) => s.cycle().take(1), (it) => aTake(aCycle(it), 1)],
  'compress(sync selectors)': [INPUTS, (s) => s.compress([1, 0, 1, 1, 0, 'x', '', null, {}]),
    (it) => aCompress(it, (async function* () { yield* [1, 0, 1, 1, 0, 'x', '', null, {}]; }()))],
};

for (const [op, [inputs, ours, ref]] of Object.entries(ONE_INPUT)) {
  test(`async ${op}: values, reads, calls and closing as an async generator's`, async () => {
    for (const [inputName, input] of Object.entries(inputs)) {
      const one = (opts) => (log) => [source('s', input, log, opts)];
      await check(`${op} on ${inputName}`, ([s], log) => ours(L.fromAsync(s), log).toArray(), ([s], log) => collect(ref(s, log)), one());
      await check(`${op} on ${inputName} (break after 2)`, ([s], log) => takeAndBreak(ours(L.fromAsync(s), log), 2),
        ([s], log) => takeAndBreak(ref(s, log), 2), one());
      await check(`${op} on ${inputName} (source throws)`, ([s], log) => ours(L.fromAsync(s), log).toArray(),
        ([s], log) => collect(ref(s, log)), one({ failAt: 2 }));
    }
  });
}

test('async one-input operators: argument errors at the call, worded as Seq\'s', () => {
  const s = L.fromAsync([1, 2]);
  assert.throws(() => s.starmap(1), { name: 'TypeError', message: 'starmap: 1 is not a function' });
  assert.throws(() => s.accumulate('x'), TypeError);
  assert.throws(() => s.batched(0), RangeError);
  assert.throws(() => s.batched(2, 5), TypeError);
  assert.throws(() => s.flatten(-1), RangeError);
  assert.throws(() => s.flatten('1'), TypeError);
});

test('async cycle: an empty source ends; values are kept once and replayed without reading again', async () => {
  assert.deepEqual(await L.fromAsync([]).cycle().toArray(), []);
  const log = [];
  assert.deepEqual(await L.fromAsync(source('s', [1, 2], log)).cycle().take(5).toArray(), [1, 2, 1, 2, 1]);
  assert.deepEqual(log, ['s.next', 's.next', 's.next', 's.finally']);
});

test('async toFloat64Array: the numbers bit for bit; a non-number is the TypeError of Seq\'s, closing the source', async () => {
  const nums = [0, -0, 1.5, NaN, Infinity, -Infinity, 2 ** 53, -1e-300];
  const got = await L.fromAsync(nums).toFloat64Array();
  assert.ok(got instanceof Float64Array);
  assertSame([...got], [...L.from(nums).toFloat64Array()]);
  assert.deepEqual([...await L.fromAsync([]).toFloat64Array()], []);
  const log = [];
  const syncError = (() => { try { L.from([1, 'a']).toFloat64Array(); } catch (e) { return e; } })();
  await assert.rejects(L.fromAsync(source('s', [1, 'a', 3], log)).toFloat64Array(), { name: 'TypeError', message: syncError.message });
  assert.deepEqual(log, ['s.next', 's.next', 's.finally']);
  await assert.rejects(L.fromAsync([1n]).toFloat64Array(), TypeError);
  const enc = new TextEncoder();
  assert.deepEqual([...await L.fromAsync([enc.encode('1 2.5\n-3')]).numbers().toFloat64Array()], [1, 2.5, -3]);
});

// ------------------------------------------------------------------ several inputs

/* Input lengths that end before, with and after each other. */
const SHAPES = [[0, 0], [0, 3], [3, 0], [1, 1], [3, 5], [5, 3], [4, 4, 4], [2, 6, 1], [40, 37]];
const valuesOf = (len, k) => Array.from({ length: len }, (_, i) => (k + 1) * 100 + i);
const names = ['a', 'b', 'c', 'd'];

const SEVERAL = {
  zip: [(first, rest) => first.zip(...rest), (its) => aZip(its)],
  zipLongest: [(first, rest) => first.zipLongest(...rest, { fillValue: 'fill' }), (its) => aZipLongest(its, 'fill')],
  'zipLongest (no options)': [(first, rest) => first.zipLongest(...rest), (its) => aZipLongest(its, undefined)],
  concat: [(first, rest) => first.concat(...rest), (its) => aConcat(its)],
  interleave: [(first, rest) => first.interleave(...rest), (its) => aInterleave(its)],
  roundrobin: [(first, rest) => first.roundrobin(...rest), (its) => aRoundrobin(its)],
};

for (const [op, [ours, ref]] of Object.entries(SEVERAL)) {
  test(`async ${op} over several async inputs: every input's reads and return() in the reference's order`, async () => {
    for (const shape of SHAPES) {
      for (const failAt of [-1, 0, 2]) {
        for (const failing of failAt < 0 ? [0] : shape.map((_, k) => k)) {
          const inputs = (log) => shape.map((len, k) => source(names[k], valuesOf(len, k), log, { failAt: k === failing ? failAt : -1 }));
          const label = `${op} [${shape}]${failAt >= 0 ? ` (${names[failing]} throws at read ${failAt})` : ''}`;
          const run = (its) => ours(L.fromAsync(its[0]), its.slice(1));
          await check(label, (its) => run(its).toArray(), (its) => collect(ref(its)), inputs);
          await check(`${label}, break after 3`, (its) => takeAndBreak(run(its), 3), (its) => takeAndBreak(ref(its), 3), inputs);
          await check(`${label}, take(2)`, (its) => run(its).take(2).toArray(), (its) => collect(aTake(ref(its), 2)), inputs);
        }
      }
    }
  });
}

test('async compress over async selectors: a value is read, then its selector; either ending closes the other', async () => {
  const cases = [[[], []], [[1, 2, 3], []], [[], [1, 1]], [[1, 2, 3, 4, 5], [1, 0, 1]], [[1, 2], [0, 1, 1, 1]],
    [Array.from({ length: 50 }, (_, i) => i), Array.from({ length: 60 }, (_, i) => i % 3)]];
  for (const [data, sel] of cases) {
    for (const fail of [null, ['d', 1], ['s', 1]]) {
      const inputs = (log) => [source('d', data, log, { failAt: fail?.[0] === 'd' ? fail[1] : -1 }),
        source('s', sel, log, { failAt: fail?.[0] === 's' ? fail[1] : -1 })];
      const label = `compress ${JSON.stringify([data.length, sel.length, fail])}`;
      await check(label, ([d, s]) => L.fromAsync(d).compress(L.fromAsync(s)).toArray(), ([d, s]) => collect(aCompress(d, s)), inputs);
      await check(`${label} (raw async iterable)`, ([d, s]) => L.fromAsync(d).compress(s).toArray(), ([d, s]) => collect(aCompress(d, s)), inputs);
      await check(`${label}, break after 1`, ([d, s]) => takeAndBreak(L.fromAsync(d).compress(s), 1),
        ([d, s]) => takeAndBreak(aCompress(d, s), 1), inputs);
    }
  }
});

test('async zip and friends: other inputs may be arrays (values awaited), Seqs, async iterables or AsyncSeqs with stages', async () => {
  const log = [];
  const a = L.fromAsync(source('a', [1, 2, 3, 4], log)).map(spy(log, (x) => x * 10));
  const rows = await a.zip([Promise.resolve('x'), 'y', 'z'], L.range(0, 100), L.fromAsync(source('b', [7, 8, 9], log)).filter((x) => x !== 8)).toArray();
  assert.deepEqual(rows, [[10, 'x', 0, 7], [20, 'y', 1, 9]]);
  // the third row reads b's end (b's own finally); then the others are closed, last first
  assert.deepEqual(log, ['a.next', 'f(1,0)', 'b.next', 'a.next', 'f(2,1)', 'b.next', 'b.next', 'a.next', 'f(3,2)', 'b.next', 'b.finally', 'a.finally']);
  assert.deepEqual(await L.fromAsync([1, 2]).concat([3], L.of(4), L.fromAsync(async function* () { yield 5; })).toArray(), [1, 2, 3, 4, 5]);
  assert.deepEqual(await L.fromAsync([1, 2]).interleave(L.range(10, 20)).toArray(), [1, 10, 2, 11]);
  assert.deepEqual(await L.fromAsync([1, 2]).zipLongest().toArray(), [[1], [2]]);
  assert.deepEqual(await L.fromAsync([1, 2]).zip().toArray(), [[1], [2]]);
  // a one-shot input read by a second run is the TypeError of fromAsync
  const once = source('o', [1], []);
  const z = L.fromAsync([1, 2]).zip(once);
  assert.deepEqual(await z.toArray(), [[1, 1]]);
  await assert.rejects(z.toArray(), TypeError);
});

test('async several-input operators over byte streams: lines and numbers fed one chunk at a time, exactly the chunk asked for', async () => {
  const enc = new TextEncoder();
  const chunks = (name, parts, log) => (async function* () {
    for (const p of parts) { log.push(`${name}.chunk`); yield enc.encode(p); }
    log.push(`${name}.end`);
  });
  const log = [];
  const lines = L.fromAsync(chunks('L', ['a\nb', '\nc\n', 'd'], log)).lines();
  const nums = L.fromAsync(chunks('N', ['1 2', '0 3', ' 4 5 6'], log)).numbers();
  assert.deepEqual(await lines.zip(nums).toArray(), [['a', 1], ['b', 20], ['c', 3], ['d', 4]]);
  // each chunk is read when a value is needed and none is left (numbers: a token may go on in the next chunk)
  assert.deepEqual(log, ['L.chunk', 'N.chunk', 'L.chunk', 'N.chunk', 'N.chunk', 'L.chunk', 'L.end']);
  const rand = mulberry32(6);
  for (let t = 0; t < 30; t++) {
    const text = Array.from({ length: 1 + Math.floor(rand() * 40) }, () => String(Math.floor(rand() * 1000))).join(rand() < 0.5 ? ' ' : '\n');
    const cut = (s) => { const out = []; let at = 0; while (at < s.length) { const n = 1 + Math.floor(rand() * 7); out.push(s.slice(at, at + n)); at += n; } return out; };
    const want = text.split(/\s+/).map(Number);
    const l = L.fromAsync(chunks('L', cut(text), [])).numbers();
    const r = L.fromAsync(want.map((x) => x * 2));
    assert.deepEqual(await l.zip(r).toArray(), want.map((x) => [x, x * 2]));
    assert.deepEqual(await L.fromAsync(chunks('L', cut(text), [])).numbers().interleave(L.fromAsync(chunks('M', cut(text), [])).numbers()).toArray(),
      want.flatMap((x) => [x, x]));
    assert.deepEqual(await L.fromAsync(chunks('L', cut(text), [])).numbers().compress(L.fromAsync(chunks('M', cut(text), [])).numbers().map((x) => x % 2)).toArray(),
      want.filter((x) => x % 2));
  }
});

test('async several-input operators: a callback that throws closes every input, each awaited in turn, last first', async () => {
  const log = [];
  const boom = new Error('boom');
  const run = L.fromAsync(source('a', [1, 2, 3], log)).zip(source('b', [4, 5, 6], log), source('c', [7, 8], log))
    .map(([x]) => { if (x === 2) throw boom; return x; });
  await assert.rejects(run.toArray(), (e) => e === boom);
  assert.deepEqual(log, ['a.next', 'b.next', 'c.next', 'a.next', 'b.next', 'c.next', 'c.finally', 'b.finally', 'a.finally']);
});

test('async several-input operators: a stage that throws in an input closes its own source first, then the other inputs, as TC39', async () => {
  const boom = new Error('boom');
  const throwing = (x) => { if (x === 2) throw boom; return x; };
  for (const op of ['zip', 'interleave']) {
    const log = [];
    const run = L.fromAsync(source('a', [1, 2, 3], log)).map(throwing)[op](source('b', [4, 5, 6], log), source('c', [7, 8], log));
    await assert.rejects(run.toArray(), (e) => e === boom);
    assert.deepEqual(log, ['a.next', 'b.next', 'c.next', 'a.next', 'a.finally', 'c.finally', 'b.finally'], op);
  }
});

test('async several-input operators: return() calls in turn, each after the one before settled; a failing one rejects after all ran', async () => {
  const events = [];
  const make = (name, fails) => ({
    [Symbol.asyncIterator]() { return this; },
    async next() { events.push(`${name}.next`); return { value: name, done: false }; },
    async return() {
      events.push(`${name}.return`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      events.push(`${name}.returned`);
      if (fails) throw new Error(`${name} return failed`);
      return { done: true };
    },
  });
  await assert.rejects(L.fromAsync(make('a', false)).zip(make('b', true), make('c', false)).take(1).toArray(), { message: 'b return failed' });
  assert.deepEqual(events, ['a.next', 'b.next', 'c.next', 'c.return', 'c.returned', 'b.return', 'b.returned', 'a.return', 'a.returned']);
  // after another error the return() errors are dropped (that error wins)
  const first = new Error('first');
  await assert.rejects(L.fromAsync(make('a', true)).zip(make('b', true)).map(() => { throw first; }).toArray(), (e) => e === first);
  // for await's break: the iterator's return() rejects with the first failure
  events.length = 0;
  await assert.rejects((async () => { for await (const _ of L.fromAsync(make('a', true)).interleave(make('b', true))) break; })(), { message: 'b return failed' }); // eslint-disable-line no-unused-vars
  assert.deepEqual(events, ['a.next', 'b.return', 'b.returned', 'a.return', 'a.returned']);
});

test('async several-input operators: argument errors at the call', () => {
  const s = L.fromAsync([1]);
  for (const m of ['zip', 'concat', 'interleave', 'roundrobin', 'zipLongest']) {
    assert.throws(() => s[m](42), { name: 'TypeError', message: `${m}: 42 is not an async iterable, an iterable or a stream` });
    assert.throws(() => s[m]([1], null), TypeError);
  }
  assert.throws(() => s.compress(undefined), TypeError);
});

// ------------------------------------------------------------------ tee, partition, groupBy

/* An async tee reference (Python's tee, as an async generator per branch): the source is closed once every branch is. */
function aTee(it, n) {
  const bufs = Array.from({ length: n }, () => []);
  const open = new Array(n).fill(true);
  let ended = false;
  return bufs.map((buf, i) => (async function* () {
    try {
      for (;;) {
        if (buf.length > 0) { yield buf.shift(); continue; }
        if (ended) return;
        let r;
        try { r = await it.next(); } catch (e) { ended = true; throw e; }
        if (r.done) { ended = true; return; }
        for (let j = 0; j < n; j++) if (j !== i && open[j]) bufs[j].push(r.value);
        yield r.value;
      }
    } finally {
      open[i] = false;
      if (!open.some(Boolean) && !ended) { ended = true; await it.return?.(); }
    }
  }()));
}

/* Ways to read the branches one after another: each step is [branch, how many next() calls] or [branch, 'return']. */
const TEE_PLANS = {
  'first then second': [[0, 99], [1, 99]],
  'alternating': [[0, 1], [1, 1], [0, 1], [1, 2], [0, 3], [1, 99], [0, 99]],
  'second breaks, first reads on': [[1, 2], [1, 'return'], [0, 99]],
  'both break': [[0, 3], [0, 'return'], [1, 1], [1, 'return']],
  'three branches': [[2, 2], [0, 1], [1, 'return'], [2, 'return'], [0, 99]],
};

async function followPlan(branches, plan, log) {
  const its = branches.map((b) => b[Symbol.asyncIterator]());
  for (const [i, how] of plan) {
    if (how === 'return') { await its[i].return(); log.push(`${i}: return`); continue; }
    for (let k = 0; k < how; k++) {
      const r = await its[i].next();
      log.push(`${i}: ${r.done ? 'done' : String(r.value)}`);
      if (r.done) break;
    }
  }
}

test('async tee: branches read one after another see every value; reads and the one close as a reference tee', async () => {
  for (const [planName, plan] of Object.entries(TEE_PLANS)) {
    const n = Math.max(...plan.map(([i]) => i)) + 1;
    for (const [inputName, input] of Object.entries({ empty: [], one: [7], some: [1, NaN, -0, 'x', null, 6], long: valuesOf(40, 0) })) {
      for (const failAt of [-1, 2]) {
        const one = (log) => [source('s', input, log, { failAt })];
        await check(`tee ${planName} on ${inputName}${failAt >= 0 ? ' (source throws)' : ''}`,
          ([src], log) => followPlan(L.fromAsync(src).tee(n), plan, log),
          ([src], log) => followPlan(aTee(src, n), plan, log), one);
      }
    }
  }
});

test('async tee: branches run at once share each read; tee(0), tee(1), a branch run twice, stages on branches', async () => {
  const log = [];
  const [a, b, c] = L.fromAsync(source('s', [1, 2, 3, 4, 5], log)).tee(3);
  const [ra, rb, rc] = await Promise.all([a.toArray(), b.map((x) => x * 10).take(2).toArray(), c.zip(['x', 'y']).toArray()]);
  assert.deepEqual([ra, rb, rc], [[1, 2, 3, 4, 5], [10, 20], [[1, 'x'], [2, 'y']]]);
  assert.deepEqual(log, ['s.next', 's.next', 's.next', 's.next', 's.next', 's.next', 's.finally'], 'each value read once');
  assert.deepEqual(L.fromAsync([1]).tee(0), []);
  const [only] = L.fromAsync([1, 2]).tee(1);
  assert.deepEqual(await only.toArray(), [1, 2]);
  await assert.rejects(only.toArray(), { name: 'TypeError', message: 'tee: each branch can be iterated only once' });
  assert.throws(() => L.fromAsync([1]).tee(-1), RangeError);
  assert.throws(() => L.fromAsync([1]).tee('2'), TypeError);
  // a branch zipped with another branch of the same tee: one pipeline, one read per value
  const log2 = [];
  const [x, y] = L.fromAsync(source('s', [1, 2, 3], log2)).tee();
  assert.deepEqual(await x.zip(y.drop(1)).toArray(), [[1, 2], [2, 3]]);
  assert.deepEqual(log2, ['s.next', 's.next', 's.next', 's.next', 's.finally']);
  // a source that rejects while two branches wait: the branch whose read it was rejects, the other ends
  const boom = new Error('boom');
  const [p, q] = L.fromAsync(async function* () { yield 1; await null; throw boom; }).tee();
  const results = await Promise.allSettled([p.toArray(), q.toArray()]);
  assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
  assert.equal(results.find((r) => r.status === 'rejected').reason, boom);
  assert.deepEqual(results.find((r) => r.status === 'fulfilled').value, [1]);
  assert.equal(L.fromAsync([1]).map((v) => v).tee()[1].explain(), 'fromAsync\nmap: compiled, runs in WASM\ntee[1]');
  // an input of zip read through fromAsync is shown as that, not as the method that read it
  assert.equal(L.fromAsync([1]).zip([2]).map(([a, b]) => a + b).explain(),
    "zip\n  fromAsync\n  fromAsync\nmap: compiled, runs in WASM on the rows' values (no arrays made)");
});

test('async partition: the sync partition\'s values, reads and predicate calls, whichever branch is read first', async () => {
  const inputs = { empty: [], one: [3], mixed: [1, 2, 3, 4, 5, 6, 7, 0, -0, NaN], long: valuesOf(60, 0) };
  const pred = (log) => (x, i) => { log.push(`p(${String(x)},${i})`); return typeof x === 'number' && x % 3 === 1; };
  for (const [inputName, input] of Object.entries(inputs)) {
    for (const plan of [[[0, 99], [1, 99]], [[1, 2], [1, 'return'], [0, 3]], [[0, 1], [1, 1], [0, 99], [1, 99]]]) {
      const asyncLog = [], syncLog = [];
      await followPlan(L.fromAsync(source('s', input, asyncLog)).partition(pred(asyncLog)), plan, asyncLog);
      // the sync partition over a logged iterator: its reads logged the same way
      const it = (function* () { try { for (const v of input) { syncLog.push('s.next'); yield v; } syncLog.push('s.next'); } finally { syncLog.push('s.finally'); } }());
      const [f, t] = L.from(it).partition(pred(syncLog));
      const syncBranches = [f, t].map((b) => ({ [Symbol.asyncIterator]() { const i = b[Symbol.iterator](); return { next: async () => i.next(), return: async () => i.return() }; } }));
      await followPlan(syncBranches, plan, syncLog);
      assert.deepEqual(asyncLog, syncLog, `partition on ${inputName}, plan ${JSON.stringify(plan)}`);
    }
  }
  assert.throws(() => L.fromAsync([1]).partition(), { name: 'TypeError', message: 'partition: undefined is not a function' });
  const [evens, odds] = L.fromAsync(async function* () { for (let i = 1; i <= 6; i++) yield i; }).partition((x) => x % 2);
  assert.deepEqual(await Promise.all([evens.toArray(), odds.toArray()]), [[2, 4, 6], [1, 3, 5]]);
});

/* Ways to read groupBy: for each pair, how much of its group to read (a number, 'all', or 0 to skip it). */
const GROUP_PLANS = { 'all of each': 'all', 'skip groups': 0, 'one of each': 1 };

async function readGroups(pairs, take, log) {
  for await (const [key, group] of pairs) {
    const got = [];
    if (take !== 0) {
      for await (const v of group) { got.push(v); if (take !== 'all' && got.length === take) break; }
    }
    log.push(`${String(key)}: ${got.map(String).join(',')}`);
  }
}

test('async groupBy: the sync groupBy\'s groups, reads and key calls, for every way of reading the groups', async () => {
  const inputs = {
    empty: [], one: [1], runs: [1, 1, 2, 3, 3, 3, 1, 1], 'NaN and -0': [NaN, NaN, 0, -0, 0, 'a', 'a'],
    long: Array.from({ length: 80 }, (_, i) => Math.floor(i / 7) % 3),
  };
  for (const [inputName, input] of Object.entries(inputs)) {
    for (const [planName, take] of Object.entries(GROUP_PLANS)) {
      for (const withKey of [false, true]) {
        const asyncLog = [], syncLog = [];
        const key = (log) => (x, i) => { log.push(`k(${String(x)},${i})`); return typeof x === 'number' ? Math.sign(x) : x; };
        await readGroups(L.fromAsync(source('s', input, asyncLog)).groupBy(withKey ? key(asyncLog) : undefined), take, asyncLog);
        const it = (function* () { try { for (const v of input) { syncLog.push('s.next'); yield v; } syncLog.push('s.next'); } finally { syncLog.push('s.finally'); } }());
        await readGroups(L.from(it).groupBy(withKey ? key(syncLog) : undefined), take, syncLog);
        assert.deepEqual(asyncLog, syncLog, `groupBy on ${inputName}, ${planName}${withKey ? ', with a key function' : ''}`);
      }
    }
  }
});

test('async groupBy: a group after the outer moved on is empty; steps made at once never mix; errors; promises are values', async () => {
  const pairs = await L.fromAsync([1, 1, 2]).groupBy().toArray();
  assert.deepEqual(await pairs[0][1].toArray(), []);   // the outer iterator has moved on
  assert.deepEqual(await pairs[1][1].toArray(), []);   // and read past the end
  const it = L.fromAsync([1, 1, 2, 2]).groupBy()[Symbol.asyncIterator]();
  const first = await it.next();
  const g = first.value[1][Symbol.asyncIterator]();
  // not awaited in between: the group's read and the outer's step run one after the other, never mixed
  const [v1, second] = await Promise.all([g.next(), it.next()]);
  assert.deepEqual([v1.value, second.value[0]], [1, 2]);
  assert.deepEqual(await g.next(), { value: undefined, done: true });   // the outer moved on
  await it.return();
  const boom = new Error('key');
  const log = [];
  await assert.rejects(L.fromAsync(source('s', [1, 2, 3], log)).groupBy((x) => { if (x === 2) throw boom; return x; }).toArray(), (e) => e === boom);
  assert.deepEqual(log, ['s.next', 's.next', 's.finally']);
  assert.throws(() => L.fromAsync([1]).groupBy(1), { name: 'TypeError', message: 'groupBy: 1 is not a function' });
  // a value that is a promise is handed over as it is, never awaited
  const p = Promise.resolve(5);
  const promises = { [Symbol.asyncIterator]() { let i = 0; return { next: async () => (i++ < 2 ? { value: p, done: false } : { value: undefined, done: true }) }; } };
  const values = [];
  for await (const [, group] of L.fromAsync(promises).groupBy(() => 0)) for await (const v of group) values.push(v);
  assert.equal(values.length, 2);
  assert.ok(values.every((v) => v === p));
  // a re-runnable source: each run of groupBy is a fresh one
  const again = L.fromAsync(() => source('t', ['a', 'a', 'b'], [])).groupBy();
  assert.deepEqual((await again.toArray()).map(([k]) => k), ['a', 'b']);
  assert.deepEqual((await again.toArray()).map(([k]) => k), ['a', 'b']);
});

// ------------------------------------------------------------------ memory

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

async function settle() {
  for (let i = 0; i < 12; i++) { gc(); await new Promise((resolve) => setTimeout(resolve, 20)); }
}

test('memory: the new async operators (tee, partition and groupBy too), finished, broken out of, failing or abandoned, leave no WASM memory or handles', async () => {
  const enc = new TextEncoder();
  const src = (n, fail = -1) => () => source('x', Array.from({ length: n }, (_, i) => [i, i + 1]), [], { failAt: fail });
  const shapes = [
    () => L.fromAsync(src(9)).starmap((a, b) => a + b).batched(2).accumulate((a, b) => [a, b], 0),
    () => L.fromAsync(src(9)).zip(src(5)(), [1, 2, 3, 4, 5, 6]),
    () => L.fromAsync(src(9)).zipLongest(src(3, 2)(), { fillValue: 0 }).flatten(2),
    () => L.fromAsync(src(4)).concat(src(4)(), src(4, 1)()).cycle().take(30),
    () => L.fromAsync(src(6)).interleave(L.fromAsync([enc.encode('1 2 3 4 5 6 7')]).numbers()).roundrobin(src(2)()),
    () => L.fromAsync(src(9)).compress(L.fromAsync(src(9)).map(([a]) => a % 2)),
    () => { const [a, b] = L.fromAsync(src(9)).tee(); return a.zip(b.drop(1)); },
    () => { const [f, t] = L.fromAsync(src(9, 6)).partition(([a]) => a % 2); return t.interleave(f); },
    () => L.fromAsync(src(30)).map(([a]) => Math.floor(a / 4)).groupBy().map(([k]) => k),
  ];
  for (const shape of shapes) await shape().take(2).toArray();
  await settle();
  const before = { bytes: E.lw_mem_used(), handles: liveHandles() };
  async function runAll() {
    for (let n = 0; n < 450; n++) {
      const seq = shapes[n % shapes.length]();
      const k = Math.floor(n / shapes.length) % 4;
      try {
        if (k === 0) await seq.toArray();
        else if (k === 1) { for await (const x of seq) if (x !== undefined) break; }
        else if (k === 2) await seq.map(() => { throw new Error('cb'); }).count();
        else { const it = seq[Symbol.asyncIterator](); await it.next(); await it.next(); }   // abandoned mid-row
      } catch { /* failing shapes fail */ }
    }
  }
  await runAll();
  await settle();
  assert.deepEqual({ bytes: E.lw_mem_used(), handles: liveHandles() }, before);
});
