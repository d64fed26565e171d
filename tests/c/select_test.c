/*
** select_test.c
** Stages that compare values (select.c): SameValueZero, dedupe, unique.
*/
#include <math.h>

#include "host_stub.h"

static void test_same (void) {
  lw_Slot a = hs_objslot(5), b = hs_objslot(5), c = hs_objslot(6);
  CHECK(lwS_same(lw_mknum(1), lw_mknum(1)));
  CHECK(!lwS_same(lw_mknum(1), lw_mknum(2)));
  CHECK(lwS_same(lw_mknum(0), lw_mknum(-0.0)));                   /* SameValueZero: -0 is 0 */
  CHECK(lwS_same(LW_CANON_NAN, lw_mknum(NAN)));                   /* NaN is NaN */
  CHECK(lwS_same(LW_CANON_NAN, 0xFFF8000000000000ull));           /* whatever its bits */
  CHECK(!lwS_same(lw_mknum(INFINITY), lw_mknum(-INFINITY)));
  CHECK(lwS_same(a, a));
  CHECK(lwS_same(a, b));                                          /* equal values in two handles */
  CHECK(!lwS_same(a, c));
  CHECK(!lwS_same(a, lw_mknum(5)));                               /* a handle is never a number */
  CHECK(!lwS_same(lw_mknum(5), a));
  CHECK(lwS_same(lw_mkhandle(LW_TRUE), lw_mkhandle(LW_TRUE)));
  CHECK(!lwS_same(lw_mkhandle(LW_TRUE), lw_mkhandle(LW_FALSE)));
  lw_release(a); lw_release(b); lw_release(c);
}

static void test_dedupe (void) {
  double vals[12] = { 1, 1, 2, 0, -0.0, 2, 1, 1, 3, NAN, NAN, 3 };
  hs_Source s = hs_arr(vals, 12);
  lw_Pipe *p = lw_pipe(lw_dedupe(hs_node(&s, 1)));
  CHECK_INT(lw_observable(p), 0);
  CHECK_STR(hs_drain(p, LW_BATCH), "1 2 0 2 1 3 NaN 3");          /* -0 repeats 0, NaN repeats NaN */
  lw_free(p);

  /* across pulls: the last value is remembered */
  s = hs_arr(vals, 12);
  p = lw_pipe(lw_dedupe(hs_node(&s, 1)));
  CHECK_STR(hs_pull(p, 1), "1");
  CHECK_STR(hs_pull(p, 1), "2");                                  /* read on past the repeat */
  CHECK_STR(hs_pull(p, 2), "0");
  CHECK_STR(hs_pull(p, 2), "2 1");
  lw_free(p);

  /* objects: compared by value through the host, dropped repeats let go, the last one held */
  s = hs_gen("s", vals, 9);
  s.objects = 1;
  p = lw_pipe(lw_dedupe(hs_node(&s, 0)));
  CHECK_INT(lw_observable(p), 1);
  CHECK_STR(hs_pull(p, 2), "#1");
  CHECK_INT(s.nexts, 2);
  CHECK_STR(hs_drain(p, LW_BATCH), "#2 #0 #2 #1 #3");
  lw_free(p);
  CHECK_INT(hs_live(), 0);

  /* freed in the middle: the remembered value is let go */
  s = hs_gen("s", vals, 9);
  s.objects = 1;
  p = lw_pipe(lw_dedupe(hs_node(&s, 0)));
  CHECK_STR(hs_pull(p, 1), "#1");
  lw_free(p);
  CHECK_INT(hs_live(), 0);

  /* a number and an object with the same payload are different values */
  {
    lw_Slot *args = lw_args();
    lw_Node *in[2];
    args[0] = hs_objslot(1);
    in[0] = lw_range(1, 2, 1, 1);
    in[1] = lw_repeat(2);
    p = lw_pipe(lw_dedupe(lw_concat(in, 2)));
    CHECK_STR(hs_drain(p, LW_BATCH), "1 #1");
    lw_free(p);
  }

  /* an error passes through */
  s = hs_gen("s", vals, 9);
  s.fail_at = 3;
  p = lw_pipe(lw_dedupe(hs_node(&s, 0)));
  CHECK_STR(hs_drain(p, LW_BATCH), "!-1");
  lw_free(p);
}

