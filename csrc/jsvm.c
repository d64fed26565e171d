/*
** jsvm.c
** Runs a compiled callback over a batch: one dispatch per instruction, then
** a tight loop over the batch; or over one value at a time (folds, single
** values), on scalars expanded from the same operation table. Each operation
** follows the ECMAScript definition (or V8's algorithm where the spec leaves
** the method open, as for Math.hypot) so results are bit-identical to running
** the JS function.
*/
#include <math.h>
#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif

#include "lwjs.h"

#define TWO32 4294967296.0

/* ECMAScript ToInt32. */
static int32_t toint32 (double x) {
  double t;
  if (x >= -2147483648.0 && x <= 2147483647.0) return (int32_t)x;   /* also false for NaN */
  if (!isfinite(x)) return 0;
  t = fmod(trunc(x), TWO32);
  if (t < 0) t += TWO32;
  return (int32_t)(uint32_t)t;
}

#define TWO52 4503599627370496.0

/*
** The JS % of integers a and b below 2^52 in magnitude (b not 0), given q,
** a's quotient by b with a relative error of a few ulps: then trunc(q) is
** within one of the true integer quotient (the error is below 1/2 for
** |b| >= 2, and none for |b| = 1), a - trunc(q)*b is exact (integers below
** 2^53), and one correction brings it into (-|b|, |b|) with the sign of a.
*/
static double intmod (double a, double b, double q) {
  double m = fabs(b), r = a - trunc(q) * b;
  if (a >= 0) {
    if (r < 0) r += m;
    else if (r >= m) r -= m;
  }
  else {
    if (r > 0) r -= m;
    else if (r <= -m) r += m;
  }
  return r == 0 ? (signbit(a) ? -0.0 : 0.0) : r;
}

static int small_integers (double a, double b) {
  return fabs(a) < TWO52 && fabs(b) < TWO52 && b != 0 && a == trunc(a) && b == trunc(b);
}

/*
** JS %: fmod's exact result. For integers it is computed much faster than
** WASM's software fmod: below 2^52 from a double division (intmod), below
** 2^63 with an int64 remainder (a double above 2^53 is always an integer,
** and fmod's result is exact, so its conversion back to a double is too).
** Out of line, as are the hypot helpers: the scalar step (below) inlines
** every operation, and these large ones slowed its common path.
*/
__attribute__((noinline)) static double jsmod (double a, double b) {
  if (small_integers(a, b)) return intmod(a, b, a / b);
  if (fabs(a) < 9223372036854775808.0 && fabs(b) < 9223372036854775808.0 && b != 0
      && a == trunc(a) && b == trunc(b)) {
    int64_t r = (int64_t)a % (int64_t)b;
    return r == 0 ? (signbit(a) ? -0.0 : 0.0) : (double)r;
  }
  return fmod(a, b);
}

/* a % b for a constant b, with inv = 1 / b: a multiplication instead of the division. */
static double jsmodk (double a, double b, double inv) {
  return small_integers(a, b) ? intmod(a, b, a * inv) : jsmod(a, b);
}

/*
** Element i of the result depends only on element i of the operands, so a
** result written over an operand (a map works in place) is still safe to
** vectorise; without the pragma clang sees the overlap and stays scalar.
*/
#ifdef __clang__
#define ELEMENTWISE _Pragma("clang loop vectorize(assume_safety)")
#pragma clang diagnostic ignored "-Wpass-failed"   /* loops that call out (jsmod, hypot) stay scalar */
#else
#define ELEMENTWISE
#endif

#define TWO50 1125899906842624.0

/*
** a % b over a batch for a constant b. When b and every a are integers
** below 2^50 in magnitude (the common x % 3 over counters), with m = |b|:
** q = |a| * (1/m) is then within a relative 2^-52 of |a|/m, so trunc(q) is
** the true quotient, or one less when |a|/m is an integer that q missed
** from below (never one more: that would take |a| near 2^51). So one
** correction gives r in [0, m), exact, and a's sign (JS % takes the
** dividend's; a zero result is -0 for a negative a) is or-ed in. Otherwise
** value by value (jsmodk).
*/
static double modk_fast (double x, double m, double im) {
  double ax = fabs(x), r = ax - trunc(ax * im) * m;
  if (r >= m) r -= m;
  return copysign(r, x);
}

