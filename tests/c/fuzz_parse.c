/*
** fuzz_parse.c
** libFuzzer target for the callback compiler, the input boundary the
** playground exposes: any bytes, as both a value and a predicate callback.
** A crash, a sanitizer report, a leak or a hang is a failure.
*/
#include <stddef.h>
#include <stdint.h>

#include "lwjs.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size) {
  char error[160];
  int truth;
  for (truth = 0; truth <= 1; truth++) {
    lw_Prog *p = lwJ_compile((const char *)data, size, truth, 3, error);
    if (p != NULL) {
      double *regs = lwJ_regs(p);
      if (regs != NULL) {
        int i;
        for (i = 0; i < 3 && i < p->nparams; i++) regs[(size_t)i * LW_BATCH] = (double)(size - (size_t)i) / 3.0;
        lwJ_run(p, regs, 1);
        lwM_free(regs);
      }
      lwJ_release(p);
    }
  }
  return 0;
}
