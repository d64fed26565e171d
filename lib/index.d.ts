// Type declarations for lazywasm: lazy sequences whose engine is C compiled to
// WebAssembly. Hand-written; docs/semantics.md gives the exact semantics.

/** Anything `from()` (and `zip`, `concat`, `interleave`) accepts as a source of `T` values. */
export type Source<T> =
  | Seq<T>
  | Iterable<T>
  | Iterator<T>
  | (() => Iterable<T> | Iterator<T>);

/** The typed arrays of numbers, which `from()` copies a batch at a time. */
export type NumericTypedArray =
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | Float32Array
  | Float64Array;

/** The iterator of a sequence: one run of its pipeline, closed by `return()` (`break` in `for…of`). */
export interface SeqIterator<T> extends IterableIterator<T> {
  /** The next value; the pipeline is freed when it ends. @throws whatever a callback or source throws. */
  next(): IteratorResult<T, undefined>;
  /** Closes the pipeline (and the user iterators it reads) and frees its memory. */
  return(): IteratorReturnResult<undefined>;
  [Symbol.iterator](): SeqIterator<T>;
}

/**
 * A lazy sequence: an immutable description of a pipeline. Transforms return a
 * new Seq and run nothing; sinks and iteration run it. Make one with a source
 * (`range`, `from`, …); iterating it again runs the pipeline again.
 */
export declare class Seq<T> implements Iterable<T> {
  /** Not for use: make sequences with the sources (`range`, `from`, `of`, …). */
  private constructor();

  /**
   * Runs the pipeline afresh.
   * @throws {TypeError} when the sequence reads a one-shot iterator (or is a `tee` branch) already iterated.
   */
  [Symbol.iterator](): SeqIterator<T>;

  // ---- transforms (lazy: they return a new Seq and call nothing yet) ----

  /** Each value mapped through `fn(value, index)`. @throws {TypeError} if `fn` is not a function. */
  map<U>(fn: (value: T, index: number) => U): Seq<U>;

  /** The values for which `predicate(value, index)` is truthy. @throws {TypeError} if `predicate` is not a function. */
  filter<S extends T>(predicate: (value: T, index: number) => value is S): Seq<S>;
  filter(predicate: (value: T, index: number) => unknown): Seq<T>;

  /** The values of the iterables or iterators `fn(value, index)` returns, one after another (strings are rejected, as in TC39). @throws {TypeError} if `fn` is not a function. */
  flatMap<U>(fn: (value: T, index: number) => (Iterable<U> | Iterator<U>) & object): Seq<U>;

  /** The first `limit` values (Infinity: all); reaching the limit closes the source. @throws {RangeError} if `limit` is NaN or negative. */
  take(limit: number): Seq<T>;

  /** All but the first `limit` values. @throws {RangeError} if `limit` is NaN or negative. */
  drop(limit: number): Seq<T>;

  /** The values while `predicate(value, index)` is truthy; the source is closed at the first falsy result. @throws {TypeError} if `predicate` is not a function. */
  takeWhile<S extends T>(predicate: (value: T, index: number) => value is S): Seq<S>;
  takeWhile(predicate: (value: T, index: number) => unknown): Seq<T>;

  /** Skips values while `predicate(value, index)` is truthy, then passes the rest without calling it again. @throws {TypeError} if `predicate` is not a function. */
  dropWhile(predicate: (value: T, index: number) => unknown): Seq<T>;

  /** The running fold; without `initial` the first value seeds it and is passed on unchanged. @throws {TypeError} if `fn` is not a function. */
  scan(fn: (accumulator: T, value: T, index: number) => T): Seq<T>;
  /** The running fold from `initial` (which is not itself emitted). @throws {TypeError} if `fn` is not a function. */
  scan<U>(fn: (accumulator: U, value: T, index: number) => U, initial: U): Seq<U>;

  /** Python's `islice`: the values at start, start + step, … before stop. @throws {RangeError} for a negative or NaN start/stop or a step that is not a whole number ≥ 1. */
  slice(start?: number, stop?: number, step?: number): Seq<T>;

  /** `[index, value]` pairs, counting from `start` (default 0). @throws {TypeError} if `start` is not a number, {RangeError} if it is NaN or infinite. */
  enumerate(start?: number): Seq<[number, T]>;

