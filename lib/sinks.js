// Terminal operations. toArray and join loop here over batches; the
// others run in the core (csrc/sink.c) and only their result crosses back.

import { E } from './engine.js';
import { readSlot, writeSlot } from './values.js';
import { checkFunction } from './errors.js';
import { drain, runSink } from './pipe.js';
import { MAX_DEPTH } from './seq.js';

const res = (pipe) => E.lw_pipe_res(pipe) >>> 3;

export function toArray(seq) {
  const out = [];
  drain(seq, 'toArray', false, (v) => { out.push(v); });
  return out;
}

export function toFloat64Array(seq) {
  return runSink(seq, 'toFloat64Array', E.lw_collect, (pipe) => {
    const n = E.lw_pipe_count(pipe), ptr = E.lw_pipe_data(pipe);
    return n === 0 ? new Float64Array(0) : new Float64Array(E.memory.buffer, ptr, n).slice();
  });
}

/*
 * reduce, some, every and find are stages of the core and a sink that reads
 * what they need, so compiled callbacks run in WASM here too:
 *   reduce(f, init) is scan(f, init).last() (or init when empty),
 *   some(p) is whether filter(p) has a first value, find(p) that value,
 *   every(p) is whether dropWhile(p) has none.
 * The callbacks run exactly as TC39's helpers run them, and the pipeline is
 * closed when the answer is known.
 */

/** TC39 reduce: without an initial value the first value starts the fold; empty is a TypeError. */
export function reduce(seq, fn, init) {
  checkFunction('reduce', fn);
  return runSink(seq.scan(fn, ...init), 'reduce', E.lw_last, (pipe) => {
    if (E.lw_pipe_count(pipe) !== 0) return readSlot(res(pipe), true);
    if (init.length > 0) return init[0];
    throw new TypeError('reduce: the sequence is empty and no initial value was given');
  });
}

/* Run `stage` and read its first value, if any: [found, value]. */
function firstOf(stage, method) {
  return runSink(stage, method, (pipe) => E.lw_nth(pipe, 0), (pipe) => (
    E.lw_pipe_count(pipe) === 0 ? [false, undefined] : [true, readSlot(res(pipe), true)]), true);
}

/*
 * TC39 forEach calls fn(value, counter) for each value, in order, as a map
 * stage would: so it is one, its results counted and dropped, and a JS fn
 * joins the chain of JS stages before it (one crossing per batch, not per
 * value). A pipeline as deep as it may be has no room for that stage: there
 * it is called here, one value at a time.
 */
export function forEach(seq, fn) {
  checkFunction('forEach', fn);
  if (seq.depth < MAX_DEPTH) runSink(seq.map(fn), 'forEach', E.lw_count, () => undefined);
  else drain(seq, 'forEach', true, (v, i) => { fn(v, i); });
}

export function some(seq, fn) {
  checkFunction('some', fn);
  return firstOf(seq.filter(fn), 'some')[0];
}

export function every(seq, fn) {
  checkFunction('every', fn);
  return !firstOf(seq.dropWhile(fn), 'every')[0];
}

export function find(seq, fn) {
  checkFunction('find', fn);
  return firstOf(seq.filter(fn), 'find')[1];
}

/** Array.prototype.join's rules: "," by default, null and undefined as "". */
export function join(seq, separator) {
  // ToString as Array.prototype.join does it: a template literal throws a TypeError for symbols, String() would not.
  const sep = separator === undefined ? ',' : `${separator}`;
  let out = '', first = true;
  drain(seq, 'join', true, (v) => {
    out += (first ? '' : sep) + (v === undefined || v === null ? '' : `${v}`);
    first = false;
  });
  return out;
}

export function includes(seq, value) {
  return runSink(seq, 'includes', (pipe) => {
    writeSlot(res(pipe), value);
    const status = E.lw_includes(pipe);
    readSlot(res(pipe), true);   // the pipe borrowed it; let it go
    return status;
  }, (pipe) => E.lw_pipe_count(pipe) !== 0);
}

/* Sinks with one result value: undefined for an empty sequence (there is no min of nothing). */
const valueOrUndefined = (pipe) => (E.lw_pipe_count(pipe) === 0 ? undefined : readSlot(res(pipe), true));

export const sum = (seq) => runSink(seq, 'sum', E.lw_sum, (pipe) => readSlot(res(pipe), true));
export const min = (seq) => runSink(seq, 'min', E.lw_min, valueOrUndefined);
export const max = (seq) => runSink(seq, 'max', E.lw_max, valueOrUndefined);
export const count = (seq) => runSink(seq, 'count', E.lw_count, (pipe) => E.lw_pipe_count(pipe));
export const last = (seq) => runSink(seq, 'last', E.lw_last, valueOrUndefined);

export function mean(seq) {
  return runSink(seq, 'mean', E.lw_mean, (pipe) => {   // numbers only: BigInts have no exact mean
    const n = E.lw_pipe_count(pipe);
    return n === 0 ? undefined : readSlot(res(pipe), true) / n;
  });
}

export function nth(seq, index, method) {
  return runSink(seq, method, (pipe) => E.lw_nth(pipe, index), valueOrUndefined);
}
