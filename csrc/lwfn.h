/*
** lwfn.h
** A stage's callback (fn.c): the JS function, and its compiled program when
** the function's text is in the compiled subset.
*/
#ifndef lwfn_h
#define lwfn_h

#include "lwjs.h"

typedef struct lw_Fn {
  uint32_t host;         /* handle of the JS function (always kept: for non-numbers) */
  lw_Prog *prog;         /* NULL: not compiled */
  int numeric_in;        /* the stage's input is numbers only */
} lw_Fn;

/* Take 'host' (owned) and retain 'prog'. Can't fail. */
void lwF_init (lw_Fn *f, uint32_t host, lw_Prog *prog, int numeric_in);
void lwF_free (lw_Fn *f);

/* Whether the stage can run user code; whether it yields only numbers. */
int lwF_observable (const lw_Fn *f);
int lwF_numeric (const lw_Fn *f);

/* As lw_host_call's LW_CALL_MAP: io[i] = f(io[i], index0 + i). */
int lwF_map (lw_Fn *f, lw_Slot *io, int n, double index0);
/* As LW_CALL_EVAL or LW_CALL_TEST: flags[i] = truthy(f(in[i], index0 + i)); returns calls made. */
int lwF_test (lw_Fn *f, int mode, lw_Slot *in, uint8_t *flags, int n, double index0);
/*
** Steps of a fold over the values at io[0..n) while they run in WASM (numbers,
** a number accumulator, a compiled callback of number result), in place:
** io[i] becomes the accumulator after value i. Returns how many were done.
*/
int lwF_fold (lw_Fn *f, lw_Slot *acc, lw_Slot *io, int n, double index);
/* One step of a fold: *acc = f(*acc, x, index); consumes x and the old *acc. */
int lwF_step (lw_Fn *f, lw_Slot *acc, lw_Slot x, double index);

#endif
