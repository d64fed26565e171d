/*
** JS map and filter stages fused into chains (chain.c): the calls interleave
** value by value as TC39's do, while the source is read in whole batches.
*/
#include "host_stub.h"

static const double ten[10] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 };

/* map, filter, map over an array: one chain node, TC39's order, one host call per batch */
static void test_fused_order (void) {
  hs_Source s = hs_arr(ten, 4);
  hs_Callback f = hs_cb("f", hs_square), g = hs_cb("g", hs_is_even), h = hs_cb("h", hs_add_index);
  lw_Node *a = lw_map(hs_node(&s, 1), hs_callback(&f));
  lw_Node *b = lw_filter(a, hs_callback(&g));
  lw_Node *c = lw_map(b, hs_callback(&h));
  lw_Pipe *p;
  CHECK(a == b && b == c);                                        /* one node */
  CHECK_INT(c->observable, 1);
  CHECK_INT(c->numeric, 0);                                       /* JS results may be anything */
  p = lw_pipe(c);
  hs_log_clear();
  CHECK_STR(hs_drain(p, LW_BATCH), "0 5");                        /* 0*0+0, 2*2+1 */
  CHECK_STR(hs_log(), "f(0) g(0) h(0) f(1) g(1) f(2) g(4) h(4) f(3) g(9) ");
  CHECK_INT(f.host_calls, 1);
  CHECK_INT(f.max_n, 4);
  CHECK_INT(h.idx[0], 0);                                         /* each stage counts its own inputs */
  CHECK_INT(h.idx[1], 1);
  lw_free(p);
  CHECK_INT(hs_live(), 0);
}

/* a JS scan is a stage of the chain: map, scan (no initial value), filter in one node and one host call */
static void test_scan_stage (void) {
  hs_Source s = hs_arr(ten, 5);
  hs_Callback f = hs_cb("f", hs_square), g = hs_cb("g", NULL), h = hs_cb("h", hs_is_even);
  lw_Node *a = lw_map(hs_node(&s, 1), hs_callback(&f)), *b, *c;
  lw_Pipe *p;
  g.f2 = hs_add;
  b = lw_scan(a, hs_callback(&g), 0);
  c = lw_filter(b, hs_callback(&h));
  CHECK(a == b && b == c);
  CHECK_INT(c->numeric, 0);
  p = lw_pipe(c);
  hs_log_clear();
  CHECK_STR(hs_drain(p, LW_BATCH), "0 14 30");                    /* 0, 0+1, 1+4, 5+9, 14+16: the even ones */
  CHECK_STR(hs_log(), "f(0) h(0) f(1) g(1) h(1) f(2) g(4) h(5) f(3) g(9) h(14) f(4) g(16) h(30) ");
  CHECK_INT(g.host_calls, 1);
  CHECK(g.idx[0] == 1 && g.idx[3] == 4);                          /* the first value counted, as TC39 reduce counts */
  CHECK_INT(g.modes[LW_CALL_SCAN], 4);
  lw_free(p);
  CHECK_INT(hs_live(), 0);
}

