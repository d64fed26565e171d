// The async sources' side of the boundary. A feed stands between a JS async
// source (an async iterator, a WHATWG ReadableStream's reader, a sync
// iterator whose values are awaited) and the C source node of a pipeline:
// when a pull returns LW_NEEDMORE the wrapper awaits feed.more(), which reads
// the source once and puts what it gave into the node, and pulls again. So
// the source is read only when the pipeline needs more (back-pressure).
// Closing comes from C (take at its limit, a thrown callback, return()):
// close() starts the source's return()/cancel() and keeps its promise in
// `closing`, which the wrapper awaits before it answers.

import { E, u8view, u32view } from './engine.js';
import { writeSlot } from './values.js';
import { describe, isObject } from './host.js';

export const LW_NEEDMORE = -6;   // csrc/lw.h
/* Bytes copied into WASM memory at a time: the node holds one piece and the unfinished line. */
const PIECE = 1 << 16;

/*
 * A source as three operations: read() → Promise of { done, value };
 * cancel() → what return()/cancel() returned (a promise or a value) or
 * undefined when there is nothing to call; finish() when it ended or broke.
 */

/** An async iterator, with its next method cached (TC39 GetIteratorDirect). */
export function asyncIteratorSource(iterator) {
  const next = iterator.next;
  return {
    async read() {
      const r = await next.call(iterator);
      if (!isObject(r)) throw new TypeError(`Iterator result ${describe(r)} is not an object`);
      // done read once, value only when not done, as for await reads them (getters see that)
      return r.done ? { done: true, value: undefined } : { done: false, value: r.value };
    },
    cancel() {
      const ret = iterator.return;
      if (ret === undefined || ret === null) return undefined;
      if (typeof ret !== 'function') return Promise.reject(new TypeError(`the iterator's return is ${describe(ret)}, not a function`));
      return Promise.resolve(ret.call(iterator)).then((r) => {
        if (!isObject(r)) throw new TypeError(`Iterator return() result ${describe(r)} is not an object`);
      });
    },
    finish() {},
  };
}

/** A sync iterator whose values are awaited, as for await and Array.fromAsync read one. */
export function syncIteratorSource(iterator) {
  const next = iterator.next;
  return {
    async read() {
      const r = next.call(iterator);
      if (!isObject(r)) throw new TypeError(`Iterator result ${describe(r)} is not an object`);
      return r.done ? { done: true, value: undefined } : { done: false, value: await r.value };
    },
    cancel() {
      const ret = iterator.return;
      if (ret === undefined || ret === null) return undefined;
      if (typeof ret !== 'function') return Promise.reject(new TypeError(`the iterator's return is ${describe(ret)}, not a function`));
      return ret.call(iterator);
    },
    finish() {},
  };
}

/** A ReadableStream, through a reader whose lock is released when the stream ends, breaks or is cancelled. */
export function streamSource(stream) {
  const reader = stream.getReader();
  return {
    read: () => reader.read(),
    cancel: () => reader.cancel().finally(() => reader.releaseLock()),
    finish: () => reader.releaseLock(),
  };
}

/**
 * The feeds of one pipeline (several with zip, concat, …): which one a
 * LW_NEEDMORE asks for, and their closes, made one after another. C closes
 * the inputs of a node in one go (TC39's IteratorCloseAll order); each
 * source's return()/cancel() is called once the one before it has settled,
 * as an async generator closing its inputs with `await` in turn would.
 */
export class Feeds {
  #all = [];
  #shared = [];          // the feeds of tee groups this pipeline reads (Feeds of their own)
  #closed = [];          // the feeds with a close started, in the order they were closed
  #pending = 0;          // closes not yet settled
  #last = null;          // the last close started, settled either way

  add(feed) {
    feed.feeds = this;
    this.#all.push(feed);
  }

