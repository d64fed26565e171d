// Combinatorics (product, permutations, combinations,
// combinationsWithReplacement, powerset) and the grouping and selection
// operators (groupBy, partition, compress, starmap, zipLongest, roundrobin,
// batched, flatten, accumulate): Python's documented outputs, plain-generator
// references (tests/itertools-reference.js) on edge inputs and in seeded
// random differential runs, callback calls and reads logged and compared,
// counts by formula, argument errors at the call, and memory freed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import v8 from 'node:v8';
import vm from 'node:vm';
import * as L from '../lib/node.js';
import { E } from '../lib/engine.js';
import { liveHandles } from '../lib/values.js';
import { assertSame, mulberry32, tracked, EDGE_VALUES, NON_NUMBERS, SHARED_OBJECT } from './reference.js';
import * as R from './itertools-reference.js';

const str = (rows) => rows.map((r) => r.join('')).join(' ');

/* An array source is read ahead in batches; a generator source one value at a time. */
const SOURCES = {
  array: (a) => L.from(a),
  generator: (a) => L.from(function* () { yield* a; }),
};

const INPUTS = {
  empty: [],
  one: [42],
  'one object': [SHARED_OBJECT],
  three: [1, 2, 3],
  'edge values': EDGE_VALUES.slice(0, 7),
  'non-numbers': NON_NUMBERS.slice(0, 6),
};

/* What running `f` gives: its value, or the name of the error it threw. */
function outcome(f) {
  try { return { value: f() }; } catch (e) { return { error: e?.constructor?.name ?? String(e) }; }
}

function sameOutcome(actual, expected, message) {
  if (expected.error !== undefined || actual.error !== undefined) assert.equal(actual.error, expected.error, message);
  else assertSame(actual.value, expected.value, message);
}

/* A logging wrapper: calls are recorded with their arguments. */
const spy = (log, f) => (...args) => { log.push(args); return f(...args); };

// ------------------------------------------------------------------ combinatorics: Python's documentation

test('combinatorics: the outputs in Python\'s itertools documentation', () => {
  assert.equal(str(L.combinations('ABCD', 2).toArray()), 'AB AC AD BC BD CD');
  assertSame(L.combinations(L.range(4), 3).toArray(), [[0, 1, 2], [0, 1, 3], [0, 2, 3], [1, 2, 3]]);
  assert.equal(str(L.product('ABCD', 'xy').toArray()), 'Ax Ay Bx By Cx Cy Dx Dy');
  assertSame(L.product(L.range(2), { repeat: 3 }).toArray(),
    [[0, 0, 0], [0, 0, 1], [0, 1, 0], [0, 1, 1], [1, 0, 0], [1, 0, 1], [1, 1, 0], [1, 1, 1]]);
  assert.equal(str(L.permutations('ABCD', 2).toArray()), 'AB AC AD BA BC BD CA CB CD DA DB DC');
  assertSame(L.permutations(L.range(3)).toArray(), [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]]);
  assert.equal(str(L.combinationsWithReplacement('ABC', 2).toArray()), 'AA AB AC BB BC CC');
  assertSame(L.powerset([1, 2, 3]).toArray(), [[], [1], [2], [3], [1, 2], [1, 3], [2, 3], [1, 2, 3]]);
});

test('combinatorics: r = 0, r > n, empty inputs, no inputs, repeat 0', () => {
  assertSame(L.combinations('ABC', 0).toArray(), [[]]);
  assertSame(L.combinations('ABC', 4).toArray(), []);
  assertSame(L.combinations([], 0).toArray(), [[]]);
  assertSame(L.combinations('AB', 4_000_000_000).toArray(), []);
  assertSame(L.permutations('ABC', 0).toArray(), [[]]);
  assertSame(L.permutations('AB', 3).toArray(), []);
  assertSame(L.permutations([]).toArray(), [[]]);
  assertSame(L.combinationsWithReplacement([], 0).toArray(), [[]]);
  assertSame(L.combinationsWithReplacement([], 2).toArray(), []);
  assertSame(L.combinationsWithReplacement('AB', 3).toArray().map((r) => r.join('')), ['AAA', 'AAB', 'ABB', 'BBB']);
  assertSame(L.powerset([]).toArray(), [[]]);
  assertSame(L.product().toArray(), [[]]);
  assertSame(L.product('AB', { repeat: 0 }).toArray(), [[]]);
  assertSame(L.product('AB', []).toArray(), []);
  assertSame(L.product([], { repeat: 0 }).toArray(), [[]]);
});

test('combinatorics: any JS values, kept by identity; NaN, -0 and ±Infinity exact', () => {
  const values = [NaN, -0, Infinity, -Infinity, SHARED_OBJECT, 'a', null, undefined, 10n, Symbol.for('s')];
  assertSame(L.combinations(values, 2).toArray(), [...R.refCombinations(values, 2)]);
  assertSame(L.permutations(values.slice(0, 5), 3).toArray(), [...R.refPermutations(values.slice(0, 5), 3)]);
  assert.equal(L.powerset([SHARED_OBJECT]).toArray()[1][0], SHARED_OBJECT);
});

