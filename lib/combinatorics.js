// Python's combinatoric iterators as top-level functions (csrc/combinatorics.c):
// product, permutations, combinations, combinationsWithReplacement, powerset.
// Each reads its whole input when iteration starts (its first next()), then
// yields arrays. Each also has a static count(…) with the exact number of
// arrays as a BigInt, and the sequences' own count() uses that formula
// instead of making the arrays.

import { E } from './engine.js';
import { toSize } from './errors.js';
import { describe } from './host.js';
import { Seq, buildMulti } from './seq.js';
import { from } from './sources.js';
import { withNodeArray, splitOptions } from './itertools.js';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** A combinatoric sequence: its count() is computed from its pools' lengths. */
class CombinatoricSeq extends Seq {
  #inputs;
  #formula;
  #method;

  constructor(build, method, inputs, formula) {
    super(build, method, inputs);
    this.#inputs = inputs;
    this.#formula = formula;
    this.#method = method;
  }

  /**
   * How many arrays iterating would give, without making them: the pools are
   * read (each input iterated to its end, in order, as iteration would read
   * them), then the formula applied. A RangeError when the count is beyond
   * 2^53 - 1, where a number would not be exact: the static count(…) gives
   * it as a BigInt.
   */
  count() {
    const lengths = this.#inputs.map((s) => s.count());
    const n = this.#formula(lengths.map(BigInt));
    if (n > MAX_SAFE) {
      throw new RangeError(`${this.#method}: the count ${n} is beyond 2^53 - 1; use ${this.#method}.count(…) for it as a BigInt`);
    }
    return Number(n);
  }
}

/* A combinatoric Seq over `inputs`; make(nodes) returns the C node, or 0 when out of memory. */
function combinatoric(method, inputs, formula, make) {
  return new CombinatoricSeq(() => buildMulti(method, inputs, make), method, inputs, formula);
}

/* A whole number from 0 to 2^53 - 1, for the static counts. */
function toWhole(method, name, value) {
  if (typeof value !== 'number') throw new TypeError(`${method}: ${name} must be a number, got ${describe(value)}`);
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${method}: ${name} must be a whole number from 0 to 2^53 - 1, got ${describe(value)}`);
  }
  return BigInt(value);
}

/* n! / (n - r)!: arrangements of r out of n. */
function falling(n, r) {
  if (r > n) return 0n;
  let p = 1n;
  for (let i = 0n; i < r; i++) p *= n - i;
  return p;
}

/* n choose r, one exact division per step. */
function binomial(n, r) {
  if (r > n) return 0n;
  if (r > n - r) r = n - r;
  let p = 1n;
  for (let i = 1n; i <= r; i++) p = (p * (n - r + i)) / i;
  return p;
}

const productCount = (lengths, repeat) => lengths.reduce((p, n) => p * n, 1n) ** repeat;
const permutationsCount = (n, r) => falling(n, r ?? n);
const combinationsCount = (n, r) => binomial(n, r);
const withReplacementCount = (n, r) => (n === 0n ? (r === 0n ? 1n : 0n) : binomial(n + r - 1n, r));
const powersetCount = (n) => 2n ** n;

/**
 * product(...iterables, { repeat = 1 }): every array of one value from each
 * iterable (the iterables repeated `repeat` times), the last position
 * changing fastest, as Python's product.
 */
export function product(...args) {
  const [iterables, options] = splitOptions('product', args, ['repeat']);
  const repeat = options.repeat === undefined ? 1 : toSize('product', 'repeat', options.repeat, 0);
  const inputs = iterables.map((x) => from(x, 'product'));
  return combinatoric('product', inputs, (lengths) => productCount(lengths, BigInt(repeat)),
    (nodes) => withNodeArray(nodes, (ptr, n) => E.lw_product(ptr, n, repeat)));
}
product.count = (...args) => {
  const [lengths, options] = splitOptions('product.count', args, ['repeat']);
  const repeat = options.repeat === undefined ? 1n : toWhole('product.count', 'repeat', options.repeat);
  return productCount(lengths.map((n, i) => toWhole('product.count', `length ${i}`, n)), repeat);
};

/** permutations(iterable, r = its length): arrangements of r values, in Python's order. */
export function permutations(iterable, r) {
  const k = r === undefined ? -1 : toSize('permutations', 'r', r, 0);
  const input = from(iterable, 'permutations');
  return combinatoric('permutations', [input], ([n]) => permutationsCount(n, k < 0 ? n : BigInt(k)),
    ([node]) => E.lw_permutations(node, k));
}
permutations.count = (n, r) => {
  const nn = toWhole('permutations.count', 'n', n);
  return permutationsCount(nn, r === undefined ? nn : toWhole('permutations.count', 'r', r));
};

/** combinations(iterable, r): the r-value subsequences, in Python's order. */
export function combinations(iterable, r) {
  const k = toSize('combinations', 'r', r, 0);
  const input = from(iterable, 'combinations');
  return combinatoric('combinations', [input], ([n]) => combinationsCount(n, BigInt(k)),
    ([node]) => E.lw_combinations(node, k));
}
combinations.count = (n, r) => combinationsCount(toWhole('combinations.count', 'n', n), toWhole('combinations.count', 'r', r));

/** combinationsWithReplacement(iterable, r): r values, each one may repeat, in Python's order. */
export function combinationsWithReplacement(iterable, r) {
  const k = toSize('combinationsWithReplacement', 'r', r, 0);
  const input = from(iterable, 'combinationsWithReplacement');
  return combinatoric('combinationsWithReplacement', [input], ([n]) => withReplacementCount(n, BigInt(k)),
    ([node]) => E.lw_combinations_wr(node, k));
}
combinationsWithReplacement.count = (n, r) => withReplacementCount(
  toWhole('combinationsWithReplacement.count', 'n', n), toWhole('combinationsWithReplacement.count', 'r', r));

/** powerset(iterable): every subsequence, shortest first (the itertools recipe). */
export function powerset(iterable) {
  const input = from(iterable, 'powerset');
  return combinatoric('powerset', [input], ([n]) => powersetCount(n), ([node]) => E.lw_powerset(node));
}
powerset.count = (n) => powersetCount(toWhole('powerset.count', 'n', n));
