// Lazy against eager, measured live: a module worker that does the same work
// two ways for growing N and posts, per N, the time each took and the memory
// each held at its peak.
//
// The work: the sum of the squares of the even numbers below N.
//   lazy:  range(N).filter(even).map(square).sum()                 — lazywasm
//   eager: Array.from({ length: N }, …).filter(even).map(square).reduce(add, 0)
//
// Memory held, from the live structures: for the lazy pipeline, the bytes the
// engine has allocated while it runs (E.lw_mem_used(): its nodes and batch
// buffer) plus any growth of WASM memory; for the eager chain, the arrays
// alive at its peak (a stage's input and output), at 8 bytes per element.
// Browsers don't report a worker's JS heap precisely enough to chart.

import { range } from '../lib/browser.js';
import { E } from '../lib/engine.js';

const even = (x) => x % 2 === 0;
const square = (x) => x * x;
const add = (a, b) => a + b;

const ELEMENT_BYTES = 8;

function lazy(n) {
  const wasmBefore = E.memory.buffer.byteLength;
  const pipeline = range(n).filter(even).map(square);
  // What a running pipeline holds, read while it is open: after its first value.
  const usedBefore = E.lw_mem_used();
  const it = pipeline[Symbol.iterator]();
  it.next();
  const held = E.lw_mem_used() - usedBefore;
  it.return();
  const t0 = performance.now();
  const sum = pipeline.sum();
  const ms = performance.now() - t0;
  return { sum, ms, bytes: held + (E.memory.buffer.byteLength - wasmBefore) };
}

function eager(n) {
  const t0 = performance.now();
  const all = Array.from({ length: n }, (_, i) => i);
  const evens = all.filter(even);
  const heldFiltering = all.length + evens.length;
  const squares = evens.map(square);
  const heldMapping = evens.length + squares.length;
  const sum = squares.reduce(add, 0);
  const ms = performance.now() - t0;
  return { sum, ms, bytes: ELEMENT_BYTES * Math.max(heldFiltering, heldMapping) };
}

/* The fastest of `times` runs, and the memory of that run (the same every run). */
function best(work, n, times) {
  let best = null;
  for (let i = 0; i < times; i++) {
    const r = work(n);
    if (best === null || r.ms < best.ms) best = r;
  }
  return best;
}

self.onmessage = ({ data }) => {
  if (data.type !== 'measure') return;
  // A first small run of each, so that neither pays for compiling code in its first point.
  lazy(1000);
  eager(1000);
  for (const n of data.sizes) {
    const l = best(lazy, n, data.repeats ?? 3);
    const e = best(eager, n, data.repeats ?? 3);
    if (l.sum !== e.sum) {
      postMessage({ type: 'error', message: `lazy and eager disagree at N = ${n}: ${l.sum} and ${e.sum}` });
      return;
    }
    postMessage({ type: 'point', n, sum: l.sum, lazy: { ms: l.ms, bytes: l.bytes }, eager: { ms: e.ms, bytes: e.bytes } });
  }
  postMessage({ type: 'measured' });
};

postMessage({ type: 'ready' });