test('combinatorics: against the references on edge inputs, array and generator sources, every r up to n + 2', () => {
  for (const [inputName, input] of Object.entries(INPUTS)) {
    for (const [sourceName, make] of Object.entries(SOURCES)) {
      const what = `${inputName} (${sourceName})`;
      for (let r = 0; r <= input.length + 2; r++) {
        assertSame(L.combinations(make(input), r).toArray(), [...R.refCombinations(input, r)], `combinations ${r} ${what}`);
        assertSame(L.permutations(make(input), r).toArray(), [...R.refPermutations(input, r)], `permutations ${r} ${what}`);
        assertSame(L.combinationsWithReplacement(make(input), r).toArray(),
          [...R.refCombinationsWithReplacement(input, r)], `combinationsWithReplacement ${r} ${what}`);
        if (r <= 3) assertSame(L.product(make(input), { repeat: r }).toArray(), [...R.refProduct([input], r)], `product repeat ${r} ${what}`);
      }
      assertSame(L.permutations(make(input)).toArray(), [...R.refPermutations(input)], `permutations ${what}`);
      assertSame(L.powerset(make(input)).toArray(), [...R.refPowerset(input)], `powerset ${what}`);
      assertSame(L.product(make(input), 'xy', make(input)).toArray(), [...R.refProduct([input, 'xy', input])], `product ${what}`);
      // iterated again: a fresh pipeline reads the pool again
      const seq = L.combinations(make(input), 2);
      assertSame([...seq], [...seq], `combinations re-iterated ${what}`);
    }
  }
});

test('combinatorics: seeded random differential runs against the references', () => {
  const rand = mulberry32(20261201);
  const pick = (n) => Math.floor(rand() * n);
  for (let run = 0; run < 300; run++) {
    const n = pick(8), r = pick(n + 3);
    const pool = Array.from({ length: n }, () => EDGE_VALUES[pick(EDGE_VALUES.length)]);
    const src = SOURCES[run % 2 ? 'array' : 'generator'](pool);
    const what = `run ${run}: n ${n}, r ${r}`;
    switch (run % 5) {
      case 0: assertSame(L.combinations(src, r).toArray(), [...R.refCombinations(pool, r)], `combinations ${what}`); break;
      case 1: assertSame(L.permutations(src, r).toArray(), [...R.refPermutations(pool, r)], `permutations ${what}`); break;
      case 2: assertSame(L.combinationsWithReplacement(src, r).toArray(), [...R.refCombinationsWithReplacement(pool, r)], `cwr ${what}`); break;
      case 3: assertSame(L.powerset(src).toArray(), [...R.refPowerset(pool)], `powerset ${what}`); break;
      default: {
        const other = pool.slice(0, pick(4));
        const repeat = pick(3);
        assertSame(L.product(src, other, { repeat }).toArray(), [...R.refProduct([pool, other], repeat)], `product ${what}`);
      }
    }
    // take cuts the output: the same prefix
    const k = pick(20);
    assertSame(L.combinations(pool, r).take(k).toArray(), [...R.refCombinations(pool, r)].slice(0, k), `take ${k} ${what}`);
  }
});

test('combinatorics: the pool is read once and whole, at the first next(), and never again', () => {
  const log = [];
  const src = tracked(['a', 'b', 'c'], log);
  const it = L.combinations(src, 2)[Symbol.iterator]();
  assert.equal(src.stats.opened, 1);
  assert.equal(src.stats.nexts, 0, 'nothing read before the first next()');
  assertSame(it.next().value, ['a', 'b']);
  assert.equal(src.stats.nexts, 4, 'every value and the end');
  assertSame([...it], [['a', 'c'], ['b', 'c']]);
  assert.equal(src.stats.nexts, 4);
  assert.equal(src.stats.returns, 0, 'a source read to its end is not closed');

  // product reads its pools in order, each to its end, before the first array
  const plog = [];
  const a = tracked([1, 2], plog, 'a'), b = tracked([], plog, 'b'), c = tracked([3], plog, 'c');
  assertSame(L.product(a, b, c).toArray(), []);
  assert.deepEqual(plog, ['a.next', 'a.next', 'a.next', 'b.next', 'c.next', 'c.next']);

  // closed before the first next(): the source is closed, never read
  const s2 = tracked([1, 2, 3]);
  const it2 = L.permutations(s2)[Symbol.iterator]();
  it2.return();
  assert.equal(s2.stats.nexts, 0);
  assert.equal(s2.stats.returns, 1);

  // an infinite source cut by take is a finite pool
  assertSame(L.combinations(L.count().take(4), 2).toArray(), [...R.refCombinations([0, 1, 2, 3], 2)]);
  assertSame(L.powerset(L.count(10).take(2)).toArray(), [[], [10], [11], [10, 11]]);

  // a throwing source: the error at the first next(), unchanged
  const boom = new Error('boom');
  const bad = L.from(function* () { yield 1; throw boom; });
  assert.throws(() => L.combinations(bad, 1).toArray(), (e) => e === boom);
});

