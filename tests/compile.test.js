// Compiled callbacks are bit-identical to the JS functions they come from:
// seeded random expressions over the whole subset, evaluated on edge values
// and random doubles by the engine (compiled) and by JS, compared with Object.is.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as L from '../lib/node.js';
import { mulberry32 as prng, assertSame } from './reference.js';
import { liveHandles } from '../lib/values.js';
import { E } from '../lib/engine.js';
import * as jit from '../lib/jit.js';

const EDGES = [0, -0, 1, -1, 0.5, -0.5, 1.5, 2.5, -2.5, 3, 7, -7, NaN, Infinity, -Infinity,
  Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, -Number.MIN_VALUE, 2 ** 31, -(2 ** 31), 2 ** 31 - 1,
  2 ** 32, 2 ** 32 - 1, 2 ** 53, -(2 ** 53), 2 ** 53 + 2, 0.49999999999999994, 1e-310, 1e21, -1e21,
  4503599627370495.5, 123456.789, 1 / 3, 65535, 2 ** 1023,
  2 ** 62 + 2 ** 11, -(2 ** 62), 2 ** 63 - 1024, -(2 ** 63 - 1024), 2 ** 63, 3 * 2 ** 60, 1e18 + 64, 999999999,
  2 ** 52 - 1, -(2 ** 52 - 1), 2 ** 52, 2 ** 52 + 2, 1e9 + 7, -1e15 - 1];

/* Random doubles of every kind: from random bits (subnormals, huge), small integers, fractions. */
function inputs(rand, n) {
  const out = EDGES.slice();
  const bits = new Float64Array(1), words = new Uint32Array(bits.buffer);
  while (out.length < n) {
    const kind = rand();
    if (kind < 0.3) {
      words[0] = rand() * 2 ** 32; words[1] = rand() * 2 ** 32;
      out.push(bits[0]);
    } else if (kind < 0.6) out.push(Math.floor(rand() * 200) - 100);
    else out.push((rand() - 0.5) * 10 ** Math.floor(rand() * 12 - 4));
  }
  return out;
}

/*
** Mostly integers, for the integer mode of hot loops (csrc/jsjit.c): small,
** near 2^31 and 2^32, near 2^53 where sums and products leave it; and now
** and then a value that makes a loop leave it (-0, a fraction, NaN, ±Infinity).
*/
function intInputs(rand, n) {
  const out = [];
  while (out.length < n) {
    const kind = rand(), sign = rand() < 0.3 ? -1 : 1;
    if (kind < 0.45) out.push(Math.floor(rand() * 200) - 100);
    else if (kind < 0.65) out.push(sign * Math.floor(rand() * 2 ** 32));
    else if (kind < 0.8) out.push(sign * (2 ** 53 - Math.floor(rand() * 4)));
    else if (kind < 0.95) out.push(sign * Math.floor(rand() * 2 ** (20 + Math.floor(rand() * 34))));
    else out.push([-0, 0.5, -2.5, NaN, Infinity, -Infinity, 2 ** 53 + 2, 1e300][Math.floor(rand() * 8)]);
  }
  return out;
}

const LITERALS = ['0', '1', '2', '3', '0.5', '1.5', '10', '1e3', '2.5e-3', '0x1F', '0b101', '0o17', '1_000',
  '.5', '5.', '1e308', '5e-324', 'NaN', 'Infinity', '4294967296', '2147483648', '-0'];
const UNARY = ['-', '+', '!', '~'];
const BINARY = ['+', '-', '*', '/', '%', '<', '<=', '>', '>=', '==', '!=', '===', '!==',
  '&', '|', '^', '<<', '>>', '>>>', '&&', '||', '??'];
const MATH1 = ['abs', 'sign', 'floor', 'ceil', 'round', 'trunc', 'sqrt', 'cbrt', 'fround', 'clz32'];
const MATHN = ['min', 'max', 'hypot', 'imul'];
const NUMBER = ['isInteger', 'isFinite', 'isNaN'];
const CONSTS = ['Math.PI', 'Math.E', 'Math.LN2', 'Math.SQRT1_2', 'Number.EPSILON', 'Number.MAX_SAFE_INTEGER'];

/* The same for integer mode: operations that keep integers integers, and integer literals (and -0, 0.5). */
const INTS = {
  literals: ['0', '1', '2', '3', '7', '10', '-1', '1e3', '0x1F', '1_000', '1e9', '4294967296', '2147483648',
    '9007199254740991', '-0', '0.5'],
  unary: ['-', '+', '!', '~'],
  binary: ['+', '-', '*', '%', '<', '<=', '>', '>=', '===', '!==', '&', '|', '^', '<<', '>>', '>>>', '&&', '||', '??'],
  math1: ['abs', 'sign', 'floor', 'ceil', 'round', 'trunc', 'clz32'],
  mathn: ['min', 'max', 'imul'],
};

/* A random expression over the parameters `params`, `depth` levels deep at most (over `ints` if given). */
function expression(rand, params, depth, ints) {
  if (ints) return intExpression(rand, params, depth);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  if (depth === 0 || rand() < 0.2) {
    const r = rand();
    if (r < 0.5) return pick(params);
    if (r < 0.85) return pick(LITERALS);
    if (r < 0.95) return pick(CONSTS);
    return pick(['true', 'false']);
  }
  const sub = () => expression(rand, params, depth - 1);
  const r = rand();
  if (r < 0.12) return `${pick(UNARY)}(${sub()})`;
  if (r < 0.6) return `(${sub()} ${pick(BINARY)} ${sub()})`;
  if (r < 0.68) return `(${sub()} ? ${sub()} : ${sub()})`;
  if (r < 0.76) return `(${sub()}) ** ${pick(['2', '0.5', '1', '0', '-1'])}`;
  if (r < 0.88) return `Math.${pick(MATH1)}(${sub()})`;
  if (r < 0.96) {
    const n = Math.floor(rand() * 4);
    return `Math.${pick(MATHN)}(${Array.from({ length: n }, sub).join(', ')})`;
  }
  return `Number.${pick(NUMBER)}(${sub()})`;
}

