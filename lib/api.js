// The public API, the same in every runtime. The entry points (node.js,
// browser.js) load the core first, then re-export this.
export { Seq } from './seq.js';
export { range, count, repeat, iterate, recurrence, fibonacci, random, from, of, empty } from './sources.js';
export { fn } from './compile.js';
export { primes } from './numbers.js';
export { AsyncSeq, fromAsync } from './async.js';
export { product, permutations, combinations, combinationsWithReplacement, powerset } from './combinatorics.js';
