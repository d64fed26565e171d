// Exactly as lazy as TC39: every pipeline runs against the spec-exact
// es-iterator-helpers implementation (or, for operators TC39 lacks, a plain
// generator), with logging sources and callbacks, under several consumers.
// The logs of next/return/callback calls, the results and the errors must match.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as L from '../lib/node.js';
import { E } from '../lib/engine.js';
import { liveHandles } from '../lib/values.js';

const require = createRequire(import.meta.url);
const H = (name) => require(`es-iterator-helpers/${name}`);
const T = {
  map: H('Iterator.prototype.map'), filter: H('Iterator.prototype.filter'),
  take: H('Iterator.prototype.take'), drop: H('Iterator.prototype.drop'),
  flatMap: H('Iterator.prototype.flatMap'), chunks: H('Iterator.prototype.chunks'),
  windows: H('Iterator.prototype.windows'), zip: H('Iterator.zip'), concat: H('Iterator.concat'),
  toArray: H('Iterator.prototype.toArray'), forEach: H('Iterator.prototype.forEach'),
  reduce: H('Iterator.prototype.reduce'), some: H('Iterator.prototype.some'),
  every: H('Iterator.prototype.every'), find: H('Iterator.prototype.find'),
  includes: H('Iterator.prototype.includes'), join: H('Iterator.prototype.join'),
};

/* An iterator that logs next() and return(); it can throw from either. */
function logged(log, name, values, { throwAt = -1, returnThrows = false, noReturn = false } = {}) {
  let i = 0;
  const it = {
    next() {
      log.push(`${name}.next`);
      if (i === throwAt) throw new Error(`${name}.next threw`);
      return i < values.length ? { value: values[i++], done: false } : { value: undefined, done: true };
    },
    [Symbol.iterator]() { return this; },
  };
  if (!noReturn) {
    it.return = () => {
      log.push(`${name}.return`);
      if (returnThrows) throw new Error(`${name}.return threw`);
      return { done: true };
    };
  }
  return it;
}

/* An iterable whose [Symbol.iterator]() call is logged too: concat must make it only on reaching it. */
function loggedIterable(log, name, values) {
  return { [Symbol.iterator]() { log.push(`${name}[Symbol.iterator]`); return logged(log, name, values); } };
}

/* An object whose valueOf logs: a compiled callback sends it to its JS function, where x * 2 calls valueOf. */
const vo = (log, name, value = 3) => ({ valueOf() { log.push(`${name}.valueOf`); return value; } });
const mixed = (log) => [1, 2, vo(log, 'a'), 4, 5, vo(log, 'b'), vo(log, 'c'), 8];

/* A callback that logs its arguments; it can throw on its k-th call. */
function spy(log, name, f, throwAt = -1) {
  let calls = 0;
  return (...args) => {
    log.push(`${name}(${args.map((a) => (Array.isArray(a) ? `[${a}]` : String(a))).join(',')})`);
    if (calls++ === throwAt) throw new Error(`${name} threw`);
    return f(...args);
  };
}

// References for operators TC39 does not have: generators (laziness is exact
// by construction) wrapped to behave like TC39 helpers, whose return() before
// the first next() closes the source.
function helper(sources, gen) {
  let started = false;
  const g = gen();
  return {
    next() { started = true; return g.next(); },
    return() {
      if (!started) { started = true; g.return(); [...sources].reverse().forEach((s) => s.return?.()); }
      else g.return();
      return { value: undefined, done: true };
    },
    [Symbol.iterator]() { return this; },
  };
}
const takeWhile = (it, p) => helper([it], function* () { let i = 0; for (const x of it) { if (!p(x, i++)) return; yield x; } });
const dropWhile = (it, p) => helper([it], function* () {
  let i = 0, dropping = true;
  for (const x of it) { if (dropping && p(x, i++)) continue; dropping = false; yield x; }
});
const scan = (it, f, ...init) => helper([it], function* () {
  let i = 0, acc = init[0], has = init.length > 0;
  for (const x of it) {
    if (has) acc = f(acc, x, i); else { acc = x; has = true; }
    i++;
    yield acc;
  }
});
// es-iterator-helpers 1.4's chunks() asks its source for one more value after
// the end (the proposal's step 7.b.ii returns after the last chunk), so chunks
// are checked against the proposal's algorithm written as a generator.
const chunks = (it, n) => helper([it], function* () {
  let buffer = [];
  for (const x of it) {
    buffer.push(x);
    if (buffer.length === n) { yield buffer; buffer = []; }
  }
  if (buffer.length > 0) yield buffer;
});
const enumerate = (it) => helper([it], function* () { let i = 0; for (const x of it) yield [i++, x]; });
const interleave = (a, b) => helper([a, b], function* () {
  let ended = null;
  try {
    for (;;) {
      const x = a.next(); if (x.done) { ended = a; return; } yield x.value;
      const y = b.next(); if (y.done) { ended = b; return; } yield y.value;
    }
  } finally {   // close the inputs that have not ended, the last first
    if (ended !== b) b.return?.();
    if (ended !== a) a.return?.();
  }
});

