// Primes and exact integers: the first 10^7 primes from the segmented sieve
// in WASM, then exact BigInt Fibonacci numbers and sums, each timed, with the
// memory they leave in use (flat: the sieve keeps one segment, not the primes).
//
//   node examples/primes.js [how many primes]      (default 1e7)

import { primes, fibonacci, range } from '../lib/node.js';
import { E } from '../lib/engine.js';

const N = Number(process.argv[2] ?? 1e7);
const MiB = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

function timed(label, run) {
  const t0 = process.hrtime.bigint();
  const value = run();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(`${label}: ${value} (${seconds.toFixed(3)} s; WASM memory ${MiB(E.memory.buffer.byteLength)})`);
  return value;
}

const p = timed(`the ${N.toLocaleString('en')}-th prime`, () => primes().nth(N - 1));
if (N === 1e7 && p !== 179424673) throw new Error(`expected 179424673, got ${p}`);
timed(`the primes below ${p}, counted`, () => primes().takeWhile((x) => x <= p).count());
timed('the first prime after 10^15', () => primes({ from: 1e15 }).first());
timed('the last prime below 2^53', () => primes({ from: 2 ** 53 - 1000 }).last());

const digits = timed('digits of F(100000), exact', () => String(fibonacci({ bigint: true }).nth(100000)).length);
if (digits !== 20899) throw new Error(`expected 20899 digits, got ${digits}`);
timed('the sum of 10^6 BigInts past 2^64', () => range(2n ** 64n, 2n ** 64n + 10n ** 6n).sum());
