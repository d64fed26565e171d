// Transforms (docs/semantics.md, "Transforms"), each against its plain-JS
// reference in tests/reference.js: empty input, one value, edge numbers,
// values that are not numbers (identity kept), long inputs across batches,
// array sources (read ahead) and generator sources (one value at a time),
// callbacks compiled or calling JS (their calls logged and compared), infinite
// sources cut by take, huge counts, re-iteration, closing, argument errors at
// the call, and the documented outputs of Python's itertools.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as L from '../lib/node.js';
import * as R from './reference.js';
import { liveHandles } from '../lib/values.js';

const { assertSame, show, outcome, sameOutcome, spy, EDGE_VALUES, EDGE_NUMBER_VALUES, NON_NUMBERS, SHARED_OBJECT, tracked } = R;

// ------------------------------------------------------------------ the harness

const INPUTS = {
  empty: [],
  one: [42],
  'one object': [SHARED_OBJECT],
  'edge numbers': EDGE_NUMBER_VALUES,
  'non-numbers': NON_NUMBERS,
  'edge values': EDGE_VALUES,
  duplicates: [NaN, NaN, -0, 0, 0, 1, 1, 'a', 'a', SHARED_OBJECT, SHARED_OBJECT, { k: 1 }, null, null, undefined, undefined, 10n, 10n, -0],
  '600 numbers': [...R.refMap(R.refRange(600), (x) => (x * 7) % 13 - 3)],
  '600 mixed': [...R.refMap(R.refRange(600), (x) => EDGE_VALUES[(x * 5) % EDGE_VALUES.length])],
};

/* An array source is read ahead in batches; a generator source one value at a time. */
const SOURCES = R.sources(L);




/*
 * For every input, source kind and callback: `apply(seq, f)` against
 * `ref(iterable, f)`, with f as given (compiled when it can be) and with f
 * logged (calls compared); by toArray, by for…of and again (re-iteration).
 */
function against(label, apply, ref, callbacks = [null]) {
  for (const [inputName, input] of Object.entries(INPUTS)) {
    for (const [sourceName, makeSource] of Object.entries(SOURCES)) {
      for (const f of callbacks) {
        const what = `${label}${f ? ` with ${f}` : ''} on ${inputName} (${sourceName})`;
        const want = outcome(() => [...ref(input, f)]);
        const seq = apply(makeSource(input), f);
        sameOutcome(outcome(() => seq.toArray()), want, `${what}: toArray`);
        sameOutcome(outcome(() => [...seq]), want, `${what}: for…of, iterated again`);
        if (f) {
          const ours = [], theirs = [];
          const wantLogged = outcome(() => [...ref(input, spy(theirs, f))]);
          const got = outcome(() => apply(makeSource(input), spy(ours, f)).toArray());
          sameOutcome(got, wantLogged, `${what}: logged callback, result`);
          assertSame(ours, theirs, `${what}: the callback's calls (arguments, order, count)`);
        }
      }
    }
  }
}


const throwsAtCall = (call, type, message) => R.throwsAtCall(L, call, type, message);

/* A callback whose text is JS-only (closure), and numeric ones the compiler takes. */
const k = 2;
const VALUE_FNS = [
  (x) => x * 2, (x, i) => x + i, (x) => -x, (x) => Math.round(x), (x) => x | 0, (x) => 1 / x,
  (x) => (x > 0 ? x : 0), (x) => x % 3, (x) => typeof x, (x) => [x], (x) => x, (x, i) => i, (x) => x * k,
  (x) => x > 1, (x) => !x, (x) => x === 0, (x) => x * 0,
];
const PRED_FNS = [
  (x) => x > 0, (x) => x % 2 === 0, (x, i) => i % 3 !== 1, (x) => x === x, (x) => x, (x) => typeof x === 'number',
  (x) => x < 100, (x) => !x,
];
const FOLD_FNS = [
  (a, x) => a + x, (a, x, i) => a * 0.5 + i, (a, x) => Math.max(a, x), (a, x) => [a, x], (a, x) => x, (a) => a,
  (a, x) => (typeof a === 'string' ? a + typeof x : typeof x), (a, x) => a < x,
];
const FLAT_FNS = [
  (x) => [x, x], () => [], (x, i) => (i % 2 ? [x] : []), (x) => [x, [x]], (x) => L.of(x, 'in'),
  (x) => new Set([x, 1]), (x, i) => L.range(0, i % 4), () => 'ab', (x) => x,
  (x) => { let n = 0; return { next: () => (n++ < 2 ? { value: x, done: false } : { value: undefined, done: true }) }; },
];

// ------------------------------------------------------------------ map

test('map: against the reference (compiled and JS callbacks, logged calls)', () => {
  against('map', (s, f) => s.map(f), (it, f) => R.refMap(it, f), VALUE_FNS);
});

test('map: hand-written values, infinite source, huge count, identity', () => {
  assertSame(L.of(1, 2, 3).map((x) => x * 2).toArray(), [2, 4, 6]);
  assertSame(L.of('a', 'b').map((x, i) => x + i).toArray(), ['a0', 'b1']);
  assertSame(L.count().map((x) => x * x).take(5).toArray(), [0, 1, 4, 9, 16], 'count().map().take(5)');
  assertSame(L.of(0, -0).map((x) => x * -1).toArray(), [-0, 0], '-0 results kept');
  assertSame(L.of(-0, NaN, Infinity).map((x) => x).toArray(), [-0, NaN, Infinity]);
  assertSame(L.of(0.5, -0.5, 2.5, -2.5, -0.4).map((x) => Math.round(x)).toArray(), [1, -0, 3, -2, -0], 'Math.round rules');
  const o = {};
  assert.equal(L.of(o).map((x) => x).first(), o, 'identity');
  assert.equal(L.range(0, 1e7).map((x) => x * 2).count(), 1e7);
  assertSame(L.range(0, 1e7).map((x) => x * 2).last(), 2e7 - 2);
  assertSame(L.range(0, 1e9).map((x) => x * 3).take(3).toArray(), [0, 3, 6]);
});

test('map: undefined results (one handle the engine never lets go) through sinks that look at values', () => {
  const before = liveHandles();
  const holes = (x) => (x % 3 === 0 ? undefined : x);
  const ref = [...R.refMap(R.refRange(0, 600), holes)];
  assertSame(L.range(0, 600).map(holes).toArray(), ref, 'toArray');
  assertSame(L.range(0, 600).map(() => undefined).count(), 600, 'count');
  assertSame(L.range(0, 9).map(holes).compress(L.range(0, 9).map(holes)).toArray(), ref.slice(0, 9).filter((x) => x), 'undefined selectors are falsy');
  assertSame(L.of(undefined, undefined, 1, undefined).dedupe().toArray(), [undefined, 1, undefined], 'dedupe');
  assertSame(L.of(undefined, 1, undefined).unique().toArray(), [undefined, 1], 'unique');
  assert.equal(L.range(0, 5).map(holes).includes(undefined), true, 'includes');
  assert.equal(L.range(0, 600).map(holes).filter((x) => x === undefined).count(), 200, 'filter');
  assert.equal(liveHandles(), before, 'no handle left');
});

