// itertools' selection and regrouping operators, behind the Seq methods of the
// same names: compress, zipLongest, roundrobin and batched are C nodes
// (csrc/group.c); partition is tee and compress; starmap, flatten and
// accumulate are the core's map, flatMap and scan nodes with a callback made
// here; groupBy is JS (see groupBy).

import { E, u32view } from './engine.js';
import { hold, release, readSlot, writeSlot } from './values.js';
import { checkFunction, toSize } from './errors.js';
import { describe } from './host.js';
import { compile, liveProgram } from './compile.js';
import { isOptions } from './numbers.js';
import { Seq, stage, asSeq, howCalled, buildMulti } from './seq.js';

const argSlot = () => E.lw_args() >>> 3;

/* A Seq over `inputs`' nodes; make(nodes) returns the new node, or 0 when out of memory. */
function multi(method, inputs, make) {
  return new Seq(() => buildMulti(method, inputs, make), method, inputs);
}

/* The C node over an array of input nodes (the array lives in WASM memory for the call). */
export function withNodeArray(nodes, ctor) {
  const ptr = E.lw_alloc(nodes.length * 4 + 4);
  if (ptr === 0) return 0;
  u32view().set(nodes, ptr >>> 2);
  const node = ctor(ptr, nodes.length);
  E.lw_dealloc(ptr);
  return node;
}

/*
 * A plain object last argument is the options bag (an iterable or iterator
 * never is; any other object stays an input, so a non-iterable one is a
 * TypeError). A key it does not know is a TypeError, not silently ignored.
 */
export function splitOptions(method, args, known) {
  const last = args[args.length - 1];
  if (!isOptions(last) || Symbol.iterator in last || typeof last.next === 'function') return [args, {}];
  return [args.slice(0, -1), knownKeys(method, last, known)];
}

function checkOptions(method, options, known) {
  if (options === undefined) return {};
  if (!isOptions(options)) throw new TypeError(`${method}: options must be a plain object, got ${describe(options)}`);
  return knownKeys(method, options, known);
}

/* `options`, each of whose keys is one of `known` (a misspelt option is a TypeError, not ignored). */
function knownKeys(method, options, known) {
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) throw new TypeError(`${method}: unknown option '${key}' (its options: ${known.join(', ')})`);
  }
  return options;
}

/* compress's selectors are tested by the host's ToBoolean (it runs no user code). Async partition uses it too. */
export function compressNode(method, data, selectors, invert) {
  return multi(method, [data, selectors], ([d, s]) => {
    const truth = hold(Boolean);
    const node = E.lw_compress(d, s, truth, invert ? 1 : 0);
    if (node === 0) release(truth);
    return node;
  });
}

/** Python's compress: the values whose selector (at the same place in `selectors`) is truthy. */
export function compress(seq, selectors) {
  return compressNode('compress', seq, asSeq(selectors, 'compress'), false);
}

/**
 * more-itertools' partition, in its order: [falses, trues], two one-shot
 * sequences over one read of the source (tee), `pred` called once per value.
 */
export function partition(seq, pred) {
  checkFunction('partition', pred);
  const [falses, trues, tested] = seq.tee(3);
  const [p1, p2] = tested.map(pred).tee(2);
  return [compressNode('partition', falses, p1, true), compressNode('partition', trues, p2, false)];
}

/** Python's starmap: fn(...value) for each value (each value is spread as an iterable). */
export function starmap(seq, fn) {
  checkFunction('starmap', fn);
  const spread = (args) => fn(...args);
  return stage(seq, 'starmap', (src) => {
    const h = hold(spread);
    E.lw_use_prog(0);
    const node = E.lw_map(src, h);
    if (node === 0) release(h);
    return node;
  }, 'calls JS');
}

/** Python's zip_longest: arrays until every input has ended, `fillValue` for the ended ones. */
export function zipLongest(seq, args) {
  const [others, options] = splitOptions('zipLongest', args, ['fillValue']);
  const fill = options.fillValue;
  const inputs = [seq, ...others.map((o) => asSeq(o, 'zipLongest'))];
  return multi('zipLongest', inputs, (nodes) => withNodeArray(nodes, (ptr, n) => {
    writeSlot(argSlot(), fill);
    const node = E.lw_ziplongest(ptr, n);
    if (node === 0) readSlot(argSlot(), true);
    return node;
  }));
}

/** more-itertools' roundrobin: one value from each input in turn, dropping inputs as they end. */
export function roundrobin(seq, others) {
  const inputs = [seq, ...others.map((o) => asSeq(o, 'roundrobin'))];
  return multi('roundrobin', inputs, (nodes) => withNodeArray(nodes, (ptr, n) => E.lw_roundrobin(ptr, n)));
}

/**
 * Python 3.13's batched: arrays of n values, the last one shorter; with
 * `strict`, reaching a shorter last batch is a RangeError (Python's ValueError).
 */
