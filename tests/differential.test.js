// Seeded randomized differential tests: random pipelines (a random source,
// 1–6 random stages drawn from every transform with random valid arguments and
// deterministic callbacks, a random sink) run through lazywasm and through the
// plain-JS references of tests/reference.js; results compared with Object.is
// element-wise, errors by their type, and (on success) the log of every
// callback call when the callbacks are logged.
//
// Each pipeline has its own seed. The pipelines run in worker threads so that a
// pipeline that never ends is reported (with its seed) instead of hanging the
// run. To rerun one pipeline: LW_SEED=<seed> node --test tests/differential.test.js
// (LW_TYPED=1 for a typed-array seed). LW_PIPELINES=<n> sets the pipelines per
// block (25000 by default), LW_SHOW=<n> how many failures a block lists (8).

import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import * as L from '../lib/node.js';
import * as R from './reference.js';

const { show, sameValues, mulberry32, EDGE_VALUES, SHARED_OBJECT, SHARED_ARRAY } = R;

// ------------------------------------------------------------------ random choices

function chooser(seed) {
  const next = mulberry32(seed);
  const c = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),   // lo..hi inclusive
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
  };
  return c;
}

const OBJECTS = [SHARED_OBJECT, SHARED_ARRAY, { id: 'o2' }];

function randomValue(c, numericOnly) {
  const r = c.next();
  if (r < 0.3) return c.pick(R.EDGE_NUMBER_VALUES);
  if (r < 0.55) return c.int(-5, 20);
  if (r < 0.7) return (c.next() - 0.5) * 10 ** c.int(-3, 6);
  if (numericOnly || r < 0.8) return c.int(0, 3);
  if (r < 0.9) return c.pick(EDGE_VALUES);
  if (r < 0.95) return c.pick(['a', 'b', '', 'zz']);
  return c.pick(OBJECTS);
}

function randomValues(c, numericOnly = c.chance(0.4)) {
  const n = c.chance(0.12) ? c.int(240, 620) : c.chance(0.15) ? c.int(0, 1) : c.int(2, 24);
  const out = [];
  // runs of repeated values give dedupe/unique something to do
  while (out.length < n) {
    const v = randomValue(c, numericOnly);
    const times = c.chance(0.2) ? c.int(2, 4) : 1;
    for (let t = 0; t < times && out.length < n; t++) out.push(v);
  }
  return out;
}

// ------------------------------------------------------------------ callbacks (deterministic)

