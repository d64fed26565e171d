// The benchmark's workloads in Node: lazywasm from lib/node.js, the other
// libraries with require() (they are CommonJS packages; itertools is an ES
// module), bound into the shared table of bench/workloads.js.

import { createRequire } from 'node:module';
import * as L from '../lib/node.js';
import * as itertools from 'itertools';
import { useLibraries } from './workloads.js';

const require = createRequire(import.meta.url);
const H = (name) => require(`es-iterator-helpers/${name}`);

useLibraries({
  L,
  Lazy: require('lazy.js'),
  polyfill: {
    map: H('Iterator.prototype.map'), filter: H('Iterator.prototype.filter'), take: H('Iterator.prototype.take'),
    reduce: H('Iterator.prototype.reduce'), toArray: H('Iterator.prototype.toArray'),
    windows: H('Iterator.prototype.windows'), chunks: H('Iterator.prototype.chunks'), zip: H('Iterator.zip'),
  },
  iterTools: require('iter-tools'),
  itertools,
  ix: require('ix/iterable'),
  ixo: require('ix/iterable/operators'),
  iterare: require('iterare'),
  wu: require('wu'),
  sequency: require('sequency'),
  lodash: require('lodash'),
});

export { workloads, helpersLabel } from './workloads.js';
