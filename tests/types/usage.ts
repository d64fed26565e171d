// Type tests for lib/index.d.ts, checked by tests/types.test.js with
// `tsc --noEmit --strict -p tests/types`. Each `// @ts-expect-error` line must
// be an error; everything else must type-check. Nothing here is run.
//
// 'lazywasm' resolves to lib/index.d.ts through the package's own "exports"
// (a package may import itself by name); the relative path reaches the same file.

import { Seq, range, count, repeat, iterate, recurrence, fibonacci, random, from, of, empty, fn, primes } from 'lazywasm';
import type { Source, SeqIterator } from '../../lib/index.js';
import { AsyncSeq, fromAsync } from 'lazywasm';
import type { AsyncSeqIterator, ReadableStreamLike } from '../../lib/index.js';
import * as viaPath from '../../lib/index.js';

/** Compile-time equality of two types: `check<Equal<A, B>>(true)`. */
type Equal<A, B> = (<V>() => V extends A ? 1 : 2) extends (<V>() => V extends B ? 1 : 2) ? true : false;
declare function check<T extends true>(ok: T): void;
declare function typeOf<T>(value: T): { is<U>(this: void, ok: Equal<T, U>): void };
const expect = <T>(value: T) => ({ is: <U>(ok: Equal<T, U>) => ok });

// ---- sources ----
check<Equal<typeof viaPath.range, typeof range>>(true);
expect(range(10)).is<Seq<number>>(true);
expect(range(0, 10, 2)).is<Seq<number>>(true);
expect(range(0, Infinity)).is<Seq<number>>(true);
expect(count()).is<Seq<number>>(true);
expect(count(1, 0.5)).is<Seq<number>>(true);
expect(repeat('x')).is<Seq<string>>(true);
expect(repeat({ a: 1 }, 3)).is<Seq<{ a: number }>>(true);
expect(iterate(1, (x, i) => x * 2 + i)).is<Seq<number>>(true);
expect(recurrence([0, 1], (a, b, i) => a + b + i)).is<Seq<number>>(true);
expect(recurrence(['a'], (s, i) => s + i)).is<Seq<string>>(true);
expect(recurrence([0n, 0n, 1n], (a, b, c) => a + b + c)).is<Seq<bigint>>(true);
expect(recurrence([1, 2, 3, 4], (...xs: number[]) => xs[0] + xs[3])).is<Seq<number>>(true);
const someSeeds: number[] = [0, 1];
expect(recurrence(someSeeds, (a, b) => a + b)).is<Seq<number>>(true);
// @ts-expect-error an array of seeds still types fn's result
recurrence(someSeeds, (a, b) => String(a + b));
expect(fibonacci()).is<Seq<number>>(true);
expect(random()).is<Seq<number>>(true);
expect(random({ seed: 42 })).is<Seq<number>>(true);
expect(random({ seed: 42n })).is<Seq<number>>(true);
expect(of(1, 2, 3)).is<Seq<number>>(true);
expect(of<string | number>('a', 1)).is<Seq<string | number>>(true);
// @ts-expect-error as with Array.of, the first argument fixes the type unless it is given
of('a', 1);
expect(empty()).is<Seq<never>>(true);
expect(empty<string>()).is<Seq<string>>(true);

// @ts-expect-error end must be a number
range(0, 'a');
// @ts-expect-error at least one argument
range();
// @ts-expect-error step must be a number
range(0, 10, '2');
// @ts-expect-error count's start is a number
count('0');
// @ts-expect-error iterate needs a function
iterate(1, 2);
// @ts-expect-error recurrence's seeds are an array
recurrence(1, (x: number) => x);
// @ts-expect-error recurrence's function returns the seeds' type
recurrence([0, 1], (a, b) => String(a + b));
// @ts-expect-error iterate's function returns the seed's type
iterate(1, (x) => String(x));
// @ts-expect-error the seed is a number or a BigInt
random({ seed: '1' });
// @ts-expect-error the option is named seed
random({ sed: 1 });

