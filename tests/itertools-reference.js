// Plain-generator references for the combinatoric, grouping and selection
// operators (lib/combinatorics.js, lib/itertools.js), written after the code
// in Python's itertools documentation and more-itertools, with the choices of
// docs/semantics.md: arrays for tuples, SameValueZero for keys, callbacks
// getting (value, index) where TC39 callbacks do, and inputs closed as TC39
// closes them when a stage stops early.

import { refTee, sameValueZero } from './reference.js';

// ---------------------------------------------------------------- combinatorics

export function* refProduct(iterables, repeat = 1) {
  const pools = iterables.map((x) => [...x]);
  const all = [];
  for (let i = 0; i < repeat; i++) all.push(...pools);
  let result = [[]];
  for (const pool of all) result = result.flatMap((row) => pool.map((v) => [...row, v]));
  yield* result;
}

export function* refPermutations(iterable, r) {
  const pool = [...iterable], n = pool.length;
  if (r === undefined) r = n;
  if (r > n) return;
  const indices = [...Array(n).keys()];
  const cycles = Array.from({ length: r }, (_, i) => n - i);
  yield indices.slice(0, r).map((i) => pool[i]);
  while (n) {
    let i = r - 1;
    for (; i >= 0; i--) {
      cycles[i]--;
      if (cycles[i] === 0) {
        indices.push(...indices.splice(i, 1));
        cycles[i] = n - i;
      } else {
        const j = cycles[i];
        [indices[i], indices[n - j]] = [indices[n - j], indices[i]];
        yield indices.slice(0, r).map((k) => pool[k]);
        break;
      }
    }
    if (i < 0) return;
  }
}

export function* refCombinations(iterable, r) {
  const pool = [...iterable], n = pool.length;
  if (r > n) return;
  const indices = [...Array(r).keys()];
  yield indices.map((i) => pool[i]);
  for (;;) {
    let i = r - 1;
    while (i >= 0 && indices[i] === i + n - r) i--;
    if (i < 0) return;
    indices[i]++;
    for (let j = i + 1; j < r; j++) indices[j] = indices[j - 1] + 1;
    yield indices.map((k) => pool[k]);
  }
}

export function* refCombinationsWithReplacement(iterable, r) {
  const pool = [...iterable], n = pool.length;
  if (!n && r) return;
  const indices = new Array(r).fill(0);
  yield indices.map((i) => pool[i]);
  for (;;) {
    let i = r - 1;
    while (i >= 0 && indices[i] === n - 1) i--;
    if (i < 0) return;
    indices.fill(indices[i] + 1, i);
    yield indices.map((k) => pool[k]);
  }
}

export function* refPowerset(iterable) {
  const pool = [...iterable];
  for (let r = 0; r <= pool.length; r++) yield* refCombinations(pool, r);
}

// ---------------------------------------------------------------- grouping and selection

/* CPython's groupby (the C one: values read only when asked for); groups are generators over the shared iterator. */
export function* refGroupBy(iterable, keyFn) {
  const it = iterable[Symbol.iterator]();
  const NONE = {};
  const s = { key: NONE, target: NONE, value: undefined, has: false, index: 0, ended: false, id: null };
  const step = () => {
    if (s.ended) return false;
    const r = it.next();
    if (r.done) { s.ended = true; return false; }
    s.value = r.value;
    s.has = true;
    try {
      s.key = keyFn === undefined ? s.value : keyFn(s.value, s.index);
    } catch (e) {
      s.ended = true;
      it.return?.();
      throw e;
    }
    s.index++;
    return true;
  };
  function* group(target, id) {
    while (s.id === id) {
      if (!s.has && !step()) return;
      if (!sameValueZero(s.key, target)) return;
      s.has = false;
      yield s.value;
    }
  }
  try {
    for (;;) {
      const id = {};
      s.id = id;
      for (;;) {
        if (s.key !== NONE && (s.target === NONE || !sameValueZero(s.key, s.target))) break;
        if (!step()) return;
      }
      s.target = s.key;
      yield [s.key, group(s.target, id)];
    }
  } finally {
    if (!s.ended) { s.ended = true; it.return?.(); }
  }
}

/* zip (shortest, closing the other input), keeping the values whose selector passes. */
export function* refCompress(data, selectors, invert = false) {
  const d = data[Symbol.iterator](), s = selectors[Symbol.iterator]();
  let finished = false;
  try {
    for (;;) {
      const a = d.next();
      if (a.done) { finished = true; s.return?.(); return; }
      const b = s.next();
      if (b.done) { finished = true; d.return?.(); return; }
      if (!b.value !== !invert) yield a.value;
    }
  } finally {
    if (!finished) { s.return?.(); d.return?.(); }
  }
}

/* more-itertools' partition: [falses, trues]. */
export function refPartition(iterable, pred) {
  const [t1, t2, p] = refTee(iterable, 3);
  const tested = (function* () { let i = 0; for (const v of p) yield pred(v, i++); })();
  const [p1, p2] = refTee(tested, 2);
  return [refCompress(t1, p1, true), refCompress(t2, p2, false)];
}

export function* refStarmap(iterable, fn) { for (const args of iterable) yield fn(...args); }

export function* refZipLongest(iterables, fillValue) {
  const iters = iterables.map((x) => x[Symbol.iterator]());
  const active = iters.map(() => true);
  let left = iters.length, finished = false;
  try {
    for (;;) {
      const row = [];
      for (let k = 0; k < iters.length; k++) {
        if (active[k]) {
          const r = iters[k].next();
          if (!r.done) { row.push(r.value); continue; }
          active[k] = false;
          if (--left === 0) { finished = true; return; }
        }
        row.push(fillValue);
      }
      yield row;
    }
  } finally {
    if (!finished) for (let k = iters.length - 1; k >= 0; k--) if (active[k]) iters[k].return?.();
  }
}

export function* refRoundrobin(iterables) {
  const iters = iterables.map((x) => x[Symbol.iterator]());
  const active = iters.map((_, k) => k);
  let cur = 0, finished = false;
  try {
    while (active.length > 0) {
      const r = iters[active[cur]].next();
      if (r.done) active.splice(cur, 1);
      else { yield r.value; cur++; }
      if (cur >= active.length) cur = 0;
    }
    finished = true;
  } finally {
    if (!finished) for (let k = iters.length - 1; k >= 0; k--) if (active.includes(k)) iters[k].return?.();
  }
}

export function* refBatched(iterable, n, strict = false) {
  let batch = [];
  for (const v of iterable) {
    batch.push(v);
    if (batch.length === n) { yield batch; batch = []; }
  }
  if (batch.length > 0) {
    if (strict) throw new RangeError('batched(): incomplete batch');
    yield batch;
  }
}

const flattenable = (v) => Object(v) === v && !(v instanceof String) && typeof v[Symbol.iterator] === 'function';

export function* refFlatten(iterable, depth = 1) {
  for (const v of iterable) {
    if (depth > 0 && flattenable(v)) yield* refFlatten(v, depth - 1);
    else yield v;
  }
}

export function* refAccumulate(iterable, fn = (a, b) => a + b, ...init) {
  let acc, has = init.length > 0;
  if (has) { acc = init[0]; yield acc; }
  for (const v of iterable) {
    acc = has ? fn(acc, v) : v;
    has = true;
    yield acc;
  }
}