  /** Arrays of one value from each input, until the shortest ends (then the others are closed). @throws {TypeError} if an input is not iterable. */
  zip<U extends readonly unknown[]>(...others: { [K in keyof U]: Source<U[K]> }): Seq<[T, ...U]>;

  /** This sequence's values, then each other input's. @throws {TypeError} if an input is not iterable. */
  concat<U = T>(...others: Source<U>[]): Seq<T | U>;

  /** One value from each input in turn, until any input ends (then the others are closed). @throws {TypeError} if an input is not iterable. */
  interleave<U = T>(...others: Source<U>[]): Seq<T | U>;

  /** Arrays of `size` consecutive values; the last may be shorter. @throws {TypeError} if `size` is not a number, {RangeError} unless it is a whole number ≥ 1. */
  chunk(size: number): Seq<T[]>;

  /** Every run of `size` consecutive values (nothing if the sequence is shorter). @throws {TypeError} if `size` is not a number, {RangeError} unless it is a whole number ≥ 1. */
  window(size: number): Seq<T[]>;

  /** Each value with the next one: `window(2)` as pairs. */
  pairwise(): Seq<[T, T]>;

  /** Drops each value equal (SameValueZero) to the one before it. */
  dedupe(): Seq<T>;

  /** Each distinct value (SameValueZero) the first time it is seen; remembers every distinct value. */
  unique(): Seq<T>;

  /** The values, then again for ever; keeps one pass in memory. */
  cycle(): Seq<T>;

  /** Two one-shot sequences that each see every value. */
  tee(): [Seq<T>, Seq<T>];
  /** `n` one-shot sequences that each see every value. @throws {TypeError} if `n` is not a number, {RangeError} unless it is a whole number ≥ 0. */
  tee(n: number): Seq<T>[];

  // ---- itertools: selection and regrouping ----

  /**
   * Runs of consecutive values with the same key (SameValueZero): `[key, group]` pairs, each
   * group a one-shot sequence over the shared source, ended when the outer iterator moves on
   * (Python's groupby). `keyFn(value, index)` defaults to the value.
   * @throws {TypeError} if `keyFn` is given and is not a function.
   */
  groupBy(): Seq<[T, Seq<T>]>;
  groupBy<K>(keyFn: (value: T, index: number) => K): Seq<[K, Seq<T>]>;

  /** `[falses, trues]`: two one-shot sequences over one run (tee); `pred` runs once per value. @throws {TypeError} if `pred` is not a function. */
  partition(pred: (value: T, index: number) => unknown): [Seq<T>, Seq<T>];

  /** The values whose selector (at the same place in `selectors`) is truthy; stops when either ends. @throws {TypeError} if `selectors` is not iterable. */
  compress(selectors: Source<unknown>): Seq<T>;

  /** `fn(...value)` for each value. @throws {TypeError} if `fn` is not a function (or, when run, a value is not iterable). */
  starmap<U>(this: Seq<Iterable<any>>, fn: (...args: any[]) => U): Seq<U>;

  /** Arrays of one value from each input until all have ended; `fillValue` (default undefined) for ended ones. @throws {TypeError} if an input is not iterable. */
  zipLongest<U = T, F = undefined>(...others: [...Source<U>[], { fillValue?: F }] | Source<U>[]): Seq<(T | U | F)[]>;

  /** One value from each input in turn, dropping inputs as they end, until all have. @throws {TypeError} if an input is not iterable. */
  roundrobin<U = T>(...others: Source<U>[]): Seq<T | U>;

  /**
   * Arrays of `n` values, the last possibly shorter (Python 3.13's batched).
   * @throws {TypeError} if `n` is not a number, {RangeError} unless it is a whole number ≥ 1;
   * with `strict`, a {RangeError} when a shorter last batch is reached.
   */
  batched(n: number, options?: { strict?: boolean }): Seq<T[]>;

  /** The values of nested iterables (not strings), `depth` levels down (default 1, Infinity: all). @throws {TypeError} if `depth` is not a number, {RangeError} unless it is a whole number ≥ 0 or Infinity. */
  flatten(depth?: number): Seq<any>;