// from: every kind of source
expect(from([1, 2, 3])).is<Seq<number>>(true);
expect(from(['a', 'b'] as const)).is<Seq<'a' | 'b'>>(true);
expect(from(new Float64Array(3))).is<Seq<number>>(true);
expect(from(new Uint8Array(3))).is<Seq<number>>(true);
expect(from(new BigInt64Array(2))).is<Seq<bigint>>(true);
expect(from('héllo')).is<Seq<string>>(true);
expect(from(new Set([1n, 2n]))).is<Seq<bigint>>(true);
expect(from(new Map([['a', 1]]))).is<Seq<[string, number]>>(true);
expect(from(range(3))).is<Seq<number>>(true);
function* naturals() { for (let n = 1; ; n++) yield n; }
expect(from(naturals)).is<Seq<number>>(true);
expect(from(naturals())).is<Seq<number>>(true);
expect(from(() => [true, false])).is<Seq<boolean>>(true);
const iteratorOnly: Iterator<string> = { next: () => ({ value: undefined, done: true }) };
expect(from(iteratorOnly)).is<Seq<string>>(true);
expect(from(() => iteratorOnly)).is<Seq<string>>(true);

/** The README's custom iterator over a list. */
class ListIterator<T> implements IterableIterator<T> {
  #i = 0;
  constructor(private readonly items: readonly T[]) {}
  next(): IteratorResult<T> {
    return this.#i < this.items.length ? { value: this.items[this.#i++]!, done: false } : { value: undefined, done: true };
  }
  [Symbol.iterator]() { return this; }
}
expect(from(new ListIterator(['a', 'b']))).is<Seq<string>>(true);

// @ts-expect-error a number is not a source
from(42);
// @ts-expect-error nor is an object without next() or [Symbol.iterator]
from({ length: 2 });
// @ts-expect-error a function must return an iterable or an iterator
from(() => 5);

// ---- transforms ----
const nums = range(10);
const words = from(['apple', 'fig', 'kiwi']);

expect(nums.map((x) => String(x))).is<Seq<string>>(true);
expect(nums.map((x, i) => [x, i] as const)).is<Seq<readonly [number, number]>>(true);
expect(words.filter((w) => w.length > 3)).is<Seq<string>>(true);
const mixed = of<string | number>(1, 'a', 2);
expect(mixed.filter((v): v is number => typeof v === 'number')).is<Seq<number>>(true);
expect(mixed.takeWhile((v): v is number => typeof v === 'number')).is<Seq<number>>(true);
expect(mixed.dropWhile((v) => typeof v === 'number')).is<Seq<string | number>>(true);
expect(nums.flatMap((x) => [x, x])).is<Seq<number>>(true);
expect(nums.flatMap((x) => range(x))).is<Seq<number>>(true);
expect(words.flatMap((w) => from(w))).is<Seq<string>>(true);
expect(nums.flatMap(function* (x) { yield String(x); })).is<Seq<string>>(true);
expect(nums.take(3).drop(1).slice(0, 2, 1)).is<Seq<number>>(true);
expect(nums.slice()).is<Seq<number>>(true);
expect(nums.scan((a, b) => a + b)).is<Seq<number>>(true);
expect(nums.scan((acc, x, i) => acc + x + i, '')).is<Seq<string>>(true);
expect(words.enumerate()).is<Seq<[number, string]>>(true);
expect(words.enumerate(1)).is<Seq<[number, string]>>(true);
expect(nums.zip(words)).is<Seq<[number, string]>>(true);
expect(nums.zip(words, [true], 'xyz', new Set([1n]))).is<Seq<[number, string, boolean, string, bigint]>>(true);
expect(nums.zip(naturals)).is<Seq<[number, number]>>(true);
expect(nums.zip()).is<Seq<[number]>>(true);
expect(nums.concat([1, 2], range(3))).is<Seq<number>>(true);
expect(nums.concat(words)).is<Seq<number | string>>(true);
expect(nums.interleave(['a'], 'b')).is<Seq<number | string>>(true);
expect(nums.chunk(3)).is<Seq<number[]>>(true);
expect(nums.window(3)).is<Seq<number[]>>(true);
expect(nums.pairwise()).is<Seq<[number, number]>>(true);
expect(words.dedupe().unique().cycle()).is<Seq<string>>(true);
expect(nums.tee()).is<[Seq<number>, Seq<number>]>(true);
expect(nums.tee(3)).is<Seq<number>[]>(true);
const [left, right] = words.tee();
expect(left.zip(right)).is<Seq<[string, string]>>(true);

