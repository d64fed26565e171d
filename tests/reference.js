// Plain-JS references for every source, transform and sink of lazywasm, as
// docs/semantics.md describes them, written as simply as possible with
// generators and loops; and the helpers the tests share (a seeded PRNG,
// Object.is comparison, edge values, tracked iterators).
//
// Transforms take any iterable and are generators, so they pull one value at a
// time exactly as the TC39 iterator helpers do: callbacks run as often and in
// the same order, and `return` inside for…of closes the source as TC39 does.
//
// Names: refX for operator X. The sink count() is refSize (refCount is the
// source count()).

import assert from 'node:assert/strict';

// ---------------------------------------------------------------- sources

export function* refRange(start, end, step) {
  if (end === undefined) { end = start; start = 0; }
  if (step === undefined) step = end < start ? -1 : 1;
  if (step === 0) return;
  for (let i = 0; ; i++) {
    const v = start + step * i;   // never accumulated
    if (step > 0 ? !(v < end) : !(v > end)) return;
    yield v;
  }
}

export function* refCount(start = 0, step = 1) { for (let i = 0; ; i++) yield start + step * i; }

export function* refRepeat(value, times = Infinity) { for (let i = 0; i < times; i++) yield value; }

export function* refIterate(seed, fn) {
  let x = seed;
  yield x;
  for (let i = 0; ; i++) { x = fn(x, i); yield x; }
}

export function* refRecurrence(seeds, fn) {
  const last = [...seeds];
  yield* last;
  for (let i = 0; ; i++) {
    const x = fn(...last, i);
    last.shift();
    last.push(x);
    yield x;
  }
}

export function* refFibonacci() {
  let a = 0, b = 1;
  for (;;) { yield a; const c = a + b; a = b; b = c; }
}

/* xoshiro256** seeded by four SplitMix64 outputs, in BigInt; each value (next() >> 11) * 2^-53. */
export function* refRandom(seed) {
  const M = (1n << 64n) - 1n;
  let x = BigInt(seed);
  const splitmix = () => {
    x = (x + 0x9E3779B97F4A7C15n) & M;
    let z = x;
    z = ((z ^ (z >> 30n)) * 0xBF58476D1CE4E5B9n) & M;
    z = ((z ^ (z >> 27n)) * 0x94D049BB133111EBn) & M;
    return z ^ (z >> 31n);
  };
  const s = [splitmix(), splitmix(), splitmix(), splitmix()];
  const rotl = (v, k) => ((v << BigInt(k)) | (v >> BigInt(64 - k))) & M;
  for (;;) {
    const result = (rotl((s[1] * 5n) & M, 7) * 9n) & M;
    const t = (s[1] << 17n) & M;
    s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3];
    s[2] ^= t; s[3] = rotl(s[3], 45);
    yield Number(result >> 11n) * 2 ** -53;
  }
}

/* from(x): a function is called for the iterable; an iterator object without [Symbol.iterator] is read directly. */
export function* refFrom(x) {
  if (typeof x === 'function') x = x();
  if (x != null && typeof x[Symbol.iterator] === 'function') { yield* x; return; }
  for (;;) { const r = x.next(); if (r.done) return; yield r.value; }
}

export function* refOf(...values) { yield* values; }
export function* refEmpty() {}

// ---------------------------------------------------------------- transforms

export function* refMap(it, fn) { let i = 0; for (const x of it) yield fn(x, i++); }
export function* refFilter(it, fn) { let i = 0; for (const x of it) if (fn(x, i++)) yield x; }

/* TC39 flatMap: GetIteratorFlattenable(reject-primitives); the inner iterator is closed on early exit. */
export function* refFlatMap(it, fn) {
  let i = 0;
  for (const x of it) {
    const inner = fn(x, i++);
    if (Object(inner) !== inner) throw new TypeError('flatMap: not an object');
    const method = inner[Symbol.iterator];
    const iter = method === undefined || method === null ? inner : method.call(inner);
    if (Object(iter) !== iter) throw new TypeError('flatMap: not an iterator');
    const next = iter.next;
    let open = true;
    try {
      for (;;) {
        open = false;   // a throwing next() is not closed
        const r = next.call(iter);
        if (Object(r) !== r) throw new TypeError('flatMap: result is not an object');
        if (r.done) break;
        open = true;
        yield r.value;
      }
    } finally {
      if (open) { const ret = iter.return; if (ret !== undefined && ret !== null) ret.call(iter); }
    }
  }
}