  /** Running sums (Python's accumulate, addition compiled to WASM). */
  accumulate(): Seq<T>;
  /** Running `fn(acc, value)` (exactly two arguments), from the first value. @throws {TypeError} if `fn` is not a function. */
  accumulate(fn: ((acc: T, value: T) => T) | undefined): Seq<T>;
  /** `initial`, then the running `fn(acc, value)` from it (addition when `fn` is undefined). @throws {TypeError} if `fn` is not a function. */
  accumulate<U>(fn: ((acc: U, value: T) => U) | undefined, initial: U): Seq<U>;

  // ---- sinks (they run the pipeline) ----

  /** All the values in an array. */
  toArray(): T[];

  /** All the values in a Float64Array. @throws {TypeError} naming the first value that is not a number. */
  toFloat64Array(this: Seq<number>): Float64Array;

  /** TC39 reduce: the first value starts the fold. @throws {TypeError} if `fn` is not a function or the sequence is empty. */
  reduce(fn: (accumulator: T, value: T, index: number) => T): T;
  /** TC39 reduce from `initial` (returned as is for an empty sequence). @throws {TypeError} if `fn` is not a function. */
  reduce(fn: (accumulator: T, value: T, index: number) => T, initial: T): T;
  /** TC39 reduce from `initial` (returned as is for an empty sequence). @throws {TypeError} if `fn` is not a function. */
  reduce<U>(fn: (accumulator: U, value: T, index: number) => U, initial: U): U;

  /** Calls `fn(value, index)` for each value. @throws {TypeError} if `fn` is not a function. */
  forEach(fn: (value: T, index: number) => unknown): void;

  /** Whether `predicate` is truthy for some value; stops and closes the pipeline at the first. @throws {TypeError} if `predicate` is not a function. */
  some(predicate: (value: T, index: number) => unknown): boolean;

  /** Whether `predicate` is truthy for every value; stops and closes the pipeline at the first falsy one. @throws {TypeError} if `predicate` is not a function. */
  every<S extends T>(predicate: (value: T, index: number) => value is S): this is Seq<S>;
  every(predicate: (value: T, index: number) => unknown): boolean;

  /** The first value for which `predicate` is truthy, or undefined; closes the pipeline when found. @throws {TypeError} if `predicate` is not a function. */
  find<S extends T>(predicate: (value: T, index: number) => value is S): S | undefined;
  find(predicate: (value: T, index: number) => unknown): T | undefined;

  /** Whether some value is SameValueZero to `value` (NaN finds NaN); closes the pipeline when found. */
  includes(value: T): boolean;

  /** The values as strings joined by `separator` (default ","), null and undefined as "" (Array.prototype.join's rules). */
  join(separator?: string): string;

  /** The sum from 0, left to right (0 when empty). @throws {TypeError} naming the first value that is not a number. */
  sum(this: Seq<number>): number;
  /** The exact BigInt sum of BigInts; 0 (the number) when empty. @throws {TypeError} for a number among them. */
  sum(this: Seq<bigint>): bigint | 0;

  /** `sum() / count()`, undefined when empty. @throws {TypeError} naming the first value that is not a number. */
  mean(this: Seq<number>): number | undefined;

  /** The least value by Math.min's rules (NaN wins, -0 < 0), undefined when empty. @throws {TypeError} naming the first value that is not a number. */
  min(this: Seq<number>): number | undefined;
  /** The least BigInt, undefined when empty. @throws {TypeError} for a number among them. */
  min(this: Seq<bigint>): bigint | undefined;

  /** The greatest value by Math.max's rules (NaN wins, -0 < 0), undefined when empty. @throws {TypeError} naming the first value that is not a number. */
  max(this: Seq<number>): number | undefined;
  /** The greatest BigInt, undefined when empty. @throws {TypeError} for a number among them. */
  max(this: Seq<bigint>): bigint | undefined;

  /** How many values there are. */
  count(): number;

  /** The first value, or undefined when empty; closes the pipeline after reading it. */
  first(): T | undefined;

  /** The last value, or undefined when empty. */
  last(): T | undefined;

  /** The value at position `index` (from 0), or undefined; closes the pipeline after reading it. @throws {RangeError} if `index` is NaN or negative. */
  nth(index: number): T | undefined;

  /** How the pipeline runs, one line per stage: whether each callback was compiled to run in WASM or calls JS, and why. */
  explain(): string;
}