// @ts-expect-error map needs a function
nums.map(42);
// @ts-expect-error the callback gets numbers
nums.map((s: string) => s.length);
// @ts-expect-error filter needs a function
nums.filter('x');
// @ts-expect-error flatMap's callback must return an iterable object, not a string (TC39 rejects primitives)
words.flatMap((w) => w);
// @ts-expect-error nor a number
nums.flatMap((x) => x);
// @ts-expect-error take's limit is a number
nums.take('3');
// @ts-expect-error chunk needs a size
nums.chunk();
// @ts-expect-error zip's inputs must be iterable
nums.zip(5);
// @ts-expect-error the scan accumulator's type comes from its initial value
nums.scan((acc: string, x) => acc + x, 0);

// ---- sinks ----
expect(nums.toArray()).is<number[]>(true);
expect(nums.toFloat64Array()).is<Float64Array>(true);
expect(nums.reduce((a, b) => a + b)).is<number>(true);
expect(nums.reduce((a, b) => a + b, 0)).is<number>(true);
expect(nums.reduce((acc, x, i) => `${acc}${x}${i}`, '')).is<string>(true);
expect(nums.reduce((acc: number[], x) => [...acc, x], [])).is<number[]>(true);
expect(nums.forEach((x, i) => x + i)).is<void>(true);
expect(nums.some((x) => x > 3)).is<boolean>(true);
expect(nums.every((x) => x > 3)).is<boolean>(true);
expect(nums.find((x) => x > 3)).is<number | undefined>(true);
expect(mixed.find((v): v is string => typeof v === 'string')).is<string | undefined>(true);
expect(nums.includes(3)).is<boolean>(true);
expect(words.join()).is<string>(true);
expect(words.join(' ')).is<string>(true);
expect(nums.sum()).is<number>(true);
expect(nums.mean()).is<number | undefined>(true);
expect(nums.min()).is<number | undefined>(true);
expect(nums.max()).is<number | undefined>(true);
expect(from([1, 2] as const).sum()).is<number>(true);
expect(empty().sum()).is<number>(true);
expect(words.count()).is<number>(true);
expect(words.first()).is<string | undefined>(true);
expect(words.last()).is<string | undefined>(true);
expect(words.nth(2)).is<string | undefined>(true);
expect(words.map((w) => w.length).explain()).is<string>(true);
if (mixed.every((v): v is number => typeof v === 'number')) expect(mixed).is<Seq<number>>(true);

// @ts-expect-error sum() is for numbers only
words.sum();
// @ts-expect-error mean() too
words.mean();
// @ts-expect-error min() too
mixed.min();
// @ts-expect-error max() too (of BigInts it is allowed: see "exact integers" below)
words.max();
// @ts-expect-error toFloat64Array() too
words.toFloat64Array();
// @ts-expect-error includes() takes the element type
nums.includes('3');
// @ts-expect-error reduce needs a function
nums.reduce(null);
// @ts-expect-error first() may find nothing
const definitely: number = nums.first();
// @ts-expect-error find() may find nothing
const found: string = words.find((w) => w.startsWith('k'));

// ---- iteration ----
for (const w of words) expect(w).is<string>(true);
expect([...nums.pairwise()]).is<[number, number][]>(true);
const it = nums[Symbol.iterator]();
expect(it).is<SeqIterator<number>>(true);
expect(it.next()).is<IteratorResult<number, undefined>>(true);
expect(it.return()).is<IteratorReturnResult<undefined>>(true);
const iterable: Iterable<number> = nums;
const source: Source<number> = nums;
const [a, b] = nums;
expect(a).is<number>(true);

