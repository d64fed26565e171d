// Exact integers and primes. range, count and fibonacci run in BigInt when
// given BigInt arguments or the option { bigint: true }: the C core computes
// with arbitrary-precision integers (csrc/bigint.c) and each value reaches JS
// as a BigInt. primes() is a segmented sieve in the core (csrc/primes.c).

import { E } from './engine.js';
import { hold, release } from './values.js';
import { describe } from './host.js';
import { statusError } from './errors.js';
import { Seq } from './seq.js';

const LW_ENOMEM = -2;

/* A source Seq over the node `make()` returns; out of memory is a RangeError. */
function engineSource(name, make) {
  return new Seq(() => {
    const node = make();
    if (node === 0) throw statusError(name, LW_ENOMEM);
    return node;
  }, name);
}

/* An options object: a plain object ({ … }), so that arrays, sequences and other objects stay argument errors. */
export function isOptions(x) {
  if (typeof x !== 'object' || x === null) return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

/** The `bigint` option of an options object: true, false, or undefined when not given. */
export function bigintOption(method, options) {
  if (options === undefined) return undefined;
  if (!isOptions(options)) throw new TypeError(`${method}: options must be an object, got ${describe(options)}`);
  const { bigint } = options;
  if (bigint !== undefined && typeof bigint !== 'boolean') {
    throw new TypeError(`${method}: the bigint option must be true or false, got ${describe(bigint)}`);
  }
  return bigint;
}

/**
 * How range or count was called: `args` without a trailing options object,
 * `bigint` whether it runs in BigInt (a BigInt argument, or { bigint: true }),
 * and `convert` whether numbers are welcome there ({ bigint: true } said so).
 */
export function numberMode(method, argsLike) {
  let numbers = true;   // the common call, count() or range(0, n): no options, no BigInts to look for
  for (let i = 0; i < argsLike.length && numbers; i++) numbers = typeof argsLike[i] === 'number';
  if (numbers) return { args: Array.prototype.slice.call(argsLike), bigint: false, convert: false };
  const args = Array.from(argsLike);
  const option = isOptions(args[args.length - 1]) ? bigintOption(method, args.pop()) : undefined;
  const anyBigInt = args.some((a) => typeof a === 'bigint');
  if (option === false && anyBigInt) {
    throw new TypeError(`${method}: BigInt arguments with { bigint: false }; pass numbers, or drop the option`);
  }
  return { args, bigint: option === true || anyBigInt, convert: option === true };
}

/*
 * An argument of a BigInt range or count as a BigInt. Numbers are taken only
 * with { bigint: true }, and only safe integers (anything else would not be
 * the number the caller wrote); mixing otherwise is a TypeError, as 1n + 1 is.
 */
function toBigInt(method, name, value, convert) {
  if (typeof value === 'bigint') return value;
  if (typeof value !== 'number') throw new TypeError(`${method}: ${name} must be a BigInt, got ${describe(value)}`);
  if (!convert) {
    throw new TypeError(`${method}: cannot mix BigInt and number arguments (${name} is ${describe(value)}); `
      + 'pass BigInts, or numbers with { bigint: true }');
  }
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`${method}: ${name} must be a safe integer to become a BigInt exactly, got ${describe(value)}`);
  }
  return BigInt(value);
}

/* A BigInt range node: from start by step, below (above) end; end null: unbounded. The handles are only lent. */
function bigRangeNode(start, end, step) {
  const hs = [hold(start), end === null ? 0 : hold(end), hold(step)];
  try {
    return E.lw_bigrange(hs[0], hs[1], hs[2]);
  } finally {
    for (const h of hs) if (h !== 0) release(h);
  }
}

/** range in BigInt: range(end) or range(start, end, step); end may be ±Infinity (TC39 Iterator.range). */
export function bigRange({ args, convert }) {
  let [start, end, step] = args;
  if (args.length === 1) { end = start; start = 0n; }
  start = toBigInt('range', 'start', start, convert);
  const infinite = end === Infinity || end === -Infinity;
  if (!infinite) end = toBigInt('range', 'end', end, convert);
  step = step === undefined ? (end < start ? -1n : 1n) : toBigInt('range', 'step', step, convert);
  if (step === 0n) {
    if (start !== end) throw new RangeError('range: step must not be 0n');
    return engineSource('range', () => E.lw_empty());
  }
  if (infinite && (end > 0) !== (step > 0n)) return engineSource('range', () => E.lw_empty());
  return engineSource('range', () => bigRangeNode(start, infinite ? null : end, step));
}

/** count in BigInt: start, start + step, … for ever. */
export function bigCount({ args, convert }) {
  const [start = 0n, step = 1n] = args;
  const a = toBigInt('count', 'start', start, convert), s = toBigInt('count', 'step', step, convert);
  return engineSource('count', () => bigRangeNode(a, null, s));
}

/** fibonacci({ bigint: true }): 0n, 1n, 1n, 2n, … exact for ever. */
export function bigFibonacci() {
  return engineSource('fibonacci', () => E.lw_bigfibonacci());
}

/**
 * primes({ from = 2 } = {}): 2, 3, 5, 7, … in order (from `from` on), for
 * ever — until 2^53, past which doubles can't tell every integer apart.
 * Bound it above with takeWhile, which runs in WASM: primes().takeWhile((p) => p < 100).
 */
export function primes(options) {
  if (options !== undefined && !isOptions(options)) {
    throw new TypeError(`primes: options must be an object, got ${describe(options)}`);
  }
  const from = options === undefined || options.from === undefined ? 2 : options.from;
  if (typeof from !== 'number') throw new TypeError(`primes: from must be a number, got ${describe(from)}`);
  if (Number.isNaN(from)) throw new RangeError('primes: from must be a number, got NaN');
  return engineSource('primes', () => E.lw_primes(from));
}
