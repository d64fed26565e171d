// The npm package: `npm pack` makes a tarball with the built core; installed
// offline into a fresh project (no Emscripten there), it works from ESM import
// and from CommonJS require.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

test('package: the packed tarball installs offline and runs from import and require', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lazywasm-pkg-'));
  try {
    const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', dir], root));
    const files = packed[0].files.map((f) => f.path);
    for (const f of ['dist/lazywasm.wasm', 'dist/lazywasm.cjs', 'lib/node.js', 'lib/browser.js', 'lib/index.d.ts', 'README.md']) {
      assert.ok(files.includes(f), `${f} is in the tarball`);
    }
    assert.ok(!files.some((f) => f.startsWith('csrc/') || f.startsWith('tests/')), 'no sources or tests shipped');

    const project = join(dir, 'project');
    run('mkdir', ['-p', project]);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
    run('npm', ['install', '--offline', '--no-audit', '--no-fund', join(dir, packed[0].filename)], project);

    writeFileSync(join(project, 'esm.mjs'), `
      import { range, from, fibonacci } from 'lazywasm';
      console.log(JSON.stringify([range(0, 1e6).map((x) => x * x).filter((x) => x % 3 === 0).take(4).toArray(),
        from(['a', 'b']).enumerate().toArray(), fibonacci().take(8).sum()]));`);
    writeFileSync(join(project, 'cjs.cjs'), `
      const { range, from, fibonacci } = require('lazywasm');
      console.log(JSON.stringify([range(0, 1e6).map((x) => x * x).filter((x) => x % 3 === 0).take(4).toArray(),
        from(['a', 'b']).enumerate().toArray(), fibonacci().take(8).sum()]));`);
    const expected = JSON.stringify([[0, 9, 36, 81], [[0, 'a'], [1, 'b']], 33]);
    assert.equal(run('node', ['esm.mjs'], project).trim(), expected);
    assert.equal(run('node', ['cjs.cjs'], project).trim(), expected);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
