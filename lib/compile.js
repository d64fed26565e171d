// Compiled callbacks: a callback's source text goes to the C core, which
// compiles it when it is in the supported subset (csrc/jsparse.c). Programs
// are cached by text, since what a program computes depends on its text only.

import { E, u8view } from './engine.js';

// One map of text → { prog, reason, … } per kind of use (truth, nargs), each
// in first-compiled-first order: keyed by the text itself, a lookup hashes
// the string Function.prototype.toString made and builds no other.
const caches = new Map();
const MAX_CACHED = 512;   // texts per kind
const encoder = new TextEncoder();

function readCString(ptr) {
  const u8 = u8view();
  let end = ptr;
  while (u8[end] !== 0) end++;
  return new TextDecoder().decode(u8.subarray(ptr, end));
}

/**
 * The compiled program for `fn` (0 when it is not compiled) and, when it is
 * not, why. `truth`: only the result's truthiness matters (predicates).
 * `nargs`: how many arguments the stage passes. The cache keeps one
 * reference to each program; nodes take their own when they are built, from
 * liveProgram(entry), since the entry may have been evicted by then.
 */
export function compile(fn, truth, nargs) {
  return compileText(Function.prototype.toString.call(fn), truth, nargs, 0);
}

/**
 * compile() for a map right after zip, whose argument is an array of `rows`
 * values: a callback that destructures it (`([a, b]) => a * b`) compiles.
 */
export function compileRows(fn, nargs, rows) {
  return compileText(Function.prototype.toString.call(fn), false, nargs, rows);
}

/**
 * The program of a compile() result for a node about to be built: a Seq can
 * outlive its cache entry, whose program is freed when 512 newer texts push
 * it out, so an evicted entry's text is compiled again.
 */
export function liveProgram(entry) {
  return entry.evicted ? compileText(entry.text, entry.truth, entry.nargs, entry.rows).prog : entry.prog;
}

function compileText(text, truth, nargs, rows) {
  const kind = (rows * 4 + nargs) * 2 + (truth ? 1 : 0);   // nargs <= 3
  let cache = caches.get(kind);
  if (cache === undefined) caches.set(kind, cache = new Map());
  let entry = cache.get(text);
  // A hit is not moved to the end: that costs more per call than compiling
  // again the rare hot text pushed out by 512 others.
  if (entry !== undefined) return entry;
  const bytes = encoder.encode(text);
  const ptr = E.lw_alloc(bytes.length + 1);
  if (ptr === 0) return { prog: 0, reason: 'out of WebAssembly memory', evicted: false };
  u8view().set(bytes, ptr);
  const prog = rows === 0 ? E.lw_compile(ptr, bytes.length, truth ? 1 : 0, nargs) : E.lw_compile_rows(ptr, bytes.length, nargs, rows);
  E.lw_dealloc(ptr);
  entry = { prog, reason: prog === 0 ? readCString(E.lw_compile_error()) : null, text, truth, nargs, rows, evicted: false };
  cache.set(text, entry);
  if (cache.size > MAX_CACHED) {
    const [oldest, old] = cache.entries().next().value;
    cache.delete(oldest);
    old.evicted = true;
    if (old.prog !== 0) E.lw_prog_release(old.prog);
  }
  return entry;
}

/* A number as JS source text that reads back as exactly the same number. */
function literal(value) {
  if (typeof value === 'boolean') return String(value);
  if (typeof value !== 'number') {
    throw new TypeError(`fn: only numbers and booleans can be inserted, got ${typeof value}`);
  }
  if (Object.is(value, -0)) return '(-0)';
  return value < 0 ? `(${value})` : String(value);
}

/**
 * fn`x => x * ${k}`: a callback with values from the caller's scope written
 * into its text, so that it can be compiled (a plain closure's variables
 * cannot be read from its text). Returns an ordinary JS function.
 */
export function fn(strings, ...values) {
  if (!Array.isArray(strings) || !Array.isArray(strings.raw)) {
    throw new TypeError('fn: use it as a template tag: fn`x => x * ${k}`');
  }
  let text = strings[0];
  values.forEach((v, i) => { text += literal(v) + strings[i + 1]; });
  let made;
  try {
    made = new Function(`"use strict"; return (${text});`)();
  } catch (e) {
    if (e instanceof SyntaxError) throw new SyntaxError(`fn: ${e.message} in: ${text}`);
    throw new TypeError(`fn: this environment does not allow making functions from text (${e.message})`);
  }
  if (typeof made !== 'function') throw new TypeError(`fn: the text is not a function: ${text}`);
  return made;
}
