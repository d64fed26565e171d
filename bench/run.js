// npm run bench [-- --quick] [-- --json | --markdown] [-- W1,W4]
// Runs every workload against every implementation in this one process:
// results are checked equal to the hand loop's first, then each is timed as
// the median of several runs after warm-up (bench/suite.js, which the
// playground's Benchmark tab runs too). Prints ns per element and the ratio
// to the hand-written loop; --markdown prints one table of them all (the
// README's).

import { workloads, helpersLabel } from './node.js';
import { SETTINGS, sizeOf, runWorkload } from './suite.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const json = args.includes('--json');
const markdown = args.includes('--markdown');
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
  if (!json && !markdown) {
    console.log(`\n${w.id}  ${w.title}${w.perCall ? '' : `  (n = ${n.toExponential(0)})`}`);
    for (const r of rows) {
      const cell = r.ns === undefined ? `n/a: ${r.error}` : `${r.ns.toPrecision(3).padStart(9)} ${w.perCall ? 'ns/call' : 'ns/elem'}  ×${r.ratio.toFixed(2)} hand loop`;
      console.log(`  ${r.name.padEnd(44)} ${cell}`);
    }
  }
}

if (json) console.log(JSON.stringify(report, null, 2));
else if (markdown) console.log(table(report));
else console.log(`\nNode ${process.version} (V8 ${process.versions.v8}); ${quick ? 'quick run; ' : ''}mismatches: ${mismatches}`);
process.exitCode = mismatches === 0 ? 0 : 1;

/* One markdown table: a row per implementation, a column per workload, "ns (×ratio to the hand loop)". */
function table(r) {
  const names = [];
  for (const w of r.workloads) for (const row of w.rows) if (!names.includes(row.name)) names.push(row.name);
  const cell = (w, name) => {
    const row = w.rows.find((x) => x.name === name);
    if (!row) return '';
    if (row.ns === undefined) return 'n/a';
    return `${row.ns < 10 ? row.ns.toFixed(1) : Math.round(row.ns).toLocaleString('en')} (×${row.ratio < 10 ? row.ratio.toFixed(1) : Math.round(row.ratio)})`;
  };
  const lines = [
    `| ns per element (×hand loop) | ${r.workloads.map((w) => w.id + (w.unit === 'ns/call' ? ' (ns/call)' : '')).join(' | ')} |`,
    `|---|${r.workloads.map(() => '---:').join('|')}|`,
    ...names.map((name) => `| ${name} | ${r.workloads.map((w) => cell(w, name)).join(' | ')} |`),
  ];
  return `${lines.join('\n')}\n\nNode ${r.node} (V8 ${r.v8}), ${r.helpers}; ${r.quick ? 'quick run, ' : ''}${r.date.slice(0, 10)}; mismatches: ${mismatches}`;
}