const VALUE_FNS = [
  (x) => x * 2, (x, i) => x + i, (x) => -x, (x) => x % 3, (x) => x / 3, (x) => x | 0, (x) => x >>> 1,
  (x) => Math.round(x), (x) => Math.floor(x / 2), (x) => x ** 2, (x) => Math.sqrt(x), (x) => Math.sign(x),
  (x) => Math.max(x, -0), (x) => Math.min(x, 0), (x) => Math.fround(x), (x) => Math.clz32(x),
  (x, i) => Math.imul(x, i + 1), (x) => Math.hypot(x, 1), (x) => Math.abs(x), (x) => Math.trunc(x),
  (x) => Math.ceil(x), (x) => Math.cbrt(x), (x) => (x > 0 ? x : -x), (x) => x && 7, (x) => x || -0,
  (x) => x ?? 1, (x) => !x, (x) => ~x, (x) => x << 3, (x) => x >> 1, (x) => x == 1, (x) => x === 0,
  (x, i) => i, (x) => x - 0.5, (x) => +x, (x) => 1 / x, (x) => x * 0, (x, i) => (x + i) % 7,
  (x) => Number.isInteger(x), (x) => Number.isNaN(x), (x) => x !== x, (x) => 0.1 * 3 + x,
  function (x) { return x * 3; }, function (x, i) { return x - i; }, (x) => x > 2 && x < 9,
  (x) => (x === x ? x : 0), (x) => Math.PI * x, (x) => x / 0, (x) => x % -2.5, (x) => -x % 2,
  (x) => typeof x, (x) => [x], (x) => x, (x) => (typeof x === 'number' ? x : 0), (x) => `${typeof x}`,
  (x) => (typeof x === 'number' && x === x ? L.of(x, 1).sum() : x), (x) => String(x).length,
  (x) => x > 0, (x) => x < 5, (x) => -x < 0, (x) => x !== 0, (x, i) => x >= i,
];
const PRED_FNS = [
  (x) => x > 0, (x) => x % 2 === 0, (x, i) => i % 3 !== 1, (x) => x === x, (x) => !Number.isNaN(x), (x) => x < 5,
  (x) => Object.is(x, -0), (x) => typeof x === 'number', (x) => x, (x) => Math.abs(x) < 1e300, (x) => x != null,
  (x) => Boolean(x), (x, i) => i < 4, (x) => x >= 1 && x <= 1000, (x) => (x | 0) === x, (x) => !x, () => true,
  () => false, (x, i) => i % 2 === 0, (x) => x !== 0, (x) => -x < 0, (x) => x * 0 === 0,
];
const FOLD_FNS = [
  (a, x) => a + x, (a, x) => Math.max(a, x), (a, x, i) => a + i, (a, x) => a * 0.5 + x, (a, x) => x, (a) => a,
  (a, x) => a - x, (a, x) => (a + x) % 1000, (a, x) => (typeof a === 'number' && typeof x === 'number' ? a + x : a),
  (a, x, i) => (i % 2 ? a : x), (a, x) => Math.min(a, x) - 1,
];
const FLAT_FNS = [
  (x) => [x, x], () => [], (x, i) => (i % 2 ? [x] : []), (x) => [x, [x]], (x) => L.of(x, 'in'), (x) => new Set([x, 1]),
  (x, i) => L.range(0, i % 4), () => 'ab', (x) => (Array.isArray(x) ? x : [x]),
  (x) => { let n = 0; return { next: () => (n++ < 2 ? { value: x, done: false } : { value: undefined, done: true }) }; },
];
const FLAT_MAX = [2, 0, 1, 2, 2, 2, 3, 0, 700, 2];

const NUMERIC = (x) => (typeof x === 'number' ? x : 0);   // makes numeric sinks meaningful

// ------------------------------------------------------------------ pipeline specs

function randomSource(c, depth = 0) {
  const r = c.int(0, depth > 0 ? 11 : 14);
  switch (r) {
    case 0: case 1: case 2: return { kind: 'array', values: randomValues(c) };
    case 3: return { kind: 'gen', values: randomValues(c) };
    case 4: return { kind: 'iter', values: randomValues(c) };
    case 5: return { kind: 'of', values: randomValues(c) };
    case 6: case 7: {
      const start = c.chance(0.7) ? c.int(-20, 20) : (c.next() - 0.5) * 40;
      let step = c.chance(0.3) ? undefined : c.chance(0.6) ? c.pick([1, 2, 3, -1, -2, 5]) : c.pick([0.1, 0.25, 1.5, -0.3, 7.7]);
      const span = c.chance(0.1) ? c.int(250, 700) : c.int(0, 30);
      let end = c.chance(0.1) ? c.pick([Infinity, -Infinity]) : start + (c.chance(0.5) ? span : -span) * (typeof step === 'number' ? Math.abs(step) : 1);
      if (step === 0) step = 1;
      const args = step === undefined ? (start === 0 && c.chance(0.5) ? [end] : [start, end]) : [start, end, step];
      return { kind: 'range', args };
    }
    case 8: return { kind: 'string', str: c.pick(['', 'a', 'abcab', 'héllo😀', 'x'.repeat(300)]) };
    case 9: return { kind: 'set', values: randomValues(c) };
    case 10: return { kind: 'empty' };
    case 11: return { kind: 'repeat', value: randomValue(c), times: c.chance(0.5) ? c.int(0, 300) : Infinity };
    case 12: return { kind: 'count', args: c.chance(0.5) ? [] : [c.int(-5, 5), c.pick([1, -1, 0.5, 3, 0])] };
    case 13: return { kind: 'iterate', seed: randomValue(c, true), fn: c.int(0, VALUE_FNS.length - 1) };
    default: return c.chance(0.5) ? { kind: 'fibonacci' } : { kind: 'random', seed: c.int(0, 2 ** 31) };
  }
}

