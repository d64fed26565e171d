// Exact integers and primes (docs/semantics.md, "Exact integers" and
// "primes"): BigInt range, count, fibonacci and iterate against plain BigInt
// generators and closed formulas; BigInts through every operator; exact
// sum/min/max; mixing errors at the call and at the sink; primes() against a
// plain sieve and trial division; memory.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as L from '../lib/node.js';
import * as R from './reference.js';
import { E } from '../lib/engine.js';
import { liveHandles } from '../lib/values.js';

const { assertSame, show, mulberry32 } = R;

// ------------------------------------------------------------------ references

/* BigInt range: start, start + step, … below end (above it for a negative step); end may be ±Infinity. */
function* refBigRange(start, end, step) {
  if (end === undefined) { end = start; start = 0n; }
  if (step === undefined) step = end < start ? -1n : 1n;
  if (step === 0n) return;
  for (let v = start; step > 0n ? v < end : v > end; v += step) yield v;
}

function* refBigCount(start = 0n, step = 1n) { for (let v = start; ; v += step) yield v; }

function* refBigFibonacci() {
  let a = 0n, b = 1n;
  for (;;) { yield a; [a, b] = [b, a + b]; }
}

function isPrime(n) {
  if (n < 2) return false;
  if (n % 2 === 0) return n === 2;
  for (let d = 3; d * d <= n; d += 2) if (n % d === 0) return false;
  return true;
}

function* refPrimes(from = 2) {
  for (let n = Math.max(2, Math.ceil(from)); n < 2 ** 53; n++) if (isPrime(n)) yield n;
}

/* The sum of n terms a, a + d, …: n a + d n (n - 1) / 2. */
const arithmeticSum = (a, d, n) => n * a + (d * n * (n - 1n)) / 2n;

/* `seq` gives `expected` by toArray, by for…of and by forEach (three pipelines). */
function check(seq, expected, message) {
  const want = [...expected];
  assertSame(seq.toArray(), want, `${message}: toArray`);
  assertSame([...seq], want, `${message}: for…of`);
  const viaForEach = [];
  seq.forEach((x) => viaForEach.push(x));
  assertSame(viaForEach, want, `${message}: forEach`);
}

/* A seeded random BigInt of up to `bits` bits, of either sign. */
function randomBigInt(rand, bits) {
  let v = 0n;
  for (let b = 0; b < bits; b += 32) v = (v << 32n) | BigInt(Math.floor(rand() * 2 ** 32));
  v >>= BigInt(Math.floor(rand() * bits));
  return rand() < 0.5 ? -v : v;
}

// ------------------------------------------------------------------ range and count

const TWO53 = 2n ** 53n, TWO64 = 2n ** 64n;

const BIG_RANGE_ARGS = [
  [5n], [0n], [1n], [-3n], [2n, 7n], [7n, 2n], [7n, 7n], [0n, 10n, 3n], [0n, 10n, -1n], [10n, 0n, 1n],
  [5n, 0n, -2n], [3n, 3n, 0n], [-5n, 5n, 4n], [TWO53 - 3n, TWO53 + 3n], [TWO53 + 3n, TWO53 - 3n],
  [-TWO53 - 2n, -TWO53 + 2n], [TWO64 - 2n, TWO64 + 2n], [-TWO64 + 1n, -TWO64 - 3n],
  [TWO64, TWO64 + 5n * 10n ** 20n, 10n ** 20n], [0n, 10n ** 30n, 10n ** 29n], [10n ** 40n, -(10n ** 40n), -(10n ** 39n) * 3n],
  [0n, 1000n, 7n], [1n, 600n],
];

test('range: BigInt argument lists against a BigInt generator (toArray, for…of, forEach)', () => {
  for (const args of BIG_RANGE_ARGS) check(L.range(...args), refBigRange(...args), `range(${args.map(show)})`);
});

