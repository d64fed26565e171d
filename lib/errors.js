// Argument checks, run at the call (before any value is pulled), in the order
// and with the error types of TC39's iterator helpers; and the mapping from the
// core's status codes to JS errors.

import { describe, takePending, LW_EHOST } from './host.js';

const LW_ENOMEM = -2, LW_ETYPE = -3, LW_EMIX = -5, LW_ERUNNING = -7, LW_ESTACK = -8;

export function checkFunction(method, fn) {
  if (typeof fn !== 'function') throw new TypeError(`${method}: ${describe(fn)} is not a function`);
  return fn;
}

/**
 * TC39's treatment of take/drop limits: ToNumber, NaN is a RangeError, then
 * ToIntegerOrInfinity, negative is a RangeError. Infinity is allowed.
 */
export function toLimit(method, name, value) {
  // ToNumber, as TC39's take/drop do: BigInts and symbols are a TypeError (Number() would convert a BigInt).
  if (typeof value === 'bigint' || typeof value === 'symbol') {
    throw new TypeError(`${method}: ${name} must be a number, got ${describe(value)}`);
  }
  const n = +value;
  if (Number.isNaN(n)) throw new RangeError(`${method}: ${name} must be a number, got ${describe(value)}`);
  const i = Math.trunc(n) + 0;   // + 0 turns -0 into 0
  if (i < 0) throw new RangeError(`${method}: ${name} must not be negative, got ${describe(value)}`);
  return i;
}

/** A whole number of at least `min` (and at most 2^32 - 1), as group sizes are. */
export function toSize(method, name, value, min = 1) {
  if (typeof value !== 'number') throw new TypeError(`${method}: ${name} must be a number, got ${describe(value)}`);
  if (!Number.isInteger(value) || value < min || value > 2 ** 32 - 1) {
    throw new RangeError(`${method}: ${name} must be a whole number from ${min} to 2^32 - 1, got ${describe(value)}`);
  }
  return value;
}

export function checkNumber(method, name, value, { finite = false } = {}) {
  if (typeof value !== 'number') throw new TypeError(`${method}: ${name} must be a number, got ${describe(value)}`);
  if (Number.isNaN(value) || (finite && !Number.isFinite(value))) {
    throw new RangeError(`${method}: ${name} must be a ${finite ? 'finite ' : ''}number, got ${value}`);
  }
  return value;
}

/** The error for a negative status from the core; `value` is the offending value for LW_ETYPE. */
export function statusError(method, status, value) {
  switch (status) {
    case LW_EHOST: return takePending();
    case LW_ENOMEM: return new RangeError(`${method}: out of WebAssembly memory`);
    case LW_ETYPE: return new TypeError(`${method}: expected only numbers, got ${describe(value)}`);
    case LW_EMIX: return new TypeError(`${method}: cannot mix BigInt and other types, got ${describe(value)}`);
    case LW_ERUNNING: return new TypeError(`${method}: tee: the source is already running (a callback read another branch of the tee it feeds)`);
    case LW_ESTACK: return new RangeError(`${method}: Maximum call stack size exceeded (pipelines run from callbacks of other pipelines, too deeply)`);
    default: return new Error(`lazywasm: internal error ${status} in ${method}`);
  }
}

export function outOfMemory(method) {
  return new RangeError(`${method}: out of WebAssembly memory`);
}
