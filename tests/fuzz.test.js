// The callback compiler is an input boundary (the playground feeds it any
// text): its libFuzzer target runs for a bounded time under ASan and UBSan,
// from the committed seed corpus (build.sh fuzz).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const SECONDS = Number(process.env.LAZYWASM_FUZZ_SECONDS ?? 20);

test(`fuzz: the callback compiler survives ${SECONDS} s of libFuzzer`, () => {
  const r = spawnSync('bash', ['build.sh', 'fuzz', String(SECONDS)], { cwd: root, encoding: 'utf8', timeout: (SECONDS + 240) * 1000 });
  const output = `${r.stdout}\n${r.stderr}`;
  assert.equal(r.status, 0, output.slice(-4000));
  assert.match(output, /Done \d+ runs in \d+ second/, output.slice(-2000));
  const runs = Number(output.match(/Done (\d+) runs/)[1]);
  assert.ok(runs > 1000, `the fuzzer ran (${runs} inputs)`);
  assert.doesNotMatch(output, /ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:/, output.slice(-4000));
});
