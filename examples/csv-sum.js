// Sums a column of a CSV file of any size in flat memory: the file is read
// with fs.createReadStream, split into lines in the C core (a chunk is read
// only when the lines before it were used), and summed there. A progress bar
// goes to stderr, the sum to stdout.
//
//   node examples/make-csv.js /tmp/big.csv 2000     (a 2 GB file)
//   node examples/csv-sum.js /tmp/big.csv amount
//
// The column is a header name or a 0-based index (default: amount). Fields
// are split at commas (no quoted fields); each is read with Number().

import { createReadStream, statSync } from 'node:fs';
import { fromAsync } from '../lib/node.js';

const [file, column = 'amount'] = process.argv.slice(2);
if (!file) {
  console.error('usage: node examples/csv-sum.js <file.csv> [column name or index]');
  process.exit(2);
}
const size = statSync(file).size;
const stream = createReadStream(file, { highWaterMark: 1 << 20 });

const lines = fromAsync(stream).lines();
const header = await fromAsync(createReadStream(file, { end: 64 * 1024 })).lines().first() ?? '';
const names = header.split(',');
const index = /^\d+$/.test(column) ? Number(column) : names.indexOf(column);
if (index < 0 || index >= names.length) {
  console.error(`csv-sum: no column ${column} in the header: ${header}`);
  process.exit(2);
}

/* The field at `index` of a line, without splitting the rest of it. */
function field(line) {
  let start = 0;
  for (let i = 0; i < index; i++) start = line.indexOf(',', start) + 1;
  const end = line.indexOf(',', start);
  return line.slice(start, end < 0 ? line.length : end);
}

const MiB = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
let peakRss = 0;
function progress(done) {
  const rss = process.memoryUsage.rss();
  peakRss = Math.max(peakRss, rss);
  const read = done ? size : stream.bytesRead;
  const width = 30, filled = Math.round((read / size || 1) * width);
  process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] `
    + `${(100 * read / size || 100).toFixed(1).padStart(5)}% of ${MiB(size)}, RSS ${MiB(rss)}`);
}
const timer = setInterval(progress, 250);

const started = Date.now();
const sum = await lines.drop(1).map((line) => Number(field(line))).sum();
clearInterval(timer);
progress(true);
const seconds = (Date.now() - started) / 1000;
process.stderr.write(`\ncsv-sum: column ${names[index]} in ${seconds.toFixed(1)} s `
  + `(${(size / 2 ** 20 / seconds).toFixed(0)} MiB/s), peak RSS ${MiB(peakRss)}\n`);
console.log(sum);