export function* refTakeWhile(it, fn) { let i = 0; for (const x of it) { if (!fn(x, i++)) return; yield x; } }

export function* refDropWhile(it, fn) {
  let i = 0, dropping = true;
  for (const x of it) {
    if (dropping && fn(x, i++)) continue;
    dropping = false;
    yield x;
  }
}

/* scan(fn, init): init not emitted; without init the first value seeds the fold and is passed on. */
export function* refScan(it, fn, ...init) {
  let i = 0, acc = init[0], has = init.length > 0;
  for (const x of it) {
    if (has) acc = fn(acc, x, i); else { acc = x; has = true; }
    i++;
    yield acc;
  }
}

/* TC39 take/drop with an already converted limit (a whole number ≥ 0 or Infinity). */
export function* refTake(it, n) {
  if (n <= 0) return;
  for (const x of it) { yield x; if (--n === 0) return; }
}
export function* refDrop(it, n) { for (const x of it) { if (n > 0) { n--; continue; } yield x; } }

/*
 * islice's values, read as lazily as TC39's drop/take (docs/semantics.md): no
 * value past the last one yielded is read; stop <= start reads nothing.
 */
export function* refSlice(it, start = 0, stop = Infinity, step = 1) {
  if (stop <= start) return;
  const last = stop === Infinity ? Infinity : start + Math.floor((stop - 1 - start) / step) * step;
  let i = 0;
  for (const x of it) {
    if (i >= start && (i - start) % step === 0) yield x;
    if (i++ >= last) return;
  }
}

export function* refEnumerate(it, start = 0) { let i = 0; for (const x of it) yield [start + i++, x]; }

/* Close every iterator in `iters` but the one at `except`. */
function closeOthers(iters, except) {
  iters.forEach((it, k) => { if (k !== except && typeof it.return === 'function') it.return(); });
}

/* Iterator.zip, mode "shortest": rows until one input ends, then the others are closed. */
export function* refZip(...its) {
  const iters = its.map((x) => x[Symbol.iterator]());
  let finished = -1;
  try {
    for (;;) {
      const row = [];
      for (let k = 0; k < iters.length; k++) {
        const r = iters[k].next();
        if (r.done) { finished = k; closeOthers(iters, k); return; }
        row.push(r.value);
      }
      yield row;
    }
  } finally {
    if (finished === -1) closeOthers(iters, -1);   // closed from outside
  }
}

export function* refConcat(...its) { for (const it of its) yield* it; }

export function* refInterleave(...its) {
  const iters = its.map((x) => x[Symbol.iterator]());
  let finished = -1;
  try {
    for (;;) {
      for (let k = 0; k < iters.length; k++) {
        const r = iters[k].next();
        if (r.done) { finished = k; closeOthers(iters, k); return; }
        yield r.value;
      }
    }
  } finally {
    if (finished === -1) closeOthers(iters, -1);
  }
}

export function* refChunk(it, n) {
  let c = [];
  for (const x of it) { c.push(x); if (c.length === n) { yield c; c = []; } }
  if (c.length) yield c;
}

export function* refWindow(it, n) {
  const w = [];
  for (const x of it) { w.push(x); if (w.length > n) w.shift(); if (w.length === n) yield w.slice(); }
}

export const refPairwise = (it) => refWindow(it, 2);

export const sameValueZero = (a, b) => a === b || (a !== a && b !== b);

export function* refDedupe(it) {
  let first = true, last;
  for (const x of it) {
    if (!first && sameValueZero(last, x)) continue;
    first = false;
    last = x;
    yield x;
  }
}

export function* refUnique(it) {
  const seen = new Set();   // Set uses SameValueZero
  for (const x of it) if (!seen.has(x)) { seen.add(x); yield x; }
}

export function* refCycle(it) {
  const saved = [];
  for (const x of it) { saved.push(x); yield x; }
  if (saved.length === 0) return;
  for (;;) yield* saved;
}