/*
 * Pipelines: [name, lazywasm(log), reference(log)]. Each side makes its own
 * logging sources and callbacks with the same names.
 */
const sq = (x) => x * x, odd = (x) => x % 2 === 1, big = (x) => x > 4;
const data = [1, 2, 3, 4, 5, 6, 7];
const pipelines = [
  ['map', (log) => L.from(logged(log, 's', data)).map(spy(log, 'f', sq)),
    (log) => T.map(logged(log, 's', data), spy(log, 'f', sq))],
  ['filter', (log) => L.from(logged(log, 's', data)).filter(spy(log, 'p', odd)),
    (log) => T.filter(logged(log, 's', data), spy(log, 'p', odd))],
  ['map-filter-take', (log) => L.from(logged(log, 's', data)).map(spy(log, 'f', sq)).filter(spy(log, 'p', odd)).take(3),
    (log) => T.take(T.filter(T.map(logged(log, 's', data), spy(log, 'f', sq)), spy(log, 'p', odd)), 3)],
  ['drop-map', (log) => L.from(logged(log, 's', data)).drop(2).map(spy(log, 'f', sq)),
    (log) => T.map(T.drop(logged(log, 's', data), 2), spy(log, 'f', sq))],
  ['take0', (log) => L.from(logged(log, 's', data)).take(0),
    (log) => T.take(logged(log, 's', data), 0)],
  ['take-past-end', (log) => L.from(logged(log, 's', [1, 2])).take(5),
    (log) => T.take(logged(log, 's', [1, 2]), 5)],
  // JS stages over an engine source: for…of runs them in the iterator itself, one value per next()
  ['range-scan-filter', (log) => L.range(0, 10).scan(spy(log, 'f', (a, x) => a + x), 100).filter(spy(log, 'p', odd)),
    (log) => T.filter(scan([...Array(10).keys()].values(), spy(log, 'f', (a, x) => a + x), 100), spy(log, 'p', odd))],
  ['range-map-filter', (log) => L.range(0, 10).map(spy(log, 'f', sq)).filter(spy(log, 'p', odd)),
    (log) => T.filter(T.map([...Array(10).keys()].values(), spy(log, 'f', sq)), spy(log, 'p', odd))],
  ['flatMap', (log) => {
    let n = 0;
    return L.from(logged(log, 's', [1, 2, 3])).flatMap(spy(log, 'g', (x) => logged(log, `in${n++}`, Array(x).fill(x))));
  }, (log) => {
    let n = 0;
    return T.flatMap(logged(log, 's', [1, 2, 3]), spy(log, 'g', (x) => logged(log, `in${n++}`, Array(x).fill(x))));
  }],
  ['flatMap-arrays', (log) => L.from(logged(log, 's', [0, 1, 2, 3])).flatMap(spy(log, 'g', (x) => Array(x).fill(x))),
    (log) => T.flatMap(logged(log, 's', [0, 1, 2, 3]), spy(log, 'g', (x) => Array(x).fill(x)))],
  ['zip', (log) => L.from(logged(log, 'a', [1, 2, 3, 4])).zip(logged(log, 'b', ['x', 'y'])),
    (log) => T.zip([logged(log, 'a', [1, 2, 3, 4]), logged(log, 'b', ['x', 'y'])])],
  // a compiled map that destructures zip's rows: rows of numbers never reach JS (no arrays made);
  // a row holding an object goes to the JS function, whose x * y calls valueOf, at its turn
  ['zip-map-rows', (log) => L.from(logged(log, 'a', mixed(log))).zip(logged(log, 'b', [1, 2, 3, 4, 5, 6, 7, 8, 9])).map(([x, y]) => x * y),
    (log) => T.map(T.zip([logged(log, 'a', mixed(log)), logged(log, 'b', [1, 2, 3, 4, 5, 6, 7, 8, 9])]), ([x, y]) => x * y)],
  ['zip-map-rows-throws', (log) => L.from(logged(log, 'a', [1, 2, Symbol('s'), 4])).zip(logged(log, 'b', [vo(log, 'v'), 2, 3, 4]), L.range(0, 9))
    .map(([x, y], i) => x * y + i),
  (log) => T.map(T.zip([logged(log, 'a', [1, 2, Symbol('s'), 4]), logged(log, 'b', [vo(log, 'v'), 2, 3, 4]), [0, 1, 2, 3, 4, 5, 6, 7, 8].values()]),
    ([x, y], i) => x * y + i)],
  // only the last input observable: zip reads whole batches, yet asks it no more than TC39 does
  ['zip-last-observable', (log) => L.range(0, 3).zip(L.of(7, 8, 9, 10), logged(log, 'b', [1, 2, 3, 4, 5])),
    (log) => T.zip([[0, 1, 2].values(), [7, 8, 9, 10].values(), logged(log, 'b', [1, 2, 3, 4, 5])])],
  ['zip-last-observable-longer', (log) => L.range(0, 9).zip(logged(log, 'b', [1, 2, 3, 4, 5])),
    (log) => T.zip([[0, 1, 2, 3, 4, 5, 6, 7, 8].values(), logged(log, 'b', [1, 2, 3, 4, 5])])],
  ['enumerate-map-rows', (log) => L.from(logged(log, 's', mixed(log))).enumerate().map(([i, x]) => i * x),
    (log) => T.map(enumerate(logged(log, 's', mixed(log))), ([i, x]) => i * x)],
  ['zip-map', (log) => L.from(logged(log, 'a', [1, 2, 3])).map(spy(log, 'f', sq)).zip(L.from(logged(log, 'b', [4, 5, 6])).map(spy(log, 'g', sq))),
    (log) => T.zip([T.map(logged(log, 'a', [1, 2, 3]), spy(log, 'f', sq)), T.map(logged(log, 'b', [4, 5, 6]), spy(log, 'g', sq))])],
  ['concat', (log) => L.from(logged(log, 'a', [1, 2])).concat(logged(log, 'b', [3, 4])),
    (log) => T.concat(logged(log, 'a', [1, 2]), logged(log, 'b', [3, 4]))],
  ['concat-opens-lazily', (log) => L.from(logged(log, 'a', [1, 2])).concat(loggedIterable(log, 'b', [3, 4]), loggedIterable(log, 'c', [5])).take(3),
    (log) => T.take(T.concat(logged(log, 'a', [1, 2]), loggedIterable(log, 'b', [3, 4]), loggedIterable(log, 'c', [5])), 3)],
  ['concat-never-reached', (log) => L.from(logged(log, 'a', [1, 2, 3])).concat(loggedIterable(log, 'b', [4])).take(2),
    (log) => T.take(T.concat(logged(log, 'a', [1, 2, 3]), loggedIterable(log, 'b', [4])), 2)],
  ['concat-seq-inputs', (log) => L.from(loggedIterable(log, 'a', [1])).concat(L.from(loggedIterable(log, 'b', [2])).map(spy(log, 'f', sq))),
    // a Seq is an iterable: its pipeline is built when concat reaches it
    // the receiver is opened with the pipeline, as Iterator.from(a) opens it; later inputs when reached
    (log) => T.concat(loggedIterable(log, 'a', [1])[Symbol.iterator](), { [Symbol.iterator]: () => T.map(loggedIterable(log, 'b', [2])[Symbol.iterator](), spy(log, 'f', sq)) })],
  // a value that is not a number half-way: numbers-only sinks must stop calling back right there
  ['map-string-half-way', (log) => L.range(0, 8).map(spy(log, 'f', (x) => (x === 3 ? 'three' : x))),
    (log) => T.map([...Array(8).keys()].values(), spy(log, 'f', (x) => (x === 3 ? 'three' : x)))],
  // JS stages over a user iterator: the host reads it between the calls, a batch per crossing
  ['iterator-map-string-half-way', (log) => L.from(logged(log, 's', data)).map(spy(log, 'f', (x) => (x === 3 ? 'three' : x))),
    (log) => T.map(logged(log, 's', data), spy(log, 'f', (x) => (x === 3 ? 'three' : x)))],
  ['iterator-filter-map-objects', (log) => L.from(logged(log, 's', mixed(log))).filter(spy(log, 'p', (x) => x > 2)).map(spy(log, 'f', (x) => x * 10)),
    (log) => T.map(T.filter(logged(log, 's', mixed(log)), spy(log, 'p', (x) => x > 2)), spy(log, 'f', (x) => x * 10))],
  ['iterator-filter-throws', (log) => L.from(logged(log, 's', data)).filter(spy(log, 'p', odd, 4)).map(spy(log, 'f', sq)),
    (log) => T.map(T.filter(logged(log, 's', data), spy(log, 'p', odd, 4)), spy(log, 'f', sq))],
  ['iterator-map-source-throws', (log) => L.from(logged(log, 's', data, { throwAt: 4 })).filter(spy(log, 'p', odd)),
    (log) => T.filter(logged(log, 's', data, { throwAt: 4 }), spy(log, 'p', odd))],
  // take folded into the iterator's host node, JS stages (a scan among them) read through it
  ['iterator-take-filter-scan', (log) => L.from(logged(log, 's', data)).take(5).filter(spy(log, 'p', odd)).scan(spy(log, 'f', (a, x) => a + x)),
    (log) => scan(T.filter(T.take(logged(log, 's', data), 5), spy(log, 'p', odd)), spy(log, 'f', (a, x) => a + x))],
  ['iterator-take-take-map', (log) => L.from(logged(log, 's', data)).take(4).take(2).map(spy(log, 'f', sq)),
    (log) => T.map(T.take(T.take(logged(log, 's', data), 4), 2), spy(log, 'f', sq))],
  ['array-filter-string-half-way', (log) => L.from([1, 2, 'a', 3, 4]).filter(spy(log, 'p', () => true)).map(spy(log, 'f', (x) => x)),
    (log) => T.map(T.filter([1, 2, 'a', 3, 4].values(), spy(log, 'p', () => true)), spy(log, 'f', (x) => x))],
  ['array-filter-passes-string', (log) => L.from([1, 2, 'a', 3, 4]).filter(spy(log, 'p', () => true)),
    (log) => T.filter([1, 2, 'a', 3, 4].values(), spy(log, 'p', () => true))],
  ['array-filter-skips-string', (log) => L.from([1, 'a', 3, 4]).filter(spy(log, 'p', (x) => typeof x === 'number')),
    (log) => T.filter([1, 'a', 3, 4].values(), spy(log, 'p', (x) => typeof x === 'number'))],
  // compiled callbacks over a user iterator: batches, but next() and the JS calls for non-numbers in TC39's order
  ['compiled-map-mixed', (log) => L.from(logged(log, 's', mixed(log))).map((x) => x * 2),
    (log) => T.map(logged(log, 's', mixed(log)), (x) => x * 2)],
  ['compiled-filter-mixed', (log) => L.from(logged(log, 's', mixed(log))).filter((x) => x > 2).take(4).map((x) => typeof x),
    (log) => T.map(T.take(T.filter(logged(log, 's', mixed(log)), (x) => x > 2), 4), (x) => typeof x)],
  ['compiled-scan-mixed', (log) => L.from(logged(log, 's', mixed(log))).drop(1).scan((a, x) => a + x, 0),
    (log) => scan(T.drop(logged(log, 's', mixed(log)), 1), (a, x) => a + x, 0)],
  ['compiled-map-then-js', (log) => L.from(logged(log, 's', mixed(log))).map((x) => x - 1).map(spy(log, 'f', sq)),
    (log) => T.map(T.map(logged(log, 's', mixed(log)), (x) => x - 1), spy(log, 'f', sq))],
  ['chunk', (log) => L.from(logged(log, 's', data)).chunk(3),
    (log) => chunks(logged(log, 's', data), 3)],
  ['window', (log) => L.from(logged(log, 's', data)).window(3),
    (log) => T.windows(logged(log, 's', data), 3)],
  ['takeWhile', (log) => L.from(logged(log, 's', data)).takeWhile(spy(log, 'p', (x) => x < 4)),
    (log) => takeWhile(logged(log, 's', data), spy(log, 'p', (x) => x < 4))],
  ['dropWhile', (log) => L.from(logged(log, 's', data)).dropWhile(spy(log, 'p', (x) => x < 4)),
    (log) => dropWhile(logged(log, 's', data), spy(log, 'p', (x) => x < 4))],
  // takeWhile and dropWhile join chains: a falsy takeWhile closes the source at TC39's point, and nothing runs after it
  ['iterator-map-takeWhile-filter', (log) => L.from(logged(log, 's', data)).map(spy(log, 'f', sq)).takeWhile(spy(log, 'p', (x) => x < 20)).filter(spy(log, 'q', odd)),
    (log) => T.filter(takeWhile(T.map(logged(log, 's', data), spy(log, 'f', sq)), spy(log, 'p', (x) => x < 20)), spy(log, 'q', odd))],
  ['iterator-dropWhile-map', (log) => L.from(logged(log, 's', data)).dropWhile(spy(log, 'p', (x) => x < 3)).map(spy(log, 'f', sq)),
    (log) => T.map(dropWhile(logged(log, 's', data), spy(log, 'p', (x) => x < 3)), spy(log, 'f', sq))],
  ['iterator-takeWhile-return-throws', (log) => L.from(logged(log, 's', data, { returnThrows: true })).takeWhile(spy(log, 'p', (x) => x < 3)),
    (log) => takeWhile(logged(log, 's', data, { returnThrows: true }), spy(log, 'p', (x) => x < 3))],
  ['iterator-takeWhile-throws', (log) => L.from(logged(log, 's', data)).takeWhile(spy(log, 'p', (x) => x < 6, 3)).map(spy(log, 'f', sq)),
    (log) => T.map(takeWhile(logged(log, 's', data), spy(log, 'p', (x) => x < 6, 3)), spy(log, 'f', sq))],
  ['iterator-take-takeWhile', (log) => L.from(logged(log, 's', data)).take(3).takeWhile(spy(log, 'p', (x) => x < 9)),
    (log) => takeWhile(T.take(logged(log, 's', data), 3), spy(log, 'p', (x) => x < 9))],
  ['range-map-takeWhile', (log) => L.range(0, 10).map(spy(log, 'f', sq)).takeWhile(spy(log, 'p', (x) => x < 30)),
    (log) => takeWhile(T.map([...Array(10).keys()].values(), spy(log, 'f', sq)), spy(log, 'p', (x) => x < 30))],
  ['range-dropWhile-filter', (log) => L.range(0, 10).dropWhile(spy(log, 'p', (x) => x < 4)).filter(spy(log, 'q', odd)),
    (log) => T.filter(dropWhile([...Array(10).keys()].values(), spy(log, 'p', (x) => x < 4)), spy(log, 'q', odd))],
  // compiled predicates after JS stages: read one value at a time, they join the chain
  ['range-map-compiled-takeWhile-dropWhile', (log) => L.range(0, 10).map(spy(log, 'f', sq)).takeWhile((x) => x < 30).dropWhile((x) => x < 4),
    (log) => dropWhile(takeWhile(T.map([...Array(10).keys()].values(), spy(log, 'f', sq)), (x) => x < 30), (x) => x < 4)],
  ['array-takeWhile-string-half-way', (log) => L.from([1, 2, 'a', 3, 4]).takeWhile(spy(log, 'p', (x) => x !== 3)).map(spy(log, 'f', (x) => x)),
    (log) => T.map(takeWhile([1, 2, 'a', 3, 4].values(), spy(log, 'p', (x) => x !== 3)), spy(log, 'f', (x) => x))],
  ['scan', (log) => L.from(logged(log, 's', data)).scan(spy(log, 'f', (a, x) => a + x), 100),
    (log) => scan(logged(log, 's', data), spy(log, 'f', (a, x) => a + x), 100)],
  ['scan-noinit', (log) => L.from(logged(log, 's', data)).scan(spy(log, 'f', (a, x) => a * x)),
    (log) => scan(logged(log, 's', data), spy(log, 'f', (a, x) => a * x))],
  ['enumerate-map', (log) => L.from(logged(log, 's', data)).enumerate().map(spy(log, 'f', ([i, x]) => i * x)),
    (log) => T.map(enumerate(logged(log, 's', data)), spy(log, 'f', ([i, x]) => i * x))],
  ['interleave', (log) => L.from(logged(log, 'a', [1, 2, 3])).interleave(logged(log, 'b', [10, 20])),
    (log) => interleave(logged(log, 'a', [1, 2, 3]), logged(log, 'b', [10, 20]))],
  ['iterate', (log) => L.iterate(1, spy(log, 'f', (x) => x * 2)).take(4),
    (log) => T.take((function* () { const f = spy(log, 'f', (x) => x * 2); let x = 1, i = 0; for (;;) { yield x; x = f(x, i++); } })(), 4)],
  // errors: a throwing callback, a throwing source, a throwing return()
  ['map-throws', (log) => L.from(logged(log, 's', data)).map(spy(log, 'f', sq, 2)),
    (log) => T.map(logged(log, 's', data), spy(log, 'f', sq, 2))],
  ['filter-throws', (log) => L.range(0, 100).filter(spy(log, 'p', odd, 5)).map(spy(log, 'f', sq)),
    (log) => T.map(T.filter([...Array(100).keys()].values(), spy(log, 'p', odd, 5)), spy(log, 'f', sq))],
  ['source-throws', (log) => L.from(logged(log, 's', data, { throwAt: 2 })).map(spy(log, 'f', sq)),
    (log) => T.map(logged(log, 's', data, { throwAt: 2 }), spy(log, 'f', sq))],
  ['return-throws', (log) => L.from(logged(log, 's', data, { returnThrows: true })).take(2),
    (log) => T.take(logged(log, 's', data, { returnThrows: true }), 2)],
  ['zip-b-throws', (log) => L.from(logged(log, 'a', data)).zip(logged(log, 'b', data, { throwAt: 1 }), logged(log, 'c', data)),
    (log) => T.zip([logged(log, 'a', data), logged(log, 'b', data, { throwAt: 1 }), logged(log, 'c', data)])],
  // a stage failing under zip or interleave closes its own source first, as TC39's map does, then the
  // multi-input node closes the inputs still open, the last first
  ['zip-map-throws', (log) => L.from(logged(log, 'a', data)).map(spy(log, 'f', sq, 1)).zip(logged(log, 'b', data)),
    (log) => T.zip([T.map(logged(log, 'a', data), spy(log, 'f', sq, 1)), logged(log, 'b', data)])],
  ['zip-middle-map-throws', (log) => L.from(logged(log, 'a', data)).zip(L.from(logged(log, 'b', data)).map(spy(log, 'f', sq, 1)), logged(log, 'c', data)),
    (log) => T.zip([logged(log, 'a', data), T.map(logged(log, 'b', data), spy(log, 'f', sq, 1)), logged(log, 'c', data)])],
  ['zip-nested-source-throws', (log) => L.from(logged(log, 'a', data, { throwAt: 1 })).zip(logged(log, 'b', data)).zip(logged(log, 'c', data)),
    (log) => T.zip([T.zip([logged(log, 'a', data, { throwAt: 1 }), logged(log, 'b', data)]), logged(log, 'c', data)])],
  ['interleave-map-throws', (log) => L.from(logged(log, 'a', data)).map(spy(log, 'f', sq, 1)).interleave(logged(log, 'b', data)),
    (log) => interleave(T.map(logged(log, 'a', data), spy(log, 'f', sq, 1)), logged(log, 'b', data))],
  ['flatMap-inner-throws', (log) => L.from(logged(log, 's', [1, 2])).flatMap(() => logged(log, 'in', [1, 2, 3], { throwAt: 1 })),
    (log) => T.flatMap(logged(log, 's', [1, 2]), () => logged(log, 'in', [1, 2, 3], { throwAt: 1 }))],
  ['flatMap-not-iterable', (log) => L.from(logged(log, 's', [1, 2])).flatMap(() => 'str'),
    (log) => T.flatMap(logged(log, 's', [1, 2]), () => 'str')],
  ['no-return-method', (log) => L.from(logged(log, 's', data, { noReturn: true })).take(2),
    (log) => T.take(logged(log, 's', data, { noReturn: true }), 2)],
];