test('range: BigInts at and beyond 2^53 and 2^64 stay exact', () => {
  assertSame(L.range(TWO53 - 1n, TWO53 + 2n).toArray(), [TWO53 - 1n, TWO53, TWO53 + 1n], 'consecutive past 2^53');
  assert.equal(new Set(L.range(TWO53, TWO53 + 1000n).toArray()).size, 1000, 'a thousand distinct values past 2^53');
  assertSame(L.range(TWO64 - 1n, TWO64 + 1n).toArray(), [TWO64 - 1n, TWO64], 'across 2^64');
  assertSame(L.range(-(2n ** 200n), -(2n ** 200n) - 3n).toArray(), [-(2n ** 200n), -(2n ** 200n) - 1n, -(2n ** 200n) - 2n],
    'downwards from -2^200');
  for (const v of L.range(TWO53 - 5n, TWO53 + 5n)) assert.equal(typeof v, 'bigint');
});

test('range: BigInt with ±Infinity ends (TC39 Iterator.range), cut by take', () => {
  assertSame(L.range(0n, Infinity).take(4).toArray(), [0n, 1n, 2n, 3n]);
  assertSame(L.range(0n, -Infinity).take(3).toArray(), [0n, -1n, -2n], 'step -1n by default');
  assertSame(L.range(TWO64, Infinity, TWO64).take(3).toArray(), [TWO64, 2n * TWO64, 3n * TWO64]);
  assertSame(L.range(5n, Infinity, -1n).toArray(), [], 'the wrong direction: empty');
  assertSame(L.range(5n, -Infinity, 2n).toArray(), [], 'the wrong direction: empty');
  assertSame(L.range(0n, Infinity).drop(1e6).first(), 1000000n, 'drop a million');
});

test('range: sums of large BigInt ranges equal the closed formula', () => {
  assert.equal(L.range(1000001n).sum(), 500000500000n, '0n..10^6');
  assert.equal(L.range(TWO64, TWO64 + 100000n).sum(), arithmeticSum(TWO64, 1n, 100000n), 'a hundred thousand values past 2^64');
  assert.equal(L.range(0n, -3000n, -7n).sum(), arithmeticSum(0n, -7n, 429n), 'negative step');
  const rand = mulberry32(20241201);
  for (let trial = 0; trial < 40; trial++) {
    const a = randomBigInt(rand, 200), d = randomBigInt(rand, 150) || 1n, n = BigInt(Math.floor(rand() * 2000));
    const seq = L.range(a, a + d * n, d);
    assert.equal(seq.count(), Number(n), `count, trial ${trial}`);
    assert.equal(seq.sum(), n === 0n ? 0 : arithmeticSum(a, d, n), `sum, trial ${trial}: a=${a}n d=${d}n n=${n}`);
    assert.equal(seq.last(), n === 0n ? undefined : a + d * (n - 1n), `last, trial ${trial}`);
    if (n <= 300n) assertSame(seq.toArray(), [...refBigRange(a, a + d * n, d)], `values, trial ${trial}`);
  }
});

test('count: BigInt start and step against a BigInt generator', () => {
  for (const args of [[0n], [5n], [-3n, 2n], [TWO53 - 2n], [TWO64, -TWO64], [10n ** 50n, 10n ** 49n], [7n, 0n]]) {
    assertSame(L.count(...args).take(12).toArray(), [...R.refTake(refBigCount(...args), 12)], `count(${args.map(show)})`);
  }
  assertSame(L.count(0n).take(600).sum(), arithmeticSum(0n, 1n, 600n), 'several batches');
  assert.equal(L.count(1n).nth(1e6), 1000001n);
});

