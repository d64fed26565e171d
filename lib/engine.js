// The only module that touches the WebAssembly instance: it instantiates the
// C core with the host imports and keeps typed-array views of its memory.
// Memory growth detaches old views, so every reader goes through views().

import { hostImports } from './host.js';

/** The C core's exports (csrc/lw.h), set by install(). */
export let E = null;
let memory = null;
let f64, u32, u8;

/** Current views of WASM memory; rebuilt after the memory has grown. */
export function views() {
  if (f64.length === 0) refresh();   // a detached view has length 0
  return f64;
}

export function u32view() { views(); return u32; }
export function u8view() { views(); return u8; }

function refresh() {
  const buf = memory.buffer;
  f64 = new Float64Array(buf);
  u32 = new Uint32Array(buf);
  u8 = new Uint8Array(buf);
}

/** Instantiate a compiled WebAssembly.Module of the core (synchronously). */
export function install(module) {
  const instance = new WebAssembly.Instance(module, {
    env: { ...hostImports, emscripten_notify_memory_growth() { refresh(); } },
    wasi_snapshot_preview1: {},
  });
  E = instance.exports;
  memory = E.memory;
  refresh();
  if (E._initialize) E._initialize();
}
