// groupBy for async sequences: the algorithm of the sync groupBy
// (lib/itertools.js, after CPython's groupby) with each read of the source
// awaited. Like the sync one it is JS: its groups are iterators that the user
// advances, each reading the shared source, which no C node can hand out.
//
// The outer sequence and its groups share one async iterator of the source.
// Async callers need not wait for one call before making the next, so every
// step that touches the shared state (a read, a key, which group is current)
// runs whole before another starts (inTurn).

import { checkFunction } from './errors.js';

const NONE = Symbol('no key');
const OVER = Symbol('group over');
const sameKey = (a, b) => a === b || (a !== a && b !== b);

/**
 * The [key, group] pairs of `aseq` (an AsyncSeq), as an AsyncSeq made by
 * `fromAsync`; each group is a one-shot AsyncSeq.
 */
export function groupBy(aseq, keyFn, fromAsync) {
  if (keyFn !== undefined) checkFunction('groupBy', keyFn);
  return fromAsync(() => outer({
    aseq, source: null, keyFn, ended: false, index: 0, turn: Promise.resolve(),
    value: undefined, has: false, key: NONE, target: NONE, id: null,
  }, fromAsync));
}

/* Run `step` once the steps asked for before it have settled. */
function inTurn(s, step) {
  const result = s.turn.then(step);
  s.turn = result.then(() => {}, () => {});
  return result;
}

/* Read the next value and its key into s: false at the end. A throwing key function closes the source. */
async function read(s) {
  if (s.ended) return false;
  let r;
  try {
    r = await s.source.next();
  } catch (e) {
    s.ended = true;   // a source that broke is not closed
    throw e;
  }
  if (r.done) { s.ended = true; return false; }
  s.value = r.value;
  s.has = true;
  if (s.keyFn === undefined) { s.key = s.value; s.index++; return true; }
  try {
    s.key = s.keyFn(s.value, s.index++);
  } catch (e) {
    s.ended = true;
    try { await s.source.return(); } catch { /* the key function's error wins */ }
    throw e;
  }
  return true;
}

async function* outer(s, fromAsync) {
  s.source = s.aseq[Symbol.asyncIterator]();   // opened when the first pair is asked for
  try {
    for (;;) {
      const next = await inTurn(s, async () => {
        const id = {};
        s.id = id;
        while (s.key === NONE || (s.target !== NONE && sameKey(s.key, s.target))) if (!(await read(s))) return null;
        s.target = s.key;
        return { key: s.key, id };
      });
      if (next === null) return;
      yield [next.key, fromAsync(group(s, next.key, next.id))];
    }
  } finally {
    await inTurn(s, async () => {
      if (!s.ended) { s.ended = true; await s.source.return(); }
    });
  }
}

/*
 * A group: an async iterator, not an async generator, whose `yield` would
 * await a value that is a promise (values are never awaited).
 */
function group(s, target, id) {
  let over = false;
  const done = { value: undefined, done: true };
  return {
    [Symbol.asyncIterator]() { return this; },
    async next() {
      if (over) return done;
      const step = await inTurn(s, async () => {
        if (s.id !== id) return OVER;   // the outer iterator has moved on
        if (!s.has && !(await read(s))) return OVER;
        if (!sameKey(s.key, target)) return OVER;
        s.has = false;
        return { value: s.value };      // boxed: a promise returned from a then() would be awaited
      });
      if (step === OVER) { over = true; return done; }
      return { value: step.value, done: false };
    },
    async return() {
      over = true;
      return done;
    },
  };
}
