// Async sequences: fromAsync(source) and the same operators as Seq, consumed
// with for await or with sinks that return promises. An AsyncSeq wraps a Seq
// whose source nodes are fed from JS (lib/feeds.js): the C pipeline stays
// synchronous, and a pull that finds a source empty returns LW_NEEDMORE;
// the wrapper then awaits one read of that async source and pulls again. The
// stages are the Seq's own (same checks, same C nodes, same laziness);
// callbacks are synchronous functions, called as the sync helpers call them.

import { E } from './engine.js';
import { hold, release, readSlot, releaseSlots } from './values.js';
import { describe, isObject } from './host.js';
import { checkFunction, toLimit, toSize, statusError } from './errors.js';
import { Seq } from './seq.js';
import { openPipe, BATCH } from './pipe.js';
import { compressNode } from './itertools.js';
import { groupBy } from './asyncgroups.js';
import {
  LW_NEEDMORE, Feeds, ValueFeed, ByteFeed, asyncIteratorSource, syncIteratorSource, streamSource,
} from './feeds.js';

const LW_ENOMEM = -2, LW_ETYPE = -3, LW_EMIX = -5;

/*
 * The feeds of the pipeline being built or pulled: its sources' build() adds
 * theirs (concat builds an input when it reaches it, during a pull).
 */
let active = null;

function within(feeds, f) {
  const outer = active;
  active = feeds;
  try {
    return f();
  } finally {
    active = outer;
  }
}

/** Build `seq`'s pipeline: its pipe and the feeds of its sources. */
function openAsync(seq, method) {
  const feeds = new Feeds();
  const pipe = within(feeds, () => openPipe(seq, method));
  return { pipe, feeds };
}

/* Feeds that C closed (take at its limit, takeWhile, return()) have closes to await. */
const settle = (feeds) => feeds.settle();

/*
 * After an error: close the pipeline abruptly (its source is cancelled unless
 * it ended or broke), wait for that, and return `error` to throw.
 */
async function closeAbruptly(pipe, feeds, error) {
  E.lw_close(pipe, 1);
  await settle(feeds);
  return error;
}

/**
 * Run `step(pipe)` (a pull or a resumable sink: a status or a count) until it
 * is not LW_NEEDMORE, feeding the source in between. An error from the
 * source closes the pipeline and is thrown.
 */
async function run(pipe, feeds, step) {
  for (;;) {
    const k = within(feeds, () => step(pipe));
    if (k !== LW_NEEDMORE) return k;
    try {
      await feeds.more();
    } catch (e) {
      throw await closeAbruptly(pipe, feeds, e);
    }
  }
}

export class AsyncSeq {
  #seq;
  #open;

  /** @internal Use fromAsync() to make async sequences. */
  constructor(seq, open = null) {
    this.#seq = seq;
    this.#open = open;   // fromAsync's sequence itself: how to open its source again, for lines()/numbers()
  }

