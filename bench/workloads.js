// The workloads of `npm run bench` and of the playground's Benchmark tab, after
// shared/research/perf-baseline.md: each has a size and, per implementation, a
// function computing its result. Every result is checked equal to the
// hand-written loop's before timing (bench/suite.js).
//
// The table is the same in Node and in the browser; only the libraries it runs
// differ in how they are loaded, so an entry binds them once with
// useLibraries(): bench/node.js (lib/node.js, require()) or bench/browser.js
// (lib/browser.js; bundled by esbuild into dist/bench-browser.js).

import { usePeerLibraries, peers, closurePeers, generatorPeers, forOfPeers } from './peers.js';

let L, Lazy, helpers, windows, chunks, zip;

/* The TC39 iterator helpers' label: native where the runtime has them, else the es-iterator-helpers polyfill. */
export let helpersLabel;

/**
 * Binds the libraries the workloads run: { L: lazywasm, Lazy: lazy.js,
 * polyfill: es-iterator-helpers' { map, filter, take, reduce, toArray, windows,
 * chunks, zip } } and the peers' (see usePeerLibraries).
 */
export function useLibraries(libs) {
  ({ L, Lazy } = libs);
  const P = libs.polyfill;
  const nativeHelpers = typeof Iterator === 'function' && typeof Iterator.prototype.map === 'function';
  helpers = nativeHelpers
    ? {
      map: (it, f) => it.map(f), filter: (it, f) => it.filter(f), take: (it, n) => it.take(n),
      reduce: (it, f, i) => it.reduce(f, i), toArray: (it) => it.toArray(),
    }
    : { map: P.map, filter: P.filter, take: P.take, reduce: P.reduce, toArray: P.toArray };
  helpersLabel = nativeHelpers ? 'iterator helpers (native)' : 'iterator helpers (es-iterator-helpers polyfill)';
  // Not in Node 20 nor yet in browsers by default: always the polyfill's, in both.
  ({ windows, chunks, zip } = P);
  usePeerLibraries(libs);
}

function* rangeGen(n) { for (let i = 0; i < n; i++) yield i; }
function* naturals() { for (let i = 0; ; i++) yield i; }
function* fibMod() { let a = 0, b = 1; for (;;) { yield a; [a, b] = [b, (a + b) % 1e9]; } }
function* lcg() { let s = 12345; for (;;) { s = (s * 1664525 + 1013904223) % 4294967296; yield s / 4294967296; } }
function* gmap(it, f) { for (const x of it) yield f(x); }
function* gfilter(it, f) { for (const x of it) if (f(x)) yield x; }
function* gtake(it, n) { if (n <= 0) return; for (const x of it) { yield x; if (--n === 0) return; } }
function* gwindows(it, k) { const w = []; for (const x of it) { w.push(x); if (w.length > k) w.shift(); if (w.length === k) yield w.slice(); } }
function* gchunks(it, k) { let c = []; for (const x of it) { c.push(x); if (c.length === k) { yield c; c = []; } } if (c.length) yield c; }
function* gzip(a, b) { const ib = b[Symbol.iterator](); for (const x of a) { const y = ib.next(); if (y.done) return; yield [x, y.value]; } }
const gsum = (it) => { let s = 0; for (const x of it) s += x; return s; };
const mean = (w) => w.reduce((a, b) => a + b, 0) / w.length;
const sumArray = (c) => { let s = 0; for (const x of c) s += x; return s; };

const k = 3;   // a value the closure workload reads

