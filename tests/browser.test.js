// The playground (web/) end to end, in a real headless Chromium driven by
// playwright-core: the page served by web/serve.js on a free port, every
// example run and its output checked against plain-JS references, an
// infinite sequence and a runaway loop stopped, errors shown with their line,
// a pipeline shared by URL, the lazy-against-eager chart measured, a
// screenshot that is not blank, and the page under a plain static server.
//
// Chromium is Debian's (/usr/bin/chromium, or $CHROMIUM); nothing is ever
// downloaded. UPDATE_SCREENSHOT=1 also writes the screenshot to docs/playground.png.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { chromiumSuite, launchChromium } from './chromium.js';
import { startServer } from '../web/serve.js';
import { examples } from '../web/examples.js';
import { random } from '../lib/node.js';
import { decodePng, colourVariety } from './png.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

let browser, server, page;
const pageErrors = [];
const requests = [];

/* ------------------------------------------------------------ the page, driven */

async function openPlayground(url, { viewport = { width: 1280, height: 900 } } = {}) {
  const p = await browser.newPage({ viewport });
  p.on('pageerror', (err) => pageErrors.push(err.message));
  p.on('response', (r) => requests.push({ url: r.url(), status: r.status(), type: r.headers()['content-type'] }));
  await p.goto(url);
  await p.waitForFunction(() => document.getElementById('state').textContent === 'ready');
  return p;
}

const state = (p) => p.evaluate(() => document.body.dataset.state);

/** Puts `code` in the editor as typing would (an input event), leaving the example menu on "your own code". */
async function setCode(p, code) {
  await p.fill('#editor textarea', code);
}

async function runAndWait(p) {
  await p.click('#run');
  await p.waitForFunction(() => ['done', 'error', 'stopped'].includes(document.body.dataset.state));
  return readOutput(p);
}

async function runExample(p, id) {
  await p.selectOption('#examples', id);
  return runAndWait(p);
}

/** What the output shows: values (the text after the index), print() lines, the figures, any error. */
function readOutput(p) {
  return p.evaluate(() => {
    const $ = (id) => document.getElementById(id);
    const items = [...$('output').children];
    return {
      state: document.body.dataset.state,
      values: items.filter((li) => li.classList.contains('value')).map((li) => li.lastChild.textContent),
      logs: items.filter((li) => li.classList.contains('log')).map((li) => li.textContent),
      lines: items.map((li) => (li.classList.contains('value') ? `= ${li.lastChild.textContent}` : `> ${li.textContent}`)),
      results: items.filter((li) => li.classList.contains('result')).map((li) => li.textContent),
      count: Number($('stat-count').textContent.replace(/,/g, '')),
      error: $('error').hidden ? null : $('error').textContent,
      errorLine: document.querySelector('.editor-error-number')?.textContent ?? null,
      explain: $('explain-box').hidden ? null : [...$('explain').children].map((li) => [li.textContent, li.className]),
    };
  });
}

/* ------------------------------------------------------------ plain-JS references */

function* primes() {
  for (let n = 2; ; n++) {
    let prime = true;
    for (let d = 2; d * d <= n; d++) if (n % d === 0) { prime = false; break; }
    if (prime) yield n;
  }
}

function firstN(iterable, n) {
  const out = [];
  for (const x of iterable) { if (out.length === n) break; out.push(x); }
  return out;
}

const rawRandom = (seed, n) => random({ seed }).take(n).toArray();

function movingAverages() {
  const readings = rawRandom(7, 200_000).map((r) => 20 + 5 * (r - 0.5));
  const out = [];
  for (let i = 0; i + 50 <= readings.length; i++) {
    out.push(readings.slice(i, i + 50).reduce((sum, x) => sum + x, 0) / 50);
  }
  return out;
}

function chunkTotals() {
  const r = rawRandom(1, 1_000_000);
  const out = [];
  for (let b = 0; b < 10; b++) {
    let total = 0;
    for (let i = b * 100_000; i < (b + 1) * 100_000; i++) total += Math.round(r[i] * 10_000) / 100;
    out.push(`{ batch: ${b}, rows: 100000, total: ${Math.round(total)} }`);
  }
  return out;
}

function* combinations(items, r, start = 0, chosen = []) {
  if (chosen.length === r) { yield chosen; return; }
  for (let i = start; i < items.length; i++) yield* combinations(items, r, i + 1, [...chosen, items[i]]);
}

