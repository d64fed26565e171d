/*
** combinatorics_test.c
** product, permutations, combinations, combinations with replacement and
** powerset (combinatorics.c), against Python's documented outputs.
*/
#include "host_stub.h"

static const double abcd[4] = { 10, 11, 12, 13 };

static lw_Pipe *over (int kind, int n, double r) {
  lw_Node *in = lw_range(0, n, 1, 1);
  return lw_pipe(lwX_combinatorics(kind, &in, 1, r));
}

static void expect (int kind, int n, double r, const char *want) {
  lw_Pipe *p = over(kind, n, r);
  CHECK_STR(hs_drain(p, LW_BATCH), want);
  lw_free(p);
}

static void test_orders (void) {
  /* itertools' documented examples, with 0 1 2 3 for A B C D */
  expect(LW_COMBINATIONS, 4, 2, "[0,1] [0,2] [0,3] [1,2] [1,3] [2,3]");
  expect(LW_COMBINATIONS, 4, 3, "[0,1,2] [0,1,3] [0,2,3] [1,2,3]");
  expect(LW_PERMUTATIONS, 3, -1, "[0,1,2] [0,2,1] [1,0,2] [1,2,0] [2,0,1] [2,1,0]");
  expect(LW_PERMUTATIONS, 4, 2, "[0,1] [0,2] [0,3] [1,0] [1,2] [1,3] [2,0] [2,1] [2,3] [3,0] [3,1] [3,2]");
  expect(LW_COMBINATIONS_WR, 3, 2, "[0,0] [0,1] [0,2] [1,1] [1,2] [2,2]");
  expect(LW_POWERSET, 3, 0, "[] [0] [1] [2] [0,1] [0,2] [1,2] [0,1,2]");
  /* edges: r = 0, r > n, empty pools */
  expect(LW_COMBINATIONS, 3, 0, "[]");
  expect(LW_COMBINATIONS, 3, 4, "");
  expect(LW_COMBINATIONS, 0, 0, "[]");
  expect(LW_PERMUTATIONS, 3, 0, "[]");
  expect(LW_PERMUTATIONS, 2, 3, "");
  expect(LW_PERMUTATIONS, 0, -1, "[]");
  expect(LW_COMBINATIONS_WR, 0, 0, "[]");
  expect(LW_COMBINATIONS_WR, 0, 2, "");
  expect(LW_COMBINATIONS_WR, 2, 3, "[0,0,0] [0,0,1] [0,1,1] [1,1,1]");
  expect(LW_COMBINATIONS_WR, 1, 0, "[]");
  expect(LW_POWERSET, 0, 0, "[]");
  expect(LW_COMBINATIONS, 3, 4e9, "");   /* r far beyond n: nothing, and nothing allocated for it */
}

static void test_product (void) {
  lw_Node *in[3];
  lw_Pipe *p;
  hs_Source a, b;
  in[0] = lw_range(0, 4, 1, 1); in[1] = lw_range(10, 12, 1, 1);
  p = lw_pipe(lw_product(in, 2, 1));
  CHECK_STR(hs_drain(p, 3), "[0,10] [0,11] [1,10] [1,11] [2,10] [2,11] [3,10] [3,11]");
  lw_free(p);
  in[0] = lw_range(0, 2, 1, 1);
  p = lw_pipe(lw_product(in, 1, 3));
  CHECK_STR(hs_drain(p, LW_BATCH), "[0,0,0] [0,0,1] [0,1,0] [0,1,1] [1,0,0] [1,0,1] [1,1,0] [1,1,1]");
  lw_free(p);
  in[0] = lw_range(0, 2, 1, 1); in[1] = lw_range(5, 6, 1, 1);
  p = lw_pipe(lw_product(in, 2, 2));
  CHECK_STR(hs_drain(p, LW_BATCH), "[0,5,0,5] [0,5,1,5] [1,5,0,5] [1,5,1,5]");
  lw_free(p);
  /* no iterables, or repeat 0: one empty array; an empty pool: nothing */
  p = lw_pipe(lw_product(in, 0, 1));
  CHECK_STR(hs_drain(p, LW_BATCH), "[]");
  lw_free(p);
  in[0] = lw_empty();
  p = lw_pipe(lw_product(in, 1, 0));
  CHECK_STR(hs_drain(p, LW_BATCH), "[]");
  lw_free(p);
  /* every pool is read to its end, in order, before the first array, even after an empty one */
  a = hs_gen("a", abcd, 0);
  b = hs_gen("b", abcd, 2);
  in[0] = hs_node(&a, 0); in[1] = hs_node(&b, 0);
  hs_log_clear();
  p = lw_pipe(lw_product(in, 2, 1));
  CHECK_INT(lw_observable(p), 1);
  CHECK_STR(hs_drain(p, 1), "");
  CHECK_INT(a.nexts, 1);
  CHECK_INT(b.nexts, 3);
  CHECK_INT(lw_close(p, 0), LW_OK);
  CHECK_INT(a.closes + b.closes, 0);   /* both ended: nothing to close */
  lw_free(p);
}