// ---- exact integers and primes ----
expect(range(10n)).is<Seq<bigint>>(true);
expect(range(0n, 10n, 2n)).is<Seq<bigint>>(true);
expect(range(0n, Infinity)).is<Seq<bigint>>(true);
expect(range(10, { bigint: true })).is<Seq<bigint>>(true);
expect(range(0, 10n, 2, { bigint: true })).is<Seq<bigint>>(true);
expect(range(10, { bigint: false })).is<Seq<number>>(true);
expect(count(5n)).is<Seq<bigint>>(true);
expect(count(5n, -1n)).is<Seq<bigint>>(true);
expect(count({ bigint: true })).is<Seq<bigint>>(true);
expect(count(1, 2, { bigint: true })).is<Seq<bigint>>(true);
expect(fibonacci({ bigint: true })).is<Seq<bigint>>(true);
expect(fibonacci({ bigint: false })).is<Seq<number>>(true);
expect(iterate(1n, (x) => x * 2n)).is<Seq<bigint>>(true);
expect(range(10n).sum()).is<bigint | 0>(true);
expect(range(10n).min()).is<bigint | undefined>(true);
expect(fibonacci({ bigint: true }).take(5).max()).is<bigint | undefined>(true);
expect(primes()).is<Seq<number>>(true);
expect(primes({ from: 1e9 }).takeWhile((p) => p < 2e9)).is<Seq<number>>(true);
// @ts-expect-error BigInt and number arguments mix only with { bigint: true }
range(0n, 10, 1);
// @ts-expect-error count too
count(0n, 1);
// @ts-expect-error the bigint option is a boolean
fibonacci({ bigint: 1 });
// @ts-expect-error primes' from is a number
primes({ from: 10n });
// @ts-expect-error mean is for numbers only
range(3n).mean();

// ---- fn ----
const k = 3;
expect(nums.map(fn`x => x * ${k}`)).is<Seq<any>>(true);
expect(nums.map(fn<(x: number) => number>`x => x * ${k}`)).is<Seq<number>>(true);
// @ts-expect-error only numbers and booleans can be inserted
fn`x => x + ${'a'}`;
// @ts-expect-error Seq has no public constructor
new Seq();

// ---- itertools: combinatorics, grouping and selection ----
import { product, permutations, combinations, combinationsWithReplacement, powerset } from 'lazywasm';
expect(combinations('ABCD', 2)).is<Seq<string[]>>(true);
expect(combinations(nums, 2).count()).is<number>(true);
expect(combinations.count(4, 2)).is<bigint>(true);
expect(permutations(nums)).is<Seq<number[]>>(true);
expect(permutations.count(5)).is<bigint>(true);
expect(combinationsWithReplacement(words, 3)).is<Seq<string[]>>(true);
expect(powerset([1, 2, 3])).is<Seq<number[]>>(true);
expect(powerset.count(3)).is<bigint>(true);
expect(product(nums, 'xy')).is<Seq<[number, string]>>(true);
expect(product(nums, { repeat: 2 })).is<Seq<number[]>>(true);
expect(product.count(4, 2, { repeat: 2 })).is<bigint>(true);
// @ts-expect-error combinations needs r
combinations('ABC');
// @ts-expect-error r is a number
permutations('ABC', '2');
expect(words.groupBy()).is<Seq<[string, Seq<string>]>>(true);
expect(nums.groupBy((x) => x % 2 === 0)).is<Seq<[boolean, Seq<number>]>>(true);
expect(nums.partition((x) => x > 2)).is<[Seq<number>, Seq<number>]>(true);
expect(words.compress([1, 0, 1])).is<Seq<string>>(true);
expect(of([2, 5], [3, 2]).starmap(Math.pow)).is<Seq<number>>(true);
expect(nums.zipLongest(words, { fillValue: null })).is<Seq<(number | string | null)[]>>(true);
expect(nums.roundrobin(words)).is<Seq<number | string>>(true);
expect(nums.batched(2, { strict: true })).is<Seq<number[]>>(true);
expect(of([1], [2]).flatten()).is<Seq<any>>(true);
expect(nums.accumulate()).is<Seq<number>>(true);
expect(nums.accumulate((a, b) => a * b)).is<Seq<number>>(true);
expect(nums.accumulate((acc: string, x) => acc + x, '')).is<Seq<string>>(true);
// @ts-expect-error batched needs a size
nums.batched();
// @ts-expect-error partition needs a predicate
nums.partition();

