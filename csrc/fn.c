/*
** fn.c
** A stage's callback: a JS function, and when its text compiled, a program
** that computes the same results in WASM. Numbers go through the program a
** batch at a time; any other value goes to the JS function, one call each, in
** order. Both give the same results, so mixing them is invisible.
*/
#include "lwfn.h"

int lwF_init (lw_Fn *f, uint32_t host, lw_Prog *prog) {
  f->host = host;
  f->prog = prog;
  f->regs = NULL;
  if (prog == NULL) return LW_OK;
  if ((f->regs = lwJ_regs(prog)) == NULL) return LW_ENOMEM;
  lwJ_retain(prog);
  return LW_OK;
}

void lwF_free (lw_Fn *f) {
  lw_host_release(f->host);
  if (f->prog != NULL) {
    lwM_free(f->regs);
    lwJ_release(f->prog);
  }
}

int lwF_observable (const lw_Fn *f, const lw_Node *src) {
  /* a program over numbers runs no user code; anything else may reach JS */
  return f->prog == NULL || src == NULL || !src->numeric;
}

int lwF_numeric (const lw_Fn *f, const lw_Node *src) {
  return f->prog != NULL && f->prog->rtype == LW_TNUM && src != NULL && src->numeric;
}

static lw_Slot result_slot (const lw_Prog *p, double v) {
  if (p->rtype == LW_TBOOL) return lw_mkhandle(v != 0 ? LW_TRUE : LW_FALSE);
  return lw_mknum(v);
}

/* Load the arguments (value, index0 + i) into the program's registers. */
static int load (lw_Fn *f, const lw_Slot *in, int n, double index0) {
  double *x = f->regs, *ix = f->regs + LW_BATCH;
  int i, handles = 0;
  for (i = 0; i < n; i++) handles |= lw_ishandle(in[i]);
  if (f->prog->nparams > 0) for (i = 0; i < n; i++) x[i] = lw_num(in[i]);
  if (f->prog->nparams > 1) for (i = 0; i < n; i++) ix[i] = index0 + i;
  return handles;
}

int lwF_map (lw_Fn *f, lw_Slot *io, int n, double index0) {
  const double *r;
  int i, st;
  if (f->prog == NULL) return lw_host_call(f->host, LW_CALL_MAP, io, io, n, index0);
  if (!load(f, io, n, index0)) {
    lwJ_run(f->prog, f->regs, n);
    r = f->regs + (size_t)f->prog->result * LW_BATCH;
    for (i = 0; i < n; i++) io[i] = result_slot(f->prog, r[i]);
    return n;
  }
  lwJ_run(f->prog, f->regs, n);
  r = f->regs + (size_t)f->prog->result * LW_BATCH;
  for (i = 0; i < n; i++) {
    if (!lw_ishandle(io[i])) { io[i] = result_slot(f->prog, r[i]); continue; }
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
  load(f, in, n, index0);
  lwJ_run(f->prog, f->regs, n);
  r = f->regs + (size_t)f->prog->result * LW_BATCH;
  for (i = 0; i < n; i++) {
    if (lw_ishandle(in[i])) {
      if ((st = lw_host_call(f->host, LW_CALL_EVAL, in + i, flags + i, 1, index0 + i)) < 0) return st;
    }
    else flags[i] = (uint8_t)lwJ_truthy(r[i]);
    if (mode == LW_CALL_TEST && !flags[i]) return i + 1;
  }
  return n;
}

int lwF_step (lw_Fn *f, lw_Slot *acc, lw_Slot x, double index) {
  double *reg = f->regs;
  int st;
  if (f->prog != NULL && !lw_ishandle(*acc) && !lw_ishandle(x)) {
    int np = f->prog->nparams;
    if (np > 0) reg[0] = lw_num(*acc);
    if (np > 1) reg[LW_BATCH] = lw_num(x);
    if (np > 2) reg[2 * LW_BATCH] = index;
    lwJ_run(f->prog, f->regs, 1);
    *acc = result_slot(f->prog, f->regs[(size_t)f->prog->result * LW_BATCH]);
    return LW_OK;
  }
  st = lw_host_call(f->host, LW_CALL_SCAN, &x, acc, 1, index);
  if (st < 0) return st;
  lw_release(x);   /* SCAN left a copy of the new acc in x */
  return LW_OK;
}
