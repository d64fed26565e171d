// Sinks (docs/semantics.md, "Sinks"), each against its plain-JS reference in
// tests/reference.js: empty input, one value, edge numbers, values that are
// not numbers, long inputs across batches, array and generator sources,
// compiled and logged callbacks, infinite sources cut by take, huge counts,
// re-running the same Seq, closing, and argument errors at the call.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as L from '../lib/node.js';
import * as R from './reference.js';

const { assertSame, show, outcome, sameOutcome, spy, EDGE_VALUES, EDGE_NUMBER_VALUES, NON_NUMBERS, SHARED_OBJECT, tracked } = R;

const rnd = R.mulberry32(2024);
const floats = Array.from({ length: 3000 }, () => (rnd() - 0.3) * 10 ** Math.floor(rnd() * 40 - 20));

const INPUTS = {
  empty: [],
  one: [42],
  'one -0': [-0],
  'one NaN': [NaN],
  'one string': ['zebra'],
  'edge numbers': EDGE_NUMBER_VALUES,
  'non-numbers': NON_NUMBERS,
  'edge values': EDGE_VALUES,
  'zeros': [0, -0, -0, 0],
  'negative zeros': [-0, -0],
  '600 numbers': [...R.refMap(R.refRange(600), (x) => (x * 7) % 13 - 3.5)],
  '3000 floats': floats,
  'number then string at 300': [...R.refRange(300), 'x'],
  'cancelling': [1, 1e100, -1e100, 1e308, 1e308, -1e308],
};

/* An array source is read ahead in batches; a generator source one value at a time. */
const SOURCES = R.sources(L);




/*
 * `ours(seq, f)` against `theirs(array, f)` on every input and source, run
 * twice on the same Seq (re-iteration); with a callback, also logged.
 */
function against(label, ours, theirs, callbacks = [null]) {
  for (const [inputName, input] of Object.entries(INPUTS)) {
    for (const [sourceName, makeSource] of Object.entries(SOURCES)) {
      for (const f of callbacks) {
        const what = `${label}${f ? ` with ${f}` : ''} on ${inputName} (${sourceName})`;
        const want = outcome(() => theirs(input, f));
        const seq = makeSource(input);
        sameOutcome(outcome(() => ours(seq, f)), want, what);
        sameOutcome(outcome(() => ours(seq, f)), want, `${what}, run again on the same Seq`);
        if (f) {
          const a = [], b = [];
          sameOutcome(outcome(() => ours(makeSource(input), spy(a, f))), outcome(() => theirs(input, spy(b, f))), `${what}, logged`);
          assertSame(a, b, `${what}: the callback's calls (arguments, order, count)`);
        }
      }
    }
  }
}


const throwsAtCall = (call, type, message) => R.throwsAtCall(L, call, type, message);

const k = 3;
const FOLD_FNS = [(a, x) => a + x, (a, x, i) => a * 0.5 + x - i, (a, x) => Math.min(a, x), (a, x) => [a, x], (a) => a, (a, x) => x, (a, x) => a + x * k];
const PRED_FNS = [(x) => x > 0, (x) => x === 2, (x, i) => i === 3, (x) => x !== x, (x) => x, (x) => typeof x === 'string', () => true, () => false, (x) => Object.is(x, -0)];

// ------------------------------------------------------------------ toArray, toFloat64Array

test('toArray: against the reference; a fresh array each time; identity kept', () => {
  against('toArray', (s) => s.toArray(), (a) => R.refToArray(a));
  const s = L.of(SHARED_OBJECT);
  const a = s.toArray(), b = s.toArray();
  assert.notEqual(a, b, 'a new array');
  assert.equal(a[0], SHARED_OBJECT);
  assertSame(L.count().map((x) => x / 2).take(5).toArray(), [0, 0.5, 1, 1.5, 2]);
  assert.equal(L.range(1e6).toArray().length, 1e6);
});

test('toFloat64Array: against the reference; numbers only', () => {
  against('toFloat64Array', (s) => s.toFloat64Array(), (a) => R.refToFloat64Array(a));
  const f = L.of(1, -0, NaN, -Infinity).toFloat64Array();
  assert.ok(f instanceof Float64Array);
  assertSame(f, new Float64Array([1, -0, NaN, -Infinity]));
  assertSame(L.empty().toFloat64Array(), new Float64Array(0));
  assertSame(L.count().take(3).toFloat64Array(), new Float64Array([0, 1, 2]));
  assert.equal(L.range(1e7).toFloat64Array().length, 1e7);
  assert.throws(() => L.of(1, 'zebra').toFloat64Array(), (e) => e instanceof TypeError && /zebra/.test(e.message), 'names the value');
});