/* n one-shot iterators over `iterable`, each seeing every value (values buffered between branches). */
export function refTee(iterable, n = 2) {
  const source = iterable[Symbol.iterator]();
  const buffers = Array.from({ length: n }, () => []);
  let done = false;
  function* branch(k) {
    for (;;) {
      if (buffers[k].length > 0) { yield buffers[k].shift(); continue; }
      if (done) return;
      const r = source.next();
      if (r.done) { done = true; return; }
      for (const b of buffers) b.push(r.value);
    }
  }
  return buffers.map((_, k) => branch(k));
}

// ---------------------------------------------------------------- sinks

const notNumber = (method, x) => new TypeError(`${method}: expected only numbers, got ${String(typeof x === 'symbol' ? 'symbol' : x)}`);

export const refToArray = (it) => [...it];

export function refToFloat64Array(it) {
  const out = [];
  for (const x of it) { if (typeof x !== 'number') throw notNumber('toFloat64Array', x); out.push(x); }
  return Float64Array.from(out);
}

/* TC39 reduce: without init the first value starts the fold (the first call gets index 1). */
export function refReduce(it, fn, ...init) {
  let i = 0, acc = init[0], has = init.length > 0;
  for (const x of it) {
    if (has) acc = fn(acc, x, i); else { acc = x; has = true; }
    i++;
  }
  if (!has) throw new TypeError('reduce of an empty sequence with no initial value');
  return acc;
}

export function refForEach(it, fn) { let i = 0; for (const x of it) fn(x, i++); }
export function refSome(it, fn) { let i = 0; for (const x of it) if (fn(x, i++)) return true; return false; }
export function refEvery(it, fn) { let i = 0; for (const x of it) if (!fn(x, i++)) return false; return true; }
export function refFind(it, fn) { let i = 0; for (const x of it) if (fn(x, i++)) return x; return undefined; }
export function refIncludes(it, v) { for (const x of it) if (sameValueZero(x, v)) return true; return false; }

/* Array.prototype.join's rules exactly. */
export const refJoin = (it, sep) => [...it].join(sep);

export function refSum(it) {
  let s = 0;
  for (const x of it) { if (typeof x !== 'number') throw notNumber('sum', x); s += x; }
  return s;
}

export function refMean(it) {
  let s = 0, n = 0;
  for (const x of it) { if (typeof x !== 'number') throw notNumber('mean', x); s += x; n++; }
  return n === 0 ? undefined : s / n;
}

export function refMin(it) {
  let m, any = false;
  for (const x of it) {
    if (typeof x !== 'number') throw notNumber('min', x);
    m = any ? Math.min(m, x) : x;
    any = true;
  }
  return m;
}

export function refMax(it) {
  let m, any = false;
  for (const x of it) {
    if (typeof x !== 'number') throw notNumber('max', x);
    m = any ? Math.max(m, x) : x;
    any = true;
  }
  return m;
}

/* The sink count(). */
export function refSize(it) { let n = 0; for (const _ of it) n++; return n; }   // eslint-disable-line no-unused-vars
export function refNth(it, i) { for (const x of it) { if (i-- === 0) return x; } return undefined; }
export const refFirst = (it) => refNth(it, 0);
export function refLast(it) { let l; for (const x of it) l = x; return l; }

// ---------------------------------------------------------------- helpers

/* mulberry32: a small seeded PRNG; returns floats in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/* Object.is at the leaves, element-wise (recursively) for arrays and typed arrays. */
export function sameValues(actual, expected) {
  const isList = (v) => Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
  if (isList(actual) && isList(expected)) {
    if (Array.isArray(actual) !== Array.isArray(expected)) return false;
    if (!Array.isArray(actual) && actual.constructor !== expected.constructor) return false;
    if (actual.length !== expected.length) return false;
    for (let i = 0; i < actual.length; i++) if (!sameValues(actual[i], expected[i])) return false;
    return true;
  }
  return Object.is(actual, expected);
}

/* A readable rendering of a value: -0, 10n, symbols, nested arrays, typed arrays. */
export function show(v, depth = 0) {
  if (depth > 4) return '…';
  if (Array.isArray(v)) {
    const items = v.slice(0, 30).map((x) => show(x, depth + 1));
    return `[${items.join(', ')}${v.length > 30 ? `, … (${v.length})` : ''}]`;
  }
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return `${v.constructor.name}${show([...v], depth)}`;
  if (Object.is(v, -0)) return '-0';
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'symbol') return v.toString();
  if (typeof v === 'function') return `fn ${v.name || '(anonymous)'}`;
  if (v instanceof Error) return `${v.name}: ${v.message}`;
  if (v && typeof v === 'object') { try { return JSON.stringify(v); } catch { return '[object]'; } }
  return String(v);
}