test('map: a compiled callback returning booleans, on a batch that also holds non-numbers', () => {
  assertSame(L.of(2, 'a').map((x) => x > 1).toArray(), [true, false], 'of(2, "a").map(x => x > 1)');
  assertSame(L.of(2, 0, 'a').map((x) => !x).toArray(), [false, true, false], 'of(2, 0, "a").map(x => !x)');
  assertSame(L.of(0, null).map((x) => x === 0).toArray(), [true, false], 'of(0, null).map(x => x === 0)');
  assertSame(L.of(2, 0).map((x) => x > 1).toArray(), [true, false], 'numbers only (for comparison)');
});

test('map: argument errors at the call', () => {
  for (const bad of [42, null, undefined, {}, 'x', Symbol.for('s')]) throwsAtCall((s) => s.map(bad), TypeError, `map(${show(bad)})`);
});

// ------------------------------------------------------------------ filter

test('filter: against the reference (compiled and JS callbacks, logged calls)', () => {
  against('filter', (s, f) => s.filter(f), (it, f) => R.refFilter(it, f), PRED_FNS);
});

test('filter: hand-written values, infinite source, huge count', () => {
  assertSame(L.range(10).filter((x) => x % 3 === 0).toArray(), [0, 3, 6, 9]);
  assertSame(L.of(0, -0, NaN, '', null, undefined, false, 0n, 'a', 1, SHARED_OBJECT).filter((x) => x).toArray(), ['a', 1, SHARED_OBJECT], 'truthiness');
  assertSame(L.count().filter((x) => x % 2 === 1).take(5).toArray(), [1, 3, 5, 7, 9]);
  assert.equal(L.range(0, 1e7).filter((x) => x % 2 === 0).count(), 5e6);
  assert.equal(L.range(0, 1e7).filter(() => false).count(), 0);
});

test('filter: argument errors at the call', () => {
  for (const bad of [42, null, undefined, {}, 'x']) throwsAtCall((s) => s.filter(bad), TypeError, `filter(${show(bad)})`);
});

// ------------------------------------------------------------------ flatMap

test('flatMap: against the reference (arrays, Seqs, Sets, iterator objects, primitives rejected)', () => {
  against('flatMap', (s, f) => s.flatMap(f), (it, f) => R.refFlatMap(it, f), FLAT_FNS);
});

test('flatMap: hand-written values, infinite source, closing the inner iterator', () => {
  assertSame(L.of(1, 2).flatMap((x) => [x, x * 10]).toArray(), [1, 10, 2, 20]);
  assertSame(L.of('ab', 'c').flatMap((x) => x[Symbol.iterator]()).toArray(), ['a', 'b', 'c'], 'a string iterator object');
  assert.throws(() => L.of(1).flatMap(() => 'ab').toArray(), TypeError, 'a string is rejected');
  assert.throws(() => L.of(1).flatMap(() => 5).toArray(), TypeError, 'a number is rejected');
  assertSame(L.count().flatMap((x) => [x, -x]).take(5).toArray(), [0, -0, 1, -1, 2]);
  const inner = tracked([1, 2, 3], [], 'inner');
  assertSame(L.of('x').flatMap(() => inner).take(2).toArray(), [1, 2]);
  assert.deepEqual(inner.stats, { opened: 1, nexts: 2, returns: 1 }, 'the inner iterator closed by take');
  assert.equal(L.range(0, 1e6).flatMap((x) => [x, x]).count(), 2e6);
});

test('flatMap: argument errors at the call', () => {
  for (const bad of [42, null, undefined, {}, [1]]) throwsAtCall((s) => s.flatMap(bad), TypeError, `flatMap(${show(bad)})`);
});

// ------------------------------------------------------------------ takeWhile

test('takeWhile: against the reference (compiled and JS callbacks, logged calls)', () => {
  against('takeWhile', (s, f) => s.takeWhile(f), (it, f) => R.refTakeWhile(it, f), PRED_FNS);
});

test('takeWhile: itertools values; fn not called after the first falsy; source closed', () => {
  assertSame(L.of(1, 4, 6, 3, 8).takeWhile((x) => x < 5).toArray(), [1, 4], 'takewhile(x<5, [1,4,6,3,8])');
  const src = tracked([1, 4, 6, 3, 8]);
  const calls = [];
  assertSame(L.from(src).takeWhile((x, i) => { calls.push([x, i]); return x < 5; }).toArray(), [1, 4]);
  assertSame(calls, [[1, 0], [4, 1], [6, 2]], 'three calls, with indices');
  assert.deepEqual(src.stats, { opened: 1, nexts: 3, returns: 1 }, 'closed after the first falsy');
  assertSame(L.count().takeWhile((x) => x < 4).toArray(), [0, 1, 2, 3], 'an infinite source ends');
  assertSame(L.count().takeWhile(() => true).take(3).toArray(), [0, 1, 2]);
  assert.equal(L.range(0, 1e7).takeWhile((x) => x < 5e6).count(), 5e6);
});

test('takeWhile: argument errors at the call', () => {
  for (const bad of [42, null, undefined, {}]) throwsAtCall((s) => s.takeWhile(bad), TypeError, `takeWhile(${show(bad)})`);
});

// ------------------------------------------------------------------ dropWhile

test('dropWhile: against the reference (compiled and JS callbacks, logged calls)', () => {
  against('dropWhile', (s, f) => s.dropWhile(f), (it, f) => R.refDropWhile(it, f), PRED_FNS);
});

test('dropWhile: itertools values; fn not called after the first falsy', () => {
  assertSame(L.of(1, 4, 6, 3, 8).dropWhile((x) => x < 5).toArray(), [6, 3, 8], 'dropwhile(x<5, [1,4,6,3,8])');
  const calls = [];
  L.of(1, 4, 6, 3, 8).dropWhile((x, i) => { calls.push([x, i]); return x < 5; }).toArray();
  assertSame(calls, [[1, 0], [4, 1], [6, 2]], 'no call after the first falsy');
  assertSame(L.count().dropWhile((x) => x < 10).take(3).toArray(), [10, 11, 12]);
  assert.equal(L.range(0, 1e7).dropWhile((x) => x < 5e6).count(), 5e6);
});