test('range and count: { bigint: true } takes safe-integer numbers exactly', () => {
  assertSame(L.range(5, { bigint: true }).toArray(), [0n, 1n, 2n, 3n, 4n]);
  assertSame(L.range(2, 9, 3, { bigint: true }).toArray(), [2n, 5n, 8n]);
  assertSame(L.range(2n, 9, { bigint: true }).toArray(), [2n, 3n, 4n, 5n, 6n, 7n, 8n], 'BigInts and numbers together');
  assertSame(L.range(0, Infinity, { bigint: true }).take(3).toArray(), [0n, 1n, 2n]);
  assertSame(L.range(2 ** 53 - 1, 2 ** 53 - 3, { bigint: true }).toArray(), [TWO53 - 1n, TWO53 - 2n], 'the largest safe integer');
  assertSame(L.count({ bigint: true }).take(3).toArray(), [0n, 1n, 2n]);
  assertSame(L.count(10, -5, { bigint: true }).take(3).toArray(), [10n, 5n, 0n]);
  assertSame(L.range(3, { bigint: false }).toArray(), [0, 1, 2], '{ bigint: false }: numbers');
  assertSame(L.count(1, {}).take(2).toArray(), [1, 2], 'an empty options object: numbers');
  assertSame(L.range(3, 3, 0, { bigint: true }).toArray(), [], 'step 0 with start === end: empty');
});

test('range and count: BigInt argument errors at the call', () => {
  const mixed = (e) => e instanceof TypeError && /cannot mix BigInt and number/.test(e.message);
  assert.throws(() => L.range(0n, 5), mixed, 'range(0n, 5)');
  assert.throws(() => L.range(0, 5n), mixed, 'range(0, 5n)');
  assert.throws(() => L.range(0n, 5n, 1), mixed, 'range(0n, 5n, 1)');
  assert.throws(() => L.range(0n, NaN), mixed, 'range(0n, NaN)');
  assert.throws(() => L.count(0n, 1), mixed, 'count(0n, 1)');
  assert.throws(() => L.count(0, 1n), mixed, 'count(0, 1n)');
  assert.throws(() => L.range(0n, 5n, 0n), RangeError, 'step 0n');
  assert.throws(() => L.range(0n, Infinity, 0n), RangeError, 'step 0n, infinite end');
  assert.throws(() => L.range(0n, '5'), TypeError, "range(0n, '5')");
  assert.throws(() => L.range(0n, 5n, null), TypeError, 'a null step');
  assert.throws(() => L.count(0n, Symbol.for('s')), TypeError);
  assert.throws(() => L.range(0n, 5n, { bigint: false }), TypeError, 'BigInts with { bigint: false }');
  assert.throws(() => L.range(2 ** 53, { bigint: true }), RangeError, 'not a safe integer');
  assert.throws(() => L.range(0.5, { bigint: true }), RangeError, 'a fraction');
  assert.throws(() => L.range(NaN, { bigint: true }), RangeError, 'NaN');
  assert.throws(() => L.range(-Infinity, 5, { bigint: true }), RangeError, 'an infinite start');
  assert.throws(() => L.count(0, Infinity, { bigint: true }), RangeError, 'an infinite step');
  assert.throws(() => L.range('1', { bigint: true }), TypeError);
  assert.throws(() => L.range(5, { bigint: 1 }), TypeError, 'bigint must be a boolean');
  assert.throws(() => L.range({ bigint: true }), TypeError, 'range() with only options');
  assert.throws(() => L.range(0, [5]), TypeError, 'an array is not an options object');
  assert.throws(() => L.range(0, L.range(3)), TypeError, 'nor is a sequence');
  assert.throws(() => L.count(0, new Date(0)), TypeError, 'nor a Date');
});

// ------------------------------------------------------------------ fibonacci

const F1000 = '43466557686937456435688527675040625802564660517371780402481729089536555417949051890403879840079255169295922593080322634775209689623239873322471161642996440906533187938298969649928516003704476137795166849228875';