static void test_pool_and_objects (void) {
  hs_Source s = hs_gen("s", abcd, 4);
  lw_Node *in;
  lw_Pipe *p;
  s.objects = 1;
  in = hs_node(&s, 0);
  p = lw_pipe(lw_combinations(in, 3));
  CHECK_STR(hs_pull(p, 1), "[#10,#11,#12]");
  CHECK_INT(s.nexts, 5);                       /* the whole pool, then its end, on the first pull */
  CHECK_STR(hs_drain(p, LW_BATCH), "[#10,#11,#13] [#10,#12,#13] [#11,#12,#13]");
  CHECK_INT(s.nexts, 5);
  lw_free(p);
  CHECK_INT(hs_live(), 0);

  /* closed early: the arrays made are the caller's, the pool is let go */
  s = hs_arr(abcd, 4);
  s.objects = 1;
  p = lw_pipe(lw_permutations(hs_node(&s, 0), 4));
  CHECK_INT(lw_pull(p, 5), 5);
  CHECK_INT(hs_refs(lw_handle(hs_array_at(lw_handle(lw_pipe_buf(p)[0]), 0))), 6);   /* five arrays and the pool */
  hs_release_all(lw_pipe_buf(p), 5);
  CHECK_INT(lw_close(p, 0), LW_OK);
  lw_free(p);
  CHECK_INT(hs_live(), 0);

  /* an error while reading the pool: nothing made, the values read are let go */
  s = hs_gen("s", abcd, 4);
  s.objects = 1;
  s.fail_at = 3;
  p = lw_pipe(lw_powerset(hs_node(&s, 0)));
  CHECK_STR(hs_drain(p, LW_BATCH), "!-1");
  CHECK_INT(lw_close(p, 1), LW_OK);
  CHECK_INT(s.closes, 0);
  lw_free(p);
  CHECK_INT(hs_live(), 0);

  /* an array that can't be made, in the middle of a batch */
  s = hs_arr(abcd, 4);
  s.objects = 1;
  hs_packs = 0;
  hs_pack_fail_at = 3;
  p = lw_pipe(lw_combinations_wr(hs_node(&s, 0), 2));
  CHECK_STR(hs_drain(p, LW_BATCH), "!-1");
  hs_pack_fail_at = 0;
  lw_free(p);
  CHECK_INT(hs_live(), 0);

  /* abandoned before the first pull: the source is closed, never read */
  s = hs_gen("s", abcd, 4);
  p = lw_pipe(lw_combinations(hs_node(&s, 0), 2));
  CHECK_INT(lw_close(p, 0), LW_OK);
  CHECK_INT(s.nexts, 0);
  CHECK_INT(s.closes, 1);
  lw_free(p);
}

/* Counts for bigger pools, against the formulas. */
static void test_counts (void) {
  lw_Pipe *p;
  double total = 0;
  int k;
  p = over(LW_COMBINATIONS, 20, 10);
  while ((k = lw_pull(p, LW_BATCH)) > 0) { total += k; hs_release_all(lw_pipe_buf(p), k); }
  CHECK_NUM(total, 184756);
  lw_free(p);
  total = 0;
  p = over(LW_PERMUTATIONS, 8, -1);
  while ((k = lw_pull(p, LW_BATCH)) > 0) { total += k; hs_release_all(lw_pipe_buf(p), k); }
  CHECK_NUM(total, 40320);
  lw_free(p);
  total = 0;
  p = over(LW_POWERSET, 12, 0);
  while ((k = lw_pull(p, LW_BATCH)) > 0) { total += k; hs_release_all(lw_pipe_buf(p), k); }
  CHECK_NUM(total, 4096);
  lw_free(p);
  total = 0;
  p = over(LW_COMBINATIONS_WR, 10, 4);
  while ((k = lw_pull(p, LW_BATCH)) > 0) { total += k; hs_release_all(lw_pipe_buf(p), k); }
  CHECK_NUM(total, 715);
  lw_free(p);
}

int main (void) {
  test_orders();
  test_product();
  test_pool_and_objects();
  test_counts();
  return hs_finish();
}