test('combinatorics: count() by formula, static counts as exact BigInts', () => {
  for (let n = 0; n <= 7; n++) {
    for (let r = 0; r <= 8; r++) {
      const pool = [...Array(n).keys()];
      assert.equal(L.combinations.count(n, r), BigInt([...R.refCombinations(pool, r)].length), `C(${n}, ${r})`);
      assert.equal(L.permutations.count(n, r), BigInt([...R.refPermutations(pool, r)].length), `P(${n}, ${r})`);
      assert.equal(L.combinationsWithReplacement.count(n, r), BigInt([...R.refCombinationsWithReplacement(pool, r)].length),
        `CR(${n}, ${r})`);
      assert.equal(L.combinations(pool, r).count(), [...R.refCombinations(pool, r)].length);
      assert.equal(L.permutations(pool, r).count(), [...R.refPermutations(pool, r)].length);
      assert.equal(L.combinationsWithReplacement(pool, r).count(), [...R.refCombinationsWithReplacement(pool, r)].length);
      assert.equal(L.product(pool, 'ab', { repeat: r % 3 }).count(), [...R.refProduct([pool, 'ab'], r % 3)].length);
    }
    assert.equal(L.permutations.count(n), BigInt([...R.refPermutations([...Array(n).keys()])].length));
    assert.equal(L.powerset.count(n), 2n ** BigInt(n));
    assert.equal(L.powerset(L.range(n)).count(), 2 ** n);
  }
  assert.equal(L.product.count(4, 2), 8n);
  assert.equal(L.product.count(2, { repeat: 3 }), 8n);
  assert.equal(L.product.count(), 1n);
  // huge counts, exact
  assert.equal(L.combinations.count(100, 50), 100891344545564193334812497256n);
  assert.equal(L.permutations.count(30), 265252859812191058636308480000000n);
  assert.equal(L.combinationsWithReplacement.count(0, 0), 1n);
  assert.equal(L.combinationsWithReplacement.count(0, 3), 0n);
  assert.equal(L.combinationsWithReplacement.count(100, 100), L.combinations.count(199, 100));
  assert.equal(L.powerset.count(200), 2n ** 200n);
  // a sequence's count() does not make the arrays: a count no enumeration could reach
  assert.equal(L.combinations(L.range(100_000), 3).count(), 166661666700000);
  assert.equal(L.combinations(L.range(100_000), 3).count(), Number(L.combinations.count(100_000, 3)));
  assert.throws(() => L.permutations(L.range(25)).count(), /permutations: the count 15511210043330985984000000 is beyond 2\^53 - 1/);
  assert.throws(() => L.powerset(L.range(53)).count(), RangeError);
  assert.equal(L.powerset(L.range(52)).count(), 2 ** 52);
  // the inputs of count() are read as iteration reads them: once each, in order
  const src = tracked([1, 2, 3, 4]);
  assert.equal(L.combinations(src, 2).count(), 6);
  assert.equal(src.stats.nexts, 5);
  // a stage after it counts by enumerating
  assert.equal(L.combinations(L.range(6), 2).take(4).count(), 4);
});

test('combinatorics: bad arguments throw at the call', () => {
  for (const f of [L.combinations, L.permutations, L.combinationsWithReplacement]) {
    assert.throws(() => f([1, 2], -1), RangeError);
    assert.throws(() => f([1, 2], NaN), RangeError);
    assert.throws(() => f([1, 2], 1.5), RangeError);
    assert.throws(() => f([1, 2], Infinity), RangeError);
    assert.throws(() => f([1, 2], '2'), TypeError);
    assert.throws(() => f([1, 2], 2n), TypeError);
    assert.throws(() => f(5, 1), TypeError);
    assert.throws(() => f.count(-1, 1), RangeError);
    assert.throws(() => f.count(3, 0.5), RangeError);
    assert.throws(() => f.count('3', 1), TypeError);
  }
  assert.throws(() => L.combinations([1, 2]), /combinations: r must be a number, got undefined/);
  assert.throws(() => L.powerset(null), TypeError);
  assert.throws(() => L.product([1], 7), TypeError);
  assert.throws(() => L.product([1], { repeat: -1 }), RangeError);
  assert.throws(() => L.product([1], { repeat: 1.5 }), RangeError);
  assert.throws(() => L.product.count(2, -3), RangeError);
  assert.throws(() => L.powerset.count(NaN), RangeError);
  // arrays too wide to make: out of memory when iteration starts, and the module stays usable
  assert.throws(() => L.combinationsWithReplacement('ab', 2 ** 27).first(), /first: out of WebAssembly memory/);
  assert.throws(() => [...L.product('ab', { repeat: 2 ** 32 - 1 })], /next: out of WebAssembly memory/);
  assertSame(L.combinations('ab', 1).toArray(), [['a'], ['b']]);
  // nothing was read by a call that threw
  const src = tracked([1, 2]);
  assert.throws(() => L.combinations(src, -1), RangeError);
  assert.equal(src.stats.opened, 0);
});

// ------------------------------------------------------------------ groupBy

