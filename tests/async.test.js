// Async sequences (lib/async.js, lib/feeds.js, csrc/bytes.c): each operator and
// sink against a plain async-generator reference, with the source's reads,
// the callbacks' calls and return() logged and compared; sources that throw,
// end early or are cancelled; byte streams split anywhere (inside UTF-8
// characters, between \r and \n), empty, without a final newline, with huge
// lines; numbers() against Number(); Node and WHATWG streams; memory freed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { createReadStream, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import * as L from '../lib/node.js';
import { E } from '../lib/engine.js';
import { liveHandles } from '../lib/values.js';
import * as R from './reference.js';

const { assertSame, EDGE_VALUES, mulberry32 } = R;

// ------------------------------------------------------------------ references

async function* aMap(it, fn) { let i = 0; for await (const x of it) yield fn(x, i++); }
async function* aFilter(it, fn) { let i = 0; for await (const x of it) if (fn(x, i++)) yield x; }
async function* aTakeWhile(it, fn) { let i = 0; for await (const x of it) { if (!fn(x, i++)) return; yield x; } }
async function* aDropWhile(it, fn) {
  let i = 0, dropping = true;
  for await (const x of it) { if (dropping && fn(x, i++)) continue; dropping = false; yield x; }
}
async function* aFlatMap(it, fn) { let i = 0; for await (const x of it) yield* fn(x, i++); }
async function* aScan(it, fn, ...init) {
  let i = 0, has = init.length > 0, acc = init[0];
  for await (const x of it) {
    if (!has) { acc = x; has = true; i++; yield acc; continue; }
    acc = fn(acc, x, i++);
    yield acc;
  }
}
async function* aTake(it, n) {
  if (n === 0) { await it.return?.(); return; }
  for await (const x of it) { yield x; if (--n === 0) return; }
}
async function* aDrop(it, n) { for await (const x of it) { if (n > 0) { n--; continue; } yield x; } }
/* islice read as lazily as take (tests/reference.js refSlice): nothing past the last value yielded. */
async function* aSlice(it, start, stop, step) {
  if (stop <= start) { await it.return?.(); return; }
  const last = start + Math.floor((stop - 1 - start) / step) * step;
  let i = 0;
  for await (const x of it) {
    if (i >= start && (i - start) % step === 0) yield x;
    if (i++ >= last) return;
  }
}
async function* aEnumerate(it, start = 0) { let i = start; for await (const x of it) yield [i++, x]; }
async function* aChunk(it, n) {
  let c = [];
  for await (const x of it) { c.push(x); if (c.length === n) { yield c; c = []; } }
  if (c.length) yield c;
}
async function* aWindow(it, n) {
  const w = [];
  for await (const x of it) { w.push(x); if (w.length > n) w.shift(); if (w.length === n) yield [...w]; }
}
async function* aDedupe(it) {
  let has = false, last;
  for await (const x of it) { if (has && R.sameValueZero(last, x)) continue; has = true; last = x; yield x; }
}
async function* aUnique(it) { const seen = new Set(); for await (const x of it) if (!seen.has(x)) { seen.add(x); yield x; } }

async function collect(it) { const out = []; for await (const x of it) out.push(x); return out; }

/*
 * A logged async source over `values`: its reads and return() go to `log`.
 * `failAt`: the read that rejects (counting from 0).
 */
function source(values, log, { failAt = -1 } = {}) {
  return (async function* () {
    try {
      for (let i = 0; i < values.length; i++) {
        log.push(`next`);
        await null;
        if (i === failAt) throw new Error('source broke');
        yield values[i];
      }
      log.push('next');
    } finally {
      log.push('finally');
    }
  }());
}

/* What an async run gives: its value or the message of its error, and the log. */
async function outcome(run) {
  try { return { value: await run() }; } catch (e) { return { error: e?.message ?? String(e) }; }
}

async function check(name, ours, ref, input, opts = {}) {
  const log1 = [], log2 = [];
  const a = await outcome(() => ours(source(input, log1, opts), log1));
  const b = await outcome(() => ref(source(input, log2, opts), log2));
  assert.deepEqual(a.error, b.error, `${name}: error`);
  if (b.error === undefined) assertSame(a.value, b.value, `${name}: values`);
  assert.deepEqual(log1, log2, `${name}: the source's reads, the callbacks and return() in order`);
}