/* Whether a[0..n) are all integers below 2^50 in magnitude. */
static int small_ints (const double *a, int n) {
  int i = 0, ok = 1;
#ifdef __wasm_simd128__
  v128_t all = wasm_i64x2_splat(-1), bound = wasm_f64x2_splat(TWO50);
  for (; i + 2 <= n; i += 2) {
    v128_t x = wasm_v128_load(a + i);
    all = wasm_v128_and(all, wasm_v128_and(wasm_f64x2_lt(wasm_f64x2_abs(x), bound), wasm_f64x2_eq(wasm_f64x2_trunc(x), x)));
  }
  ok = wasm_i8x16_all_true(all);
#endif
  for (; i < n; i++) ok &= fabs(a[i]) < TWO50 && a[i] == trunc(a[i]);
  return ok;
}

static void modk_batch (const double *a, double b, double inv, double *d, int n) {
  double m = fabs(b), im = fabs(inv);
  int i = 0;
  if (!(m >= 1 && m < TWO50 && b == trunc(b) && small_ints(a, n))) {
    for (i = 0; i < n; i++) d[i] = jsmodk(a[i], b, inv);
    return;
  }
#ifdef __wasm_simd128__
  {  /* as modk_fast, two at a time: clang's own vectorisation of it is slower under V8 */
    v128_t vm = wasm_f64x2_splat(m), vim = wasm_f64x2_splat(im);
    v128_t sign = wasm_i64x2_splat(INT64_MIN);
    for (; i + 2 <= n; i += 2) {
      v128_t x = wasm_v128_load(a + i), ax = wasm_f64x2_abs(x);
      v128_t r = wasm_f64x2_sub(ax, wasm_f64x2_mul(wasm_f64x2_trunc(wasm_f64x2_mul(ax, vim)), vm));
      r = wasm_f64x2_sub(r, wasm_v128_and(wasm_f64x2_ge(r, vm), vm));
      wasm_v128_store(d + i, wasm_v128_or(r, wasm_v128_and(x, sign)));
    }
  }
#endif
  for (; i < n; i++) d[i] = modk_fast(a[i], m, im);
}

/* Math.round: the nearest integer, halves up; -0 stays -0, and (-0.5, -0] rounds to -0. */
static double jsround (double x) {
  double r = floor(x);
  if (x - r >= 0.5) r += 1;
  if (r == 0 && (x < 0 || signbit(x))) return -0.0;
  return r;
}

static double jssign (double x) { return x > 0 ? 1 : x < 0 ? -1 : x; }

/* x ** 0.5: sqrt, except that -0 and -Infinity give +0 and +Infinity. */
static double jspowhalf (double x) {
  if (x == 0) return 0;
  if (isinf(x)) return INFINITY;
  return sqrt(x);
}

static double jsmin (double a, double b) {
  if (a != a || b != b) return NAN;
  if (a == 0 && b == 0) return signbit(a) ? a : b;
  return a < b ? a : b;
}

static double jsmax (double a, double b) {
  if (a != a || b != b) return NAN;
  if (a == 0 && b == 0) return signbit(a) ? b : a;
  return a > b ? a : b;
}

/*
** Math.hypot as V8 computes it (src/builtins/math.tq): Infinity wins over
** NaN; the squares of the values scaled by the largest are summed with
** Kahan compensation.
*/
static double jshypot (const double *v, int n) {
  double max = 0, sum = 0, comp = 0;
  int i, nan = 0;
  for (i = 0; i < n; i++) {
    double a = fabs(v[i]);
    if (a != a) nan = 1;
    else if (a > max) max = a;
  }
  if (max == INFINITY) return INFINITY;
  if (nan) return NAN;
  if (max == 0) return 0;
  for (i = 0; i < n; i++) {
    double q = fabs(v[i]) / max, summand = q * q - comp, pre = sum + summand;
    comp = (pre - sum) - summand;
    sum = pre;
  }
  return sqrt(sum) * max;
}

