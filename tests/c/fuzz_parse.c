/*
** fuzz_parse.c
** libFuzzer target for the callback compiler, the input boundary the
** playground exposes: any bytes, as a value and a predicate callback, and as a
** map over zip's rows.
** A crash, a sanitizer report, a leak or a hang is a failure.
*/
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lwjs.h"

/* The compiler calls no host function; node.c refers to them, so they must exist. */
void lw_host_retain (uint32_t h) { (void)h; abort(); }
void lw_host_release (uint32_t h) { (void)h; abort(); }
int lw_host_fill (uint32_t s, lw_Slot *o, int c, int *t) { (void)s; (void)o; (void)c; (void)t; abort(); }
int lw_host_close (uint32_t s, int a) { (void)s; (void)a; abort(); }
int lw_host_call (uint32_t f, int m, lw_Slot *i, void *o, int n, double x) {
  (void)f; (void)m; (void)i; (void)o; (void)n; (void)x; abort();
}
int lw_host_pack (lw_Slot *i, int n) { (void)i; (void)n; abort(); }
int lw_host_same (uint32_t a, uint32_t b) { (void)a; (void)b; abort(); }
int lw_host_seen (uint32_t s, uint32_t h) { (void)s; (void)h; abort(); }
/* Modules written for hot programs (jsjit.c) are written, and not compiled: the machine runs on. */
int lw_host_jit (const uint8_t *b, int n) {
  if (n < 8 || memcmp(b, "\0asm\1\0\0\0", 8) != 0) abort();
  return 0;
}
void lw_host_unjit (uint32_t at) { (void)at; abort(); }

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size) {
  char error[160];
  int truth;
  for (truth = 0; truth <= 1; truth++) {
    lw_Prog *p = lwJ_compile((const char *)data, size, truth, 3, error);
    if (p != NULL) {
      double x = (double)size / 3.0, out, step, args[3];
      int i;
      for (i = 0; i < 3; i++) args[i] = i == 0 ? x : (double)(size - (size_t)i) / 3.0;
      for (i = 1; i < 3 && i < p->nparams; i++) lwJ_reg(p, i)[0] = args[i];
      lwJ_run(p, &x, &out, 1);
      lwJ_jit(p);   /* its module written out (jsjit.c) */
      /* the scalar machine (folds) must agree with the vector one, bit for bit (any NaN is a NaN) */
      step = lwJ_step(p, args[0], args[1], args[2]);
      if (!(out != out && step != step) && memcmp(&out, &step, sizeof out) != 0) abort();
      /* and a fold (which runs one operation on (acc, x) as a loop of its own) agrees with its steps */
      {
        double io[2] = { args[1], -args[1] }, want[2];
        want[0] = lwJ_step(p, args[0], io[0], args[2]);
        want[1] = lwJ_step(p, want[0], io[1], args[2] + 1);
        lwJ_fold(p, args[0], io, 2, args[2]);
        for (i = 0; i < 2; i++)
          if (!(io[i] != io[i] && want[i] != want[i]) && memcmp(&io[i], &want[i], sizeof io[i]) != 0) abort();
      }
      lwJ_release(p);
    }
  }
  /* as a map over zip's rows of three, where the first parameter may destructure them */
  {
    lw_Prog *p = lwJ_compile_rows((const char *)data, size, 2, 3, error);
    if (p != NULL) {
      double x = (double)size, out;
      int i;
      if (p->rowlen > 3 || p->nparams > p->rowlen + 1 || (p->rowlen == 0 && p->nparams > 0)) abort();
      for (i = 1; i < p->nparams; i++) lwJ_reg(p, i)[0] = x - i;
      lwJ_run(p, &x, &out, 1);
      lwJ_release(p);
    }
  }
  return 0;
}