function sourceLength(src) {
  switch (src.kind) {
    case 'array': case 'gen': case 'iter': case 'of': case 'set': case 'typed': return src.values.length;
    case 'string': return [...src.str].length;
    case 'empty': return 0;
    case 'repeat': return src.times;
    case 'range': return Number.isFinite(src.args[src.args.length === 1 ? 0 : 1]) ? R.refSize(R.refRange(...src.args)) : Infinity;
    default: return Infinity;
  }
}

/* An input of zip/concat/interleave: a source with 0–2 stages of its own. */
function randomOther(c) {
  const src = randomSource(c, 1);
  const other = { source: src, stages: [] };
  let len = sourceLength(src);
  const n = c.int(0, 2);
  for (let i = 0; i < n; i++) len = addStage(c, other.stages, len, 1);
  return { other, len };
}

const NON_PRODUCTIVE = new Set(['filter', 'flatMap', 'dropWhile', 'dedupe', 'unique']);

/* Append a random stage to `stages` (maybe with a take before it); returns the new length bound. */
function addStage(c, stages, len, depth = 0) {
  const kinds = ['map', 'map', 'filter', 'filter', 'flatMap', 'takeWhile', 'dropWhile', 'scan', 'take', 'take', 'drop',
    'slice', 'enumerate', 'chunk', 'window', 'pairwise', 'dedupe', 'unique', 'cycle'];
  if (depth === 0) kinds.push('zip', 'concat', 'interleave', 'tee');
  const kind = c.pick(kinds);
  if ((len === Infinity && NON_PRODUCTIVE.has(kind)) || len > 3000) {
    const n = c.int(0, 300);
    stages.push({ kind: 'take', n });
    len = Math.min(len, n);
  }
  const s = { kind };
  switch (kind) {
    case 'map': s.fn = c.int(0, VALUE_FNS.length - 1); break;
    case 'filter': case 'takeWhile': case 'dropWhile': s.fn = c.int(0, PRED_FNS.length - 1); break;
    case 'flatMap': s.fn = c.int(0, FLAT_FNS.length - 1); len *= FLAT_MAX[s.fn]; break;
    case 'scan': s.fn = c.int(0, FOLD_FNS.length - 1); if (c.chance(0.5)) s.init = [randomValue(c, c.chance(0.7))]; break;
    case 'take': s.n = c.chance(0.2) ? c.pick([0, 255, 256, 257, Infinity]) : c.int(0, 40); len = Math.min(len, s.n); break;
    case 'drop': s.n = c.chance(0.2) ? c.pick([0, 255, 256, 257, Infinity]) : c.int(0, 10); break;
    case 'slice': {
      const a = c.int(0, 8), b = c.chance(0.3) ? undefined : c.int(0, 40), st = c.chance(0.5) ? 1 : c.int(1, 5);
      s.args = c.chance(0.2) ? [a] : [a, b, st];
      if (b !== undefined && s.args.length > 1) len = Math.min(len, Math.max(0, b - a));
      break;
    }
    case 'enumerate': s.start = c.chance(0.5) ? undefined : c.pick([0, 1, -5, 0.5, 100]); break;
    case 'chunk': case 'window': s.n = c.chance(0.15) ? c.pick([255, 256, 257]) : c.int(1, 6);
      if (kind === 'chunk') len = Math.ceil(len / s.n);
      break;
    case 'cycle': if (len > 0) len = Infinity; break;
    case 'zip': case 'concat': case 'interleave': {
      s.others = [];
      const lens = [len];
      for (let i = c.int(0, 2); i > 0; i--) { const o = randomOther(c); s.others.push(o.other); lens.push(o.len); }
      if (kind === 'zip') len = Math.min(...lens);
      else if (kind === 'concat') len = lens.reduce((x, y) => x + y, 0);
      else len = lens.length * (Math.min(...lens) + 1);
      break;
    }
    case 'tee': s.variant = c.pick(['zip', 'concat', 'interleave', 'pick']); s.n = c.int(1, 3); s.d = c.int(0, 3); s.fn = c.int(0, VALUE_FNS.length - 1);
      if (s.variant === 'pick') s.j = c.int(0, s.n - 1);
      if (s.variant === 'concat' && len === Infinity) s.variant = 'zip';
      if (s.variant !== 'pick' && s.n < 2) s.n = 2;
      if (s.variant === 'concat') len *= 2;
      if (s.variant === 'interleave') len = len * 2 + 1;
      break;
    default: break;   // pairwise, dedupe, unique
  }
  stages.push(s);
  return len;
}