const spy = (log, f) => (...args) => { log.push(`f(${args.map(String).join(',')})`); return f(...args); };

const INPUTS = {
  empty: [],
  one: [42],
  'edge values': EDGE_VALUES.filter((v) => typeof v !== 'symbol'),
  duplicates: [NaN, NaN, -0, 0, 0, 1, 1, 'a', 'a', null, null, undefined],
  '300 numbers': Array.from({ length: 300 }, (_, i) => (i * 7) % 13 - 3),
};

const isNum = (x) => typeof x === 'number';
const OPS = {
  map: [(s, log) => s.map(spy(log, (x, i) => (isNum(x) ? x * 2 + i : x))), (it, log) => aMap(it, spy(log, (x, i) => (isNum(x) ? x * 2 + i : x)))],
  filter: [(s, log) => s.filter(spy(log, (x) => isNum(x) && x > 0)), (it, log) => aFilter(it, spy(log, (x) => isNum(x) && x > 0))],
  takeWhile: [(s, log) => s.takeWhile(spy(log, (x) => x !== 5)), (it, log) => aTakeWhile(it, spy(log, (x) => x !== 5))],
  dropWhile: [(s, log) => s.dropWhile(spy(log, (x) => x !== 5)), (it, log) => aDropWhile(it, spy(log, (x) => x !== 5))],
  flatMap: [(s, log) => s.flatMap(spy(log, (x) => [x, x])), (it, log) => aFlatMap(it, spy(log, (x) => [x, x]))],
  scan: [(s, log) => s.scan(spy(log, (a, x) => String(a) + String(x)), ''), (it, log) => aScan(it, spy(log, (a, x) => String(a) + String(x)), '')],
  'scan without init': [(s, log) => s.scan(spy(log, (a, x) => String(a) + String(x))), (it, log) => aScan(it, spy(log, (a, x) => String(a) + String(x)))],
  take: [(s) => s.take(3), (it) => aTake(it, 3)],
  'take(0)': [(s) => s.take(0), (it) => aTake(it, 0)],
  drop: [(s) => s.drop(2), (it) => aDrop(it, 2)],
  slice: [(s) => s.slice(1, 9, 3), (it) => aSlice(it, 1, 9, 3)],
  enumerate: [(s) => s.enumerate(10), (it) => aEnumerate(it, 10)],
  chunk: [(s) => s.chunk(4), (it) => aChunk(it, 4)],
  window: [(s) => s.window(3), (it) => aWindow(it, 3)],
  pairwise: [(s) => s.pairwise(), (it) => aWindow(it, 2)],
  dedupe: [(s) => s.dedupe(), (it) => aDedupe(it)],
  unique: [(s) => s.unique(), (it) => aUnique(it)],
  'map then take (exact)': [(s, log) => s.map(spy(log, (x) => x)).take(2), (it, log) => aTake(aMap(it, spy(log, (x) => x)), 2)],
};

for (const [op, [ours, ref]] of Object.entries(OPS)) {
  test(`async ${op}: values, reads, calls and closing as an async generator's, on every input`, async () => {
    for (const [inputName, input] of Object.entries(INPUTS)) {
      await check(`${op} on ${inputName} (toArray)`, (src, log) => ours(L.fromAsync(src), log).toArray(),
        (src, log) => collect(ref(src, log)), input);
      // for await and a break after two values: return() reaches the source once
      await check(`${op} on ${inputName} (break)`, async (src, log) => {
        const out = [];
        for await (const x of ours(L.fromAsync(src), log)) { out.push(x); if (out.length === 2) break; }
        return out;
      }, async (src, log) => {
        const out = [];
        for await (const x of ref(src, log)) { out.push(x); if (out.length === 2) break; }
        return out;
      }, input);
      // a source that breaks at its fourth read
      await check(`${op} on ${inputName} (source throws)`, (src, log) => ours(L.fromAsync(src), log).toArray(),
        (src, log) => collect(ref(src, log)), input, { failAt: 3 });
    }
  });
}

