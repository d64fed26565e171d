/*
** xform_test.c
** One-input stages: callbacks (map, filter, takeWhile, dropWhile, flatMap,
** scan) and counting (take, drop, slice, enumerate). Checks values, how many
** times sources and callbacks run, closing, and that failures free everything.
*/
#include <math.h>

#include "host.h"

static double sq (double x, double i) { (void)i; return x * x; }
static double odd (double x, double i) { (void)i; return fmod(x, 2) != 0; }
static double small (double x, double i) { (void)i; return x < 4; }
static double plus_index (double x, double i) { return x + i; }
static double add (double acc, double x, double i) { (void)i; return acc + x; }

static const double ten[10] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 };

static lw_Node *counting (hs_Source *s, int n) {
  hs_Source fresh = { ten, n, 0, 0, 0, -1, 0, 0 };
  *s = fresh;
  return lw_host(hs_source(s), 1, 0);
}

static void test_map (void) {
  hs_Callback c = { sq, NULL, 0, -1, 0 };
  hs_Source s;
  double v[16];
  lw_Pipe *p = lw_pipe(lw_map(lw_range(0, 10, 1, 1), hs_callback(&c)));
  CHECK(lw_observable(p));
  CHECK(th_drain(p, v, 16) == 10 && v[3] == 9 && c.calls == 10);
  lw_free(p);
  /* over an observable source the callback stage pulls one value at a time */
  c.calls = 0;
  p = lw_pipe(lw_map(counting(&s, 10), hs_callback(&c)));
  CHECK(lw_pull(p, 100) == 1 && s.nexts == 1 && c.calls == 1);
  lw_free(p);
  /* a failing callback: the error comes out, nothing leaks, the source gets closed by the abrupt close */
  c.calls = 0; c.fail_at = 3;
  p = lw_pipe(lw_map(counting(&s, 10), hs_callback(&c)));
  CHECK(th_drain(p, v, 16) == LW_EHOST && s.nexts == 4);
  CHECK(lw_close(p, 1) == 0 && s.closes == 1);
  lw_free(p);
}

static void test_filter (void) {
  hs_Callback c = { odd, NULL, 0, -1, 0 };
  double v[16];
  lw_Pipe *p = lw_pipe(lw_filter(lw_range(0, 10, 1, 1), hs_callback(&c)));
  CHECK(th_drain(p, v, 16) == 5 && v[0] == 1 && v[4] == 9 && c.calls == 10);
  lw_free(p);
}

static void test_while (void) {
  hs_Callback c = { small, NULL, 0, -1, 0 };
  hs_Source s;
  double v[16];
  lw_Pipe *p = lw_pipe(lw_takewhile(counting(&s, 10), hs_callback(&c)));
  CHECK(th_drain(p, v, 16) == 4 && v[3] == 3);
  CHECK(c.calls == 5 && s.nexts == 5 && s.closes == 1);       /* stops at the first falsy, closes */
  lw_free(p);
  c.calls = 0;
  p = lw_pipe(lw_dropwhile(lw_range(0, 10, 1, 1), hs_callback(&c)));
  CHECK(th_drain(p, v, 16) == 6 && v[0] == 4 && c.calls == 5);   /* never called after the first falsy */
  lw_free(p);
}

static void test_flatmap (void) {
  hs_Callback c = { sq, NULL, 0, -1, 3 };
  double v[16];
  lw_Pipe *p = lw_pipe(lw_flatmap(lw_range(1, 4, 1, 1), hs_callback(&c)));
  CHECK(th_drain(p, v, 16) == 9 && v[0] == 1 && v[3] == 2 && v[8] == 3 && c.calls == 3);
  lw_free(p);
  c.calls = 0;   /* closed in the middle of an inner iterable */
  p = lw_pipe(lw_flatmap(lw_range(1, 4, 1, 1), hs_callback(&c)));
  CHECK(lw_pull(p, 2) == 2);
  CHECK(lw_close(p, 0) == 0);
  lw_free(p);
}

static void test_scan (void) {
  hs_Callback c = { NULL, add, 0, -1, 0 };
  lw_Slot *args = lw_args();
  double v[16];
  lw_Pipe *p;
  args[0] = lw_mknum(100);
  p = lw_pipe(lw_scan(lw_range(1, 5, 1, 1), hs_callback(&c), 1));
  CHECK(th_drain(p, v, 16) == 4 && v[0] == 101 && v[3] == 110);
  lw_free(p);
  c.calls = 0;
  p = lw_pipe(lw_scan(lw_range(1, 5, 1, 1), hs_callback(&c), 0));
  CHECK(th_drain(p, v, 16) == 4 && v[0] == 1 && v[3] == 10 && c.calls == 3);
  lw_free(p);
  c.calls = 0; c.fail_at = 2;
  args[0] = hs_slot(0);
  p = lw_pipe(lw_scan(lw_range(1, 5, 1, 1), hs_callback(&c), 1));
  CHECK(th_drain(p, v, 16) == LW_EHOST);
  lw_free(p);
}

static void test_counting (void) {
  hs_Source s;
  double v[16];
  lw_Pipe *p = lw_pipe(lw_take(counting(&s, 10), 3));
  CHECK(th_drain(p, v, 16) == 3 && s.nexts == 3 && s.closes == 1);   /* closed by the pull after the last */
  lw_free(p);
  p = lw_pipe(lw_take(counting(&s, 10), 0));
  CHECK(th_drain(p, v, 16) == 0 && s.nexts == 0 && s.closes == 1);
  lw_free(p);
  p = lw_pipe(lw_drop(counting(&s, 10), 7));
  CHECK(th_drain(p, v, 16) == 3 && v[0] == 7 && s.nexts == 11);
  lw_free(p);
  p = lw_pipe(lw_drop(lw_range(0, 1e6, 1, 1), 999998));
  CHECK(th_drain(p, v, 16) == 2 && v[1] == 999999);
  lw_free(p);
  p = lw_pipe(lw_slice(counting(&s, 10), 1, 8, 3));                   /* 1 4 7 */
  CHECK(th_drain(p, v, 16) == 3 && v[0] == 1 && v[1] == 4 && v[2] == 7 && s.closes == 1);
  lw_free(p);
  p = lw_pipe(lw_slice(lw_range(0, 5, 1, 1), 2, 1.0 / 0.0, 2));       /* 2 4 */
  CHECK(th_drain(p, v, 16) == 2 && v[1] == 4);
  lw_free(p);
  p = lw_pipe(lw_enumerate(lw_range(5, 8, 1, 1), 10));
  CHECK(th_drain(p, v, 16) == 3 && hs_packed_len == 2 && hs_packed[0] == 12 && hs_packed[1] == 7);
  lw_free(p);
}

static void test_index (void) {
  hs_Callback c = { plus_index, NULL, 0, -1, 0 };
  double v[16];
  lw_Pipe *p = lw_pipe(lw_map(lw_drop(lw_range(10, 20, 1, 1), 2), hs_callback(&c)));
  CHECK(th_drain(p, v, 16) == 8 && v[0] == 12 && v[1] == 14 && v[7] == 26);   /* index counts this stage's inputs */
  lw_free(p);
}

int main (void) {
  test_map();
  test_filter();
  test_while();
  test_flatmap();
  test_scan();
  test_counting();
  test_index();
  return th_done();
}
