// Every ```js block of README.md runs, each as a fresh module, and every
// `statement; // → expected` in it must hold:
//   - `expr; // → expected`: expr's value equals expected (a JS expression,
//     evaluated at the same point of the block) by a deep Object.is comparison
//     (so NaN, -0 and Infinity count);
//   - `const name = …; // → expected`: the same for the variable;
//   - `// → Float64Array [0, 1]`: a typed array of those values;
//   - `// → TypeError: message`: the statement throws that error type with that
//     message (a message ending in … is a prefix).
//   - an expression with a top-level `await` (`await seq.toArray(); // → [1]`)
//     is checked after it settles: its value, or the error it rejects with.
// A block importing from 'lazywasm' gets the local lib/node.js; one using
// require('lazywasm') runs as CommonJS with dist/lazywasm.cjs; one importing
// nothing gets every export (the README's API section says it assumes them).
// Blocks without checks still run, to prove they don't throw.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import * as lib from '../lib/node.js';

const require = createRequire(import.meta.url);
const ts = require('typescript');

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const esmEntry = new URL('../lib/node.js', import.meta.url).href;
const cjsEntry = fileURLToPath(new URL('../dist/lazywasm.cjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'lazywasm-readme-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const ARROW = '// →';

/** The ```js blocks: their text and the README line their first line is on. */
function jsBlocks(text) {
  const blocks = [];
  const re = /^```js[ \t]*\n([\s\S]*?)^```[ \t]*$/gm;
  for (let m; (m = re.exec(text));) {
    blocks.push({ code: m[1], line: text.slice(0, m.index).split('\n').length + 1 });
  }
  return blocks;
}

const TYPED = /^(Float64Array|Float32Array|Int8Array|Uint8Array|Uint8ClampedArray|Int16Array|Uint16Array|Int32Array|Uint32Array|BigInt64Array|BigUint64Array)\s*(\[.*\])$/;
const ERROR = /^(TypeError|RangeError|SyntaxError|Error)(?::\s*(.*))?$/;

/** The JS text of a call of __check for a `// → expected` comment. */
function expectation(expected) {
  const error = ERROR.exec(expected);
  if (error) return `{ throws: ${JSON.stringify(error[1])}, message: ${JSON.stringify(error[2] ?? null)} }`;
  const typed = TYPED.exec(expected);
  const expr = typed ? `new ${typed[1]}(${typed[2]})` : `(${expected})`;
  return `{ value: () => ${expr} }`;
}

/* Whether `node` has an `await` of its own (not one inside a nested function). */
function awaits(node) {
  if (ts.isAwaitExpression(node)) return true;
  if (ts.isFunctionLike(node)) return false;
  return ts.forEachChild(node, awaits) === true;
}

/**
 * The block rewritten so that each checked statement reports to __check(n, …),
 * and the list of its checks (README line, statement text, expected text).
 */
function instrument(block) {
  const { code } = block;
  const file = ts.createSourceFile('block.js', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const checks = [];
  const edits = [];   // [start, end, replacement]
  for (const stmt of file.statements) {
    const comment = (ts.getTrailingCommentRanges(code, stmt.end) ?? [])
      .find((c) => code.slice(c.pos, c.end).startsWith(ARROW));
    if (!comment) continue;
    const expected = code.slice(comment.pos + ARROW.length, comment.end).trim();
    const line = block.line + file.getLineAndCharacterOfPosition(comment.pos).line;
    const n = checks.length;
    const start = stmt.getStart(file);
    checks.push({ line, text: code.slice(start, stmt.end), expected });
    if (ts.isExpressionStatement(stmt) && awaits(stmt.expression)) {
      edits.push([start, stmt.end, `await __check(${n}, async () => (${stmt.expression.getText(file)}), ${expectation(expected)}, true);`]);
    } else if (ts.isExpressionStatement(stmt)) {
      edits.push([start, stmt.end, `__check(${n}, () => (${stmt.expression.getText(file)}), ${expectation(expected)});`]);
    } else if (ts.isVariableStatement(stmt) && stmt.declarationList.declarations.length === 1
      && ts.isIdentifier(stmt.declarationList.declarations[0].name) && !ERROR.test(expected)) {
      const name = stmt.declarationList.declarations[0].name.text;
      edits.push([stmt.end, stmt.end, ` __check(${n}, () => ${name}, ${expectation(expected)});`]);
    } else {
      throw new Error(`README line ${line}: a ${ARROW} comment after a statement that can't be checked`);
    }
  }
  const arrows = code.split(ARROW).length - 1;
  if (arrows !== checks.length) {
    throw new Error(`README block at line ${block.line}: ${arrows - checks.length} ${ARROW} comment(s) not at the end `
      + 'of a top-level statement, so not checked');
  }
  let out = code;
  for (const [s, e, r] of edits.sort((a, b) => b[0] - a[0])) out = out.slice(0, s) + r + out.slice(e);
  return { code: out, checks };
}

/** Deep equality with Object.is at the leaves; prototypes must match. */
function same(a, b) {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (ArrayBuffer.isView(a) || Array.isArray(a)) {
    return a.length === b.length && Array.from(a).every((x, i) => same(x, b[i]));
  }
  if (a instanceof Map || a instanceof Set) return same([...a], [...b]);
  const ka = Reflect.ownKeys(a), kb = Reflect.ownKeys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && same(a[k], b[k]));
}

const show = (v) => inspect(v, { depth: 5, breakLength: Infinity });

/**
 * A __check for one block: records a failure message per check that does not
 * hold. An async check (`settles`) awaits what `actual()` returns first.
 */
function checker(checks, failures, done) {
  return (n, actual, expected, settles = false) => {
    if (!settles) return compare(n, actual, expected);
    return actual().then((value) => compare(n, () => value, expected), (e) => compare(n, () => { throw e; }, expected));
  };
  function compare(n, actual, expected) {
    const { line, text } = checks[n];
    done.add(n);
    const where = `README line ${line}: ${text}`;
    let value;
    try {
      value = actual();
    } catch (e) {
      if (!expected.throws) { failures.push(`${where}\n  threw ${show(e)}`); return; }
      const okType = e?.constructor?.name === expected.throws;
      const m = expected.message;
      const okMessage = m === null || (m.endsWith('…') ? String(e.message).startsWith(m.slice(0, -1)) : e.message === m);
      if (!okType || !okMessage) failures.push(`${where}\n  threw    ${e?.constructor?.name}: ${e?.message}\n  expected ${expected.throws}: ${m}`);
      return;
    }
    if (expected.throws) { failures.push(`${where}\n  returned ${show(value)}\n  expected a throw of ${expected.throws}`); return; }
    const want = expected.value();
    if (!same(value, want)) failures.push(`${where}\n  got      ${show(value)}\n  expected ${show(want)}`);
  }
}

const blocks = jsBlocks(readme).map((block) => {
  try {
    return { ...block, ...instrument(block) };
  } catch (error) {
    return { ...block, error };
  }
});
const checked = blocks.reduce((n, b) => n + (b.checks?.length ?? 0), 0);

test('README: has ```js examples with → results', () => {
  assert.ok(blocks.length >= 20 && checked >= 100, `found only ${blocks.length} js blocks, ${checked} → results`);
  console.log(`# README: ${blocks.length} js blocks, ${checked} → results to check`);
});

for (const [b, block] of blocks.entries()) {
  test(`README: the js block at line ${block.line} runs and its → results hold`, async () => {
    if (block.error) throw block.error;
    const { code, checks } = block;
    const cjs = /\brequire\(\s*['"]lazywasm['"]\s*\)/.test(code);
    const importsLib = /\bfrom\s+['"]lazywasm['"]/.test(code);
    let source;
    if (cjs) {
      source = code.replace(/\brequire\(\s*['"]lazywasm['"]\s*\)/g, `require(${JSON.stringify(cjsEntry)})`);
    } else if (importsLib) {
      source = code.replace(/\bfrom\s+['"]lazywasm['"]/g, `from ${JSON.stringify(esmEntry)}`);
    } else {
      source = `import { ${Object.keys(lib).join(', ')} } from ${JSON.stringify(esmEntry)};\n${code}`;
    }
    const key = `__readmeCheck${b}`;
    const failures = [], done = new Set();
    globalThis[key] = checker(checks, failures, done);
    const file = join(dir, `block${b}.${cjs ? 'cjs' : 'mjs'}`);
    writeFileSync(file, `const __check = globalThis[${JSON.stringify(key)}];\n${source}\n`);

    // The examples may print; keep the test output clean but show it on failure.
    const printed = [];
    const saved = { log: console.log, info: console.info, warn: console.warn };
    console.log = console.info = console.warn = (...args) => printed.push(args.map((a) => show(a)).join(' '));
    try {
      await import(pathToFileURL(file).href);
    } catch (e) {
      failures.push(`README block at line ${block.line} threw ${show(e)}`);
    } finally {
      Object.assign(console, saved);
      delete globalThis[key];
    }
    checks.forEach((c, n) => { if (!done.has(n)) failures.push(`README line ${c.line}: ${c.text}\n  was never run`); });
    assert.equal(failures.length, 0, `${failures.join('\n')}${printed.length ? `\nprinted:\n${printed.join('\n')}` : ''}`);
  });
}