const SINKS = {
  toArray: [(s) => s.toArray(), (it) => collect(it)],
  sum: [(s) => s.sum(), async (it) => { let t = 0; for await (const x of it) t += x; return t; }],
  count: [(s) => s.count(), async (it) => { let n = 0; for await (const _ of it) n++; return n; }], // eslint-disable-line no-unused-vars
  min: [(s) => s.min(), async (it) => R.refMin(await collect(it))],
  max: [(s) => s.max(), async (it) => R.refMax(await collect(it))],
  mean: [(s) => s.mean(), async (it) => R.refMean(await collect(it))],
  first: [(s) => s.first(), async (it) => { for await (const x of it) return x; return undefined; }],
  nth: [(s) => s.nth(3), async (it) => { let i = 0; for await (const x of it) if (i++ === 3) return x; return undefined; }],
  last: [(s) => s.last(), async (it) => R.refLast(await collect(it))],
  includes: [(s) => s.includes(5), async (it) => { for await (const x of it) if (R.sameValueZero(x, 5)) return true; return false; }],
  join: [(s) => s.join('-'), async (it) => (await collect(it)).join('-')],
  forEach: [async (s, log) => { await s.forEach(spy(log, () => {})); }, async (it, log) => { let i = 0; const f = spy(log, () => {}); for await (const x of it) f(x, i++); }],
  reduce: [(s, log) => s.reduce(spy(log, (a, x) => a + x), 0), async (it, log) => { let a = 0, i = 0; const f = spy(log, (a2, x) => a2 + x); for await (const x of it) a = f(a, x, i++); return a; }],
  'reduce without init': [(s) => s.reduce((a, x) => a + x), async (it) => { const a = await collect(it); if (!a.length) throw new Error('reduce: the sequence is empty and no initial value was given'); return a.reduce((p, x) => p + x); }],
  some: [(s, log) => s.some(spy(log, (x) => x === 5)), async (it, log) => { let i = 0; const f = spy(log, (x) => x === 5); for await (const x of it) if (f(x, i++)) return true; return false; }],
  every: [(s, log) => s.every(spy(log, (x) => x !== 5)), async (it, log) => { let i = 0; const f = spy(log, (x) => x !== 5); for await (const x of it) if (!f(x, i++)) return false; return true; }],
  find: [(s, log) => s.find(spy(log, (x) => x > 3)), async (it, log) => { let i = 0; const f = spy(log, (x) => x > 3); for await (const x of it) if (f(x, i++)) return x; return undefined; }],
};

const NUMBER_INPUTS = {
  empty: [], one: [5], some: [1, 7, -0, 5, 3, 9, 2], 'edge numbers': [0, -0, 1, NaN, Infinity, -Infinity, 5, 0.5],
  '600 numbers': Array.from({ length: 600 }, (_, i) => (i * 7) % 13 - 3),
};

for (const [name, [ours, ref]] of Object.entries(SINKS)) {
  test(`async ${name}(): a promise of what an async loop gives, with the same reads and calls`, async () => {
    for (const [inputName, input] of Object.entries(NUMBER_INPUTS)) {
      await check(`${name} on ${inputName}`, (src, log) => ours(L.fromAsync(src), log), (src, log) => ref(src, log), input);
      await check(`${name} on ${inputName}, failing source`, (src, log) => ours(L.fromAsync(src), log),
        (src, log) => ref(src, log), input, { failAt: 2 });
    }
  });
}

test('async sinks: a non-number in sum is the TypeError of the sync sum, and the source is closed', async () => {
  const log = [];
  await assert.rejects(L.fromAsync(source([1, 'a', 3], log)).sum(), { name: 'TypeError', message: 'sum: expected only numbers, got "a"' });
  assert.deepEqual(log, ['next', 'next', 'finally']);
  await assert.rejects(L.fromAsync(source([], [])).reduce((a, b) => a + b), TypeError);
});

// ------------------------------------------------------------------ sources and closing

test('async sinks over BigInts: exact across every await (the progress kept in the pipe), mixing rejects', async () => {
  const big = (n) => async function* () { for (let i = 1n; i <= n; i++) yield i * 10n ** 20n; };
  assert.equal(await L.fromAsync(big(300n)).sum(), 45150n * 10n ** 20n);
  assert.equal(await L.fromAsync(big(300n)).map((x) => -x).min(), -300n * 10n ** 20n);
  assert.equal(await L.fromAsync(big(300n)).filter((x) => x % 3n === 0n).max(), 300n * 10n ** 20n);
  await assert.rejects(L.fromAsync(async function* () { yield 1n; yield 2n; yield 3; }).sum(), TypeError);
  await assert.rejects(L.fromAsync(async function* () { yield 1n; throw new RangeError('boom'); }).sum(), RangeError);
  await assert.rejects(L.fromAsync(async function* () { yield 1n; yield 'x'; }).mean(), TypeError);
  const before = liveHandles();
  await L.fromAsync(big(10n)).sum();
  await assert.rejects(L.fromAsync(async function* () { yield 5n; throw new Error('late'); }).max());
  assert.equal(liveHandles(), before, 'no handle left behind');
});