test('dropWhile: argument errors at the call', () => {
  for (const bad of [42, null, undefined, {}]) throwsAtCall((s) => s.dropWhile(bad), TypeError, `dropWhile(${show(bad)})`);
});

// ------------------------------------------------------------------ scan

test('scan: against the reference, without init and with init 0, "", undefined, -0', () => {
  against('scan', (s, f) => s.scan(f), (it, f) => R.refScan(it, f), FOLD_FNS);
  for (const init of [0, '', undefined, -0, NaN]) {
    against(`scan(f, ${show(init)})`, (s, f) => s.scan(f, init), (it, f) => R.refScan(it, f, init), FOLD_FNS);
  }
});

test('scan: itertools.accumulate values, infinite source, huge count', () => {
  assertSame(L.of(1, 2, 3, 4, 5).scan((a, x) => a + x).toArray(), [1, 3, 6, 10, 15], 'accumulate([1,2,3,4,5])');
  assertSame(L.of(1, 2, 3, 4, 5).scan((a, x) => a + x, 100).toArray(), [101, 103, 106, 110, 115], 'init not emitted');
  assertSame(L.of(3, 4, 6, 2, 1, 9, 0, 7, 5, 8).scan((a, x) => Math.max(a, x)).toArray(), [3, 4, 6, 6, 6, 9, 9, 9, 9, 9], 'accumulate(max)');
  const calls = [];
  L.of('a', 'b', 'c').scan((a, x, i) => { calls.push([a, x, i]); return a + x; }).toArray();
  assertSame(calls, [['a', 'b', 1], ['ab', 'c', 2]], 'without init: the first value seeds, indices are source positions');
  assertSame(L.of(SHARED_OBJECT).scan((a, x) => a + x).toArray()[0], SHARED_OBJECT, 'the first value passed on unchanged');
  assertSame(L.count(1).scan((a, x) => a * x).take(6).toArray(), [1, 2, 6, 24, 120, 720], 'factorials');
  assertSame(L.range(0, 1e7).scan((a, x) => a + x, 0).last(), R.refLast(R.refScan(R.refRange(0, 1e7), (a, x) => a + x, 0)));
});

test('scan: a JS scan among JS stages over a generator (one chain), object accumulators, no handle left', () => {
  const values = function* () { for (let i = 0; i < 700; i++) yield i % 4 === 0 ? { v: i } : i; };
  const unwrap = (x) => (typeof x === 'number' ? x : x.v);
  const step = (acc, x, i) => ({ n: acc.n + x, i });
  const even = (a) => a.n % 2 === 0, out = (a) => a.n * 10 + a.i;
  const ref = (...init) => R.refMap(R.refFilter(R.refScan(R.refMap(values(), unwrap), step, ...init), even), out);
  const before = liveHandles();
  assertSame(L.from(values).map(unwrap).scan(step, { n: 0 }).filter(even).map(out).toArray(), [...ref({ n: 0 })], 'with an initial value');
  // without one, the first value (a number) starts the fold: n of a number is undefined, as in JS
  assertSame(L.from(values).map(unwrap).scan(step).filter(even).map(out).toArray(), [...ref()], 'without');
  assert.deepEqual(L.from(values).map(unwrap).reduce(step, { n: 0 }), R.refLast(R.refScan(R.refMap(values(), unwrap), step, { n: 0 })), 'reduce');
  assertSame(L.from(values).scan((acc, x) => [acc, x], []).take(3).toArray().length, 3, 'cut by take');
  for (const x of L.from(values).scan((acc, x) => ({ acc, x }), null)) if (x.x === 5) break;
  assert.equal(liveHandles(), before, 'every accumulator and value let go');
});

test('scan: argument errors at the call', () => {
  for (const bad of [42, null, undefined, {}]) throwsAtCall((s) => s.scan(bad, 0), TypeError, `scan(${show(bad)}, 0)`);
  throwsAtCall((s) => s.scan(), TypeError, 'scan()');
});

// ------------------------------------------------------------------ take, drop

const LIMITS = [0, 1, 2, 3, 13, 255, 256, 257, 599, 600, 601, Infinity, 2.7, '4', -0.5, null, true, 2 ** 53];
const toLimitRef = (n) => Math.trunc(Number(n)) + 0;

test('take: against the reference for many limits', () => {
  for (const n of LIMITS) against(`take(${show(n)})`, (s) => s.take(n), (it) => R.refTake(it, toLimitRef(n)));
});

test('take: hand-written values, closing, infinite and huge sources', () => {
  assertSame(L.range(10).take(3).toArray(), [0, 1, 2]);
  assertSame(L.count().map((x) => -x).take(5).toArray(), [-0, -1, -2, -3, -4], 'count().map().take(5)');
  const src = tracked([1, 2, 3, 4]);
  assertSame(L.from(src).take(2).toArray(), [1, 2]);
  assert.deepEqual(src.stats, { opened: 1, nexts: 2, returns: 1 }, 'take(2) reads two and closes');
  const whole = tracked([1, 2]);
  assertSame(L.from(whole).take(5).toArray(), [1, 2]);
  assert.deepEqual(whole.stats, { opened: 1, nexts: 3, returns: 0 }, 'a source that ends is not closed');
  assert.equal(L.count().take(1e7).count(), 1e7);
  assert.equal(L.range(1e7).take(Infinity).count(), 1e7);
  assertSame(L.range(0, 1e9).take(3).toArray(), [0, 1, 2]);
});

test('take(0) reads nothing from the source', () => {
  const src = tracked([1, 2]);
  assertSame(L.from(src).take(0).toArray(), []);
  assert.equal(src.stats.nexts, 0);
});

test('take: argument errors at the call (TC39: NaN and negative are RangeErrors, BigInt and Symbol TypeErrors)', () => {
  for (const bad of [-1, -Infinity, NaN, 'a', undefined, {}]) throwsAtCall((s) => s.take(bad), RangeError, `take(${show(bad)})`);
  for (const bad of [1n, Symbol.for('s')]) throwsAtCall((s) => s.take(bad), TypeError, `take(${show(bad)})`);
});

test('drop: against the reference for many limits', () => {
  for (const n of LIMITS) against(`drop(${show(n)})`, (s) => s.drop(n), (it) => R.refDrop(it, toLimitRef(n)));
});

test('drop: hand-written values, infinite and huge sources', () => {
  assertSame(L.range(10).drop(7).toArray(), [7, 8, 9]);
  assertSame(L.range(3).drop(Infinity).toArray(), []);
  assertSame(L.count().drop(5).take(3).toArray(), [5, 6, 7]);
  assert.equal(L.range(1e7).drop(1e7 - 1).first(), 1e7 - 1);
  assert.equal(L.range(1e7).drop(2).count(), 1e7 - 2);
});