/* The edge values of the brief: numbers, then values that are not numbers. */
export const EDGE_NUMBER_VALUES = [0, -0, 1, -1, 0.5, NaN, Infinity, -Infinity, Number.MAX_VALUE,
  Number.MIN_VALUE, 2 ** 53, -(2 ** 53) + 1, 1e-310];
export const SHARED_OBJECT = { k: 1 };
export const SHARED_ARRAY = [1, 2];
export const NON_NUMBERS = ['a', '', undefined, null, true, false, 10n, SHARED_OBJECT, SHARED_ARRAY, Symbol.for('s')];
export const EDGE_VALUES = [...EDGE_NUMBER_VALUES, ...NON_NUMBERS];

/*
 * An iterable whose iterators log next() and return() into `log` (and count
 * them in `stats`), to check pulls and closing. Each [Symbol.iterator]() call
 * starts again from the first value.
 */
export function tracked(values, log = [], name = 'src') {
  const stats = { opened: 0, nexts: 0, returns: 0 };
  const iterable = {
    stats,
    log,
    [Symbol.iterator]() {
      stats.opened++;
      let i = 0;
      return {
        next() {
          stats.nexts++;
          log.push(`${name}.next`);
          return i < values.length ? { value: values[i++], done: false } : { value: undefined, done: true };
        },
        return() {
          stats.returns++;
          log.push(`${name}.return`);
          return { value: undefined, done: true };
        },
      };
    },
  };
  return iterable;
}


export const EDGE_NUMBERS = [0, -0, 1, -1, 0.5, 2, 3, NaN, Infinity, -Infinity, Number.MAX_VALUE,
  Number.MIN_VALUE, 2 ** 53, -(2 ** 53) + 1, 1e-310, 7, 7, NaN, -0, 0];
export const OTHER_VALUES = ['a', '', undefined, null, true, false, 10n, SHARED_OBJECT, SHARED_ARRAY, Symbol.for('s'), 'a', SHARED_OBJECT];

/* Fail unless sameValues(actual, expected), showing both. */
export function assertSame(actual, expected, message = '') {
  if (!sameValues(actual, expected)) {
    const error = new Error(`${message}\n  actual:   ${show(actual)}\n  expected: ${show(expected)}`);
    error.name = 'AssertionError';
    throw error;
  }
}

/* What running `f` gives: its value, or the name of the error it threw. */
export function outcome(f) {
  try { return { value: f() }; } catch (e) { return { error: e?.constructor?.name ?? String(e) }; }
}

/* Two outcomes agree: the same error, or the same values (sameValues). */
export function sameOutcome(actual, expected, message) {
  if (expected.error !== undefined || actual.error !== undefined) {
    if (actual.error !== expected.error) {
      const error = new Error(`${message}: error ${actual.error} !== ${expected.error}\n  actual value: ${show(actual.value)}\n  expected value: ${show(expected.value)}`);
      error.name = 'AssertionError';
      throw error;
    }
  } else {
    assertSame(actual.value, expected.value, message);
  }
}

/* A logging wrapper (never compiled, so the JS path runs and every call is seen). */
export function spy(log, f) {
  return (...args) => { log.push(args); return f(...args); };
}

/* An array source is read ahead in batches; a generator source one value at a time. */
export function sources(L) {
  return {
    array: (a) => L.from(a),
    generator: (a) => L.from(function* () { yield* a; }),
  };
}

/* A Seq whose building is observable: `opened` turns true when it is iterated (L: the library). */
export function watched(L) {
  const state = { opened: false };
  state.seq = L.from(() => { state.opened = true; return [1, 2, 3]; });
  return state;
}

/* `call(seq)` throws `type` at once, before the source is opened, on a finite and an infinite source. */
export function throwsAtCall(L, call, type, message) {
  const w = watched(L);
  assert.throws(() => call(w.seq), type, message);
  assert.equal(w.opened, false, `${message}: thrown before the source was opened`);
  assert.throws(() => call(L.count()), type, `${message} (on count())`);
}