// ------------------------------------------------------------------ reduce

test('reduce: against the reference, without and with initial values', () => {
  against('reduce(f)', (s, f) => s.reduce(f), (a, f) => R.refReduce(a, f), FOLD_FNS);
  for (const init of [0, -0, '', undefined, NaN, SHARED_OBJECT]) {
    against(`reduce(f, ${show(init)})`, (s, f) => s.reduce(f, init), (a, f) => R.refReduce(a, f, init), FOLD_FNS);
  }
});

test('reduce: TC39 values, empty, infinite cut by take, huge', () => {
  assert.equal(L.of(1, 2, 3).reduce((a, x) => a + x), 6);
  assert.equal(L.of('a', 'b').reduce((a, x) => a + x, '>'), '>ab');
  assert.throws(() => L.empty().reduce((a, x) => a + x), TypeError, 'empty, no initial value');
  assert.equal(L.empty().reduce((a, x) => a + x, SHARED_OBJECT), SHARED_OBJECT, 'empty: the initial value');
  assert.equal(L.empty().reduce((a, x) => a + x, undefined), undefined, 'an explicit undefined initial value');
  assert.equal(L.of(SHARED_OBJECT).reduce(() => 1), SHARED_OBJECT, 'one value, no initial value: fn not called');
  assert.equal(L.count().take(5).reduce((a, x) => a * 10 + x), 1234);
  assertSame(L.range(1e7).reduce((a, x) => a + x, 0), R.refReduce(R.refRange(1e7), (a, x) => a + x, 0));
  assertSame(L.of(-0, -0).reduce((a, x) => a + x), -0, '-0 + -0');
});

test('reduce: argument errors at the call', () => {
  for (const bad of [42, null, undefined, {}, 'f']) throwsAtCall((s) => s.reduce(bad, 0), TypeError, `reduce(${show(bad)}, 0)`);
  throwsAtCall((s) => s.reduce(), TypeError, 'reduce()');
});

// ------------------------------------------------------------------ forEach

test('forEach: against the reference (calls logged), returns undefined', () => {
  against('forEach', (s, f) => { const out = []; const r = s.forEach((x, i) => out.push([x, i, f(x, i)])); return [r, out]; },
    (a, f) => { const out = []; const r = R.refForEach(a, (x, i) => out.push([x, i, f(x, i)])); return [r, out]; }, [(x) => x, (x, i) => i * 2]);
  let n = 0;
  assert.equal(L.range(1e6).forEach(() => { n++; }), undefined);
  assert.equal(n, 1e6);
});

test('forEach: a throwing callback closes the source and the error comes out unchanged', () => {
  const src = tracked([1, 2, 3]);
  const boom = new Error('boom');
  assert.throws(() => L.from(src).forEach((x) => { if (x === 2) throw boom; }), (e) => e === boom);
  assert.deepEqual(src.stats, { opened: 1, nexts: 2, returns: 1 });
});

test('forEach: a pipeline as deep as allowed (1000 stages) still runs', () => {
  let seq = L.range(0, 5);
  while (seq.depth < 1000) seq = seq.map((x) => x + 1);
  assert.throws(() => seq.map((x) => x), RangeError, 'no room for another stage');
  const seen = [];
  assert.equal(seq.forEach((x, i) => seen.push([x, i])), undefined);
  assert.deepEqual(seen, [0, 1, 2, 3, 4].map((x, i) => [x + 999, i]));
});

test('forEach: argument errors at the call', () => {
  for (const bad of [42, null, undefined, {}]) throwsAtCall((s) => s.forEach(bad), TypeError, `forEach(${show(bad)})`);
});

// ------------------------------------------------------------------ some, every, find

