// Running a sequence: build its C nodes into a pipe, pull batches from it, and
// always close and free it (done, early exit, thrown callback, abandoned).

import { E, views } from './engine.js';
import { readSlot, releaseSlots, deref } from './values.js';
import { statusError } from './errors.js';
import { stagesOf, runStages, readThrough, DROPPED, DONE, NO_STAGES } from './host.js';

export const BATCH = 256;        // csrc/lw.h LW_BATCH
const LW_ENOMEM = -2;

// A pipe dropped without being closed (an abandoned iterator) is freed when
// its iterator is collected. Freeing runs no user code, so no return() is called.
const abandoned = new FinalizationRegistry((pipe) => E.lw_free(pipe));

// Batch buffers of finished iterators, for the next ones: allocating a
// Float64Array of a batch costs microseconds (it lives outside the JS heap),
// many times what a short for…of costs otherwise.
const spareBatches = [];
const MAX_SPARE = 8;
const NO_BATCH = new Float64Array(0);

/** Build `seq`'s nodes into a new pipe; throws what building threw. */
export function openPipe(seq, method, perValue = false) {
  const node = seq.build(perValue);
  const pipe = E.lw_pipe(node);
  if (pipe === 0) {
    E.lw_node_free(node);
    throw statusError(method, LW_ENOMEM);
  }
  return pipe;
}

/** Close after an error from the pipeline or from user code: other errors are dropped. */
function closeAbruptly(pipe) {
  E.lw_close(pipe, 1);
}

/**
 * Pull every value of `seq` into `visit(value, index)` until it returns true
 * (then the pipeline is closed normally, as TC39's some/every/find close).
 * `runsUserCode`: visit calls user code, so an observable pipeline is read one
 * value at a time and user code runs in TC39's interleaved order.
 */
export function drain(seq, method, runsUserCode, visit) {
  const pipe = openPipe(seq, method, runsUserCode);
  const cap = runsUserCode && E.lw_observable(pipe) ? 1 : BATCH;
  const at = E.lw_pipe_buf(pipe) >>> 3;
  let k = 0, i = 0, index = 0;
  try {
    for (;;) {
      k = E.lw_pull(pipe, cap);
      i = 0;
      if (k < 0) {
        const error = statusError(method, k);
        k = 0;
        closeAbruptly(pipe);
        throw error;
      }
      if (k === 0) return;
      while (i < k) {
        const value = readSlot(at + i, true);
        i++;
        if (visit(value, index++)) {
          releaseSlots(at + i, k - i);
          k = i;
          const status = E.lw_close(pipe, 0);
          if (status < 0) throw statusError(method, status);
          return;
        }
      }
    }
  } catch (error) {
    releaseSlots(at + i, k - i);
    closeAbruptly(pipe);   // a no-op when the pipeline was already closed
    throw error;
  } finally {
    E.lw_free(pipe);
  }
}

/**
 * Run a sink of the core (`run(pipe)` returns a status) and read its result
 * with `result(pipe)` before the pipe is freed. `perValue`: the sink reads one
 * value at a time (openPipe).
 */
export function runSink(seq, method, run, result, perValue = false) {
  const pipe = openPipe(seq, method, perValue);
  try {
    const status = run(pipe);
    if (status < 0) {   // LW_ETYPE and LW_EMIX leave the offending value in the result slot
      const offending = status === -3 || status === -5 ? readSlot(E.lw_pipe_res(pipe) >>> 3, true) : undefined;
      const error = statusError(method, status, offending);
      closeAbruptly(pipe);
      throw error;
    }
    return result(pipe);
  } finally {
    E.lw_free(pipe);
  }
}

/**
 * The iterator of a sequence. Values come from the pipe a batch at a time when
 * nothing can observe the read-ahead, one at a time when the pipeline calls
 * user code (cap 1), so `next()` runs exactly the user code TC39 would. When
 * the pipeline ends in JS stages (tail mode, csrc/api.c lw_tail), each next()
 * runs them here on the next value until one comes out: values read a batch
 * at a time from a source that runs no user code, or one at a time from a JS
 * iterator under them (or alone), read here too.
 */
export class SeqIterator {
  #pipe;
  #nums = spareBatches.pop() ?? new Float64Array(BATCH);
  #values = [];
  #others = 0;
  #pos = 0;
  #len = 0;
  #cap;
  #at;
  #running = false;
  #stages = null;   // tail mode: the stages run here (lib/host.js runStages)
  #tpos = 0;        // tail mode: the inputs read, and the next one to run (#len stays 0)
  #tlen = 0;
  #iterator = null; // tail mode over a JS iterator: its adapter, and where its host node
  #leftAt = 0;      // counts down the values it may still read (f64 index)

  constructor(pipe) {
    this.#pipe = pipe;
    this.#cap = BATCH;
    if (E.lw_observable(pipe)) {
      const tail = E.lw_tail(pipe), iterator = E.lw_tail_iterator(pipe);
      if (tail !== 0 || iterator !== 0) this.#stages = tail !== 0 ? stagesOf(tail) : NO_STAGES;
      else this.#cap = 1;
      if (iterator !== 0) {
        this.#iterator = deref(iterator);
        this.#leftAt = E.lw_tail_left(pipe) >>> 3;
      }
    }
    this.#at = E.lw_pipe_buf(pipe) >>> 3;
    abandoned.register(this, pipe, this);
  }