test('drop: argument errors at the call', () => {
  for (const bad of [-1, NaN, 'a', undefined]) throwsAtCall((s) => s.drop(bad), RangeError, `drop(${show(bad)})`);
  for (const bad of [1n, Symbol.for('s')]) throwsAtCall((s) => s.drop(bad), TypeError, `drop(${show(bad)})`);
});

// ------------------------------------------------------------------ slice

const SLICE_ARGS = [[], [0], [2], [0, 2], [2, 4], [2, Infinity], [0, Infinity, 2], [1, 9, 2], [5, 2], [3, 3], [0, 0],
  [1, 600, 7], [250, 260], [0, undefined, 3], [600], [1.9, 5.2, 2], [0, 1000, 1000]];

test('slice: against the reference (Python islice)', () => {
  for (const args of SLICE_ARGS) {
    against(`slice(${args.map(show)})`, (s) => s.slice(...args), (it) => R.refSlice(it, ...args.map((a) => (a === undefined ? undefined : Math.trunc(a)))));
  }
});

test("slice: itertools documentation values", () => {
  const s = L.from('ABCDEFG');
  assertSame(s.slice(0, 2).toArray(), ['A', 'B'], "islice('ABCDEFG', 2)");
  assertSame(s.slice(2, 4).toArray(), ['C', 'D'], "islice('ABCDEFG', 2, 4)");
  assertSame(s.slice(2).toArray(), ['C', 'D', 'E', 'F', 'G'], "islice('ABCDEFG', 2, None)");
  assertSame(s.slice(0, Infinity, 2).toArray(), ['A', 'C', 'E', 'G'], "islice('ABCDEFG', 0, None, 2)");
  assertSame(s.slice(0, undefined, 2).toArray(), ['A', 'C', 'E', 'G'], 'stop undefined is no stop');
});

test('slice: reaching stop closes the source; infinite and huge sources', () => {
  const src = tracked([...R.refRange(10)]);
  assertSame(L.from(src).slice(1, 3).toArray(), [1, 2]);
  assert.deepEqual(src.stats, { opened: 1, nexts: 3, returns: 1 }, 'reads up to stop, then closes');
  assertSame(L.count().slice(10, Infinity, 5).take(3).toArray(), [10, 15, 20]);
  assertSame(L.count().slice(3, 6).toArray(), [3, 4, 5], 'an infinite source ends at stop');
  assert.equal(L.range(1e7).slice(0, Infinity, 1000).count(), 1e4);
  assertSame(L.range(0, 1e9).slice(5, 1e9, 1e8).toArray(), [...R.refRange(5, 1e9, 1e8)]);
});

test('slice: reads no value past the last one it yields (docs/semantics.md), unlike CPython\'s islice', () => {
  // With step 1, slice(a, b) reads what drop(a).take(b - a) reads under TC39: nothing when b <= a.
  // With a step it stops after the last value it can yield, where islice reads on up to stop.
  for (const [args, nexts] of [[[0, 5, 3], 4], [[0, 6, 3], 4], [[0, 7, 3], 7], [[1, 8, 3], 8], [[3, 3], 0], [[7, 1], 0], [[2, 4], 4]]) {
    const src = tracked([...R.refRange(20)]);
    assertSame(L.from(src).slice(...args).toArray(), [...R.refSlice(R.refRange(20), ...args)], `slice(${args})`);
    assert.equal(src.stats.nexts, nexts, `slice(${args}) reads ${nexts} values`);
    assert.equal(src.stats.returns, 1, `slice(${args}) then closes the source`);
  }
  for (const [a, b] of [[0, 3], [2, 5], [4, 4], [6, 2]]) {
    const viaSlice = tracked([...R.refRange(10)]), viaTake = tracked([...R.refRange(10)]);
    L.from(viaSlice).slice(a, b).toArray();
    L.from(viaTake).drop(a).take(Math.max(0, b - a)).toArray();
    assert.deepEqual(viaSlice.stats, viaTake.stats, `slice(${a}, ${b}) reads as drop(${a}).take(${Math.max(0, b - a)})`);
  }
});

test('slice: argument errors at the call', () => {
  throwsAtCall((s) => s.slice(-1), RangeError, 'slice(-1)');
  throwsAtCall((s) => s.slice(0, -1), RangeError, 'slice(0, -1)');
  throwsAtCall((s) => s.slice(NaN), RangeError, 'slice(NaN)');
  throwsAtCall((s) => s.slice(0, 5, 0), RangeError, 'slice(0, 5, 0)');
  throwsAtCall((s) => s.slice(0, 5, -1), RangeError, 'slice(0, 5, -1)');
  throwsAtCall((s) => s.slice(0, 5, 1.5), RangeError, 'slice(0, 5, 1.5)');
  throwsAtCall((s) => s.slice(0, 5, NaN), RangeError, 'slice(0, 5, NaN)');
  throwsAtCall((s) => s.slice(0, 5, '2'), TypeError, "slice(0, 5, '2')");
});

// ------------------------------------------------------------------ enumerate

test('enumerate: against the reference', () => {
  for (const start of [undefined, 0, 1, -5, 0.5, 1e6]) {
    against(`enumerate(${show(start)})`, (s) => s.enumerate(start), (it) => R.refEnumerate(it, start ?? 0));
  }
});

test('enumerate: hand-written values, infinite and huge sources', () => {
  assertSame(L.from('ab').enumerate().toArray(), [[0, 'a'], [1, 'b']]);
  assertSame(L.from('ab').enumerate(1).toArray(), [[1, 'a'], [2, 'b']]);
  assertSame(L.repeat(NaN).enumerate(-2).take(3).toArray(), [[-2, NaN], [-1, NaN], [0, NaN]]);
  assert.equal(L.range(1e7).enumerate().last()[0], 1e7 - 1);
  // the index is start + i: a running sum 1/3 + 1 + 1 + … differs from it from i = 2 on
  assertSame(L.range(40).enumerate(1 / 3).map(([i]) => i).toArray(), Array.from({ length: 40 }, (_, i) => 1 / 3 + i));
});

test('enumerate: argument errors at the call', () => {
  throwsAtCall((s) => s.enumerate('a'), TypeError, "enumerate('a')");
  throwsAtCall((s) => s.enumerate(1n), TypeError, 'enumerate(1n)');
  throwsAtCall((s) => s.enumerate(null), TypeError, 'enumerate(null)');
  throwsAtCall((s) => s.enumerate(NaN), RangeError, 'enumerate(NaN)');
  throwsAtCall((s) => s.enumerate(Infinity), RangeError, 'enumerate(Infinity)');
});

// ------------------------------------------------------------------ zip, concat, interleave

