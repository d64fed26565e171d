// Terminal operations. Those that call user code (reduce, forEach, some,
// every, find, join) loop here over batches; the numeric ones run in the core
// (csrc/sink.c) and only their result crosses back.

import { E } from './engine.js';
import { readSlot, writeSlot } from './values.js';
import { checkFunction } from './errors.js';
import { drain, runSink } from './pipe.js';

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

/** TC39 reduce: without an initial value the first value starts the fold; empty is a TypeError. */
export function reduce(seq, fn, init) {
  checkFunction('reduce', fn);
  let acc = init[0], started = init.length > 0;
  drain(seq, 'reduce', true, (v, i) => {
    if (started) acc = fn(acc, v, i);
    else { acc = v; started = true; }
  });
  if (!started) throw new TypeError('reduce: the sequence is empty and no initial value was given');
  return acc;
}

export function forEach(seq, fn) {
  checkFunction('forEach', fn);
  drain(seq, 'forEach', true, (v, i) => { fn(v, i); });
}

export function some(seq, fn) {
  checkFunction('some', fn);
  let found = false;
  drain(seq, 'some', true, (v, i) => (found = !!fn(v, i)));
  return found;
}

export function every(seq, fn) {
  checkFunction('every', fn);
  let all = true;
  drain(seq, 'every', true, (v, i) => !(all = !!fn(v, i)));
  return all;
}

export function find(seq, fn) {
  checkFunction('find', fn);
  let found;
  drain(seq, 'find', true, (v, i) => (fn(v, i) ? ((found = v), true) : false));
  return found;
}

/** Array.prototype.join's rules: "," by default, null and undefined as "". */
export function join(seq, separator) {
  const sep = separator === undefined ? ',' : String(separator);
  let out = '', first = true;
  drain(seq, 'join', true, (v) => {
    out += (first ? '' : sep) + (v === undefined || v === null ? '' : String(v));
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
  return runSink(seq, 'mean', E.lw_sum, (pipe) => {
    const n = E.lw_pipe_count(pipe);
    return n === 0 ? undefined : readSlot(res(pipe), true) / n;
  });
}

export function nth(seq, index, method) {
  return runSink(seq, method, (pipe) => E.lw_nth(pipe, index), valueOrUndefined);
}