/* Math.clz32: leading zero bits of ToUint32. */
static double jsclz32 (double x) {
  uint32_t u = (uint32_t)toint32(x);
  return u == 0 ? 32 : __builtin_clz(u);
}

__attribute__((noinline)) static double jshypot2 (double a, double b) { double v[2] = { a, b }; return jshypot(v, 2); }
__attribute__((noinline)) static double jshypot3 (double a, double b, double c) { double v[3] = { a, b, c }; return jshypot(v, 3); }

/*
** Every operation once, as an expression of its operands A, B and C: the
** vector loop and the scalar step below both expand this table.
*/
#define LW_JS_OPS(X) \
  X(OP_MOV, A) \
  X(OP_ADD, A + B) \
  X(OP_SUB, A - B) \
  X(OP_MUL, A * B) \
  X(OP_DIV, A / B) \
  X(OP_MOD, jsmod(A, B)) \
  X(OP_MODK, jsmodk(A, B, C)) \
  X(OP_NEG, -A) \
  X(OP_POWHALF, jspowhalf(A)) \
  X(OP_TRUTHY, lwJ_truthy(A)) \
  X(OP_NOT, !lwJ_truthy(A)) \
  X(OP_AND01, lwJ_truthy(A) && lwJ_truthy(B)) \
  X(OP_OR01, lwJ_truthy(A) || lwJ_truthy(B)) \
  X(OP_SELECT, lwJ_truthy(A) ? B : C) \
  X(OP_LT, A < B) \
  X(OP_LE, A <= B) \
  X(OP_GT, A > B) \
  X(OP_GE, A >= B) \
  X(OP_EQ, A == B) \
  X(OP_NE, A != B) \
  X(OP_BITNOT, ~toint32(A)) \
  X(OP_BAND, toint32(A) & toint32(B)) \
  X(OP_BOR, toint32(A) | toint32(B)) \
  X(OP_BXOR, toint32(A) ^ toint32(B)) \
  X(OP_SHL, (int32_t)((uint32_t)toint32(A) << (toint32(B) & 31))) \
  X(OP_SAR, toint32(A) >> (toint32(B) & 31)) \
  X(OP_SHR, (uint32_t)toint32(A) >> (toint32(B) & 31)) \
  X(OP_ABS, fabs(A)) \
  X(OP_SIGN, jssign(A)) \
  X(OP_FLOOR, floor(A)) \
  X(OP_CEIL, ceil(A)) \
  X(OP_ROUND, jsround(A)) \
  X(OP_TRUNC, trunc(A)) \
  X(OP_SQRT, sqrt(A)) \
  X(OP_CBRT, cbrt(A)) \
  X(OP_FROUND, (double)(float)A) \
  X(OP_CLZ32, jsclz32(A)) \
  X(OP_IMUL, (int32_t)((uint32_t)toint32(A) * (uint32_t)toint32(B))) \
  X(OP_MIN, jsmin(A, B)) \
  X(OP_MAX, jsmax(A, B)) \
  X(OP_HYPOT2, jshypot2(A, B)) \
  X(OP_HYPOT3, jshypot3(A, B, C)) \
  X(OP_ISINT, isfinite(A) && trunc(A) == A) \
  X(OP_ISFIN, isfinite(A) != 0) \
  X(OP_ISNAN, A != A)

int lwJ_prepare (lw_Prog *p) {
  int r, i;
  p->regs = (double *)lwM_alloc((size_t)(p->nregs + 1) * LW_BATCH * sizeof(double));
  p->scalar = (double *)lwM_alloc((size_t)p->nregs * sizeof(double));
  if (p->regs == NULL || p->scalar == NULL) return LW_ENOMEM;
  for (r = 0; r < p->nregs; r++)
    if (p->isconst[r]) {
      for (i = 0; i < LW_BATCH; i++) p->regs[(size_t)r * LW_BATCH + i] = p->consts[r];
      p->scalar[r] = p->consts[r];
    }
  return LW_OK;
}

