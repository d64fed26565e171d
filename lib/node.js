// Entry point for Node (ESM): the core is loaded synchronously from the .wasm
// next to this package's dist/, so importing needs no init call or await.
import { readFileSync } from 'node:fs';
import { install } from './engine.js';

install(new WebAssembly.Module(readFileSync(new URL('../dist/lazywasm.wasm', import.meta.url))));

export * from './api.js';