// ---- sources ----

/** 0, 1, … up to but not including `end`. @throws {TypeError} if `end` is not a number; {RangeError} if it is NaN. */
export declare function range(end: number): Seq<number>;
/**
 * start, start + step, … up to but not including `end` (which may be ±Infinity); `step`
 * defaults to 1, or -1 when end < start.
 * @throws {TypeError} for a non-number argument.
 * @throws {RangeError} for NaN, an infinite start or step, or step 0 when start !== end.
 */
export declare function range(start: number, end: number, step?: number): Seq<number>;
/** As the number forms, with `{ bigint: false }` said outright. */
export declare function range(end: number, options: NumberOption): Seq<number>;
export declare function range(start: number, end: number, options: NumberOption): Seq<number>;
export declare function range(start: number, end: number, step: number, options: NumberOption): Seq<number>;
/**
 * Exact BigInts: 0n, 1n, … up to but not including `end`, or start, start + step, … (`end` may
 * also be ±Infinity; `step` defaults to 1n, or -1n when end < start).
 * @throws {TypeError} for a number among BigInt arguments (other than an infinite end).
 * @throws {RangeError} for step 0n when start !== end.
 */
export declare function range(end: bigint): Seq<bigint>;
export declare function range(start: bigint, end: bigint | number, step?: bigint): Seq<bigint>;
/** With `{ bigint: true }`: exact BigInts; numbers must be safe integers (the end may be ±Infinity). @throws {RangeError} for other numbers. */
export declare function range(end: number | bigint, options: BigIntOption): Seq<bigint>;
export declare function range(start: number | bigint, end: number | bigint, options: BigIntOption): Seq<bigint>;
export declare function range(start: number | bigint, end: number | bigint, step: number | bigint, options: BigIntOption): Seq<bigint>;

/** start, start + step, … for ever. @throws {TypeError} for a non-number, {RangeError} for NaN or an infinite value. */
export declare function count(start?: number, step?: number): Seq<number>;
export declare function count(options: NumberOption): Seq<number>;
export declare function count(start: number, options: NumberOption): Seq<number>;
export declare function count(start: number, step: number, options: NumberOption): Seq<number>;
/** Exact BigInts: start, start + step (default 1n), … for ever. @throws {TypeError} for a number among BigInt arguments. */
export declare function count(start: bigint, step?: bigint): Seq<bigint>;
/** With `{ bigint: true }`: exact BigInts from 0n, or from safe-integer numbers. @throws {RangeError} for other numbers. */
export declare function count(options: BigIntOption): Seq<bigint>;
export declare function count(start: number | bigint, options: BigIntOption): Seq<bigint>;
export declare function count(start: number | bigint, step: number | bigint, options: BigIntOption): Seq<bigint>;

/** `value` again and again: `times` times, or for ever. @throws {RangeError} if `times` is NaN or negative. */
export declare function repeat<T>(value: T, times?: number): Seq<T>;

/** seed, fn(seed, 0), fn(fn(seed, 0), 1), …, each made only when it is pulled. @throws {TypeError} if `fn` is not a function. */
export declare function iterate<T>(seed: T, fn: (value: T, index: number) => T): Seq<T>;

/**
 * The seeds, then each value `fn` of as many values before it as there are
 * seeds (oldest first) and its index from 0: `recurrence([0, 1], (a, b) => a + b)`
 * is Fibonacci. Each made only when it is pulled; compiled for one or two seeds.
 * @throws {TypeError} if `seeds` is not an array or `fn` not a function.
 * @throws {RangeError} unless `seeds` holds 1 to 1024 values.
 */
export declare function recurrence<T>(seeds: readonly [T], fn: (value: T, index: number) => T): Seq<T>;
export declare function recurrence<T>(seeds: readonly [T, T], fn: (a: T, b: T, index: number) => T): Seq<T>;
export declare function recurrence<T>(seeds: readonly [T, T, T], fn: (a: T, b: T, c: T, index: number) => T): Seq<T>;
/** Any number of seeds: `fn` takes the last `seeds.length` values, then the index. */
export declare function recurrence<T>(seeds: readonly T[], fn: (...lastThenIndex: Array<T | number>) => T): Seq<T>;