const SINKS = ['toArray', 'toArray', 'spread', 'partial', 'toFloat64Array', 'reduce', 'forEach', 'some', 'every', 'find',
  'includes', 'join', 'sum', 'mean', 'min', 'max', 'count', 'first', 'last', 'nth'];

const TYPED = ['Float64Array', 'Float32Array', 'Int8Array', 'Uint8Array', 'Int16Array', 'Uint32Array', 'Int32Array', 'Uint8ClampedArray'];

function randomPipeline(seed, typed = false) {
  const c = chooser(seed);
  const source = typed ? { kind: 'typed', type: c.pick(TYPED), values: randomValues(c, true) } : randomSource(c);
  const stages = [];
  let len = sourceLength(source);
  for (let i = c.int(1, 6); i > 0; i--) len = addStage(c, stages, len);
  const sink = { kind: c.pick(SINKS) };
  if (len === Infinity || len > 3000) stages.push({ kind: 'take', n: c.int(0, 300) });
  if (['toFloat64Array', 'sum', 'mean', 'min', 'max'].includes(sink.kind) && c.chance(0.6)) stages.push({ kind: 'numeric' });
  if (sink.kind === 'join') stages.push({ kind: 'noSymbols' });
  switch (sink.kind) {
    case 'reduce': sink.fn = c.int(0, FOLD_FNS.length - 1); if (c.chance(0.5)) sink.init = [randomValue(c)]; break;
    case 'forEach': break;
    case 'some': case 'every': case 'find': sink.fn = c.int(0, PRED_FNS.length - 1); break;
    case 'includes': sink.value = randomValue(c); break;
    case 'join': sink.sep = c.chance(0.3) ? undefined : c.pick([',', '', ' | ', null, 0]); break;
    case 'nth': sink.i = c.chance(0.2) ? c.pick([255, 256, 300, 1e9]) : c.int(0, 30); break;
    case 'partial': sink.k = c.int(0, 30); break;
    default: break;
  }
  return { seed, source, stages, sink, logged: c.chance(0.3) };
}

// ------------------------------------------------------------------ description

const list = (values) => (values.length > 12 ? `[${values.slice(0, 12).map((v) => show(v)).join(', ')}, … (${values.length} values)]` : `[${values.map((v) => show(v)).join(', ')}]`);

function describeSource(s) {
  switch (s.kind) {
    case 'array': return `from(${list(s.values)})`;
    case 'gen': return `from(function* () { yield* ${list(s.values)}; })`;
    case 'iter': return `from(${list(s.values)}[Symbol.iterator]())`;
    case 'of': return `of(...${list(s.values)})`;
    case 'set': return `from(new Set(${list(s.values)}))`;
    case 'typed': return `from(new ${s.type}(${list([...new globalThis[s.type](s.values)])}))`;
    case 'range': return `range(${s.args.map((a) => show(a)).join(', ')})`;
    case 'string': return `from(${show(s.str.length > 20 ? `${s.str.slice(0, 10)}…(${s.str.length})` : s.str)})`;
    case 'empty': return 'empty()';
    case 'repeat': return `repeat(${show(s.value)}, ${show(s.times)})`;
    case 'count': return `count(${s.args.map((a) => show(a)).join(', ')})`;
    case 'iterate': return `iterate(${show(s.seed)}, ${VALUE_FNS[s.fn]})`;
    case 'fibonacci': return 'fibonacci()';
    case 'random': return `random({ seed: ${s.seed} })`;
    default: return s.kind;
  }
}

