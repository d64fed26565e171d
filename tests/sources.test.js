// Sources (docs/semantics.md, "Sources"): range, count, repeat, iterate, recurrence,
// fibonacci, random, from, of, empty, each against its plain-JS reference in
// tests/reference.js: empty, one value, normal, infinite cut by take, edge
// values, values that are not numbers, huge counts, re-iteration, argument errors.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as L from '../lib/node.js';
import * as R from './reference.js';
import { E } from '../lib/engine.js';
import { liveHandles } from '../lib/values.js';

const { assertSame, show, EDGE_VALUES, EDGE_NUMBER_VALUES, NON_NUMBERS, SHARED_OBJECT: SHARED } = R;

/* `seq` gives `expected` by toArray, by for…of and by toArray again (re-iteration). */
function check(seq, expected, message) {
  const want = [...expected];
  assertSame(seq.toArray(), want, `${message}: toArray`);
  assertSame([...seq], want, `${message}: for…of (second iteration)`);
  const viaForEach = [];
  seq.forEach((x) => viaForEach.push(x));
  assertSame(viaForEach, want, `${message}: forEach (third iteration)`);
}

/* The first n values of a sequence and of a reference iterable. */
function checkPrefix(seq, refIterable, n, message) {
  assertSame(seq.take(n).toArray(), [...R.refTake(refIterable, n)], message);
}

// ------------------------------------------------------------------ range

const RANGE_ARGS = [
  [5], [0], [1], [-3], [2.5], [2, 7], [7, 2], [7, 7], [0, 1, 0.1], [0, 0.7, 0.1], [0, 0.3, 0.1],
  [0, 1, 0.3], [0, 10, -1], [10, 0, 1], [5, 0, -2], [0, 10, 3], [-5, 5, 2.5], [3, 3, 0],
  [1e15, 1e15 + 5], [2 ** 53, 2 ** 53 + 10], [-(2 ** 53), -(2 ** 53) + 4], [0, 1e-300, 1e-301],
  [0.1, 0.5, 0.1], [1, -1, -0.25], [Number.MAX_VALUE, Infinity, Number.MAX_VALUE],
  [0, 5, 2], [Number.MIN_VALUE, 1e-322, Number.MIN_VALUE],
];

test('range: finite argument lists against the reference (toArray, for…of, forEach)', () => {
  for (const args of RANGE_ARGS) check(L.range(...args), R.refRange(...args), `range(${args.map(show)})`);
});

test('range: hand-written values (TC39/Python style)', () => {
  assertSame(L.range(5).toArray(), [0, 1, 2, 3, 4], 'range(5)');
  assertSame(L.range(2, 7).toArray(), [2, 3, 4, 5, 6], 'range(2, 7)');
  assertSame(L.range(7, 2).toArray(), [7, 6, 5, 4, 3], 'range(7, 2): step defaults to -1');
  assertSame(L.range(0, 10, 3).toArray(), [0, 3, 6, 9], 'range(0, 10, 3)');
  assertSame(L.range(0, 10, -1).toArray(), [], 'step in the other direction: empty');
  assertSame(L.range(3, 3, 0).toArray(), [], 'step 0 with start === end: empty');
  assertSame(L.range(0, 1, 0.1).toArray(), [0, 0.1, 0.2, 0.1 * 3, 0.4, 0.5, 0.1 * 6, 0.1 * 7, 0.8, 0.9],
    'range(0, 1, 0.1): start + step * i, never accumulated');
  assertSame(L.range(0, 1, 0.1).count(), 10, 'range(0, 1, 0.1) has 10 values');
});

test('range: -0 start follows start + step * i', () => {
  assertSame(L.range(-0, 2).toArray(), [...R.refRange(-0, 2)], 'range(-0, 2)');
  assertSame(L.range(-0, -2).toArray(), [...R.refRange(-0, -2)], 'range(-0, -2)');
});