test('groupBy: Python\'s examples, groups that are sequences over the shared source', () => {
  assert.equal(L.from('AAAABBBCCDAABBB').groupBy().map(([k]) => k).join(''), 'ABCDAB');
  assert.deepEqual(L.from('AAAABBBCCD').groupBy().map(([, g]) => g.join('')).toArray(), ['AAAA', 'BBB', 'CC', 'D']);
  const byParity = L.of(1, 3, 2, 4, 6, 5).groupBy((x) => x % 2).map(([k, g]) => [k, g.toArray()]).toArray();
  assertSame(byParity, [[1, [1, 3]], [0, [2, 4, 6]], [1, [5]]]);
  assertSame(L.empty().groupBy().toArray(), []);
  assertSame(L.of(NaN, NaN, -0, 0).groupBy().map(([k, g]) => [k, g.toArray()]).toArray(), [[NaN, [NaN, NaN]], [-0, [-0, 0]]]);
});

test('groupBy: advancing to the next group abandons the previous one, as Python does', () => {
  // list(groupby(...)) first: every group is empty then
  const pairs = L.from('AABBC').groupBy().toArray();
  assert.deepEqual(pairs.map(([k]) => k), ['A', 'B', 'C']);
  assert.deepEqual(pairs.map(([, g]) => g.toArray()), [[], [], []]);
  // a group partly read, then the outer iterator moved on
  const it = L.from('AAABB').groupBy()[Symbol.iterator]();
  const [, a] = it.next().value;
  const ai = a[Symbol.iterator]();
  assert.equal(ai.next().value, 'A');
  const [kb, b] = it.next().value;
  assert.equal(kb, 'B');
  assert.equal(ai.next().done, true, 'the abandoned group ends');
  assert.deepEqual(b.toArray(), ['B', 'B']);
  assert.equal(it.next().done, true);
  // closing the outer iterator (here by take) closes the source: a group keeps only the value already read
  const [[, g]] = L.of(1, 1, 1).groupBy().take(1).toArray();
  assert.deepEqual([...g], [1]);
  // a group is one-shot
  assert.throws(() => [...g], TypeError);
});

test('groupBy: the key function and the source run as the reference runs them', () => {
  const rand = mulberry32(7);
  for (let run = 0; run < 60; run++) {
    const values = Array.from({ length: Math.floor(rand() * 12) }, () => Math.floor(rand() * 3));
    const plan = Array.from({ length: 8 }, () => Math.floor(rand() * 4));   // how many of each group to read
    const drive = (outer) => {
      const seen = [];
      let i = 0;
      for (const [k, g] of outer) {
        const gi = g[Symbol.iterator]();
        for (let j = 0; j < plan[i % plan.length]; j++) {
          const r = gi.next();
          if (r.done) break;
          seen.push(r.value);
        }
        seen.push(`|${k}`);
        if (++i > 6) break;
      }
      return seen;
    };
    const ourLog = [], refLog = [];
    const key = (v) => v % 2;
    const ours = drive(L.from(tracked(values, ourLog)).groupBy(spy(ourLog, key)));
    const theirs = drive(R.refGroupBy(tracked(values, refLog), spy(refLog, key)));
    assertSame(ours, theirs, `run ${run}: values seen`);
    assertSame(ourLog, refLog, `run ${run}: reads, key calls and closing`);
  }
});

test('groupBy: errors and closing', () => {
  assert.throws(() => L.of(1).groupBy(5), /groupBy: 5 is not a function/);
  const boom = new Error('boom');
  const src = tracked([1, 2, 3]);
  assert.throws(() => L.from(src).groupBy((x) => { if (x === 2) throw boom; return x; }).toArray(), (e) => e === boom);
  assert.equal(src.stats.returns, 1, 'a throwing key function closes the source');
  const failingReturn = { i: 0, next() { return { value: this.i++, done: false }; }, return() { throw new Error('from return()'); } };
  assert.throws(() => L.from(failingReturn).groupBy(() => { throw boom; }).toArray(), (e) => e === boom,
    "the key function's error wins over one from the source's return(), as with map");
  const [[, group]] = L.of(1, 1, 2).groupBy().take(1).toArray();
  group.toArray();
  assert.throws(() => group.toArray(), { name: 'TypeError', message: /^groupBy: a group can be read only once/ }, 'a group read twice says so');
  const src2 = tracked([1, 1, 2]);
  for (const [k] of L.from(src2).groupBy()) { if (k === 1) break; }
  assert.equal(src2.stats.returns, 1, 'leaving the groups early closes the source');
  const src3 = tracked([1, 1, 2]);
  assert.equal(L.from(src3).groupBy().count(), 2);
  assert.equal(src3.stats.returns, 0, 'a source read to its end is not closed');
  // infinite source cut by take
  assertSame(L.count().groupBy((x) => Math.floor(x / 3)).take(2).map(([k, g]) => [k, g.toArray()]).toArray(),
    [[0, [0, 1, 2]], [1, [3, 4, 5]]]);
});

// ------------------------------------------------------------------ the other operators against their references