function describeStage(s) {
  switch (s.kind) {
    case 'map': return `.map(${VALUE_FNS[s.fn]})`;
    case 'filter': case 'takeWhile': case 'dropWhile': return `.${s.kind}(${PRED_FNS[s.fn]})`;
    case 'flatMap': return `.flatMap(${FLAT_FNS[s.fn]})`;
    case 'scan': return `.scan(${FOLD_FNS[s.fn]}${s.init ? `, ${show(s.init[0])}` : ''})`;
    case 'take': case 'drop': case 'chunk': case 'window': return `.${s.kind}(${show(s.n)})`;
    case 'slice': return `.slice(${s.args.map((a) => show(a)).join(', ')})`;
    case 'enumerate': return `.enumerate(${s.start === undefined ? '' : show(s.start)})`;
    case 'zip': case 'concat': case 'interleave': return `.${s.kind}(${s.others.map((o) => describeSource(o.source) + o.stages.map(describeStage).join('')).join(', ')})`;
    case 'tee': {
      const t = `.tee(${s.n})`;
      if (s.variant === 'pick') return `${t}[${s.j}]`;
      if (s.variant === 'zip') return `${t} → [a, b] → a.zip(b.drop(${s.d}))`;
      if (s.variant === 'concat') return `${t} → [a, b] → a.concat(b)`;
      return `${t} → [a, b] → a.interleave(b.map(${VALUE_FNS[s.fn]}))`;
    }
    case 'numeric': return `.map(${NUMERIC})`;
    case 'noSymbols': return ".filter((x) => typeof x !== 'symbol')";
    default: return `.${s.kind}()`;
  }
}

function describeSink(k) {
  switch (k.kind) {
    case 'spread': return ' → [...seq]';
    case 'partial': return ` → ${k.k} × next(), then return()`;
    case 'reduce': return `.reduce(${FOLD_FNS[k.fn]}${k.init ? `, ${show(k.init[0])}` : ''})`;
    case 'some': case 'every': case 'find': return `.${k.kind}(${PRED_FNS[k.fn]})`;
    case 'includes': return `.includes(${show(k.value)})`;
    case 'join': return `.join(${k.sep === undefined ? '' : show(k.sep)})`;
    case 'nth': return `.nth(${k.i})`;
    case 'forEach': return '.forEach((x, i) => out.push([x, i]))';
    default: return `.${k.kind}()`;
  }
}

export function describePipeline(p) {
  return `[seed ${p.seed}${p.logged ? ', callbacks logged' : ''}] ${describeSource(p.source)}${p.stages.map(describeStage).join('')}${describeSink(p.sink)}`;
}

// ------------------------------------------------------------------ running

/* Both sides share the structure; `impl` says how to make each piece. */
const LW = {
  source(s) {
    switch (s.kind) {
      case 'array': return L.from(s.values);
      case 'gen': return L.from(function* () { yield* s.values; });
      case 'iter': return L.from(s.values[Symbol.iterator]());
      case 'of': return L.of(...s.values);
      case 'set': return L.from(new Set(s.values));
      case 'typed': return L.from(new globalThis[s.type](s.values));
      case 'range': return L.range(...s.args);
      case 'string': return L.from(s.str);
      case 'empty': return L.empty();
      case 'repeat': return L.repeat(s.value, s.times);
      case 'count': return L.count(...s.args);
      case 'iterate': return L.iterate(s.seed, this.fn(VALUE_FNS[s.fn], 'iterate'));
      case 'fibonacci': return L.fibonacci();
      case 'random': return L.random({ seed: s.seed });
      default: throw new Error(s.kind);
    }
  },
  stage(seq, s, i) {
    const f = (list) => this.fn(list[s.fn], i);
    switch (s.kind) {
      case 'map': return seq.map(f(VALUE_FNS));
      case 'filter': return seq.filter(f(PRED_FNS));
      case 'takeWhile': return seq.takeWhile(f(PRED_FNS));
      case 'dropWhile': return seq.dropWhile(f(PRED_FNS));
      case 'flatMap': return seq.flatMap(f(FLAT_FNS));
      case 'scan': return seq.scan(f(FOLD_FNS), ...(s.init ?? []));
      case 'take': return seq.take(s.n);
      case 'drop': return seq.drop(s.n);
      case 'slice': return seq.slice(...s.args);
      case 'enumerate': return s.start === undefined ? seq.enumerate() : seq.enumerate(s.start);
      case 'zip': case 'concat': case 'interleave': return seq[s.kind](...s.others.map((o, k) => this.pipe(o, `${i}.${k}`)));
      case 'chunk': return seq.chunk(s.n);
      case 'window': return seq.window(s.n);
      case 'pairwise': return seq.pairwise();
      case 'dedupe': return seq.dedupe();
      case 'unique': return seq.unique();
      case 'cycle': return seq.cycle();
      case 'tee': {
        const b = seq.tee(s.n);
        if (s.variant === 'pick') return b[s.j];
        if (s.variant === 'zip') return b[0].zip(b[1].drop(s.d));
        if (s.variant === 'concat') return b[0].concat(b[1]);
        return b[0].interleave(b[1].map(f(VALUE_FNS)));
      }
      case 'numeric': return seq.map(NUMERIC);
      case 'noSymbols': return seq.filter((x) => typeof x !== 'symbol');
      default: throw new Error(s.kind);
    }
  },
  pipe(p, prefix = '') {
    let seq = this.source(p.source);
    p.stages.forEach((s, i) => { seq = this.stage(seq, s, `${prefix}${i}`); });
    return seq;
  },
  sink(seq, k) {
    switch (k.kind) {
      case 'toArray': return seq.toArray();
      case 'spread': return [...seq];
      case 'partial': {
        const it = seq[Symbol.iterator](), out = [];
        for (let n = 0; n < k.k; n++) { const r = it.next(); if (r.done) break; out.push(r.value); }
        it.return();
        return out;
      }
      case 'toFloat64Array': return seq.toFloat64Array();
      case 'reduce': return seq.reduce(this.fn(FOLD_FNS[k.fn], 'sink'), ...(k.init ?? []));
      case 'forEach': { const out = []; seq.forEach(this.fn((x, i) => { out.push([x, i]); }, 'sink')); return out; }
      case 'some': case 'every': case 'find': return seq[k.kind](this.fn(PRED_FNS[k.fn], 'sink'));
      case 'includes': return seq.includes(k.value);
      case 'join': return seq.join(k.sep);
      case 'nth': return seq.nth(k.i);
      default: return seq[k.kind]();
    }
  },
};

