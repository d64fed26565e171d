// The Benchmark tab's worker: runs the workloads of `npm run bench`
// (bench/workloads.js, with bench/suite.js's checking and timing) in the
// browser and posts each row as it is measured. The page stops a run by
// terminating this worker.
//
// A classic worker, not a module: the workloads and their peer libraries come
// bundled as a classic script (dist/bench-browser.js, see bench/browser.js),
// which only importScripts() loads; lazywasm itself is imported as the
// playground imports it, from lib/browser.js.
//
// Messages to the page: ready, workload, row, done, error.

/* Quick is `npm run bench -- --quick`'s sizes with a third of its time budgets; Full is `npm run bench`'s settings. */
const QUICK = { scale: 0.1, budget: 0.05, warmup: 0.05, minRuns: 3, maxRuns: 15, minSample: 0.005 };

const clock = () => performance.now() / 1000;
let suite = null;

async function load() {
  try {
    importScripts(new URL('../dist/bench-browser.js', self.location.href).href);
  } catch {
    throw new Error('dist/bench-browser.js could not be loaded: build it with `bash build.sh` (or `npm start`, which builds it when missing).');
  }
  const L = await import('../lib/browser.js');
  const { workloads, helpersLabel } = self.lazywasmBench.benchmarkSuite(L);
  suite = { workloads, helpersLabel };
  postMessage({
    type: 'ready',
    helpers: helpersLabel,
    workloads: workloads.map((w) => ({ id: w.id, title: w.title, perCall: Boolean(w.perCall), impls: Object.keys(w.impls).length })),
  });
}

/* Runs the workloads (all, or those in `only`) at the mode's sizes, or at `size` elements when given. */
function run({ mode, only, size }) {
  const { sizeOf, runWorkload, SETTINGS } = self.lazywasmBench;
  const timing = mode === 'full' ? SETTINGS.full : QUICK;
  const label = (name) => (name === 'helpers' ? suite.helpersLabel : name);
  const started = performance.now();
  let rows = 0, mismatches = 0, errors = 0;
  for (const w of suite.workloads) {
    if (only && !only.includes(w.id)) continue;
    const n = sizeOf(w, { scale: timing.scale, size: size ?? undefined });
    postMessage({ type: 'workload', id: w.id, title: w.title, n: w.perCall ? null : n, unit: w.perCall ? 'ns/call' : 'ns/element' });
    for (const row of runWorkload(w, n, { clock, timing, label })) {
      rows++;
      if (row.mismatch) mismatches++;
      else if (row.error !== undefined) errors++;
      postMessage({ type: 'row', id: w.id, row });
    }
  }
  postMessage({ type: 'done', rows, mismatches, errors, ms: performance.now() - started });
}

self.onmessage = ({ data }) => {
  if (data.type !== 'run' || !suite) return;
  try {
    run(data);
  } catch (err) {
    postMessage({ type: 'error', message: `${err?.name ?? 'Error'}: ${err?.message ?? err}` });
  }
};

load().catch((err) => postMessage({ type: 'error', message: err?.message ?? String(err) }));
