/*
** jsvm.c
** Runs a compiled callback over a batch: one dispatch per instruction, then
** a tight loop over the batch. Each operation follows the ECMAScript
** definition (or V8's algorithm where the spec leaves the method open, as
** for Math.hypot) so results are bit-identical to running the JS function.
*/
#include <math.h>

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

/*
** JS %: fmod's exact result. For integers below 2^63 in magnitude an int64
** remainder gives the same value much faster than WASM's software fmod (a
** double above 2^53 is always an integer, and fmod's result is exact, so its
** conversion back to a double is too).
*/
static double jsmod (double a, double b) {
  if (fabs(a) < 9223372036854775808.0 && fabs(b) < 9223372036854775808.0 && b != 0
      && a == trunc(a) && b == trunc(b)) {
    int64_t r = (int64_t)a % (int64_t)b;
    return r == 0 ? (signbit(a) ? -0.0 : 0.0) : (double)r;
  }
  return fmod(a, b);
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

int lwJ_allocregs (lw_Prog *p) {
  int r, i;
  p->regs = (double *)lwM_alloc((size_t)(p->nregs + 1) * LW_BATCH * sizeof(double));
  if (p->regs == NULL) return LW_ENOMEM;
  for (r = 0; r < p->nregs; r++)
    if (p->isconst[r])
      for (i = 0; i < LW_BATCH; i++) p->regs[(size_t)r * LW_BATCH + i] = p->consts[r];
  return LW_OK;
}

#define LOOP(expr) for (i = 0; i < n; i++) d[i] = (expr)

/* Register r: the argument batch for 0, the output for the result, else its place in regs. */
#define REG(r) ((r) == 0 && p->nparams > 0 ? x : (r) == p->result ? out : p->regs + (size_t)(r) * LW_BATCH)

void lwJ_run (const lw_Prog *p, const double *x, double *out, int n) {
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
    switch ((lw_Op)in->op) {
      case OP_MOV: LOOP(a[i]); break;
      case OP_ADD: LOOP(a[i] + b[i]); break;
      case OP_SUB: LOOP(a[i] - b[i]); break;
      case OP_MUL: LOOP(a[i] * b[i]); break;
      case OP_DIV: LOOP(a[i] / b[i]); break;
      case OP_MOD: LOOP(jsmod(a[i], b[i])); break;
      case OP_NEG: LOOP(-a[i]); break;
      case OP_POWHALF: LOOP(jspowhalf(a[i])); break;
      case OP_TRUTHY: LOOP(lwJ_truthy(a[i])); break;
      case OP_NOT: LOOP(!lwJ_truthy(a[i])); break;
      case OP_AND01: LOOP(lwJ_truthy(a[i]) && lwJ_truthy(b[i])); break;
      case OP_OR01: LOOP(lwJ_truthy(a[i]) || lwJ_truthy(b[i])); break;
      case OP_SELECT: LOOP(lwJ_truthy(a[i]) ? b[i] : c[i]); break;
      case OP_LT: LOOP(a[i] < b[i]); break;
      case OP_LE: LOOP(a[i] <= b[i]); break;
      case OP_GT: LOOP(a[i] > b[i]); break;
      case OP_GE: LOOP(a[i] >= b[i]); break;
      case OP_EQ: LOOP(a[i] == b[i]); break;
      case OP_NE: LOOP(a[i] != b[i]); break;
      case OP_BITNOT: LOOP(~toint32(a[i])); break;
      case OP_BAND: LOOP(toint32(a[i]) & toint32(b[i])); break;
      case OP_BOR: LOOP(toint32(a[i]) | toint32(b[i])); break;
      case OP_BXOR: LOOP(toint32(a[i]) ^ toint32(b[i])); break;
      case OP_SHL: LOOP((int32_t)((uint32_t)toint32(a[i]) << (toint32(b[i]) & 31))); break;
      case OP_SAR: LOOP(toint32(a[i]) >> (toint32(b[i]) & 31)); break;
      case OP_SHR: LOOP((uint32_t)toint32(a[i]) >> (toint32(b[i]) & 31)); break;
      case OP_ABS: LOOP(fabs(a[i])); break;
      case OP_SIGN: LOOP(jssign(a[i])); break;
      case OP_FLOOR: LOOP(floor(a[i])); break;
      case OP_CEIL: LOOP(ceil(a[i])); break;
      case OP_ROUND: LOOP(jsround(a[i])); break;
      case OP_TRUNC: LOOP(trunc(a[i])); break;
      case OP_SQRT: LOOP(sqrt(a[i])); break;
      case OP_CBRT: LOOP(cbrt(a[i])); break;
      case OP_FROUND: LOOP((double)(float)a[i]); break;
      case OP_CLZ32: {
        for (i = 0; i < n; i++) {
          uint32_t u = (uint32_t)toint32(a[i]);
          d[i] = u == 0 ? 32 : __builtin_clz(u);
        }
        break;
      }
      case OP_IMUL: LOOP((int32_t)((uint32_t)toint32(a[i]) * (uint32_t)toint32(b[i]))); break;
      case OP_MIN: LOOP(jsmin(a[i], b[i])); break;
      case OP_MAX: LOOP(jsmax(a[i], b[i])); break;
      case OP_HYPOT2: for (i = 0; i < n; i++) { double v[2] = { a[i], b[i] }; d[i] = jshypot(v, 2); } break;
      case OP_HYPOT3: for (i = 0; i < n; i++) { double v[3] = { a[i], b[i], c[i] }; d[i] = jshypot(v, 3); } break;
      case OP_ISINT: LOOP(isfinite(a[i]) && trunc(a[i]) == a[i]); break;
      case OP_ISFIN: LOOP(isfinite(a[i]) != 0); break;
      case OP_ISNAN: LOOP(a[i] != a[i]); break;
    }
  }
}