test('fibonacci({ bigint: true }): exact BigInts against a plain BigInt loop, far beyond 2^64', () => {
  assertSame(L.fibonacci({ bigint: true }).take(10).toArray(), [0n, 1n, 1n, 2n, 3n, 5n, 8n, 13n, 21n, 34n]);
  assertSame(L.fibonacci({ bigint: true }).take(3000).toArray(), [...R.refTake(refBigFibonacci(), 3000)], '3000 values');
  assert.equal(String(L.fibonacci({ bigint: true }).nth(1000)), F1000, 'F(1000), 209 digits');
  assert.equal(L.fibonacci({ bigint: true }).nth(93), 12200160415121876738n, 'F(93), the first above 2^63');
  assert.equal(L.fibonacci({ bigint: true }).nth(94), 19740274219868223167n, 'F(94), the first above 2^64');
  assert.equal(String(L.fibonacci({ bigint: true }).nth(10000)).length, 2090, 'F(10000) has 2090 digits');
  assert.equal(L.fibonacci({ bigint: true }).nth(10000), R.refNth(refBigFibonacci(), 10000), 'F(10000) exactly');
  const s = L.fibonacci({ bigint: true }).take(100);
  assertSame(s.toArray(), [...s], 're-iteration');
  assertSame(L.fibonacci({ bigint: false }).take(5).toArray(), [0, 1, 1, 2, 3], '{ bigint: false }: numbers');
  assertSame(L.fibonacci({}).take(3).toArray(), [0, 1, 1], 'no option: numbers');
});

test('fibonacci: option errors at the call', () => {
  assert.throws(() => L.fibonacci(5), TypeError);
  assert.throws(() => L.fibonacci(null), TypeError);
  assert.throws(() => L.fibonacci({ bigint: 'yes' }), TypeError);
});

// ------------------------------------------------------------------ iterate

test('iterate: a BigInt seed, the step is JS BigInt arithmetic', () => {
  const double = (x) => x * 2n;
  assertSame(L.iterate(1n, double).take(100).toArray(), [...R.refTake(R.refIterate(1n, double), 100)], 'powers of two');
  assert.equal(L.iterate(1n, double).nth(200), 2n ** 200n);
  const square = (x) => x * x;
  assert.equal(L.iterate(3n, square).nth(8), 3n ** 256n, 'repeated squaring');
  let want = 0n;
  for (const x of R.refTake(R.refIterate(0n, (x, i) => x + BigInt(i) * TWO64), 1001)) want += x;
  assert.equal(L.iterate(0n, (x, i) => x + BigInt(i) * TWO64).take(1001).sum(), want, 'a BigInt iterate summed exactly');
  // 1n + 1 throws in JS: the step throws when that value is pulled, not before
  const seq = L.iterate(1n, (x) => x + 1);
  assert.equal(seq.first(), 1n);
  assert.throws(() => seq.take(2).toArray(), TypeError);
});

// ------------------------------------------------------------------ BigInts through every operator