static void test_unique (void) {
  double vals[14] = { 1, 1, 2, 0, -0.0, 2, 1, 1, 3, NAN, NAN, INFINITY, -INFINITY, INFINITY };
  hs_Source s = hs_arr(vals, 14);
  uint32_t set = hs_set();
  lw_Pipe *p = lw_pipe(lw_unique(hs_node(&s, 1), set));
  CHECK_STR(hs_drain(p, LW_BATCH), "1 2 0 3 NaN Infinity -Infinity");
  lw_free(p);
  CHECK_INT(hs_kind(set), HS_FREE);                               /* the Set goes with the stage */

  /* -0 first: it is the one kept, and 0 is its repeat */
  {
    double z[3] = { -0.0, 0, -0.0 };
    s = hs_arr(z, 3);
    p = lw_pipe(lw_unique(hs_node(&s, 1), hs_set()));
    CHECK_STR(hs_drain(p, LW_BATCH), "-0");
    lw_free(p);
  }

  /* objects go to the host's Set; repeats let go */
  s = hs_gen("s", vals, 9);
  s.objects = 1;
  p = lw_pipe(lw_unique(hs_node(&s, 0), hs_set()));
  CHECK_STR(hs_pull(p, 3), "#1 #2");
  CHECK_INT(s.nexts, 3);
  CHECK_STR(hs_drain(p, LW_BATCH), "#0 #3");
  lw_free(p);
  CHECK_INT(hs_live(), 0);

  /* many distinct numbers: the table grows, still exact */
  p = lw_pipe(lw_unique(lw_range(0, 5000, 1, 1), hs_set()));
  CHECK_INT(lw_count(p), 0);
  CHECK_NUM(lw_pipe_count(p), 5000);
  lw_free(p);
  {
    lw_Node *in[3];
    in[0] = lw_range(0, 3000, 1, 1);
    in[1] = lw_range(2999, -1, -1, 1);
    in[2] = lw_range(0.5, 100, 1, 1);
    p = lw_pipe(lw_unique(lw_concat(in, 3), hs_set()));
    CHECK_INT(lw_sum(p), 0);
    CHECK_NUM(lw_pipe_count(p), 3100);
    CHECK_NUM(lw_num(*lw_pipe_res(p)), 2999.0 * 3000 / 2 + 5000);
    lw_free(p);
  }

  /* an error passes through */
  s = hs_gen("s", vals, 9);
  s.fail_at = 2;
  s.objects = 1;
  p = lw_pipe(lw_unique(hs_node(&s, 0), hs_set()));
  CHECK_STR(hs_drain(p, LW_BATCH), "!-1");
  lw_free(p);
  CHECK_INT(hs_live(), 0);
}

/*
** All NaNs are one value for unique (as in a JS Set), whatever their bits.
** Numbers from compiled callbacks are not made canonical: '-x' of NaN is the
** NaN with the sign bit set (0xFFF8…), here next to a canonical NaN.
*/
static void test_unique_nan_bits (void) {
  double nans[2] = { NAN, NAN };
  lw_Prog *prog = hs_compile("(x, i) => i === 0 ? -x : x", 0, 2);
  hs_Callback c = hs_cb(NULL, hs_identity);
  hs_Source s = hs_arr(nans, 2);
  lw_Pipe *p;
  lw_use_prog(prog);
  p = lw_pipe(lw_map(hs_node(&s, 1), hs_callback(&c)));
  CHECK_INT(lw_pull(p, LW_BATCH), 2);
  CHECK(hs_bits(lw_num(lw_pipe_buf(p)[0])) != hs_bits(lw_num(lw_pipe_buf(p)[1])));   /* two NaN patterns */
  lw_free(p);

  s = hs_arr(nans, 2);
  lw_use_prog(prog);
  p = lw_pipe(lw_unique(lw_map(hs_node(&s, 1), hs_callback(&c)), hs_set()));
  CHECK_INT(c.calls, 0);
  CHECK_STR(hs_drain(p, LW_BATCH), "NaN");                        /* new Set([-NaN, NaN]).size is 1 */
  lw_free(p);
  lw_prog_release(prog);
}

int main (void) {
  test_same();
  test_dedupe();
  test_unique();
  test_unique_nan_bits();
  return hs_finish();
}
