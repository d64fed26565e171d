/*
** host.h
** A C stand-in for the JS wrapper (lib/host.js), so the core's tests run
** natively under the sanitizers: a handle table of fake values, source
** adapters, callbacks, and counters the tests check.
*/
#ifndef host_h
#define host_h

#include <stdio.h>
#include <stdlib.h>

#include "lw.h"
#include "lwcore.h"

/* ---- checks: every test file ends with th_done() ---- */
extern int th_passed, th_failed;
#define CHECK(cond) do { if (cond) th_passed++; else { th_failed++; \
  fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); } } while (0)
int th_done (void);   /* prints "N passed, M failed"; checks nothing leaked; the exit status */

/* ---- values: a handle holding a number "payload" (stands for a JS object) ---- */
uint32_t hs_value (double payload);
double hs_payload (uint32_t h);
int hs_live (void);                     /* handles alive, besides true and false */
lw_Slot hs_slot (double payload);       /* a handle slot */

/* ---- sources ---- */
/* An iterator over 'n' doubles that counts next() calls, may fail at call 'fail_at' (-1: never). */
typedef struct hs_Source {
  const double *values;
  int n, pos, nexts, closes, fail_at, done, as_handles;
} hs_Source;
uint32_t hs_source (hs_Source *s);

/* ---- callbacks: f(x, i) on numbers (a handle's payload stands for its number) ---- */
typedef double (*hs_F) (double x, double i);
typedef struct hs_Callback {
  hs_F f;
  double (*f2) (double acc, double x, double i);   /* scan */
  int calls, fail_at;
  double inner_len;                                 /* flatMap: inner arrays of this many copies */
} hs_Callback;
uint32_t hs_callback (hs_Callback *c);
uint32_t hs_set (void);                 /* a JS Set, for unique */

/* The last array lw_host_pack made: its length and elements' numbers. */
extern int hs_packed_len;
extern double hs_packed[64];

/* Pull everything from a pipe into 'out' (numbers, or payloads of handles); the count or < 0. */
int th_drain (lw_Pipe *p, double *out, int max);

#endif