test('range: infinite ends cut by take', () => {
  checkPrefix(L.range(0, Infinity), R.refRange(0, Infinity), 5, 'range(0, Infinity)');
  checkPrefix(L.range(Infinity), R.refRange(Infinity), 5, 'range(Infinity)');
  checkPrefix(L.range(0, -Infinity, -2.5), R.refRange(0, -Infinity, -2.5), 5, 'range(0, -Infinity, -2.5)');
  checkPrefix(L.range(1, -Infinity), R.refRange(1, -Infinity), 4, 'range(1, -Infinity): step -1');
  checkPrefix(L.range(0, Infinity, 1e308), R.refRange(0, Infinity, 1e308), 4, 'range(0, Infinity, 1e308)');
  assertSame(L.range(0, Infinity).map((x) => x * x).take(5).toArray(), [0, 1, 4, 9, 16], 'map then take');
  assertSame(L.range(0, 1e9).take(3).toArray(), [0, 1, 2], 'range(0, 1e9).take(3)');
  assertSame(L.range(0, Infinity).drop(1e6).first(), 1e6, 'drop a million');
});

test('range: huge counts', () => {
  assert.equal(L.range(0, 1e7).count(), 1e7);
  assert.equal(L.range(1e7).last(), 1e7 - 1);
  assertSame(L.range(0, 1e7).sum(), R.refSum(R.refRange(0, 1e7)), 'sum of 1e7 values');
  assert.equal(L.range(0, 1e9).nth(5), 5);
  assert.equal(L.range(1e7, 0).count(), 1e7);
});

test('range: argument errors at the call', () => {
  assert.throws(() => L.range(), TypeError, 'range()');
  assert.throws(() => L.range('5'), TypeError, "range('5')");
  assert.throws(() => L.range(0, 'a'), TypeError, "range(0, 'a')");
  assert.throws(() => L.range(0, 5, '1'), TypeError, "range(0, 5, '1')");
  assert.throws(() => L.range(0n, 5), TypeError, 'range(0n, 5)');
  assert.throws(() => L.range(0, 5n), TypeError, 'range(0, 5n)');
  assert.throws(() => L.range(null), TypeError, 'range(null)');
  assert.throws(() => L.range(0, undefined), TypeError, 'range(0, undefined)');
  assert.throws(() => L.range(Symbol.for('s')), TypeError, 'range(symbol)');
  assert.throws(() => L.range(0, 5, 0), RangeError, 'range(0, 5, 0)');
  assert.throws(() => L.range(Infinity, 5), RangeError, 'range(Infinity, 5): start must be finite');
  assert.throws(() => L.range(-Infinity, 5), RangeError, 'range(-Infinity, 5)');
  assert.throws(() => L.range(0, 5, Infinity), RangeError, 'range(0, 5, Infinity): step must be finite');
  assert.throws(() => L.range(NaN, 5), RangeError, 'range(NaN, 5)');
  assert.throws(() => L.range(0, 5, NaN), RangeError, 'range(0, 5, NaN)');
  assert.throws(() => L.range(0, NaN), Error, 'range(0, NaN)');
});

// ------------------------------------------------------------------ count

test('count: against the reference, cut by take', () => {
  for (const args of [[], [5], [-3], [10, -0.5], [0, 0.1], [1e308, 1e308], [0, 0], [5, 0], [0.5, 2 ** 52], [-(2 ** 53), 1]]) {
    checkPrefix(L.count(...args), R.refCount(...args), 12, `count(${args.map(show)})`);
    const s = L.count(...args).take(7);
    assertSame(s.toArray(), s.toArray(), `count(${args.map(show)}): re-iteration`);
  }
  assertSame(L.count(0, 0.1).nth(10), 1, 'count(0, 0.1): 0.1 * 10 is exactly 1 (not accumulated)');
  assertSame(L.count().map((x) => x * 3).take(5).toArray(), [0, 3, 6, 9, 12], 'count().map().take(5)');
  assertSame(L.count(-0).first(), R.refFirst(R.refCount(-0)), 'count(-0).first()');
});

test('count: huge counts', () => {
  assert.equal(L.count().take(1e7).count(), 1e7);
  assert.equal(L.count(1).drop(1e7).first(), 1e7 + 1);
  assert.equal(L.count(0, 2).nth(1e6), 2e6);
});

test('count: argument errors at the call', () => {
  assert.throws(() => L.count('a'), TypeError);
  assert.throws(() => L.count(0, '1'), TypeError);
  assert.throws(() => L.count(1n, 1), TypeError, 'a BigInt start with a number step (count(1n) is BigInts: tests/numbers.test.js)');
  assert.throws(() => L.count(null), TypeError);
  assert.throws(() => L.count(NaN), RangeError);
  assert.throws(() => L.count(Infinity), RangeError);
  assert.throws(() => L.count(0, NaN), RangeError);
  assert.throws(() => L.count(0, -Infinity), RangeError);
});