test('fromAsync: argument errors at the call; a one-shot source read twice is a TypeError', async () => {
  for (const bad of [undefined, null, 42, {}, Symbol.iterator]) {
    assert.throws(() => L.fromAsync(bad), TypeError);
  }
  assert.throws(() => L.fromAsync(source([], [])).map(1), { name: 'TypeError', message: 'map: 1 is not a function' });
  assert.throws(() => L.fromAsync(source([], [])).take(-1), RangeError);
  assert.throws(() => L.fromAsync(source([], [])).chunk(0), RangeError);
  assert.throws(() => L.fromAsync(source([], [])).map((x) => x).lines(), TypeError);
  const once = L.fromAsync(source([1, 2], []));
  assert.deepEqual(await once.toArray(), [1, 2]);
  await assert.rejects(once.toArray(), TypeError);
  // a function makes a new source for each run; arrays and sync iterables are re-read
  const again = L.fromAsync(() => source([1, 2], []));
  assert.deepEqual(await again.toArray(), [1, 2]);
  assert.deepEqual(await again.map((x) => x * 10).toArray(), [10, 20]);
  const arr = L.fromAsync([Promise.resolve(1), 2, Promise.resolve(3)]);
  assert.deepEqual(await arr.toArray(), [1, 2, 3]);
  assert.deepEqual(await arr.toArray(), [1, 2, 3]);
  assert.equal(L.fromAsync(arr), arr);
});

/* A WHATWG stream of `chunks` that counts its pulls and cancels. */
function counted(chunks) {
  const stats = { pulls: 0, cancels: 0, reason: null };
  let i = 0;
  const stream = new ReadableStream({
    pull(controller) {
      stats.pulls++;
      if (i < chunks.length) controller.enqueue(chunks[i++]);
      else controller.close();
    },
    cancel(reason) { stats.cancels++; stats.reason = reason; },
  }, { highWaterMark: 0 });
  return { stream, stats };
}

test('ReadableStream: read only as far as needed; break cancels it exactly once and releases the lock', async () => {
  const enc = new TextEncoder();
  const { stream, stats } = counted(['a\nb', '\nc\nd', '\ne\n', 'f\n'].map((s) => enc.encode(s)));
  const seen = [];
  for await (const line of L.fromAsync(stream).lines()) {
    seen.push(line);
    if (line === 'c') break;
  }
  assert.deepEqual(seen, ['a', 'b', 'c']);
  assert.equal(stats.pulls, 2, 'the third chunk was never asked for');
  assert.equal(stats.cancels, 1);
  assert.equal(stream.locked, false, 'the reader lock was released');

  const two = counted(['1 2 ', '3 4'].map((s) => enc.encode(s)));
  assert.equal(await L.fromAsync(two.stream).numbers().take(1).sum(), 1);   // take closes at its limit
  assert.equal(two.stats.cancels, 1);
  assert.equal(two.stream.locked, false);

  const boom = new Error('callback');
  const failing = counted(['a\nb\n', 'c\n'].map((s) => enc.encode(s)));
  await assert.rejects(L.fromAsync(failing.stream).lines().map((l) => { if (l === 'b') throw boom; return l; }).toArray(), (e) => e === boom);
  assert.equal(failing.stats.cancels, 1, 'a throwing callback cancels the stream once');
  assert.equal(failing.stream.locked, false);

  const notBytes = counted([enc.encode('1 2 '), 42, enc.encode('3')]);
  await assert.rejects(L.fromAsync(notBytes.stream).numbers().toArray(), { name: 'TypeError', message: /^numbers: the stream gave 42/ });
  assert.equal(notBytes.stats.cancels, 1, 'a chunk that is not bytes cancels the stream');
  assert.equal(notBytes.stream.locked, false);

  const whole = counted(['x\n', 'y'].map((s) => enc.encode(s)));
  assert.deepEqual(await L.fromAsync(whole.stream).lines().toArray(), ['x', 'y']);
  assert.equal(whole.stats.cancels, 0, 'a stream read to its end is not cancelled');
  assert.equal(whole.stream.locked, false);
});