/* For every input and source kind: apply(seq) against ref(iterable), by toArray, for…of and again. */
function against(label, apply, ref) {
  for (const [inputName, input] of Object.entries({ ...INPUTS, 'edge values (all)': EDGE_VALUES, '600 numbers': [...Array(600).keys()] })) {
    for (const [sourceName, make] of Object.entries(SOURCES)) {
      const what = `${label} on ${inputName} (${sourceName})`;
      const want = outcome(() => [...ref(input)]);
      const seq = apply(make(input));
      sameOutcome(outcome(() => seq.toArray()), want, `${what}: toArray`);
      sameOutcome(outcome(() => [...seq]), want, `${what}: for…of, again`);
    }
  }
}

test('compress: Python\'s example, against the reference, reads in zip order, closes the other input', () => {
  assert.equal(L.from('ABCDEF').compress([1, 0, 1, 0, 1, 1]).join(''), 'ACEF');
  const sels = [1, 0, true, false, 'x', '', null, SHARED_OBJECT, NaN, -0, 0n, 1n];
  against('compress', (s) => s.compress(sels), (it) => R.refCompress(it, sels));
  against('compress by a generator', (s) => s.compress(L.from(function* () { yield* sels; })), (it) => R.refCompress(it, sels));
  for (const [dn, sn] of [[5, 3], [3, 5], [4, 4], [0, 2], [2, 0]]) {
    const ourLog = [], refLog = [];
    const d = [...Array(dn).keys()], sv = Array(sn).fill(1).map((_, i) => i % 2);
    assertSame(L.from(tracked(d, ourLog, 'd')).compress(tracked(sv, ourLog, 's')).toArray(),
      [...R.refCompress(tracked(d, refLog, 'd'), tracked(sv, refLog, 's'))]);
    assertSame(ourLog, refLog, `compress ${dn} values, ${sn} selectors: reads and closing`);
  }
  assertSame(L.count().compress(L.count().map((x) => x % 3 === 0)).take(3).toArray(), [0, 3, 6]);
  assert.throws(() => L.of(1).compress(5), TypeError);
});

test('partition: [falses, trues], the predicate once per value in the reference\'s order', () => {
  const [evens, odds] = L.range(10).partition((x) => x % 2);
  assertSame([evens.toArray(), odds.toArray()], [[0, 2, 4, 6, 8], [1, 3, 5, 7, 9]]);
  const rand = mulberry32(99);
  for (let run = 0; run < 40; run++) {
    const values = Array.from({ length: Math.floor(rand() * 10) }, () => EDGE_VALUES[Math.floor(rand() * EDGE_VALUES.length)]);
    const order = Array.from({ length: 30 }, () => Math.floor(rand() * 2));
    const ourLog = [], refLog = [];
    const pred = (v) => typeof v === 'number' && v > 0;
    const drive = ([f, t]) => {
      const its = [f[Symbol.iterator](), t[Symbol.iterator]()], got = [[], []];
      for (const k of order) { const r = its[k].next(); if (!r.done) got[k].push(r.value); }
      return got;
    };
    const ours = drive(L.from(tracked(values, ourLog)).partition(spy(ourLog, pred)));
    const theirs = drive(R.refPartition(tracked(values, refLog), spy(refLog, pred)));
    assertSame(ours, theirs, `run ${run}: values`);
    assertSame(ourLog, refLog, `run ${run}: reads and predicate calls`);
  }
  const [f, t] = L.of(1, 2).partition(Boolean);
  f.toArray();
  assert.throws(() => f.toArray(), TypeError, 'each part is one-shot');
  assertSame(t.toArray(), [1, 2]);
  assert.throws(() => L.of(1).partition(), TypeError);
});

test('starmap: Python\'s example, against the reference, callback calls', () => {
  assertSame(L.of([2, 5], [3, 2], [10, 3]).starmap(Math.pow).toArray(), [32, 9, 1000]);
  const rows = [[1, 2], [], ['a', 'b', 'c'], [NaN], 'xy', new Set([7])];
  const log1 = [], log2 = [];
  assertSame(L.from(rows).starmap(spy(log1, (...a) => a.length)).toArray(), [...R.refStarmap(rows, spy(log2, (...a) => a.length))]);
  assertSame(log1, log2);
  assert.throws(() => L.of(5).starmap(Math.max).toArray(), TypeError, 'a value that is not iterable');
  assert.throws(() => L.of([1]).starmap(null), TypeError);
  assertSame(L.count().map((x) => [x, x]).starmap((a, b) => a * b).take(3).toArray(), [0, 1, 4]);
});