function intExpression(rand, params, depth) {
  const pick = (list) => list[Math.floor(rand() * list.length)];
  if (depth === 0 || rand() < 0.2) return rand() < 0.55 ? pick(params) : pick(INTS.literals);
  const sub = () => intExpression(rand, params, depth - 1);
  const r = rand();
  if (r < 0.1) return `${pick(INTS.unary)}(${sub()})`;
  if (r < 0.7) return `(${sub()} ${pick(INTS.binary)} ${sub()})`;
  if (r < 0.78) return `(${sub()} ? ${sub()} : ${sub()})`;
  if (r < 0.9) return `Math.${pick(INTS.math1)}(${sub()})`;
  if (r < 0.97) return `Math.${pick(INTS.mathn)}(${sub()}, ${sub()})`;
  return `Number.${pick(NUMBER)}(${sub()})`;
}

function same(a, b) { return Object.is(a, b); }

/*
 * What JS gives: map's values, filter's kept values, scan's running
 * accumulators from 0, or iterate's (recurrence's) values from the first
 * value (two values).
 */
function reference(f, values, kind) {
  if (kind === 'map') return values.map((x, i) => f(x, i));
  if (kind === 'filter') return values.filter((x, i) => f(x, i));
  if (kind === 'iterate' || kind === 'recurrence') {
    const out = values.slice(0, kind === 'iterate' ? 1 : 2);
    for (let i = 0; out.length < values.length; i++) out.push(kind === 'iterate' ? f(out.at(-1), i) : f(out.at(-2), out.at(-1), i));
    return out;
  }
  let acc = 0;
  return values.map((x, i) => (acc = f(acc, x, i)));
}

/* The engine's sequence for `kind` over `values` (iterate and recurrence: from their first values, as long). */
function engine(f, values, kind) {
  if (kind === 'scan') return L.from(values).scan(f, 0);
  if (kind === 'iterate') return L.iterate(values[0], f).take(values.length);
  if (kind === 'recurrence') return L.recurrence(values.slice(0, 2), f).take(values.length);
  return L.from(values)[kind](f);
}

const show = (v) => (Object.is(v, -0) ? '-0' : String(v));

/*
** Compare the engine's map/filter/scan/iterate/recurrence with JS's on every
** input; returns how many cases were compared. map and filter run a batch at
** a time (lwJ_run), the others value by value (lwJ_step, lwJ_fold), so both
** machines are checked, and with the WebAssembly written for hot programs
** (csrc/jsjit.c), the functions it made.
*/
function check(text, values, kind, part = 16) {
  const f = new Function(`return ${text};`)();
  const how = engine(f, values, kind).explain();
  if (!/(map|filter|scan|iterate|recurrence): compiled/.test(how)) return { compiled: false, how };
  if (kind === 'map' || kind === 'filter') compare(text, f, values, kind, engine(f, values, kind).toArray());
  else {   // folds restart every `part` values, so one NaN or Infinity does not decide the rest
    for (let at = 0; at < values.length; at += part) {
      const some = values.slice(at, at + part);
      compare(text, f, some, kind, engine(f, some, kind).toArray());
    }
  }
  return { compiled: true, cases: values.length };
}

function compare(text, f, values, kind, got) {
  const want = reference(f, values, kind);
  assert.equal(got.length, want.length, `${kind} ${text}: lengths differ`);
  for (let i = 0; i < want.length; i++) {
    if (!same(got[i], want[i])) {
      const at = kind === 'filter' ? '' : ` at x = ${show(values[i])} (#${i})${kind === 'scan' ? `, acc = ${show(want[i - 1] ?? 0)}` : ''}`;
      assert.fail(`${kind} ${text}${at}: engine gave ${show(got[i])}, JS ${show(want[i])}`);
    }
  }
}

// hot: each program is written out as WebAssembly at its first step (csrc/jsjit.c), and runs there;
// ints: programs and values mostly of integers, which those modules run as i64s while they stay so,
// in runs that cross batches (300 values; a batch is 256)
for (const [seed, kind, params, hot, ints] of [[1, 'map', ['x']], [2, 'map', ['x', 'i']], [3, 'filter', ['x']],
  [4, 'filter', ['x', 'i']], [5, 'map', ['x']], [6, 'map', ['x', 'i']], [7, 'scan', ['a', 'x']],
  [8, 'scan', ['a', 'x', 'i']], [9, 'iterate', ['x', 'i']], [10, 'recurrence', ['a', 'b', 'i']],
  [11, 'scan', ['a', 'x'], 'hot'], [12, 'scan', ['a', 'x', 'i'], 'hot'], [13, 'iterate', ['x', 'i'], 'hot'],
  [14, 'recurrence', ['a', 'b', 'i'], 'hot'], [15, 'scan', ['a', 'x'], 'hot', 'ints'],
  [16, 'scan', ['a', 'x', 'i'], 'hot', 'ints'], [17, 'iterate', ['x', 'i'], 'hot', 'ints'],
  [18, 'recurrence', ['a', 'b', 'i'], 'hot', 'ints'], [19, 'recurrence', ['a', 'b'], 'hot', 'ints']]) {
  test(`compile: random ${kind} callbacks (${params.join(', ')}) are bit-identical to JS${hot ? ' as WebAssembly of their own' : ''}${ints ? ', on integers' : ''} (seed ${seed})`, () => {
    const rand = prng(seed);
    const values = ints ? intInputs(rand, 300) : inputs(rand, 128);
    let cases = 0, tried = 0;
    const compiled = new Set(), modules = jit.jitted, heat = E.lw_jit_heat(hot ? 0 : Infinity);
    try {
      for (let n = 0; n < 600; n++) {
        const body = expression(rand, params, 1 + Math.floor(rand() * 4), ints);
        const text = n % 3 === 0 ? `function (${params}) { return ${body}; }` : `(${params}) => ${body}`;
        tried++;
        const r = check(text, values, kind, ints ? values.length : 16);
        if (r.compiled) { compiled.add(text); cases += r.cases; }
      }
    } finally {
      E.lw_jit_heat(heat);
    }
    assert.ok(compiled.size > tried * 0.6, `most random callbacks compile (${compiled.size} of ${tried})`);
    assert.ok(cases >= 40_000, `tens of thousands of cases (${cases})`);
    assert.equal(jit.jitFailure, null);
    // when hot, a module for most programs: not for folds of one operation, which run a loop of their
    // own, nor for constants and programs of bitwise operations only, which a module would not speed up
    if (hot) assert.ok(jit.jitted - modules >= compiled.size * 0.6, `modules made: ${jit.jitted - modules} for ${compiled.size} programs`);
    else assert.equal(jit.jitted, modules, 'no module when not hot');
    console.log(`seed ${seed}: ${compiled.size} of ${tried} callbacks compiled, ${cases} cases compared`);
  });
}

