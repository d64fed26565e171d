// The host side of exact integers (csrc/lwnum.h): the C core computes with
// arrays of 32-bit limbs; these imports turn packed values in WASM memory into
// JS BigInts and JS BigInts back into hex digits for the core. Large values
// cross as hex text, so the conversions run in native code (TextDecoder,
// BigInt(), toString(16), encodeInto) rather than a JS loop per limb.

import { u8view, u32view } from './engine.js';
import { deref, writeSlot } from './values.js';

const LW_ETYPE = -3;
const TWO32 = 2 ** 32;
const decoder = new TextDecoder();
const encoder = new TextEncoder();

/* The magnitude of a packed BigInt whose head is at u32 index `at`; `count` limbs, or hex digits when `hex`. */
function magnitude(u32, at, count, hex) {
  if (hex) return BigInt(`0x${decoder.decode(u8view().subarray(4 * at, 4 * at + count))}`);
  if (count === 0) return 0n;
  if (count === 1) return BigInt(u32[at]);
  const hi = u32[at + 1];   // two limbs: exact as a number below 2^53
  return hi < 0x200000 ? BigInt(hi * TWO32 + u32[at]) : (BigInt(hi) << 32n) | BigInt(u32[at]);
}

/** lw_host_bigints: make `n` BigInts from the packed values at `ptr`; their handles into the slots at `outPtr`. */
function makeBigInts(ptr, outPtr, n) {
  const u32 = u32view(), out = outPtr >>> 3;
  let at = ptr >>> 2;
  for (let i = 0; i < n; i++) {
    const head = u32[at++], count = head >>> 2, hex = (head & 2) !== 0;
    const v = magnitude(u32, at, count, hex);
    at += hex ? (count + 3) >>> 2 : count;
    writeSlot(out + i, head & 1 ? -v : v);
  }
  return n;
}

/** lw_host_bigint_read: the hex digits of handle `h`'s magnitude into `ptr` when at most `room`; (digits << 1) | negative. */
function readBigInt(h, ptr, room) {
  const v = deref(h);
  if (typeof v !== 'bigint') return LW_ETYPE;
  const negative = v < 0n ? 1 : 0, hex = (negative ? -v : v).toString(16);
  if (hex.length <= room) encoder.encodeInto(hex, u8view().subarray(ptr, ptr + room));
  return hex.length * 2 + negative;
}

export const bigintImports = { lw_host_bigints: makeBigInts, lw_host_bigint_read: readBigInt };