/** 0, 1, 1, 2, 3, 5, … for ever, as doubles (exact up to 2^53, then rounded, then Infinity). */
export declare function fibonacci(options?: NumberOption): Seq<number>;
/** 0n, 1n, 1n, 2n, 3n, 5n, … for ever, exact at any size (computed in C with arbitrary precision). */
export declare function fibonacci(options: BigIntOption): Seq<bigint>;

/** The option that makes range, count and fibonacci yield exact BigInts. */
export interface BigIntOption { bigint: true }
/** The option, said outright, that keeps range, count and fibonacci in numbers. */
export interface NumberOption { bigint?: false }

/**
 * 2, 3, 5, 7, 11, … in order, for ever (until 2^53, past which doubles can't hold every
 * integer), from a segmented sieve in WASM; from `from` on (inclusive) when given. Bound it
 * above with takeWhile: `primes().takeWhile((p) => p < 100)`.
 * @throws {TypeError} if `options` is not an object or `from` is not a number; {RangeError} if it is NaN.
 */
export declare function primes(options?: { from?: number }): Seq<number>;

/**
 * Uniform doubles in [0, 1) for ever, from xoshiro256** seeded by SplitMix64: the same seed
 * gives the same stream everywhere; without one, a random seed.
 * @throws {TypeError} if `seed` is not a number or a BigInt.
 * @throws {RangeError} unless `seed` is a whole number 0…2^53-1 or a BigInt 0…2^64-1.
 */
export declare function random(options?: { seed?: number | bigint }): Seq<number>;

/** The sequence itself. */
export declare function from<T>(seq: Seq<T>): Seq<T>;
/** The numbers of a typed array, copied in batches. */
export declare function from(array: NumericTypedArray): Seq<number>;
/** The code points of a string. */
export declare function from(text: string): Seq<string>;
/** The elements of an array, read in batches (do not mutate it while a pipeline reads it). */
export declare function from<T>(array: readonly T[]): Seq<T>;
/** The values of an iterable (a Set, a Map, a generator object, …); an iterator that is its own iterable can be read once. */
export declare function from<T>(iterable: Iterable<T>): Seq<T>;
/** The values of an iterator object (with `next()`); it can be read once. */
export declare function from<T>(iterator: Iterator<T>): Seq<T>;
/**
 * The values of the iterable or iterator `make()` returns; `make` is called for each
 * iteration, so `from(function* () {…})` can be iterated again.
 * @throws {TypeError} (when iterated) if `make()` returns something else.
 */
export declare function from<T>(make: () => Iterable<T> | Iterator<T>): Seq<T>;

/** The arguments, in order. */
export declare function of<T>(...values: T[]): Seq<T>;

/** A sequence with no values. */
export declare function empty<T = never>(): Seq<T>;

/**
 * A template tag making a callback with numbers or booleans from the caller's scope
 * written into its text, so that the engine can compile it: fn`x => x * ${k}`.
 * Returns an ordinary JS function.
 * @throws {TypeError} for an inserted value that is not a number or boolean, or when not used as a tag.
 * @throws {SyntaxError} if the text is not valid JavaScript.
 */
export declare function fn(strings: TemplateStringsArray, ...values: (number | boolean)[]): (...args: any[]) => any;
/** fn with the function's type given: fn<(x: number) => number>`x => x * ${k}`. */
export declare function fn<F extends (...args: any[]) => unknown>(strings: TemplateStringsArray, ...values: (number | boolean)[]): F;

// ---- async sequences (lib/async.js) ----

/** A WHATWG ReadableStream, described by what fromAsync uses (no DOM typings needed). */
export interface ReadableStreamLike<T> {
  getReader(): {
    read(): Promise<{ done: true; value?: undefined } | { done: false; value: T }>;
    cancel(reason?: unknown): Promise<void>;
    releaseLock(): void;
  };
}

/** Anything `fromAsync()` accepts as a source of `T` values (sync iterables' values are awaited). */
export type AsyncSource<T> =
  | AsyncSeq<T>
  | AsyncIterable<T>
  | AsyncIterator<T>
  | ReadableStreamLike<T>
  | Iterable<T | PromiseLike<T>>
  | (() => AsyncIterable<T> | AsyncIterator<T> | ReadableStreamLike<T> | Iterable<T | PromiseLike<T>>);