export function batched(seq, n, opts) {
  const size = toSize('batched', 'n', n);
  const { strict = false } = checkOptions('batched', opts, ['strict']);
  const fail = (len) => {
    throw new RangeError(`batched: the last batch has ${len} value${len === 1 ? '' : 's'}, fewer than ${size} (strict)`);
  };
  return stage(seq, 'batched', (src) => {
    const h = strict ? hold(fail) : 0;
    const node = E.lw_batched(src, size, h);
    if (node === 0 && h !== 0) release(h);
    return node;
  });
}

/* Flattened: an iterable object other than a String object; strings stay whole. */
const flattenable = (v) => Object(v) === v && !(v instanceof String) && typeof v[Symbol.iterator] === 'function';

function* deeper(iterable, depth) {
  for (const v of iterable) {
    if (depth > 0 && flattenable(v)) yield* deeper(v, depth - 1);
    else yield v;
  }
}

/**
 * The values of nested iterables, `depth` levels down (default 1; Infinity:
 * all the way), as Array.prototype.flat does for arrays, but for any iterable
 * object. Strings (primitive or String objects) are values, never flattened.
 */
export function flatten(seq, depth = 1) {
  if (typeof depth !== 'number') throw new TypeError(`flatten: depth must be a number, got ${describe(depth)}`);
  if (!(Number.isInteger(depth) || depth === Infinity) || depth < 0) {
    throw new RangeError(`flatten: depth must be a whole number from 0, or Infinity, got ${describe(depth)}`);
  }
  if (depth === 0) return seq;
  // The first level is the core's flatMap; deeper levels are generators inside it.
  const inner = (v) => (flattenable(v) ? (depth > 1 ? deeper(v, depth - 1) : v) : [v]);
  return stage(seq, 'flatten', (src) => {
    const h = hold(inner);
    const node = E.lw_flatmap(src, h);
    if (node === 0) release(h);
    return node;
  }, 'calls JS');
}

const add = (a, b) => a + b;

/**
 * Python's accumulate: the running fn(acc, value) (fn is called with exactly
 * these two arguments; default: addition, compiled, so numbers never leave
 * WASM), starting from the first value, or from `init`, which comes first.
 */
export function accumulate(seq, fn, init) {
  if (fn !== undefined) checkFunction('accumulate', fn);
  const hasInit = init.length > 0;
  const call = fn === undefined ? add : (acc, v) => fn(acc, v);
  const compiled = compile(fn === undefined ? add : fn, false, 2);
  const scanned = stage(seq, 'accumulate', (src) => {
    const h = hold(call);
    if (hasInit) writeSlot(argSlot(), init[0]);
    E.lw_use_prog(liveProgram(compiled));
    const node = E.lw_scan(src, h, hasInit ? 1 : 0);
    if (node === 0) {
      release(h);
      if (hasInit) readSlot(argSlot(), true);
    }
    return node;
  }, howCalled(compiled));
  return hasInit ? asSeq([init[0]], 'accumulate').concat(scanned) : scanned;
}

/*
 * groupBy is JS: its groups are iterators that the user advances, each reading
 * the shared source, which no C node can hand out. It follows CPython's C
 * groupby (Modules/itertoolsmodule.c), which reads a value only when one is
 * asked for: a group's next() first checks that the outer iterator has not
 * moved on (then it is over), reads a value if the last one was taken, and
 * ends at the first value with another key, leaving that value for the next
 * group. The outer iterator skips what is left of the current group. Keys are
 * compared with SameValueZero.
 */
const NONE = Symbol('no key');
const sameKey = (a, b) => a === b || (a !== a && b !== b);

export function groupBy(seq, keyFn) {
  if (keyFn !== undefined) checkFunction('groupBy', keyFn);
  return asSeq(() => outer({
    source: seq[Symbol.iterator](), keyFn, ended: false, index: 0,
    value: undefined, has: false, key: NONE, target: NONE, id: null,
  }), 'groupBy');
}

/* Read the next value and its key into s: false at the end. A throwing key function closes the source. */
function step(s) {
  if (s.ended) return false;
  const r = s.source.next();
  if (r.done) { s.ended = true; return false; }
  s.value = r.value;
  s.has = true;
  if (s.keyFn === undefined) { s.key = s.value; s.index++; return true; }
  try {
    s.key = s.keyFn(s.value, s.index++);
  } catch (e) {
    s.ended = true;
    try {
      s.source.return?.();
    } catch { /* the key function's error is the one reported (TC39 IteratorClose) */ }
    throw e;
  }
  return true;
}

const GROUP_READ_TWICE = 'groupBy: a group can be read only once (its values come from the shared source); '
  + 'keep them with toArray() to use them again';

function* outer(s) {
  try {
    for (;;) {
      const id = {};
      s.id = id;
      while (s.key === NONE || (s.target !== NONE && sameKey(s.key, s.target))) if (!step(s)) return;
      s.target = s.key;
      yield [s.key, asSeq(group(s, s.target, id), 'groupBy', GROUP_READ_TWICE)];
    }
  } finally {
    if (!s.ended) { s.ended = true; s.source.return?.(); }
  }
}

function* group(s, target, id) {
  for (;;) {
    if (s.id !== id) return;
    if (!s.has && !step(s)) return;
    if (!sameKey(s.key, target)) return;
    s.has = false;
    yield s.value;
  }
}