for (const [name, ref] of [['some', R.refSome], ['every', R.refEvery], ['find', R.refFind]]) {
  test(`${name}: against the reference (compiled and logged callbacks)`, () => {
    against(name, (s, f) => s[name](f), (a, f) => ref(a, f), PRED_FNS);
  });

  test(`${name}: closes the pipeline when it stops; infinite sources; argument errors at the call`, () => {
    const src = tracked([1, 2, 3, 4]);
    const stopAt2 = name === 'every' ? (x) => x < 2 : (x) => x === 2;
    const got = L.from(src)[name](stopAt2);
    assertSame(got, ref([1, 2, 3, 4], stopAt2), 'result');
    assert.deepEqual(src.stats, { opened: 1, nexts: 2, returns: 1 }, 'read two values, then closed');
    const all = tracked([1, 2]);
    L.from(all)[name](name === 'every' ? () => true : () => false);
    assert.deepEqual(all.stats, { opened: 1, nexts: 3, returns: 0 }, 'read to the end, not closed');
    assertSame(L.count()[name](name === 'every' ? (x) => x < 1e6 : (x) => x === 1e6), ref(R.refCount(), name === 'every' ? (x) => x < 1e6 : (x) => x === 1e6), 'an infinite source');
    const thrower = tracked([1, 2]);
    const boom = new Error('boom');
    assert.throws(() => L.from(thrower)[name](() => { throw boom; }), (e) => e === boom);
    assert.equal(thrower.stats.returns, 1, 'a throwing callback closes the source');
    for (const bad of [42, null, undefined, {}]) throwsAtCall((s) => s[name](bad), TypeError, `${name}(${show(bad)})`);
  });
}

test('some/every/find: TC39 values', () => {
  assert.equal(L.of(1, 2, 3).some((x) => x > 2), true);
  assert.equal(L.empty().some(() => true), false);
  assert.equal(L.empty().every(() => false), true);
  assert.equal(L.of(1, NaN).every((x) => x === x), false);
  assert.equal(L.of('a', SHARED_OBJECT).find((x) => typeof x === 'object'), SHARED_OBJECT);
  assert.equal(L.of(1, 2).find(() => false), undefined);
  assertSame(L.of(0, -0).find((x) => Object.is(x, -0)), -0);
  assert.equal(L.range(1e7).some((x) => x === 1e7 - 1), true);
  assert.equal(L.range(1e7).every((x) => x >= 0), true);
});

// ------------------------------------------------------------------ includes

test('includes: against the reference (SameValueZero) for every edge value', () => {
  for (const v of [...EDGE_VALUES, 2, 'x', {}, '1', 1n, -1e-310, 5e-324 * 2]) {
    against(`includes(${show(v)})`, (s) => s.includes(v), (a) => R.refIncludes(a, v));
  }
});

test('includes: hand-written values, closing, infinite sources', () => {
  assert.equal(L.of(NaN).includes(NaN), true, 'NaN');
  assert.equal(L.of(0).includes(-0), true, '-0 finds 0');
  assert.equal(L.of(-0).includes(0), true, '0 finds -0');
  assert.equal(L.of(1).includes('1'), false, 'no coercion');
  assert.equal(L.of(10n).includes(10n), true, 'BigInts by value');
  assert.equal(L.of({ k: 1 }).includes(SHARED_OBJECT), false, 'objects by identity');
  assert.equal(L.of(SHARED_OBJECT).includes(SHARED_OBJECT), true);
  assert.equal(L.empty().includes(undefined), false);
  assert.equal(L.of(undefined).includes(), true, 'includes() looks for undefined');
  const src = tracked([1, 2, 3]);
  assert.equal(L.from(src).includes(2), true);
  assert.deepEqual(src.stats, { opened: 1, nexts: 2, returns: 1 }, 'closed when found');
  assert.equal(L.count().includes(1e6), true);
  assert.equal(L.count(0, 0.5).includes(12.5), true);
  assert.equal(L.range(1e7).includes(-1), false);
});

// ------------------------------------------------------------------ join

test('join: against Array.prototype.join on every input without symbols', () => {
  const noSymbols = (a) => a.filter((x) => typeof x !== 'symbol');
  for (const sep of [undefined, ',', '', ' | ', null, 0, -0, 1n, SHARED_OBJECT, { toString: () => '~' }]) {
    against(`join(${show(sep)})`, (s) => s.filter((x) => typeof x !== 'symbol').join(sep), (a) => R.refJoin(noSymbols(a), sep));
  }
  assert.equal(L.of(null, undefined, 1, [2, [3, null]], -0, NaN, 10n, 'a').join(), [null, undefined, 1, [2, [3, null]], -0, NaN, 10n, 'a'].join());
  assert.equal(L.empty().join('-'), '');
  assert.equal(L.of('x').join('-'), 'x');
  assert.equal(L.count().take(4).join('+'), '0+1+2+3');
  assert.equal(L.range(1e6).join('').length, [...R.refRange(1e6)].join('').length);
});

