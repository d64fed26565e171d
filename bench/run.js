// npm run bench [-- --quick] [-- --json] [-- W1,W4]
// Runs every workload against every implementation in this one process:
// results are checked equal to the hand loop's first, then each is timed as
// the median of several runs after warm-up. Prints ns per element and the
// ratio to the hand-written loop.

import { workloads, helpersLabel } from './workloads.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const json = args.includes('--json');
const only = args.find((a) => /^W\d/.test(a))?.split(',');

const BUDGET = quick ? 0.15 : 0.6;        // seconds of timed runs per cell
const MIN_RUNS = quick ? 3 : 5;

function same(a, b) {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  return Object.is(a, b);
}

function seconds(f) {
  const t = process.hrtime.bigint();
  const r = f();
  return [Number(process.hrtime.bigint() - t) / 1e9, r];
}

/* Median seconds of one call of f, with warm-up; per-call workloads batch calls into ~20 ms samples. */
function measure(f, perCall) {
  let reps = 1;
  if (perCall) {
    while (seconds(() => { for (let i = 0; i < reps; i++) f(); })[0] < 0.02) reps *= 2;
  }
  const sample = () => seconds(() => { for (let i = 0; i < reps; i++) f(); })[0] / reps;
  for (let warm = 0, spent = 0; warm < 5 && (warm < 1 || spent < 0.15); warm++) spent += sample() * reps;
  const times = [];
  let total = 0;
  while (times.length < MIN_RUNS || (total < BUDGET && times.length < 15)) {
    const t = sample();
    times.push(t);
    total += t * reps;
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}

const report = { node: process.version, v8: process.versions.v8, quick, date: new Date().toISOString(), helpers: helpersLabel, workloads: [] };
let mismatches = 0;

for (const w of workloads) {
  if (only && !only.includes(w.id)) continue;
  const n = quick && !w.perCall ? w.n / 10 : w.n;
  const expected = w.impls['hand loop'](n);
  const rows = [];
  for (const [name, f] of Object.entries(w.impls)) {
    const label = name === 'helpers' ? helpersLabel : name;
    let result;
    try {
      result = f(n);
    } catch (e) {
      rows.push({ name: label, error: String(e.message ?? e) });
      continue;
    }
    if (!same(result, expected)) {
      mismatches++;
      rows.push({ name: label, error: `result ${result} differs from the hand loop's ${expected}` });
      continue;
    }
    const t = measure(() => f(n), w.perCall);
    rows.push({ name: label, ns: (t * 1e9) / (w.perCall ? 1 : n) });
  }
  const hand = rows.find((r) => r.name === 'hand loop').ns;
  for (const r of rows) if (r.ns !== undefined) r.ratio = r.ns / hand;
  report.workloads.push({ id: w.id, title: w.title, n: w.perCall ? null : n, unit: w.perCall ? 'ns/call' : 'ns/element', rows });
  if (!json) {
    console.log(`\n${w.id}  ${w.title}${w.perCall ? '' : `  (n = ${n.toExponential(0)})`}`);
    for (const r of rows) {
      const cell = r.ns === undefined ? `n/a: ${r.error}` : `${r.ns.toPrecision(3).padStart(9)} ${w.perCall ? 'ns/call' : 'ns/elem'}  ×${r.ratio.toFixed(2)} hand loop`;
      console.log(`  ${r.name.padEnd(44)} ${cell}`);
    }
  }
}

if (json) console.log(JSON.stringify(report, null, 2));
else console.log(`\nNode ${process.version} (V8 ${process.versions.v8}); ${quick ? 'quick run; ' : ''}mismatches: ${mismatches}`);
process.exitCode = mismatches === 0 ? 0 : 1;