  // Small, so that V8 inlines it into the caller's for…of, and with one place
  // that makes the result object (the slow paths return the value, or DONE),
  // so that V8 need not allocate it: with a result object made on each path,
  // a for…of over numbers allocated it per value, 8 times the garbage.
  // A batch's numbers are copied out of WASM memory in one move (#nums); a
  // slot that is not a number (NaN there) takes its value from #values,
  // filled for those slots only.
  next() {
    const pos = this.#pos;
    let v;
    if (pos < this.#len) {
      this.#pos = pos + 1;
      v = this.#nums[pos];
      if (v !== v) v = this.#values[pos];
    } else {
      v = this.#stages === null ? this.#refill() : this.#iterator === null ? this.#nextTail() : this.#nextRead();
    }
    const done = v === DONE;
    return { value: done ? undefined : v, done };
  }

  #refill() {
    if ((this.#len = this.#pull(false)) === 0) return DONE;
    this.#pos = 1;
    const v = this.#nums[0];
    return v === v ? v : this.#values[0];
  }

  /* Tail mode: the next input through the stages, and the next, until a value comes out. */
  #nextTail() {
    if (this.#running) throw new TypeError('Iterator is already running');
    for (;;) {
      while (this.#tpos < this.#tlen) {
        const pos = this.#tpos++, x = this.#nums[pos];
        let v = x;
        if (x !== x) {
          v = this.#values[pos];
          this.#values[pos] = undefined;   // handed on: not held here
        }
        this.#running = true;
        try {
          v = runStages(this.#stages, v);
        } catch (error) {   // as a stage's own error: its source is closed, the iterator done
          this.#tpos = this.#tlen = 0;
          if (this.#others !== 0) this.#dropOthers();
          closeAbruptly(this.#pipe);
          this.#release();
          throw error;
        } finally {
          this.#running = false;
        }
        if (v === DONE) {   // a takeWhile stopped: the core closes the source at the pull
          this.#tpos = this.#tlen = 0;
          return this.#refill();
        }
        if (v !== DROPPED) return v;
      }
      this.#tpos = 0;
      if ((this.#tlen = this.#pull(true)) === 0) return DONE;
    }
  }

  /* Tail mode over a JS iterator: read values and run the stages here, until one comes out. */
  #nextRead() {
    const pipe = this.#pipe;
    if (pipe === 0) return DONE;
    if (this.#running) throw new TypeError('Iterator is already running');
    let v;
    this.#running = true;
    try {
      v = readThrough(this.#iterator, this.#stages, this.#leftAt);
    } catch (error) {   // a throwing next() is not closed (the adapter knows), a throwing stage's source is
      closeAbruptly(pipe);
      this.#release();
      throw error;
    } finally {
      this.#running = false;
    }
    // At its end or take's limit the core's pull finishes: it closes the iterator at the limit, as take does.
    return v === DONE ? this.#refill() : v;
  }

  /*
   * The next batch into #nums and #values (from the tail's source in tail
   * mode): its size, or 0 at the end, the pipe then let go; the pipeline's
   * error is thrown.
   */
  #pull(tail) {
    const pipe = this.#pipe;
    if (pipe === 0) return 0;
    if (this.#running) throw new TypeError('Iterator is already running');
    this.#running = true;
    let k;
    try {
      k = tail ? E.lw_pull_tail(pipe, BATCH) : E.lw_pull(pipe, this.#cap);
    } finally {
      this.#running = false;
    }
    if (this.#others !== 0) this.#dropOthers();
    this.#pos = this.#len = 0;
    if (k > 0) {
      const at = this.#at, nums = this.#nums, view = views();
      // A whole batch in one move; one value (a pipeline calling user code) by
      // hand, since making the subarray would cost more than the value.
      if (k === 1) nums[0] = view[at];
      else nums.set(view.subarray(at, at + k));
      for (let i = 0; i < k; i++) {
        if (nums[i] !== nums[i]) {
          this.#values[i] = readSlot(at + i, true);
          this.#others++;
        }
      }
      return k;
    }
    if (k < 0) {
      const error = statusError('next', k);
      this.#tpos = this.#tlen = 0;   // tail mode: nothing left to run the stages on
      closeAbruptly(pipe);
      this.#release();
      throw error;
    }
    this.#release();
    return 0;
  }

  /* The last batch's values that were not numbers, no longer referenced from here. */
  #dropOthers() {
    this.#values.fill(undefined);
    this.#others = 0;
  }

  return() {
    const pipe = this.#pipe;
    if (this.#running) throw new TypeError('Iterator is already running');
    if (pipe !== 0) {
      if (this.#others !== 0) this.#dropOthers();
      this.#pos = this.#len = this.#tpos = this.#tlen = 0;
      let status;
      this.#running = true;
      try {
        status = E.lw_close(pipe, 0);
      } finally {
        this.#running = false;
        this.#release();
      }
      if (status < 0) throw statusError('return', status);
    }
    return { value: undefined, done: true };
  }

  [Symbol.iterator]() { return this; }

  /* Let go of the pipe and the batch buffer: nothing is left to read (#pos/#len, #tpos/#tlen are 0). */
  #release() {
    E.lw_free(this.#pipe);
    abandoned.unregister(this);
    this.#pipe = 0;
    if (this.#nums !== NO_BATCH && spareBatches.length < MAX_SPARE) spareBatches.push(this.#nums);
    this.#nums = NO_BATCH;
  }
}

// Where the runtime has TC39 iterator helpers, our iterators are Iterators too.
if (typeof Iterator === 'function' && Iterator.prototype) {
  Object.setPrototypeOf(SeqIterator.prototype, Iterator.prototype);
}