/* Consumers: [name, lazywasm(seq), reference(iterator)]; each returns a result. */
const consumers = [
  ['toArray', (s) => s.toArray(), (it) => T.toArray(it)],
  ['for-of-all', (s) => { const out = []; for (const x of s) out.push(x); return out; },
    (it) => { const out = []; for (const x of it) out.push(x); return out; }],
  ['for-of-break-2', (s) => { const out = []; for (const x of s) { out.push(x); if (out.length === 2) break; } return out; },
    (it) => { const out = []; for (const x of it) { out.push(x); if (out.length === 2) break; } return out; }],
  ['next-then-return', (s) => { const it = s[Symbol.iterator](); const a = it.next(); it.return(); return [a.value, it.next().done]; },
    (it) => { const a = it.next(); it.return(); return [a.value, it.next().done]; }],
  ['return-unstarted', (s) => { const it = s[Symbol.iterator](); it.return(); return it.next().done; },
    (it) => { it.return(); return it.next().done; }],
  ['forEach', (s) => { const out = []; s.forEach((x, i) => out.push(`${i}:${x}`)); return out; },
    (it) => { const out = []; T.forEach(it, (x, i) => out.push(`${i}:${x}`)); return out; }],
  ['some', (s) => s.some((x) => String(x).length > 1), (it) => T.some(it, (x) => String(x).length > 1)],
  ['every', (s) => s.every((x) => typeof x !== 'string'), (it) => T.every(it, (x) => typeof x !== 'string')],
  ['find', (s) => s.find(big), (it) => T.find(it, big)],
  ['reduce', (s) => s.reduce((a, x) => `${a}|${x}`), (it) => T.reduce(it, (a, x) => `${a}|${x}`)],
  ['includes-9', (s) => s.includes(9), (it) => T.includes(it, 9)],
  ['join', (s) => s.join('-'), (it) => T.join(it, '-')],
  // numbers-only sinks: TC39 reduce with a TypeError at the first value that is not a number
  ['sum', (s) => s.sum(), (it) => T.reduce(it, (a, x) => { if (typeof x !== 'number') throw new TypeError('not a number'); return a + x; }, 0)],
  ['max', (s) => s.max(), (it) => {   // undefined when empty
    let seen = false;
    const r = T.reduce(it, (a, x) => { if (typeof x !== 'number') throw new TypeError('not a number'); seen = true; return Math.max(a, x); }, -Infinity);
    return seen ? r : undefined;
  }],
];