/** A chunk of a byte stream, as `lines()` and `numbers()` read it (strings as UTF-8). */
export type ByteChunk = ArrayBufferView | ArrayBuffer | string;

/** The iterator of an async sequence: one run of its pipeline; `return()` (`break` in `for await`) cancels the source. */
export interface AsyncSeqIterator<T> extends AsyncIterableIterator<T> {
  /** The next value; calls made at once are answered in order. Rejects with whatever a callback or the source threw. */
  next(): Promise<IteratorResult<T, undefined>>;
  /** Closes the pipeline, awaits the source's return() or cancel(), and frees its memory. */
  return(): Promise<IteratorReturnResult<undefined>>;
  [Symbol.asyncIterator](): AsyncSeqIterator<T>;
}

/**
 * A lazy async sequence: the Seq stages over a source read with await, one
 * read whenever the pipeline needs more. Callbacks are synchronous functions
 * (a returned promise is a value like any other). Sinks return promises.
 */
export declare class AsyncSeq<T> implements AsyncIterable<T> {
  /** Not for use: make async sequences with `fromAsync()`. */
  private constructor();

  /** Runs the pipeline afresh. @throws {TypeError} when the source is a stream or one-shot iterator already read. */
  [Symbol.asyncIterator](): AsyncSeqIterator<T>;

  /** The UTF-8 text of a byte stream, one string per line ("\n" or "\r\n" ends a line; a leading BOM is dropped). @throws {TypeError} unless called on fromAsync(stream) itself. */
  lines(this: AsyncSeq<ByteChunk>): AsyncSeq<string>;
  /** `Number(token)` for each token between ASCII whitespace of a byte stream (decimal tokens parsed in WASM). @throws {TypeError} unless called on fromAsync(stream) itself. */
  numbers(this: AsyncSeq<ByteChunk>): AsyncSeq<number>;

  map<U>(fn: (value: T, index: number) => U): AsyncSeq<U>;
  filter<S extends T>(predicate: (value: T, index: number) => value is S): AsyncSeq<S>;
  filter(predicate: (value: T, index: number) => unknown): AsyncSeq<T>;
  /** The values of the (sync) iterables `fn(value, index)` returns. */
  flatMap<U>(fn: (value: T, index: number) => (Iterable<U> | Iterator<U>) & object): AsyncSeq<U>;
  take(limit: number): AsyncSeq<T>;
  drop(limit: number): AsyncSeq<T>;
  takeWhile<S extends T>(predicate: (value: T, index: number) => value is S): AsyncSeq<S>;
  takeWhile(predicate: (value: T, index: number) => unknown): AsyncSeq<T>;
  dropWhile(predicate: (value: T, index: number) => unknown): AsyncSeq<T>;
  scan(fn: (accumulator: T, value: T, index: number) => T): AsyncSeq<T>;
  scan<U>(fn: (accumulator: U, value: T, index: number) => U, initial: U): AsyncSeq<U>;
  slice(start?: number, stop?: number, step?: number): AsyncSeq<T>;
  enumerate(start?: number): AsyncSeq<[number, T]>;
  chunk(size: number): AsyncSeq<T[]>;
  window(size: number): AsyncSeq<T[]>;
  pairwise(): AsyncSeq<[T, T]>;
  dedupe(): AsyncSeq<T>;
  unique(): AsyncSeq<T>;
  /** The values, then again for ever; keeps one pass in memory (the source is read once). */
  cycle(): AsyncSeq<T>;

  // ---- several inputs: each other input is an AsyncSeq or anything fromAsync() takes (its values awaited) ----

