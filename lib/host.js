// The host side of the boundary: the functions the C core imports
// (csrc/lwcore.h, lw_host_*) and the source adapters it reads JS data through.
// C never sees an exception: a throw from user code is caught here, kept as the
// pending error and reported as LW_EHOST; the wrapper rethrows it unchanged.

import { hold, deref, retain, release, readSlot, writeSlot, releaseSlots } from './values.js';
import { views, u8view, u32view } from './engine.js';
import { bigintImports } from './bigints.js';
import { hostText, hostNumber } from './feeds.js';
import { jit, unjit } from './jit.js';

export const LW_EHOST = -1;
const CALL_MAP = 0, CALL_EVAL = 1, CALL_TEST = 2, CALL_FLAT = 3, CALL_SCAN = 4, CALL_APPLY = 5;

let pending = null;

/** The error behind the last LW_EHOST, handed over once. */
export function takePending() {
  const e = pending;
  pending = null;
  return e;
}

/** Values from a JS array, read a batch at a time (arrays are data the engine may read ahead). */
export class ArrayAdapter {
  constructor(array) { this.array = array; this.i = 0; this.failure = null; }
  fill(at, cap) {
    if (this.failure !== null) throw takeFailure(this);
    const a = this.array, i = this.i, n = Math.min(cap, a.length - i);
    let k = 0;
    try {
      for (; k < n; k++) writeSlot(at + k, a[i + k]);   // an index getter may throw
    } catch (e) {
      this.i = i + k;
      return keepFailure(this, e, k);
    }
    this.i = i + Math.max(n, 0);
    return Math.max(n, 0);
  }
  close() {}
}

/*
 * A source that fails after giving some values of a batch hands those out
 * first and fails at the next fill: what a reader one value at a time sees,
 * and what another branch of a tee reading the same batch must see too.
 */
function keepFailure(holder, error, k) {
  if (k === 0) throw error;
  holder.failure = { error };
  return k;
}

/* The error kept by keepFailure (or by chain, on its Stages), handed over once. */
function takeFailure(holder) {
  const { error } = holder.failure;
  holder.failure = null;
  return error;
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

/* What IteratorAdapter.read returns at the iterator's end: no value can be it. */
export const DONE = Symbol('done');

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
    this.failure = null;
  }
  /* typedPtr: where the batch ends by type, as for chains (typeRule). */
  fill(at, cap, typedPtr = 0) {
    if (this.failure !== null) throw takeFailure(this);
    let k = 0, typed = typedPtr === 0 ? 0 : u32view()[typedPtr >>> 2];
    try {
      while (k < cap) {
        const v = this.read();
        if (v === DONE) break;
        writeSlot(at + k++, v);
        if (typed !== 0 && (typed = typeRule(typed, v)) < 0) { typed = -typed; break; }
      }
    } catch (e) {
      k = keepFailure(this, e, k);
    }
    if (typedPtr !== 0) u32view()[typedPtr >>> 2] = typed;
    return k;
  }
  /* The next value, or DONE: one next() call (TC39 IteratorStepValue). */
  read() {
    if (this.failure !== null) throw takeFailure(this);
    if (this.done) return DONE;   // never ask a finished iterator again
    try {
      const r = this.next.call(this.iterator);
      if (!isObject(r)) throw new TypeError(`Iterator result ${String(r)} is not an object`);
      if (r.done) {
        this.done = true;
        return DONE;
      }
      return r.value;
    } catch (e) {
      this.done = true;   // a throwing iterator is not closed
      throw e;
    }
  }
  close(abrupt) {
    if (this.done) return;
    this.done = true;
    const ret = this.iterator.return;
    if (ret === undefined || ret === null) return;
    if (typeof ret !== 'function') throw new TypeError(`the iterator's return is ${describe(ret)}, not a function`);
    const r = ret.call(this.iterator);
    if (!abrupt && !isObject(r)) throw new TypeError(`Iterator return() result ${String(r)} is not an object`);
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
  if (!isObject(value)) {
    throw new TypeError(`flatMap: the callback returned ${describe(value)}, which is not an iterable object`);
  }
  const method = value[Symbol.iterator];
  if (method === undefined || method === null) return iteratorAdapter(value);
  if (Array.isArray(value) && method === Array.prototype[Symbol.iterator]) return new ArrayAdapter(value);
  const iterator = method.call(value);
  if (!isObject(iterator)) throw new TypeError('flatMap: [Symbol.iterator]() did not return an object');
  return iteratorAdapter(iterator);
}