test('zipLongest: Python\'s example, against the reference, reads and closing', () => {
  assertSame(L.from('ABCD').zipLongest('xy', { fillValue: '-' }).toArray().map((r) => r.join('')), ['Ax', 'By', 'C-', 'D-']);
  assertSame(L.of(1).zipLongest([]).toArray(), [[1, undefined]]);
  assertSame(L.empty().zipLongest([]).toArray(), []);
  against('zipLongest', (s) => s.zipLongest([1, 2], 'abcdefgh', { fillValue: SHARED_OBJECT }),
    (it) => R.refZipLongest([it, [1, 2], 'abcdefgh'], SHARED_OBJECT));
  for (const lens of [[3, 1, 2], [0, 0], [2, 5], [1, 1, 1]]) {
    const ourLog = [], refLog = [];
    const mk = (log) => lens.map((n, k) => tracked([...Array(n).keys()], log, `s${k}`));
    const [a, ...rest] = mk(ourLog);
    assertSame(L.from(a).zipLongest(...rest).toArray(), [...R.refZipLongest(mk(refLog))]);
    assertSame(ourLog, refLog, `lengths ${lens}: reads`);
    const ourLog2 = [], refLog2 = [];
    const [b, ...rest2] = mk(ourLog2);
    const it = L.from(b).zipLongest(...rest2)[Symbol.iterator]();
    const rit = R.refZipLongest(mk(refLog2));
    it.next(); rit.next(); it.return(); rit.return();
    assertSame(ourLog2, refLog2, `lengths ${lens}: closed after one row`);
  }
  assertSame(L.count().zipLongest('ab').take(3).toArray(), [[0, 'a'], [1, 'b'], [2, undefined]]);
  assert.throws(() => L.of(1).zipLongest(5), TypeError);
});

test('options bags: only a plain object is one; other objects are inputs (not iterable: TypeError); unknown keys are TypeErrors', () => {
  const notIterable = /is not iterable/;
  assert.throws(() => L.of(1, 2).zipLongest(new Date(0)), { name: 'TypeError', message: notIterable });
  assert.throws(() => L.product([1, 2], Promise.resolve([3])), { name: 'TypeError', message: notIterable });
  assert.throws(() => L.of(1, 2).zipLongest([5], { fillvalue: 0 }), { name: 'TypeError', message: "zipLongest: unknown option 'fillvalue' (its options: fillValue)" });
  assert.throws(() => L.product([1, 2], { repaet: 2 }), { name: 'TypeError', message: "product: unknown option 'repaet' (its options: repeat)" });
  assert.throws(() => L.product.count(2, 3, { repaet: 2 }), { name: 'TypeError', message: /product.count: unknown option 'repaet'/ });
  assert.throws(() => L.of(1, 2, 3).batched(2, { strcit: true }), { name: 'TypeError', message: "batched: unknown option 'strcit' (its options: strict)" });
  assert.throws(() => L.of(1, 2, 3).batched(2, new Date(0)), { name: 'TypeError', message: /^batched: options must be a plain object/ });
  assert.throws(() => L.of(1, 2, 3).batched(2, []), { name: 'TypeError', message: /^batched: options must be a plain object/ });
  // plain objects, with or without a prototype, are options
  assertSame(L.of(1, 2).zipLongest([5], { fillValue: 0 }).toArray(), [[1, 5], [2, 0]]);
  assertSame(L.of(1, 2).zipLongest([5], Object.assign(Object.create(null), { fillValue: 0 })).toArray(), [[1, 5], [2, 0]]);
  assert.equal(L.product.count(2, 3, { repeat: 2 }), 36n);
});

test('roundrobin: more-itertools\' example, against the reference, reads and closing', () => {
  assert.equal(L.from('ABC').roundrobin('D', 'EF').join(''), 'ADEBFC');
  against('roundrobin', (s) => s.roundrobin([1, 2], 'abcdefgh'), (it) => R.refRoundrobin([it, [1, 2], 'abcdefgh']));
  for (const lens of [[3, 1, 2], [0, 0], [2, 5], [0, 3, 0]]) {
    for (const stop of [1, 3, 100]) {
      const ourLog = [], refLog = [];
      const mk = (log) => lens.map((n, k) => tracked([...Array(n).keys()], log, `s${k}`));
      const [a, ...rest] = mk(ourLog);
      assertSame(L.from(a).roundrobin(...rest).take(stop).toArray(), [...R.refRoundrobin(mk(refLog))].slice(0, stop));
      const theirs = [];
      const rit = R.refRoundrobin(mk(theirs));
      for (let i = 0; i < stop; i++) if (rit.next().done) break;
      rit.return();
      // take(stop) stops after its last value without another read, then closes
      assertSame(ourLog, theirs, `lengths ${lens}, ${stop} values: reads and closing`);
    }
  }
  assertSame(L.count().roundrobin(L.repeat('x', 2)).take(6).toArray(), [0, 'x', 1, 'x', 2, 3]);
});

test('batched: Python\'s example, strict raises when the short batch is reached', () => {
  assertSame(L.from('ABCDEFG').batched(3).toArray().map((b) => b.join('')), ['ABC', 'DEF', 'G']);
  against('batched(3)', (s) => s.batched(3), (it) => R.refBatched(it, 3));
  against('batched(1)', (s) => s.batched(1), (it) => R.refBatched(it, 1));
  against('batched(300, strict)', (s) => s.batched(300, { strict: true }), (it) => R.refBatched(it, 300, true));
  const it = L.from('ABCDEFG').batched(3, { strict: true })[Symbol.iterator]();
  assertSame(it.next().value, ['A', 'B', 'C']);
  assertSame(it.next().value, ['D', 'E', 'F']);
  assert.throws(() => it.next(), /batched: the last batch has 1 value, fewer than 3 \(strict\)/);
  assert.equal(it.next().done, true);
  assertSame(L.range(6).batched(3, { strict: true }).toArray(), [[0, 1, 2], [3, 4, 5]]);
  assertSame(L.count().batched(2).take(2).toArray(), [[0, 1], [2, 3]]);
  const src = tracked([1, 2, 3, 4, 5]);
  const bi = L.from(src).batched(2)[Symbol.iterator]();
  bi.next();
  assert.equal(src.stats.nexts, 2, 'one batch reads exactly its values');
  for (const bad of [0, -1, 1.5, NaN]) assert.throws(() => L.of(1).batched(bad), RangeError);
  assert.throws(() => L.of(1).batched('2'), TypeError);
  assert.throws(() => L.of(1).batched(2, 5), TypeError);
});

