// Seq: an immutable description of a pipeline. Each method returns a new Seq
// whose build() makes the C nodes of the whole chain; [Symbol.iterator]()
// builds a fresh pipeline, so a Seq over a re-iterable source can be iterated
// again. Arguments are checked at the call, before anything is built.

import { E, u32view } from './engine.js';
import { hold, release, readSlot, writeSlot } from './values.js';
import { checkFunction, toLimit, toSize, checkNumber, statusError } from './errors.js';
import { openPipe, SeqIterator } from './pipe.js';
import { compile, compileRows, liveProgram } from './compile.js';
import * as sinks from './sinks.js';
import * as itertools from './itertools.js';

const LW_ENOMEM = -2;
/* Pipelines are chains of nested C calls; this keeps them well inside the WASM stack. */
export const MAX_DEPTH = 1000;
/* Branches of one tee (each a Seq made at the call). */
export const MAX_TEE = 65536;

const NO_INPUTS = Object.freeze([]);

export class Seq {
  #build;

  #name;
  #inputs;
  #how;

  /** @internal Use the sources (range, from, …) to make sequences. */
  constructor(build, name, inputs = NO_INPUTS, how = '', opensUserCode) {
    this.#build = build;
    this.#name = name;
    this.#inputs = inputs;
    this.#how = how;
    // Spelled out for the common one-input stage: a pipeline built per call pays this per stage.
    let depth = 0, opens = false;
    for (let i = 0; i < inputs.length; i++) {
      if (inputs[i].depth > depth) depth = inputs[i].depth;
      opens ||= inputs[i].opensUserCode;
    }
    /** @internal Whether building the pipeline runs user code (a [Symbol.iterator]() or a generator function). */
    this.opensUserCode = opensUserCode ?? opens;
    /** @internal How many stages deep the pipeline is. */
    this.depth = depth + 1;
    /** @internal zip: how many values its arrays hold (a map right after it may destructure them in WASM); else 0. */
    this.zipWidth = 0;
    /**
     * @internal Where its values come from when they come from JS one at a
     * time ('a JS iterator', or 'a JS callback': a JS stage of a chain, after
     * which only chain stages came, or a take over the iterator): a map, filter, takeWhile or
     * dropWhile after it may run its JS function even when it compiles (see
     * callStage). Else null.
     */
    this.readsJS = null;
    if (this.depth > MAX_DEPTH) throw new RangeError(`${name}: a pipeline may have at most ${MAX_DEPTH} stages`);
  }

