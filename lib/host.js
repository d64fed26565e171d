// The host side of the boundary: the functions the C core imports
// (csrc/lwcore.h, lw_host_*) and the source adapters it reads JS data through.
// C never sees an exception: a throw from user code is caught here, kept as the
// pending error and reported as LW_EHOST; the wrapper rethrows it unchanged.

import { hold, deref, retain, release, readSlot, writeSlot, releaseSlots } from './values.js';
import { views, u8view } from './engine.js';
import { hostText, hostNumber } from './feeds.js';

export const LW_EHOST = -1;
const CALL_MAP = 0, CALL_EVAL = 1, CALL_TEST = 2, CALL_FLAT = 3, CALL_SCAN = 4;

let pending = null;

/** The error behind the last LW_EHOST, handed over once. */
export function takePending() {
  const e = pending;
  pending = null;
  return e;
}

/** Values from a JS array, read a batch at a time (arrays are data the engine may read ahead). */
export class ArrayAdapter {
  constructor(array) { this.array = array; this.i = 0; }
  fill(at, cap) {
    const a = this.array, i = this.i, n = Math.min(cap, a.length - i);
    for (let k = 0; k < n; k++) writeSlot(at + k, a[i + k]);
    this.i = i + Math.max(n, 0);
    return Math.max(n, 0);
  }
  close() {}
}

/** Values from a typed array of numbers, copied a batch at a time (C makes NaNs canonical). */
export class TypedArrayAdapter {
  constructor(array) { this.array = array; this.i = 0; }
  fill(at, cap) {
    const a = this.array, n = Math.min(cap, a.length - this.i);
    views().set(a.subarray(this.i, this.i + n), at);
    this.i += n;
    return n;
  }
  close() {}
}

/**
 * Values from a JS iterator: next() is called exactly once per value the engine
 * asks for, and return() only while the iterator is neither done nor broken
 * (TC39's IteratorStep and IteratorClose).
 */
export class IteratorAdapter {
  constructor(iterator, next) {
    this.iterator = iterator;
    this.next = next;
    this.done = false;
  }
  fill(at, cap) {
    let k = 0;
    if (this.done) return 0;   // never ask a finished iterator again
    try {
      for (; k < cap; k++) {
        const r = this.next.call(this.iterator);
        if (Object(r) !== r) throw new TypeError(`Iterator result ${String(r)} is not an object`);
        if (r.done) { this.done = true; break; }
        writeSlot(at + k, r.value);
      }
    } catch (e) {
      this.done = true;         // a throwing iterator is not closed
      releaseSlots(at, k);
      throw e;
    }
    return k;
  }
  close(abrupt) {
    if (this.done) return;
    this.done = true;
    const ret = this.iterator.return;
    if (ret === undefined || ret === null) return;
    const r = ret.call(this.iterator);
    if (!abrupt && Object(r) !== r) throw new TypeError(`Iterator return() result ${String(r)} is not an object`);
  }
}

/** An adapter over an iterator object, caching its next method (TC39 GetIteratorDirect). */
export function iteratorAdapter(iterator) {
  return new IteratorAdapter(iterator, iterator.next);
}

/**
 * TC39 GetIteratorFlattenable(value, reject-primitives), as flatMap uses it:
 * an object's [Symbol.iterator]() result, or the object itself as an iterator.
 */
function flattenable(value) {
  if (Object(value) !== value) {
    throw new TypeError(`flatMap: the callback returned ${describe(value)}, which is not an iterable object`);
  }
  const method = value[Symbol.iterator];
  if (method === undefined || method === null) return iteratorAdapter(value);
  if (Array.isArray(value) && method === Array.prototype[Symbol.iterator]) return new ArrayAdapter(value);
  const iterator = method.call(value);
  if (Object(iterator) !== iterator) throw new TypeError('flatMap: [Symbol.iterator]() did not return an object');
  return iteratorAdapter(iterator);
}

export function describe(value) {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'symbol' || typeof value === 'number') return String(value);
  if (typeof value === 'function') return 'a function';
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : String(value);
}

/* Run user code for the core; a throw becomes the pending error and LW_EHOST. */
function guarded(body) {
  try {
    return body();
  } catch (e) {
    pending = e;
    return LW_EHOST;
  }
}

function call(fnHandle, mode, inPtr, outPtr, n, index0) {
  const fn = deref(fnHandle), at = inPtr >>> 3, out = outPtr >>> 3;
  let i = 0;
  try {
    switch (mode) {
      case CALL_MAP:
        for (; i < n; i++) writeSlot(out + i, fn(readSlot(at + i, true), index0 + i));
        return n;
      case CALL_EVAL:
        for (; i < n; i++) u8view()[outPtr + i] = fn(readSlot(at + i, false), index0 + i) ? 1 : 0;
        return n;
      case CALL_TEST:
        for (; i < n; i++) {
          const ok = fn(readSlot(at + i, false), index0 + i) ? 1 : 0;
          u8view()[outPtr + i] = ok;
          if (!ok) return i + 1;
        }
        return n;
      case CALL_FLAT: {
        writeSlot(out, flattenable(fn(readSlot(at, true), index0)));
        return 1;
      }
      case CALL_SCAN: {
        let acc = readSlot(out, true);
        for (; i < n; i++) {
          acc = fn(acc, readSlot(at + i, true), index0 + i);
          writeSlot(at + i, acc);
        }
        writeSlot(out, acc);
        return n;
      }
    }
  } catch (e) {
    // Release what this call owned: outputs written so far, inputs not yet read.
    if (mode === CALL_MAP) { releaseSlots(out, i); releaseSlots(at + i + 1, n - i - 1); }
    if (mode === CALL_SCAN) { releaseSlots(at, i); releaseSlots(at + i + 1, n - i - 1); }
    throw e;
  }
  throw new Error(`lazywasm: unknown call mode ${mode}`);
}

function pack(ptr, n) {
  const at = ptr >>> 3, array = new Array(n);
  for (let i = 0; i < n; i++) array[i] = readSlot(at + i, true);
  return hold(array);
}

function sameValueZero(a, b) {
  return a === b || (a !== a && b !== b);
}

/* Closing after another error: that error wins, this one is dropped (TC39 IteratorClose). */
function closeQuietly(adapter) {
  try { adapter.close(true); } catch { /* the original error is the one reported */ }
  return 0;
}

export const hostImports = {
  lw_host_retain: retain,
  lw_host_release: release,
  lw_host_fill: (h, ptr, cap) => guarded(() => deref(h).fill(ptr >>> 3, cap)),
  lw_host_close: (h, abrupt) => (abrupt ? closeQuietly(deref(h)) : guarded(() => { deref(h).close(false); return 0; })),
  lw_host_call: (fn, mode, inPtr, outPtr, n, i0) => guarded(() => call(fn, mode, inPtr, outPtr, n, i0)),
  lw_host_pack: pack,
  lw_host_same: (a, b) => (sameValueZero(deref(a), deref(b)) ? 1 : 0),
  lw_host_seen: (set, h) => {
    const s = deref(set), v = deref(h);
    if (s.has(v)) return 0;
    s.add(v);
    return 1;
  },
  // A deferred concat input (csrc/combine.c): build its pipeline now; 0 with the error pending if that throws.
  lw_host_open: (h) => {
    const node = guarded(() => deref(h).build());
    return node === LW_EHOST ? 0 : node;
  },
  // Byte streams (csrc/bytes.c, lib/feeds.js): decode finished lines; Number() of tokens C does not parse.
  lw_host_text: (base, spans, n, out) => guarded(() => hostText(base, spans, n, out)),
  lw_host_number: hostNumber,
};
