// The peer libraries of bench/workloads.js, each written the way its own
// documentation writes such a pipeline. A peer is left out of a workload
// where it lacks the operator (and says nothing rather than fake one).
// lodash's lazy chains work over arrays only, so its sources are arrays it
// builds first: its rows measure that, and are labelled so.
//
// The libraries are CommonJS packages (itertools is an ES module): the entry
// loads them its own way (bench/node.js, bench/browser.js) and binds them here.

let it, itertools, ix, ixo, iterate, wu, asSequence, seqRange, generateSequence, _;

/** Binds { iterTools, itertools, ix: 'ix/iterable', ixo: 'ix/iterable/operators', iterare, wu, sequency, lodash }. */
export function usePeerLibraries(libs) {
  ({ iterTools: it, itertools, ix, ixo, wu, lodash: _ } = libs);
  ({ iterate } = libs.iterare);
  ({ asSequence, range: seqRange, generateSequence } = libs.sequency);
}

function* rangeGen(n) { for (let i = 0; i < n; i++) yield i; }
function* naturals() { for (let i = 0; ; i++) yield i; }
const sumArray = (c) => { let s = 0; for (const x of c) s += x; return s; };
const add = (a, b) => a + b;

export const peers = {
  // range(0, n).map(x => x*x).filter(x => x % 3 === 0), summed
  W1: {
    'iter-tools': (n) => it.execPipe(it.range(n), it.map((x) => x * x), it.filter((x) => x % 3 === 0), it.reduce(0, add)),
    itertools: (n) => itertools.sum(itertools.ifilter(itertools.imap(itertools.range(n), (x) => x * x), (x) => x % 3 === 0)),
    IxJS: (n) => ix.sum(ix.range(0, n).pipe(ixo.map((x) => x * x), ixo.filter((x) => x % 3 === 0))),
    iterare: (n) => iterate(rangeGen(n)).map((x) => x * x).filter((x) => x % 3 === 0).reduce(add, 0),
    wu: (n) => wu(rangeGen(n)).map((x) => x * x).filter((x) => x % 3 === 0).reduce(add, 0),
    sequency: (n) => seqRange(0, n - 1).map((x) => x * x).filter((x) => x % 3 === 0).sum(),
    'lodash (array)': (n) => _(_.range(n)).map((x) => x * x).filter((x) => x % 3 === 0).sum(),
  },
  // for (const x of range(0, n).map(x => x + 1)) s += x
  W4: {
    'iter-tools': (n) => { let s = 0; for (const x of it.map((x) => x + 1, it.range(n))) s += x; return s; },
    itertools: (n) => { let s = 0; for (const x of itertools.imap(itertools.range(n), (x) => x + 1)) s += x; return s; },
    IxJS: (n) => { let s = 0; for (const x of ix.range(0, n).pipe(ixo.map((x) => x + 1))) s += x; return s; },
    iterare: (n) => { let s = 0; for (const x of iterate(rangeGen(n)).map((x) => x + 1)) s += x; return s; },
    wu: (n) => { let s = 0; for (const x of wu(rangeGen(n)).map((x) => x + 1)) s += x; return s; },
    sequency: (n) => { let s = 0; for (const x of seqRange(0, n - 1).map((x) => x + 1).asIterable()) s += x; return s; },
  },
  // chunk(1000) over range(0, n), count the chunks whose sum is even
  W5: {
    itertools: (n) => { let c = 0; for (const ch of itertools.chunked(itertools.range(n), 1000)) if (sumArray(ch) % 2 === 0) c++; return c; },
    IxJS: (n) => ix.count(ix.range(0, n).pipe(ixo.buffer(1000), ixo.filter((ch) => sumArray(ch) % 2 === 0))),
    wu: (n) => wu(rangeGen(n)).chunk(1000).filter((ch) => sumArray(ch) % 2 === 0).reduce((c) => c + 1, 0),
    sequency: (n) => seqRange(0, n - 1).chunk(1000).filter((ch) => sumArray(ch) % 2 === 0).length,   // its chunk() is terminal: an array
    'lodash (array)': (n) => _(_.chunk(_.range(n), 1000)).filter((ch) => sumArray(ch) % 2 === 0).size(),
  },
  // zip(range(0, n), range(0, n)), the sum of products
  W6: {
    'iter-tools': (n) => it.execPipe(it.zip(it.range(n), it.range(n)), it.map(([a, b]) => a * b), it.reduce(0, add)),
    itertools: (n) => itertools.sum(itertools.imap(itertools.izip(itertools.range(n), itertools.range(n)), ([a, b]) => a * b)),
    IxJS: (n) => ix.sum(ix.zip(ix.range(0, n), ix.range(0, n)).pipe(ixo.map(([a, b]) => a * b))),
    wu: (n) => wu.zip(rangeGen(n), rangeGen(n)).map(([a, b]) => a * b).reduce(add, 0),
    sequency: (n) => seqRange(0, n - 1).zip(seqRange(0, n - 1)).map(([a, b]) => a * b).sum(),
    'lodash (array)': (n) => _(_.zip(_.range(n), _.range(n))).map(([a, b]) => a * b).sum(),
  },
  // range(0, ∞).map(x => x*2).filter(x => x % 7 === 0).take(10).toArray(), per call
  W7: {
    'iter-tools': () => it.execPipe(it.range(), it.map((x) => x * 2), it.filter((x) => x % 7 === 0), it.take(10), it.toArray),
    itertools: () => [...itertools.itake(10, itertools.ifilter(itertools.imap(itertools.count(), (x) => x * 2), (x) => x % 7 === 0))],
    IxJS: () => ix.toArray(ix.range(0, Infinity).pipe(ixo.map((x) => x * 2), ixo.filter((x) => x % 7 === 0), ixo.take(10))),
    iterare: () => iterate(naturals()).map((x) => x * 2).filter((x) => x % 7 === 0).take(10).toArray(),
    wu: () => wu.count().map((x) => x * 2).filter((x) => x % 7 === 0).take(10).toArray(),
    sequency: () => generateSequence(0, (x) => x + 1).map((x) => x * 2).filter((x) => x % 7 === 0).take(10).toArray(),
  },
  // objects through a pipeline: range → {id} → filter on a field → count
  W8: {
    'iter-tools': (n) => it.execPipe(it.range(n), it.map((i) => ({ id: i })), it.filter((o) => o.id % 3 === 0), it.reduce(0, (c) => c + 1)),
    itertools: (n) => { let c = 0; for (const _o of itertools.ifilter(itertools.imap(itertools.range(n), (i) => ({ id: i })), (o) => o.id % 3 === 0)) c++; return c; },
    IxJS: (n) => ix.count(ix.range(0, n).pipe(ixo.map((i) => ({ id: i })), ixo.filter((o) => o.id % 3 === 0))),
    iterare: (n) => iterate(rangeGen(n)).map((i) => ({ id: i })).filter((o) => o.id % 3 === 0).reduce((c) => c + 1, 0),
    wu: (n) => wu(rangeGen(n)).map((i) => ({ id: i })).filter((o) => o.id % 3 === 0).reduce((c) => c + 1, 0),
    sequency: (n) => seqRange(0, n - 1).map((i) => ({ id: i })).filter((o) => o.id % 3 === 0).count(),
    'lodash (array)': (n) => _(_.range(n)).map((i) => ({ id: i })).filter((o) => o.id % 3 === 0).size(),
  },
};