  /** Arrays of one value from each input, read input by input, until the shortest ends (then the others are closed, last first, each awaited). @throws {TypeError} if an input is not a source. */
  zip<U extends readonly unknown[]>(...others: { [K in keyof U]: AsyncSource<U[K]> }): AsyncSeq<[T, ...U]>;
  /** This sequence's values, then each other input's (an input is opened when it is reached). @throws {TypeError} if an input is not a source. */
  concat<U = T>(...others: AsyncSource<U>[]): AsyncSeq<T | U>;
  /** One value from each input in turn, until any input ends (then the others are closed). @throws {TypeError} if an input is not a source. */
  interleave<U = T>(...others: AsyncSource<U>[]): AsyncSeq<T | U>;
  /** Arrays of one value from each input until all have ended; `fillValue` (default undefined) for ended ones. @throws {TypeError} if an input is not a source. */
  zipLongest<U = T, F = undefined>(...others: [...AsyncSource<U>[], { fillValue?: F }] | AsyncSource<U>[]): AsyncSeq<(T | U | F)[]>;
  /** One value from each input in turn, dropping inputs as they end, until all have. @throws {TypeError} if an input is not a source. */
  roundrobin<U = T>(...others: AsyncSource<U>[]): AsyncSeq<T | U>;
  /** The values whose selector (read after the value, from `selectors`) is truthy; stops when either ends. @throws {TypeError} if `selectors` is not a source. */
  compress(selectors: AsyncSource<unknown>): AsyncSeq<T>;

  // ---- one input read by several: one read of the source each value ----

  /** Two one-shot async sequences that each see every value (they may run at once). */
  tee(): [AsyncSeq<T>, AsyncSeq<T>];
  /** `n` one-shot async sequences that each see every value. @throws {TypeError} if `n` is not a number, {RangeError} unless it is a whole number ≥ 0. */
  tee(n: number): AsyncSeq<T>[];
  /** `[falses, trues]`: two one-shot async sequences over one run (tee); `pred` runs once per value. @throws {TypeError} if `pred` is not a function. */
  partition(pred: (value: T, index: number) => unknown): [AsyncSeq<T>, AsyncSeq<T>];
  /** Runs of consecutive values with the same key (SameValueZero): `[key, group]` pairs, each group a one-shot async sequence over the shared source, ended when the outer iterator moves on. @throws {TypeError} if `keyFn` is given and is not a function. */
  groupBy(): AsyncSeq<[T, AsyncSeq<T>]>;
  groupBy<K>(keyFn: (value: T, index: number) => K): AsyncSeq<[K, AsyncSeq<T>]>;

  // ---- itertools over one input ----

  /** `fn(...value)` for each value. @throws {TypeError} if `fn` is not a function. */
  starmap<U>(this: AsyncSeq<Iterable<any>>, fn: (...args: any[]) => U): AsyncSeq<U>;
  /** Arrays of `n` values, the last possibly shorter; with `strict`, a shorter last batch rejects with a {RangeError}. @throws {TypeError}/{RangeError} for a bad `n`. */
  batched(n: number, options?: { strict?: boolean }): AsyncSeq<T[]>;
  /** The values of nested (sync) iterables (not strings), `depth` levels down (default 1). @throws {TypeError}/{RangeError} for a bad `depth`. */
  flatten(depth?: number): AsyncSeq<any>;
  /** Running sums (addition compiled to WASM). */
  accumulate(): AsyncSeq<T>;
  /** Running `fn(acc, value)` (exactly two arguments), from the first value. @throws {TypeError} if `fn` is not a function. */
  accumulate(fn: ((acc: T, value: T) => T) | undefined): AsyncSeq<T>;
  /** `initial`, then the running `fn(acc, value)` from it. @throws {TypeError} if `fn` is not a function. */
  accumulate<U>(fn: ((acc: U, value: T) => U) | undefined, initial: U): AsyncSeq<U>;

  toArray(): Promise<T[]>;
  /** The numbers in a Float64Array; rejects with a {TypeError} at the first value that is not a number (closing the source). */
  toFloat64Array(this: AsyncSeq<number>): Promise<Float64Array>;
  reduce(fn: (accumulator: T, value: T, index: number) => T): Promise<T>;
  reduce(fn: (accumulator: T, value: T, index: number) => T, initial: T): Promise<T>;
  reduce<U>(fn: (accumulator: U, value: T, index: number) => U, initial: U): Promise<U>;
  forEach(fn: (value: T, index: number) => unknown): Promise<void>;
  some(predicate: (value: T, index: number) => unknown): Promise<boolean>;
  every(predicate: (value: T, index: number) => unknown): Promise<boolean>;
  find<S extends T>(predicate: (value: T, index: number) => value is S): Promise<S | undefined>;
  find(predicate: (value: T, index: number) => unknown): Promise<T | undefined>;
  includes(value: T): Promise<boolean>;
  join(separator?: string): Promise<string>;
  sum(this: AsyncSeq<number>): Promise<number>;
  /** The exact BigInt sum (the number 0 when empty). @throws {TypeError} (rejects) when BigInts and numbers mix. */
  sum(this: AsyncSeq<bigint>): Promise<bigint | 0>;
  mean(this: AsyncSeq<number>): Promise<number | undefined>;
  min(this: AsyncSeq<number>): Promise<number | undefined>;
  min(this: AsyncSeq<bigint>): Promise<bigint | undefined>;
  max(this: AsyncSeq<number>): Promise<number | undefined>;
  max(this: AsyncSeq<bigint>): Promise<bigint | undefined>;
  count(): Promise<number>;
  first(): Promise<T | undefined>;
  last(): Promise<T | undefined>;
  nth(index: number): Promise<T | undefined>;
  explain(): string;
}