void [typeOf, iterable, source, b, definitely, found];

// ---- async sequences ----
async function* agen(): AsyncGenerator<number> { yield 1; yield 2; }
declare const bytes: ReadableStreamLike<Uint8Array>;
declare const nodeStream: AsyncIterable<any>;
async function asyncUses() {
  const aseq = fromAsync(agen());
  expect(aseq).is<AsyncSeq<number>>(true);
  expect(fromAsync([1, Promise.resolve(2)])).is<AsyncSeq<number>>(true);
  expect(fromAsync(() => agen())).is<AsyncSeq<number>>(true);
  expect(fromAsync(bytes).lines()).is<AsyncSeq<string>>(true);
  expect(fromAsync(nodeStream).numbers()).is<AsyncSeq<number>>(true);
  expect(aseq.map((x) => String(x)).chunk(2)).is<AsyncSeq<string[]>>(true);
  expect(aseq.enumerate().take(1)).is<AsyncSeq<[number, number]>>(true);
  expect(await aseq.sum()).is<number>(true);
  expect(await aseq.first()).is<number | undefined>(true);
  expect(await aseq.toArray()).is<number[]>(true);
  expect(await aseq.reduce((a, x) => a + String(x), '')).is<string>(true);
  expect(aseq[Symbol.asyncIterator]()).is<AsyncSeqIterator<number>>(true);
  for await (const x of aseq.filter((v) => v > 1)) expect(x).is<number>(true);
  // @ts-expect-error lines() needs a stream of bytes
  aseq.lines();
  // @ts-expect-error sum() needs numbers
  await fromAsync(bytes).lines().sum();
  // @ts-expect-error a number is no async source
  fromAsync(42);

  // the operators over several inputs and the itertools ones
  expect(aseq.zip(['a'], agen())).is<AsyncSeq<[number, string, number]>>(true);
  expect(aseq.concat(['a'])).is<AsyncSeq<number | string>>(true);
  expect(aseq.interleave(agen()).roundrobin([1])).is<AsyncSeq<number>>(true);
  expect(aseq.zipLongest(['a'], { fillValue: 0 })).is<AsyncSeq<(number | string)[]>>(true);
  expect(aseq.compress(fromAsync([true, false]))).is<AsyncSeq<number>>(true);
  expect(aseq.cycle().take(3)).is<AsyncSeq<number>>(true);
  expect(aseq.tee()).is<[AsyncSeq<number>, AsyncSeq<number>]>(true);
  expect(aseq.partition((x) => x > 1)).is<[AsyncSeq<number>, AsyncSeq<number>]>(true);
  expect(aseq.groupBy((x) => x % 2 === 0)).is<AsyncSeq<[boolean, AsyncSeq<number>]>>(true);
  expect(aseq.batched(2).starmap((a: number, b: number) => a + b)).is<AsyncSeq<number>>(true);
  expect(aseq.accumulate((acc: string, x) => acc + x, '')).is<AsyncSeq<string>>(true);
  expect(aseq.flatten()).is<AsyncSeq<any>>(true);
  expect(await aseq.toFloat64Array()).is<Float64Array>(true);
  // @ts-expect-error toFloat64Array() needs numbers
  await fromAsync(bytes).lines().toFloat64Array();
}
void asyncUses;