  /** Also read, and await the closes of, `feeds`: a tee group's, whose branches are in several pipelines. */
  share(feeds) {
    if (feeds !== this && !this.#shared.includes(feeds)) this.#shared.push(feeds);
  }

  /** The feed that the last pull asked for (a pull tells no other feed to want more), or undefined. */
  wanting() {
    for (const f of this.#all) if (f.wants()) return f;
    for (const shared of this.#shared) {
      const f = shared.wanting();
      if (f !== undefined) return f;
    }
    return undefined;
  }

  /** Read the source that the last pull asked for. */
  async more() {
    const feed = this.wanting();
    if (feed === undefined) throw new Error('lazywasm: LW_NEEDMORE from a pipeline with no hungry feed');
    await feed.more();
  }

  /** Start `feed`'s `cancel()` now, or once the closes before it have settled. */
  closeInTurn(feed, cancel) {
    this.#closed.push(feed);
    const p = this.#pending === 0 ? Promise.resolve(cancel()) : this.#last.then(cancel);
    this.#pending++;
    this.#last = p.then(() => { this.#pending--; }, () => { this.#pending--; });
    return p;
  }

  /** Await every close in progress; the first closed that failed rejects, once all have settled. */
  async settle() {
    let failed = false, error;
    const closed = this.#closed;
    this.#closed = [];
    for (const feed of closed) {
      const closing = feed.closing;
      if (closing === null) continue;
      feed.closing = null;
      try {
        await closing;
      } catch (e) {
        if (!failed) { failed = true; error = e; }
      }
    }
    for (const shared of this.#shared) {
      try {
        await shared.settle();
      } catch (e) {
        if (!failed) { failed = true; error = e; }
      }
    }
    if (failed) throw error;
  }
}

/** What both feeds share: the source, whether it is finished, and closing it. */
class Feed {
  constructor(source) {
    this.source = source;
    this.done = false;      // ended, broke or closed: never read or closed again
    this.closing = null;    // the promise of a close in progress, for the wrapper to await
    this.feeds = null;      // the Feeds of its pipeline
    this.reading = null;    // the read in progress
  }

  /**
   * Read the source once and hand what it gave to the node. Tee branches in
   * several pipelines may ask at once: they share one read, and only the one
   * that started it sees its error (the others pull again and find the end).
   */
  more() {
    this.unwant();
    if (this.reading !== null) return this.reading.then(() => {}, () => {});
    this.reading = this.feedOnce().finally(() => { this.reading = null; });
    return this.reading;
  }

  unwant() {}

  /** Read the source once; a throw finishes it (a broken source is not closed). */
  async read() {
    let r;
    try {
      r = await this.source.read();
    } catch (e) {
      this.finish();
      throw e;
    }
    if (r.done) this.finish();
    return r;
  }

  finish() {
    if (this.done) return;
    this.done = true;
    this.source.finish();
  }

  /** Called by C (lw_host_close). 'abrupt': another error is on its way, this one's are dropped. */
  close(abrupt) {
    if (this.done) return;
    this.done = true;
    const p = this.feeds.closeInTurn(this, () => this.source.cancel());
    this.closing = abrupt ? p.catch(() => {}) : p;
  }
}

/** Single values: one read per value the pipeline asks for, handed over through the host node's fill. */
export class ValueFeed extends Feed {
  #has = false;
  #value;
  #wants = false;   // its last fill found nothing: the next read is for it

  fill(at, cap) {
    if (this.#has) {
      this.#has = false;
      writeSlot(at, this.#value);
      this.#value = undefined;
      return 1;
    }
    if (this.done) return 0;
    this.#wants = true;
    return LW_NEEDMORE;
  }

  wants() { return this.#wants; }
  unwant() { this.#wants = false; }

  async feedOnce() {
    const r = await this.read();
    if (!r.done) {
      this.#value = r.value;
      this.#has = true;
    }
  }

  close(abrupt) {
    this.#has = false;
    this.#value = undefined;
    super.close(abrupt);
  }
}

const encoder = new TextEncoder();

/* A stream chunk as bytes: any ArrayBuffer view, an ArrayBuffer, or a string (as UTF-8). */
function toBytes(method, chunk) {
  if (chunk instanceof Uint8Array) return chunk;
  if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
  if (typeof chunk === 'string') return encoder.encode(chunk);
  throw new TypeError(`${method}: the stream gave ${describe(chunk)}; expected bytes (a Uint8Array, an ArrayBuffer or a string)`);
}

/** Bytes for a lines or numbers node (csrc/bytes.c): a piece of the current chunk per request. */
export class ByteFeed extends Feed {
  constructor(source, method) {
    super(source);
    this.method = method;
    this.node = 0;        // the C node, set once it is made
    this.chunk = null;
    this.at = 0;
  }

  wants() { return E.lw_bytes_wants(this.node) !== 0; }

  async feedOnce() {
    if (this.chunk === null || this.at === this.chunk.length) {
      if (this.done) { E.lw_bytes_end(this.node); return; }
      const r = await this.read();
      if (r.done) { E.lw_bytes_end(this.node); return; }
      this.chunk = toBytes(this.method, r.value);
      this.at = 0;
      if (this.chunk.length === 0) return;   // the next pull asks again
    }
    const n = Math.min(PIECE, this.chunk.length - this.at);
    const ptr = E.lw_bytes_room(this.node, n);
    if (ptr === 0) throw new RangeError(`${this.method}: out of WebAssembly memory (a line or token too long?)`);
    u8view().set(this.chunk.subarray(this.at, this.at + n), ptr);
    E.lw_bytes_fed(this.node, n);
    this.at += n;
  }

  close(abrupt) {
    this.chunk = null;
    super.close(abrupt);
  }
}

// Host imports of csrc/bytes.c: only finished lines and odd tokens become JS strings.
// ignoreBOM: a U+FEFF inside the text is kept; the stream's leading BOM was dropped in C.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

export function hostText(base, spans, n, out) {
  const u8 = u8view(), u32 = u32view(), s = spans >>> 2, at = out >>> 3;
  for (let i = 0; i < n; i++) {
    const start = base + u32[s + 2 * i];
    writeSlot(at + i, decoder.decode(u8.subarray(start, start + u32[s + 2 * i + 1])));
  }
  return n;
}

export function hostNumber(base, len) {
  return Number(decoder.decode(u8view().subarray(base, base + len)));
}