/* a tail of JS stages over a source that runs no user code: the wrapper may read that source and run them */
static void test_tail (void) {
  hs_Source a = hs_arr(ten, 5), g = hs_gen("g", ten, 5);
  hs_Callback f = hs_cb(NULL, hs_square);
  lw_Pipe *p = lw_pipe(lw_map(hs_node(&a, 1), hs_callback(&f)));
  lw_Stages *st = lw_tail(p);
  CHECK(st != NULL);
  CHECK_INT(st->n, 1);
  CHECK_INT(lw_pull_tail(p, 3), 3);                               /* the source's values, not run */
  CHECK_STR(hs_fmt(lw_pipe_buf(p)[2]), "2");
  CHECK_INT(f.calls, 0);
  CHECK_INT(lw_tail_iterator(p), 0);
  lw_free(p);
  /* over an iterator (a take folded in): the wrapper reads it itself, within the limit */
  p = lw_pipe(lw_map(lw_take(hs_node(&g, 0), 3), hs_callback(&f)));
  CHECK(lw_tail(p) != NULL);
  CHECK(lw_tail_iterator(p) != 0);
  CHECK(*lw_tail_left(p) == 3);
  CHECK_INT(lw_pull_tail(p, 3), LW_ESTATE);                       /* never read ahead */
  CHECK_INT(g.nexts, 0);
  *lw_tail_left(p) = 0;                                           /* as if it read 3: the next pull closes it */
  CHECK_STR(hs_pull(p, 1), "");
  CHECK_INT(g.closes, 1);
  lw_free(p);
  g = hs_gen("g", ten, 5);
  p = lw_pipe(lw_take(hs_node(&g, 0), 2));                        /* the iterator alone */
  CHECK(lw_tail(p) == NULL);
  CHECK(lw_tail_iterator(p) != 0);
  lw_free(p);
  p = lw_pipe(lw_map(lw_map(hs_node(&g, 0), hs_callback(&f)), hs_callback(&f)));
  CHECK(lw_tail(p) != NULL);
  lw_free(p);
  p = lw_pipe(lw_range(0, 3, 1, 1));                              /* no chain, no iterator: no */
  CHECK(lw_tail(p) == NULL);
  CHECK_INT(lw_tail_iterator(p), 0);
  CHECK(lw_tail_left(p) == NULL);
  lw_free(p);
  CHECK_INT(hs_live(), 0);
}

/* filters alone keep a numeric source's values numbers */
static void test_numeric_flag (void) {
  hs_Callback g = hs_cb(NULL, hs_yes), f = hs_cb(NULL, hs_identity);
  lw_Node *a = lw_filter(lw_range(0, 3, 1, 1), hs_callback(&g));
  CHECK_INT(a->numeric, 1);
  CHECK_INT(lw_map(a, hs_callback(&f))->numeric, 0);
  lwN_free(a);
  CHECK_INT(hs_live(), 0);
}

/* a compiled stage ends a chain; the next JS stage starts another */
static void test_compiled_breaks_chain (void) {
  lw_Prog *prog = hs_compile("x => x + 1", 0, 2);
  hs_Source s = hs_arr(ten, 3);
  hs_Callback f = hs_cb(NULL, hs_identity), unused = hs_cb(NULL, hs_identity), g = hs_cb(NULL, hs_yes);
  lw_Node *a = lw_map(hs_node(&s, 1), hs_callback(&f)), *b, *c;
  lw_Pipe *p;
  lw_use_prog(prog);
  b = lw_map(a, hs_callback(&unused));
  c = lw_filter(b, hs_callback(&g));
  CHECK(a != b && b != c);
  p = lw_pipe(c);
  CHECK_STR(hs_drain(p, LW_BATCH), "1 2 3");
  CHECK_INT(unused.calls, 0);
  CHECK_INT(g.host_calls, 3);                                     /* its upstream runs JS: one value at a time */
  lw_free(p);
  lw_prog_release(prog);
  CHECK_INT(hs_live(), 0);
}

/*
** Over an iterator the host reads the values itself, one at a time, so
** next() interleaves with the calls; one host call fills a whole batch.
*/
static void test_observable_source (void) {
  hs_Source s = hs_gen("s", ten, 3);
  hs_Callback f = hs_cb("f", hs_identity), g = hs_cb("g", hs_yes);
  lw_Pipe *p = lw_pipe(lw_filter(lw_map(hs_node(&s, 0), hs_callback(&f)), hs_callback(&g)));
  hs_log_clear();
  CHECK_STR(hs_drain(p, LW_BATCH), "0 1 2");
  CHECK_STR(hs_log(), "s.next f(0) g(0) s.next f(1) g(1) s.next f(2) g(2) s.next ");
  CHECK_INT(s.fillchains, 2);                                     /* 0 1 2 and the end; then the empty pull */
  lw_free(p);
  CHECK_INT(hs_live(), 0);
}