test('compile: x % k by a literal k (a multiplication by 1/k, corrected) equals JS on integers up to 2^53', () => {
  const rand = prng(9);
  const divisors = [3, 7, 10, 1e9, 1e9 + 7, -3, 1, -1, 2, 2 ** 31, 2 ** 52 - 1, 2 ** 52, 12345.5, 0.1, -0, 0, NaN,
    Infinity, 97, 65537, 4503599627370495.5,
    49, -49, 103, 197];   // 1/k for these is rounded so that q*k * (1/k) can fall just below q
  for (const k of divisors) {
    const values = [];
    for (let q = -300; q <= 300; q++) {
      const m = q * (Number.isFinite(k) && k !== 0 ? k : 1);
      values.push(m, m + 1, m - 1, -m);   // exact multiples are where a quotient one too small shows
    }
    for (let n = 0; n < 2000; n++) {
      const big = Math.floor(rand() * 2 ** (1 + Math.floor(rand() * 53)));
      values.push(big, -big, big + 0.5);
      if (Number.isInteger(k) && k !== 0) {   // large exact multiples
        const m = Math.floor(rand() * 2 ** 53 / Math.abs(k)) * k;
        values.push(m, -m, m + 1, m - 1);
      }
    }
    values.push(2 ** 53, -(2 ** 53), 2 ** 53 + 2, 2 ** 60, -0, NaN, Infinity);
    const literal = Object.is(k, -0) ? '-0' : String(k);
    const f = new Function(`return (x) => x % ${literal};`)();
    const seq = L.from(values).map(f);
    assert.match(seq.explain(), /map: compiled/);
    const got = seq.toArray();
    values.forEach((x, i) => {
      if (!Object.is(got[i], f(x))) assert.fail(`${show(x)} % ${literal}: engine gave ${show(got[i])}, JS ${show(f(x))}`);
    });
    // the scalar machine too: a running fold, over values that do not make the accumulator NaN at once,
    // stepped by the machine, then as WebAssembly of its own (csrc/jsjit.c inlines x % k for integers)
    const g = new Function(`return (a, x) => (a + x) % ${literal};`)(), finite = values.filter(Number.isFinite);
    for (const hot of [false, true]) {
      const heat = E.lw_jit_heat(hot ? 0 : Infinity);
      let running;
      try {
        running = L.from(finite).scan(g, 0).toArray();
      } finally {
        E.lw_jit_heat(heat);
      }
      let acc = 0;
      finite.forEach((x, i) => {
        acc = g(acc, x);
        if (!Object.is(running[i], acc)) assert.fail(`fold by ${literal}${hot ? ' (hot)' : ''} at #${i}: engine gave ${show(running[i])}, JS ${show(acc)}`);
      });
    }
  }
  // Batches of integers below 2^50 take a vector path with one correction (csrc/jsvm.c modk_batch):
  // whole batches of them here, exact multiples up to the bound, signs and -0,
  const found = new Set();   // the divisors for which such a double was found
  for (const k of [3, -3, 7, 49, -49, 103, 197, 595, -918, 1e9 + 7, 2 ** 31, 2 ** 49 + 1, 2 ** 50 - 1, 1, -1, 2 ** 50]) {
    const ints = [0, -0, 2 ** 50 - 1, -(2 ** 50 - 1)];
    while (ints.length < 4096) {
      const m = Math.floor(rand() * (2 ** 50 / Math.abs(k))) * Math.abs(k);
      for (const v of [m, m - 1, m + 1, -m, 1 - m]) if (Math.abs(v) < 2 ** 50) ints.push(v);
    }
    const f = new Function(`return (x) => x % ${k};`)();
    // and batches where one value is not such an integer: 2^50 itself, a fraction, NaN, Infinity, and
    // a double just below a multiple of k whose quotient by 1/k rounds up to the multiple's (for an
    // integer that cannot happen, which is what lets the vector path do with one correction)
    const odd = [2 ** 50, -(2 ** 50), 12345.5, -0.25, NaN, Infinity];
    for (let tries = 0; tries < 20_000; tries++) {
      const m = Math.floor(rand() * 2 ** (10 + tries % 30)) * Math.abs(k);
      const x = m - 2 ** (Math.floor(Math.log2(m)) - 52);
      if (m > 0 && m < 2 ** 50 && Math.trunc(x * (1 / Math.abs(k))) * Math.abs(k) > x) {
        odd.push(x, -x);
        found.add(k);
        break;
      }
    }
    // (in a vector lane, and last of an odd batch, where the scalar form runs)
    const batches = [ints, ...odd.flatMap((v) => [[...ints.slice(0, 300), v, ...ints.slice(300, 600)], [...ints.slice(0, 300), v]])];
    for (const values of batches) {
      const got = L.from(values).map(f).toArray();
      values.forEach((x, i) => {
        if (!Object.is(got[i], f(x))) assert.fail(`${show(x)} % ${k}: engine gave ${show(got[i])}, JS ${show(f(x))}`);
      });
    }
  }
  assert.ok(found.has(595) && found.has(-918), `doubles that round up found for ${[...found]}`);
  // A divisor known only at run time divides (jsmod): a quotient rounded up to the next integer shows
  // just below large multiples.
  const f = (x, i) => x % ((i % 50) + 1);
  const values = [];
  for (let i = 0; values.length < 20_000; i++) {
    const d = (values.length % 50) + 1, m = Math.floor(rand() * 2 ** 52 / d) * d;
    values.push([m - 1, m, m + 1, -m + 1, 2 ** 53 - d, rand() * 2 ** 52][i % 6]);
  }
  assert.match(L.from(values).map(f).explain(), /map: compiled/);
  const got = L.from(values).map(f).toArray();
  values.forEach((x, i) => {
    if (!Object.is(got[i], f(x, i))) assert.fail(`${show(x)} % ${(i % 50) + 1}: engine gave ${show(got[i])}, JS ${show(f(x, i))}`);
  });
});