/* A harness bug (an unbounded reference pipeline) must not take the run down. */
function* runaway(it) {
  let n = 0;
  for (const x of it) {
    if (++n > 1e6) throw new Error('harness: the reference pipeline produced over a million values');
    yield x;
  }
}

const REF = {
  source(s) {
    switch (s.kind) {
      case 'array': case 'gen': case 'iter': case 'of': return R.refFrom(s.values);
      case 'set': return R.refFrom(new Set(s.values));
      case 'typed': return R.refFrom(new globalThis[s.type](s.values));
      case 'range': return R.refRange(...s.args);
      case 'string': return R.refFrom(s.str);
      case 'empty': return R.refEmpty();
      case 'repeat': return R.refRepeat(s.value, s.times);
      case 'count': return R.refCount(...s.args);
      case 'iterate': return R.refIterate(s.seed, this.fn(VALUE_FNS[s.fn], 'iterate'));
      case 'fibonacci': return R.refFibonacci();
      case 'random': return R.refRandom(s.seed);
      default: throw new Error(s.kind);
    }
  },
  stage(it, s, i) {
    const f = (list) => this.fn(list[s.fn], i);
    const limit = (n) => Math.trunc(n);
    switch (s.kind) {
      case 'map': return R.refMap(it, f(VALUE_FNS));
      case 'filter': return R.refFilter(it, f(PRED_FNS));
      case 'takeWhile': return R.refTakeWhile(it, f(PRED_FNS));
      case 'dropWhile': return R.refDropWhile(it, f(PRED_FNS));
      case 'flatMap': return R.refFlatMap(it, f(FLAT_FNS));
      case 'scan': return R.refScan(it, f(FOLD_FNS), ...(s.init ?? []));
      case 'take': return R.refTake(it, limit(s.n));
      case 'drop': return R.refDrop(it, limit(s.n));
      case 'slice': return R.refSlice(it, ...s.args);
      case 'enumerate': return R.refEnumerate(it, s.start ?? 0);
      case 'zip': return R.refZip(it, ...s.others.map((o, k) => this.pipe(o, `${i}.${k}`)));
      case 'concat': return R.refConcat(it, ...s.others.map((o, k) => this.pipe(o, `${i}.${k}`)));
      case 'interleave': return R.refInterleave(it, ...s.others.map((o, k) => this.pipe(o, `${i}.${k}`)));
      case 'chunk': return R.refChunk(it, s.n);
      case 'window': return R.refWindow(it, s.n);
      case 'pairwise': return R.refPairwise(it);
      case 'dedupe': return R.refDedupe(it);
      case 'unique': return R.refUnique(it);
      case 'cycle': return R.refCycle(it);
      case 'tee': {
        const b = R.refTee(it, s.n);
        if (s.variant === 'pick') return b[s.j];
        if (s.variant === 'zip') return R.refZip(b[0], R.refDrop(b[1], s.d));
        if (s.variant === 'concat') return R.refConcat(b[0], b[1]);
        return R.refInterleave(b[0], R.refMap(b[1], f(VALUE_FNS)));
      }
      case 'numeric': return R.refMap(it, NUMERIC);
      case 'noSymbols': return R.refFilter(it, (x) => typeof x !== 'symbol');
      default: throw new Error(s.kind);
    }
  },
  pipe(p, prefix = '') {
    let it = this.source(p.source);
    p.stages.forEach((s, i) => { it = this.stage(it, s, `${prefix}${i}`); });
    return prefix === '' ? runaway(it) : it;
  },
  sink(it, k) {
    switch (k.kind) {
      case 'toArray': case 'spread': return R.refToArray(it);
      case 'partial': {
        const iter = it[Symbol.iterator](), out = [];
        for (let n = 0; n < k.k; n++) { const r = iter.next(); if (r.done) break; out.push(r.value); }
        iter.return?.();
        return out;
      }
      case 'toFloat64Array': return R.refToFloat64Array(it);
      case 'reduce': return R.refReduce(it, this.fn(FOLD_FNS[k.fn], 'sink'), ...(k.init ?? []));
      case 'forEach': { const out = []; R.refForEach(it, this.fn((x, i) => { out.push([x, i]); }, 'sink')); return out; }
      case 'some': return R.refSome(it, this.fn(PRED_FNS[k.fn], 'sink'));
      case 'every': return R.refEvery(it, this.fn(PRED_FNS[k.fn], 'sink'));
      case 'find': return R.refFind(it, this.fn(PRED_FNS[k.fn], 'sink'));
      case 'includes': return R.refIncludes(it, k.value);
      case 'join': return R.refJoin(it, k.sep);
      case 'sum': return R.refSum(it);
      case 'mean': return R.refMean(it);
      case 'min': return R.refMin(it);
      case 'max': return R.refMax(it);
      case 'count': return R.refSize(it);
      case 'first': return R.refFirst(it);
      case 'last': return R.refLast(it);
      case 'nth': return R.refNth(it, k.i);
      default: throw new Error(k.kind);
    }
  },
};