function run(make, consume) {
  const log = [];
  let result, error;
  try {
    result = consume(make(log));
  } catch (e) {
    error = e;
  }
  return { log, result, error };
}

for (const [pname, ours, theirs] of pipelines) {
  for (const [cname, useOurs, useTheirs] of consumers) {
    test(`laziness: ${pname} consumed by ${cname}`, () => {
      const a = run(ours, useOurs);
      const b = run(theirs, useTheirs);
      assert.deepEqual(a.log, b.log, 'the same calls in the same order');
      if (b.error) {
        assert.ok(a.error, `expected ${b.error}`);
        assert.equal(a.error.constructor, b.error.constructor);
        if (!(b.error instanceof TypeError)) assert.equal(a.error.message, b.error.message);
      } else {
        assert.equal(a.error, undefined);
        assert.deepEqual(a.result, b.result);
      }
    });
  }
}

test('laziness: a sink that runs no user code may read a JS-callback stage in batches', () => {
  // Not observable: toArray calls f in the same order whatever the batch size.
  const calls = [];
  assert.deepEqual(L.range(0, 600).map((x) => { calls.push(x); return x + 1; }).take(3).toArray(), [1, 2, 3]);
  assert.deepEqual(calls, [0, 1, 2]);
});

test('laziness: nothing runs before the first next()', () => {
  const log = [];
  const it = L.from(logged(log, 's', data)).map(spy(log, 'f', sq))[Symbol.iterator]();
  assert.deepEqual(log, []);
  it.next();
  assert.deepEqual(log, ['s.next', 'f(1,0)']);
});