/* W9 reads a closure variable: the same pipelines as W1's map with x * k, summed. */
export function closurePeers(k) {
  return {
    'iter-tools': (n) => it.execPipe(it.range(n), it.map((x) => x * k), it.reduce(0, add)),
    itertools: (n) => itertools.sum(itertools.imap(itertools.range(n), (x) => x * k)),
    IxJS: (n) => ix.sum(ix.range(0, n).pipe(ixo.map((x) => x * k))),
    iterare: (n) => iterate(rangeGen(n)).map((x) => x * k).reduce(add, 0),
    wu: (n) => wu(rangeGen(n)).map((x) => x * k).reduce(add, 0),
    sequency: (n) => seqRange(0, n - 1).map((x) => x * k).sum(),
    'lodash (array)': (n) => _(_.range(n)).map((x) => x * k).sum(),
  };
}

/* W10: for…of over a JS generator through map(x => x * k) and filter(y => y % 2 === 0), summed. */
export function forOfPeers(k) {
  const sum = (iterable) => { let s = 0; for (const y of iterable) s += y; return s; };
  const f = (x) => x * k, even = (y) => y % 2 === 0;
  return {
    'iter-tools': (n) => sum(it.filter(even, it.map(f, rangeGen(n)))),
    itertools: (n) => sum(itertools.ifilter(itertools.imap(rangeGen(n), f), even)),
    IxJS: (n) => sum(ix.from(rangeGen(n)).pipe(ixo.map(f), ixo.filter(even))),
    iterare: (n) => sum(iterate(rangeGen(n)).map(f).filter(even)),
    wu: (n) => sum(wu(rangeGen(n)).map(f).filter(even)),
    sequency: (n) => sum(asSequence(rangeGen(n)).map(f).filter(even).asIterable()),
  };
}

/* W2 reads the Fibonacci numbers of a JS generator (fibMod), take(n), summed mod 1e9. */
export function generatorPeers(fibMod) {
  const step = (s, x) => (s + x) % 1e9;
  return {
    'iter-tools': (n) => it.execPipe(fibMod(), it.take(n), it.reduce(0, step)),
    itertools: (n) => { let s = 0; for (const x of itertools.itake(n, fibMod())) s = step(s, x); return s; },
    IxJS: (n) => ix.reduce(ix.from(fibMod()).pipe(ixo.take(n)), { callback: step, seed: 0 }),
    iterare: (n) => iterate(fibMod()).take(n).reduce(step, 0),
    wu: (n) => wu(fibMod()).take(n).reduce(step, 0),
    sequency: (n) => asSequence(fibMod()).take(n).fold(0, step),
  };
}
