// Slots and handles. A slot (csrc/lw.h) is the bits of a double, or a handle:
// an index into this table of JS values, NaN-boxed with LW_HANDLE_HI in its top
// 32 bits. Handles are reference-counted: the C core retains and releases the
// ones it copies and drops; this side releases a handle when its value leaves
// the engine. The table grows with the values alive, not with sequence length.

import { views, u32view } from './engine.js';

const HANDLE_HI = 0x7ff40000;

// Handle 0 is never given out (C uses 0 for "none"); 1 and 2 are true and
// false, which compiled callbacks return, and 3 is undefined, which most
// forEach callbacks return (csrc/lw.h LW_TRUE …): held for ever.
const UNDEFINED = 3;
const table = [undefined, true, false, undefined];
const counts = [0, Infinity, Infinity, Infinity];
const freeList = [];

/** A new handle to `value`, with one reference. */
export function hold(value) {
  let h = freeList.pop();
  if (h === undefined) {
    h = table.length;
    table.push(value);
    counts.push(1);
  } else {
    table[h] = value;
    counts[h] = 1;
  }
  return h;
}

export function deref(h) { return table[h]; }
export function retain(h) { counts[h]++; }

export function release(h) {
  if (--counts[h] === 0) {
    table[h] = undefined;
    freeList.push(h);
  }
}

/** How many handles are alive (for leak tests). */
export function liveHandles() { return table.length - 4 - freeList.length; }

/** Write `value` into the slot at f64 index `i`. Numbers stay numbers; NaN is made canonical. */
export function writeSlot(i, value) {
  if (typeof value === 'number') {
    views()[i] = value === value ? value : NaN;
  } else {
    const u32 = u32view();
    u32[2 * i] = value === undefined ? UNDEFINED : hold(value);
    u32[2 * i + 1] = HANDLE_HI;
  }
}

/** The value in the slot at f64 index `i`; with `consume`, its handle is released. */
export function readSlot(i, consume) {
  const v = views()[i];
  if (v === v) return v;
  const u32 = u32view();
  if (u32[2 * i + 1] !== HANDLE_HI) return NaN;
  const h = u32[2 * i];
  const value = table[h];
  if (consume) release(h);
  return value;
}

/** Release the handles among `n` slots from f64 index `i`. */
export function releaseSlots(i, n) {
  const u32 = u32view();
  for (let k = i; k < i + n; k++) {
    if (u32[2 * k + 1] === HANDLE_HI) release(u32[2 * k]);
  }
}