/* Run pipeline `p` on one side; callbacks are passed as they are (compiled where possible) or logged. */
function run(impl, p) {
  const log = [];
  const side = Object.create(impl);
  side.fn = p.logged ? (f, where) => (...args) => { log.push([where, ...args]); return f(...args); } : (f) => f;
  let result;
  try {
    result = { value: side.sink(side.pipe(p), p.sink) };
  } catch (e) {
    result = { error: e?.constructor?.name ?? String(e), message: String(e?.message ?? e) };
  }
  return { result, log };
}

/* Compare one pipeline: null when both sides agree, else a readable report. */
export function check(p) {
  const ours = run(LW, p), theirs = run(REF, p);
  const a = ours.result, b = theirs.result;
  let problem = null;
  if (a.error !== undefined || b.error !== undefined) {
    if (a.error !== b.error) {
      problem = `lazywasm: ${a.error ? `${a.error}: ${a.message}` : `value ${show(a.value)}`}\n    reference: ${b.error ? `${b.error}: ${b.message}` : `value ${show(b.value)}`}`;
    }
  } else if (!sameValues(a.value, b.value)) {
    problem = `lazywasm:  ${show(a.value)}\n    reference: ${show(b.value)}`;
  } else if (p.logged && !sameValues(ours.log, theirs.log)) {
    let k = 0;
    while (k < ours.log.length && k < theirs.log.length && sameValues(ours.log[k], theirs.log[k])) k++;
    problem = `callback logs differ at call ${k} (lazywasm made ${ours.log.length} calls, reference ${theirs.log.length}):\n`
      + `    lazywasm:  ${show(ours.log[k])}\n    reference: ${show(theirs.log[k])}`;
  }
  return problem === null ? null : `${describePipeline(p)}\n    ${problem}`;
}