test('join: a symbol value is a TypeError (Array.prototype.join rules)', () => {
  assert.throws(() => [Symbol.for('s')].join(), TypeError, 'the rule itself');
  assert.throws(() => L.of(Symbol.for('s')).join(), TypeError, 'L.of(Symbol.for("s")).join()');
  assert.throws(() => L.of('a', Symbol.for('s')).join('-'), TypeError, 'a symbol after a string');
});

test('join: a symbol separator is a TypeError (Array.prototype.join rules)', () => {
  assert.throws(() => [1, 2].join(Symbol.for('s')), TypeError, 'the rule itself');
  assert.throws(() => L.of(1, 2).join(Symbol.for('s')), TypeError, 'L.of(1, 2).join(Symbol.for("s"))');
});

// ------------------------------------------------------------------ sum, mean, min, max

for (const [name, ref] of [['sum', R.refSum], ['mean', R.refMean], ['min', R.refMin], ['max', R.refMax]]) {
  test(`${name}: against the reference (numbers only)`, () => {
    against(name, (s) => s[name](), (a) => ref(a));
    const m = L.range(1000).map((x) => floats[x] * (x % 3 - 1));
    assertSame(m[name](), ref(R.refMap(R.refRange(1000), (x) => floats[x] * (x % 3 - 1))), `${name} after a map`);
    assertSame(L.count().map((x) => x * 0.1).take(1001)[name](), ref(R.refTake(R.refMap(R.refCount(), (x) => x * 0.1), 1001)), `${name}: count().map().take()`);
  });

  test(`${name}: any value that is not a number is a TypeError naming the value`, () => {
    for (const bad of NON_NUMBERS) {
      for (const input of [[bad], [1, bad], [NaN, bad], [bad, NaN], [...R.refRange(700), bad, 1]]) {
        // BigInts alone have an exact sum, min and max (tests/numbers.test.js); mean takes numbers only
        if (typeof bad === 'bigint' && input.length === 1 && name !== 'mean') continue;
        assert.throws(() => L.from(input)[name](), TypeError, `${name} over ${show(input.slice(-3))}`);
      }
    }
    assert.throws(() => L.from('zebra')[name](), (e) => e instanceof TypeError && /"?z"?/.test(e.message) && e.message.includes(name), `${name} over a string`);
    assert.throws(() => L.of(1, 'zebra')[name](), (e) => e instanceof TypeError && e.message.includes('zebra'), 'the message names the value');
    assert.throws(() => L.of(1, 12345678901234567890n)[name](), (e) => e instanceof TypeError && e.message.includes('12345678901234567890'), 'a BigInt named');
  });
}

test('sum: left-to-right addition from 0, the same double as reduce((a, b) => a + b, 0)', () => {
  assertSame(L.of(0.1, 0.2, 0.3).sum(), 0.1 + 0.2 + 0.3);
  assertSame(L.of(1, 1e100, -1e100).sum(), 0, 'no compensated summation');
  assertSame(L.of(1e308, 1e308, -1e308).sum(), Infinity, 'overflow stays');
  assertSame(L.of(-0).sum(), 0, 'starts from 0: 0 + -0 is 0');
  assertSame(L.of(-0, -0).sum(), 0);
  assertSame(L.empty().sum(), 0);
  assertSame(L.of(Infinity, -Infinity).sum(), NaN);
  assertSame(L.from(floats).sum(), floats.reduce((a, b) => a + b, 0), '3000 floats of mixed magnitude');
  const big = L.range(1e7).map((x) => x * 0.1);
  assertSame(big.sum(), big.reduce((a, b) => a + b, 0), '1e7 values: sum equals reduce');
  assertSame(L.range(1e7).sum(), R.refSum(R.refRange(1e7)));
});

test('mean: sum() / count(), undefined when empty', () => {
  assert.equal(L.empty().mean(), undefined);
  assert.equal(L.of(1, 2).mean(), 1.5);
  assertSame(L.of(-0).mean(), 0);
  assertSame(L.of(Number.MAX_VALUE, Number.MAX_VALUE).mean(), Infinity, 'sum then divide');
  assertSame(L.from(floats).mean(), L.from(floats).sum() / floats.length);
  assertSame(L.range(1e7).mean(), (1e7 - 1) / 2);
});

