// The benchmark's workloads in the browser: the entry that esbuild bundles,
// with the peer libraries (CommonJS packages), into dist/bench-browser.js
// (build.sh; never committed), a classic script defining `lazywasmBench`:
// some of those packages find the global object as sloppy-mode `this`, which
// an ES module bundle (strict) would break. lazywasm itself is not bundled: the page's
// worker (web/bench-worker.js) passes in the library it imported from
// lib/browser.js, the same module the playground runs.

import Lazy from 'lazy.js';
// What lazy.js's Node entry adds for generators and iterables (its browser entry leaves it out).
import 'lazy.js/experimental/lazy.es6.js';
import * as itertools from 'itertools';
import * as iterTools from 'iter-tools';
import * as ix from 'ix/iterable';
import * as ixo from 'ix/iterable/operators';
import * as iterare from 'iterare';
import wu from 'wu';
import * as sequency from 'sequency';
import lodash from 'lodash';
import map from 'es-iterator-helpers/Iterator.prototype.map';
import filter from 'es-iterator-helpers/Iterator.prototype.filter';
import take from 'es-iterator-helpers/Iterator.prototype.take';
import reduce from 'es-iterator-helpers/Iterator.prototype.reduce';
import toArray from 'es-iterator-helpers/Iterator.prototype.toArray';
import windows from 'es-iterator-helpers/Iterator.prototype.windows';
import chunks from 'es-iterator-helpers/Iterator.prototype.chunks';
import zip from 'es-iterator-helpers/Iterator.zip';
import { useLibraries, workloads, helpersLabel } from './workloads.js';

export { SETTINGS, sizeOf, runWorkload } from './suite.js';

/** The workload table with lazywasm `L` bound: { workloads, helpersLabel }. */
export function benchmarkSuite(L) {
  useLibraries({
    L, Lazy, itertools, iterTools, ix, ixo, iterare, wu, sequency, lodash,
    polyfill: { map, filter, take, reduce, toArray, windows, chunks, zip },
  });
  return { workloads, helpersLabel };
}