/* Typed-array sources: numbers of every typed array kind. */
export const typedPipeline = (seed) => randomPipeline(seed, true);

// ------------------------------------------------------------------ worker side

if (!isMainThread && workerData?.differential) {
  const { seeds, typed } = workerData;
  const failures = [];
  for (const seed of seeds) {
    const p = typed ? typedPipeline(seed) : randomPipeline(seed);
    parentPort.postMessage({ type: 'start', seed, description: describePipeline(p) });
    let problem;
    try {
      problem = check(p);
    } catch (e) {
      problem = `${describePipeline(p)}\n    the harness threw: ${e?.stack ?? e}`;
    }
    if (problem) failures.push(problem);
  }
  parentPort.postMessage({ type: 'done', failures, count: seeds.length });
}

// ------------------------------------------------------------------ test side

/* Run `seeds` in a worker; resolves with { failures, count }, or a hang report after `ms`. */
function runSeeds(seeds, typed, ms) {
  return new Promise((resolve) => {
    const worker = new Worker(new URL(import.meta.url), {
      workerData: { differential: true, seeds, typed },
      resourceLimits: { maxOldGenerationSizeMb: 384 },
    });
    let current = null;
    const timer = setTimeout(() => {
      worker.terminate();
      resolve({ failures: [`did not finish in ${ms} ms; running: ${current?.description ?? '(none started)'}`], count: 0, hung: true });
    }, ms);
    worker.on('message', (m) => {
      if (m.type === 'start') current = m;
      else { clearTimeout(timer); worker.terminate(); resolve(m); }
    });
    worker.on('error', (e) => {
      clearTimeout(timer);
      resolve({ failures: [`the worker crashed (${e?.stack ?? e}); running: ${current?.description ?? '(none)'}`], count: 0 });
    });
  });
}

if (isMainThread) {
  const { test } = await import('node:test');
  const assert = (await import('node:assert/strict')).default;

  const only = process.env.LW_SEED;
  const range = (from, n) => Array.from({ length: n }, (_, i) => from + i);
  const shown = Number(process.env.LW_SHOW ?? 8);
  // results that differ first, then pipelines whose results agree but whose callback calls differ
  const order = (failures) => [...failures.filter((f) => !f.includes('callback logs differ')), ...failures.filter((f) => f.includes('callback logs differ'))];
  const report = (failures) => `${failures.length} pipeline(s) differ:\n  ${order(failures).slice(0, shown).join('\n  ')}${failures.length > shown ? `\n  … and ${failures.length - shown} more` : ''}`;

  if (only !== undefined) {
    test(`differential: the pipeline of seed ${only}`, async () => {
      const seeds = [Number(only)];
      const { failures } = await runSeeds(seeds, process.env.LW_TYPED === '1', 20000);
      console.log(describePipeline(process.env.LW_TYPED === '1' ? typedPipeline(seeds[0]) : randomPipeline(seeds[0])));
      assert.equal(failures.length, 0, report(failures));
    });
  } else {
    // the workers run in parallel; each test waits for its own
    const per = Number(process.env.LW_PIPELINES ?? 25000);
    const BLOCKS = [[1, per], [100001, per], [200001, per], [300001, per]];
    const runs = BLOCKS.map(([from, n]) => runSeeds(range(from, n), false, 60000));
    const typedRun = runSeeds(range(900001, 300), true, 60000);
    BLOCKS.forEach(([from, n], b) => {
      test(`differential: ${n} random pipelines, seeds ${from}…${from + n - 1}`, async () => {
        const { failures, count, hung } = await runs[b];
        if (!hung) assert.equal(count, n, 'every pipeline ran');
        assert.equal(failures.length, 0, report(failures));
      });
    });
    test('differential: 300 random pipelines over typed-array sources, seeds 900001…900300', async () => {
      const { failures } = await typedRun;
      assert.equal(failures.length, 0, report(failures));
    });
  }
}
