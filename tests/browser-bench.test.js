// The playground's Benchmark tab in a real headless Chromium: the tab loads
// the workloads of `npm run bench` (bench/workloads.js, bundled with its peer
// libraries into dist/bench-browser.js by build.sh), runs a quick suite
// narrowed by the address to two workloads at a small n, and shows a row with
// numbers for every implementation, none of them a mismatch; Stop ends a run.
// No assertion is about how fast anything is.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chromiumSuite, launchChromium } from './chromium.js';
import { startServer } from '../web/serve.js';
import { workloads } from '../bench/node.js';

const BUNDLE = new URL('../dist/bench-browser.js', import.meta.url);
const NATIVE = 'iterator helpers (native)';   // Chromium has the TC39 iterator helpers

let browser, server;
const pageErrors = [];
const requests = [];

async function openPage(search = '', viewport = { width: 1280, height: 900 }) {
  const page = await browser.newPage({ viewport });
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('response', (r) => requests.push({ url: r.url(), status: r.status() }));
  await page.goto(server.url + search);
  return page;
}

const benchState = (page) => page.evaluate(() => document.body.dataset.bench);

async function waitForBench(page, states, timeout = 30_000) {
  await page.waitForFunction((s) => s.includes(document.body.dataset.bench), states, { timeout });
  return benchState(page);
}

/** The table as shown: per workload, its heading and rows { name, ns, ratio, note, className }. */
function readTable(page) {
  return page.evaluate(() => [...document.querySelectorAll('#bench-table tbody')].map((body) => ({
    id: body.dataset.workload,
    heading: body.querySelector('tr.workload').textContent,
    rows: [...body.querySelectorAll('tr:not(.workload)')].map((tr) => ({
      name: tr.querySelector('th').textContent,
      ns: tr.querySelector('td.ns').textContent,
      ratio: tr.querySelector('td.ratio').textContent,
      note: tr.querySelector('td.note').textContent,
      className: tr.className,
    })),
  })));
}

/** The implementations of a workload as its rows name them, in the order they run (the hand loop first). */
function expectedNames(id) {
  const names = Object.keys(workloads.find((w) => w.id === id).impls).map((n) => (n === 'helpers' ? NATIVE : n));
  return ['hand loop', ...names.filter((n) => n !== 'hand loop')];
}