/* Register r: an argument's batch (cols) for the first ncols, the output for the result, else its place in regs. */
#define REG(r) ((r) < ncols ? cols[r] : (r) == p->result ? out : p->regs + (size_t)(r) * LW_BATCH)

#define A a[i]
#define B b[i]
#define C c[i]
#define VECTOR(op, expr) case op: ELEMENTWISE for (i = 0; i < n; i++) d[i] = (expr); break;

void lwJ_run (const lw_Prog *p, const double *x, double *out, int n) {
  lwJ_runcols(p, &x, p->nparams > 0 ? 1 : 0, out, n);
}

void lwJ_runcols (const lw_Prog *p, const double *const *cols, int ncols, double *out, int n) {
  int k, i;
  if (p->ncode == 0 || p->code[p->ncode - 1].dst != p->result) {   /* a constant result */
    const double *r = lwJ_reg(p, p->result);
    for (i = 0; i < n; i++) out[i] = r[i];
    return;
  }
  for (k = 0; k < p->ncode; k++) {
    const lw_Instr *in = &p->code[k];
    double *d = (double *)REG(in->dst);
    const double *a = REG(in->a), *b = REG(in->b), *c = REG(in->c);
    if (in->op == OP_MODK) {   /* b and c are constants: the divisor and its reciprocal */
      modk_batch(a, b[0], c[0], d, n);
      continue;
    }
    switch ((lw_Op)in->op) { LW_JS_OPS(VECTOR) }
  }
}

#undef A
#undef B
#undef C
#define A a
#define B b
#define C c
#define SCALAR(op, expr) case op: v = (expr); break;

/*
** One run on scalars, in p->scalar. The value an instruction made last is
** also kept in a local, and an operand that names it is read from there: a
** fold's accumulator then goes from step to step, and a chain of operations
** from one to the next, without a store and a load in between, which would
** cost more than most operations themselves.
*/
static inline double step (const lw_Prog *p, double x0, double x1, double x2) {
  double *r = p->scalar, v = x0;
  const lw_Instr *in, *end = p->code + p->ncode;
  int last = p->nparams > 0 ? 0 : -1;
  if (p->nparams > 0) r[0] = x0;
  if (p->nparams > 1) r[1] = x1;
  if (p->nparams > 2) r[2] = x2;
  for (in = p->code; in < end; in++) {
    double a = in->a == last ? v : r[in->a];
    double b = in->b == last ? v : r[in->b];
    double c = in->c == last ? v : r[in->c];
    switch ((lw_Op)in->op) { LW_JS_OPS(SCALAR) }
    r[in->dst] = v;
    last = in->dst;
  }
  return last == p->result ? v : r[p->result];
}

typedef double (*StepFn) (double, double, double);
typedef double (*FoldFn) (double, double *, int, double);   /* and recur1 */
typedef double (*Recur2Fn) (double, double, double *, int, double);

double lwJ_step (lw_Prog *p, double x0, double x1, double x2) {
  if (p->jitted > 0) return ((StepFn)(uintptr_t)p->jstep)(x0, x1, x2);
  if (p->jitted == 0 && (p->heat += 1) >= lwJ_jit_heat) lwJ_jit(p);
  return step(p, x0, x1, x2);
}

double lwJ_op (int op, double a, double b, double c) {
  double v = 0;
  switch ((lw_Op)op) { LW_JS_OPS(SCALAR) }
  return v;
}

/*
** A fold of one operation on the accumulator and the value, in either order
** ((a, x) => a + x, Math.max(a, x), (a, x) => x * a), is most reduces: a
** loop per operation then runs it straight, about five times faster than a
** step of the machine per value. An operand C (the third, for ?:, hypot and
** x % k) must then be a constant.
*/
#define FOLD(op, expr) case op: for (i = 0; i < n; i++) { LOAD; io[i] = acc = (expr); } return acc;