test('laziness: a throwing JS stage run by the iterator itself closes the pipeline; the iterator is then done, its memory freed', () => {
  const before = { bytes: E.lw_mem_used(), handles: liveHandles() };
  const boom = new Error('boom');
  const it = L.range(0, 1000).map((x) => ({ x })).filter((o) => { if (o.x === 300) throw boom; return true; })[Symbol.iterator]();
  let n = 0;
  assert.throws(() => { for (;;) { if (it.next().done) break; n++; } }, (e) => e === boom);
  assert.equal(n, 300);
  assert.deepEqual(it.next(), { value: undefined, done: true });
  assert.deepEqual({ bytes: E.lw_mem_used(), handles: liveHandles() }, before);
});

test('laziness: a callback reading another branch of the tee it feeds is a TypeError, as re-entering a running iterator is', () => {
  // The tee's source is busy making the value the callback is called for: it
  // cannot be asked again (a running generator cannot), else values would be
  // run twice or lost. Python's tee refuses re-entry too.
  const sources = {
    iterator: () => {
      const src = { i: 0, next() { return { value: this.i++, done: false }; }, return() { return {}; }, [Symbol.iterator]() { return this; } };
      return L.from(src).take(6);
    },
    range: () => L.range(0, 6),
    objects: () => L.from([0, 1, 2, 3, 4, 5].map((i) => ({ i }))).map((o) => o.i),
  };
  const round = () => {
    for (const [name, make] of Object.entries(sources)) {
      for (const consume of [(s) => s.some(() => false), (s) => [...s], (s) => s.toArray()]) {
        const calls = [];
        let other;
        const [a, b] = make().map((x) => {
          calls.push(x);
          if (x === 1) { other.next(); other.next(); }   // value 1 itself is still being made
          return x;
        }).tee(2);
        other = b[Symbol.iterator]();
        assert.throws(() => consume(a), { name: 'TypeError', message: /tee: the source is already running/ }, name);
        assert.deepEqual(calls, [0, 1], `${name}: each value made once, none after the error`);
        assert.equal(other.next().done, true, `${name}: the branch that failed is done`);
      }
    }
  };
  round();   // the first round's one-time allocations (caches) are not leaks
  const before = { bytes: E.lw_mem_used(), handles: liveHandles() };
  round();
  assert.equal(E.lw_mem_used(), before.bytes, 'WASM memory back to where it was');
  assert.equal(liveHandles(), before.handles, 'no handle left');
});

test('laziness: after an error, an iterator that runs JS stages itself runs nothing more', () => {
  const calls = [];
  const it = L.range(0, 5).batched(2, { strict: true }).map((b) => { calls.push(b); return b; })[Symbol.iterator]();
  assert.deepEqual(it.next().value, [0, 1]);
  assert.deepEqual(it.next().value, [2, 3]);
  assert.throws(() => it.next(), RangeError);
  assert.deepEqual([it.next(), it.next()], [{ value: undefined, done: true }, { value: undefined, done: true }]);
  assert.deepEqual(calls, [[0, 1], [2, 3]]);
});

test('laziness: re-entering a running iterator is a TypeError', () => {
  let it;
  const seq = L.range(0, 3).map((x) => { if (x === 1) it.next(); return x; });
  it = seq[Symbol.iterator]();
  assert.equal(it.next().value, 0);
  assert.throws(() => it.next(), { name: 'TypeError', message: 'Iterator is already running' });
  assert.equal(it.next().done, true);
});