// ------------------------------------------------------------------ repeat

test('repeat: every edge value and non-number, identity preserved', () => {
  for (const v of EDGE_VALUES) {
    check(L.repeat(v, 3), R.refRepeat(v, 3), `repeat(${show(v)}, 3)`);
    checkPrefix(L.repeat(v), R.refRepeat(v), 4, `repeat(${show(v)}) for ever`);
    check(L.repeat(v, 1), [v], `repeat(${show(v)}, 1)`);
    check(L.repeat(v, 0), [], `repeat(${show(v)}, 0)`);
  }
  const o = { k: 1 };
  const got = L.repeat(o, 300).toArray();
  assert.equal(got.length, 300);
  assert.ok(got.every((x) => x === o), 'the same object 300 times');
  assertSame(L.repeat().take(2).toArray(), [undefined, undefined], 'repeat(): undefined for ever');
});

test('repeat: times converted as TC39 take converts its limit', () => {
  check(L.repeat('x', 2.9), ['x', 'x'], 'repeat(x, 2.9)');
  check(L.repeat('x', '3'), ['x', 'x', 'x'], "repeat(x, '3')");
  check(L.repeat('x', -0.5), [], 'repeat(x, -0.5): ToIntegerOrInfinity gives 0');
  check(L.repeat('x', null), [], 'repeat(x, null)');
  checkPrefix(L.repeat('x', Infinity), R.refRepeat('x'), 5, 'repeat(x, Infinity)');
});

test('repeat: huge counts', () => {
  assert.equal(L.repeat(1, 1e7).count(), 1e7);
  assert.equal(L.repeat(0.5, 1e6).sum(), 5e5);
  assertSame(L.repeat(7, 1e9).take(3).toArray(), [7, 7, 7]);
  assert.equal(L.repeat('s').take(1e6).count(), 1e6);
});

test('repeat: argument errors at the call', () => {
  assert.throws(() => L.repeat(1, -1), RangeError);
  assert.throws(() => L.repeat(1, NaN), RangeError);
  assert.throws(() => L.repeat(1, 'a'), RangeError);
  assert.throws(() => L.repeat(1, Symbol.for('s')), TypeError);
});

// ------------------------------------------------------------------ iterate

test('iterate: against the reference, compiled and JS callbacks', () => {
  const k = 3;
  const cases = [
    [1, (x) => x * 2, 1100], [1, (x) => x * k, 30], ['a', (x, i) => x + i, 6], [0, (x, i) => x + i, 50],
    [-0, (x) => x, 5], [-0, (x) => x * 1, 5], [NaN, (x) => x + 1, 3], [Infinity, (x) => -x, 4], [0.5, (x) => Math.sqrt(x), 20],
    [10n, (x) => x * 2n, 5], [null, (x) => [x], 4], [undefined, (x) => typeof x, 3], [1, (x) => 1 / x - x, 10],
    [1e-310, (x) => x / 2, 40], [7, function (x) { return x % 2 ? 3 * x + 1 : x / 2; }, 30],
  ];
  for (const [seed, f, n] of cases) {
    checkPrefix(L.iterate(seed, f), R.refIterate(seed, f), n, `iterate(${show(seed)}, ${f})`);
    const s = L.iterate(seed, f).take(n);
    assertSame(s.toArray(), [...s], `iterate(${show(seed)}, ${f}): re-iteration`);
  }
  const o = {};
  const got = L.iterate(o, (x) => x).take(3).toArray();
  assert.ok(got.length === 3 && got.every((x) => x === o), 'object identity');
});

test('iterate: fn runs only when its value is pulled', () => {
  const calls = [];
  const f = (x, i) => { calls.push([x, i]); return x + 1; };
  assertSame(L.iterate(10, f).take(3).toArray(), [10, 11, 12]);
  assertSame(calls, [[10, 0], [11, 1]], 'two calls for three values');
  calls.length = 0;
  assert.equal(L.iterate(10, f).first(), 10);
  assertSame(calls, [], 'first() calls fn never');
  calls.length = 0;
  const it = L.iterate(10, f)[Symbol.iterator]();
  it.next();
  assertSame(calls, [], 'after one next()');
  it.next();
  assertSame(calls, [[10, 0]], 'after two next()');
  it.return();
});