chromiumSuite('the Benchmark tab in Chromium', { timeout: 110_000 }, () => {
  before(async () => {
    assert.ok(existsSync(BUNDLE), 'dist/bench-browser.js is missing: run `bash build.sh`');
    server = await startServer({ port: 0 });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('the tab opens from its button, loads the bundled workloads, and says the iterator helpers are native', async () => {
    const page = await openPage();
    try {
      await page.waitForFunction(() => document.getElementById('state').textContent === 'ready');
      assert.equal(await page.isVisible('.bench'), false, 'the Benchmark tab starts closed');
      assert.equal(requests.some((r) => r.url.endsWith('/dist/bench-browser.js')), false, 'nothing is loaded for it before it opens');
      await page.click('[role="tab"][data-for="benchmark"]');
      assert.equal(await page.isVisible('.bench'), true);
      assert.equal(await page.isVisible('.workbench'), false);
      assert.equal(new URL(page.url()).searchParams.get('tab'), 'benchmark');
      await waitForBench(page, ['ready']);
      assert.equal(await page.textContent('#bench-status'), 'Ready.');
      const env = await page.textContent('#bench-env');
      assert.ok(env.startsWith(`${NATIVE} · `) && /Chrome\//.test(env), env);
      assert.ok(requests.some((r) => r.url.endsWith('/dist/bench-browser.js') && r.status === 200));

      await page.click('[role="tab"][data-for="playground"]');
      assert.equal(await page.isVisible('.workbench'), true);
      assert.equal(await page.isVisible('.bench'), false);
      assert.equal(new URL(page.url()).searchParams.get('tab'), null);
    } finally {
      await page.close();
    }
  });

  test('a quick run of W1 and W7 at n = 2000: every implementation matches the hand loop and has numbers', async () => {
    const page = await openPage('?tab=benchmark&only=W1,W7&size=2000');
    try {
      assert.equal(await page.isVisible('.bench'), true, '?tab=benchmark opens the tab');
      assert.match(await page.textContent('#bench-narrowed'), /workloads W1, W7, at n = 2000/);
      await waitForBench(page, ['ready']);
      await page.check('input[name="bench-mode"][value="quick"]');
      await page.click('#bench-run');
      assert.equal(await waitForBench(page, ['done', 'failed', 'error', 'stopped'], 60_000), 'done',
        await page.textContent('#bench-status'));
      assert.match(await page.textContent('#bench-status'), /^Done in [\d.]+ s: \d+ results, every result equal to the hand loop’s\. Mismatches: 0\.$/);

      const table = await readTable(page);
      assert.deepEqual(table.map((w) => w.id), ['W1', 'W7']);
      assert.match(table[0].heading, /^W1 range\(0, n\)\.map.*n = 2K, ns\/element$/);
      assert.match(table[1].heading, /^W7 .*ns\/call$/);
      for (const w of table) {
        assert.deepEqual(w.rows.map((r) => r.name), expectedNames(w.id));
        for (const r of w.rows) {
          assert.ok(!/mismatch|threw/.test(r.className), `${w.id} ${r.name}: ${r.note}`);
          assert.ok(Number(r.ns.replace(/,/g, '')) > 0, `${w.id} ${r.name}: ns ${r.ns}`);
          assert.match(r.ratio, /^×\d+\.\d\d$/);
        }
        assert.equal(w.rows[0].ratio, '×1.00');
        // lazywasm's rows and the peers' rows are all there, with numbers.
        assert.ok(w.rows.some((r) => r.name.startsWith('lazywasm') && r.className === 'lazywasm'));
        for (const peer of ['generators', NATIVE, 'lazy.js', 'iter-tools', 'itertools', 'IxJS', 'iterare', 'wu', 'sequency']) {
          assert.ok(w.rows.some((r) => r.name === peer), `${w.id} has a row for ${peer}`);
        }
      }
      assert.ok(table[0].rows.some((r) => r.name === 'lodash (array)'));
    } finally {
      await page.close();
    }
  });

  test('an unknown workload in the address is an error, not an empty run reported as passing; a narrow screen scrolls the table, not the page', async () => {
    const page = await openPage('?tab=benchmark&only=W1,W99&size=2000');
    try {
      await waitForBench(page, ['ready']);
      await page.click('#bench-run');
      assert.equal(await waitForBench(page, ['done', 'failed', 'error', 'stopped']), 'error');
      assert.match(await page.textContent('#bench-status'), /^Unknown workload W99 in the address: the workloads are W1, W2, /);
      assert.equal(await page.isEnabled('#bench-run'), true, 'another run can be started');
    } finally {
      await page.close();
    }
    const narrow = await openPage('?tab=benchmark&only=W1&size=2000', { width: 375, height: 800 });
    try {
      await waitForBench(narrow, ['ready']);
      await narrow.check('input[name="bench-mode"][value="quick"]');
      await narrow.click('#bench-run');
      assert.equal(await waitForBench(narrow, ['done', 'failed', 'error', 'stopped'], 60_000), 'done');
      const widths = await narrow.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
      assert.ok(widths[0] <= widths[1], `the page is ${widths[0]} px wide in a ${widths[1]} px viewport`);
    } finally {
      await narrow.close();
    }
  });

  test('Stop ends a full run at once; the next run starts afresh and finishes', async () => {
    const page = await openPage('?tab=benchmark&only=W1&size=2000');
    try {
      await waitForBench(page, ['ready']);
      await page.check('input[name="bench-mode"][value="full"]');
      await page.click('#bench-run');
      await page.waitForFunction(() => document.querySelectorAll('#bench-table tbody tr:not(.workload)').length >= 1);
      await page.click('#bench-stop');
      assert.equal(await benchState(page), 'stopped');
      assert.match(await page.textContent('#bench-status'), /^Stopped after \d+ of 13 results\.$/);
      assert.equal(await page.isDisabled('#bench-run'), false);
      assert.equal(await page.isDisabled('#bench-stop'), true);

      await page.check('input[name="bench-mode"][value="quick"]');
      await page.click('#bench-run');
      assert.equal(await waitForBench(page, ['done', 'failed', 'error', 'stopped'], 60_000), 'done');
      const [w1] = await readTable(page);
      assert.deepEqual(w1.rows.map((r) => r.name), expectedNames('W1'), 'the stopped run’s rows are gone');
    } finally {
      await page.close();
    }
  });

  test('no errors escaped to the page itself', () => {
    assert.deepEqual(pageErrors, []);
  });
});