test('ReadableStream: an erroring stream rejects with its error and is not cancelled; values of a stream of values', async () => {
  const boom = new Error('stream broke');
  let cancels = 0;
  const stream = new ReadableStream({
    start(c) { c.enqueue(1); c.enqueue(2); },
    pull(c) { c.error(boom); },
    cancel() { cancels++; },
  });
  await assert.rejects(L.fromAsync(stream).map((x) => x * 2).toArray(), (e) => e === boom);
  assert.equal(cancels, 0);
  const values = new ReadableStream({ start(c) { c.enqueue('a'); c.enqueue({ k: 1 }); c.close(); } });
  assert.deepEqual(await L.fromAsync(values).enumerate().toArray(), [[0, 'a'], [1, { k: 1 }]]);
  // a zip over a source that waits for its values (LW_NEEDMORE) reads row by row, and a map that
  // destructures its rows runs in WASM for the numbers, in JS for the rest, in order
  const slow = async function* () { for (const v of [3, 'b', 5, 7]) { await new Promise((r) => setTimeout(r, 1)); yield v; } };
  assert.deepEqual(await L.fromAsync(slow).enumerate(1).map(([i, x]) => i * x).toArray(), [3, NaN, 15, 28]);
  assert.deepEqual(await L.fromAsync(slow).zip(L.range(10, 20), L.fromAsync(slow)).map(([a, b], i) => a + b + i).toArray(), [13, 'b111', 19, 23]);
  const [first, second] = L.fromAsync(slow).enumerate().tee();
  const firstRows = await first.take(1).toArray();
  assert.deepEqual([firstRows, await second.toArray()], [[[0, 3]], [[0, 3], [1, 'b'], [2, 5], [3, 7]]]);
});

test('async iterators: each result\'s done is read once and its value once, only when not done, as for await reads them', async () => {
  const make = (log) => {
    let i = 0;
    const result = (v, d) => ({ get done() { log.push('done'); return d; }, get value() { log.push(`value ${v}`); return v; } });
    return { next() { return Promise.resolve(result(i, i++ >= 2)); }, [Symbol.asyncIterator]() { return this; } };
  };
  const ours = [], theirs = [];
  assert.deepEqual(await L.fromAsync(make(ours)).toArray(), [0, 1]);
  for await (const x of make(theirs)) void x;
  assert.deepEqual(ours, theirs);
  assert.deepEqual(ours, ['done', 'value 0', 'done', 'value 1', 'done']);
});

test('async iterators: return() called exactly once on break, on a throwing callback, and on take; never after the end or a throw', async () => {
  const make = (n) => {
    const stats = { nexts: 0, returns: 0 };
    let i = 0;
    const it = {
      [Symbol.asyncIterator]() { return this; },
      async next() { stats.nexts++; return i < n ? { value: i++, done: false } : { value: undefined, done: true }; },
      async return() { stats.returns++; return { done: true }; },
    };
    return { it, stats };
  };
  let s = make(10);
  for await (const x of L.fromAsync(s.it).map((v) => v * 2)) if (x === 4) break;
  assert.deepEqual(s.stats, { nexts: 3, returns: 1 });

  s = make(10);
  const boom = new Error('callback');
  await assert.rejects(L.fromAsync(s.it).filter((v) => { if (v === 2) throw boom; return true; }).toArray(), (e) => e === boom);
  assert.deepEqual(s.stats, { nexts: 3, returns: 1 });

  s = make(10);
  assert.deepEqual(await L.fromAsync(s.it).take(2).toArray(), [0, 1]);
  assert.deepEqual(s.stats, { nexts: 2, returns: 1 });

  s = make(3);
  assert.deepEqual(await L.fromAsync(s.it).toArray(), [0, 1, 2]);
  assert.deepEqual(s.stats, { nexts: 4, returns: 0 });

  // the iterator's own return() before any next() closes the source; calls after it are done
  s = make(3);
  const it = L.fromAsync(s.it)[Symbol.asyncIterator]();
  assert.deepEqual(await it.return(), { value: undefined, done: true });
  assert.deepEqual(await it.next(), { value: undefined, done: true });
  assert.deepEqual(s.stats, { nexts: 0, returns: 1 });
});