test('flatten: one level by default, any depth, strings kept whole, against the reference', () => {
  assertSame(L.of([1, [2]], [3], 4, 'ab').flatten().toArray(), [1, [2], 3, 4, 'ab']);
  assertSame(L.of([1, [2, [3, [4]]]]).flatten(2).toArray(), [1, 2, [3, [4]]]);
  assertSame(L.of([1, [2, [3, [4]]]]).flatten(Infinity).toArray(), [1, 2, 3, 4]);
  assertSame(L.of([1, [2]]).flatten(0).toArray(), [[1, [2]]]);
  const boxed = new String('s');
  assertSame(L.of(new Set([1, 2]), new Map([[3, 4]]), L.range(2), 'xy', boxed).flatten().toArray(),
    [1, 2, [3, 4], 0, 1, 'xy', boxed], 'Sets, Maps and Seqs flattened; strings and String objects not');
  const nested = [[1, [2, 'ab']], [], 3, ['c', [[], [4]]], [NaN, -0], null];
  for (const depth of [1, 2, 3, Infinity]) {
    against(`flatten(${depth})`, (s) => s.flatten(depth), (it) => R.refFlatten(it, depth));
    assertSame(L.from(nested).flatten(depth).toArray(), [...R.refFlatten(nested, depth)], `nested, depth ${depth}`);
  }
  // inner iterators are read lazily and closed when the stage stops
  const log = [];
  const inner = tracked([1, 2, 3], log, 'inner');
  assertSame(L.of(inner, 9).flatten().take(2).toArray(), [1, 2]);
  assert.deepEqual(log, ['inner.next', 'inner.next', 'inner.return']);
  assertSame(L.count().map((x) => [x, [x]]).flatten(Infinity).take(4).toArray(), [0, 0, 1, 1]);
  for (const bad of [-1, 1.5, NaN]) assert.throws(() => L.of(1).flatten(bad), RangeError);
  assert.throws(() => L.of(1).flatten('1'), TypeError);
});

test('accumulate: Python\'s examples, default addition compiled, initial value first', () => {
  assertSame(L.of(1, 2, 3, 4, 5).accumulate().toArray(), [1, 3, 6, 10, 15]);
  assertSame(L.of(1, 2, 3, 4, 5).accumulate(undefined, 100).toArray(), [100, 101, 103, 106, 110, 115]);
  assertSame(L.of(1, 2, 3, 4, 5).accumulate((a, b) => a * b).toArray(), [1, 2, 6, 24, 120]);
  assertSame(L.of(3, 4, 6, 2, 1, 9, 0, 7, 5, 8).accumulate(Math.max).toArray(), [3, 4, 6, 6, 6, 9, 9, 9, 9, 9],
    'fn gets exactly (acc, value), so Math.max works as in Python');
  assertSame(L.of('a', 'b', 'c').accumulate().toArray(), ['a', 'ab', 'abc']);
  assertSame(L.empty().accumulate().toArray(), []);
  assertSame(L.empty().accumulate(undefined, 'x').toArray(), ['x']);
  assert.match(L.range(5).accumulate().explain(), /accumulate: compiled, runs in WASM/);
  assertSame(L.range(1, 1000).accumulate().toArray(), [...R.refAccumulate(L.range(1, 1000).toArray())]);
  const fns = [undefined, (a, b) => a - b, (a, b) => [a, b].length];
  for (const f of fns) {
    against(`accumulate(${f})`, (s) => s.accumulate(f), (it) => R.refAccumulate(it, f));
    against(`accumulate(${f}, 0)`, (s) => s.accumulate(f, 0), (it) => R.refAccumulate(it, f, 0));
  }
  const ours = [], theirs = [];
  L.from(EDGE_VALUES).accumulate(spy(ours, (a, b) => b), 'init').toArray();
  [...R.refAccumulate(EDGE_VALUES, spy(theirs, (a, b) => b), 'init')];
  assertSame(ours, theirs, 'callback arguments');
  assertSame(L.count(1).accumulate().take(4).toArray(), [1, 3, 6, 10]);
  const lazy = tracked([5, 6]);
  const ai = L.from(lazy).accumulate(undefined, 1)[Symbol.iterator]();
  assert.equal(ai.next().value, 1);
  assert.equal(lazy.stats.nexts, 0, 'initial comes before the source is read');
  assert.equal(ai.next().value, 6);
  assert.equal(lazy.stats.nexts, 1);
  assert.throws(() => L.of(1).accumulate(5), TypeError);
  const boom = new Error('boom');
  const src = tracked([1, 2, 3]);
  assert.throws(() => L.from(src).accumulate(() => { throw boom; }).toArray(), (e) => e === boom);
  assert.equal(src.stats.returns, 1);
});