export const workloads = [
  {
    id: 'W1', title: 'range(0, n).map(x => x*x).filter(x => x % 3 === 0), summed', n: 1e7,
    impls: {
      'hand loop': (n) => { let s = 0; for (let x = 0; x < n; x++) { const y = x * x; if (y % 3 === 0) s += y; } return s; },
      'lazywasm (compiled)': (n) => L.range(0, n).map((x) => x * x).filter((x) => x % 3 === 0).sum(),
      'lazywasm (JS callbacks)': (n) => L.range(0, n).map((x) => x * x + 0 * k).filter((x) => x % 3 === 0 + 0 * k).sum(),
      generators: (n) => gsum(gfilter(gmap(rangeGen(n), (x) => x * x), (x) => x % 3 === 0)),
      helpers: (n) => helpers.reduce(helpers.filter(helpers.map(rangeGen(n), (x) => x * x), (x) => x % 3 === 0), (a, b) => a + b, 0),
      'lazy.js': (n) => Lazy.range(0, n).map((x) => x * x).filter((x) => x % 3 === 0).sum(),
    },
  },
  {
    id: 'W2', title: 'Fibonacci numbers mod 1e9 from a generator, take(n), summed mod 1e9', n: 1e6,
    impls: {
      'hand loop': (n) => { let a = 0, b = 1, s = 0; for (let i = 0; i < n; i++) { s = (s + a) % 1e9; [a, b] = [b, (a + b) % 1e9]; } return s; },
      'lazywasm (compiled)': (n) => L.from(fibMod).take(n).reduce((s, x) => (s + x) % 1e9, 0),
      // the same stream as lazywasm's own source: recurrence of two values, compiled, no generator
      'lazywasm (compiled source)': (n) => L.recurrence([0, 1], (a, b) => (a + b) % 1e9).take(n).reduce((s, x) => (s + x) % 1e9, 0),
      generators: (n) => { let s = 0; for (const x of gtake(fibMod(), n)) s = (s + x) % 1e9; return s; },
      helpers: (n) => helpers.reduce(helpers.take(fibMod(), n), (s, x) => (s + x) % 1e9, 0),
      'lazy.js': (n) => Lazy(fibMod).take(n).reduce((s, x) => (s + x) % 1e9, 0),
    },
  },
  {
    id: 'W3', title: 'a seeded LCG stream, windows of 8, the max of their means', n: 1e6,
    impls: {
      'hand loop': (n) => {
        let s = 12345, max = -Infinity; const w = [];
        for (let i = 0; i < n; i++) {
          s = (s * 1664525 + 1013904223) % 4294967296; w.push(s / 4294967296);
          if (w.length > 8) w.shift();
          if (w.length === 8) max = Math.max(max, mean(w));
        }
        return max;
      },
      'lazywasm (compiled source)': (n) => L.iterate(12345, (s) => (s * 1664525 + 1013904223) % 4294967296).drop(1)
        .map((s) => s / 4294967296).take(n).window(8).map(mean).max(),
      generators: (n) => { let max = -Infinity; for (const w of gwindows(gtake(lcg(), n), 8)) max = Math.max(max, mean(w)); return max; },
      helpers: (n) => helpers.reduce(helpers.map(windows(helpers.take(lcg(), n), 8), mean), (a, b) => Math.max(a, b), -Infinity),
      'lazy.js': (n) => Lazy(lcg).take(n).consecutive(8).map(mean).max(),
    },
  },
  {
    id: 'W4', title: 'for (const x of range(0, n).map(x => x + 1)) s += x', n: 1e7,
    impls: {
      'hand loop': (n) => { let s = 0; for (let x = 0; x < n; x++) s += x + 1; return s; },
      'lazywasm (compiled)': (n) => { let s = 0; for (const x of L.range(0, n).map((x) => x + 1)) s += x; return s; },
      generators: (n) => { let s = 0; for (const x of gmap(rangeGen(n), (x) => x + 1)) s += x; return s; },
      helpers: (n) => { let s = 0; for (const x of helpers.map(rangeGen(n), (x) => x + 1)) s += x; return s; },
    },
  },
  {
    id: 'W5', title: 'chunk(1000) over range(0, n), count the chunks whose sum is even', n: 1e7,
    impls: {
      'hand loop': (n) => { let c = 0; for (let i = 0; i < n; i += 1000) { let s = 0; for (let x = i; x < Math.min(n, i + 1000); x++) s += x; if (s % 2 === 0) c++; } return c; },
      lazywasm: (n) => L.range(0, n).chunk(1000).filter((c) => sumArray(c) % 2 === 0).count(),
      generators: (n) => { let c = 0; for (const ch of gchunks(rangeGen(n), 1000)) if (sumArray(ch) % 2 === 0) c++; return c; },
      helpers: (n) => helpers.reduce(chunks(rangeGen(n), 1000), (c, ch) => c + (sumArray(ch) % 2 === 0 ? 1 : 0), 0),
      'lazy.js': (n) => Lazy.range(0, n).chunk(1000).filter((c) => sumArray(c) % 2 === 0).size(),
    },
  },
  {
    id: 'W6', title: 'zip(range(0, n), range(0, n)), the sum of products', n: 1e7,
    impls: {
      'hand loop': (n) => { let s = 0; for (let x = 0; x < n; x++) s += x * x; return s; },
      'lazywasm (compiled)': (n) => L.range(0, n).zip(L.range(0, n)).map(([a, b]) => a * b).sum(),
      generators: (n) => { let s = 0; for (const [a, b] of gzip(rangeGen(n), rangeGen(n))) s += a * b; return s; },
      helpers: (n) => helpers.reduce(zip([rangeGen(n), rangeGen(n)]), (s, [a, b]) => s + a * b, 0),
      'lazy.js': (n) => Lazy.range(0, n).zip(Lazy.range(0, n).toArray()).map(([a, b]) => a * b).sum(),
    },
  },
  {
    id: 'W7', title: 'range(0, ∞).map(x => x*2).filter(x => x % 7 === 0).take(10).toArray(), per call', n: 1, perCall: true,
    impls: {
      'hand loop': () => { const out = []; for (let x = 0; out.length < 10; x++) { const y = x * 2; if (y % 7 === 0) out.push(y); } return out; },
      'lazywasm (compiled)': () => L.count().map((x) => x * 2).filter((x) => x % 7 === 0).take(10).toArray(),
      generators: () => [...gtake(gfilter(gmap(naturals(), (x) => x * 2), (x) => x % 7 === 0), 10)],
      helpers: () => helpers.toArray(helpers.take(helpers.filter(helpers.map(naturals(), (x) => x * 2), (x) => x % 7 === 0), 10)),
      'lazy.js': () => Lazy.generate((i) => i).map((x) => x * 2).filter((x) => x % 7 === 0).take(10).toArray(),
    },
  },
  {
    id: 'W8', title: 'objects through a pipeline: range → {id} → filter on a field → count', n: 1e6,
    impls: {
      'hand loop': (n) => { let c = 0; for (let i = 0; i < n; i++) { const o = { id: i }; if (o.id % 3 === 0) c++; } return c; },
      lazywasm: (n) => L.range(0, n).map((i) => ({ id: i })).filter((o) => o.id % 3 === 0).count(),
      generators: (n) => { let c = 0; for (const o of gfilter(gmap(rangeGen(n), (i) => ({ id: i })), (o) => o.id % 3 === 0)) c++; return c; },
      helpers: (n) => helpers.reduce(helpers.filter(helpers.map(rangeGen(n), (i) => ({ id: i })), (o) => o.id % 3 === 0), (c) => c + 1, 0),
      'lazy.js': (n) => Lazy.range(0, n).map((i) => ({ id: i })).filter((o) => o.id % 3 === 0).size(),
    },
  },
  {
    id: 'W9', title: 'a callback reading a closure variable (the JS path) vs fn`` (compiled)', n: 1e7,
    impls: {
      'hand loop': (n) => { let s = 0; for (let x = 0; x < n; x++) s += x * k; return s; },
      'lazywasm (closure: JS)': (n) => L.range(0, n).map((x) => x * k).sum(),
      'lazywasm (fn``: compiled)': (n) => L.range(0, n).map(L.fn`x => x * ${k}`).sum(),
      generators: (n) => gsum(gmap(rangeGen(n), (x) => x * k)),
      helpers: (n) => helpers.reduce(helpers.map(rangeGen(n), (x) => x * k), (a, b) => a + b, 0),
      'lazy.js': (n) => Lazy.range(0, n).map((x) => x * k).sum(),
    },
  },
  {
    id: 'W10', title: 'for…of over a JS generator through map and filter callbacks that read a closure', n: 1e6,
    impls: {
      'hand loop': (n) => { let s = 0; for (let x = 0; x < n; x++) { const y = x * k; if (y % 2 === 0) s += y; } return s; },
      lazywasm: (n) => { let s = 0; for (const y of L.from(rangeGen(n)).map((x) => x * k).filter((y) => y % 2 === 0)) s += y; return s; },
      generators: (n) => { let s = 0; for (const y of gfilter(gmap(rangeGen(n), (x) => x * k), (y) => y % 2 === 0)) s += y; return s; },
      helpers: (n) => { let s = 0; for (const y of helpers.filter(helpers.map(rangeGen(n), (x) => x * k), (y) => y % 2 === 0)) s += y; return s; },
      // Lazy.js reads no iterators (Lazy(generatorObject) is an object's properties): left out
    },
  },
];

// The other libraries, after lazywasm and the baselines above.
for (const w of workloads) {
  const more = w.id === 'W9' ? closurePeers(k) : w.id === 'W2' ? generatorPeers(fibMod) : w.id === 'W10' ? forOfPeers(k) : peers[w.id];
  Object.assign(w.impls, more ?? {});
}