/* Other inputs: [name, what lazywasm gets, a fresh reference iterable]. */
const OTHERS = [
  ['[]', () => [], () => []],
  ["['a','b','c']", () => ['a', 'b', 'c'], () => ['a', 'b', 'c']],
  ['edge values', () => EDGE_VALUES, () => EDGE_VALUES],
  ['"xyz"', () => 'xyz', () => 'xyz'],
  ['count()', () => L.count(), () => R.refCount()],
  ['range(300)', () => L.range(300), () => R.refRange(300)],
  ['repeat(obj)', () => L.repeat(SHARED_OBJECT), () => R.refRepeat(SHARED_OBJECT)],
  ['generator fn', () => function* () { yield 1; yield 'g'; yield NaN; }, () => (function* () { yield 1; yield 'g'; yield NaN; })()],
  ['Set', () => new Set([-0, 10n]), () => new Set([-0, 10n])],
  ['map(x*3) pipeline', () => L.range(5).map((x) => x * 3), () => R.refMap(R.refRange(5), (x) => x * 3)],
];

const MULTI = [
  ['zip', (s, ...o) => s.zip(...o), (it, ...o) => R.refZip(it, ...o)],
  ['concat', (s, ...o) => s.concat(...o), (it, ...o) => R.refConcat(it, ...o)],
  ['interleave', (s, ...o) => s.interleave(...o), (it, ...o) => R.refInterleave(it, ...o)],
];

for (const [name, ours, ref] of MULTI) {
  test(`${name}: against the reference with no, one and two other inputs of every kind`, () => {
    const finiteOthers = OTHERS.filter(([n]) => !(name === 'concat' && /count|repeat/.test(n)));
    against(`${name}()`, (s) => ours(s), (it) => ref(it));
    for (const [oname, mk, mkRef] of finiteOthers) {
      against(`${name}(${oname})`, (s) => ours(s, mk()), (it) => ref(it, mkRef()));
    }
    for (let i = 0; i < OTHERS.length; i++) {
      const [n1, mk1, ref1] = OTHERS[i], [n2, mk2, ref2] = OTHERS[(i * 3 + 1) % OTHERS.length];
      const want = [...R.refTake(ref(EDGE_VALUES, ref1(), ref2()), 400)];
      assertSame(ours(L.from(EDGE_VALUES), mk1(), mk2()).take(400).toArray(), want, `${name}(${n1}, ${n2}).take(400)`);
    }
  });
}

test('zip/concat/interleave: infinite first inputs cut by take', () => {
  assertSame(L.count().zip('ab', L.repeat(null)).toArray(), [...R.refZip(R.refCount(), 'ab', R.refRepeat(null))]);
  assertSame(L.count().concat([1]).take(4).toArray(), [0, 1, 2, 3]);
  assertSame(L.count().interleave(L.count(100)).take(6).toArray(), [0, 100, 1, 101, 2, 102]);
  assert.equal(L.range(1e6).zip(L.count()).count(), 1e6);
  assert.equal(L.range(1e6).concat(L.range(1e6)).count(), 2e6);
  assert.equal(L.range(1e6).interleave(L.range(1e6)).count(), 2e6);
});

test('zip/concat/interleave: itertools and TC39 documentation values', () => {
  assertSame(L.from('ABCD').zip('xy').toArray(), [['A', 'x'], ['B', 'y']], "zip('ABCD', 'xy')");
  assertSame(L.from('ABC').concat('DEF').toArray(), [...'ABCDEF'], "chain('ABC', 'DEF')");
  assertSame(L.from('ABC').interleave('D', 'EF').toArray(), ['A', 'D', 'E', 'B'], 'until any input ends');
  assertSame(L.of(1, 2).zip().toArray(), [[1], [2]], 'zip() gives one-value arrays');
  const o = {};
  assert.equal(L.of(o).zip([o]).first()[1], o, 'identity');
});

test('zip and interleave close the other inputs when the shortest ends; concat reads in order', () => {
  const a = tracked([1, 2, 3], [], 'a'), b = tracked(['x'], [], 'b');
  assertSame(L.from(a).zip(b).toArray(), [[1, 'x']]);
  assert.deepEqual([a.stats.returns, b.stats.returns], [1, 0], 'zip: the longer input closed, the finished one not');
  const c = tracked([1, 2, 3], [], 'c'), d = tracked(['x'], [], 'd');
  assertSame(L.from(c).interleave(d).toArray(), [1, 'x', 2]);
  assert.deepEqual([c.stats.returns, d.stats.returns], [1, 0], 'interleave: the others closed');
  const log = [];
  const e = tracked([1], log, 'e'), f = tracked([2], log, 'f');
  assertSame(L.from(e).concat(f).toArray(), [1, 2]);
  assertSame(log, ['e.next', 'e.next', 'f.next', 'f.next'], 'concat reads one input after another');
});

test('concat cut early closes the current input and never opens the ones not reached (TC39 Iterator.concat)', () => {
  const g = tracked([1, 2], [], 'g'), h = tracked([3], [], 'h');
  assertSame(L.from(g).concat(h).take(1).toArray(), [1]);
  assert.equal(g.stats.returns, 1, 'the current input closed');
  assert.deepEqual(h.stats, { opened: 0, nexts: 0, returns: 0 }, 'the next input: [Symbol.iterator]() never called');
  let called = 0;
  assertSame(L.of(1).concat(L.from(() => { called++; return [5]; })).take(1).toArray(), [1]);
  assert.equal(called, 0, 'the function of a from(fn) input not reached is never called');
});

test('zip/concat/interleave: argument errors at the call', () => {
  for (const m of ['zip', 'concat', 'interleave']) {
    for (const bad of [null, undefined, 42, {}, 10n]) throwsAtCall((s) => s[m](bad), TypeError, `${m}(${show(bad)})`);
    throwsAtCall((s) => s[m]([1], null), TypeError, `${m}([1], null)`);
  }
});

// ------------------------------------------------------------------ chunk, window, pairwise

const SIZES = [1, 2, 3, 7, 255, 256, 257, 600, 1000];

test('chunk: against the reference for many sizes', () => {
  for (const n of SIZES) against(`chunk(${n})`, (s) => s.chunk(n), (it) => R.refChunk(it, n));
});

test('window: against the reference for many sizes', () => {
  for (const n of SIZES) against(`window(${n})`, (s) => s.window(n), (it) => R.refWindow(it, n));
});

test('pairwise: against the reference', () => {
  against('pairwise', (s) => s.pairwise(), (it) => R.refPairwise(it));
});