// ------------------------------------------------------------------ memory

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

async function settle() {
  for (let i = 0; i < 6; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

test('memory: combinatorics and grouping pipelines finished, closed, broken out of or abandoned leave nothing', async () => {
  const shapes = [
    () => L.combinations(L.from(['a', SHARED_OBJECT, 3, 'd']), 2),
    () => L.permutations(L.range(5)),
    () => L.product(L.of('x', 'y'), L.from(function* () { yield 1; yield 2; }), { repeat: 2 }),
    () => L.powerset(L.of(1, 'b', null)),
    () => L.combinationsWithReplacement('abc', 3),
    () => L.from('AABBBC').groupBy().map(([k, g]) => k + g.join('')),
    () => L.range(20).partition((x) => x % 3)[1],
    () => L.of('a', 1, null).cycle().compress(L.count().map((x) => x % 2)).take(7),
    () => L.of([1, 2], 'x', [3, [4]]).flatten(Infinity).zipLongest('ab', { fillValue: {} }),
    () => L.of('p', 'q').roundrobin(L.range(3), L.of({})).batched(2).accumulate((a, b) => [a, b], 's'),
    () => L.from(['a', 'b', 'c']).batched(2, { strict: true }).starmap((...xs) => xs),
  ];
  const run = (n) => {
    const seq = shapes[n % shapes.length]();
    const it = seq[Symbol.iterator]();
    const k = n % 4;
    try {
      for (let i = 0; i < k; i++) it.next();
      if (n % 3 === 0) it.return();
      else if (n % 3 === 1) for (const x of it) { if (x === '!') break; }
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;   // batched strict
    }
  };
  for (let n = 0; n < shapes.length * 12; n++) run(n);
  await settle();
  const before = { bytes: E.lw_mem_used(), handles: liveHandles() };
  for (let n = 0; n < 5000; n++) run(n);
  await settle();
  assert.deepEqual({ bytes: E.lw_mem_used(), handles: liveHandles() }, before);
});

// ------------------------------------------------------------------ random pipelines

test('seeded random pipelines of these operators against the references: values, reads and closing', () => {
  const rand = mulberry32(6);
  const pick = (a) => a[Math.floor(rand() * a.length)];
  const int = (n) => Math.floor(rand() * n);
  const toNumber = (a, b) => (typeof b === 'number' ? b : a);
  const OPS = [
    () => { const n = 1 + int(4); return [(s) => s.batched(n), (it) => R.refBatched(it, n)]; },
    () => { const d = pick([1, 2, Infinity]); return [(s) => s.flatten(d), (it) => R.refFlatten(it, d)]; },
    () => { const sel = Array.from({ length: int(12) }, () => int(2)); return [(s) => s.compress(sel), (it) => R.refCompress(it, sel)]; },
    () => { const o = Array.from({ length: int(5) }, (_, i) => `r${i}`); return [(s) => s.roundrobin(o), (it) => R.refRoundrobin([it, o])]; },
    () => { const o = Array.from({ length: int(5) }, (_, i) => `z${i}`); return [(s) => s.zipLongest(o, { fillValue: '_' }), (it) => R.refZipLongest([it, o], '_')]; },
    () => [(s) => s.accumulate(toNumber), (it) => R.refAccumulate(it, toNumber)],
    () => [(s) => s.accumulate(toNumber, 'start'), (it) => R.refAccumulate(it, toNumber, 'start')],
    () => [(s) => s.batched(2).starmap((...xs) => xs.length), (it) => R.refStarmap(R.refBatched(it, 2), (...xs) => xs.length)],
    () => [(s) => s.groupBy((v) => typeof v).map(([k, g]) => [k, g.toArray()]),
      (it) => (function* () { for (const [k, g] of R.refGroupBy(it, (v) => typeof v)) yield [k, [...g]]; })()],
    // take(0) is left out: TC39 closes an unstarted helper's source, a plain generator does not
    () => { const n = 1 + int(5); return [(s) => s.take(n), (it) => refTakeClosing(it, n)]; },
  ];
  for (let run = 0; run < 300; run++) {
    const values = Array.from({ length: int(10) }, () => (rand() < 0.2 ? [int(3), [int(3)]] : pick(EDGE_VALUES)));
    const ops = Array.from({ length: 1 + int(3) }, () => pick(OPS)());
    const ourLog = [], refLog = [];
    const ours = outcome(() => ops.reduce((s, [op]) => op(s), L.from(tracked(values, ourLog))).toArray());
    const theirs = outcome(() => [...ops.reduce((it, [, ref]) => ref(it), tracked(values, refLog))]);
    sameOutcome(ours, theirs, `run ${run}`);
    assertSame(ourLog, refLog, `run ${run}: reads and closing`);
  }
});

/* take as TC39's (n ≥ 1): after n values it closes the source without reading more. */
function* refTakeClosing(iterable, n) {
  for (const v of iterable) { yield v; if (--n === 0) return; }
}