test('BigInts flow through every operator as values', () => {
  const xs = [...refBigRange(-5n, 20n)].map((x) => x * TWO64 + 7n);   // beyond 2^64, both signs
  const src = () => L.from(xs);
  const cases = [
    ['map', (s) => s.map((x) => x * 3n), (a) => R.refMap(a, (x) => x * 3n)],
    ['map (compilable text)', (s) => s.map((x) => x * x), (a) => R.refMap(a, (x) => x * x)],
    ['filter', (s) => s.filter((x) => x % 2n === 0n), (a) => R.refFilter(a, (x) => x % 2n === 0n)],
    ['filter (mixed comparison)', (s) => s.filter((x) => x > 0), (a) => R.refFilter(a, (x) => x > 0)],
    ['takeWhile', (s) => s.takeWhile((x) => x < TWO64 * 3n), (a) => R.refTakeWhile(a, (x) => x < TWO64 * 3n)],
    ['dropWhile', (s) => s.dropWhile((x) => x < 0n), (a) => R.refDropWhile(a, (x) => x < 0n)],
    ['flatMap', (s) => s.flatMap((x) => [x, -x]), (a) => R.refFlatMap(a, (x) => [x, -x])],
    ['scan', (s) => s.scan((acc, x) => acc + x, 0n), (a) => R.refScan(a, (acc, x) => acc + x, 0n)],
    ['take/drop/slice', (s) => s.drop(2).take(10).slice(1, 8, 3), (a) => R.refSlice(R.refTake(R.refDrop(a, 2), 10), 1, 8, 3)],
    ['enumerate', (s) => s.enumerate(), (a) => R.refEnumerate(a)],
    ['zip', (s) => s.zip(L.range(3n)), (a) => R.refZip(a, refBigRange(3n))],
    ['concat', (s) => s.concat(L.fibonacci({ bigint: true }).take(3)), (a) => R.refConcat(a, [0n, 1n, 1n])],
    ['interleave', (s) => s.interleave(L.count(TWO64)), (a) => R.refInterleave(a, refBigCount(TWO64))],
    ['chunk', (s) => s.chunk(4), (a) => R.refChunk(a, 4)],
    ['window', (s) => s.window(3), (a) => R.refWindow(a, 3)],
    ['pairwise', (s) => s.pairwise(), (a) => R.refPairwise(a)],
    ['dedupe', (s) => s.map((x) => x / TWO64).dedupe(), (a) => R.refDedupe(R.refMap(a, (x) => x / TWO64))],
    ['unique', (s) => s.map((x) => x % 3n).unique(), (a) => R.refUnique(R.refMap(a, (x) => x % 3n))],
    ['cycle', (s) => s.cycle().take(60), (a) => R.refTake(R.refCycle(a), 60)],
  ];
  for (const [name, op, ref] of cases) assertSame(op(src()).toArray(), [...ref(xs)], name);
  const [t0, t1] = src().tee();
  assertSame(t0.toArray(), xs, 'tee branch 0');
  assertSame(t1.toArray(), xs, 'tee branch 1');
  assert.equal(src().includes(xs[7]), true, 'includes by value');
  assert.equal(src().includes(8n), false);
  assert.equal(src().includes(7), false, 'SameValueZero: 7 is not 7n');
  assert.equal(src().find((x) => x > TWO64), R.refFind(xs, (x) => x > TWO64));
  assert.equal(src().some((x) => x === xs[3]), true);
  assert.equal(src().every((x) => typeof x === 'bigint'), true);
  assert.equal(src().reduce((a, b) => a + b), R.refReduce(xs, (a, b) => a + b), 'reduce');
  assert.equal(src().reduce((a, b) => (a > b ? a : b), 0n), R.refReduce(xs, (a, b) => (a > b ? a : b), 0n), 'reduce with 0n');
  assert.equal(src().join(' '), xs.join(' '));
  assert.equal(src().first(), xs[0]);
  assert.equal(src().last(), xs[xs.length - 1]);
  assert.equal(src().nth(5), xs[5]);
  assert.equal(src().count(), xs.length);
});

// ------------------------------------------------------------------ sum, min, max

test('sum, min, max: exact over BigInts (seeded differential against BigInt loops)', () => {
  const rand = mulberry32(7);
  for (let trial = 0; trial < 60; trial++) {
    const n = [0, 1, 2, 255, 256, 257, 1000][trial % 7];
    const xs = Array.from({ length: n }, () => randomBigInt(rand, 1 + Math.floor(rand() * 300)));
    if (n === 0) continue;
    const sum = xs.reduce((a, b) => a + b, 0n);
    const min = xs.reduce((a, b) => (b < a ? b : a)), max = xs.reduce((a, b) => (b > a ? b : a));
    for (const [how, seq] of [['array', L.from(xs)], ['generator', L.from(function* () { yield* xs; })], ['after map', L.from(xs).map((x) => x)]]) {
      assert.equal(seq.sum(), sum, `sum, ${how}, trial ${trial}`);
      assert.equal(seq.min(), min, `min, ${how}, trial ${trial}`);
      assert.equal(seq.max(), max, `max, ${how}, trial ${trial}`);
    }
  }
  assert.equal(L.of(-0n, 0n).sum(), 0n);
  assert.equal(L.of(5n).sum(), 5n, 'one value');
  assert.equal(L.of(5n).min(), 5n);
  assert.equal(L.of(TWO64, -TWO64).sum(), 0n, 'cancel to zero');
  assert.equal(L.from(new BigInt64Array([-(2n ** 63n), 2n ** 63n - 1n, 5n])).sum(), 4n, 'a BigInt64Array');
  assert.equal(L.from(new BigUint64Array([TWO64 - 1n, TWO64 - 1n])).sum(), 2n * TWO64 - 2n, 'beyond 2^64');
  assert.equal(L.range(0n, 10n ** 6n).max(), 10n ** 6n - 1n);
  assert.equal(L.range(0n, -(10n ** 6n), -1n).min(), -(10n ** 6n) + 1n);
  assert.equal(L.fibonacci({ bigint: true }).take(101).sum(), R.refNth(refBigFibonacci(), 102) - 1n, 'sum of F(0..100) is F(102) - 1');
});

