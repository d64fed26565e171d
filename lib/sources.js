// Sources: the free functions that start a sequence. The engine's own sources
// (range, count, repeat, fibonacci, random) are C nodes; from() adapts any JS
// iterable, iterator, array, typed array or generator function.

import { E } from './engine.js';
import { hold, release, readSlot, writeSlot } from './values.js';
import { ArrayAdapter, TypedArrayAdapter, iteratorAdapter, describe } from './host.js';
import { checkFunction, checkNumber, toLimit, statusError } from './errors.js';
import { Seq, setFrom, howCalled } from './seq.js';
import { compile, liveProgram } from './compile.js';
import { numberMode, bigintOption, bigRange, bigCount, bigFibonacci } from './numbers.js';

const LW_ENOMEM = -2;

/* A source Seq whose build() returns `make()`'s node, or throws when out of memory. */
function source(name, make, how = '', opensUserCode = false) {
  return new Seq(() => {
    const node = make();
    if (node === 0) throw statusError(name, LW_ENOMEM);
    return node;
  }, name, [], how, opensUserCode);
}

/* A host source node over `adapter`; the handle is released if the node can't be made. */
function hostNode(adapter, observable, numeric) {
  const h = hold(adapter);
  const node = E.lw_host(h, observable ? 1 : 0, numeric ? 1 : 0);
  if (node === 0) release(h);
  return node;
}

/**
 * range(end) or range(start, end, step): start, start + step, … up to but not
 * including end. The step defaults to 1, or -1 when end < start. end may be
 * ±Infinity. Values are start + step * i, never accumulated.
 */
export function range(start, end, step) {
  let n = arguments.length;
  if (n > 3 || typeof start !== 'number' || (n > 1 && typeof end !== 'number') || (n > 2 && typeof step !== 'number')) {
    // BigInt arguments or a trailing { bigint: true }: exact BigInts (lib/numbers.js).
    const mode = numberMode('range', arguments);
    if (mode.bigint) return bigRange(mode);
    [start, end, step] = mode.args;
    n = mode.args.length;
  }
  if (n === 1) { end = start; start = 0; }
  checkNumber('range', 'start', start, { finite: true });
  checkNumber('range', 'end', end);
  if (step === undefined) step = end < start ? -1 : 1;
  checkNumber('range', 'step', step, { finite: true });
  if (step === 0 && start !== end) throw new RangeError('range: step must not be 0');
  return source('range', () => (step === 0 ? E.lw_empty() : E.lw_range(start, end, step, 1)));
}

/** count(start = 0, step = 1): start, start + step, … for ever. */
export function count(start = 0, step = 1) {
  if (typeof start !== 'number' || typeof step !== 'number' || arguments.length > 2) {   // BigInts, options or errors
    const mode = numberMode('count', arguments);
    if (mode.bigint) return bigCount(mode);
    [start = 0, step = 1] = mode.args;
  }
  checkNumber('count', 'start', start, { finite: true });
  checkNumber('count', 'step', step, { finite: true });
  return source('count', () => E.lw_range(start, 0, step, 0));
}

/** `value` again and again: `times` times, or for ever. */
export function repeat(value, times = Infinity) {
  const n = toLimit('repeat', 'times', times);
  return source('repeat', () => {
    writeSlot(E.lw_args() >>> 3, value);
    const node = E.lw_repeat(n);
    if (node === 0) readSlot(E.lw_args() >>> 3, true);
    return node;
  });
}

/** seed, fn(seed, 0), fn(fn(seed, 0), 1), …: each value made only when it is wanted. */
export function iterate(seed, fn) {
  checkFunction('iterate', fn);
  return recurrenceSource('iterate', [seed], fn);
}

const MAX_SEEDS = 1024;   // csrc/lw.h LW_RECUR_MAX

/**
 * The seeds, then each value fn of as many values before it as there are
 * seeds, and its index: recurrence([0, 1], (a, b) => a + b) is Fibonacci.
 * Each value made only when it is wanted. Compiled for one or two seeds.
 */
export function recurrence(seeds, fn) {
  if (!Array.isArray(seeds)) throw new TypeError(`recurrence: seeds must be an array of the first values, not ${describe(seeds)}`);
  const k = seeds.length;
  if (k === 0 || k > MAX_SEEDS) throw new RangeError(`recurrence: seeds must hold 1 to ${MAX_SEEDS} values (got ${k})`);
  // copied by index (its own iterator is not asked): a Seq does not change with the caller's array
  const first = new Array(k);
  for (let i = 0; i < k; i++) first[i] = seeds[i];
  checkFunction('recurrence', fn);
  return recurrenceSource('recurrence', first, fn);
}

/* The node of iterate and recurrence (csrc/src.c): the seeds go in through lw_args when they fit. */
function recurrenceSource(name, first, fn) {
  const k = first.length;
  const compiled = k <= 2 ? compile(fn, false, k + 1)
    : { prog: 0, reason: 'only a recurrence over one or two values is compiled', evicted: false };
  return source(name, () => {
    const ptr = k <= 2 ? E.lw_args() : E.lw_alloc(k * 8);
    if (ptr === 0) return 0;
    const h = hold(fn), at = ptr >>> 3;
    for (let i = 0; i < k; i++) writeSlot(at + i, first[i]);
    E.lw_use_prog(liveProgram(compiled));
    const node = E.lw_recurrence(ptr, k, h);
    if (node === 0) {   // the seeds and fn are still ours
      release(h);
      for (let i = 0; i < k; i++) readSlot(at + i, true);
    }
    if (k > 2) E.lw_dealloc(ptr);
    return node;
  }, howCalled(compiled));
}