/* ECMAScript's "is an Object" (what an iterator result must be), without calling Object(). */
export function isObject(x) {
  return (typeof x === 'object' && x !== null) || typeof x === 'function';
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

/* A throw from user code, kept as the pending error: what the import returns. */
function failed(e) {
  pending = e;
  return LW_EHOST;
}

/* Run user code for the core; a throw becomes the pending error and LW_EHOST. */
function guarded(body) {
  try {
    return body();
  } catch (e) {
    return failed(e);
  }
}

function call(fnHandle, mode, inPtr, outPtr, n, index0) {
  const fn = deref(fnHandle), at = inPtr >>> 3, out = outPtr >>> 3;
  let i = 0;
  try {
    switch (mode) {
      // The hot loops read numbers straight from the view and take the slow
      // path only for handles (and NaN); fn may grow memory, which detaches the view.
      case CALL_MAP: {
        let f64 = views();
        for (; i < n; i++) {
          const x = f64[at + i];
          const r = fn(x === x ? x : readSlot(at + i, true), index0 + i);
          if (f64.length === 0) f64 = views();
          if (typeof r === 'number' && r === r) f64[out + i] = r;
          else writeSlot(out + i, r);
        }
        return n;
      }
      case CALL_EVAL:
      case CALL_TEST: {
        let f64 = views(), u8 = u8view();
        for (; i < n; i++) {
          const x = f64[at + i];
          const v = x === x ? x : readSlot(at + i, false);
          const ok = fn(v, index0 + i) ? 1 : 0;
          if (u8.length === 0) { f64 = views(); u8 = u8view(); }
          u8[outPtr + i] = ok;
          if (!ok && mode === CALL_TEST) return i + 1;
        }
        return n;
      }
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
      case CALL_APPLY: {   // a recurrence's fn of its last n values (borrowed) and the index
        const args = new Array(n + 1);
        for (; i < n; i++) args[i] = readSlot(at + i, false);
        args[n] = index0;
        writeSlot(out, fn(...args));
        return 1;
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

/*
 * A chain of JS map, filter, scan, takeWhile and dropWhile stages
 * (csrc/chain.c): each value through every stage in order, as TC39
 * interleaves the calls. The stages as built are csrc/lwcore.h lw_Stage
 * { u32 fn, u32 kind, slot acc }, 16 bytes each; this side runs its own copy
 * of them (Stages), where indexes, accumulators and kinds advance.
 */
const STAGE_MAP = 0, STAGE_FILTER = 1, STAGE_SCAN = 2, STAGE_TAKEWHILE = 4, STAGE_DROPWHILE = 5;   // 3: LW_STAGE_SEED
const STAGE_PASS = 6;   // this side only: a dropWhile whose predicate was falsy once

/*
 * Batches that end by type (csrc/lwcore.h, lw_host_chain's '*typed'): after v,
 * the type state to go on with, negated when the batch ends there. 0: no rule;
 * TYPE_EACH: end after every value that is not a number.
 */
const TYPE_NUMBER = 1, TYPE_BIGINT = 2, TYPE_OTHER = 3, TYPE_EACH = 4;
function typeRule(typed, v) {
  if (typed === 0) return 0;
  if (typed === TYPE_EACH) return typeof v === 'number' ? TYPE_EACH : -TYPE_EACH;
  const type = typeof v === 'number' ? TYPE_NUMBER : typeof v === 'bigint' ? TYPE_BIGINT : TYPE_OTHER;
  return type === typed ? type : -type;
}

/* A chain's stages as this side runs them: made at its first call, then advanced here. */
class Stages {
  constructor(stagesPtr, n, stoppedAt) {
    const u32 = u32view(), at = stagesPtr >>> 3;
    this.stoppedAt = stoppedAt;   // u32 index of lw_Stages.stopped
    this.failedAt = stoppedAt + 1;   // and of lw_Stages.failed
    this.failure = null;          // a stage's error, thrown at the next call (see chain)
    this.fns = [];
    this.kinds = [];
    this.index = [];
    this.accs = [];
    for (let s = 0; s < n; s++) {
      this.fns.push(deref(u32[2 * (at + 2 * s)]));
      this.kinds.push(u32[2 * (at + 2 * s) + 1]);
      this.index.push(0);
      // a scan's initial value: the chain keeps its handle
      this.accs.push(this.kinds[s] === STAGE_SCAN ? readSlot(at + 2 * s + 1, false) : undefined);
    }
  }
}

/* The Stages of the csrc/lwcore.h lw_Stages at listPtr (stages, n, state, stopped), made and held at the first call. */
export function stagesOf(listPtr) {
  const u32 = u32view(), at = listPtr >>> 2;
  if (u32[at + 2] === 0) {
    const h = hold(new Stages(u32[at], u32[at + 1], at + 3));
    u32view()[at + 2] = h;
  }
  return deref(u32view()[at + 2]);
}

/* The stages of a pipeline that is a JS iterator alone (csrc/api.c lw_tail_iterator): none. */
export const NO_STAGES = Object.freeze({ fns: [], kinds: [], index: [], accs: [], stoppedAt: 0 });

/* What runStages returns for a value a filter or dropWhile dropped: no value can be it. */
export const DROPPED = Symbol('dropped');
/*
 * One value through every stage in order (TC39's calls): the value that
 * comes out, DROPPED, or DONE once a takeWhile's predicate was falsy: no
 * value comes out any more, and the chain, told through lw_Stages.stopped,
 * closes its source at its next pull.
 */
export function runStages(st, v) {
  const { fns, kinds, index, accs } = st;
  for (let s = 0; s < fns.length; s++) {
    const kind = kinds[s];
    if (kind === STAGE_MAP) v = fns[s](v, index[s]++);
    else if (kind === STAGE_FILTER) {
      if (!fns[s](v, index[s]++)) return DROPPED;
    } else if (kind === STAGE_SCAN) v = accs[s] = fns[s](accs[s], v, index[s]++);
    else if (kind === STAGE_PASS) continue;
    else if (kind === STAGE_DROPWHILE) {
      if (fns[s](v, index[s]++)) return DROPPED;
      kinds[s] = STAGE_PASS;
    } else if (kind === STAGE_TAKEWHILE) {
      if (!fns[s](v, index[s]++)) {
        u32view()[st.stoppedAt] = 1;
        return DONE;
      }
    } else {   // STAGE_SEED, a scan's first value without an initial one: passed on as it is
      accs[s] = v;
      index[s]++;
      kinds[s] = STAGE_SCAN;
    }
  }
  return v;
}

/*
 * The next value that comes out of the stages from `iterator`, reading as
 * many as that takes, or DONE: at its end, when a takeWhile stopped, or when
 * the count of values it may still be asked for (a take folded into its host
 * node, f64 index `leftAt`) is 0. The count goes down in place, value by value: a callback
 * may read the same iterator meanwhile (through a tee).
 */
export function readThrough(iterator, st, leftAt) {
  let f64 = views(), v;
  for (;;) {
    if (f64[leftAt] === 0 || (v = iterator.read()) === DONE) return DONE;
    if (f64.length === 0) f64 = views();   // next() grew the memory
    f64[leftAt]--;
    if ((v = runStages(st, v)) !== DROPPED) return v;
    if (f64.length === 0) f64 = views();   // so did a stage
  }
}

/*
 * Run the n values at ioPtr through the stages, writing those kept back from
 * ioPtr: returns how many were used (lw_host_chain), the kept count in
 * *keptPtr, which holds the most that may come out on entry; a takeWhile
 * that stops ends the run (lw_Stages.stopped is set). Given an IteratorAdapter instead, values are read from it
 * (readThrough, counting down *leftPtr) until n are kept or it has no more:
 * returns how many were kept (lw_host_fillchain).
 */
function chain(listPtr, ioPtr, n, typedPtr, keptPtr, iterator = null, leftPtr = 0) {
  const st = stagesOf(listPtr), io = ioPtr >>> 3, most = iterator === null ? u32view()[keptPtr >>> 2] : n;
  if (st.failure !== null) throw takeFailure(st);   // called with no values (lw_Stages.failed): the error kept last time
  let f64 = views(), typed = u32view()[typedPtr >>> 2], i = 0, kept = 0, stopped = false;
  try {
    for (; !stopped; i++) {
      let v;
      if (iterator === null) {
        if (i >= n) break;
        const x = f64[io + i];
        if ((v = runStages(st, x === x ? x : readSlot(io + i, true))) === DONE) {   // a takeWhile stopped
          i++;
          break;
        }
      } else if (kept >= n || (v = readThrough(iterator, st, leftPtr >>> 3)) === DONE) {
        break;
      }
      if (f64.length === 0) f64 = views();   // user code grew the memory
      if (v === DROPPED) continue;
      if (typeof v === 'number' && v === v) f64[io + kept] = v;
      else writeSlot(io + kept, v);
      kept++;
      typed = typeRule(typed, v);   // a consumer that stops by type: end the batch here?
      if (typed < 0) { typed = -typed; stopped = true; }
      if (kept === most) stopped = true;   // as many as the consumer asked for
    }
  } catch (e) {
    if (iterator === null) releaseSlots(io + i + 1, n - i - 1);   // the inputs after the failing one never run
    // Values were kept before the error: they go out first (what a reader one value at a
    // time sees, and what the other branches of a tee must see), and the error at the next
    // pull (none kept: now). The iterator's next() failed: it is done then (a stage's error
    // comes after a value was read), and fails again at its next read, as after a plain fill.
    // A stage threw: the chain calls again with no values (lw_Stages.failed).
    const failedRead = iterator !== null && iterator.done;
    keepFailure(failedRead ? iterator : st, e, kept);
    if (!failedRead) u32view()[st.failedAt] = 1;
    i = n;   // all used
  }
  const u32 = u32view();
  u32[typedPtr >>> 2] = typed;
  if (iterator !== null) return kept;
  u32[keptPtr >>> 2] = kept;
  return i;
}

function pack(ptr, n) {
  const at = ptr >>> 3, array = new Array(n), f = views();   // reading a slot allocates nothing in WASM memory
  for (let i = 0; i < n; i++) {
    const v = f[at + i];
    array[i] = v === v ? v : readSlot(at + i, true);
  }
  return hold(array);
}

/* k arrays of `width` slots, row i from slot in + i * stride (csrc/lwcore.h lw_host_packrows). */
function packrows(inPtr, width, k, stride, consume, outPtr) {
  const at = inPtr >>> 3, out = outPtr >>> 3, take = consume !== 0;
  const f = views();   // reading or writing a slot allocates nothing in WASM memory
  let i = 0;
  try {
    for (; i < k; i++) {
      const row = new Array(width), from = at + i * stride;
      for (let j = 0; j < width; j++) {
        const v = f[from + j];
        row[j] = v === v ? v : readSlot(from + j, take);
      }
      writeSlot(out + i, row);
    }
  } catch (e) {   // out of memory in JS: let go of the arrays made and the slots not taken
    releaseSlots(out, i);
    if (take) releaseSlots(at + (i + 1) * stride, (k - i - 1) * stride);
    throw e;
  }
  return k;
}

function sameValueZero(a, b) {
  return a === b || (a !== a && b !== b);
}

/*
 * Closing after another error: that error wins, this one is dropped (TC39
 * IteratorClose). The core closes a failing node's sources before it reports
 * the error (csrc/node.c settle), so that error may still be pending here: a
 * return() that runs pipelines of its own, failing ones even, must not
 * replace or take it.
 */
function closeQuietly(adapter) {
  const reported = pending;
  try {
    adapter.close(true);
  } catch { /* the original error is the one reported */ } finally {
    pending = reported;
  }
  return 0;
}

export const hostImports = {
  lw_host_retain: retain,
  lw_host_release: release,
  // Called per value or per batch: no closure for guarded.
  lw_host_fill(h, ptr, cap, typed) {
    try {
      return deref(h).fill(ptr >>> 3, cap, typed);
    } catch (e) {
      return failed(e);
    }
  },
  lw_host_close: (h, abrupt) => (abrupt ? closeQuietly(deref(h)) : guarded(() => { deref(h).close(false); return 0; })),
  lw_host_call(fn, mode, inPtr, outPtr, n, i0) {
    try {
      return call(fn, mode, inPtr, outPtr, n, i0);
    } catch (e) {
      return failed(e);
    }
  },
  lw_host_pack: pack,
  lw_host_packrows: (inPtr, width, k, stride, consume, outPtr) => guarded(() => packrows(inPtr, width, k, stride, consume, outPtr)),
  lw_host_same: (a, b) => (sameValueZero(deref(a), deref(b)) ? 1 : 0),
  lw_host_seen: (set, h) => {
    const s = deref(set), v = deref(h);
    if (s.has(v)) return 0;
    s.add(v);
    return 1;
  },
  lw_host_chain(stages, io, n, typed, kept) {
    try {
      return chain(stages, io, n, typed, kept);
    } catch (e) {
      return failed(e);
    }
  },
  lw_host_fillchain(src, stages, out, cap, typed, left) {
    try {
      return chain(stages, out, cap, typed, 0, deref(src), left);
    } catch (e) {
      return failed(e);
    }
  },
  // A deferred concat input (csrc/combine.c): build its pipeline now; 0 with the error pending if that throws.
  lw_host_open: (h) => {
    const node = guarded(() => deref(h).build());
    return node === LW_EHOST ? 0 : node;
  },
  ...bigintImports,   // exact integers: BigInts to and from limbs (lib/bigints.js)
  // Byte streams (csrc/bytes.c, lib/feeds.js): decode finished lines; Number() of tokens C does not parse.
  lw_host_text: (base, spans, n, out) => guarded(() => hostText(base, spans, n, out)),
  lw_host_number: hostNumber,
  // Hot compiled callbacks as WebAssembly (lib/jit.js).
  lw_host_jit: jit,
  lw_host_unjit: unjit,
};