test('async iterator: next() calls made at once are answered in order; a rejecting return() on a normal close rejects', async () => {
  const it = L.fromAsync(source([1, 2, 3], []))[Symbol.asyncIterator]();
  const all = await Promise.all([it.next(), it.next(), it.next(), it.next(), it.next()]);
  assert.deepEqual(all.map((r) => r.value), [1, 2, 3, undefined, undefined]);
  assert.deepEqual(all.map((r) => r.done), [false, false, false, true, true]);

  const bad = new Error('return failed');
  const src = {
    [Symbol.asyncIterator]() { return this; },
    async next() { return { value: 1, done: false }; },
    async return() { throw bad; },
  };
  await assert.rejects(L.fromAsync(src).take(1).toArray(), (e) => e === bad);
  // after another error the return() error is dropped (that error wins)
  const first = new Error('first');
  await assert.rejects(L.fromAsync(src).map(() => { throw first; }).toArray(), (e) => e === first);
});

test('a cancel() that rejects when takeWhile closes the stream rejects the pull, as a failing return() throws in the sync pull', async () => {
  const bad = new Error('cancel failed');
  const make = () => new ReadableStream({
    start(c) { c.enqueue(new TextEncoder().encode('a\nb\nc\nd\n')); },
    cancel() { throw bad; },
  });
  await assert.rejects(L.fromAsync(make()).lines().takeWhile((l) => l !== 'c').toArray(), (e) => e === bad);
  const seen = [];
  await assert.rejects((async () => { for await (const l of L.fromAsync(make()).lines().takeWhile((x) => x !== 'c')) seen.push(l); })(),
    (e) => e === bad);
  assert.deepEqual(seen, ['a', 'b']);   // for await pulls one value at a time: the close comes with 'c'
});