/** 0, 1, 1, 2, 3, 5, … as numbers (exact up to 2^53, then rounded as doubles); with { bigint: true } as exact BigInts. */
export function fibonacci(options) {
  if (bigintOption('fibonacci', options)) return bigFibonacci();
  return source('fibonacci', () => E.lw_fibonacci());
}

/**
 * Uniform doubles in [0, 1) from xoshiro256** seeded by SplitMix64: the same
 * stream for the same seed in every runtime. `seed`: a whole number from 0 to
 * 2^53 - 1 or a BigInt from 0 to 2^64 - 1; without one, a random seed.
 */
export function random({ seed } = {}) {
  let s;
  if (seed === undefined) {
    const words = new Uint32Array(2);
    if (globalThis.crypto && globalThis.crypto.getRandomValues) globalThis.crypto.getRandomValues(words);
    else { words[0] = Math.random() * 2 ** 32; words[1] = Math.random() * 2 ** 32; }
    s = (BigInt(words[0]) << 32n) | BigInt(words[1]);
  } else if (typeof seed === 'bigint') {
    if (seed < 0n || seed >= 2n ** 64n) throw new RangeError(`random: seed must be from 0 to 2^64 - 1, got ${seed}n`);
    s = seed;
  } else if (typeof seed === 'number') {
    if (!Number.isSafeInteger(seed) || seed < 0) {
      throw new RangeError(`random: seed must be a whole number from 0 to 2^53 - 1, got ${seed}`);
    }
    s = BigInt(seed);
  } else {
    throw new TypeError(`random: seed must be a number or a BigInt, got ${describe(seed)}`);
  }
  const hi = Number(s >> 32n), lo = Number(s & 0xffffffffn);
  return source('random', () => E.lw_random(hi, lo));
}

export function empty() {
  return source('empty', () => E.lw_empty());
}

export function of(...values) {
  return source('of', () => hostNode(new ArrayAdapter(values), false, allNumbers(values)));
}

const isNumericTypedArray = (x) => ArrayBuffer.isView(x) && !(x instanceof DataView)
  && !(x instanceof BigInt64Array) && !(x instanceof BigUint64Array);

/* The iterator of `iterable`, checked as TC39's GetIterator checks it. */
function getIterator(method, iterable) {
  const iterator = iterable[Symbol.iterator]();
  if (Object(iterator) !== iterator) throw new TypeError(`${method}: [Symbol.iterator]() did not return an object`);
  return iterator;
}

/*
 * An iterator node over what `iterable` gives. An iterable that returns itself
 * (a generator object, any iterator) can be read once: a second pipeline over
 * it would silently see nothing, so it is an error instead.
 */
function iterableSource(name, method, iterable, open = () => getIterator(method, iterable), readTwice = null) {
  let consumed = false;
  const seq = source(name, () => {
    const iterator = open();
    if (iterator === iterable) {
      if (consumed) {
        throw new TypeError(readTwice ?? `${method}: this sequence reads a one-shot iterator that was already iterated; `
          + 'pass an array, an iterable or a generator function to iterate more than once');
      }
      consumed = true;
    }
    return hostNode(iteratorAdapter(iterator), true, false);
  }, '', true);
  seq.readsJS = 'a JS iterator';
  return seq;
}

/**
 * A sequence over `source`: a Seq, an array or typed array (read in batches),
 * any iterable, an iterator object, or a function returning one of those
 * (called anew for each iteration, so a generator function is re-iterable).
 */
export function from(input, method = 'from', readTwice = null) {
  if (input instanceof Seq) return input;
  if (Array.isArray(input)) return arraySource(input);
  if (isNumericTypedArray(input)) {
    return source('from', () => hostNode(new TypedArrayAdapter(input), false, true));
  }
  if (typeof input === 'function') {
    return iterableSource('from', method, null, () => {
      const made = input();
      if (Object(made) !== made) throw new TypeError(`${method}: the function returned ${describe(made)}, not an iterable or iterator`);
      return typeof made[Symbol.iterator] === 'function' ? getIterator(method, made) : made;
    });
  }
  if (typeof input === 'string' || (Object(input) === input && typeof input[Symbol.iterator] === 'function')) {
    return iterableSource('from', method, input, undefined, readTwice);
  }
  if (Object(input) === input && typeof input.next === 'function') {
    return iterableSource('from', method, input, () => input);
  }
  throw new TypeError(`${method}: ${describe(input)} is not iterable`);
}

/* Arrays are read in batches unless their iterator was replaced. */
function arraySource(array) {
  if (array[Symbol.iterator] !== Array.prototype[Symbol.iterator]) return iterableSource('from', 'from', array);
  // An array of numbers only is a numeric source: compiled stages over it run no JS.
  return source('from', () => hostNode(new ArrayAdapter(array), false, allNumbers(array)));
}

function allNumbers(array) {
  for (let i = 0; i < array.length; i++) if (typeof array[i] !== 'number') return false;
  return true;
}

setFrom(from);
