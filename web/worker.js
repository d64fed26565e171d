// The playground's runner: a module worker that runs the visitor's code with
// the library in scope and streams what it produces to the page. It lives in a
// worker so that an infinite sequence or a runaway loop never freezes the page:
// the page stops a run by terminating this worker and starting a fresh one.
//
// Messages to the page: ready, log, log-capped, explain, value, progress, result, done, error.

import * as lazywasm from '../lib/browser.js';
import { E } from '../lib/engine.js';

/** The name the visitor's code runs under: stack frames in it are the editor's lines. */
const SOURCE_NAME = 'playground.js';
/* A stack frame in that code: its line and column. */
const FRAME = /playground\.js:(\d+):(\d+)/;

// Kept aside: the visitor's code may reassign the globals.
const post = self.postMessage.bind(self);
const clock = performance;

/*
 * The code runs as a classic script (an indirect eval), so the value of its
 * last expression statement is the result, as in a console. The library's
 * exports are globals; `import … from 'lazywasm'` lines become destructuring
 * on the same lines, so line numbers stay the editor's.
 */
Object.assign(self, lazywasm, { lazywasm, print });
for (const level of ['log', 'info', 'warn', 'error']) console[level] = print;

function rewriteImports(code) {
  return code
    .replace(/\bimport\s*(\{[^}]*\})\s*from\s*(['"])lazywasm\2/g,
      (_, names) => `const ${names.replace(/\s+as\s+/g, ': ')} = lazywasm`)
    .replace(/\bimport\s*\*\s*as\s+([\w$]+)\s*from\s*(['"])lazywasm\2/g, 'const $1 = lazywasm');
}

/*
 * print(...values): a line of output, strings as they are and other values
 * formatted. Only the first maxLog lines of a run are sent, as the page shows
 * no more: a loop printing for ever would otherwise flood the page with
 * messages, so that it froze and Stop could not get through. The others are
 * counted (`logged`, sent with done and error).
 */
let maxLog = 500, logged = 0;
function print(...values) {
  if (++logged > maxLog) {
    if (logged === maxLog + 1) post({ type: 'log-capped' });
    return;
  }
  post({ type: 'log', text: values.map((v) => (typeof v === 'string' ? v : format(v))).join(' ') });
}

function memory() {
  return {
    wasm: E.memory.buffer.byteLength,
    engine: E.lw_mem_used(),
    heap: clock.memory?.usedJSHeapSize ?? null,   // not reported in workers by Chromium or Firefox
  };
}

let started = 0;
const elapsed = () => clock.now() - started;

self.onmessage = ({ data }) => {
  if (data.type !== 'run') return;
  maxLog = data.maxLog ?? maxLog;
  logged = 0;
  run(data.code, data.show ?? 100);
};

async function run(code, show) {
  started = clock.now();
  const source = rewriteImports(code);
  let result;
  try {
    result = evaluate(source);
    if (typeof result?.then === 'function') result = await result;
  } catch (err) {
    fail(err, 0, source);
    return;
  }
  if (result instanceof lazywasm.Seq || result instanceof lazywasm.AsyncSeq) post({ type: 'explain', text: result.explain() });
  const iterable = result != null && typeof result !== 'string';
  if (iterable && typeof result[Symbol.asyncIterator] === 'function') {
    stream(result, show, source, true);
  } else if (iterable && typeof result[Symbol.iterator] === 'function') {
    stream(result, show, source, false);
  } else {
    post({ type: 'result', text: format(result) });
    finish(0);
  }
}

/*
 * The value of the code's last expression statement, as a console shows it.
 * Code with `await` at the top level (a SyntaxError in a script) runs again
 * as the body of an async function whose last line is returned, its promise
 * then awaited by the caller; the wrapper opens on the code's first line, so
 * line numbers stay the editor's (columns on line 1 move: columnShift).
 */
const ASYNC_OPEN = '(async () => { ', RETURN_OPEN = 'return (';
let columnShift = () => 0;   // (line) => how far right the wrapping moved that line's columns

function evaluate(source) {
  columnShift = () => 0;
  try {
    return (0, eval)(`${source}\n//# sourceURL=${SOURCE_NAME}`);
  } catch (err) {
    // only the parse of the code itself (nothing ran: no frame in it), not a SyntaxError it threw (JSON.parse)
    const parsing = err instanceof SyntaxError && !FRAME.test(String(err.stack));
    if (!parsing || !/\bawait\b/.test(err.message)) throw err;
    const last = lastCodeLine(source);
    const returning = source.split('\n').map((line, i) => (i + 1 === last ? `${RETURN_OPEN}${line.replace(/;\s*$/, '')}\n);` : line)).join('\n');
    for (const [body, returned] of [[returning, last], [source, 0]]) {   // the last line may not be an expression: then it returns nothing
      try {
        const promise = (0, eval)(`${ASYNC_OPEN}${body}\n})()\n//# sourceURL=${SOURCE_NAME}`);
        columnShift = (line) => (line === 1 ? ASYNC_OPEN.length : 0) + (line === returned ? RETURN_OPEN.length : 0);
        return promise;
      } catch (again) {
        if (!(again instanceof SyntaxError)) throw again;
      }
    }
    throw err;   // not an await problem after all: the original error, at its place
  }
}

/*
 * Runs an iterable with for…of (an async one, an AsyncSeq or an async
 * generator, with for await), posting its first `show` values as they come,
 * then only a count. The clock is read every `stride` values; the stride
 * adapts so that the page hears of progress about ten times a second whether
 * a value takes a nanosecond or a second.
 */
async function stream(iterable, show, source, async) {
  let count = 0, stride = 1, countdown = 1, lastCheck = elapsed(), lastPost = lastCheck;
  const take = (value) => {
    if (count < show) post({ type: 'value', index: count, text: format(value) });
    count++;
    if (--countdown === 0) {
      const now = elapsed();
      if (now - lastCheck < 5) stride = Math.min(stride * 2, 1 << 20);
      else if (now - lastCheck > 20) stride = Math.max(stride >> 1, 1);
      countdown = stride;
      lastCheck = now;
      if (now - lastPost >= 100) {
        post({ type: 'progress', count, ms: now, memory: memory() });
        lastPost = now;
      }
    }
  };
  try {
    if (async) for await (const value of iterable) take(value);
    else for (const value of iterable) take(value);
  } catch (err) {
    // An error raised by the library while reading the result has no frame in
    // the code: it is put at the last line, whose value the result is.
    fail(err, count, source, lastCodeLine(source));
    return;
  }
  finish(count);
}

/* The number of the last line with code on it (not blank, not only a // comment). */
function lastCodeLine(source) {
  const lines = source.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i].trim();
    if (line !== '' && !line.startsWith('//')) return i + 1;
  }
  return null;
}

function finish(count) {
  post({ type: 'done', count, logged, ms: elapsed(), memory: memory() });
}

/*
 * An error in the visitor's code: its message and, from the stack, the line in
 * the editor (the first frame in the code). A SyntaxError from the eval itself
 * has no frame there; the page finds its line from `source` (runner.js).
 */
function fail(err, count, source, resultLine = null) {
  const stack = String(err?.stack ?? '');
  let header = '';
  try { header = err instanceof Error ? String(err) : ''; } catch { /* a toString that throws */ }
  // the frames only: the message itself may mention playground.js:7:3
  const where = FRAME.exec(stack.startsWith(header) ? stack.slice(header.length) : stack);
  post({
    type: 'error',
    name: err instanceof Error ? err.name : 'Uncaught',
    message: err instanceof Error ? err.message : format(err),
    line: where ? Number(where[1]) : resultLine,
    column: where ? Number(where[2]) - columnShift(Number(where[1])) : null,
    syntax: err instanceof SyntaxError && !where,
    source,
    count,
    logged,
    ms: elapsed(),
    memory: memory(),
  });
}

// Errors thrown later, by timers or promises the code started.
self.addEventListener('error', (event) => { event.preventDefault(); fail(event.error ?? event.message, 0, ''); });
self.addEventListener('unhandledrejection', (event) => { event.preventDefault(); fail(event.reason, 0, ''); });

/* A value as the page shows it: like a console, short, never throwing. */
function format(value, depth = 0) {
  switch (typeof value) {
    case 'number': return Object.is(value, -0) ? '-0' : String(value);
    case 'string': return quote(value);
    case 'bigint': return `${value}n`;
    case 'symbol': return value.toString();
    case 'function': return `[Function${value.name ? ` ${value.name}` : ''}]`;
    case 'undefined': case 'boolean': return String(value);
  }
  if (value === null) return 'null';
  try {
    if (value instanceof lazywasm.Seq) return 'Seq';
    if (value instanceof lazywasm.AsyncSeq) return 'AsyncSeq';
    if (value instanceof Error) return `${value.name}: ${value.message}`;
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
    if (value instanceof RegExp) return String(value);
    if (value instanceof Promise) return 'Promise {…}';
    if (value instanceof Number || value instanceof String || value instanceof Boolean) return `[${value.constructor.name}: ${format(value.valueOf())}]`;
    const open = depth >= 3;
    if (Array.isArray(value)) return open ? '[…]' : `[${list(value, depth)}]`;
    if (ArrayBuffer.isView(value)) return `${value.constructor.name} [${open ? '…' : list(Array.from(value.slice?.(0, 21) ?? []), depth)}]`;
    if (value instanceof Map) return `Map(${value.size}) {${open ? '…' : list([...value].map(([k, v]) => new Entry(k, v)), depth)}}`;
    if (value instanceof Set) return `Set(${value.size}) {${open ? '…' : list([...value], depth)}}`;
    if (value instanceof Entry) return `${format(value.key, depth)} => ${format(value.value, depth)}`;
    const name = value.constructor && value.constructor !== Object ? `${value.constructor.name} ` : '';
    if (open) return `${name}{…}`;
    const keys = Object.keys(value);
    const shown = keys.slice(0, 12).map((k) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : quote(k)}: ${format(value[k], depth + 1)}`);
    if (keys.length > 12) shown.push(`… ${keys.length - 12} more`);
    return shown.length ? `${name}{ ${shown.join(', ')} }` : `${name}{}`;
  } catch {
    try {
      return Object.prototype.toString.call(value);
    } catch {   // a revoked proxy, or one whose traps throw: print never throws
      return '[object]';
    }
  }
}

class Entry { constructor(key, value) { this.key = key; this.value = value; } }

function list(items, depth) {
  const shown = items.slice(0, 20).map((v) => format(v, depth + 1));
  if (items.length > 20) shown.push('…');
  return shown.join(', ');
}

function quote(s) {
  const short = s.length > 200 ? `${s.slice(0, 200)}…` : s;
  return `'${short.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}'`;
}

post({ type: 'ready', exports: Object.keys(lazywasm) });
