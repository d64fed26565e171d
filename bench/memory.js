// npm run bench:memory [-- --max 1e9] [-- --svg docs/bench-memory.svg] [-- --json]
// Peak memory as N grows: the same work done by a lazy lazywasm pipeline and
// with eager arrays. Each measurement runs in a fresh Node process, so its
// peak RSS (process.resourceUsage().maxRSS) is its own; eager runs get a
// fixed JS heap limit, and the first N they cannot finish is reported as
// "out of memory". The chart is an SVG written by this script.

import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import os from 'node:os';

const here = fileURLToPath(new URL('.', import.meta.url));
const args = process.argv.slice(2);
const opt = (name, fallback) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : fallback; };
const MAX = Number(opt('--max', '1e9'));
const SVG = opt('--svg', null);
const JSON_OUT = args.includes('--json');
const HEAP_MB = 4096;   // the eager runs' JS heap limit

// The work: the squares of 0..N-1 that are multiples of 3, summed.
const KINDS = {
  'lazywasm (compiled)': 'L.range(0, N).map((x) => x * x).filter((x) => x % 3 === 0).sum()',
  'lazywasm (JS callbacks)': 'L.range(0, N).map((x) => x * x + z).filter((x) => x % 3 === z).sum()',
  'eager arrays': 'Array.from({ length: N }, (_, i) => i).map((x) => x * x).filter((x) => x % 3 === 0).reduce((a, b) => a + b, 0)',
};
// JS callbacks cost ~10-50 ns per value: stop them where a run would take minutes.
const LIMIT = { 'lazywasm (JS callbacks)': 1e8 };

function measure(kind, n) {
  const code = `
    import * as L from ${JSON.stringify(new URL('../lib/node.js', import.meta.url).href)};
    const N = ${n}, z = 0;
    const t = process.hrtime.bigint();
    const result = ${KINDS[kind]};
    const seconds = Number(process.hrtime.bigint() - t) / 1e9;
    const heap = process.memoryUsage().heapUsed;
    console.log(JSON.stringify({ result, seconds, maxRSS: process.resourceUsage().maxRSS * 1024, heap }));`;
  try {
    const out = execFileSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, '--input-type=module', '-e', code],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], cwd: here });
    return JSON.parse(out.trim().split('\n').pop());
  } catch (e) {
    return { error: /heap out of memory|Invalid array length|allocation failed/i.test(String(e.stderr)) ? 'out of memory' : String(e.stderr || e).split('\n')[0] };
  }
}

const sizes = [];
for (let n = 1e5; n <= MAX; n *= 10) sizes.push(n);
const rows = [];
for (const kind of Object.keys(KINDS)) {
  for (const n of sizes) {
    if (n > (LIMIT[kind] ?? Infinity)) continue;
    const r = measure(kind, n);
    rows.push({ kind, n, ...r });
    if (!JSON_OUT) {
      const what = r.error ? r.error : `${(r.maxRSS / 2 ** 20).toFixed(0)} MiB peak RSS, ${r.seconds.toFixed(2)} s`;
      console.log(`${kind.padEnd(26)} N = ${n.toExponential(0).padEnd(5)} ${what}`);
    }
    if (r.error) break;   // larger N fails too
  }
}

const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
if (JSON_OUT) console.log(JSON.stringify({ machine, heapLimitMB: HEAP_MB, rows }, null, 2));
else console.log(`\n${machine}; eager runs limited to a ${HEAP_MB} MiB JS heap`);
if (SVG) {
  writeFileSync(SVG, chart(rows, machine));
  if (!JSON_OUT) console.log(`chart: ${SVG}`);
}

/* A log-log chart of peak RSS against N, one line per kind; out-of-memory marked with a cross. */
function chart(data, caption) {
  const W = 640, H = 380, left = 70, right = 190, top = 30, bottom = 60;
  const colours = { 'lazywasm (compiled)': '#1f77b4', 'lazywasm (JS callbacks)': '#2ca02c', 'eager arrays': '#d62728' };
  const ok = data.filter((r) => !r.error);
  const yMax = 2 ** Math.ceil(Math.log2(Math.max(...ok.map((r) => r.maxRSS), HEAP_MB * 2 ** 20)));
  const yMin = 2 ** Math.floor(Math.log2(Math.min(...ok.map((r) => r.maxRSS))));
  const xs = (n) => left + (Math.log10(n) - 5) / (Math.log10(MAX) - 5 || 1) * (W - left - right);
  const ys = (b) => top + (1 - (Math.log2(b) - Math.log2(yMin)) / (Math.log2(yMax) - Math.log2(yMin))) * (H - top - bottom);
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${left}" y="18" font-size="14">Peak memory (RSS) as N grows: lazy pipeline vs eager arrays</text>`];
  for (let n = 1e5; n <= MAX; n *= 10) {
    out.push(`<line x1="${xs(n)}" y1="${top}" x2="${xs(n)}" y2="${H - bottom}" stroke="#eee"/>`,
      `<text x="${xs(n)}" y="${H - bottom + 16}" text-anchor="middle">1e${Math.round(Math.log10(n))}</text>`);
  }
  for (let b = yMin; b <= yMax; b *= 4) {
    const label = b >= 2 ** 30 ? `${b / 2 ** 30} GiB` : `${b / 2 ** 20} MiB`;
    out.push(`<line x1="${left}" y1="${ys(b)}" x2="${W - right}" y2="${ys(b)}" stroke="#eee"/>`,
      `<text x="${left - 6}" y="${ys(b) + 4}" text-anchor="end">${label}</text>`);
  }
  out.push(`<text x="${(left + W - right) / 2}" y="${H - bottom + 34}" text-anchor="middle">N (values)</text>`);
  Object.keys(KINDS).forEach((kind, i) => {
    const pts = ok.filter((r) => r.kind === kind).map((r) => `${xs(r.n).toFixed(1)},${ys(r.maxRSS).toFixed(1)}`);
    if (pts.length) out.push(`<polyline fill="none" stroke="${colours[kind]}" stroke-width="2" points="${pts.join(' ')}"/>`);
    for (const p of pts) { const [x, y] = p.split(','); out.push(`<circle cx="${x}" cy="${y}" r="3" fill="${colours[kind]}"/>`); }
    const failed = data.find((r) => r.kind === kind && r.error);
    if (failed) {
      const x = xs(failed.n), y = top + 40 + 16 * i;
      out.push(`<text x="${x + 4}" y="${y}" text-anchor="end" fill="${colours[kind]}" font-weight="bold">${failed.error} at 1e${Math.round(Math.log10(failed.n))} ✕</text>`);
    }
    out.push(`<line x1="${W - right + 15}" y1="${top + 14 + 20 * i}" x2="${W - right + 35}" y2="${top + 14 + 20 * i}" stroke="${colours[kind]}" stroke-width="2"/>`,
      `<text x="${W - right + 40}" y="${top + 18 + 20 * i}">${kind}</text>`);
  });
  out.push(`<text x="${left}" y="${H - 8}" font-size="10" fill="#555">${caption}; eager JS heap limit ${HEAP_MB} MiB</text>`, '</svg>');
  return out.join('\n') + '\n';
}
