// The operators async sequences share with Seq beyond map/filter/…: starmap,
// accumulate, batched, flatten, cycle, compress, toFloat64Array, and the ones
// over several async inputs (zip, zipLongest, concat, interleave, roundrobin).
// Each against a plain async-generator reference, with every input's reads
// and return() and the callbacks' calls logged in one log and compared; inputs
// that end at different times, that throw, a break, a throwing callback,
// failing return()s; byte streams mixed with values; memory freed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
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

// ------------------------------------------------------------------ memory

async function settle() {
  for (let i = 0; i < 12; i++) { gc(); await new Promise((resolve) => setTimeout(resolve, 20)); }
}

test('memory: the new async operators, finished, broken out of, failing or abandoned, leave no WASM memory or handles', async () => {
  const enc = new TextEncoder();
  const src = (n, fail = -1) => () => source('x', Array.from({ length: n }, (_, i) => [i, i + 1]), [], { failAt: fail });
  const shapes = [
    () => L.fromAsync(src(9)).starmap((a, b) => a + b).batched(2).accumulate((a, b) => [a, b], 0),
    () => L.fromAsync(src(9)).zip(src(5)(), [1, 2, 3, 4, 5, 6]),
    () => L.fromAsync(src(9)).zipLongest(src(3, 2)(), { fillValue: 0 }).flatten(2),
    () => L.fromAsync(src(4)).concat(src(4)(), src(4, 1)()).cycle().take(30),
    () => L.fromAsync(src(6)).interleave(L.fromAsync([enc.encode('1 2 3 4 5 6 7')]).numbers()).roundrobin(src(2)()),
    () => L.fromAsync(src(9)).compress(L.fromAsync(src(9)).map(([a]) => a % 2)),
  ];
  for (const shape of shapes) await shape().take(2).toArray();
  await settle();
  const before = { bytes: E.lw_mem_used(), handles: liveHandles() };
  async function runAll() {
    for (let n = 0; n < 360; n++) {
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
