/*
** fn.c
** A stage's callback: a JS function, and when its text compiled, a program
** that computes the same results in WASM. Numbers go through the program a
** batch at a time; any other value goes to the JS function, one call each, in
** order. Both give the same results, so mixing them is invisible.
**
** A batch of number slots is a batch of doubles: programs read their first
** argument straight from the slots and write results back in place. (Slots
** are read as doubles; the core is built with -fno-strict-aliasing.)
*/
#include "lwfn.h"

void lwF_init (lw_Fn *f, uint32_t host, lw_Prog *prog, int numeric_in) {
  f->host = host;
  f->prog = prog;
  f->numeric_in = numeric_in;
  if (prog != NULL) lwJ_retain(prog);
}

void lwF_free (lw_Fn *f) {
  lw_host_release(f->host);
  lwJ_release(f->prog);
}

int lwF_observable (const lw_Fn *f) {
  /* a program over numbers runs no user code; anything else may reach JS */
  return f->prog == NULL || !f->numeric_in;
}

int lwF_numeric (const lw_Fn *f) {
  return f->prog != NULL && f->prog->rtype == LW_TNUM && f->numeric_in;
}

static int has_handles (const lw_Fn *f, const lw_Slot *in, int n) {
  int i, h = 0;
  if (f->numeric_in) return 0;
  for (i = 0; i < n; i++) h |= lw_ishandle(in[i]);
  return h;
}

/* Run the program over in[0..n): the value argument from the slots, the index from index0. */
static void run (lw_Fn *f, const lw_Slot *in, double *out, int n, double index0) {
  int i;
  if (f->prog->nparams > 1) {
    double *ix = lwJ_reg(f->prog, 1);
    for (i = 0; i < n; i++) ix[i] = index0 + i;
  }
  lwJ_run(f->prog, (const double *)in, out, n);
}

static lw_Slot boolean (double v) { return lw_mkhandle(v != 0 ? LW_TRUE : LW_FALSE); }

/*
** One number through the program, as a scalar step: exact pulls (one value
** at a time) and iterate hand stages a single value, for which a batch run's
** per-instruction loops would cost more than the arithmetic.
*/
static double one (lw_Fn *f, lw_Slot x, double index) {
  return lwJ_step(f->prog, lw_num(x), index, 0);
}

int lwF_map (lw_Fn *f, lw_Slot *io, int n, double index0) {
  const double *r;
  uint8_t tojs[LW_BATCH];   /* n <= LW_BATCH */
  int i, st;
  if (f->prog == NULL) return lw_host_call(f->host, LW_CALL_MAP, io, io, n, index0);
  if (n == 1 && !lw_ishandle(io[0])) {
    double v = one(f, io[0], index0);
    io[0] = f->prog->rtype == LW_TBOOL ? boolean(v) : lw_mknum(v);
    return 1;
  }
  if (!has_handles(f, io, n)) {
    run(f, io, (double *)io, n, index0);   /* in place: NaNs from arithmetic are never handles */
    if (f->prog->rtype == LW_TBOOL)
      for (i = 0; i < n; i++) io[i] = boolean(((double *)io)[i]);
    return n;
  }
  r = lwJ_spare(f->prog);
  run(f, io, (double *)r, n, index0);
  for (i = 0; i < n; i++) {   /* numbers first: JS called below may run this program too */
    tojs[i] = (uint8_t)lw_ishandle(io[i]);   /* booleans are handles too: note which were inputs */
    if (!tojs[i]) io[i] = f->prog->rtype == LW_TBOOL ? boolean(r[i]) : lw_mknum(r[i]);
  }
  for (i = 0; i < n; i++) {   /* then the other values through JS, in order */
    if (!tojs[i]) continue;
    if ((st = lw_host_call(f->host, LW_CALL_MAP, io + i, io + i, 1, index0 + i)) < 0) {
      lwS_releaseall(io, i);
      lwS_releaseall(io + i + 1, n - i - 1);
      return st;
    }
  }
  return n;
}

int lwF_test (lw_Fn *f, int mode, lw_Slot *in, uint8_t *flags, int n, double index0) {
  const double *r;
  int i, st;
  if (f->prog == NULL) return lw_host_call(f->host, mode, in, flags, n, index0);
  if (n == 1 && !lw_ishandle(in[0])) {
    flags[0] = (uint8_t)lwJ_truthy(one(f, in[0], index0));
    return 1;
  }
  r = lwJ_spare(f->prog);
  run(f, in, (double *)r, n, index0);
  for (i = 0; i < n; i++) flags[i] = (uint8_t)lwJ_truthy(r[i]);   /* before any JS runs */
  if (f->numeric_in && mode == LW_CALL_EVAL) return n;
  for (i = 0; i < n; i++) {
    if (has_handles(f, in + i, 1)) {
      if ((st = lw_host_call(f->host, LW_CALL_EVAL, in + i, flags + i, 1, index0 + i)) < 0) return st;
    }
    if (mode == LW_CALL_TEST && !flags[i]) return i + 1;
  }
  return n;
}

int lwF_fold (lw_Fn *f, lw_Slot *acc, lw_Slot *io, int n, double index) {
  int k = 0;
  if (f->prog == NULL || f->prog->rtype != LW_TNUM || lw_ishandle(*acc)) return 0;
  while (k < n && !lw_ishandle(io[k])) k++;
  if (k > 0) *acc = lw_mknum(lwJ_fold(f->prog, lw_num(*acc), (double *)io, k, index));
  return k;   /* NaNs from arithmetic left in io are never handles */
}

int lwF_step (lw_Fn *f, lw_Slot *acc, lw_Slot x, double index) {
  int st;
  if (f->prog != NULL && !lw_ishandle(*acc) && !lw_ishandle(x)) {
    double r = lwJ_step(f->prog, lw_num(*acc), lw_num(x), index);
    *acc = f->prog->rtype == LW_TBOOL ? boolean(r) : lw_mknum(r);
    return LW_OK;
  }
  st = lw_host_call(f->host, LW_CALL_SCAN, &x, acc, 1, index);
  if (st < 0) return st;
  lw_release(x);   /* SCAN left a copy of the new acc in x */
  return LW_OK;
}