/**
 * An async sequence over an async iterable (an async generator, a Node
 * Readable), a WHATWG ReadableStream, an async iterator, an iterable whose
 * values are awaited, or a function returning one of those (called for each run).
 * @throws {TypeError} if `source` is none of those.
 */
export declare function fromAsync<T>(seq: AsyncSeq<T>): AsyncSeq<T>;
export declare function fromAsync<T>(iterable: AsyncIterable<T>): AsyncSeq<T>;
export declare function fromAsync<T>(stream: ReadableStreamLike<T>): AsyncSeq<T>;
export declare function fromAsync<T>(iterable: Iterable<T | PromiseLike<T>>): AsyncSeq<T>;
export declare function fromAsync<T>(iterator: AsyncIterator<T>): AsyncSeq<T>;
export declare function fromAsync<T>(make: () => AsyncIterable<T> | AsyncIterator<T> | ReadableStreamLike<T> | Iterable<T | PromiseLike<T>>): AsyncSeq<T>;

// ---- combinatorics (Python's order; each reads its whole input when iteration starts) ----

/**
 * Every array of one value from each iterable, the iterables repeated `repeat` times (default 1),
 * the last position changing fastest. Its `count()` is computed from the inputs' lengths.
 * @throws {TypeError} if an input is not iterable, {RangeError} unless `repeat` is a whole number ≥ 0.
 */
export declare function product<U extends readonly unknown[]>(...iterables: { [K in keyof U]: Source<U[K]> }): Seq<[...U]>;
export declare function product<T>(...args: [...iterables: Source<T>[], options: { repeat?: number }]): Seq<T[]>;
export declare namespace product {
  /** The exact number of arrays for inputs of these lengths. @throws {RangeError} unless each is a whole number 0…2^53-1. */
  function count(...lengths: number[]): bigint;
  function count(...args: [...lengths: number[], options: { repeat?: number }]): bigint;
}

/** Arrangements of `r` values (default: all), in Python's order. @throws {TypeError} if `r` is not a number, {RangeError} unless it is a whole number ≥ 0. */
export declare function permutations<T>(iterable: Source<T>, r?: number): Seq<T[]>;
export declare namespace permutations {
  /** n! / (n - r)! exactly (0 when r > n; r defaults to n). */
  function count(n: number, r?: number): bigint;
}

/** The `r`-value subsequences, in Python's order. @throws {TypeError} if `r` is not a number, {RangeError} unless it is a whole number ≥ 0. */
export declare function combinations<T>(iterable: Source<T>, r: number): Seq<T[]>;
export declare namespace combinations {
  /** n choose r exactly (0 when r > n). */
  function count(n: number, r: number): bigint;
}

/** `r` values in pool order, each one possibly repeated, in Python's order. @throws {TypeError} if `r` is not a number, {RangeError} unless it is a whole number ≥ 0. */
export declare function combinationsWithReplacement<T>(iterable: Source<T>, r: number): Seq<T[]>;
export declare namespace combinationsWithReplacement {
  /** (n + r - 1) choose r exactly (for n = 0: 1 when r = 0, else 0). */
  function count(n: number, r: number): bigint;
}

/** Every subsequence, shortest first. */
export declare function powerset<T>(iterable: Source<T>): Seq<T[]>;
export declare namespace powerset {
  /** 2^n exactly. */
  function count(n: number): bigint;
}
