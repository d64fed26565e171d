// Entry point for browsers and bundlers: the core is fetched and compiled with
// top-level await, relative to this module (bundlers resolve the URL too).
import { install } from './engine.js';

const url = new URL('../dist/lazywasm.wasm', import.meta.url);

async function compile() {
  const response = fetch(url);
  try {
    return await WebAssembly.compileStreaming(response);
  } catch {
    // Served without the application/wasm type: compile from the bytes instead.
    return WebAssembly.compile(await (await fetch(url)).arrayBuffer());
  }
}

install(await compile());

export * from './api.js';