  [Symbol.asyncIterator]() { return new AsyncSeqIterator(openAsync(this.#seq, '[Symbol.asyncIterator]')); }

  // ---- transforms: the Seq's stages, over the fed source ----
  map(fn) { return new AsyncSeq(this.#seq.map(fn)); }
  filter(fn) { return new AsyncSeq(this.#seq.filter(fn)); }
  takeWhile(fn) { return new AsyncSeq(this.#seq.takeWhile(fn)); }
  dropWhile(fn) { return new AsyncSeq(this.#seq.dropWhile(fn)); }
  flatMap(fn) { return new AsyncSeq(this.#seq.flatMap(fn)); }
  scan(fn, ...init) { return new AsyncSeq(this.#seq.scan(fn, ...init)); }
  take(limit) { return new AsyncSeq(this.#seq.take(limit)); }
  drop(limit) { return new AsyncSeq(this.#seq.drop(limit)); }
  slice(start, stop, step) { return new AsyncSeq(this.#seq.slice(start, stop, step)); }
  enumerate(start) { return new AsyncSeq(this.#seq.enumerate(start)); }
  chunk(size) { return new AsyncSeq(this.#seq.chunk(size)); }
  window(size) { return new AsyncSeq(this.#seq.window(size)); }
  pairwise() { return new AsyncSeq(this.#seq.pairwise()); }
  dedupe() { return new AsyncSeq(this.#seq.dedupe()); }
  unique() { return new AsyncSeq(this.#seq.unique()); }
  cycle() { return new AsyncSeq(this.#seq.cycle()); }

  // ---- itertools over one input: the Seq's nodes too ----
  starmap(fn) { return new AsyncSeq(this.#seq.starmap(fn)); }
  batched(n, options) { return new AsyncSeq(this.#seq.batched(n, options)); }
  flatten(depth) { return new AsyncSeq(this.#seq.flatten(depth)); }
  accumulate(fn, ...init) { return new AsyncSeq(this.#seq.accumulate(fn, ...init)); }

  // ---- several inputs: each other input is an AsyncSeq, or anything fromAsync takes ----
  zip(...others) { return new AsyncSeq(this.#seq.zip(...fedInputs(others, 'zip'))); }
  concat(...others) { return new AsyncSeq(this.#seq.concat(...fedInputs(others, 'concat'))); }
  interleave(...others) { return new AsyncSeq(this.#seq.interleave(...fedInputs(others, 'interleave'))); }
  roundrobin(...others) { return new AsyncSeq(this.#seq.roundrobin(...fedInputs(others, 'roundrobin'))); }
  compress(selectors) { return new AsyncSeq(this.#seq.compress(fedInputs([selectors], 'compress')[0])); }

  zipLongest(...args) {
    const last = args[args.length - 1];
    const hasOptions = args.length > 0 && last !== null && typeof last === 'object' && !isSourceLike(last);
    const others = hasOptions ? args.slice(0, -1) : args;
    return new AsyncSeq(this.#seq.zipLongest(...fedInputs(others, 'zipLongest'), hasOptions ? last : {}));
  }

  /**
   * `n` one-shot async sequences that each see every value of this one, as
   * Seq's tee (the same C group). The branches may run in several pipelines,
   * even at once: each value is read from the source once, when the leading
   * branch needs it, and the source is closed when every branch is closed.
   */
  tee(n = 2) {
    toSize('tee', 'n', n, 0);
    const shared = new Feeds();   // the source's feeds, made when the first branch is built
    const source = new Seq(() => within(shared, () => this.#seq.build()), 'tee', [this.#seq]);
    // explain() shows a branch as Seq's: this sequence's stages, then tee[i]
    return source.tee(n).map((branch, i) => new AsyncSeq(new Seq(() => {
      active.share(shared);
      return branch.build();
    }, `tee[${i}]`, [this.#seq])));
  }

  /** [falses, trues], as Seq's partition: tee and compress over one read of the source, `pred` called once per value. */
  partition(pred) {
    checkFunction('partition', pred);
    const [falses, trues, tested] = this.tee(3);
    const [p1, p2] = tested.map(pred).tee(2);
    return [new AsyncSeq(compressNode('partition', falses.#seq, p1.#seq, true)),
      new AsyncSeq(compressNode('partition', trues.#seq, p2.#seq, false))];
  }

  /** [key, group] for each run of values with the same key (SameValueZero), as Seq's groupBy; each group is a one-shot AsyncSeq. */
  groupBy(keyFn) { return groupBy(this, keyFn, fromAsync); }

  /** @internal The Seq over the fed sources, for the operators that take other async sequences. */
  static seqOf(input) { return input.#seq; }

  /** The UTF-8 text of a byte stream, line by line ("\n" or "\r\n" ends a line). */
  lines() { return new AsyncSeq(byteSource('lines', this.#byteSource('lines'), E.lw_lines)); }

  /** Number(token) for each whitespace-separated token of a byte stream. */
  numbers() { return new AsyncSeq(byteSource('numbers', this.#byteSource('numbers'), E.lw_numbers)); }

  #byteSource(method) {
    if (this.#open === null) {
      throw new TypeError(`${method}: call it on fromAsync(stream) itself, whose values are the stream's byte chunks`);
    }
    return this.#open;
  }

  // ---- sinks: promises ----
  async toArray() {
    const out = [];
    await drain(this.#seq, 'toArray', false, (v) => { out.push(v); });
    return out;
  }

  async forEach(fn) {
    checkFunction('forEach', fn);
    await drain(this.#seq, 'forEach', true, (v, i) => { fn(v, i); });
  }

  async join(separator) {
    const sep = separator === undefined ? ',' : `${separator}`;
    let out = '', first = true;
    await drain(this.#seq, 'join', true, (v) => {
      out += (first ? '' : sep) + (v === undefined || v === null ? '' : `${v}`);
      first = false;
    });
    return out;
  }

  async includes(value) {
    let found = false;
    await drain(this.#seq, 'includes', true, (v) => (found = v === value || (v !== v && value !== value)));
    return found;
  }

  /** TC39 reduce, as Seq's: scan(fn, init) read to its last value in the core. */
  async reduce(fn, ...init) {
    checkFunction('reduce', fn);
    const { count, value } = await sink(this.#seq.scan(fn, ...init), 'reduce', E.lw_last, HELD);
    if (count !== 0) return value;
    if (init.length > 0) return init[0];
    throw new TypeError('reduce: the sequence is empty and no initial value was given');
  }

  /** The values as a Float64Array; a value that is not a number is a TypeError (as Seq's). */
  async toFloat64Array() {
    const out = [];
    await drain(this.#seq, 'toFloat64Array', true, (v) => {
      if (typeof v !== 'number') throw statusError('toFloat64Array', LW_ETYPE, v);
      out.push(v);
    });
    return Float64Array.from(out);
  }

  async some(fn) {
    checkFunction('some', fn);
    return (await firstOf(this.#seq.filter(fn), 'some', 0)).found;
  }

  async every(fn) {
    checkFunction('every', fn);
    return !(await firstOf(this.#seq.dropWhile(fn), 'every', 0)).found;
  }

  async find(fn) {
    checkFunction('find', fn);
    return (await firstOf(this.#seq.filter(fn), 'find', 0)).value;
  }

  async first() { return (await firstOf(this.#seq, 'first', 0)).value; }
  async nth(index) { return (await firstOf(this.#seq, 'nth', toLimit('nth', 'index', index))).value; }

  async sum() { return (await sink(this.#seq, 'sum', E.lw_sum, NUMBER)).value; }
  async count() { return (await sink(this.#seq, 'count', E.lw_count, NONE)).count; }

  async mean() {
    const { count, value } = await sink(this.#seq, 'mean', E.lw_mean, NUMBER);
    return count === 0 ? undefined : value / count;
  }

  async min() { return valueOrUndefined(await sink(this.#seq, 'min', E.lw_min, NUMBER)); }
  async max() { return valueOrUndefined(await sink(this.#seq, 'max', E.lw_max, NUMBER)); }
  async last() { return valueOrUndefined(await sink(this.#seq, 'last', E.lw_last, HELD)); }

  /** How the pipeline runs, one line per stage (as Seq's explain). */
  explain() { return this.#seq.explain(); }
}

const valueOrUndefined = ({ count, value }) => (count === 0 ? undefined : value);

/**
 * Pull every value into `visit(value, index)` until it returns true (then the
 * pipeline is closed normally). `exact`: read an observable pipeline one value
 * at a time (visit runs user code, or stops early).
 */
async function drain(seq, method, exact, visit) {
  const { pipe, feeds } = openAsync(seq, method);
  const cap = exact && E.lw_observable(pipe) ? 1 : BATCH;
  const at = E.lw_pipe_buf(pipe) >>> 3;
  let k = 0, i = 0, index = 0;
  try {
    for (;;) {
      k = await run(pipe, feeds, (p) => E.lw_pull(p, cap));
      i = 0;
      if (k < 0) {
        const error = statusError(method, k);
        k = 0;
        throw await closeAbruptly(pipe, feeds, error);
      }
      await settle(feeds);
      if (k === 0) return;
      while (i < k) {
        const value = readSlot(at + i, true);
        i++;
        if (visit(value, index++)) {
          releaseSlots(at + i, k - i);
          k = i;
          const status = E.lw_close(pipe, 0);
          await settle(feeds);
          if (status < 0) throw statusError(method, status);
          return;
        }
      }
    }
  } catch (error) {
    releaseSlots(at + i, k - i);
    k = i;
    throw await closeAbruptly(pipe, feeds, error);   // a no-op on a pipeline already closed
  } finally {
    E.lw_free(pipe);
  }
}

/* The value at `index` of `seq`, if any: { found, value }; the pipeline is closed when it is found. */
async function firstOf(seq, method, index) {
  let found = false, value;
  await drain(seq, method, true, (v, i) => {
    if (i < index) return false;
    found = true;
    value = v;
    return true;
  });
  return { found, value };
}

/* What a sink leaves in the pipe's result slot: nothing, a number, or a value it holds once it has one. */
const NONE = 0, NUMBER = 1, HELD = 2;

/**
 * A resumable sink of the core (sum, count, min, max, last): it keeps its
 * progress in the pipe across LW_NEEDMORE. { count, value } when it is done.
 */
async function sink(seq, method, step, result) {
  const { pipe, feeds } = openAsync(seq, method);
  const res = E.lw_pipe_res(pipe) >>> 3;
  let status;
  try {
    status = await run(pipe, feeds, step);
  } catch (e) {
    // let go of what the sink held (a BigInt sum's progress is a value too)
    if (result !== NONE && E.lw_pipe_count(pipe) > 0) readSlot(res, true);
    E.lw_free(pipe);
    throw e;
  }
  try {
    if (status < 0) {
      const offending = status === LW_ETYPE || status === LW_EMIX ? readSlot(res, true) : undefined;
      throw await closeAbruptly(pipe, feeds, statusError(method, status, offending));
    }
    await settle(feeds);
    const count = E.lw_pipe_count(pipe);
    const value = result === NUMBER || (result === HELD && count > 0) ? readSlot(res, true) : undefined;
    return { count, value };
  } finally {
    E.lw_free(pipe);
  }
}

// A pipe dropped unfinished (an abandoned iterator) is freed when its iterator
// is collected; that runs no user code, so the source is not cancelled.
const abandoned = new FinalizationRegistry((pipe) => E.lw_free(pipe));

/**
 * The async iterator of an AsyncSeq. Calls are queued: each next() or
 * return() runs when the one before it has settled, as an async generator's.
 */
export class AsyncSeqIterator {
  #pipe;
  #feeds;
  #values = [];
  #pos = 0;
  #len = 0;
  #cap;
  #at;
  #queue = Promise.resolve();

  constructor({ pipe, feeds }) {
    this.#pipe = pipe;
    this.#feeds = feeds;
    this.#cap = E.lw_observable(pipe) ? 1 : BATCH;
    this.#at = E.lw_pipe_buf(pipe) >>> 3;
    abandoned.register(this, pipe, this);
  }

  next() { return this.#enqueue(() => this.#next()); }
  return() { return this.#enqueue(() => this.#return()); }

  [Symbol.asyncIterator]() { return this; }

  #enqueue(step) {
    const result = this.#queue.then(step);
    this.#queue = result.then(() => {}, () => {});
    return result;
  }

  async #next() {
    if (this.#pos < this.#len) {
      const value = this.#values[this.#pos];
      this.#values[this.#pos++] = undefined;
      return { value, done: false };
    }
    const pipe = this.#pipe, feeds = this.#feeds;
    if (pipe === 0) return { value: undefined, done: true };
    let k;
    try {
      k = await run(pipe, feeds, (p) => E.lw_pull(p, this.#cap));
    } catch (e) {
      this.#release();
      throw e;
    }
    if (k < 0) {
      const error = await closeAbruptly(pipe, feeds, statusError('next', k));
      this.#release();
      throw error;
    }
    try {
      await settle(feeds);   // a close that failed loses the values that came with it, as in the sync pull
    } catch (e) {
      releaseSlots(this.#at, k);
      this.#release();
      throw e;
    }
    if (k > 0) {
      const values = this.#values, at = this.#at;
      for (let i = 0; i < k; i++) values[i] = readSlot(at + i, true);
      this.#pos = 1;
      this.#len = k;
    }
    if (k === 0) {
      this.#release();
      return { value: undefined, done: true };
    }
    const value = this.#values[0];
    this.#values[0] = undefined;
    return { value, done: false };
  }

  async #return() {
    const pipe = this.#pipe;
    this.#values.fill(undefined);
    this.#pos = this.#len = 0;
    if (pipe === 0) return { value: undefined, done: true };
    const status = E.lw_close(pipe, 0);
    try {
      await settle(this.#feeds);
    } finally {
      this.#release();
    }
    if (status < 0) throw statusError('return', status);
    return { value: undefined, done: true };
  }

  #release() {
    if (this.#pipe === 0) return;
    E.lw_free(this.#pipe);
    abandoned.unregister(this);
    this.#pipe = 0;
  }
}

// Our iterators are async iterators of the runtime (and get its AsyncIterator helpers, where there are any).
Object.setPrototypeOf(AsyncSeqIterator.prototype, Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype));

// ---- sources ----

const isStream = (x) => typeof ReadableStream === 'function' && x instanceof ReadableStream;
/* A Node stream (Readable, fs.ReadStream, …): an async iterable that can be read once. */
const isNodeStream = (x) => typeof x.pipe === 'function' && typeof x.on === 'function';

/*
 * How to open `input` for one iteration: a function returning a source
 * (lib/feeds.js). An input that can be read only once (a stream, an iterator
 * that is its own iterable) gives a TypeError when opened a second time,
 * rather than silently nothing.
 */
function opener(input, method) {
  if (typeof input === 'function') {
    return () => {
      const made = input();
      if (!isObject(made)) throw new TypeError(`${method}: the function returned ${describe(made)}, not an async iterable or iterable`);
      return sourceOf(made, method).source;
    };
  }
  if (!isObject(input) && typeof input !== 'string') {
    throw new TypeError(`${method}: ${describe(input)} is not an async iterable, an iterable or a stream`);
  }
  if (!isStream(input) && typeof input[Symbol.asyncIterator] !== 'function' && typeof input[Symbol.iterator] !== 'function'
      && typeof input.next !== 'function') {
    throw new TypeError(`${method}: ${describe(input)} is not an async iterable, an iterable or a stream`);
  }
  let consumed = false;
  return () => {
    if (consumed) {
      throw new TypeError(`${method}: this sequence reads a stream or a one-shot iterator that was already read; `
        + 'pass a function that makes a new one to read it again');
    }
    const { source, once } = sourceOf(input, method);
    consumed = once;
    return source;
  };
}

/*
 * The source (lib/feeds.js) over an input: the stream's reader, its async
 * iterator, or its iterator; `once`: the input can't be read again.
 */
function sourceOf(input, method) {
  if (isStream(input)) return { source: streamSource(input), once: true };
  const asyncMethod = input[Symbol.asyncIterator];
  if (asyncMethod !== undefined && asyncMethod !== null) {
    const iterator = asyncMethod.call(input);
    if (!isObject(iterator)) throw new TypeError(`${method}: [Symbol.asyncIterator]() did not return an object`);
    return { source: asyncIteratorSource(iterator), once: iterator === input || isNodeStream(input) };
  }
  const syncMethod = typeof input === 'string' ? String.prototype[Symbol.iterator] : input[Symbol.iterator];
  if (syncMethod !== undefined && syncMethod !== null) {
    const iterator = syncMethod.call(input);
    if (!isObject(iterator)) throw new TypeError(`${method}: [Symbol.iterator]() did not return an object`);
    return { source: syncIteratorSource(iterator), once: iterator === input };
  }
  if (typeof input.next === 'function') return { source: asyncIteratorSource(input), once: true };
  throw new TypeError(`${method}: ${describe(input)} is not an async iterable, an iterable or a stream`);
}

/* A Seq whose source node is fed by `feed` (made at each build), added to the feeds of the pipeline being built. */
function fedSource(name, makeFeed, makeNode, method = name) {
  return new Seq(() => {
    const feed = makeFeed();
    const h = hold(feed);
    const node = makeNode(h);
    if (node === 0) {
      release(h);
      throw statusError(method, LW_ENOMEM);
    }
    feed.node = node;
    active.add(feed);
    return node;
  }, name, [], '', true);
}

function byteSource(method, open, make) {
  return fedSource(method, () => new ByteFeed(open(), method), make);
}

/* A plain object given last to zipLongest is its options; anything fromAsync reads is an input. */
const isSourceLike = (x) => isStream(x) || x instanceof AsyncSeq || typeof x[Symbol.asyncIterator] === 'function'
  || typeof x[Symbol.iterator] === 'function' || typeof x.next === 'function';

/* The Seqs of the other inputs of zip, concat, …: an AsyncSeq's own, or fromAsync's over anything else. */
function fedInputs(others, method) {
  return others.map((o) => AsyncSeq.seqOf(o instanceof AsyncSeq ? o : fromAsyncAs(o, method)));
}

/**
 * An async sequence over an async iterable (async generators, Node streams),
 * a WHATWG ReadableStream, an iterable (its values awaited), an async
 * iterator, or a function returning one of those (called for each iteration).
 */
export function fromAsync(input) {
  if (input instanceof AsyncSeq) return input;
  return fromAsyncAs(input, 'fromAsync');
}

function fromAsyncAs(input, method) {
  const open = opener(input, method);
  return new AsyncSeq(fedSource('fromAsync', () => new ValueFeed(open()), (h) => E.lw_host(h, 2, 0), method), open);   // 2: observable and fed (csrc/src.c)
}
