// Writes a large CSV file of seeded random rows, for examples/csv-sum.js:
//
//   node examples/make-csv.js <file> [megabytes = 100] [seed = 1]
//
// Columns: id,city,amount,quantity. The same seed gives the same file. Rows
// are written a block at a time, waiting for the disk when it falls behind.

import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const [file, megabytes = '100', seedArg = '1'] = process.argv.slice(2);
if (!file) {
  console.error('usage: node examples/make-csv.js <file> [megabytes = 100] [seed = 1]');
  process.exit(2);
}
const target = Number(megabytes) * 1e6;

/* mulberry32: a small seeded PRNG, uniform in [0, 1). */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = mulberry32(Number(seedArg));
const cities = ['Zürich', 'São Paulo', 'Kraków', 'Osaka', 'Lagos', 'Montréal', 'Reykjavík', 'Chennai'];
const out = createWriteStream(file);
let written = 0, id = 0;
const header = 'id,city,amount,quantity\n';
out.write(header);
written += header.length;
while (written < target) {
  let block = '';
  for (let i = 0; i < 10000; i++) {
    const amount = (random() * 2000 - 500).toFixed(2);
    block += `${id++},${cities[Math.floor(random() * cities.length)]},${amount},${Math.floor(random() * 100)}\n`;
  }
  written += Buffer.byteLength(block);
  if (!out.write(block)) await once(out, 'drain');
}
out.end();
await once(out, 'finish');
console.error(`make-csv: ${file}: ${id} rows, ${(written / 1e6).toFixed(1)} MB`);
