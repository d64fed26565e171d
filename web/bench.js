// The Benchmark tab: runs the workloads of `npm run bench` in a worker
// (bench-worker.js) and fills the table as rows arrive: ns per element (or
// per call), the ratio to the hand-written loop, and any result that differs
// from the hand loop's. Stop terminates the worker; the next run starts a
// fresh one. The worker is only started when the tab is first opened.
//
// The address can narrow a run, for a quick look or a test:
//   ?tab=benchmark&only=W1,W7&size=2000    those workloads, at 2000 elements

const $ = (id) => document.getElementById(id);
const WORKER_URL = new URL('./bench-worker.js', import.meta.url);
const significant = new Intl.NumberFormat('en', { maximumSignificantDigits: 3 });
const compact = new Intl.NumberFormat('en', { notation: 'compact' });

let worker = null;
let ready = null;       // resolves once the worker has loaded the suite
let running = false;
let done = 0;           // rows measured in this run
let total = 0;          // rows this run will measure
let workloadList = [];  // [{ id, title, perCall, impls }] from the worker

/** The narrowing the address asks for: { only: ['W1', …] | null, size: number | null }. */
function narrowing() {
  const params = new URLSearchParams(location.search);
  const only = params.get('only')?.split(',').map((s) => s.trim()).filter(Boolean) ?? null;
  const size = Number(params.get('size'));
  return { only: only?.length ? only : null, size: Number.isInteger(size) && size > 0 ? size : null };
}

function setState(state, text) {
  document.body.dataset.bench = state;
  $('bench-status').textContent = text;
}

function spawn() {
  worker = new Worker(WORKER_URL);   // classic: see bench-worker.js
  const current = worker;
  ready = new Promise((resolve) => {
    worker.onmessage = ({ data }) => {
      if (current !== worker) return;   // a stopped worker's last words
      if (data.type === 'ready') {
        workloadList = data.workloads;
        $('bench-env').textContent = `${data.helpers} · ${navigator.userAgent}`;
        resolve(true);
      } else {
        onMessage(data, resolve);
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      if (current !== worker) return;
      onMessage({ type: 'error', message: `the benchmark worker failed: ${event.message || 'see the browser console'}` }, resolve);
    };
  });
}

function onMessage(data, resolveReady) {
  switch (data.type) {
    case 'workload':
      addWorkload(data);
      break;
    case 'row':
      addRow(data.id, data.row);
      done++;
      setState('running', `Running… ${done} of ${total} results.`);
      break;
    case 'done': {
      finish();
      const verdict = data.mismatches === 0 ? 'every result equal to the hand loop’s' : `${data.mismatches} result(s) differ from the hand loop’s`;
      const thrown = data.errors ? `; ${data.errors} implementation(s) threw` : '';
      setState(data.mismatches || data.errors ? 'failed' : 'done',
        `Done in ${(data.ms / 1000).toFixed(1)} s: ${data.rows} results, ${verdict}${thrown}. Mismatches: ${data.mismatches}.`);
      break;
    }
    case 'error':
      // The next run starts a fresh worker (one that failed to load may load the second time).
      worker.terminate();
      worker = null;
      finish();
      resolveReady(false);
      setState('error', data.message);
      break;
  }
}

function finish() {
  running = false;
  $('bench-run').disabled = false;
  $('bench-stop').disabled = true;
  for (const input of document.querySelectorAll('input[name="bench-mode"]')) input.disabled = false;
}

// ---------------------------------------------------------------- the table

function cell(tag, text, className) {
  const el = document.createElement(tag);
  if (text !== undefined) el.textContent = text;
  if (className) el.className = className;
  return el;
}

function addWorkload({ id, title, n, unit }) {
  const body = cell('tbody');
  body.dataset.workload = id;
  const head = cell('tr', undefined, 'workload');
  const th = cell('th', undefined);
  th.colSpan = 4;
  th.append(cell('span', id, 'workload-id'), ` ${title}`, cell('span', n ? `n = ${compact.format(n)}, ${unit}` : unit, 'workload-n'));
  head.append(th);
  body.append(head);
  $('bench-table').append(body);
}

/* A ratio as a bar on a log scale: ×0.1 is empty, ×1 a quarter, ×1000 full. */
function ratioBar(ratio) {
  const bar = cell('span', undefined, 'ratio-bar');
  const fill = Math.min(1, Math.max(0, (Math.log10(ratio) + 1) / 4));
  bar.style.setProperty('--fill', fill.toFixed(3));
  return bar;
}

function addRow(id, row) {
  const body = document.querySelector(`#bench-table tbody[data-workload="${id}"]`);
  const tr = cell('tr');
  tr.dataset.impl = row.name;
  tr.className = row.error !== undefined ? (row.mismatch ? 'mismatch' : 'threw')
    : row.name.startsWith('lazywasm') ? 'lazywasm' : row.name === 'hand loop' ? 'hand' : '';
  tr.append(cell('th', row.name));
  if (row.error !== undefined) {
    tr.append(cell('td', '–', 'ns'), cell('td', '–', 'ratio'),
      cell('td', row.mismatch ? `mismatch: ${row.error}` : `threw: ${row.error}`, 'note'));
  } else {
    const ratio = cell('td', `×${row.ratio.toFixed(2)}`, 'ratio');
    const note = cell('td', undefined, 'note');
    note.append(ratioBar(row.ratio));
    tr.append(cell('td', significant.format(row.ns), 'ns'), ratio, note);
  }
  body.append(tr);
}

// ---------------------------------------------------------------- running

async function run() {
  if (running) return;
  running = true;
  const mode = document.querySelector('input[name="bench-mode"]:checked').value;
  const { only, size } = narrowing();
  $('bench-run').disabled = true;
  $('bench-stop').disabled = false;
  for (const input of document.querySelectorAll('input[name="bench-mode"]')) input.disabled = true;
  for (const body of [...$('bench-table').tBodies]) body.remove();
  setState('running', 'Loading the workloads and their libraries…');
  if (!worker) spawn();
  if (!await ready) return;
  if (!running) return;   // stopped while loading
  const unknown = (only ?? []).filter((id) => !workloadList.some((w) => w.id === id));
  if (unknown.length > 0) {   // a run of nothing would report success
    finish();
    setState('error', `Unknown workload${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} in the address: the workloads are ${workloadList.map((w) => w.id).join(', ')}.`);
    return;
  }
  const chosen = workloadList.filter((w) => !only || only.includes(w.id));
  total = chosen.reduce((sum, w) => sum + w.impls, 0);
  done = 0;
  setState('running', `Running… 0 of ${total} results.`);
  worker.postMessage({ type: 'run', mode, only, size });
}

function stop() {
  if (!running) return;
  worker.terminate();
  worker = null;
  finish();
  setState('stopped', `Stopped after ${done} of ${total} results.`);
}

/** Called when the Benchmark tab opens: the first time, describe what a run covers and load the worker. */
export function openBenchmark() {
  if (worker || running) return;
  const { only, size } = narrowing();
  if (only || size) {
    $('bench-narrowed').textContent = `This address narrows the run: ${only ? `workloads ${only.join(', ')}` : 'every workload'}`
      + `${size ? `, at n = ${size}` : ''}.`;
  }
  spawn();
  ready.then((ok) => { if (ok && !running) setState('ready', 'Ready.'); });
}

$('bench-run').addEventListener('click', run);
$('bench-stop').addEventListener('click', stop);
