/*
** sink_test.c
** Terminal operations: sum, count, min, max, last, nth, includes, collect.
*/
#include <math.h>
#include <string.h>

#include "host.h"

static lw_Pipe *over (const double *vals, int n, hs_Source *s, int handles) {
  hs_Source fresh = { vals, n, 0, 0, 0, -1, 0, handles };
  *s = fresh;
  return lw_pipe(lw_host(hs_source(s), 1, 0));
}

int main (void) {
  double vals[6] = { 3, -0.0, 0, 0.1, 0.2, 0.3 }, nan[3] = { 1, NAN, 2 };
  hs_Source s;
  lw_Pipe *p;
  double x;

  p = over(vals + 3, 3, &s, 0);
  CHECK(lw_sum(p) == 0 && lw_num(*lw_pipe_res(p)) == (0 + 0.1) + 0.2 + 0.3 && lw_pipe_count(p) == 3);
  lw_free(p);
  p = lw_pipe(lw_range(0, 1e6, 1, 1));
  CHECK(lw_sum(p) == 0 && lw_num(*lw_pipe_res(p)) == 499999500000.0);
  lw_free(p);
  p = over(vals, 3, &s, 1);                                     /* not numbers: LW_ETYPE with the value */
  CHECK(lw_sum(p) == LW_ETYPE && lw_ishandle(*lw_pipe_res(p)) && hs_payload(lw_handle(*lw_pipe_res(p))) == 3);
  lw_release(*lw_pipe_res(p));
  lw_free(p);

  p = lw_pipe(lw_range(0, 12345, 1, 1));
  CHECK(lw_count(p) == 0 && lw_pipe_count(p) == 12345);
  lw_free(p);

  p = over(vals, 3, &s, 0);                                     /* 3, -0, 0 */
  CHECK(lw_min(p) == 0 && lw_num(*lw_pipe_res(p)) == -3 + 3 && signbit(lw_num(*lw_pipe_res(p))));
  lw_free(p);
  p = over(vals + 1, 2, &s, 0);                                 /* -0, 0 */
  CHECK(lw_max(p) == 0 && (x = lw_num(*lw_pipe_res(p))) == 0 && !signbit(x));
  lw_free(p);
  p = over(nan, 3, &s, 0);
  CHECK(lw_max(p) == 0 && isnan(lw_num(*lw_pipe_res(p))));
  lw_free(p);
  p = lw_pipe(lw_empty());
  CHECK(lw_min(p) == 0 && lw_pipe_count(p) == 0);
  lw_free(p);

  p = over(vals, 6, &s, 1);
  CHECK(lw_last(p) == 0 && lw_pipe_count(p) == 6 && hs_payload(lw_handle(*lw_pipe_res(p))) == 0.3);
  lw_release(*lw_pipe_res(p));
  lw_free(p);

  p = over(vals, 6, &s, 1);
  CHECK(lw_nth(p, 2) == 0 && lw_pipe_count(p) == 1 && hs_payload(lw_handle(*lw_pipe_res(p))) == 0);
  CHECK(s.nexts == 3 && s.closes == 1);                        /* read what it needs, then closed */
  lw_release(*lw_pipe_res(p));
  lw_free(p);
  p = over(vals, 6, &s, 0);
  CHECK(lw_nth(p, 10) == 0 && lw_pipe_count(p) == 0);
  lw_free(p);

  p = over(vals, 6, &s, 0);
  *lw_pipe_res(p) = lw_mknum(0);                                /* SameValueZero: -0 matches 0 */
  CHECK(lw_includes(p) == 0 && lw_pipe_count(p) == 1 && s.nexts == 2 && s.closes == 1);
  lw_free(p);
  p = over(nan, 3, &s, 0);
  *lw_pipe_res(p) = LW_CANON_NAN;
  CHECK(lw_includes(p) == 0 && lw_pipe_count(p) == 1);
  lw_free(p);

  p = lw_pipe(lw_range(0, 3000, 1, 1));
  CHECK(lw_collect(p) == 0 && lw_pipe_count(p) == 3000 && lw_pipe_data(p)[2999] == 2999);
  lw_free(p);
  p = over(vals, 6, &s, 1);
  CHECK(lw_collect(p) == LW_ETYPE);
  lw_release(*lw_pipe_res(p));
  lw_free(p);
  (void)memcmp;
  return th_done();
}
