// npm run bench [-- --quick] [-- --json] [-- W1,W4]
// Runs every workload against every implementation in this one process:
// results are checked equal to the hand loop's first, then each is timed as
// the median of several runs after warm-up (bench/suite.js, which the
// playground's Benchmark tab runs too). Prints ns per element and the ratio
// to the hand-written loop.

import { workloads, helpersLabel } from './node.js';
import { SETTINGS, sizeOf, runWorkload } from './suite.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const json = args.includes('--json');
const only = args.find((a) => /^W\d/.test(a))?.split(',');

const settings = quick ? SETTINGS.quick : SETTINGS.full;
const clock = () => Number(process.hrtime.bigint()) / 1e9;
const label = (name) => (name === 'helpers' ? helpersLabel : name);

const report = { node: process.version, v8: process.versions.v8, quick, date: new Date().toISOString(), helpers: helpersLabel, workloads: [] };
let mismatches = 0;

for (const w of workloads) {
  if (only && !only.includes(w.id)) continue;
  const n = sizeOf(w, settings);
  const rows = [];
  for (const row of runWorkload(w, n, { clock, timing: settings, label })) {
    if (row.mismatch) mismatches++;
    delete row.mismatch;
    rows.push(row);
  }
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
