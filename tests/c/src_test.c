/*
** src_test.c
** Sources: range, count, repeat, fibonacci, random, host iterators, iterate, empty.
*/
#include <math.h>
#include <string.h>

#include "host.h"

static double sq (double x, double i) { (void)i; return x * x; }

static void test_range (void) {
  double v[16];
  lw_Pipe *p = lw_pipe(lw_range(1, 2, 0.25, 1));
  CHECK(th_drain(p, v, 16) == 4);
  CHECK(v[0] == 1 && v[1] == 1.25 && v[3] == 1.75);
  lw_free(p);
  p = lw_pipe(lw_range(5, 0, -2, 1));          /* 5 3 1 */
  CHECK(th_drain(p, v, 16) == 3 && v[2] == 1);
  lw_free(p);
  p = lw_pipe(lw_range(0, 10, -1, 1));         /* the wrong direction: nothing */
  CHECK(th_drain(p, v, 16) == 0);
  lw_free(p);
  p = lw_pipe(lw_range(0.1, 0, 0.1, 0));       /* count: unbounded, start + step * i */
  CHECK(lw_pull(p, 10) == 10);
  memcpy(v, lw_pipe_buf(p), 10 * sizeof(double));
  CHECK(v[2] == 0.1 + 0.1 * 2 && v[9] == 0.1 + 0.1 * 9);
  lw_free(p);
}

static void test_repeat (void) {
  lw_Slot *args = lw_args();
  double v[8];
  lw_Pipe *p;
  args[0] = hs_slot(42);
  p = lw_pipe(lw_repeat(5));
  CHECK(th_drain(p, v, 8) == 5 && v[4] == 42);
  lw_free(p);                                   /* the repeated handle is released with the node */
  CHECK(hs_live() == 0);
  args[0] = lw_mknum(7);
  p = lw_pipe(lw_repeat(1.0 / 0.0));
  CHECK(lw_pull(p, 100) == 100 && lw_num(lw_pipe_buf(p)[99]) == 7);
  lw_free(p);
}

static void test_fibonacci (void) {
  double v[80];
  lw_Pipe *p = lw_pipe(lw_fibonacci());
  CHECK(lw_pull(p, 79) == 79);
  memcpy(v, lw_pipe_buf(p), sizeof v[0] * 79);
  CHECK(v[0] == 0 && v[1] == 1 && v[10] == 55 && v[78] == 8944394323791464.0);
  lw_free(p);
}

static void test_random (void) {
  double a[300], b[300];
  int i, inrange = 1;
  lw_Pipe *p = lw_pipe(lw_random(0, 42)), *q = lw_pipe(lw_random(0, 42)), *r = lw_pipe(lw_random(0, 43));
  CHECK(lw_pull(p, 256) == 256);
  memcpy(a, lw_pipe_buf(p), 256 * sizeof(double));
  CHECK(lw_pull(q, 256) == 256);
  memcpy(b, lw_pipe_buf(q), 256 * sizeof(double));
  CHECK(memcmp(a, b, 256 * sizeof(double)) == 0);          /* one seed, one stream */
  CHECK(lw_pull(r, 1) == 1 && lw_num(lw_pipe_buf(r)[0]) != a[0]);
  for (i = 0; i < 256; i++) inrange &= a[i] >= 0 && a[i] < 1;
  CHECK(inrange);
  lw_free(p); lw_free(q); lw_free(r);
}

static void test_host_source (void) {
  double vals[5] = { 1, 2, 3, 0, 5 }, v[8];
  uint64_t snan = 0x7FF4000000000009ull;    /* a NaN that looks like a handle */
  hs_Source s = { vals, 5, 0, 0, 0, -1, 0, 0 };
  lw_Pipe *p;
  memcpy(&vals[3], &snan, sizeof snan);
  p = lw_pipe(lw_host(hs_source(&s), 1, 1));
  CHECK(lw_observable(p) == 1);
  CHECK(lw_pull(p, 2) == 2 && s.nexts == 2);                /* exactly what was asked */
  CHECK(lw_pull(p, 10) == 3 && s.nexts == 6);               /* three values and the end */
  CHECK(lw_pipe_buf(p)[1] == LW_CANON_NAN);                 /* a numeric source's NaN made canonical */
  CHECK(lw_pull(p, 10) == 0 && s.nexts == 6);               /* a finished source is not asked again */
  CHECK(lw_close(p, 0) == 0 && s.closes == 0);              /* nor closed */
  lw_free(p);
  (void)v;
  /* closed early: return() once; a failing one: never */
  {
    hs_Source t = { vals, 3, 0, 0, 0, -1, 0, 0 }, u = { vals, 3, 0, 0, 0, 1, 0, 0 };
    p = lw_pipe(lw_host(hs_source(&t), 1, 0));
    CHECK(lw_pull(p, 1) == 1);
    CHECK(lw_close(p, 0) == 0 && lw_close(p, 0) == 0 && t.closes == 1);
    CHECK(lw_pull(p, 1) == 0);
    lw_free(p);
    p = lw_pipe(lw_host(hs_source(&u), 1, 0));
    CHECK(lw_pull(p, 5) == LW_EHOST && u.nexts == 2);
    CHECK(lw_close(p, 1) == 0 && u.closes == 0);
    lw_free(p);
  }
}

static void test_iterate (void) {
  hs_Callback c = { sq, NULL, 0, -1, 0 };
  lw_Slot *args = lw_args();
  lw_Pipe *p;
  args[0] = lw_mknum(2);
  p = lw_pipe(lw_iterate(hs_callback(&c)));
  CHECK(lw_pull(p, 1) == 1 && c.calls == 0);               /* the seed needs no call */
  CHECK(lw_pull(p, 3) == 3 && c.calls == 3);
  CHECK(lw_num(lw_pipe_buf(p)[2]) == 256);                 /* 2, 4, 16, 256 */
  lw_free(p);
  c.calls = 0; c.fail_at = 1;
  args[0] = hs_slot(3);
  p = lw_pipe(lw_iterate(hs_callback(&c)));
  CHECK(lw_pull(p, 1) == 1);
  lw_release(lw_pipe_buf(p)[0]);
  CHECK(lw_pull(p, 5) == LW_EHOST);                        /* the values made before the failure are dropped */
  lw_free(p);
}

int main (void) {
  lw_Pipe *p = lw_pipe(lw_empty());
  CHECK(lw_pull(p, 5) == 0);
  lw_free(p);
  test_range();
  test_repeat();
  test_fibonacci();
  test_random();
  test_host_source();
  test_iterate();
  (void)sqrt;
  return th_done();
}
