// The C core's own tests, built natively under AddressSanitizer and
// UndefinedBehaviorSanitizer (build.sh test-c), run as part of npm test.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

test('native: the C core tests pass under ASan and UBSan', () => {
  const r = spawnSync('bash', ['build.sh', 'test-c'], { cwd: root, encoding: 'utf8', timeout: 300_000 });
  const output = `${r.stdout}\n${r.stderr}`;
  assert.equal(r.status, 0, output);
  const summaries = output.match(/^\d+ passed, 0 failed$/gm) ?? [];
  assert.ok(summaries.length >= 5, `every C test file reports its checks:\n${output}`);
  assert.doesNotMatch(output, /runtime error|AddressSanitizer|LeakSanitizer/, output);
});