/* a pull of k reads until k values came through the filter, and not one more */
static void test_iterator_exact (void) {
  hs_Source s = hs_gen("s", ten, 10);
  hs_Callback g = hs_cb(NULL, hs_is_even);
  lw_Pipe *p = lw_pipe(lw_filter(hs_node(&s, 0), hs_callback(&g)));
  CHECK_STR(hs_pull(p, 2), "0 2");
  CHECK_INT(s.nexts, 3);
  CHECK_INT(g.calls, 3);
  CHECK_STR(hs_pull(p, 1), "4");
  CHECK_INT(s.nexts, 5);
  CHECK_INT(lw_close(p, 0), LW_OK);
  CHECK_INT(s.closes, 1);
  lw_free(p);
  CHECK_INT(hs_live(), 0);
}

/* over take(5) of an iterator: the host reads no more than 5, then closes it at the next pull */
static void test_iterator_take (void) {
  hs_Source s = hs_gen("s", ten, 10);
  hs_Callback g = hs_cb(NULL, hs_is_even);
  lw_Pipe *p = lw_pipe(lw_filter(lw_take(hs_node(&s, 0), 5), hs_callback(&g)));
  CHECK_STR(hs_pull(p, LW_BATCH), "0 2 4");
  CHECK_INT(s.nexts, 5);
  CHECK_INT(g.calls, 5);
  CHECK_INT(s.closes, 0);
  CHECK_STR(hs_pull(p, LW_BATCH), "");
  CHECK_INT(s.nexts, 5);
  CHECK_INT(s.closes, 1);
  CHECK_INT(s.abrupt, 0);
  CHECK_INT(s.fillchains, 1);                                     /* the second pull met the limit in C */
  lw_free(p);
  /* nothing kept within the limit: that same pull is the one after the last, and closes */
  s = hs_gen("s", ten, 10);
  g = hs_cb(NULL, hs_no);
  p = lw_pipe(lw_filter(lw_take(hs_node(&s, 0), 2), hs_callback(&g)));
  CHECK_STR(hs_pull(p, 1), "");
  CHECK_INT(s.nexts, 2);
  CHECK_INT(s.closes, 1);
  lw_free(p);
  CHECK_INT(hs_live(), 0);
}

/*
** A batch over an iterator of objects (handles to leak) where next() number
** 'next_fails' or call number 'call_fails' throws: the error comes out, what
** came through is let go, and the iterator is closed ('closes') only when a
** callback threw.
*/
static void throws_midbatch (int next_fails, int call_fails, int calls, int nexts, int closes) {
  hs_Source s = hs_gen("s", ten, 10);
  hs_Callback f = hs_cb(NULL, hs_identity);
  lw_Pipe *p;
  s.object_mask = 0x3FF;
  s.fail_at = next_fails;
  f.fail_at = call_fails;
  p = lw_pipe(lw_map(hs_node(&s, 0), hs_callback(&f)));
  CHECK_STR(hs_pull(p, LW_BATCH), "!-1");
  CHECK_INT(f.calls, calls);
  CHECK_INT(s.nexts, nexts);
  CHECK_INT(lw_close(p, 1), LW_OK);
  CHECK_INT(s.closes, closes);
  CHECK_INT(s.abrupt, closes);
  lw_free(p);
  CHECK_INT(hs_live(), 0);
}

static void test_iterator_throws (void) {
  throws_midbatch(4, 0, 3, 4, 0);   /* next() throws: not closed */
  throws_midbatch(0, 3, 3, 3, 1);   /* the callback throws: closed, abruptly */
}

/* a consumer that stops at a change of type: the batch ends there, and nothing past it is read */
static void test_iterator_typed (void) {
  hs_Source s = hs_gen("s", ten, 6);
  hs_Callback f = hs_cb(NULL, hs_identity);
  lw_Node *c;
  lw_Pipe *p;
  s.object_mask = (1u << 2) | (1u << 3);
  c = lw_map(hs_node(&s, 0), hs_callback(&f));
  c->stop = LW_STOP_CHANGE;
  p = lw_pipe(c);
  CHECK_STR(hs_pull(p, LW_BATCH), "0 1 #2");
  CHECK_INT(s.nexts, 3);
  CHECK_STR(hs_pull(p, LW_BATCH), "#3 4");
  CHECK_INT(s.nexts, 5);
  CHECK_STR(hs_pull(p, LW_BATCH), "5");
  CHECK_STR(hs_pull(p, LW_BATCH), "");
  lw_free(p);
  CHECK_INT(hs_live(), 0);
}