test('chunk/window/pairwise: itertools values, infinite and huge sources', () => {
  assertSame(L.from('ABCDEFG').chunk(3).toArray(), [['A', 'B', 'C'], ['D', 'E', 'F'], ['G']], "batched('ABCDEFG', 3)");
  assertSame(L.from('ABCDEFG').window(4).toArray().map((w) => w.join('')), ['ABCD', 'BCDE', 'CDEF', 'DEFG'], "sliding_window('ABCDEFG', 4)");
  assertSame(L.from('ABCDEFG').pairwise().toArray().map((w) => w.join('')), ['AB', 'BC', 'CD', 'DE', 'EF', 'FG'], "pairwise('ABCDEFG')");
  assertSame(L.of(1, 2).window(3).toArray(), [], 'a window longer than the sequence: nothing');
  assertSame(L.count().chunk(2).take(3).toArray(), [[0, 1], [2, 3], [4, 5]]);
  assertSame(L.count().window(3).take(2).toArray(), [[0, 1, 2], [1, 2, 3]]);
  assertSame(L.count().pairwise().take(2).toArray(), [[0, 1], [1, 2]]);
  const w = L.range(5).window(2).toArray();
  assert.notEqual(w[0], w[1], 'each window is a fresh array');
  assert.equal(L.range(1e7).chunk(1000).count(), 1e4);
  assert.equal(L.range(1e6).window(3).count(), 1e6 - 2);
  assert.equal(L.range(1e6).pairwise().count(), 1e6 - 1);
  assertSame(L.range(1e6).chunk(2 ** 32 - 1).first().length, 1e6, 'the largest size');
});

test('chunk/window: argument errors at the call', () => {
  for (const m of ['chunk', 'window']) {
    for (const bad of [0, -1, 1.5, NaN, Infinity, 2 ** 32]) throwsAtCall((s) => s[m](bad), RangeError, `${m}(${show(bad)})`);
    for (const bad of ['2', 2n, null, undefined]) throwsAtCall((s) => s[m](bad), TypeError, `${m}(${show(bad)})`);
  }
});

// ------------------------------------------------------------------ dedupe, unique

test('dedupe: against the reference (SameValueZero to the previous value)', () => {
  against('dedupe', (s) => s.dedupe(), (it) => R.refDedupe(it));
});

test('unique: against the reference (SameValueZero, first time seen)', () => {
  against('unique', (s) => s.unique(), (it) => R.refUnique(it));
});

test('unique/dedupe/includes: every NaN is one value, also NaNs computed by compiled callbacks', () => {
  const nans = () => L.of(Infinity, NaN, -Infinity, 'zz').map((x) => x * 0);   // NaN from WASM and from JS
  assertSame(nans().toArray(), [NaN, NaN, NaN, NaN], 'four NaNs');
  assertSame(nans().dedupe().toArray(), [NaN], 'dedupe');
  assertSame(nans().unique().toArray(), [NaN], 'unique');
  assertSame(L.of(Infinity, NaN).map((x) => x * 0).unique().toArray(), [NaN], 'of(Infinity, NaN).map(x => x * 0).unique()');
  assert.equal(nans().includes(NaN), true, 'includes');
});

test('dedupe/unique: itertools values, edge values, huge sources', () => {
  assertSame(L.from('AAAABBBCCDAABBB').dedupe().toArray(), [...'ABCDAB'], "unique_justseen('AAAABBBCCDAABBB')");
  assertSame(L.from('AAAABBBCCDAABBB').unique().toArray(), [...'ABCD'], "unique_everseen('AAAABBBCCDAABBB')");
  assertSame(L.of(NaN, NaN, -0, 0, 0, -0).dedupe().toArray(), [NaN, -0], 'NaN equals NaN, -0 equals 0 (the first kept)');
  assertSame(L.of(0, -0, NaN, 1, NaN, 0).unique().toArray(), [0, NaN, 1]);
  assertSame(L.of(-0, 0).unique().toArray(), [-0], 'the value itself is passed on');
  assertSame(L.of({ k: 1 }, { k: 1 }).unique().count(), 2, 'objects by identity');
  assertSame(L.of('1', 1, 1n, true).unique().toArray(), ['1', 1, 1n, true], 'no coercion');
  assertSame(L.count().map((x) => x >> 2).dedupe().take(3).toArray(), [0, 1, 2]);
  assertSame(L.count().map((x) => x % 5).unique().take(5).toArray(), [0, 1, 2, 3, 4]);
  assert.equal(L.range(1e7).dedupe().count(), 1e7);
  assert.equal(L.range(1e6).map((x) => x % 1000).unique().count(), 1000);
  assert.equal(L.range(2e5).unique().count(), 2e5);
});

// ------------------------------------------------------------------ cycle

test('cycle: against the reference (cut by take)', () => {
  for (const n of [0, 1, 5, 300, 1300]) {
    against(`cycle().take(${n})`, (s) => s.cycle().take(n), (it) => R.refTake(R.refCycle(it), n));
  }
});

test('cycle: itertools values; the source is read once', () => {
  assertSame(L.from('ABCD').cycle().take(10).toArray(), [...'ABCDABCDAB'], "cycle('ABCD')");
  assertSame(L.empty().cycle().toArray(), [], 'an empty sequence cycles to nothing');
  const src = tracked([1, 2]);
  const calls = [];
  assertSame(L.from(src).map((x) => { calls.push(x); return x; }).cycle().take(7).toArray(), [1, 2, 1, 2, 1, 2, 1]);
  assert.equal(src.stats.opened, 1, 'one pass');
  assertSame(calls, [1, 2], 'upstream callbacks run once per value');
  assertSame(L.count().cycle().take(3).toArray(), [0, 1, 2], 'an infinite sequence cycles to itself');
  assert.equal(L.of(1, 2, 3).cycle().take(1e7).count(), 1e7);
  assert.equal(L.of(0.5).cycle().take(1e6).sum(), 5e5);
});

// ------------------------------------------------------------------ tee

test('tee: every branch sees every value, against the reference', () => {
  for (const [inputName, input] of Object.entries(INPUTS)) {
    for (const [sourceName, makeSource] of Object.entries(SOURCES)) {
      for (const n of [1, 2, 3]) {
        const what = `tee(${n}) on ${inputName} (${sourceName})`;
        const ours = makeSource(input).tee(n), theirs = R.refTee(input, n);
        assert.equal(ours.length, n, `${what}: ${n} branches`);
        // read the branches one after another (the buffer holds everything)
        ours.forEach((b, i) => assertSame(b.toArray(), [...theirs[i]], `${what}: branch ${i}`));
        // read them in lockstep
        const iters = makeSource(input).tee(n).map((b) => b[Symbol.iterator]());
        const rows = [];
        for (;;) {
          const row = iters.map((it) => it.next());
          if (row.every((r) => r.done)) break;
          assert.ok(row.every((r) => !r.done), `${what}: lockstep branches end together`);
          rows.push(row.map((r) => r.value));
        }
        assertSame(rows, [...R.refMap(input, (x) => Array(n).fill(x))], `${what}: lockstep`);
      }
    }
  }
});

