/*
** group_test.c
** compress, zipLongest, roundrobin and batched (group.c).
*/
#include "host_stub.h"

static const double vals[6] = { 1, 2, 3, 4, 5, 6 };
static const double sels[6] = { 1, 0, 1, 0, 1, 1 };

static void test_compress (void) {
  hs_Callback truth = hs_cb(NULL, hs_identity);
  hs_Source d = hs_gen("d", vals, 6), s = hs_gen("s", sels, 4);
  lw_Pipe *p;
  hs_log_clear();
  p = lw_pipe(lw_compress(hs_node(&d, 0), hs_node(&s, 0), hs_callback(&truth), 0));
  CHECK_STR(hs_drain(p, LW_BATCH), "1 3");
  /* zip's order: a value, then its selector; the selectors end first, so the data is closed */
  CHECK_STR(hs_log(), "d.next s.next d.next s.next d.next s.next d.next s.next d.next s.next d.return ");
  lw_free(p);
  CHECK_INT(truth.released, 1);

  /* inverted, in batches over arrays; selectors that are objects go to the host's ToBoolean */
  truth = hs_cb(NULL, hs_identity);
  d = hs_arr(vals, 6);
  s = hs_arr(sels, 6);
  s.objects = 1;
  p = lw_pipe(lw_compress(hs_node(&d, 1), hs_node(&s, 0), hs_callback(&truth), 1));
  CHECK_INT(lw_observable(p), 0);
  CHECK_STR(hs_drain(p, LW_BATCH), "2 4");
  CHECK_INT(truth.calls, 6);
  lw_free(p);

  /* data shorter: the selectors are closed; an error in ToBoolean lets everything go */
  truth = hs_cb(NULL, hs_identity);
  d = hs_gen("d", vals, 2);
  s = hs_gen("s", sels, 6);
  p = lw_pipe(lw_compress(hs_node(&d, 0), hs_node(&s, 0), hs_callback(&truth), 0));
  CHECK_STR(hs_drain(p, LW_BATCH), "1");
  CHECK_INT(s.nexts, 2);
  CHECK_INT(s.closes, 1);
  lw_free(p);
  truth = hs_cb(NULL, hs_identity);
  truth.fail_at = 2;
  d = hs_arr(vals, 6);
  d.objects = 1;
  s = hs_arr(sels, 6);
  s.objects = 1;
  p = lw_pipe(lw_compress(hs_node(&d, 0), hs_node(&s, 0), hs_callback(&truth), 0));
  CHECK_STR(hs_drain(p, LW_BATCH), "!-1");
  lw_free(p);
  CHECK_INT(hs_live(), 0);
}

static void test_ziplongest (void) {
  lw_Node *in[3];
  lw_Pipe *p;
  hs_Source a = hs_gen("a", vals, 3), b = hs_gen("b", vals, 1);
  in[0] = hs_node(&a, 0); in[1] = hs_node(&b, 0);
  hs_log_clear();
  p = lw_pipe(lwX_ziplongest(in, 2, lw_mknum(-1)));
  CHECK_STR(hs_drain(p, LW_BATCH), "[1,1] [2,-1] [3,-1]");
  CHECK_STR(hs_log(), "a.next b.next a.next b.next a.next a.next ");   /* an ended input is not asked again */
  lw_free(p);
  in[0] = lw_range(0, 300, 1, 1); in[1] = lw_range(0, 2, 1, 1); in[2] = lw_empty();
  p = lw_pipe(lwX_ziplongest(in, 3, hs_objslot(7)));
  CHECK_INT(lw_pull(p, LW_BATCH), LW_BATCH);
  CHECK_STR(hs_fmt(lw_pipe_buf(p)[1]), "[1,1,#7]");
  CHECK_STR(hs_fmt(lw_pipe_buf(p)[2]), "[2,#7,#7]");
  hs_release_all(lw_pipe_buf(p), LW_BATCH);
  CHECK_INT(lw_pull(p, LW_BATCH), 300 - LW_BATCH);
  hs_release_all(lw_pipe_buf(p), 300 - LW_BATCH);
  CHECK_INT(lw_pull(p, LW_BATCH), 0);
  lw_free(p);
  CHECK_INT(hs_live(), 0);
  /* no values at all; an error in the second input; closing closes every input */
  in[0] = lw_empty(); in[1] = lw_empty();
  p = lw_pipe(lwX_ziplongest(in, 2, lw_mknum(0)));
  CHECK_STR(hs_drain(p, LW_BATCH), "");
  lw_free(p);
  a = hs_gen("a", vals, 6); a.objects = 1;
  b = hs_gen("b", vals, 6); b.fail_at = 2;
  in[0] = hs_node(&a, 0); in[1] = hs_node(&b, 0);
  p = lw_pipe(lwX_ziplongest(in, 2, lw_mknum(0)));
  CHECK_STR(hs_drain(p, LW_BATCH), "[#1,1] !-1");
  CHECK_INT(lw_close(p, 1), LW_OK);
  CHECK_INT(a.closes, 1);
  CHECK_INT(b.closes, 0);   /* it threw: not closed */
  lw_free(p);
  CHECK_INT(hs_live(), 0);
}