/* a throwing callback: every slot let go, the error comes out, nothing leaks */
static void test_throws (void) {
  hs_Source s = hs_arr(ten, 6);
  hs_Callback f = hs_cb(NULL, hs_identity), g = hs_cb(NULL, hs_yes);
  lw_Pipe *p;
  s.object_mask = 0x3F;                                           /* all objects: handles to leak */
  g.fail_at = 3;
  p = lw_pipe(lw_filter(lw_map(hs_node(&s, 0), hs_callback(&f)), hs_callback(&g)));
  CHECK_STR(hs_drain(p, LW_BATCH), "!-1");
  CHECK_INT(f.calls, 3);
  CHECK_INT(lw_close(p, 1), LW_OK);
  lw_free(p);
  CHECK_INT(hs_live(), 0);
}

/* a numbers-only sink: the chain stops its batch after the first non-number that comes through */
static void test_numbers_only (void) {
  hs_Source s = hs_arr(ten, 6);
  hs_Callback f = hs_cb(NULL, hs_identity), g = hs_cb(NULL, hs_yes);
  lw_Pipe *p;
  s.object_mask = 1u << 2;
  p = lw_pipe(lw_filter(lw_map(hs_node(&s, 0), hs_callback(&f)), hs_callback(&g)));
  CHECK_INT(lw_sum(p), LW_ETYPE);
  CHECK_STR(hs_fmt(*lw_pipe_res(p)), "#2");
  lw_release(*lw_pipe_res(p));
  CHECK_INT(lw_close(p, 1), LW_OK);
  lw_free(p);
  CHECK_INT(f.calls, 3);
  CHECK_INT(g.calls, 3);
  CHECK_INT(f.host_calls, 1);
  CHECK_INT(hs_live(), 0);
}

/* a consumer that goes on after a change of type (BigInt sums do) loses nothing: the rest waits */
static void test_numbers_only_keeps_the_rest (void) {
  hs_Source s = hs_arr(ten, 7);
  hs_Callback f = hs_cb(NULL, hs_identity);
  lw_Node *c;
  lw_Pipe *p;
  s.object_mask = (1u << 1) | (1u << 4) | (1u << 5);
  c = lw_map(hs_node(&s, 0), hs_callback(&f));
  c->stop = LW_STOP_CHANGE;
  p = lw_pipe(c);
  CHECK_STR(hs_pull(p, LW_BATCH), "0 #1");                       /* a batch ends at each change of type */
  CHECK_STR(hs_pull(p, LW_BATCH), "2");
  CHECK_STR(hs_pull(p, LW_BATCH), "3 #4");
  CHECK_STR(hs_pull(p, 1), "#5");
  CHECK_STR(hs_pull(p, LW_BATCH), "6");
  CHECK_STR(hs_pull(p, LW_BATCH), "");
  CHECK_INT(f.calls, 7);
  lw_free(p);
  /* closed with values waiting: they are let go */
  s = hs_arr(ten, 7);
  s.object_mask = 0x7F;
  c = lw_map(hs_node(&s, 0), hs_callback(&f));
  c->stop = LW_STOP_CHANGE;
  p = lw_pipe(c);
  CHECK_STR(hs_pull(p, LW_BATCH), "#0");
  CHECK_INT(lw_close(p, 0), LW_OK);
  lw_free(p);
  CHECK_INT(hs_live(), 0);
}

int main (void) {
  test_tail();
  test_scan_stage();
  test_iterator_exact();
  test_iterator_take();
  test_iterator_throws();
  test_iterator_typed();
  test_fused_order();
  test_numeric_flag();
  test_compiled_breaks_chain();
  test_observable_source();
  test_throws();
  test_numbers_only();
  test_numbers_only_keeps_the_rest();
  return hs_finish();
}
