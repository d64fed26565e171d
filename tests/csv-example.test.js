// examples/make-csv.js and examples/csv-sum.js: a seeded CSV of a few MB is
// generated, summed by the example through fromAsync(fs.createReadStream)
// .lines(), and the sum compared with a plain JS computation over the file.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const example = (name) => fileURLToPath(new URL(`../examples/${name}`, import.meta.url));

test('examples/csv-sum.js sums a column of a generated CSV exactly as plain JS does', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lazywasm-csv-'));
  try {
    const file = join(dir, 'data.csv');
    execFileSync(process.execPath, [example('make-csv.js'), file, '8', '42'], { stdio: 'pipe' });
    const text = readFileSync(file, 'utf8');
    const rows = text.split('\n').slice(1, -1);
    assert.ok(rows.length > 100_000, `${rows.length} rows`);
    for (const [column, index] of [['amount', 2], ['3', 3]]) {
      let expected = 0;
      for (const row of rows) expected += Number(row.split(',')[index]);
      const out = execFileSync(process.execPath, [example('csv-sum.js'), file, column], { stdio: 'pipe' });
      assert.equal(Number(out.toString().trim()), expected, `column ${column}`);
    }
    // the same seed makes the same file
    const again = join(dir, 'again.csv');
    execFileSync(process.execPath, [example('make-csv.js'), again, '1', '42'], { stdio: 'pipe' });
    assert.ok(text.startsWith(readFileSync(again, 'utf8').slice(0, 100_000)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
