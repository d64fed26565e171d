// Launching Debian's Chromium for the browser tests (browser.test.js,
// browser-bench.test.js): /usr/bin/chromium, or $CHROMIUM; nothing is ever
// downloaded. Without it, a suite is one failing test that says how to get it.

import { describe, test } from 'node:test';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const MISSING = `Chromium is not installed at ${CHROMIUM}: install Debian's package with 'apt-get install -y chromium' (or run 'bash build.sh' as root, which does), or set CHROMIUM to a Chromium binary, then run the tests again.`;

/** describe() when Chromium is there; otherwise a single test failing with how to install it. */
export const chromiumSuite = existsSync(CHROMIUM) ? describe : (name) => test(name, () => { throw new Error(MISSING); });

export const launchChromium = () => chromium.launch({ executablePath: CHROMIUM, args: ARGS });