function randomWalk(n) {
  let position = 0;
  return rawRandom(2024, n).map((r) => (position += r < 0.5 ? -1 : 1));
}

/* ------------------------------------------------------------ the tests */

// Without Chromium, one failing test says how to get it (instead of every test failing).
const suite = chromiumSuite;

suite('playground in Chromium', { timeout: 110_000 }, () => {
  before(async () => {
    server = await startServer({ port: 0 });
    browser = await launchChromium();
    page = await openPlayground(server.url);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('the page loads the library itself: lib/browser.js and dist/lazywasm.wasm, as application/wasm', async () => {
    assert.equal(await state(page), 'ready');
    const wasm = requests.find((r) => r.url.endsWith('/dist/lazywasm.wasm'));
    assert.ok(wasm, 'the worker fetched /dist/lazywasm.wasm');
    assert.equal(wasm.type, 'application/wasm');
    assert.ok(requests.some((r) => r.url.endsWith('/lib/browser.js') && r.status === 200));
    const options = await page.$$eval('#examples option', (os) => os.map((o) => o.value).filter(Boolean));
    assert.deepEqual(options, examples.map((e) => e.id));
  });

  test('the Fibonacci example: the even ones below four million, and their sum', async () => {
    const out = await runExample(page, 'fibonacci');
    const expected = [];
    for (let [a, b] = [0, 1]; a < 4e6; [a, b] = [b, a + b]) if (a % 2 === 0) expected.push(String(a));
    assert.deepEqual(out.values, expected);
    assert.deepEqual(out.logs, ['their sum: 4613732']);
    assert.equal(out.count, expected.length);
    // filter's and takeWhile's values come from the generator one at a time: read so, they run as JS with the reading (lib/seq.js callStage)
    assert.deepEqual(out.explain, [['from', 'plain'],
      ['filter: compiled, runs in WASM (read one value at a time, as for…of reads, it calls JS: its values come from a JS iterator)', 'wasm'],
      ['takeWhile: compiled, runs in WASM (read one value at a time, as for…of reads, it calls JS: its values come from a JS iterator)', 'wasm']]);
  });

  test('the iterator example: next() and return() interleaved with the values, lazily', async () => {
    const out = await runExample(page, 'iterator');
    assert.deepEqual(out.lines, [
      '> next() -> ant', "= '0:ANT'", '> next() -> bee', "= '1:BEE'", '> next() -> cat',
      '> next() -> dog', "= '3:DOG'", '> return(): closed before the end',
    ]);
  });

  test('the primes example: the millionth prime, trial division agrees, the first 100 primes', async () => {
    const out = await runExample(page, 'primes');
    assert.deepEqual(out.values, firstN(primes(), 100).map(String));
    assert.deepEqual(out.logs, ['the millionth prime: 15485863', 'they agree: true']);
    assert.deepEqual(out.explain.map(([line]) => line), ['primes', 'take']);
  });

  test('the moving-average example: 199,951 averages; the first 100 shown exactly', async () => {
    const out = await runExample(page, 'moving-average');
    const expected = movingAverages();
    assert.equal(out.count, expected.length);
    assert.deepEqual(out.values, expected.slice(0, 100).map(String));
    assert.deepEqual(out.logs, [`highest average: ${expected.reduce((a, b) => Math.max(a, b)).toFixed(3)}`]);
  });

  test('the chunks example: ten batch totals of a million records', async () => {
    const out = await runExample(page, 'chunks');
    assert.deepEqual(out.values, chunkTotals());
  });

  test('the combinations example: 3 of 5 letters, and the first five 5-of-40 sums of 100', async () => {
    const out = await runExample(page, 'combinations');
    const letters = [...combinations(['a', 'b', 'c', 'd', 'e'], 3)].map((c) => c.join(''));
    assert.deepEqual(out.logs, [`3 of 5: ${letters.join(' ')}`]);
    const numbers = Array.from({ length: 40 }, (_, i) => i + 1);
    const expected = firstN((function* () {
      for (const c of combinations(numbers, 5)) if (c.reduce((a, b) => a + b) === 100) yield c;
    })(), 5);
    assert.deepEqual(out.values, expected.map((c) => `[${c.join(', ')}]`));
  });

  test('the random walk never ends: its values stream, Stop ends it, and the next run works', async () => {
    await page.selectOption('#examples', 'random-walk');
    await page.click('#run');
    await page.waitForFunction(() => Number(document.getElementById('stat-count').textContent.replace(/,/g, '')) > 100_000);
    const running = await readOutput(page);
    assert.equal(running.state, 'running');
    assert.deepEqual(running.values, randomWalk(100).map(String));
    await page.click('#stop');
    assert.equal(await state(page), 'stopped');
    const stopped = (await readOutput(page)).count;
    await page.waitForTimeout(400);
    assert.equal((await readOutput(page)).count, stopped, 'nothing more arrives once stopped');
    const next = await runExample(page, 'fibonacci');
    assert.equal(next.state, 'done');
    assert.equal(next.values.length, 12);
  });

  test('a loop that never yields is ended by Esc, and the page stays responsive meanwhile', async () => {
    await setCode(page, 'let i = 0;\nfor (;;) i++;\n');
    await page.click('#run');
    await page.waitForTimeout(300);
    assert.equal(await state(page), 'running');
    const ticking = await page.evaluate(() => document.getElementById('stat-time').textContent);
    assert.notEqual(ticking, '–', 'the clock ticks on the page while the worker is busy');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.body.dataset.state === 'stopped');
    // Run and stop again at once, while the fresh worker is still loading: the page must not get stuck.
    await page.click('#run');
    await page.click('#stop');
    assert.equal(await state(page), 'stopped');
    await setCode(page, '6 * 7');
    const out = await runAndWait(page);
    assert.deepEqual(out.results, ['42']);
  });

  test('print() in a loop that never ends: the first 500 lines, a notice, and Stop ends it at once', async () => {
    await setCode(page, 'let i = 0;\nwhile (true) print(i++);\n');
    await page.click('#run');
    await page.waitForFunction(() => document.querySelector('#output .more-log') !== null);
    const t0 = Date.now();
    await page.click('#stop', { timeout: 5000 });
    await page.waitForFunction(() => document.body.dataset.state === 'stopped', null, { timeout: 5000 });
    assert.ok(Date.now() - t0 < 3000, `Stop took ${Date.now() - t0} ms`);
    const out = await readOutput(page);
    assert.deepEqual(out.logs.slice(0, 500), Array.from({ length: 500 }, (_, i) => String(i)));
    assert.deepEqual(out.logs.slice(500), ['… more print() lines are not shown']);
    // a finite run counts the lines it did not show
    await setCode(page, 'for (let i = 0; i < 20000; i++) print(i);\n"end"');
    const finite = await runAndWait(page);
    assert.equal(finite.state, 'done');
    assert.equal(finite.logs.length, 501);
    assert.equal(finite.logs[500], '… 19,500 more print() lines are not shown');
    assert.deepEqual(finite.results, ["'end'"]);
  });

  test('an async sequence or async generator as the result streams as a Seq does; explain() keeps its indentation', async () => {
    await setCode(page, 'fromAsync([1, 2, 3]).map((x) => x * 10)');
    const seq = await runAndWait(page);
    assert.equal(seq.state, 'done');
    assert.deepEqual(seq.values, ['10', '20', '30']);
    assert.deepEqual(seq.explain.map(([line]) => line), ['fromAsync', 'map: compiled, runs in WASM']);
    await setCode(page, 'async function* g() { yield 1; yield await Promise.resolve(2); }\ng()');
    const gen = await runAndWait(page);
    assert.equal(gen.state, 'done');
    assert.deepEqual(gen.values, ['1', '2']);
    await setCode(page, 'range(3).concat(range(2)).map((x) => x)');
    const nested = await runAndWait(page);
    assert.deepEqual(nested.explain.map(([line]) => line), ['concat', '  range', '  range', 'map: compiled, runs in WASM']);
    // the inputs' lines are drawn indented, not with their spaces collapsed
    await page.evaluate(() => { document.getElementById('explain-box').open = true; });
    const x = await page.evaluate(() => [...document.querySelectorAll('#explain li')].map((li) => {
      const text = li.firstChild, range = document.createRange();   // where the first letter is drawn
      const at = text.data.search(/\S/);
      range.setStart(text, at);
      range.setEnd(text, at + 1);
      return Math.round(range.getBoundingClientRect().left - li.getBoundingClientRect().left);
    }));
    assert.ok(x[1] > x[0] && x[2] === x[1] && x[3] === x[0], `text offsets ${x}`);
  });

  test('await at the top level works, as in a console: the last line is the result; errors keep their lines', async () => {
    await setCode(page, 'const v = await Promise.resolve(3);\nv * 2;\n// done\n');
    assert.deepEqual((await runAndWait(page)).results, ['6']);
    await setCode(page, 'const xs = await fromAsync([1, 2]).map((x) => x * 10).toArray();\nprint(xs);\nfor (const x of xs) print(x);');
    const out = await runAndWait(page);
    assert.equal(out.state, 'done', out.error);
    assert.deepEqual(out.logs, ['[10, 20]', '10', '20']);
    await setCode(page, 'await null;\nconst o = null;\no.x;');
    const failed = await runAndWait(page);
    assert.equal(failed.error, "TypeError: Cannot read properties of null (reading 'x') (line 3, column 3)");
    await setCode(page, 'await null; null.y;');
    assert.equal((await runAndWait(page)).error, "TypeError: Cannot read properties of null (reading 'y') (line 1, column 18)");
    // a SyntaxError the code throws while running is not a reason to run it again
    await setCode(page, 'print(1);\nJSON.parse("await");');
    const json = await runAndWait(page);
    assert.deepEqual(json.logs, ['1']);
    assert.match(json.error, /^SyntaxError: .*await.* \(line 2, column \d+\)$/);
  });

  test('at 320 px the page does not scroll sideways, charts included', async () => {
    const narrow = await openPlayground(server.url, { viewport: { width: 320, height: 800 } });
    try {
      await narrow.evaluate(() => document.querySelector('.charts')?.scrollIntoView());
      await narrow.waitForTimeout(200);
      const widths = await narrow.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
      assert.ok(widths[0] <= widths[1], `the page is ${widths[0]} px wide in a ${widths[1]} px viewport`);
    } finally {
      await narrow.close();
    }
  });

  test('errors appear in the page with their message and line', async () => {
    await setCode(page, 'const a = 1;\n\nnull.x;\n');
    let out = await runAndWait(page);
    assert.equal(out.state, 'error');
    assert.equal(out.error, "TypeError: Cannot read properties of null (reading 'x') (line 3, column 6)");
    assert.equal(out.errorLine, '3');

    await setCode(page, '// a bad argument\nrange(5).take(-1)\n');
    out = await runAndWait(page);
    assert.match(out.error, /^RangeError: take: limit must not be negative, got -1 \(line 2, column \d+\)$/);

    await setCode(page, 'let a = 1;\nlet b = a +* 2;\n');
    out = await runAndWait(page);
    assert.equal(out.error, "SyntaxError: Unexpected token '*' (line 2, column 12)");
    assert.equal(out.errorLine, '2');

    await setCode(page, 'range(5)\n  .map((x) => {\n    if (x === 3) throw new Error(`boom at ${x}`);\n    return x;\n  })\n');
    out = await runAndWait(page);
    assert.deepEqual(out.values, ['0', '1', '2'], 'values before the error stay shown');
    assert.match(out.error, /^Error: boom at 3 \(line 3, column \d+\)$/);
    assert.equal(out.errorLine, '3');

    // raised by the library while the page reads the result: at the line whose value the result is
    await setCode(page, 'const s = range(3);\ns.flatMap((x) => x)\n// a comment\n');
    out = await runAndWait(page);
    assert.equal(out.error, 'TypeError: flatMap: the callback returned 0, which is not an iterable object (line 2)');
    assert.equal(out.errorLine, '2');

    // a message mentioning a place is not taken for where the error was thrown
    await setCode(page, '\n\nthrow new Error("see playground.js:7:3");\n');
    out = await runAndWait(page);
    assert.match(out.error, /^Error: see playground\.js:7:3 \(line 3, column \d+\)$/);
  });

  test('print() formats dates, regular expressions, boxed values, promises and hostile proxies, and never throws', async () => {
    await setCode(page, [
      'print(new Date(0), new Date(NaN), /a+b/gi, new Number(-0), new String("s"), Promise.resolve(1));',
      'print("tab\\there\\r\\n");',
      'print(new Proxy({}, { get() { throw new Error("trap"); }, ownKeys() { throw new Error("trap"); } }));',
      'print(fromAsync([1]), range(2));',
      '1',
    ].join('\n'));
    const out = await runAndWait(page);
    assert.equal(out.state, 'done', out.error);
    assert.deepEqual(out.logs, [
      "1970-01-01T00:00:00.000Z Invalid Date /a+b/gi [Number: -0] [String: 's'] Promise {…}",
      'tab\there\r\n',
      '[object]',
      'AsyncSeq Seq',
    ]);
    await setCode(page, 'print(["tab\\there"])');
    assert.deepEqual((await runAndWait(page)).logs, ["['tab\\there']"], 'a tab in a quoted string is escaped');
  });

  test('Tab indents at the caret, or every line of a selection over several lines (kept selected); Ctrl+Z undoes it', async () => {
    const area = '#editor textarea';
    const select = (from, to) => page.evaluate(([sel, a, b]) => document.querySelector(sel).setSelectionRange(a, b ?? a), [area, from, to]);
    const selection = () => page.evaluate((sel) => { const t = document.querySelector(sel); return [t.selectionStart, t.selectionEnd]; }, area);
    await setCode(page, 'a;\nb;\nc;');
    await page.focus(area);
    await select(1, 5);   // from a's line into b's
    await page.keyboard.press('Tab');
    assert.equal(await page.inputValue(area), '  a;\n  b;\nc;');
    assert.deepEqual(await selection(), [0, 9]);
    await page.keyboard.press('Tab');
    assert.equal(await page.inputValue(area), '    a;\n    b;\nc;');
    await page.keyboard.press('Control+z');
    assert.equal(await page.inputValue(area), '  a;\n  b;\nc;');
    await select((await page.inputValue(area)).length);
    await page.keyboard.press('Tab');
    assert.equal(await page.inputValue(area), '  a;\n  b;\nc;  ');
    // whole lines selected up to the next line's start: that line stays; a blank line stays blank
    await setCode(page, '\nx;\n\ny;\nz;');
    await page.focus(area);
    await select(0, 8);   // up to z's line start
    await page.keyboard.press('Tab');
    assert.equal(await page.inputValue(area), '\n  x;\n\n  y;\nz;');
    assert.deepEqual(await selection(), [0, 11]);
  });

  test('Ctrl+Enter runs; the editor highlights the code and numbers its lines', async () => {
    await setCode(page, "import { range } from 'lazywasm';\n// doubled\nrange(3).concat(from([])).map((x) => x * 2)");
    await page.focus('#editor textarea');
    await page.keyboard.press('Control+Enter');
    await page.waitForFunction(() => document.body.dataset.state === 'done');
    assert.deepEqual((await readOutput(page)).values, ['0', '2', '4']);
    const view = await page.evaluate(() => ({
      library: [...document.querySelectorAll('.editor-view .tok-library')].map((s) => s.textContent),
      keywords: [...document.querySelectorAll('.editor-view .tok-keyword')].map((s) => s.textContent),
      comments: [...document.querySelectorAll('.editor-view .tok-comment')].map((s) => s.textContent),
      strings: [...document.querySelectorAll('.editor-view .tok-string')].map((s) => s.textContent),
      gutter: document.querySelector('.editor-gutter').textContent.trim().split('\n'),
    }));
    assert.deepEqual(view.library, ['range', 'range', 'from']);
    assert.deepEqual(view.keywords, ['import', 'from']);
    assert.deepEqual(view.comments, ['// doubled']);
    assert.deepEqual(view.strings, ["'lazywasm'"]);
    assert.deepEqual(view.gutter, ['1', '2', '3']);
  });

  test('Share puts the code in the URL fragment; opening the link restores and runs it', async () => {
    const code = "// ünïcödé and emoji 👋 survive the link\nfrom('añb👋').map((c) => c + c)\n";
    await setCode(page, code);
    await page.click('#share');
    await page.waitForFunction(() => /^#code=/.test(location.hash));
    const link = await page.evaluate(() => location.href);
    const other = await openPlayground(link);
    try {
      assert.equal(await other.inputValue('#editor textarea'), code);
      assert.equal(await other.inputValue('#examples'), '');
      const out = await runAndWait(other);
      assert.deepEqual(out.values, ["'aa'", "'ññ'", "'bb'", "'👋👋'"]);
    } finally {
      await other.close();
    }
  });

  test('the lazy-against-eager chart is measured in the page and drawn', async () => {
    await page.locator('#chart-memory').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.body.dataset.measure === 'done', null, { timeout: 60_000 });
    const chart = await page.evaluate(() => ['chart-time', 'chart-memory'].map((id) => {
      const svg = document.getElementById(id);
      return [...svg.querySelectorAll('.chart-series')].map((g) => ({
        name: g.querySelector('.chart-legend').textContent,
        points: g.querySelector('polyline').getAttribute('points').trim().split(/\s+/).length,
        values: [...g.querySelectorAll('circle title')].map((t) => t.textContent),
      }));
    }));
    for (const series of chart) {
      assert.deepEqual(series.map((s) => s.name), ['lazy (lazywasm)', 'eager arrays']);
      for (const s of series) assert.equal(s.points, 6);
    }
    // Memory: the lazy pipeline holds the same few KiB at every N; eager arrays grow with N.
    const mib = (t) => Number(/→ ([\d.,]+)$/.exec(t)[1].replace(/,/g, ''));
    const [lazyMemory, eagerMemory] = chart[1].map((s) => s.values.map(mib));
    assert.ok(lazyMemory.every((m) => m < 0.1), `lazy memory stays flat: ${lazyMemory}`);
    assert.ok(eagerMemory[5] > 10 * eagerMemory[0] && eagerMemory[5] > 10, `eager memory grows: ${eagerMemory}`);
    const summary = await page.textContent('#measure-summary');
    assert.match(summary, /^At N = 1,000,000: eager arrays held 11\.4 MiB and took [\d.,]+ m?s; the lazy pipeline held [\d.,]+ KiB and took [\d.,]+ m?s\.$/);
  });

  test('a screenshot of the page is not blank', async () => {
    await page.selectOption('#examples', 'fibonacci');
    await runAndWait(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    const png = await page.screenshot({ fullPage: true });
    const { colours, foreground } = colourVariety(decodePng(png));
    assert.ok(colours > 200, `${colours} colours`);
    assert.ok(foreground > 0.2, `${(foreground * 100).toFixed(1)}% of the pixels differ from the background`);
    mkdirSync(join(ROOT, 'build'), { recursive: true });
    writeFileSync(join(ROOT, 'build', 'playground.png'), png);
    if (process.env.UPDATE_SCREENSHOT) writeFileSync(join(ROOT, 'docs', 'playground.png'), png);
  });

  test('the page works under any static server (here: .wasm as application/octet-stream)', async () => {
    const plain = createServer((req, res) => {
      const file = join(ROOT, decodeURIComponent(req.url.split(/[?#]/)[0]));
      if (!file.startsWith(ROOT) || !existsSync(file) || file.endsWith('/')) return res.writeHead(404).end();
      const type = { '.html': 'text/html', '.js': 'application/javascript', '.css': 'text/css' }[/\.\w+$/.exec(file)?.[0]];
      res.writeHead(200, { 'content-type': type ?? 'application/octet-stream' }).end(readFileSync(file));
    });
    await new Promise((resolve) => plain.listen(0, 'localhost', resolve));
    const other = await openPlayground(`http://localhost:${plain.address().port}/web/index.html`);
    try {
      await other.selectOption('#examples', 'primes');
      const out = await runAndWait(other);
      assert.equal(out.values.length, 100);
      assert.equal(out.values[99], '541');
    } finally {
      await other.close();
      plain.closeAllConnections();
      plain.close();
    }
  });

  test('hot callbacks become WebAssembly of their own in Chromium too (lib/jit.js), with the same results', async () => {
    const got = await page.evaluate(async () => {
      const L = await import('/lib/browser.js'), jit = await import('/lib/jit.js'), { E } = await import('/lib/engine.js');
      const before = jit.jitted, heat = E.lw_jit_heat(0);   // hot at once
      const sum = L.range(1e5).reduce((s, x) => (s * 3 + x * x) % 1000003, 0);
      const fib = L.recurrence([0, 1], (a, b) => (a + b) % 1e9).take(1e5).toArray().slice(-3);
      E.lw_jit_heat(heat);
      return { sum, fib, modules: jit.jitted - before, failure: jit.jitFailure && String(jit.jitFailure) };
    });
    let sum = 0;
    for (let x = 0; x < 1e5; x++) sum = (sum * 3 + x * x) % 1000003;
    const fib = [0, 1];
    while (fib.length < 1e5) fib.push((fib.at(-2) + fib.at(-1)) % 1e9);
    assert.deepEqual(got, { sum, fib: fib.slice(-3), modules: 2, failure: null });
  });

  test('no errors escaped to the page itself', () => {
    assert.deepEqual(pageErrors, []);
  });
});