test('compile: a program let go lets its WebAssembly go, whose places in the table are used again', () => {
  const table = E.__indirect_function_table, start = table.length, heat = E.lw_jit_heat(0);
  try {
    for (let n = 0; n < 1200; n++) {   // more texts than the cache keeps (512): the oldest programs are freed
      const f = new Function(`return (a, x) => a * 2 + x + ${n};`)();
      assert.equal(L.range(3).reduce(f, 0), [0, 1, 2].reduce(f, 0));
    }
  } finally {
    E.lw_jit_heat(heat);
  }
  assert.equal(jit.jitFailure, null);
  assert.ok(table.length - start <= 4 * 512 + 4, `the table grew by ${table.length - start} for 1200 modules`);
});

test('compile: a sequence outlives its cached program: an evicted text is compiled again when it is run', () => {
  const seq = L.range(0, 10).map((x) => x + 1);
  assert.deepEqual(seq.toArray(), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  // 600 new texts push (x) => x + 1 out of the 512-entry cache, and new programs take its memory
  for (let k = 0; k < 600; k++) L.range(0, 1).map(L.fn`(x) => x * ${k} + 0.5`).toArray();
  assert.deepEqual(seq.toArray(), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  const it = L.iterate(1, (x) => x * 2 + 0.25), fold = L.range(0, 4).scan((a, x) => a * 10 + x, 0);
  for (let k = 0; k < 600; k++) L.range(0, 1).filter(L.fn`(x) => x !== ${k} + 0.5`).toArray();
  assert.deepEqual(it.take(3).toArray(), [1, 2.25, 4.75]);
  assert.deepEqual(fold.toArray(), [0, 1, 12, 123]);
});

test('compile: the subset named by the issue compiles', () => {
  const texts = [
    'x => x * x', '(x) => x % 3 === 0', '(x, i) => x + i', 'x => { return x - 1; }',
    'function (x) { return x / 2; }', 'x => 0x10 + 1e3 + 1_000 + .5', 'x => -x + +x + !x + ~x',
    'x => x < 1 || x <= 2 && x > 0 || x >= 3', 'x => x == 1 != (x === 2) !== true',
    'x => x ?? 1', 'x => x ? 1 : 2', 'x => x & 1 | 2 ^ 3 << 1 >> 1 >>> 0', 'x => x ** 2',
    'x => Math.abs(x) + Math.sign(x) + Math.floor(x) + Math.ceil(x) + Math.round(x) + Math.trunc(x)',
    'x => Math.sqrt(x) + Math.cbrt(x) + Math.min(x, 1) + Math.max(x, 1) + Math.hypot(x, 1) + Math.fround(x)',
    'x => Math.imul(x, 3) + Math.clz32(x) + Math.PI + Math.E + Math.LN2 + Math.LN10 + Math.LOG2E + Math.LOG10E + Math.SQRT2 + Math.SQRT1_2',
    'x => Number.isInteger(x) && Number.isFinite(x) && !Number.isNaN(x)', 'x => (((x)))',
  ];
  for (const text of texts) {
    const f = new Function(`return ${text};`)();
    assert.match(L.range(0, 3).map(f).explain(), /map: compiled/, text);
  }
});

test('compile: texts without spaces compile too; compound assignments never do', () => {
  const compact = ['(x)=>x*2', '(x,i)=>x+i', '(x)=>-x', '(x)=>x>=1', '(x)=>x<=1', '(x)=>x!==1', 'x=>(x)', '(x)=>(x)%3', 'function(x){return(x)*2}'];
  for (const text of compact) {
    const f = new Function(`return ${text};`)();
    assert.match(L.range(0, 3).map(f).explain(), /map: compiled/, text);
    assert.deepEqual(L.range(-3, 3).map(f).toArray(), [-3, -2, -1, 0, 1, 2].map((x, i) => f(x, i)), text);
  }
  assert.match(L.range(0, 3).scan(new Function('return (a,b)=>a*b+1;')(), 1).explain(), /scan: compiled/);
  for (const text of ['(x)=>x+=1', '(x)=>x**=2', '(x)=>x||=1', '(x)=>x>>>=1', '(x)=>x??=1']) {
    const f = new Function(`return ${text};`)();
    assert.match(L.range(0, 3).map(f).explain(), /map: calls JS/, text);
  }
});

test('compile: what is outside the subset runs as JS, with the reason', () => {
  const k = 3;
  const cases = [
    [(x) => x * k, /reads 'k'/],
    [(x) => x.toFixed(1), /properties/],
    [(x) => { const y = x; return y; }, /return/],
    [(x) => Math.sin(x), /not a compiled builtin/],
    [(x) => x ** 3, /\*\*/],
    [(x) => `${x}`, /not compiled/],
    [(x, i, extra) => x + extra, /3 parameters/],
    [async (x) => x, /async/],
    [(x) => (x > 1 && x), /mixes/],
    [Math.abs, /not compiled/],
  ];
  for (const [f, reason] of cases) {
    const how = L.range(0, 3).map(f).explain();
    assert.match(how, /map: calls JS \(not compiled: /, String(f));
    assert.match(how, reason, String(f));
    // and the JS fallback is still right
    assert.deepEqual(L.range(0, 3).map(f).toArray().map(String), [0, 1, 2].map((x, i) => f(x, i)).map(String));
  }
});

test('compile: a map, filter, takeWhile or dropWhile over values JS gives one at a time runs its JS function when read one value at a time, and says so', () => {
  const gen = function* () { yield* [3, 'a', -0, 5, NaN, 6]; };
  const twice = (x) => x * 2, big = (x) => x > 2;
  const seq = L.from(gen).map(twice).take(5).filter(big);
  assert.match(seq.explain(), /map: compiled, runs in WASM \(read one value at a time, as for…of reads, it calls JS: its values come from a JS iterator\)/);
  assert.match(seq.explain(), /filter: compiled, runs in WASM \(read one value at a time/);
  assertSame(seq.toArray(), [6, 10], 'the same values (compiled)');
  assertSame([...seq], [6, 10], 'for…of (JS)');
  assert.equal(seq.some((x) => x > 8), true);
  assert.equal(seq.find((x) => x > 8), 10);
  // so do takeWhile and dropWhile, and any of them after JS stages (whose values come one at a time too)
  const k = 2, js = L.range(0, 9).map((x) => x * k);
  const after = js.takeWhile((x) => x < 13).dropWhile((x) => x < 3).filter(big);
  assert.match(after.explain(), /^range\nmap: calls JS \(not compiled: .*\)\ntakeWhile: compiled, runs in WASM \(read one value at a time, as for…of reads, it calls JS: its values come from a JS callback\)\ndropWhile: compiled.*\(read one value at a time.*a JS callback\)\nfilter: compiled.*\(read one value at a time.*a JS callback\)$/);
  assert.deepEqual(after.toArray(), [4, 6, 8, 10, 12]);
  assert.deepEqual([...after], [4, 6, 8, 10, 12]);
  assert.equal(after.every((x) => x % 2 === 0), true);
  assert.equal(after.find((x) => x > 9), 10);
  assert.match(L.from(gen).takeWhile((x) => x !== 5).explain(), /takeWhile: compiled.*its values come from a JS iterator\)$/);
  // where the values come in batches (an array), or a compiled stage came first, they compile as before
  assert.match(L.from([1, 2]).map(twice).explain(), /map: compiled, runs in WASM$/);
  assert.match(L.range(0, 9).map(twice).takeWhile(big).explain(), /takeWhile: compiled, runs in WASM$/);
  assert.match(L.from(gen).scan((a, x) => a + x, 0).map(twice).explain(), /scan: compiled, runs in WASM\nmap: compiled, runs in WASM$/);
});

test('compile: fn`` writes values into the text, so the callback compiles', () => {
  const k = 3, m = -0, big = 2 ** 60 + 5;
  const g = L.fn`(x) => x * ${k} + ${m} - ${big}`;
  const seq = L.range(0, 5).map(g);
  assert.match(seq.explain(), /map: compiled/);
  assert.deepEqual(seq.toArray(), [0, 1, 2, 3, 4].map((x) => x * k + m - big));
  assert.ok(Object.is(L.of(0).map(L.fn`x => x * ${-0}`).first(), -0 * 0));
  assert.throws(() => L.fn`x => x + ${'a'}`, TypeError);
  assert.throws(() => L.fn('x => x'), TypeError);
});

test('compile: values that are not numbers go to the JS function, in order', () => {
  const calls = [];
  const f = (x) => x * 2;
  const values = [1, '2', 3, 10n, null, undefined, true, { valueOf() { calls.push('valueOf'); return 4; } }];
  const r = [];
  for (const v of values) { try { r.push(f(v)); } catch (e) { r.push(e.constructor); } }
  calls.length = 0;
  const got = [];
  assert.throws(() => { for (const v of L.from(values).map((x) => x * 2)) got.push(v); }, TypeError);
  assert.deepEqual(got, [2, 4, 6], 'the values before the BigInt error came out first');
  assert.throws(() => L.from(values).map((x) => x * 2).toArray(), TypeError);
  assert.deepEqual(L.from([1, '2', null, true, undefined]).map((x) => x * 2).toArray(), [2, 4, 0, 2, NaN]);
  // a compiled stage whose input may hold other values is exact: valueOf runs when its value is pulled
  const it = L.from([1, values[7], 2]).map((x) => x + 1)[Symbol.iterator]();
  assert.equal(it.next().value, 2);
  assert.deepEqual(calls, []);
  assert.equal(it.next().value, 5);
  assert.deepEqual(calls, ['valueOf']);
});

test('compile: predicates, folds and iterate compile too and agree with JS', () => {
  const values = inputs(prng(9), 300);
  const p = (x, i) => x % 2 === 1 || i % 5 === 0;
  for (const seq of [L.from(values).filter(p), L.from(values).takeWhile((x) => x === x), L.from(values).dropWhile((x) => x !== 7)]) {
    assert.match(seq.explain(), /compiled/);
  }
  assert.deepEqual(L.from(values).filter(p).toArray(), values.filter(p));
  assert.equal(L.from(values).some((x) => x > 1e300), values.some((x) => x > 1e300));
  assert.equal(L.from(values).every((x) => x === x), values.every((x) => x === x));
  assert.ok(Object.is(L.from(values).find((x) => x < -1e10), values.find((x) => x < -1e10)));
  const add = (a, x) => a + x, mix = (a, x, i) => (a * 31 + x * i) % 1000003;
  assert.ok(Object.is(L.from(values).reduce(add, 0), values.reduce(add, 0)));
  assert.ok(Object.is(L.from(values).reduce(mix, 7), values.reduce(mix, 7)));
  assert.ok(Object.is(L.from(values).reduce(mix), values.reduce(mix)));
  assert.match(L.from(values).scan(add, 0).explain(), /scan: compiled/);
  const running = []; values.reduce((a, x) => { running.push(a + x); return a + x; }, 0);
  assert.deepEqual(L.from(values).scan(add, 0).toArray(), running);
  // runs of numbers fold in WASM; a value or an accumulator that is not a number goes to JS, in order
  const mixed = [1, 2, 3, '4', 5, 6, null, 7, 8.5, NaN, -0, 'x', 9];
  const once = (a, x) => a * 2 + x, indexed = (a, x, i) => a * 0.5 + i + (x === x ? 0 : 1);
  for (const [f, init] of [[add, 0], [once, 0], [add, 'a'], [indexed, 1], [(a, x) => a > x, 0]]) {
    const want = []; mixed.reduce((a, x, i) => { want.push(f(a, x, i)); return f(a, x, i); }, init);
    assert.match(L.from(mixed).scan(f, init).explain(), /scan: compiled/);
    assert.deepEqual(L.from(mixed).scan(f, init).toArray(), want);
  }
  const seq = L.iterate(1, (x) => x * 3 % 1000003).take(1000);
  assert.match(seq.explain(), /iterate: compiled/);
  const expect = [1]; while (expect.length < 1000) expect.push(expect[expect.length - 1] * 3 % 1000003);
  assert.deepEqual(seq.toArray(), expect);
  // a step in WASM for numbers; booleans and other values through the JS function
  assert.deepEqual(L.iterate(3, (x) => x > 2).take(4).toArray(), [3, true, false, false]);
  assert.deepEqual(L.iterate('a', (x) => x + 1).take(3).toArray(), ['a', 'a1', 'a11']);
  assert.deepEqual(L.iterate(1, (x, i) => x * 0.5 + i).take(5).toArray(), [1, 0.5, 1.25, 2.625, 4.3125]);
  assert.ok(Object.is(L.iterate(-1, (x) => x * 0).nth(2), -0));
});

test('compile: a map right after zip destructures its rows in WASM, bit-identical to JS, and JS takes the rows that hold other values', () => {
  const rand = prng(31);
  const pool = inputs(rand, 400);
  const others = ['7', '', null, undefined, true, false, {}, [2], { valueOf: () => 5 }];
  const NAMES = ['a', 'b', 'c', 'd'];
  const handlesBefore = liveHandles();
  let compiled = 0, cases = 0, jsRows = 0;
  for (let n = 0; n < 240; n++) {
    const width = 1 + Math.floor(rand() * 4), names = NAMES.slice(0, 1 + Math.floor(rand() * width));
    const params = rand() < 0.5 ? [...names, 'i'] : names;
    const body = expression(rand, params, 1 + Math.floor(rand() * 4));
    const text = `([${names.join(', ')}]${params.length > names.length ? ', i' : ''}) => ${body}`;
    const f = new Function(`return ${text};`)();
    // the columns: numbers, and in half the cases a few values that are not numbers, also past the names
    const withOthers = rand() < 0.5;
    const columns = Array.from({ length: width }, () => Array.from({ length: Math.floor(rand() * 600) },
      () => (withOthers && rand() < 0.03 ? others[Math.floor(rand() * others.length)] : pool[Math.floor(rand() * pool.length)])));
    const rows = Array.from({ length: Math.min(...columns.map((c) => c.length)) }, (_, r) => columns.map((c) => c[r]));
    const want = rows.map((row, i) => f(row, i));
    const seq = L.from(columns[0]).zip(...columns.slice(1).map((c) => L.from(c))).map(f);
    const how = seq.explain().split('\n').pop();
    if (/map: calls JS/.test(how)) assert.doesNotMatch(how, /destructur|zip/, text);   // refused for its body only
    else {
      assert.match(how, /map: compiled, runs in WASM on the rows' values/, text);
      compiled++;
    }
    const got = seq.toArray();
    assert.equal(got.length, want.length, text);
    for (let r = 0; r < want.length; r++) {
      if (!Object.is(got[r], want[r])) assert.fail(`${text} on [${rows[r].map(show)}] (#${r}): engine gave ${show(got[r])}, JS ${show(want[r])}`);
    }
    cases += want.length;
    jsRows += rows.filter((row) => row.slice(0, names.length).some((v) => typeof v !== 'number')).length;
  }
  assert.ok(compiled > 240 * 0.6 && cases >= 30_000 && jsRows >= 500, `${compiled} of 240 compiled, ${cases} rows compared, ${jsRows} of them through JS`);
  console.log(`zip rows: ${compiled} of 240 callbacks compiled, ${cases} rows compared, ${jsRows} of them through JS`);
  assert.equal(liveHandles(), handlesBefore, 'every row and result let go');
  // enumerate is a zip of count(start) and the sequence: its pairs destructure the same way
  for (let n = 0; n < 60; n++) {
    const start = [0, 1, -5, 0.5, 1e6][n % 5];
    const body = expression(rand, ['i', 'x'], 1 + Math.floor(rand() * 3));
    const f = new Function(`return ([i, x]) => ${body};`)();
    const values = pool.slice(0, 50 + n * 7).map((v, k) => (k % 97 === 13 ? others[k % others.length] : v));
    const got = L.from(values).enumerate(start).map(f).toArray(), want = values.map((x, k) => f([start + k, x]));
    for (let r = 0; r < want.length; r++) {
      if (!Object.is(got[r], want[r])) assert.fail(`enumerate(${start}).map(([i, x]) => ${body}) at #${r}: engine gave ${show(got[r])}, JS ${show(want[r])}`);
    }
  }
  assert.equal(liveHandles(), handlesBefore, 'every pair and result let go');
  // engine sources of numbers only: compiled throughout, and a sum of them
  assert.equal(L.range(0, 1000).zip(L.range(5, 2005, 2)).map(([a, b]) => a * b - 1).sum(),
    Array.from({ length: 1000 }, (_, a) => a * (5 + 2 * a) - 1).reduce((x, y) => x + y, 0));
  // comparisons come back as booleans
  assert.deepEqual(L.of(1, NaN, 3).zip(L.of(2, NaN, -0)).map(([a, b]) => a < b || b === 0).toArray(), [true, false, true]);
});

test('compile: destructuring compiles only right after zip, into no more names than its rows hold', () => {
  const over = L.range(0, 3).zip(L.range(0, 3));
  assert.match(L.range(0, 3).map(([a]) => a).explain(), /calls JS \(not compiled: a destructuring parameter is compiled only in a map right after zip or enumerate\)/);
  assert.match(over.map(([a, b, c]) => a + b + c).explain(), /calls JS \(not compiled: it destructures more names than the rows of zip have\)/);
  assert.match(over.map((row) => row[0]).explain(), /calls JS \(not compiled: its argument is an array of zip/);
  assert.match(over.map(([a, , b]) => a).explain(), /calls JS \(not compiled: only a pattern of plain names/);
  const nine = L.range(0, 2).zip(...Array.from({ length: 8 }, (_, k) => L.range(k, k + 2)));
  const f9 = ([a, b, c, d, e, f, g, h, j]) => a + b + c + d + e + f + g + h + j;
  assert.match(nine.map(f9).explain(), /calls JS \(not compiled: a pattern of more than 8 names is not compiled\)/);
  assert.deepEqual(nine.map(f9).toArray(), [28, 37]);
  assert.match(nine.map(([a, b, c, d, e, f, g, h]) => a + h).explain(), /map: compiled/);
  assert.match(over.map(([a = 1, b]) => a).explain(), /calls JS/);
  assert.match(over.filter(([a, b]) => a < b).explain(), /filter: calls JS/);
  // no parameter at all: its rows would still be made, and go to JS
  assert.match(over.map(() => 1).explain(), /map: calls JS \(not compiled: its argument is an array of zip/);
  assert.deepEqual(over.map(() => 1).toArray(), [1, 1, 1]);
  // a name that the body would read as a global is refused, in a pattern as anywhere
  assert.match(over.map(([NaN, b]) => NaN + b).explain(), /calls JS \(not compiled: a parameter named 'NaN' is not compiled\)/);
  assert.deepEqual(over.map(([NaN, b]) => NaN + b).toArray(), [0, 2, 4]);
  assert.deepEqual(L.range(0, 3).map((Infinity) => Infinity * 2).toArray(), [0, 2, 4]);
  // what is not compiled still gives JS's results
  assert.deepEqual(over.map(([a, b, c]) => [a, b, c]).toArray(), [[0, 0, undefined], [1, 1, undefined], [2, 2, undefined]]);
  assert.deepEqual(over.map((row) => row[0] + row[1]).toArray(), [0, 2, 4]);
  assert.throws(() => L.range(0, 3).map(([a]) => a).toArray(), TypeError);   // a number is not iterable
  // a zip of three with two names: the third input is read, its values let go
  const handles = liveHandles();
  assert.deepEqual(L.of(1, 2).zip(L.of(3, 4), L.of({}, 'x')).map(([a, b]) => a + b).toArray(), [4, 6]);
  assert.equal(liveHandles(), handles);
  // a row that throws in JS (Symbol * 1): the error at that row; the batch's other rows and results let go
  const rows = L.from([1, 2, 'x', Symbol('s'), 5, 'y', 7]).zip(L.from([1, {}, 3, 4, 5, 6, 7]), L.from(['p', 'q', 'r', 's', 't', 'u', 'v']));
  assert.throws(() => rows.map(([a, b]) => a * b).toArray(), TypeError);
  assert.equal(liveHandles(), handles);
  assert.deepEqual(rows.map(([a, b]) => a * b).take(3).toArray(), [1, NaN, NaN]);
  assert.equal(liveHandles(), handles);
});

test('compile: a fold of one operation on the accumulator and the value, either way round, equals JS', () => {
  // csrc/jsvm.c runs these as a loop per operation, not a machine step per value
  const ops = ['+', '-', '*', '/', '%', '&', '|', '^', '<<', '>>', '>>>', '&&', '||'];
  const calls = ['min', 'max', 'hypot', 'imul'];
  const texts = [
    ...ops.flatMap((op) => [`(a, x) => a ${op} x`, `(a, x) => x ${op} a`]),
    ...calls.flatMap((f) => [`(a, x) => Math.${f}(a, x)`, `(a, x) => Math.${f}(x, a)`]),
    '(a, x) => a ? x : 5', '(a, x) => x ? a : -0', '(a, x) => Math.hypot(a, x, 3)', '(a, x) => Math.hypot(x, a, a)',
    '(a, x) => a % 7', '(a, x) => x % 7', '(a, x) => x', '(a, x) => a', '(a, x) => -x', '(a, x) => Math.round(x)', '(a, x, i) => a + x', '(a, x, i) => a - i',
  ];
  const values = inputs(prng(21), 700);   // more than two batches, every edge value
  for (const text of texts) {
    const f = new Function(`return ${text}`)();
    for (const init of [0, -0, 1, NaN, 2 ** 53]) {
      const want = []; values.reduce((a, x, i) => { want.push(f(a, x, i)); return f(a, x, i); }, init);
      const seq = L.from(values).scan(f, init);
      assert.match(seq.explain(), /scan: compiled/, text);
      assert.deepEqual(seq.toArray(), want, `${text} from ${init}`);
      assert.ok(Object.is(L.from(values).reduce(f, init), want[want.length - 1]), `${text} reduced from ${init}`);
    }
  }
});

test('compile: a sum of a compiled map equals JS adding its results in order, on every edge value', () => {
  // One operation on the value and a constant (or on a row's values) is added
  // as it is computed (csrc/jsvm.c lwJ_addrun); the others run, then add.
  const ops = ['+', '-', '*', '/', '%', '&', '|', '^', '<<', '>>', '>>>'];
  const texts = [
    ...ops.flatMap((op) => [`x => x ${op} 3`, `x => 2.5 ${op} x`, `x => x ${op} x`]),
    ...['abs', 'sign', 'floor', 'ceil', 'round', 'trunc', 'sqrt', 'cbrt', 'fround', 'clz32'].map((f) => `x => Math.${f}(x)`),
    'x => Math.max(x, -0)', 'x => Math.min(0.5, x)', 'x => Math.hypot(x, 3)', 'x => Math.imul(x, 7)', 'x => x ** 2',
    'x => -x', 'x => ~x', 'x => x ? 1 : 2', 'x => x * 3 + 1', 'x => x % 7 * x', '(x, i) => x * i',
  ];
  // Numeric sources: every edge value, and finite fractions whose sum depends
  // on the order of the additions; summed whole (over 700: batches and a
  // rest) and in slices of 40, most of which stay finite.
  const rand = prng(22);
  const sets = [inputs(rand, 700), Array.from({ length: 700 }, () => (rand() - 0.5) * 10 ** Math.floor(rand() * 20 - 4))];
  const sums = (values, f) => [values, ...Array.from({ length: 17 }, (_, k) => values.slice(k * 40, k * 40 + 40))].map((v) => {
    let want = 0;
    v.forEach((x, i) => { want += f(x, i); });
    return { got: L.from(Float64Array.from(v)).map(f).sum(), want };
  });
  for (const text of texts) {
    const f = new Function(`return ${text}`)();
    assert.match(L.from(new Float64Array(3)).map(f).explain(), /map: compiled/, text);
    for (const values of sets) {
      for (const { got, want } of sums(values, f)) assert.ok(Object.is(got, want), `${text}: ${got} vs JS ${want}`);
    }
  }
  for (const op of [...ops, '**']) {
    const f = new Function(`return ([a, b]) => a ${op} b`)();
    for (const values of sets) {
      const other = Float64Array.from(values).reverse();
      for (const [from, to] of [[0, 700], [0, 40], [40, 80], [300, 340], [660, 700]]) {
        const a = Float64Array.from(values.slice(from, to)), b = other.slice(from, to);
        let want = 0;
        a.forEach((x, i) => { want += f([x, b[i]]); });
        const got = L.from(a).zip(b).map(f).sum();
        assert.ok(Object.is(got, want), `([a, b]) => a ${op} b over ${from}…${to}: ${got} vs JS ${want}`);
      }
    }
  }
});

test('compile: a compiled filter over an engine source tests ahead, yet hands out exactly its values', () => {
  const keep = (x) => x % 7 === 0 || x % 11 === 3;
  const want = (n) => { const r = []; for (let x = 0; x < n; x++) if (keep(x * 3)) r.push(x * 3); return r; };
  const seq = L.range(0, 5000).map((x) => x * 3).filter(keep);
  assert.deepEqual(seq.toArray(), want(5000));
  for (const n of [0, 1, 5, 10, 64, 300, 10_000]) assert.deepEqual(seq.take(n).toArray(), want(5000).slice(0, n));
  const first = [];
  for (const x of seq) { first.push(x); if (first.length === 13) break; }   // abandoned with values held ahead
  assert.deepEqual(first, want(5000).slice(0, 13));
  // another consumer's pull sizes: zip asks for what its shorter input can give
  assert.deepEqual(seq.zip(L.range(0, 40)).toArray(), want(5000).slice(0, 40).map((x, i) => [x, i]));
  assert.equal(seq.nth(100), want(5000)[100]);
  assert.equal(L.count().filter((x) => x % 1000 === 999).take(3).sum(), 999 + 1999 + 2999);
});

test('compile: the headline pipeline is compiled end to end and equals the JS loop', () => {
  const seq = L.range(0, 1e6).map((x) => x * x).filter((x) => x % 3 === 0);
  assert.doesNotMatch(seq.explain(), /calls JS/);
  let s = 0;
  for (let x = 0; x < 1e6; x++) { const y = x * x; if (y % 3 === 0) s += y; }
  assert.equal(seq.sum(), s);
  assert.deepEqual(L.range(0, 1e9).map((x) => x * x).filter((x) => x % 3 === 0).take(5).toArray(), [0, 9, 36, 81, 144]);
});

test('compile: deep nesting and huge texts are refused with a reason, quickly', () => {
  const deep = new Function(`return x => ${'('.repeat(1000)}x${')'.repeat(1000)};`)();
  assert.match(L.range(0, 3).map(deep).explain(), /nested too deeply/);
  assert.deepEqual(L.range(0, 3).map(deep).toArray(), [0, 1, 2]);
  const negations = new Function(`return x => ${'-'.repeat(999).split('').join(' ')} x;`)();
  assert.match(L.range(0, 3).map(negations).explain(), /nested too deeply/);
  const huge = new Function(`return x => x${' + 1'.repeat(20000)};`)();
  assert.match(L.range(0, 3).map(huge).explain(), /longer than 16384/);
  assert.deepEqual(L.range(0, 3).map(huge).toArray(), [20000, 20001, 20002]);
  const wide = new Function(`return x => x${' + x'.repeat(3000)};`)();
  assert.match(L.range(0, 3).map(wide).explain(), /too large/);
});

test('compile: boolean results over a batch that mixes numbers and other values', () => {
  // The booleans the program writes are handles too; they must not be taken for inputs and sent to JS.
  const values = [2, 'a', 0, 5, null, -1, '7', NaN, true, 3];
  for (const f of [(x) => x > 1, (x) => !x, (x, i) => x === i, (x) => x % 2 === 1]) {
    assert.match(L.from(values).map(f).explain(), /map: compiled/, String(f));
    assert.deepEqual(L.from(values).map(f).toArray(), values.map(f), String(f));
    assert.deepEqual(L.from(values).filter(f).toArray(), values.filter(f), String(f));
  }
});