test('sum, min, max: an empty sequence has the number results (no type to go by)', () => {
  assert.equal(L.range(0n, 0n).sum(), 0);
  assert.equal(L.range(0n, 0n).min(), undefined);
  assert.equal(L.range(0n, 0n).reduce((a, b) => a + b, 0n), 0n, 'reduce with 0n for a BigInt 0n');
});

test('sum, min, max: BigInts mixed with numbers are a TypeError, as 1n + 1 is', () => {
  assert.throws(() => 1n + Number(1), TypeError, 'the rule itself');
  for (const name of ['sum', 'min', 'max']) {
    for (const input of [[1n, 2], [1, 2n], [NaN, 1n], [1n, NaN], [1n, 2n, -0], [...R.refRange(700), 5n], [...refBigRange(700n), 5]]) {
      assert.throws(() => L.from(input)[name](), (e) => e instanceof TypeError && e.message.startsWith(`${name}: cannot mix BigInt`),
        `${name} over ${show(input.slice(-3))}`);
    }
    assert.throws(() => L.of(1n, 'a')[name](), (e) => e instanceof TypeError && e.message.includes('"a"'), `${name}: a string among BigInts`);
    assert.throws(() => L.of(1n, 2n).concat(L.range(3))[name](), TypeError, `${name}: a BigInt range then numbers`);
    assert.throws(() => L.of(2n, 98765432109876543210n)[name]() && L.of(1, 98765432109876543210n)[name](),
      (e) => e.message.includes('98765432109876543210n'), `${name}: the message names the BigInt`);
  }
});

test('sum over a user iterator stops at the first mixed value (nothing read past it)', () => {
  const log = [];
  const src = L.from(function* () { for (const v of [1n, 2n, 3, 4n]) { log.push(v); yield v; } });
  assert.throws(() => src.sum(), TypeError);
  assertSame(log, [1n, 2n, 3], 'read up to the number, not beyond');
});

test('sum, min, max over JS map/filter stages of BigInts: every value counted, callbacks stop at a mixed value', () => {
  const calls = [];
  const f = (x) => { calls.push(x); return x * 3n; };
  assert.equal(L.range(0n, 1000n).map(f).sum(), 3n * 499500n);
  assert.equal(calls.length, 1000);
  assert.equal(L.range(0n, 1000n).filter((x) => x % 7n === 0n).map(f).max(), 3n * 994n);
  assert.equal(L.from([5n, 1n, 9n, 2n]).map((x) => x - 1n).min(), 0n);
  calls.length = 0;
  assert.throws(() => L.range(0n, 10n).map((x) => { calls.push(x); return x === 4n ? 4 : x; }).sum(), TypeError);
  assert.deepEqual(calls, [0n, 1n, 2n, 3n, 4n], 'no callback past the mixed value');
});

test('mean and toFloat64Array take numbers only: a BigInt is a TypeError', () => {
  assert.throws(() => L.of(1n, 2n).mean(), (e) => e instanceof TypeError && e.message === 'mean: expected only numbers, got 1n');
  assert.throws(() => L.range(3n).toFloat64Array(), TypeError);
});

// ------------------------------------------------------------------ primes