static int one_operation (const lw_Prog *p, int *swapped) {
  const lw_Instr *in = p->code;
  if (p->ncode != 1 || in->dst != p->result || p->nparams < 2) return 0;
  if (p->isconst[in->c] == 0 && in->c != 0) return 0;   /* c unused is 0 */
  if (in->c == 0 && (in->op == OP_SELECT || in->op == OP_HYPOT3)) return 0;
  *swapped = in->a == 1;
  return (in->a == 0 && in->b == 1) || (in->a == 1 && in->b == 0);
}

double lwJ_fold (lw_Prog *p, double acc, double *io, int n, double index0) {
  int i, swapped;
  if (one_operation(p, &swapped)) {
    const double c = p->scalar[p->code->c];
#define LOAD double a = acc, b = io[i]; (void)a; (void)b
    if (!swapped) switch ((lw_Op)p->code->op) { LW_JS_OPS(FOLD) }
#undef LOAD
#define LOAD double a = io[i], b = acc; (void)a; (void)b
    else switch ((lw_Op)p->code->op) { LW_JS_OPS(FOLD) }
#undef LOAD
  }
  if (p->jitted == 0 && (p->heat += n) >= lwJ_jit_heat) lwJ_jit(p);
  if (p->jitted > 0) return ((FoldFn)(uintptr_t)(p->jstep + 1))(acc, io, n, index0);
  for (i = 0; i < n; i++) io[i] = acc = step(p, acc, io[i], index0 + i);
  return acc;
}

void lwJ_recur (lw_Prog *p, int k, double *last, double *out, int n, double index0) {
  int i;
  if (n <= 0) return;
  if (p->jitted == 0 && (p->heat += n) >= lwJ_jit_heat) lwJ_jit(p);
  if (p->jitted > 0 && k == 1) last[0] = ((FoldFn)(uintptr_t)(p->jstep + 2))(last[0], out, n, index0);
  else if (p->jitted > 0) {
    double b = ((Recur2Fn)(uintptr_t)(p->jstep + 3))(last[0], last[1], out, n, index0);
    last[0] = n >= 2 ? out[n - 2] : last[1];
    last[1] = b;
  }
  else if (k == 1) for (i = 0; i < n; i++) out[i] = last[0] = step(p, last[0], index0 + i, 0);
  else for (i = 0; i < n; i++) {
    out[i] = step(p, last[0], last[1], index0 + i);
    last[0] = last[1];
    last[1] = out[i];
  }
}

#undef A
#undef B
#undef C
#define A a[i]
#define B b[i]
#define C c[i]
#define ADDTO(op, expr) case op: for (i = 0; i < n; i++) acc += (expr); break;

/* An operand of the one operation: an argument (a column) or a constant (its register is filled). */
static int column_or_constant (const lw_Prog *p, int r, int ncols) {
  return r < ncols || p->isconst[r];
}

int lwJ_addable (const lw_Prog *p, int ncols) {
  const lw_Instr *in = p->code;
  return p->ncode == 1 && in->dst == p->result && p->rtype == LW_TNUM && p->nparams == ncols
      && column_or_constant(p, in->a, ncols) && column_or_constant(p, in->b, ncols)
      && column_or_constant(p, in->c, ncols);
}

/* An operand's batch: a column, or a constant's register (filled with it). */
static const double *operand (const lw_Prog *p, const double *const *cols, int ncols, int r) {
  return r < ncols ? cols[r] : lwJ_reg(p, r);
}

double lwJ_addrun (const lw_Prog *p, const double *const *cols, int ncols, int n, double acc) {
  const lw_Instr *in = p->code;
  const double *a = operand(p, cols, ncols, in->a), *b = operand(p, cols, ncols, in->b);
  const double *c = operand(p, cols, ncols, in->c);
  int i;
  switch ((lw_Op)in->op) { LW_JS_OPS(ADDTO) }
  return acc;
}
