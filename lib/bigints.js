// The host side of exact integers (csrc/lwnum.h): the C core computes with
// arrays of 32-bit limbs; these imports turn packed limbs in WASM memory into
// JS BigInts and JS BigInts back into limbs. A packed BigInt is a head word,
// (limb count << 1) | negative, then its limbs, least significant first.

import { u32view } from './engine.js';
import { deref, writeSlot } from './values.js';

const LW_ETYPE = -3;
const TWO32 = 2 ** 32;

/* The BigInt of `len` limbs from u32 index `at`. Small ones by number arithmetic, the rest through hex text (linear time). */
function fromLimbs(u32, at, len) {
  if (len === 0) return 0n;
  if (len === 1) return BigInt(u32[at]);
  if (len === 2) {
    const hi = u32[at + 1];
    return hi < 0x200000 ? BigInt(hi * TWO32 + u32[at]) : (BigInt(hi) << 32n) | BigInt(u32[at]);
  }
  let hex = '0x';
  for (let k = at + len - 1; k >= at; k--) hex += u32[k].toString(16).padStart(8, '0');
  return BigInt(hex);
}

/* The limbs of a non-negative BigInt, least significant first. */
function toLimbs(m) {
  if (m <= 9007199254740991n) {
    const x = Number(m);
    if (x === 0) return [];
    return x < TWO32 ? [x] : [x % TWO32, Math.floor(x / TWO32)];
  }
  const hex = m.toString(16), limbs = [];
  for (let end = hex.length; end > 0; end -= 8) limbs.push(parseInt(hex.slice(Math.max(0, end - 8), end), 16));
  return limbs;
}

/** lw_host_bigints: make `n` BigInts from the packed limbs at `ptr`; their handles into the slots at `outPtr`. */
function makeBigInts(ptr, outPtr, n) {
  const u32 = u32view(), out = outPtr >>> 3;
  let at = ptr >>> 2;
  for (let i = 0; i < n; i++) {
    const head = u32[at++], len = head >>> 1;
    const v = fromLimbs(u32, at, len);
    at += len;
    writeSlot(out + i, head & 1 ? -v : v);
  }
  return n;
}

/** lw_host_bigint_read: the limbs of handle `h`'s BigInt into `ptr` when at most `room`; (count << 1) | negative. */
function readBigInt(h, ptr, room) {
  const v = deref(h);
  if (typeof v !== 'bigint') return LW_ETYPE;
  const negative = v < 0n ? 1 : 0, limbs = toLimbs(negative ? -v : v);
  if (limbs.length <= room) u32view().set(limbs, ptr >>> 2);
  return limbs.length * 2 + negative;
}

export const bigintImports = { lw_host_bigints: makeBigInts, lw_host_bigint_read: readBigInt };
