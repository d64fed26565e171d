// Hot compiled callbacks as WebAssembly (csrc/jsjit.c): the core writes a
// program that has run many steps out as a small module; this compiles it
// and puts its functions (step, fold, recur1, recur2) in the core's function
// table, where the core then calls them instead of stepping its machine.

import { E, u8view } from './engine.js';

const freed = [];   // table indexes of the groups let go (lw_host_unjit), for the next module
const FUNCTIONS = ['step', 'fold', 'recur1', 'recur2'];   // in the order csrc/jsjit.c exports them

/** Why the last module could not be compiled (null: it was), and how many were: the tests read them. */
export let jitFailure = null;
export let jitted = 0;

export function jit(ptr, len) {
  try {
    const bytes = u8view().slice(ptr, ptr + len);
    const imports = { env: { op: E.lw_jit_op, memory: E.memory } };
    const { exports } = new WebAssembly.Instance(new WebAssembly.Module(bytes), imports);
    const table = E.__indirect_function_table;
    const at = freed.length > 0 ? freed.pop() : table.grow(FUNCTIONS.length);
    FUNCTIONS.forEach((name, k) => table.set(at + k, exports[name]));
    jitFailure = null;
    jitted++;
    return at;
  } catch (e) {
    // No compiling here (a Content-Security-Policy without 'wasm-unsafe-eval',
    // say): the machine goes on running it, with the same results.
    jitFailure = e;
    return 0;
  }
}

export function unjit(at) {
  const table = E.__indirect_function_table;
  for (let k = 0; k < FUNCTIONS.length; k++) table.set(at + k, null);
  freed.push(at);
}