test('tee: branches are one-shot; upstream code runs once; infinite and huge sources', () => {
  const [a, b] = L.of(1, 'x', NaN).tee();
  assertSame(a.toArray(), [1, 'x', NaN]);
  assert.throws(() => a.toArray(), TypeError, 'a branch iterated twice');
  assertSame([...b], [1, 'x', NaN]);
  assert.throws(() => [...b], TypeError);
  assertSame(L.of(1).tee(0), [], 'tee(0)');
  const calls = [];
  const [c, d, e] = L.range(4).map((x) => { calls.push(x); return x * 2; }).tee(3);
  assertSame([c.toArray(), d.toArray(), e.toArray()], [[0, 2, 4, 6], [0, 2, 4, 6], [0, 2, 4, 6]]);
  assertSame(calls, [0, 1, 2, 3], 'the map callback ran once per value');
  const [f, g] = L.count().tee();
  assertSame(f.take(3).toArray(), [0, 1, 2]);
  assertSame(g.take(5).toArray(), [0, 1, 2, 3, 4]);
  const [h, i] = L.range(10).tee();
  assertSame(h.zip(i.drop(1)).toArray(), [...R.refPairwise(R.refRange(10))], 'zip of two branches of one source');
  const [j, l] = L.range(1e6).tee();
  assert.equal(j.zip(l).count(), 1e6, 'a million values in lockstep');
  const s = L.range(3);
  assertSame(s.tee()[0].toArray(), s.tee()[1].toArray(), 'a Seq can be teed again');
});

test('tee: a source or a JS callback that fails part-way through a batch: the values before the error reach every branch, then the error, once', () => {
  const handles = liveHandles();
  const boom = new Error('boom');
  for (const n of [1, 3, 255, 256, 257, 600]) {
    const values = ['one', ...R.refRange(2, n + 1)];
    const gen = function* () { yield* values; throw boom; };
    // an array is data the engine reads ahead, but a getter is user code: one after a string
    // (which tells the array is not all numbers) is first called by the batch reading it
    const arrayWithThrowingGetter = () => {
      const arr = [...values, 0];
      Object.defineProperty(arr, n, { get() { throw boom; } });
      return arr;
    };
    const k = 1;   // a closure: the stages below call JS, in a chain
    const throwingMap = (x) => { if (x === n + 1) throw boom; return x * k; };
    const sources = [['generator', () => L.from(gen)], ['array getter', () => L.from(arrayWithThrowingGetter())],
      ['generator through JS stages', () => L.from(gen).map((x) => (typeof x === 'number' ? x * k : x)).filter((x) => x !== k - 1)],
      ['a JS callback throwing, over an engine source', () => L.range(1, n + 2).map(throwingMap).map((x) => (x === 1 ? 'one' : x))],
      ['a JS callback throwing, over a generator', () => L.from(function* () { yield* [...R.refRange(1, n + 2)]; }).map(throwingMap).map((x) => (x === 1 ? 'one' : x))]];
    for (const [sourceName, make] of sources) {
      // as a reader one value at a time sees it: n values, then the error
      const one = [];
      assert.throws(() => { for (const x of make()) one.push(x); }, (e) => e === boom);
      assertSame(one, values, `${sourceName}, for…of`);
      for (const reader of ['toArray', 'count', 'for…of']) {
        const what = `${sourceName}, ${n} values, the first branch read by ${reader}`;
        const [a, b] = make().tee();
        assert.throws(() => {
          if (reader === 'toArray') a.toArray();
          else if (reader === 'count') a.count();
          else for (const x of a) void x;
        }, (e) => e === boom, what);
        // Python's tee: the other branch has the values read before the error, then finds the source finished
        assertSame(b.toArray(), values, `${what}: the other branch`);
      }
    }
  }
  assert.equal(liveHandles(), handles);
});

test('tee: argument errors at the call', () => {
  throwsAtCall((s) => s.tee(-1), RangeError, 'tee(-1)');
  throwsAtCall((s) => s.tee(1.5), RangeError, 'tee(1.5)');
  throwsAtCall((s) => s.tee(NaN), RangeError, 'tee(NaN)');
  throwsAtCall((s) => s.tee('2'), TypeError, "tee('2')");
  throwsAtCall((s) => s.tee(null), TypeError, 'tee(null)');
  // the branches are made at the call: billions would be a fatal out-of-memory of the JS heap
  throwsAtCall((s) => s.tee(65537), RangeError, 'tee(65537)');
  throwsAtCall((s) => s.tee(2 ** 32 - 1), RangeError, 'tee(2^32 - 1)');
  assert.equal(L.of(1).tee(65536).length, 65536);
});

test('a source whose return is neither a function nor undefined/null: a TypeError saying so when closed, dropped after another error', async () => {
  const handles = liveHandles();   // (unrun tee branches of the tests before hold theirs until collected)
  const make = () => ({ i: 0, next() { return { value: this.i++, done: false }; }, return: 5, [Symbol.iterator]() { return this; } });
  const message = "the iterator's return is 5, not a function";
  assert.throws(() => L.from(make()).take(2).toArray(), { name: 'TypeError', message });
  const boom = new Error('boom');
  assert.throws(() => L.from(make()).map(() => { throw boom; }).toArray(), (e) => e === boom);
  await assert.rejects(L.fromAsync(make()).take(2).toArray(), { name: 'TypeError', message });
  const asyncMake = () => ({ i: 0, async next() { return { value: this.i++, done: false }; }, return: 5, [Symbol.asyncIterator]() { return this; } });
  await assert.rejects(L.fromAsync(asyncMake()).take(2).toArray(), { name: 'TypeError', message });
  assert.equal(liveHandles(), handles);
});

// ------------------------------------------------------------------ pipelines inside callbacks