  /**
   * @internal The C node of a fresh pipeline (owned by the caller).
   * `perValue`: its consumer reads it one value at a time (see callStage).
   */
  build(perValue = false) { return this.#build(perValue); }

  [Symbol.iterator]() { return new SeqIterator(openPipe(this, '[Symbol.iterator]', true)); }

  // ---- transforms ----
  map(fn) { return callStage(this, 'map', fn, this.zipWidth > 0 ? rowsOf(this.zipWidth) : VALUE, E.lw_map); }
  filter(fn) { return callStage(this, 'filter', fn, PREDICATE, E.lw_filter); }
  takeWhile(fn) { return callStage(this, 'takeWhile', fn, PREDICATE, E.lw_takewhile); }
  dropWhile(fn) { return callStage(this, 'dropWhile', fn, PREDICATE, E.lw_dropwhile); }
  flatMap(fn) { return callStage(this, 'flatMap', fn, null, E.lw_flatmap); }

  scan(fn, ...init) {
    const hasInit = init.length > 0;
    return callStage(this, 'scan', fn, FOLD, (src, h) => {
      if (hasInit) writeSlot(E.lw_args() >>> 3, init[0]);
      const node = E.lw_scan(src, h, hasInit ? 1 : 0);
      if (node === 0 && hasInit) readSlot(E.lw_args() >>> 3, true);
      return node;
    });
  }

  take(limit) {
    const n = toLimit('take', 'limit', limit);
    const seq = stage(this, 'take', (src) => E.lw_take(src, n));
    // Over a JS iterator, take is folded into reading it (csrc/src.c); after JS stages it is a node of its own.
    if (this.readsJS === 'a JS iterator') seq.readsJS = this.readsJS;
    return seq;
  }

  drop(limit) {
    const n = toLimit('drop', 'limit', limit);
    return stage(this, 'drop', (src) => E.lw_drop(src, n));
  }

  /** Python's islice: the values at start, start + step, … before stop. */
  slice(start = 0, stop = Infinity, step = 1) {
    const a = toLimit('slice', 'start', start);
    const b = stop === undefined ? Infinity : toLimit('slice', 'stop', stop);
    const s = toSize('slice', 'step', step);
    return stage(this, 'slice', (src) => E.lw_slice(src, a, Math.max(a, b), s));
  }

  enumerate(start = 0) {
    const s = checkNumber('enumerate', 'start', start, { finite: true });
    const seq = stage(this, 'enumerate', (src) => E.lw_enumerate(src, s));
    seq.zipWidth = 2;   // a zip of count(start) and this (csrc/combine.c)
    return seq;
  }

  zip(...others) {
    const seq = multiStage(this, 'zip', others, E.lw_zip);
    seq.zipWidth = others.length + 1;
    return seq;
  }
  concat(...others) { return multiStage(this, 'concat', others, E.lw_concat); }
  interleave(...others) { return multiStage(this, 'interleave', others, E.lw_interleave); }

  chunk(size) {
    const n = toSize('chunk', 'size', size);
    return stage(this, 'chunk', (src) => E.lw_chunk(src, n));
  }

  window(size) {
    const n = toSize('window', 'size', size);
    return stage(this, 'window', (src) => E.lw_window(src, n));
  }

  pairwise() { return stage(this, 'pairwise', (src) => E.lw_window(src, 2)); }
  dedupe() { return stage(this, 'dedupe', (src) => E.lw_dedupe(src)); }

  unique() {
    return stage(this, 'unique', (src) => {
      const set = hold(new Set());
      const node = E.lw_unique(src, set);
      if (node === 0) release(set);
      return node;
    });
  }

  cycle() { return stage(this, 'cycle', (src) => E.lw_cycle(src)); }

  /** `n` one-shot sequences that each see every value of this one (Python's tee). */
  tee(n = 2) {
    toSize('tee', 'n', n, 0);
    // The branches are made at once: a few billion would exhaust the JS heap, a fatal error, not a catchable one.
    if (n > MAX_TEE) throw new RangeError(`tee: n must be at most ${MAX_TEE}, got ${n}`);
    return teeBranches(this, n);
  }

  // ---- itertools: selection and regrouping (lib/itertools.js) ----
  groupBy(keyFn) { return itertools.groupBy(this, keyFn); }
  partition(pred) { return itertools.partition(this, pred); }
  compress(selectors) { return itertools.compress(this, selectors); }
  starmap(fn) { return itertools.starmap(this, fn); }
  zipLongest(...others) { return itertools.zipLongest(this, others); }
  roundrobin(...others) { return itertools.roundrobin(this, others); }
  batched(n, options) { return itertools.batched(this, n, options); }
  flatten(depth) { return itertools.flatten(this, depth); }
  accumulate(fn, ...init) { return itertools.accumulate(this, fn, init); }

  // ---- sinks ----
  toArray() { return sinks.toArray(this); }
  toFloat64Array() { return sinks.toFloat64Array(this); }
  reduce(fn, ...init) { return sinks.reduce(this, fn, init); }
  forEach(fn) { return sinks.forEach(this, fn); }
  some(fn) { return sinks.some(this, fn); }
  every(fn) { return sinks.every(this, fn); }
  find(fn) { return sinks.find(this, fn); }
  includes(value) { return sinks.includes(this, value); }
  join(separator) { return sinks.join(this, separator); }
  sum() { return sinks.sum(this); }
  mean() { return sinks.mean(this); }
  min() { return sinks.min(this); }
  max() { return sinks.max(this); }
  count() { return sinks.count(this); }
  first() { return sinks.nth(this, 0, 'first'); }
  last() { return sinks.last(this); }
  nth(index) { return sinks.nth(this, toLimit('nth', 'index', index), 'nth'); }

  /**
   * How the pipeline runs, one line per stage from the source: whether each
   * callback was compiled to run in WASM or calls JS, and why not.
   */
  explain() {
    return this.#lines('').join('\n');
  }

  #lines(indent) {
    const inputs = this.#inputs;
    const self = `${indent}${this.#name}${this.#how ? `: ${this.#how}` : ''}`;
    if (inputs.length === 0) return [self];
    if (inputs.length === 1) return [...inputs[0].#lines(indent), self];
    return [self, ...inputs.flatMap((s) => s.#lines(`${indent}  `))];
  }
}

/** A Seq one stage below `parent`: `make(srcNode)` returns the new node, or 0 when out of memory. */
export function stage(parent, method, make, how) {
  return new Seq((perValue) => {
    const src = parent.build(perValue);
    const node = make(src, perValue);
    if (node === 0) {
      E.lw_node_free(src);
      throw statusError(method, LW_ENOMEM);
    }
    return node;
  }, method, [parent], how);
}

/* How a callback is compiled: what its result is used for, how many arguments it gets. */
const VALUE = { truth: false, nargs: 2 };
const PREDICATE = { truth: true, nargs: 2 };
const FOLD = { truth: false, nargs: 3 };
/* A map right after zip: its argument is an array of `rows` values, which it may destructure. */
const rowsOf = (rows) => ({ truth: false, nargs: 2, rows });

/* What explain() says of a callback stage. */
export function howCalled(compiled) {
  if (compiled.prog === 0) return `calls JS (not compiled: ${compiled.reason})`;
  return compiled.rows > 0 ? "compiled, runs in WASM on the rows' values (no arrays made)" : 'compiled, runs in WASM';
}

/*
 * A stage with a callback: compiled when its text allows (kind null: never),
 * the JS function kept for values the program does not take. A map, filter,
 * takeWhile or dropWhile over values that come from JS one at a time (a JS
 * iterator, JS stages) runs the JS function with them instead when its
 * consumer reads one value at a time (for…of, some, find, every): the same
 * results (a compiled callback is pure), where in WASM every value would
 * cross into WebAssembly and back, as JS stages joined in one chain with the
 * reading do not. Sinks that read batches keep it compiled.
 */
const perValueJS = (from) => ` (read one value at a time, as for…of reads, it calls JS: its values come from ${from})`;

function callStage(parent, method, fn, kind, ctor) {
  checkFunction(method, fn);
  const compiled = kind === null ? { prog: 0, reason: 'flatMap always calls JS' }
    : kind.rows ? compileRows(fn, kind.nargs, kind.rows) : compile(fn, kind.truth, kind.nargs);
  const joins = JOINS_CHAINS.has(method);
  const viaJS = parent.readsJS !== null && joins && method !== 'scan' && compiled.prog !== 0;
  const seq = stage(parent, method, (src, perValue) => {
    const h = hold(fn);
    E.lw_use_prog(viaJS && perValue ? 0 : liveProgram(compiled));
    const node = ctor(src, h);
    if (node === 0) release(h);
    return node;
  }, kind === null ? 'calls JS' : howCalled(compiled) + (viaJS ? perValueJS(parent.readsJS) : ''));
  if (joins && (viaJS || compiled.prog === 0)) seq.readsJS = parent.readsJS ?? 'a JS callback';
  return seq;
}

/* The stages whose JS callbacks run in one chain with the stages next to them (csrc/chain.c). */
const JOINS_CHAINS = new Set(['map', 'filter', 'scan', 'takeWhile', 'dropWhile']);

/* A source of a multi-input stage: a Seq as is, anything else through from(). */
let fromIterable = null;
export function setFrom(from) { fromIterable = from; }
/**
 * `x` as a Seq: itself, or through from() (what multi-input stages do with
 * their inputs). `readTwice`: the TypeError's message when a one-shot `x` is
 * read a second time, when from()'s advice does not fit.
 */
export function asSeq(x, method, readTwice = null) { return x instanceof Seq ? x : fromIterable(x, method, readTwice); }

/*
 * The node of a stage over several inputs: each input built (by `open`, by
 * default its build()), then make(nodes) makes the node; what was built is
 * freed if a build throws or make runs out of memory (returns 0).
 */
export function buildMulti(method, inputs, make, open = (s) => s.build()) {
  const nodes = [];
  try {
    inputs.forEach((s, i) => nodes.push(open(s, i)));
  } catch (e) {
    nodes.forEach((n) => E.lw_node_free(n));
    throw e;
  }
  const node = make(nodes);
  if (node === 0) {
    nodes.forEach((n) => E.lw_node_free(n));
    throw statusError(method, LW_ENOMEM);
  }
  return node;
}

function multiStage(self, method, others, ctor) {
  const inputs = [self, ...others.map((o) => (o instanceof Seq ? o : fromIterable(o, method)))];
  // concat opens an input only when it reaches it, as Iterator.concat does; the others open all at once.
  const open = (s, i) => (method === 'concat' && i > 0 && s.opensUserCode ? deferredNode(s) : s.build());
  return new Seq(() => buildMulti(method, inputs, (nodes) => {
    const ptr = E.lw_alloc(nodes.length * 4);
    const node = ptr === 0 ? 0 : (u32view().set(nodes, ptr >>> 2), ctor(ptr, nodes.length));
    if (ptr !== 0) E.lw_dealloc(ptr);
    return node;
  }, open), method, inputs);
}

function deferredNode(seq) {
  const h = hold(seq);
  const node = E.lw_deferred(h);
  if (node === 0) {
    release(h);
    throw statusError('concat', LW_ENOMEM);
  }
  return node;
}

// A tee group lives as long as one of its branches may still be built; a
// branch Seq collected unbuilt lets the group forget it.
const unbuiltBranches = new FinalizationRegistry(({ shared, i }) => shared.drop(i));

function teeBranches(parent, n) {
  const shared = {
    group: 0,
    built: new Array(n).fill(false),
    open() {
      if (this.group === 0) {
        const src = parent.build();
        this.group = E.lw_teegroup(src, n);
        if (this.group === 0) {
          E.lw_node_free(src);
          throw statusError('tee', LW_ENOMEM);
        }
        this.built.forEach((b, i) => { if (b === 'dropped') E.lw_teedrop(this.group, i); });
      }
      return this.group;
    },
    drop(i) {
      if (this.built[i] !== false) return;
      this.built[i] = 'dropped';
      if (this.group !== 0) E.lw_teedrop(this.group, i);
    },
  };
  const branches = [];
  for (let i = 0; i < n; i++) {
    const branch = new Seq(() => {
      if (shared.built[i] !== false) throw new TypeError('tee: each branch can be iterated only once');
      const group = shared.open();
      shared.built[i] = true;
      const node = E.lw_teebranch(group, i);
      if (node === 0) {
        shared.built[i] = false;
        shared.drop(i);
        throw statusError('tee', LW_ENOMEM);
      }
      return node;
    }, `tee[${i}]`, [parent]);
    unbuiltBranches.register(branch, { shared, i });
    branches.push(branch);
  }
  return branches;
}