test('min/max: Math.min/Math.max rules (NaN wins, -0 < 0), undefined when empty', () => {
  assertSame(L.of(0, -0).min(), -0);
  assertSame(L.of(-0, 0).min(), -0);
  assertSame(L.of(0, -0).max(), 0);
  assertSame(L.of(-0, 0).max(), 0);
  assertSame(L.of(-0).max(), -0, 'one -0');
  assertSame(L.of(1, NaN, 3).max(), NaN);
  assertSame(L.of(NaN, 1).min(), NaN);
  assertSame(L.of(Infinity, -Infinity).min(), -Infinity);
  assertSame(L.of(Infinity, -Infinity).max(), Infinity);
  assertSame(L.of(Number.MIN_VALUE, 0).min(), 0);
  assert.equal(L.empty().min(), undefined);
  assert.equal(L.empty().max(), undefined);
  assertSame(L.range(1e7).max(), 1e7 - 1);
  assertSame(L.range(1e7).map((x) => -x).min(), -(1e7 - 1));
  assertSame(L.range(1e7).map((x) => (x === 5e6 ? NaN : x)).max(), NaN, 'one NaN among 1e7');
});

// ------------------------------------------------------------------ count, first, last, nth

test('count: against the reference; huge', () => {
  against('count', (s) => s.count(), (a) => R.refSize(a));
  assert.equal(L.range(0, 1e7).count(), 1e7);
  assert.equal(L.repeat('x', 1e7).count(), 1e7);
  assert.equal(L.count().take(1e6).count(), 1e6);
  assert.equal(L.range(1e6).filter((x) => x % 3 === 0).count(), R.refSize(R.refFilter(R.refRange(1e6), (x) => x % 3 === 0)));
});

test('first/last: against the reference', () => {
  against('first', (s) => s.first(), (a) => R.refFirst(a));
  against('last', (s) => s.last(), (a) => R.refLast(a));
  assert.equal(L.count(5).first(), 5, 'first of an infinite source');
  assert.equal(L.range(1e7).last(), 1e7 - 1);
  assertSame(L.of(-0).first(), -0);
  assertSame(L.of(1, -0).last(), -0);
});

test('nth: against the reference for many indices', () => {
  for (const i of [0, 1, 2, 12, 13, 22, 255, 256, 299, 300, 599, 600, 1e9, Infinity, 1.9, '2', null]) {
    against(`nth(${show(i)})`, (s) => s.nth(i), (a) => R.refNth(a, Math.trunc(Number(i))));
  }
  assert.equal(L.count().nth(1e6), 1e6);
  assert.equal(L.range(1e7).nth(1e7 - 1), 1e7 - 1);
  assert.equal(L.range(1e7).nth(1e7), undefined);
});

test('first/nth close the pipeline after reading what they need', () => {
  const a = tracked([1, 2, 3]);
  assert.equal(L.from(a).first(), 1);
  assert.deepEqual(a.stats, { opened: 1, nexts: 1, returns: 1 }, 'first');
  const b = tracked([1, 2, 3]);
  assert.equal(L.from(b).nth(1), 2);
  assert.deepEqual(b.stats, { opened: 1, nexts: 2, returns: 1 }, 'nth(1)');
  const c = tracked([1, 2]);
  assert.equal(L.from(c).nth(5), undefined);
  assert.deepEqual(c.stats, { opened: 1, nexts: 3, returns: 0 }, 'nth past the end: read to the end, not closed');
  const calls = [];
  assert.equal(L.from(['a', 'b', 'c']).map((x) => { calls.push(x); return x; }).first(), 'a');
  assertSame(calls, ['a'], 'first: the callback ran once');
});

test('nth: argument errors at the call', () => {
  for (const bad of [-1, NaN, 'a', undefined, -Infinity]) throwsAtCall((s) => s.nth(bad), RangeError, `nth(${show(bad)})`);
  throwsAtCall((s) => s.nth(Symbol.for('s')), TypeError, 'nth(symbol)');
});

// ------------------------------------------------------------------ for…of as a sink

test('for…of: break closes the pipeline; values as toArray gives them', () => {
  const src = tracked([1, 2, 3]);
  const seen = [];
  for (const x of L.from(src).map((v) => v * 2)) { seen.push(x); if (x === 4) break; }
  assertSame(seen, [2, 4]);
  assert.deepEqual(src.stats, { opened: 1, nexts: 2, returns: 1 });
  for (const [name, input] of Object.entries(INPUTS)) assertSame([...L.from(input)], input, `for…of over ${name}`);
});