test('Node streams: fs.createReadStream and Readable.from; break destroys the stream', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lazywasm-async-'));
  try {
    const file = join(dir, 'data.txt');
    const lines = Array.from({ length: 5000 }, (_, i) => `${i},é${'x'.repeat(i % 50)},${(i * 0.25).toFixed(2)}`);
    writeFileSync(file, `${lines.join('\r\n')}\r\n`);
    assert.deepEqual(await L.fromAsync(createReadStream(file, { highWaterMark: 1000 })).lines().toArray(), lines);
    const stream = createReadStream(file, { highWaterMark: 1000 });
    for await (const line of L.fromAsync(stream).lines()) if (line.startsWith('10,')) break;
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(stream.destroyed, true);
    assert.equal(await L.fromAsync(Readable.from(['1 2', '3\n4'])).numbers().sum(), 1 + 23 + 4);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// ------------------------------------------------------------------ byte streams

/* `bytes` split at the given cut points, as a re-readable async source of Uint8Arrays. */
function pieces(bytes, cuts) {
  return async function* () {
    let at = 0;
    for (const c of [...cuts, bytes.length]) {
      yield bytes.subarray(at, c);
      at = c;
    }
  };
}

function refLines(text) {
  if (text.startsWith('\ufeff')) text = text.slice(1);
  const parts = text.split(/\r?\n/);
  if (parts[parts.length - 1] === '') parts.pop();
  return parts;
}

test('lines(): every split of multibyte characters and CRLF, empty streams, no final newline, a BOM', async () => {
  const enc = new TextEncoder();
  const texts = ['', '\n', '\r\n', 'a', 'a\n', 'a\r\nb', 'é€😀\r\n\r\nx\ry\n', '\ufeffbom\n\ufeffinside', 'one\n\ntwo\n\n', '\r', 'end\r'];
  for (const text of texts) {
    const bytes = enc.encode(text);
    for (let a = 0; a <= bytes.length; a++) {
      for (let b = a; b <= bytes.length; b++) {
        const got = await L.fromAsync(pieces(bytes, [a, b])).lines().toArray();
        assert.deepEqual(got, refLines(text), `${JSON.stringify(text)} cut at ${a}, ${b}`);
      }
    }
  }
  assert.deepEqual(await L.fromAsync([]).lines().toArray(), []);
  assert.deepEqual(await L.fromAsync([new Uint8Array(0), new Uint8Array(0)]).lines().toArray(), []);
  // invalid UTF-8 decodes as TextDecoder does, with U+FFFD
  assert.deepEqual(await L.fromAsync([new Uint8Array([0x61, 0xff, 0x0a, 0xc3])]).lines().toArray(), ['a\ufffd', '\ufffd']);
  // chunks may be strings, ArrayBuffers and other views too
  // (0x0a63 is the bytes "c\n" in little-endian order)
  assert.deepEqual(await L.fromAsync(['a\nb', new Uint16Array([0x0a63]).buffer, new DataView(enc.encode('\nd').buffer)]).lines().toArray(),
    ['a', 'bc', '', 'd']);
  await assert.rejects(L.fromAsync([1, 2]).lines().toArray(), { name: 'TypeError', message: /^lines: the stream gave 1; expected bytes/ });
});

test('lines(): seeded random texts in random chunks, and huge lines', async () => {
  const rnd = mulberry32(2026);
  const alphabet = ['a', 'b', ' ', ',', '\n', '\r\n', '\r', 'é', '€', '😀', '\u2028', '0'];
  const enc = new TextEncoder();
  for (let round = 0; round < 200; round++) {
    let text = '';
    const len = Math.floor(rnd() * 60);
    for (let i = 0; i < len; i++) text += alphabet[Math.floor(rnd() * alphabet.length)];
    const bytes = enc.encode(text);
    const cuts = [];
    for (let c = 0; c < bytes.length; c += 1 + Math.floor(rnd() * 7)) cuts.push(c);
    assert.deepEqual(await L.fromAsync(pieces(bytes, cuts)).lines().toArray(), refLines(text), JSON.stringify(text));
  }
  const huge = 'x'.repeat(5_000_000);
  const bytes = enc.encode(`short\n${huge}\n${huge}é`);
  const cuts = [];
  for (let c = 0; c < bytes.length; c += 65536) cuts.push(c);
  const got = await L.fromAsync(pieces(bytes, cuts)).lines().map((l) => l.length).toArray();
  assert.deepEqual(got, [5, 5_000_000, 5_000_001]);
});

function refNumbers(text) { return text.split(/[ \t\n\v\f\r]+/).filter((t) => t !== '').map(Number); }

test('numbers(): Number(token) for each token, bit for bit, in any chunking', async () => {
  const enc = new TextEncoder();
  const text = ' 1 -2.5e3\t.5 5. +7 -0 0x1F 0b11 1e400 -1e-400 4.9e-324 2.2250738585072011e-308 Infinity -Infinity NaN abc 1_000 1e 1.2.3 \u00a0 9007199254740993 \n';
  const bytes = enc.encode(text);
  for (let a = 0; a <= bytes.length; a += 3) {
    const got = await L.fromAsync(pieces(bytes, [a, Math.min(bytes.length, a + 5)])).numbers().toArray();
    assertSame(got, refNumbers(text), `cut at ${a}`);
  }
  assert.deepEqual(await L.fromAsync([]).numbers().toArray(), []);
  assert.deepEqual(await L.fromAsync(['  \n\t ']).numbers().toArray(), []);
});

test('numbers(): seeded random decimal tokens parse exactly as Number() does', async () => {
  const rnd = mulberry32(7);
  const digits = (n) => { let s = ''; for (let i = 0; i < n; i++) s += Math.floor(rnd() * 10); return s; };
  const tokens = [];
  for (let i = 0; i < 20000; i++) {
    const kind = rnd();
    let t;
    if (kind < 0.3) t = String(rnd() * 10 ** Math.floor(rnd() * 40 - 20));
    else if (kind < 0.5) t = `${digits(1 + Math.floor(rnd() * 25))}.${digits(Math.floor(rnd() * 25))}e${Math.floor(rnd() * 700 - 350)}`;
    else if (kind < 0.6) t = `0.${'0'.repeat(Math.floor(rnd() * 320))}${digits(1 + Math.floor(rnd() * 20))}`;
    else if (kind < 0.7) t = String(new Float64Array(new BigUint64Array([BigInt(Math.floor(rnd() * 2 ** 32)) << 32n | BigInt(Math.floor(rnd() * 2 ** 32))]).buffer)[0]);
    else if (kind < 0.8) t = `${digits(17)}5${'0'.repeat(Math.floor(rnd() * 5))}${rnd() < 0.5 ? '1' : ''}`;   // near halfway
    else if (kind < 0.9) t = `${rnd() < 0.5 ? '-' : '+'}${digits(1 + Math.floor(rnd() * 8))}${rnd() < 0.5 ? '.' : ''}`;
    else t = `.${digits(1 + Math.floor(rnd() * 30))}E${rnd() < 0.5 ? '-' : ''}${Math.floor(rnd() * 330)}`;
    tokens.push(t);
  }
  const text = tokens.join(' ');
  const got = await L.fromAsync([text]).numbers().toArray();
  const want = tokens.map(Number);
  assert.equal(got.length, want.length);
  for (let i = 0; i < want.length; i++) {
    if (!Object.is(got[i], want[i])) assert.fail(`${tokens[i]}: got ${got[i]}, Number() gives ${want[i]}`);
  }
});

test('numbers(): compiled stages run over it in WASM; sum of a generated column', async () => {
  const s = L.fromAsync(['1 2 3 4', ' 5 6']).numbers().map((x) => x * x).filter((x) => x % 2 === 0);
  assert.match(s.explain(), /map: compiled, runs in WASM/);
  assert.equal(await s.sum(), 4 + 16 + 36);
  assert.equal(await L.fromAsync(['1 2 3 4', ' 5 6']).numbers().window(2).count(), 5);
});

// ------------------------------------------------------------------ memory

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');
/* Collect garbage until abandoned iterators' finalizers have run (more rounds: other test files may keep the CPU busy). */
async function settle() {
  for (let i = 0; i < 12; i++) { gc(); await new Promise((resolve) => setTimeout(resolve, 20)); }
}

test('memory: async pipelines finished, broken out of, failing or abandoned leave no WASM memory or handles', async () => {
  const enc = new TextEncoder();
  const bytes = enc.encode('alpha\nbeta\r\ngamma\n1 2 3\n'.repeat(50));
  const shapes = [
    () => L.fromAsync(() => source(EDGE_VALUES.filter((v) => typeof v !== 'symbol'), [])).map((x) => [x]).chunk(3),
    () => L.fromAsync(pieces(bytes, [7, 100, 101])).lines().enumerate(),
    () => L.fromAsync(pieces(bytes, [3])).lines().window(4).dedupe(),
    () => L.fromAsync(pieces(bytes, [5, 9])).numbers().unique().scan((a, b) => a + b),
    () => L.fromAsync(() => source([1, 2, 3, 4, 5], [], { failAt: 3 })).flatMap((x) => ['a', x]),
  ];
  for (const shape of shapes) await shape().take(2).toArray();
  await settle();
  const before = { bytes: E.lw_mem_used(), handles: liveHandles() };
  // In a function of its own: a suspended async function's frame could keep the last iterator alive.
  async function runAll() {
    for (let n = 0; n < 600; n++) {
      const seq = shapes[n % shapes.length]();
      const k = Math.floor(n / shapes.length) % 4;
      try {
        if (k === 0) await seq.toArray();
        else if (k === 1) { for await (const x of seq) if (x !== undefined) break; }
        else if (k === 2) { await seq.last(); await shapes[n % shapes.length]().map(() => { throw new Error('cb'); }).count(); }
        else { const it = seq[Symbol.asyncIterator](); await it.next(); }   // abandoned
      } catch { /* failing shapes fail */ }
    }
  }
  await runAll();
  await settle();
  assert.deepEqual({ bytes: E.lw_mem_used(), handles: liveHandles() }, before);
});

test('memory: 20 MB of lines through a pipeline in flat WASM memory', async () => {
  const enc = new TextEncoder();
  const chunk = enc.encode(Array.from({ length: 2000 }, (_, i) => `${i},${i % 7}`).join('\n') + '\n');
  let total = 0, bytesBefore = E.memory.buffer.byteLength;
  const used = E.lw_mem_used();
  let peak = 0;
  async function* big() { for (let i = 0; i < 20e6 / chunk.length; i++) { peak = Math.max(peak, E.lw_mem_used()); yield chunk; } }
  total = await L.fromAsync(big).lines().map((l) => +l.slice(l.indexOf(',') + 1)).sum();
  const rounds = Math.ceil(20e6 / chunk.length);
  let one = 0;
  for (let i = 0; i < 2000; i++) one += i % 7;
  assert.equal(total, one * rounds);
  assert.ok(peak - used < 512 * 1024, `the pipeline held ${peak - used} bytes`);
  assert.ok(E.memory.buffer.byteLength - bytesBefore <= 1 << 20, 'WASM memory grew by 1 MiB at most');
});
