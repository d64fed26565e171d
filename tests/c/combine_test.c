/*
** combine_test.c
** Several inputs (zip, concat, interleave), groups (chunk, window), comparing
** stages (dedupe, unique) and buffering stages (cycle, tee).
*/
#include "host.h"

static const double ten[10] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 };

static lw_Node *counting (hs_Source *s, int n) {
  hs_Source fresh = { ten, n, 0, 0, 0, -1, 0, 0 };
  *s = fresh;
  return lw_host(hs_source(s), 1, 0);
}

static lw_Node *multi (lw_Node *(*make) (lw_Node **, int), lw_Node *a, lw_Node *b, lw_Node *c) {
  lw_Node *in[3];
  in[0] = a; in[1] = b; in[2] = c;
  return make(in, c != NULL ? 3 : 2);
}

static void test_zip (void) {
  hs_Source a, b;
  double v[16];
  lw_Pipe *p = lw_pipe(multi(lw_zip, counting(&a, 10), counting(&b, 3), NULL));
  CHECK(th_drain(p, v, 16) == 3);
  CHECK(hs_packed_len == 2 && hs_packed[0] == 2 && hs_packed[1] == 2);
  CHECK(a.nexts == 4 && b.nexts == 4 && a.closes == 1 && b.closes == 0);   /* TC39 shortest: close the others */
  lw_free(p);
  p = lw_pipe(multi(lw_zip, lw_range(0, 1000, 1, 1), lw_range(0, 500, 2, 1), lw_fibonacci()));
  CHECK(th_drain(p, v, 16) == 250 && hs_packed_len == 3 && hs_packed[1] == 498);
  lw_free(p);
}

static void test_concat (void) {
  hs_Source a, b;
  double v[16];
  lw_Pipe *p = lw_pipe(multi(lw_concat, counting(&a, 2), counting(&b, 3), NULL));
  CHECK(th_drain(p, v, 16) == 5 && v[2] == 0 && v[4] == 2);
  lw_free(p);
  p = lw_pipe(multi(lw_concat, counting(&a, 2), counting(&b, 3), NULL));
  CHECK(lw_pull(p, 1) == 1);
  CHECK(lw_close(p, 0) == 0 && a.closes == 1 && b.closes == 0);   /* b was never started */
  lw_free(p);
}

static void test_interleave (void) {
  hs_Source a, b;
  double v[16];
  lw_Pipe *p = lw_pipe(multi(lw_interleave, counting(&a, 3), counting(&b, 2), NULL));
  CHECK(th_drain(p, v, 16) == 5 && v[0] == 0 && v[1] == 0 && v[4] == 2);
  CHECK(b.nexts == 3 && a.closes == 1);   /* b ended: a is closed */
  lw_free(p);
}

static void test_groups (void) {
  hs_Source s;
  double v[16];
  lw_Pipe *p = lw_pipe(lw_chunk(counting(&s, 10), 4));
  CHECK(lw_pull(p, 1) == 1 && s.nexts == 4 && hs_packed_len == 4 && hs_packed[3] == 3);
  lw_release(lw_pipe_buf(p)[0]);
  CHECK(th_drain(p, v, 16) == 2 && hs_packed_len == 2 && hs_packed[1] == 9);   /* the last is short */
  lw_free(p);
  p = lw_pipe(lw_window(lw_range(0, 5, 1, 1), 3));
  CHECK(th_drain(p, v, 16) == 3 && hs_packed[0] == 2 && hs_packed[2] == 4);
  lw_free(p);
  p = lw_pipe(lw_window(lw_range(0, 2, 1, 1), 3));                /* shorter than a window */
  CHECK(th_drain(p, v, 16) == 0);
  lw_free(p);
  p = lw_pipe(lw_window(counting(&s, 10), 2));
  CHECK(lw_pull(p, 2) == 2 && s.nexts == 3);                       /* each new value makes one window */
  lwS_releaseall(lw_pipe_buf(p), 2);
  lw_free(p);
}

static void test_compare (void) {
  double vals[9] = { 1, 1, 2, 0, 0, 2, 1, 1, 3 }, v[16];
  hs_Source s = { vals, 9, 0, 0, 0, -1, 0, 0 }, h = { vals, 9, 0, 0, 0, -1, 0, 1 };
  lw_Pipe *p;
  vals[4] = -0.0;
  p = lw_pipe(lw_dedupe(lw_host(hs_source(&s), 0, 1)));
  CHECK(th_drain(p, v, 16) == 6 && v[3] == 2 && v[5] == 3);         /* -0 repeats 0 */
  lw_free(p);
  s.pos = s.nexts = s.done = 0;
  p = lw_pipe(lw_unique(lw_host(hs_source(&s), 0, 1), hs_set()));
  CHECK(th_drain(p, v, 16) == 4 && v[3] == 3);
  lw_free(p);
  p = lw_pipe(lw_unique(lw_host(hs_source(&h), 0, 0), hs_set()));  /* handles: through the host's Set */
  CHECK(th_drain(p, v, 16) == 4 && v[2] == 0);
  lw_free(p);
  p = lw_pipe(lw_unique(lw_range(0, 5000, 1, 1), hs_set()));        /* the hash set grows */
  CHECK(th_drain(p, v, 16) == 5000);
  lw_free(p);
}

static void test_cycle (void) {
  hs_Source s;
  double v[16];
  lw_Pipe *p = lw_pipe(lw_take(lw_cycle(counting(&s, 3)), 8));
  CHECK(th_drain(p, v, 16) == 8 && v[3] == 0 && v[7] == 1 && s.nexts == 4);
  lw_free(p);
  p = lw_pipe(lw_cycle(lw_empty()));
  CHECK(lw_pull(p, 5) == 0);
  lw_free(p);
}

static void test_tee (void) {
  hs_Source s;
  double before = lw_mem_used(), v[16];
  lw_TeeGroup *g = lw_teegroup(counting(&s, 10), 3);
  lw_Pipe *a = lw_pipe(lw_teebranch(g, 0)), *b = lw_pipe(lw_teebranch(g, 1));
  CHECK(lw_pull(a, 5) == 5 && s.nexts == 5);
  CHECK(lw_pull(b, 10) == 5 && s.nexts == 5);                   /* from the buffer */
  CHECK(lw_num(lw_pipe_buf(b)[4]) == 4);
  lw_teedrop(g, 2);                                               /* never built */
  CHECK(th_drain(b, v, 16) == 5 && th_drain(a, v, 16) == 5);
  CHECK(lw_close(a, 0) == 0 && s.closes == 0);
  lw_free(a);
  lw_free(b);
  CHECK(lw_mem_used() == before);
}

int main (void) {
  test_zip();
  test_concat();
  test_interleave();
  test_groups();
  test_compare();
  test_cycle();
  test_tee();
  return th_done();
}
