/*
** Batches that end by the type of their values (lw_host_fill's and
** lw_host_chain's '*typed'): a compiled callback over an iterator reads it in
** whole batches, each ending after a value that is not a number, which goes to
** JS before the next value is read, as TC39 would call it.
*/
#include "host_stub.h"

static const double five[5] = { 1, 2, 3, 4, 5 };

/* a compiled map over a mixed iterator: batches, and next()/JS calls in TC39's order */
static void test_compiled_over_iterator (void) {
  lw_Prog *prog = hs_compile("x => x * 2", 0, 2);
  hs_Source s = hs_gen("s", five, 5);
  hs_Callback m = hs_cb("m", hs_identity);
  lw_Pipe *p;
  s.object_mask = 1u << 2;                                        /* 1, 2, #3, 4, 5 */
  lw_use_prog(prog);
  p = lw_pipe(lw_map(hs_node(&s, 0), hs_callback(&m)));
  hs_log_clear();
  CHECK_STR(hs_drain(p, LW_BATCH), "2 4 #3 8 10");
  CHECK_STR(hs_log(), "s.next s.next s.next m(#3) s.next s.next s.next ");
  CHECK_INT(m.calls, 1);
  CHECK_INT(s.fills, 3);                                          /* [1, 2, #3], [4, 5 and the end], then 0 at once */
  lw_free(p);
  lw_prog_release(prog);
  CHECK_INT(hs_live(), 0);
}

/* a compiled fold over an iterator of numbers: whole batches (reduce over a generator) */
static void test_compiled_scan_batches (void) {
  lw_Prog *prog = hs_compile("(a, x) => a + x", 0, 3);
  hs_Source s = hs_gen(NULL, NULL, 1000);
  hs_Callback f = hs_cb(NULL, NULL);
  lw_Pipe *p;
  f.f2 = hs_add;
  lw_args()[0] = lw_mknum(0);
  lw_use_prog(prog);
  p = lw_pipe(lw_scan(lw_take(hs_node(&s, 0), 2000), hs_callback(&f), 1));   /* take passes the request on */
  CHECK_INT(lw_last(p), LW_OK);
  CHECK_NUM(lw_num(*lw_pipe_res(p)), 499500);
  CHECK_INT(f.calls, 0);
  CHECK(s.fills <= 5);                                            /* not one per value */
  lw_free(p);
  lw_prog_release(prog);
  CHECK_INT(hs_live(), 0);
}

/* an accumulator that is not a number sends every step to JS: reads are exact again */
static void test_scan_js_accumulator (void) {
  lw_Prog *prog = hs_compile("(a, x) => a + x", 0, 3);
  hs_Source s = hs_gen("s", five, 3);
  hs_Callback f = hs_cb("f", NULL);
  lw_Pipe *p;
  f.f2 = hs_add;
  lw_args()[0] = hs_objslot(100);
  lw_use_prog(prog);
  p = lw_pipe(lw_scan(hs_node(&s, 0), hs_callback(&f), 1));
  CHECK_INT(lw_observable(p), 1);
  hs_log_clear();
  CHECK_INT(lw_count(p), LW_OK);
  CHECK_STR(hs_log(), "s.next f(1) s.next f(2) s.next f(3) s.next ");
  lw_free(p);
  lw_prog_release(prog);
  CHECK_INT(hs_live(), 0);
}

/* a sum straight over an iterator: whole batches, nothing read past a non-number */
static void test_sum_over_iterator (void) {
  hs_Source s = hs_gen(NULL, NULL, 1000);
  lw_Pipe *p = lw_pipe(hs_node(&s, 0));
  CHECK_INT(lw_sum(p), LW_OK);
  CHECK_NUM(lw_num(*lw_pipe_res(p)), 499500);
  CHECK(s.fills <= 5);
  lw_free(p);
  s = hs_gen(NULL, five, 5);
  s.object_mask = 1u << 1;
  p = lw_pipe(hs_node(&s, 0));
  CHECK_INT(lw_sum(p), LW_ETYPE);
  lw_release(*lw_pipe_res(p));
  CHECK_INT(lw_close(p, 1), LW_OK);
  lw_free(p);
  CHECK_INT(s.nexts, 2);
  CHECK_INT(hs_live(), 0);
}

int main (void) {
  test_compiled_over_iterator();
  test_compiled_scan_batches();
  test_scan_js_accumulator();
  test_sum_over_iterator();
  return hs_finish();
}
