// How a workload of bench/workloads.js is run, the same way in Node
// (bench/run.js) and in the browser (web/bench-worker.js): every
// implementation's result is checked equal to the hand loop's first, then it
// is timed as the median of several runs after warm-up. Only the clock and the
// time spent differ between the two; this file uses neither Node nor the DOM.

/** Sizes and time budgets (seconds). `scale` shrinks every size-driven workload's n. */
export const SETTINGS = {
  quick: { scale: 0.1, budget: 0.15, warmup: 0.15, minRuns: 3, maxRuns: 15, minSample: 0.02 },
  full: { scale: 1, budget: 0.6, warmup: 0.15, minRuns: 5, maxRuns: 15, minSample: 0.02 },
};

export function same(a, b) {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  return Object.is(a, b);
}

/** The n a workload runs at: its own, scaled, or `size` when given (per-call workloads keep theirs). */
export function sizeOf(w, { scale = 1, size } = {}) {
  if (w.perCall) return w.n;
  return size ?? Math.max(1, Math.round(w.n * scale));
}

/*
 * Median seconds of one call of f, after warm-up; clock() reads seconds. Calls shorter than
 * minSample are batched into samples of at least that long, so that a coarse
 * clock (a browser's performance.now()) still measures them.
 */
export function measure(f, clock, { budget, warmup, minRuns, maxRuns, minSample }) {
  const time = (reps) => {
    const start = clock();
    for (let i = 0; i < reps; i++) f();
    return clock() - start;
  };
  let reps = 1;
  const calibrate = () => { while (time(reps) < minSample) reps *= 2; };
  const sample = () => time(reps) / reps;
  calibrate();
  for (let warm = 0, spent = 0; warm < 5 && (warm < 1 || spent < warmup); warm++) spent += sample() * reps;
  // Once warm, a call can be many times faster than the first ones that calibrated.
  calibrate();
  const times = [];
  let total = 0;
  while (times.length < minRuns || (total < budget && times.length < maxRuns)) {
    const t = sample();
    times.push(t);
    total += t * reps;
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}

/**
 * Runs every implementation of workload `w` at size n, yielding a row as each
 * is done: { name, ns, ratio } (ns per element, or per call for per-call
 * workloads; ratio to the hand loop), or { name, error, mismatch } when it
 * threw (mismatch false) or computed a different result (mismatch true).
 * `label(name)` names a row (the helpers say which ones they are).
 */
export function* runWorkload(w, n, { clock, timing, label = (name) => name }) {
  const expected = w.impls['hand loop'](n);
  const names = ['hand loop', ...Object.keys(w.impls).filter((name) => name !== 'hand loop')];
  let hand;
  for (const name of names) {
    const f = w.impls[name];
    let result;
    try {
      result = f(n);
    } catch (e) {
      yield { name: label(name), error: String(e?.message ?? e), mismatch: false };
      continue;
    }
    if (!same(result, expected)) {
      yield { name: label(name), error: `result ${result} differs from the hand loop's ${expected}`, mismatch: true };
      continue;
    }
    const ns = (measure(() => f(n), clock, timing) * 1e9) / (w.perCall ? 1 : n);
    hand ??= ns;   // the hand loop's, timed first
    yield { name: label(name), ns, ratio: ns / hand };
  }
}
