// The playground page: wires the editor, the examples, the runner (code runs
// in a worker), the output with its figures, sharing by URL, and the
// lazy-against-eager chart.

import { Editor } from './editor.js';
import { Runner } from './runner.js';
import { examples } from './examples.js';
import { drawChart } from './chart.js';
import { setUpTabs } from './tabs.js';
import { openBenchmark } from './bench.js';

const SHOW = 100;        // values listed before the output turns into a count
const MAX_LOG = 500;     // print() lines kept per run
const CUSTOM = '';       // the example menu's value when the code is the visitor's own

const $ = (id) => document.getElementById(id);
const number = new Intl.NumberFormat('en');
const decimal = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });

function bytes(n) {
  if (n == null) return '–';
  if (n < 1024) return `${n} B`;
  if (n < 2 ** 20) return `${decimal.format(n / 1024)} KiB`;
  return `${decimal.format(n / 2 ** 20)} MiB`;
}

function duration(ms) {
  return ms < 1000 ? `${decimal.format(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

function rate(count, ms) {
  if (!count || !(ms > 0)) return '–';
  const perSecond = count / (ms / 1000);
  if (perSecond >= 1e6) return `${decimal.format(perSecond / 1e6)} M`;
  if (perSecond >= 1e3) return `${decimal.format(perSecond / 1e3)} k`;
  return decimal.format(perSecond);
}

// ---------------------------------------------------------------- sharing

/* The code in a URL fragment: #code= and its UTF-8 bytes in base64url. */
function encodeCode(code) {
  const binary = Array.from(new TextEncoder().encode(code), (b) => String.fromCharCode(b)).join('');
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function decodeCode(text) {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/* The code a URL's fragment carries, null if none, or an Error if it is damaged. */
function codeFromHash(hash) {
  const m = /^#code=([A-Za-z0-9_-]*)$/.exec(hash);
  if (!m) return null;
  try {
    return decodeCode(m[1]);
  } catch {
    return new Error('The link’s code could not be read (it may have been cut short).');
  }
}

async function share() {
  const url = new URL(location.href);
  url.hash = `code=${encodeCode(editor.value)}`;
  history.replaceState(null, '', url);
  let copied = false;
  try {
    await navigator.clipboard.writeText(url.href);
    copied = true;
  } catch {
    // No clipboard (an insecure origin, or permission refused): the address bar has the link.
  }
  $('share-status').textContent = copied ? 'Link copied.' : 'The link is in the address bar.';
}

// ---------------------------------------------------------------- output

const output = $('output');
let shownValues = 0;
let logLines = 0;
let runStart = 0;
let ticker = 0;

function resetOutput() {
  output.replaceChildren();
  $('share-status').textContent = '';
  shownValues = 0;
  logLines = 0;
  $('more').textContent = '';
  $('error').hidden = true;
  $('explain-box').hidden = true;
  for (const id of ['stat-count', 'stat-time', 'stat-rate', 'stat-wasm', 'stat-heap']) $(id).textContent = '–';
}

function addLine(className, text, index) {
  const li = document.createElement('li');
  li.className = className;
  if (index !== undefined) {
    const label = document.createElement('span');
    label.className = 'index';
    label.textContent = index;
    li.append(label);
  }
  li.append(text);
  output.append(li);
  output.scrollTop = output.scrollHeight;
}

function showFigures({ count, ms, memory }) {
  if (count !== undefined) $('stat-count').textContent = number.format(count);
  if (ms !== undefined) {
    $('stat-time').textContent = duration(ms);
    $('stat-rate').textContent = rate(count, ms);
  }
  if (memory) {
    $('stat-wasm').textContent = `${bytes(memory.wasm)} (${bytes(memory.engine)} in use)`;
    $('heap-stat').hidden = memory.heap == null;
    $('stat-heap').textContent = bytes(memory.heap);
  }
  if (count > shownValues) $('more').textContent = `… and ${number.format(count - shownValues)} more (the first ${SHOW} are listed)`;
}

function showExplain(text) {
  const list = $('explain');
  list.replaceChildren(...text.split('\n').map((line) => {
    const li = document.createElement('li');
    li.textContent = line;
    li.className = line.includes('runs in WASM') ? 'wasm' : line.includes('calls JS') ? 'js' : 'plain';
    return li;
  }));
  $('explain-box').hidden = false;
}

function showError({ name, message, line, column }) {
  const box = $('error');
  const where = line ? ` (line ${line}${column ? `, column ${column}` : ''})` : '';
  box.textContent = `${name}: ${message}${where}`;
  box.hidden = false;
  editor.markError(line ?? null);
}

function onEvent(event) {
  switch (event.type) {
    case 'value':
      addLine('value', event.text, event.index);
      shownValues++;
      break;
    case 'log':   // the worker sends at most MAX_LOG lines, then log-capped once, and counts the rest
      if (++logLines <= MAX_LOG) addLine('log', event.text);
      break;
    case 'log-capped':
      addLine('log more-log', '… more print() lines are not shown');
      break;
    case 'result':
      addLine('result', event.text);
      break;
    case 'explain':
      showExplain(event.text);
      break;
    case 'progress':
      showFigures(event);
      break;
    case 'done':
      showFigures(event);
      countMoreLines(event.logged);
      setState('done');
      break;
    case 'error':
      showFigures(event);
      countMoreLines(event.logged);
      showError(event);
      setState('error');
      break;
    case 'stopped':
      setState('stopped');
      $('stat-time').textContent = duration(performance.now() - runStart);
      break;
  }
}

/* At the end of a run, the print() lines not shown are counted in their notice. */
function countMoreLines(logged) {
  const notice = output.querySelector('.more-log');
  if (notice && logged > MAX_LOG) notice.textContent = `… ${number.format(logged - MAX_LOG)} more print() lines are not shown`;
}

// ---------------------------------------------------------------- running

function setState(text) {
  $('state').textContent = text;
  document.body.dataset.state = text.split(' ')[0];
}

// A run waits for its worker if need be, so Run works as soon as the page does;
// the state says 'ready' once the library has first loaded.
let loaded = false;
const runner = new Runner((status, exports) => {
  if (status !== 'ready') {
    setState(status);
  } else if (!loaded) {
    loaded = true;
    editor.library = [...exports, 'print', 'lazywasm'];
    setState('ready');
  }
});

async function run() {
  if (runner.running) return;
  resetOutput();
  editor.markError(null);
  setState('running');
  $('run').disabled = true;
  $('stop').disabled = false;
  runStart = performance.now();
  // The worker reports figures when it can; the clock ticks here even while its code never yields.
  ticker = setInterval(() => { $('stat-time').textContent = duration(performance.now() - runStart); }, 100);
  try {
    await runner.run(editor.value, { show: SHOW, maxLog: MAX_LOG, onEvent });
  } finally {
    clearInterval(ticker);
    $('stop').disabled = true;
    $('run').disabled = false;
  }
}

function stop() {
  if (runner.running) runner.stop();
}

// ---------------------------------------------------------------- the editor and examples

const editor = new Editor($('editor'), {
  onRun: run,
  onChange: () => {
    $('examples').value = CUSTOM;
    $('share-status').textContent = '';
  },
  label: 'Code to run',
});

const menu = $('examples');
menu.append(new Option('Your own code', CUSTOM));
for (const example of examples) menu.append(new Option(example.title, example.id));
menu.addEventListener('change', () => {
  const example = examples.find((e) => e.id === menu.value);
  if (example) {
    stop();   // the output below belongs to the code being replaced
    // A shared link's code leaves the editor, so it leaves the address too: a reload must not bring it back.
    if (location.hash) history.replaceState(null, '', location.pathname + location.search);
    editor.value = example.code;
    resetOutput();
    setState('ready');
  }
});

function loadFromLocation() {
  const code = codeFromHash(location.hash);
  if (code instanceof Error) {
    showError({ name: 'Link', message: code.message });
  } else if (code !== null) {
    editor.value = code;
    menu.value = CUSTOM;
    return;
  }
  editor.value = examples[0].code;
  menu.value = examples[0].id;
}

loadFromLocation();
window.addEventListener('hashchange', loadFromLocation);

$('run').addEventListener('click', run);
$('run').disabled = false;
$('stop').addEventListener('click', stop);
$('share').addEventListener('click', share);
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') stop();
});

// ---------------------------------------------------------------- lazy against eager

const SIZES = [100_000, 200_000, 400_000, 600_000, 800_000, 1_000_000];
let measurer = null;

function shortNumber(n) {
  return n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : String(n);
}

function drawMeasures(points) {
  const series = (pick) => [
    { name: 'lazy (lazywasm)', className: 'series-lazy', points: points.map((p) => [p.n, pick(p.lazy)]) },
    { name: 'eager arrays', className: 'series-eager', points: points.map((p) => [p.n, pick(p.eager)]) },
  ];
  drawChart($('chart-time'), {
    title: 'Time',
    x: { label: 'N', format: shortNumber },
    y: { label: 'milliseconds', format: (v) => decimal.format(v) },
    series: series((m) => m.ms),
  });
  drawChart($('chart-memory'), {
    title: 'Memory held at the peak',
    x: { label: 'N', format: shortNumber },
    y: { label: 'MiB', format: (v) => decimal.format(v) },
    series: series((m) => m.bytes / 2 ** 20),
  });
}

function measure() {
  measurer?.terminate();
  const points = [];
  drawMeasures(points);
  $('measure').disabled = true;
  $('measure-summary').textContent = 'Measuring…';
  document.body.dataset.measure = 'running';
  measurer = new Worker(new URL('./measure.js', import.meta.url), { type: 'module' });
  measurer.onmessage = ({ data }) => {
    if (data.type === 'ready') {
      measurer.postMessage({ type: 'measure', sizes: SIZES, repeats: 3 });
    } else if (data.type === 'point') {
      points.push(data);
      drawMeasures(points);
      const { n, lazy, eager } = data;
      $('measure-summary').textContent = `At N = ${number.format(n)}: eager arrays held ${bytes(eager.bytes)} and took `
        + `${duration(eager.ms)}; the lazy pipeline held ${bytes(lazy.bytes)} and took ${duration(lazy.ms)}.`;
    } else if (data.type === 'measured' || data.type === 'error') {
      if (data.type === 'error') $('measure-summary').textContent = data.message;
      $('measure').disabled = false;
      document.body.dataset.measure = data.type === 'error' ? 'error' : 'done';
      measurer.terminate();
      measurer = null;
    }
  };
}

$('measure').addEventListener('click', measure);
drawMeasures([]);

// Measured when the charts come into view, so that a visitor who never looks
// at them doesn't pay for it (a few seconds of a CPU core).
new IntersectionObserver((entries, observer) => {
  if (!entries.some((entry) => entry.isIntersecting)) return;
  observer.disconnect();
  measure();
}).observe($('chart-time'));

// ---------------------------------------------------------------- tabs

setUpTabs((name) => { if (name === 'benchmark') openBenchmark(); });
