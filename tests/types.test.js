// The TypeScript declarations (lib/index.d.ts): tests/types/usage.ts must
// type-check under --strict (its @ts-expect-error lines must be errors), and
// the declarations must name exactly what the library exports.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as lib from '../lib/node.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = fileURLToPath(new URL('../node_modules/.bin/tsc', import.meta.url));

test('types: tests/types/usage.ts type-checks with tsc --strict', () => {
  const r = spawnSync(tsc, ['--noEmit', '--strict', '--pretty', 'false', '-p', 'tests/types/tsconfig.json'],
    { cwd: root, encoding: 'utf8' });
  if (r.error) throw r.error;
  assert.equal(r.status, 0, `tsc failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
});

test('types: lib/index.d.ts declares every export and every Seq method, and nothing else', () => {
  const dts = readFileSync(new URL('../lib/index.d.ts', import.meta.url), 'utf8');
  const declared = new Set([...dts.matchAll(/^export declare (?:function|class|const) (\w+)/gm)].map((m) => m[1]));
  assert.deepEqual([...declared].sort(), Object.keys(lib).sort());

  const body = dts.slice(dts.indexOf('export declare class Seq'), dts.indexOf('\n}\n', dts.indexOf('export declare class Seq')));
  const methods = new Set([...body.matchAll(/^ {2}(\w+)(?:<[^(]*>)?\(/gm)].map((m) => m[1]));
  methods.delete('constructor');
  const runtime = Object.getOwnPropertyNames(lib.Seq.prototype).filter((name) => name !== 'constructor' && name !== 'build');
  assert.deepEqual([...methods].sort(), runtime.sort());
});

test('types: lib/index.d.ts declares every AsyncSeq method, and nothing else', () => {
  const dts = readFileSync(new URL('../lib/index.d.ts', import.meta.url), 'utf8');
  const start = dts.indexOf('export declare class AsyncSeq');
  const body = dts.slice(start, dts.indexOf('\n}\n', start));
  const methods = new Set([...body.matchAll(/^ {2}(\w+)(?:<[^(]*>)?\(/gm)].map((m) => m[1]));
  methods.delete('constructor');
  const runtime = Object.getOwnPropertyNames(lib.AsyncSeq.prototype).filter((name) => name !== 'constructor');
  assert.deepEqual([...methods].sort(), runtime.sort());
});