test('primes(): the first values against trial division', () => {
  assertSame(L.primes().take(10).toArray(), [2, 3, 5, 7, 11, 13, 17, 19, 23, 29]);
  assertSame(L.primes().take(2000).toArray(), [...R.refTake(refPrimes(), 2000)], '2000 primes');
  const s = L.primes().take(300);
  assertSame(s.toArray(), [...s], 're-iteration');
});

test('primes(): every prime below 10^6 (a plain sieve), bounded by takeWhile', () => {
  const N = 1e6, composite = new Uint8Array(N), want = [];
  for (let i = 2; i < N; i++) {
    if (composite[i]) continue;
    want.push(i);
    for (let j = i * i; j < N; j += i) composite[j] = 1;
  }
  assertSame(L.primes().takeWhile((p) => p < N).toArray(), want);
  assert.equal(L.primes().takeWhile((p) => p < N).count(), 78498, 'pi(10^6)');
});

test('primes(): the 10^6-th and 10^7-th primes', () => {
  assert.equal(L.primes().nth(1e6 - 1), 15485863);
  assert.equal(L.primes().nth(1e7 - 1), 179424673);
});

test('primes({ from }): from that number on, inclusive', () => {
  for (const from of [-10, 0, 1, 2, 3, 4, 2.5, 100, 524288, 1048577, 2 ** 32 - 10, 1e9, 1e12]) {
    assertSame(L.primes({ from }).take(8).toArray(), [...R.refTake(refPrimes(from), 8)], `from ${from}`);
  }
  assertSame(L.primes({ from: 101 }).first(), 101, 'a prime itself is included');
  assertSame(L.primes({}).first(), 2);
  assertSame(L.primes({ from: -Infinity }).first(), 2);
  assertSame(L.primes({ from: 2 ** 53 - 300 }).toArray(), [9007199254740727, 9007199254740761, 9007199254740847, 9007199254740881],
    'the last primes below 2^53, then the end');
  assertSame(L.primes({ from: 2 ** 53 }).toArray(), []);
  assertSame(L.primes({ from: Infinity }).toArray(), []);
});

test('primes(): an engine source: callbacks downstream run exactly as often as values are taken', () => {
  let calls = 0;
  const seq = L.primes().map((p) => { calls++; return String(p); });
  assertSame(seq.take(5).toArray(), ['2', '3', '5', '7', '11']);
  assert.equal(calls, 5);
  assert.equal(L.primes().explain(), 'primes');
});

test('primes(): argument errors at the call', () => {
  assert.throws(() => L.primes(5), TypeError);
  assert.throws(() => L.primes(null), TypeError);
  assert.throws(() => L.primes({ from: '5' }), TypeError);
  assert.throws(() => L.primes({ from: 10n }), TypeError);
  assert.throws(() => L.primes({ from: NaN }), RangeError);
});

// ------------------------------------------------------------------ memory

test('memory: BigInt and primes pipelines, finished, broken out of and failed, leave nothing behind', () => {
  const run = () => {
    L.range(TWO64, TWO64 + 1000n).sum();
    L.fibonacci({ bigint: true }).take(2000).max();
    for (const x of L.fibonacci({ bigint: true })) if (x > TWO64) break;
    assert.throws(() => L.range(3n).concat([4]).sum(), TypeError);
    assert.throws(() => L.of(1, 2n).min(), TypeError);
    assert.throws(() => L.range(5n).map((x) => { if (x === 3n) throw new Error('boom'); return x; }).sum(), /boom/);
    const it = L.count(-TWO64)[Symbol.iterator]();
    it.next();
    it.return();
    L.primes().take(1e5).last();
    L.primes({ from: 1e9 }).take(10).toArray();
  };
  run();
  const before = { bytes: E.lw_mem_used(), handles: liveHandles() };
  for (let i = 0; i < 5; i++) run();
  assert.deepEqual({ bytes: E.lw_mem_used(), handles: liveHandles() }, before);
});