static void test_roundrobin (void) {
  lw_Node *in[3];
  lw_Pipe *p;
  hs_Source a = hs_gen("a", vals, 3), b = hs_gen("b", vals, 1), c = hs_gen("c", vals, 2);
  in[0] = hs_node(&a, 0); in[1] = hs_node(&b, 0); in[2] = hs_node(&c, 0);
  hs_log_clear();
  p = lw_pipe(lw_roundrobin(in, 3));
  /* roundrobin('ABC', 'D', 'EF') → A D E B F C */
  CHECK_STR(hs_drain(p, LW_BATCH), "1 1 1 2 2 3");
  CHECK_STR(hs_log(), "a.next b.next c.next a.next b.next c.next a.next c.next a.next ");
  lw_free(p);
  in[0] = lw_range(0, 3, 1, 1); in[1] = lw_range(10, 11, 1, 1);
  p = lw_pipe(lw_roundrobin(in, 2));
  CHECK_STR(hs_drain(p, 2), "0 10 1 2");
  lw_free(p);
  /* closed part-way: every input still open is closed */
  a = hs_gen("a", vals, 6); b = hs_gen("b", vals, 1); c = hs_gen("c", vals, 6);
  in[0] = hs_node(&a, 0); in[1] = hs_node(&b, 0); in[2] = hs_node(&c, 0);
  p = lw_pipe(lw_roundrobin(in, 3));
  CHECK_STR(hs_pull(p, 4), "1 1 1 2");
  CHECK_INT(lw_close(p, 0), LW_OK);
  CHECK_INT(a.closes + b.closes + c.closes, 3);   /* b has not been seen to end yet */
  lw_free(p);
}

static void test_batched (void) {
  hs_Callback fail = hs_cb(NULL, hs_identity);
  hs_Source s = hs_gen("s", vals, 5);
  lw_Pipe *p = lw_pipe(lw_batched(hs_node(&s, 0), 2, 0));
  CHECK_STR(hs_pull(p, 1), "[1,2]");
  CHECK_INT(s.nexts, 2);
  CHECK_STR(hs_drain(p, LW_BATCH), "[3,4] [5]");
  lw_free(p);
  /* strict: the full batches, then the error when the short one is reached */
  fail.fail_at = 1;
  s = hs_gen("s", vals, 5);
  s.objects = 1;
  p = lw_pipe(lw_batched(hs_node(&s, 0), 2, hs_callback(&fail)));
  CHECK_STR(hs_drain(p, LW_BATCH), "[#1,#2] [#3,#4] !-1");
  CHECK_INT(fail.calls, 1);
  lw_free(p);
  CHECK_INT(fail.released, 1);
  CHECK_INT(hs_live(), 0);
  /* strict and a length that divides: no error */
  fail = hs_cb(NULL, hs_identity);
  fail.fail_at = 1;
  p = lw_pipe(lw_batched(lw_range(0, 4, 1, 1), 2, hs_callback(&fail)));
  CHECK_STR(hs_drain(p, LW_BATCH), "[0,1] [2,3]");
  CHECK_INT(fail.calls, 0);
  lw_free(p);
  p = lw_pipe(lw_batched(lw_empty(), 3, 0));
  CHECK_STR(hs_drain(p, LW_BATCH), "");
  lw_free(p);
}

int main (void) {
  test_compress();
  test_ziplongest();
  test_roundrobin();
  test_batched();
  return hs_finish();
}