test('pipelines run inside callbacks of pipelines: fine when nested a little; too deep, a RangeError (never a broken module)', () => {
  const handles = liveHandles();   // (unrun tee branches of the tests before hold theirs until collected)
  // a callback that runs a pipeline whose callback runs a pipeline, … `levels` deep: each adds 1
  const nested = (levels, consume) => {
    const at = (level) => (x) => (level === levels ? x : consume(L.range(1, 2).map(at(level + 1))) + x);
    return consume(L.range(1, 2).map(at(1)));
  };
  const sum = (s) => s.sum(), toArray = (s) => s.toArray().reduce((a, b) => a + b, 0);
  const forOf = (s) => { let t = 0; for (const x of s) t += x; return t; };
  for (const [name, consume] of [['sum', sum], ['toArray', toArray], ['for…of', forOf]]) {
    assert.equal(nested(100, consume), 100, `${name}: 100 levels`);
  }
  // sum nests inside WebAssembly with few JS frames per level: the engine's stack runs out first, and says so
  assert.throws(() => nested(100000, sum), { name: 'RangeError', message: /Maximum call stack size exceeded \(pipelines run from callbacks/ });
  assertSame(L.range(0, 5).map((x) => x * 2).toArray(), [0, 2, 4, 6, 8], 'the module still works');
  assert.equal(liveHandles(), handles, 'every pipeline was closed and freed');
  // with more JS per level (for…of runs the callbacks in JS), JS's own stack may run out first, its
  // RangeError; pipelines whose cleanup itself ran out of stack are freed when collected
  for (const [name, consume] of [['toArray', toArray], ['for…of', forOf]]) {
    assert.throws(() => nested(100000, consume), RangeError, name);
    assertSame(L.range(0, 5).map((x) => x * 2).toArray(), [0, 2, 4, 6, 8], `${name}: the module still works`);
  }
});

test("an error is reported unchanged even when closing the sources runs (and fails) pipelines of its own", async () => {
  const handles = liveHandles();   // (unrun tee branches of the tests before hold theirs until collected)
  const boom = new Error('outer boom');
  function* gen() {
    try { for (let i = 0; ; i++) yield i; } finally {
      try { L.of(1).map(() => { throw new Error('inner'); }).toArray(); } catch { /* its own */ }
    }
  }
  const failing = (x) => { if (x === 2) throw boom; return x; };
  assert.throws(() => L.from(gen()).map(failing).toArray(), (e) => e === boom, 'toArray');
  assert.throws(() => L.from(gen()).map(failing).some((x) => x > 5), (e) => e === boom, 'some');
  assert.throws(() => L.from(gen()).map(failing).zip(L.range(0, 9)).toArray(), (e) => e === boom, 'zip');
  await assert.rejects(L.fromAsync(gen()).map(failing).toArray(), (e) => e === boom, 'fromAsync');
  assert.equal(liveHandles(), handles);
});

test('a pipeline refused for nesting too deeply leaves the nodes it shares as they were: the other branch of a tee reads them all', () => {
  const nested = (levels, inner) => {
    const at = (level) => (x) => (level === levels ? inner() : L.range(1, 2).map(at(level + 1)).sum() + x);
    return L.range(1, 2).map(at(1)).sum();
  };
  // deeper and deeper until the innermost call, a.count() on a branch of the tee, is the one refused
  for (let levels = 300; ; levels++) {
    assert.ok(levels < 5000, 'the stack never ran out');
    const log = [];
    function* gen() { try { for (let i = 0; i < 5; i++) { log.push(i); yield i; } } finally { log.push('closed'); } }
    let src = L.from(gen());
    for (let j = 0; j < 6; j++) src = src.zipLongest([]).map(([x]) => x);
    const [a, b] = src.tee();
    let error = null;
    try { nested(levels, () => a.count()); } catch (e) { error = e; }
    assertSame(b.toArray(), [0, 1, 2, 3, 4], `${levels} levels: the other branch`);
    assertSame(log, [0, 1, 2, 3, 4, 'closed'], `${levels} levels: the generator read once, to its end`);
    if (error === null) continue;
    assert.ok(error instanceof RangeError && /^count: Maximum call stack size exceeded/.test(error.message), String(error));
    break;
  }
});

// ------------------------------------------------------------------ throwing callbacks

test('a throwing callback: the same error comes out and the source is closed (TC39)', () => {
  const stages = {
    map: (s, f) => s.map(f), filter: (s, f) => s.filter(f), flatMap: (s, f) => s.flatMap((x, i) => [f(x, i)]),
    takeWhile: (s, f) => s.takeWhile((x, i) => f(x, i) || true), dropWhile: (s, f) => s.dropWhile((x, i) => f(x, i) || true),
    scan: (s, f) => s.scan((a, x, i) => f(x, i), 0),
  };
  for (const [name, apply] of Object.entries(stages)) {
    for (const sink of ['toArray', 'forEach', 'sum', 'count', 'first', 'spread']) {
      const src = tracked([1, 2, 3, 4]);
      const boom = new Error(`boom in ${name}`);
      const calls = [];
      const seq = apply(L.from(src), (x, i) => { calls.push(i); if (x === 2) throw boom; return x; });
      const run = { toArray: () => seq.toArray(), forEach: () => seq.forEach(() => {}), sum: () => seq.sum(), count: () => seq.count(),
        first: () => seq.drop(3).first(), spread: () => [...seq] }[sink];
      assert.throws(run, (e) => e === boom, `${name} then ${sink}: the error itself`);
      assertSame(calls, [0, 1], `${name} then ${sink}: no call after the throw`);
      assert.deepEqual(src.stats, { opened: 1, nexts: 2, returns: 1 }, `${name} then ${sink}: source read twice, then closed`);
    }
  }
});

// ------------------------------------------------------------------ chains

test('long chains of every transform against the reference', () => {
  const input = [...R.refMap(R.refRange(700), (x) => EDGE_VALUES[(x * 3) % EDGE_VALUES.length])];
  const f = (x, i) => (typeof x === 'number' ? x * 2 + i : x);
  const p = (x) => x === x;
  const row = ([v, i]) => (typeof v === 'number' ? v + i : v);
  const ours = L.from(input).map(f).filter(p).enumerate().flatMap((r) => r).dropWhile((x) => x === 0)
    .scan((a, x) => (typeof x === 'number' ? x : a), 0).chunk(3).map((c) => c[0]).window(2).map((w) => w[1])
    .dedupe().zip(L.count()).map(row).interleave(L.repeat('sep')).slice(0, 500, 2).concat(['end']).unique().take(200);
  const theirs = R.refTake(R.refUnique(R.refConcat(R.refSlice(R.refInterleave(R.refMap(R.refZip(R.refDedupe(R.refMap(R.refWindow(R.refMap(R.refChunk(
    R.refScan(R.refDropWhile(R.refFlatMap(R.refEnumerate(R.refFilter(R.refMap(input, f), p)), (r) => r), (x) => x === 0),
      (a, x) => (typeof x === 'number' ? x : a), 0), 3), (c) => c[0]), 2), (w) => w[1])), R.refCount()), row), R.refRepeat('sep')), 0, 500, 2), ['end'])), 200);
  const want = [...theirs];
  assert.ok(want.length > 100, `the chain gives many values (${want.length})`);
  assertSame(ours.toArray(), want, 'a chain of 20 stages');
});