test('iterate: argument errors at the call', () => {
  assert.throws(() => L.iterate(1), TypeError);
  assert.throws(() => L.iterate(1, 42), TypeError);
  assert.throws(() => L.iterate(1, null), TypeError);
  assert.throws(() => L.iterate(1, {}), TypeError);
});

// ------------------------------------------------------------------ recurrence

test('recurrence: against the reference, one to many seeds, compiled and JS callbacks', () => {
  const k = 1;
  const cases = [
    [[0, 1], (a, b) => a + b, 1600], [[0, 1], (a, b) => (a + b) % 1e9, 3000], [[0, 1], (a, b) => a + b + 0 * k, 100],
    [[2, 1], (a, b, i) => a * 0.5 - b + i, 300], [[1], (x) => x * 2, 1100], [[-0, -0], (a, b) => a + b, 5],
    [[-0, 0], (a, b) => a * b, 5], [[NaN, 1], (a, b) => b - a, 4], [[Infinity, -Infinity], (a, b) => a + b, 4],
    [[1e-310, 1e308], (a, b) => b / a, 4], [[0, 0, 1], (a, b, c) => a + b + c, 80], [[1, 2, 3, 4], (...xs) => xs.join(), 7],
    [['a', 'b'], (a, b) => a + b, 6], [[1n, 1n], (a, b) => a + b, 100], [[null, 1], (a, b) => [a, b], 4],
    [[3], (x) => x > 2, 4], [[1, 2], (a, b) => a < b, 5], [[5, 'x'], (a, b) => a + b, 5],
    [Array.from({ length: 1024 }, (_, i) => i), (...xs) => xs[0] + xs[1023], 1100],
  ];
  for (const [seeds, f, n] of cases) {
    checkPrefix(L.recurrence(seeds, f), R.refRecurrence(seeds, f), n, `recurrence(${seeds.length} seeds, ${f})`);
    const s = L.recurrence(seeds, f).take(n);
    assertSame(s.toArray(), [...s], `recurrence(${f}): re-iteration`);
  }
  assertSame(L.recurrence([0, 1], (a, b) => a + b).take(2).toArray(), [0, 1], 'the seeds alone');
  assertSame(L.recurrence([0, 1], (a, b) => a + b).take(0).toArray(), [], 'nothing');
  assert.match(L.recurrence([0, 1], (a, b) => a + b).explain(), /^recurrence: compiled, runs in WASM$/);
  assert.match(L.recurrence([0, 1], (a, b) => a + b * k).explain(), /recurrence: calls JS \(not compiled: it reads 'k'/);
  assert.match(L.recurrence([0, 1, 2], (a, b, c) => a + b + c).explain(), /calls JS \(not compiled: only a recurrence over one or two values is compiled\)/);
});

test('recurrence: fn runs only when its value is pulled, with the last values and its index', () => {
  const calls = [];
  const f = (a, b, c, i) => { calls.push([a, b, c, i]); return a + b + c; };
  assertSame(L.recurrence([0, 0, 1], f).take(5).toArray(), [0, 0, 1, 1, 2]);
  assertSame(calls, [[0, 0, 1, 0], [0, 1, 1, 1]], 'two calls for five values');
  calls.length = 0;
  const it = L.recurrence([0, 0, 1], f)[Symbol.iterator]();
  for (let n = 0; n < 3; n++) it.next();
  assertSame(calls, [], 'the seeds need no call');
  it.next();
  assertSame(calls, [[0, 0, 1, 0]], 'one call for the fourth value');
  it.return();
  // a Seq keeps its own copy of the seeds
  const seeds = [1, 1];
  const fib = L.recurrence(seeds, (a, b) => a + b);
  seeds[0] = 100;
  assertSame(fib.take(4).toArray(), [1, 1, 2, 3]);
});

test('recurrence: a throwing fn ends it with that error, and the engine stays usable', () => {
  const boom = new Error('boom');
  const f = (a, b, i) => { if (i === 2) throw boom; return a + b; };
  const it = L.recurrence([{}, 1], (a, b, i) => { if (i === 1) throw boom; return b; })[Symbol.iterator]();
  assert.equal(it.next().value !== undefined, true);
  it.next(); it.next();
  assert.throws(() => it.next(), (e) => e === boom);
  assert.deepEqual(it.next(), { value: undefined, done: true });
  assert.throws(() => L.recurrence([0, 1], f).toArray(), (e) => e === boom);
  assert.throws(() => L.recurrence([0, 1, 2], (a, b, c, i) => { if (i === 3) throw boom; return a; }).toArray(), (e) => e === boom);
  assertSame(L.recurrence([0, 1], (a, b) => a + b).take(5).toArray(), [0, 1, 1, 2, 3]);
});

test('recurrence: the values it holds are let go, run to the end, broken off or failed', () => {
  const before = liveHandles();
  const objects = (n) => Array.from({ length: n }, (_, i) => ({ i }));
  for (const k of [1, 2, 3, 5]) {
    const step = (...args) => ({ i: args.length });
    assert.equal(L.recurrence(objects(k), step).take(40).toArray().length, 40);
    for (const x of L.recurrence(objects(k), step)) { assert.equal(x.i, 0); break; }   // broken off at the first seed
    assert.throws(() => L.recurrence(objects(k), (...a) => { if (a.at(-1) === 3) throw new RangeError('no'); return {}; }).toArray(), RangeError);
  }
  assert.equal(liveHandles(), before);
});

test('recurrence: argument errors at the call', () => {
  assert.throws(() => L.recurrence(1, (x) => x), { name: 'TypeError', message: 'recurrence: seeds must be an array of the first values, not 1' });
  assert.throws(() => L.recurrence(new Set([1]), (x) => x), TypeError);
  assert.throws(() => L.recurrence([], (x) => x), { name: 'RangeError', message: 'recurrence: seeds must hold 1 to 1024 values (got 0)' });
  assert.throws(() => L.recurrence(new Array(1025).fill(0), (x) => x), RangeError);
  // the count is read first, and the seeds by index: neither a huge length nor the array's own iterator is walked
  assert.throws(() => L.recurrence(new Array(2 ** 32 - 1), (x) => x), { name: 'RangeError', message: 'recurrence: seeds must hold 1 to 1024 values (got 4294967295)' });
  const odd = [1, 2];
  odd[Symbol.iterator] = function* () { for (;;) yield 'x'; };
  assertSame(L.recurrence(odd, (a, b) => a + b).take(4).toArray(), [1, 2, 3, 5]);
  assert.throws(() => L.recurrence([1]), { name: 'TypeError', message: 'recurrence: undefined is not a function' });
  assert.throws(() => L.recurrence([1], {}), TypeError);
});

// ------------------------------------------------------------------ fibonacci

test('fibonacci: against the reference, exact to 2^53, then rounded, then Infinity', () => {
  checkPrefix(L.fibonacci(), R.refFibonacci(), 1600, 'fibonacci, 1600 values');
  assertSame(L.fibonacci().take(10).toArray(), [0, 1, 1, 2, 3, 5, 8, 13, 21, 34], 'first ten');
  let a = 0n, b = 1n;
  const exact = [];
  for (let i = 0; i < 79; i++) { exact.push(Number(a)); [a, b] = [b, a + b]; }
  assertSame(L.fibonacci().take(79).toArray(), exact, 'F(0)..F(78) exact (below 2^53)');
  assertSame(L.fibonacci().drop(1500).take(3).toArray(), [Infinity, Infinity, Infinity], 'Infinity at the end');
  assert.equal(L.fibonacci().nth(1476), R.refNth(R.refFibonacci(), 1476), 'F(1476), the last finite');
  assert.ok(Number.isFinite(L.fibonacci().nth(1476)));
  assert.equal(L.fibonacci().nth(1477), Infinity);
  const s = L.fibonacci().take(50);
  assertSame(s.toArray(), [...s], 're-iteration');
  assert.equal(L.fibonacci().take(1e6).count(), 1e6, 'a million values');
});

// ------------------------------------------------------------------ random

test('random: the documented xoshiro256** stream for number and BigInt seeds', () => {
  for (const seed of [0, 1, 12345, 2 ** 32, 2 ** 53 - 1, 0n, 1n, 2n ** 53n + 1n, 2n ** 63n, 2n ** 64n - 1n]) {
    checkPrefix(L.random({ seed }), R.refRandom(seed), 300, `random({ seed: ${show(seed)} })`);
    const s = L.random({ seed }).take(5);
    assertSame(s.toArray(), [...s], `random(${show(seed)}): re-iteration gives the same stream`);
  }
  assertSame(L.random({ seed: 7 }).take(20).toArray(), L.random({ seed: 7n }).take(20).toArray(), '7 and 7n');
  assertSame(L.random({ seed: 99 }).take(20000).sum(), R.refSum(R.refTake(R.refRandom(99), 20000)), 'sum of 20000');
});

test('random: values are in [0, 1); unseeded streams differ', () => {
  const r = L.random({ seed: 5 }).take(100000).toArray();
  assert.ok(r.every((x) => typeof x === 'number' && x >= 0 && x < 1), 'in [0, 1)');
  const u1 = L.random().take(4).toArray(), u2 = L.random().take(4).toArray();
  assert.ok(u1.every((x) => x >= 0 && x < 1));
  assert.ok(!R.sameValues(u1, u2), 'two unseeded streams differ');
  assert.ok(!R.sameValues(L.random({}).take(4).toArray(), L.random({ seed: undefined }).take(4).toArray()));
  assert.equal(L.random({ seed: 1 }).take(1e6).count(), 1e6);
});

test('random: argument errors at the call', () => {
  for (const seed of [-1, 1.5, 2 ** 53, NaN, Infinity, -0.5, -1n, 2n ** 64n]) {
    assert.throws(() => L.random({ seed }), RangeError, `seed ${show(seed)}`);
  }
  for (const seed of ['1', null, {}, true, Symbol.for('s')]) {
    assert.throws(() => L.random({ seed }), TypeError, `seed ${show(seed)}`);
  }
});

// ------------------------------------------------------------------ from

test('from: a Seq is returned as is', () => {
  const s = L.range(3);
  assert.equal(L.from(s), s);
});

test('from: arrays (empty, one, edge values, holes, across batches)', () => {
  const big = [...R.refMap(R.refRange(0, 1000), (x) => EDGE_VALUES[x % EDGE_VALUES.length])];
  for (const [name, a] of [['empty', []], ['one', [42]], ['edge', EDGE_VALUES], ['numbers', EDGE_NUMBER_VALUES],
    ['non-numbers', NON_NUMBERS], ['holes', [1, , 3]], ['1000 mixed', big], ['257', [...R.refRange(257)]]]) { // eslint-disable-line no-sparse-arrays
    check(L.from(a), R.refFrom(a), `from(${name})`);
  }
  const objs = [{}, [], () => 1, new Map()];
  const got = L.from(objs).toArray();
  assert.ok(got.every((x, i) => x === objs[i]), 'objects keep their identity');
  const custom = [1, 2, 3];
  custom[Symbol.iterator] = function* () { yield 'replaced'; };
  check(L.from(custom), ['replaced'], 'an array whose iterator was replaced');
  assert.equal(L.from(new Array(1e6).fill(0.25)).sum(), 250000, 'a million-element array');
});

test('from: typed arrays (copied in batches)', () => {
  const cases = [
    new Float64Array([1, -0, NaN, Infinity, -Infinity, Number.MIN_VALUE, 1e-310]), new Float64Array(0),
    new Float64Array([5]), new Float32Array([0.1, -0, NaN]), new Int8Array([-1, 2, 127]), new Uint8Array([255, 0]),
    new Uint8ClampedArray([300, -5]), new Int16Array([-32768]), new Uint16Array([65535]), new Int32Array([-(2 ** 31)]),
    new Uint32Array([2 ** 32 - 1]), Float64Array.from(R.refRange(1000), (x) => x / 7),
    new Float64Array([9, 8, 7, 6]).subarray(1, 3),
  ];
  for (const ta of cases) check(L.from(ta), R.refFrom(ta), `from(${show(ta)})`);
});

test('from: a Float64Array NaN whose bits look like an engine handle is still NaN', () => {
  const f = new Float64Array(4);
  const u = new Uint32Array(f.buffer);
  u[1] = 0x7ff40000; u[0] = 1;          // the top word of the engine's NaN-boxed handles
  u[3] = 0xfff80000; u[2] = 0;          // a negative quiet NaN
  f[2] = 1; f[3] = -0;
  assertSame(L.from(f).toArray(), [NaN, NaN, 1, -0], 'NaN payloads are not values');
  assertSame(L.from(f).unique().toArray(), [NaN, 1, -0], 'one NaN');
});

test('from: BigInt typed arrays are iterables of BigInts', () => {
  check(L.from(new BigInt64Array([5n, -1n])), [5n, -1n], 'BigInt64Array');
  check(L.from(new BigUint64Array([2n ** 64n - 1n])), [2n ** 64n - 1n], 'BigUint64Array');
});

test('from: strings are read by code points', () => {
  for (const s of ['', 'a', 'héllo😀', '𝒳𝒴\u{10FFFF}', 'ab\uD800c']) check(L.from(s), R.refFrom(s), `from(${show(s)})`);
  assertSame(L.from('😀😀').count(), 2, 'two code points');
});

test('from: iterables (Set, Map, custom) and re-iteration', () => {
  const set = new Set([1, 'a', 1, NaN, NaN, -0, 0, SHARED]);
  check(L.from(set), R.refFrom(set), 'Set');
  assertSame(L.from(set).toArray(), [1, 'a', NaN, 0, SHARED], 'Set (Set itself turns -0 into 0)');
  check(L.from(new Map([[1, 2], ['a', null]])), [[1, 2], ['a', null]], 'Map');
  const t = R.tracked(['x', 10n, null]);
  check(L.from(t), ['x', 10n, null], 'a re-iterable custom iterable');
  assert.equal(t.stats.opened, 3, 'opened once per iteration');
  check(L.from({ [Symbol.iterator]: () => [][Symbol.iterator]() }), [], 'empty custom iterable');
});

test('from: iterator objects are one-shot; a second iteration is a TypeError', () => {
  const a = L.from([1, 'b', 3][Symbol.iterator]());
  assertSame(a.toArray(), [1, 'b', 3], 'first iteration');
  assert.throws(() => a.toArray(), TypeError, 'second iteration');
  const g = L.from((function* () { yield NaN; yield -0; })());
  assertSame([...g], [NaN, -0], 'a generator object');
  assert.throws(() => [...g], TypeError, 'generator object again');
  let i = 0;
  const bare = { next: () => (i < 3 ? { value: i++, done: false } : { value: undefined, done: true }) };
  const b = L.from(bare);
  assertSame(b.toArray(), [0, 1, 2], 'an iterator with next() but no [Symbol.iterator]');
  assert.throws(() => b.toArray(), TypeError, 'bare iterator again');
});

test('from: functions are called once per iteration (re-iterable generator functions)', () => {
  let calls = 0;
  const g = L.from(function* () { calls++; yield 1; yield 'b'; yield -0; });
  assert.equal(calls, 0, 'not called by from()');
  check(g, R.refFrom(function* () { yield 1; yield 'b'; yield -0; }), 'from(generator function)');
  assert.equal(calls, 3, 'called once per iteration');
  check(L.from(() => [3, 4]), [3, 4], 'a function returning an array');
  let j = 0;
  check(L.from(() => { j = 0; return { next: () => (j < 2 ? { value: j++, done: false } : { done: true }) }; }), [0, 1],
    'a function returning a bare iterator');
  const bad = L.from(() => 42);
  assert.throws(() => bad.toArray(), TypeError, 'a function returning a number: TypeError when iterated');
  assert.throws(() => L.from(() => null).toArray(), TypeError, 'returning null');
});

test('from: JS stages over a generator that grows WASM memory while it is read', () => {
  // The host reads the generator between the callbacks, writing into WASM
  // memory; a next() that makes the memory grow must not leave it writing
  // into the old buffer. Objects and numbers, so both kinds of slot are written.
  let before = E.memory.buffer.byteLength, grow = 8e6;
  const values = function* () {
    for (let i = 0; i < 600; i++) {
      if (i === 300) assert.equal(L.range(0, grow).toFloat64Array().length, grow);   // 8 bytes each, collected in WASM memory
      yield i % 3 === 0 ? { i } : i;
    }
  };
  const want = [...Array(600).keys()].filter((i) => i % 5 !== 1).map((i) => (i % 3 === 0 ? i : -i));
  const got = L.from(values).filter((x) => (typeof x === 'number' ? x : x.i) % 5 !== 1).map((x) => (typeof x === 'number' ? -x : x.i)).toArray();
  assert.ok(E.memory.buffer.byteLength > before + 60e6, 'the WASM memory grew during the read');
  assertSame(got, want, 'every value, in order');
  // for…of reads the generator itself, counting down take's limit in WASM memory across the growth
  before = E.memory.buffer.byteLength;
  grow = 2e7;
  const spread = [...L.from(values).take(500).filter((x) => (typeof x === 'number' ? x : x.i) % 5 !== 1)];
  assert.ok(E.memory.buffer.byteLength > before + 60e6, 'the WASM memory grew again');
  assert.equal(spread.length, want.filter((x) => Math.abs(x) < 500).length, 'take(500) read 500 values');
});

test('from: infinite generators cut by take; a huge one counted', () => {
  const nat = function* () { for (let i = 0; ; i++) yield i; };
  checkPrefix(L.from(nat), R.refFrom(nat), 10, 'from(infinite generator)');
  assertSame(L.from(nat).map((x) => x * 2).take(5).toArray(), [0, 2, 4, 6, 8], 'map then take');
  assert.equal(L.from(nat).take(3e5).count(), 3e5);
});

test('from: argument errors at the call', () => {
  for (const bad of [null, undefined, 42, NaN, true, 10n, Symbol.for('s'), {}, { next: 42 }]) {
    assert.throws(() => L.from(bad), TypeError, `from(${show(bad)})`);
  }
  assert.throws(() => L.from(), TypeError, 'from()');
});

// ------------------------------------------------------------------ of, empty

test('of: values as given, identity preserved, re-iterable', () => {
  check(L.of(), [], 'of()');
  check(L.of(1), [1], 'of(1)');
  check(L.of(...EDGE_VALUES), R.refOf(...EDGE_VALUES), 'of(edge values)');
  check(L.of(undefined), [undefined], 'of(undefined)');
  const o = {};
  assert.equal(L.of(o, o).last(), o);
  const many = [...R.refRange(600)];
  check(L.of(...many), many, 'of(600 values)');
  checkPrefix(L.of(1, 'a').cycle(), R.refCycle([1, 'a']), 7, 'of(1, a).cycle()');
});

test('empty: nothing, every time', () => {
  check(L.empty(), R.refEmpty(), 'empty()');
  assert.equal(L.empty().count(), 0);
  assert.equal(L.empty().first(), undefined);
  assertSame(L.empty().cycle().take(5).toArray(), [], 'empty().cycle()');
  assertSame(L.empty().concat([1]).toArray(), [1]);
});

// ------------------------------------------------------------------ every source through one pipeline

test('every source: the same pipeline (map, filter, take) as the reference', () => {
  const f = (x, i) => (typeof x === 'number' ? x * 2 + i : `${typeof x}${i}`);
  const p = (x) => x === x;
  const sources = [
    ['range(10)', L.range(10), R.refRange(10)], ['count(3)', L.count(3), R.refCount(3)],
    ['repeat(-0)', L.repeat(-0), R.refRepeat(-0)], ['iterate', L.iterate(1, (x) => x * 3), R.refIterate(1, (x) => x * 3)],
    ['recurrence', L.recurrence([1, 2], (a, b) => a - b), R.refRecurrence([1, 2], (a, b) => a - b)],
    ['fibonacci', L.fibonacci(), R.refFibonacci()], ['random', L.random({ seed: 3 }), R.refRandom(3)],
    ['from(edge)', L.from(EDGE_VALUES), R.refFrom(EDGE_VALUES)], ['of', L.of(1, NaN, 'z'), R.refOf(1, NaN, 'z')],
    ['empty', L.empty(), R.refEmpty()],
  ];
  for (const [name, seq, ref] of sources) {
    assertSame(seq.map(f).filter(p).take(8).toArray(), [...R.refTake(R.refFilter(R.refMap(ref, f), p), 8)], name);
  }
});

test('from: an iterator result must be an Object (a function is one); a primitive is a TypeError at that next()', () => {
  const iterable = (results) => ({
    [Symbol.iterator]() { let i = 0; return { next: () => results[i++] }; },
  });
  for (const bad of [3, 'x', true, null, undefined, 1n, Symbol('s')]) {
    assert.throws(() => L.from(iterable([{ value: 1, done: false }, bad])).toArray(), (e) => e instanceof TypeError && /is not an object/.test(e.message), String(bad));
  }
  const fnResult = Object.assign(() => {}, { value: 7, done: false });
  assert.deepEqual(L.from(iterable([fnResult, { done: true }])).toArray(), [7]);
  assert.throws(() => L.from([[1], 2]).flatMap((x) => x).toArray(), TypeError);
  assert.deepEqual(L.from([1]).flatMap(() => ({ next: Object.assign(() => ({ done: true }), {}) })).toArray(), []);
});
