// npm start: a billion values streamed through lazywasm in flat memory.
// Prints the values, the throughput and the memory as it goes.
//
//   node examples/billion.js [count]      (default 1e9)

import { range, count, fibonacci, from } from '../lib/node.js';
import { E } from '../lib/engine.js';

const N = Number(process.argv[2] ?? 1e9);
const MiB = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
const memory = () => `WASM memory ${MiB(E.memory.buffer.byteLength)}, JS heap ${MiB(process.memoryUsage().heapUsed)}`;

console.log('lazywasm: lazy sequences with a C engine in WebAssembly\n');

console.log('The first Fibonacci numbers:', fibonacci().take(12).toArray().join(', '));
function* naturals() { for (let n = 1; ; n++) yield n; }
console.log('Squares of a user generator, filtered:',
  from(naturals).map((x) => x * x).filter((x) => x % 3 === 1).take(6).toArray().join(', '));
console.log('An infinite pipeline cut by take:',
  count().map((x) => x * 2).filter((x) => x % 7 === 0).take(5).toArray().join(', '));

console.log(`\nStreaming ${N.toLocaleString('en')} values with for…of, in batches from the C core:`);
const start = process.hrtime.bigint();
const step = Math.max(1, Math.floor(N / 10));
let seen = 0, sum = 0, last;
for (const x of range(0, N)) {
  sum += x;
  last = x;
  if (++seen % step === 0) {
    const s = Number(process.hrtime.bigint() - start) / 1e9;
    console.log(`  ${seen.toLocaleString('en').padStart(13)} values, last ${last}, `
      + `${(seen / s / 1e6).toFixed(0)} M values/s; ${memory()}`);
  }
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
console.log(`  done: ${seen.toLocaleString('en')} values summed to ${sum} in ${seconds.toFixed(2)} s`);

const t0 = process.hrtime.bigint();
const total = range(0, N).map((x) => x % 1000).sum();
const t1 = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(`\nrange(0, ${N}).map(x => x % 1000).sum() = ${total} in ${t1.toFixed(2)} s `
  + `(${(N / t1 / 1e6).toFixed(0)} M values/s); ${memory()}`);
console.log('Memory stayed flat: nothing was materialised.');
