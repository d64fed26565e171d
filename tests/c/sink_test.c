/*
** sink_test.c
** Terminal operations (sink.c): sum, count, min, max, last, nth, includes,
** collect. Results, counts, how much they read, closing, LW_ETYPE.
*/
#include <math.h>

#include "host_stub.h"

static const double ten[10] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 };

static lw_Pipe *over (hs_Source *s, const double *vals, int n, int objects) {
  *s = hs_gen("s", vals, n);
  s->objects = objects;
  return lw_pipe(hs_node(s, 0));
}

static double res (lw_Pipe *p) { return lw_num(*lw_pipe_res(p)); }

static void test_sum (void) {
  double tenths[3] = { 0.1, 0.2, 0.3 }, big[3] = { 1e308, 1e308, -1e308 };
  double infs[2] = { INFINITY, -INFINITY }, zeros[2] = { -0.0, -0.0 };
  hs_Source s;
  lw_Pipe *p = over(&s, tenths, 3, 0);
  CHECK_INT(lw_sum(p), LW_OK);
  CHECK_NUM(res(p), (0 + 0.1) + 0.2 + 0.3);                       /* left to right from 0: 0.6000000000000001 */
  CHECK_NUM(lw_pipe_count(p), 3);
  lw_free(p);
  p = over(&s, big, 3, 0);
  CHECK_INT(lw_sum(p), LW_OK);
  CHECK_NUM(res(p), INFINITY);                                    /* (1e308 + 1e308) overflows first */
  lw_free(p);
  p = over(&s, infs, 2, 0);
  CHECK_INT(lw_sum(p), LW_OK);
  CHECK(*lw_pipe_res(p) == LW_CANON_NAN);                         /* NaN, canonical */
  lw_free(p);
  p = over(&s, zeros, 2, 0);
  CHECK_INT(lw_sum(p), LW_OK);
  CHECK_NUM(res(p), 0);                                           /* 0 + -0 is +0 */
  lw_free(p);
  p = lw_pipe(lw_empty());
  CHECK_INT(lw_sum(p), LW_OK);
  CHECK_NUM(res(p), 0);
  CHECK_NUM(lw_pipe_count(p), 0);
  lw_free(p);
  p = lw_pipe(lw_range(0, 1e6, 1, 1));
  CHECK_INT(lw_sum(p), LW_OK);
  CHECK_NUM(res(p), 499999500000.0);
  CHECK_NUM(lw_pipe_count(p), 1e6);
  lw_free(p);

  /* a value that is not a number: LW_ETYPE with that value; the rest of the batch let go */
  {
    hs_Source a = hs_arr(ten, 2), b;
    lw_Node *in[2];
    b = hs_arr(ten, 5);
    b.objects = 1;
    in[0] = hs_node(&a, 1);
    in[1] = hs_node(&b, 0);
    p = lw_pipe(lw_concat(in, 2));
    CHECK_INT(lw_sum(p), LW_ETYPE);   /* first batch: 0 1, then #0 … */
    CHECK_STR(hs_fmt(*lw_pipe_res(p)), "#0");
    CHECK_INT(hs_live(), 1 + 2);                                  /* it, and the adapters */
    lw_release(*lw_pipe_res(p));
    CHECK_INT(lw_close(p, 1), LW_OK);
    lw_free(p);
    CHECK_INT(hs_live(), 0);
  }

  /* an error of the source */
  s = hs_gen("s", ten, 10);
  s.fail_at = 4;
  p = lw_pipe(hs_node(&s, 0));
  CHECK_INT(lw_sum(p), LW_EHOST);
  lw_free(p);
}

/* The sum of a compiled map of 'src' over n numbers: 'want', through the fused path or not ('fused'), no JS. */
static void sum_of_map (const char *src, const double *vals, int n, int fused, double want) {
  lw_Prog *prog = lw_compile(src, (double)strlen(src), 0, 2);
  hs_Callback c = hs_cb("f", NULL);
  hs_Source s = hs_arr(vals, n);
  lw_Node *m;
  lw_Pipe *p;
  lw_use_prog(prog);
  m = lw_map(hs_node(&s, 1), hs_callback(&c));
  CHECK_INT(m->addto != NULL, fused);
  p = lw_pipe(m);
  CHECK_INT(lw_sum(p), LW_OK);
  CHECK_NUM(res(p), want);
  CHECK_NUM(lw_pipe_count(p), n);
  CHECK_INT(c.calls, 0);
  lw_free(p);
  lw_prog_release(prog);
}

/*
** A sum over a compiled map of one operation adds each result as it computes
** it (lwN_addto): the same sum, in the same order, as a map and then a sum.
** The values make the order matter (1e16 + 1 is 1e16).
*/
static void test_sum_of_map (void) {
  static double vals[600];
  const char *rows = "([a, b]) => a * b";
  double want1 = 0, want2 = 0, want3 = 0;
  hs_Callback c = hs_cb("f", NULL);
  hs_Source s, t, objs = hs_arr(ten, 10);
  lw_Node *in[3], *m;
  lw_Prog *prog;
  lw_Pipe *p;
  int i;
  for (i = 0; i < 600; i++) {
    vals[i] = i % 3 == 0 ? 1e16 : i % 3 == 1 ? 1 : -1e16 + 0.25 * i;
    want1 += vals[i] * 3;
    want3 += vals[i] * 3 + 1;
    if (i < 10) want2 += vals[i] * i;
  }
  /* one operation on the value and a constant, over numbers: added as computed; two: a run, then the sum */
  sum_of_map("x => x * 3", vals, 600, 1, want1);
  sum_of_map("x => x * 3 + 1", vals, 600, 0, want3);
  /* over zip's rows, from the columns; a third input's objects are let go */
  prog = lw_compile_rows(rows, (double)strlen(rows), 2, 2);
  s = hs_arr(vals, 600);
  t = hs_arr(ten, 10);
  objs.objects = 1;
  in[0] = hs_node(&s, 1); in[1] = hs_node(&t, 1); in[2] = hs_node(&objs, 0);
  lw_use_prog(prog);
  m = lw_map(lw_zip(in, 3), hs_callback(&c));
  CHECK(m->addto != NULL);
  p = lw_pipe(m);
  CHECK_INT(lw_sum(p), LW_OK);
  CHECK_NUM(res(p), want2);
  CHECK_NUM(lw_pipe_count(p), 10);
  lw_free(p);
  lw_prog_release(prog);
  CHECK_INT(c.calls, 0);
  CHECK_INT(hs_live(), 0);
}

static void test_count (void) {
  hs_Source s;
  lw_Pipe *p = lw_pipe(lw_range(0, 12345, 1, 1));
  CHECK_INT(lw_count(p), LW_OK);
  CHECK_NUM(lw_pipe_count(p), 12345);
  lw_free(p);
  p = over(&s, ten, 5, 1);
  CHECK_INT(lw_count(p), LW_OK);
  CHECK_NUM(lw_pipe_count(p), 5);
  CHECK_INT(s.nexts, 6);
  CHECK_INT(s.closes, 0);
  lw_free(p);
  CHECK_INT(hs_live(), 0);                                        /* counted objects are let go */
  s = hs_gen("s", ten, 10);
  s.fail_at = 3;
  s.objects = 1;
  p = lw_pipe(hs_node(&s, 0));
  CHECK_INT(lw_count(p), LW_EHOST);
  lw_free(p);
  CHECK_INT(hs_live(), 0);
}

static void test_minmax (void) {
  double a[3] = { 3, -0.0, 0 }, b[3] = { 0, -0.0, 5 }, c[4] = { 1, NAN, -INFINITY, 2 };
  double d[2] = { -INFINITY, INFINITY };
  hs_Source s;
  lw_Pipe *p = over(&s, a, 3, 0);
  CHECK_INT(lw_min(p), LW_OK);
  CHECK_NUM(res(p), -0.0);                                        /* Math.min(3, -0, 0) is -0 */
  CHECK_NUM(lw_pipe_count(p), 3);
  lw_free(p);
  p = over(&s, a + 1, 2, 0);
  CHECK_INT(lw_max(p), LW_OK);
  CHECK_NUM(res(p), 0);                                           /* Math.max(-0, 0) is +0 */
  lw_free(p);
  p = over(&s, b, 2, 0);
  CHECK_INT(lw_min(p), LW_OK);
  CHECK_NUM(res(p), -0.0);                                        /* Math.min(0, -0) is -0 */
  lw_free(p);
  p = over(&s, b + 1, 1, 0);
  CHECK_INT(lw_max(p), LW_OK);
  CHECK_NUM(res(p), -0.0);                                        /* Math.max(-0) is -0 */
  lw_free(p);
  p = over(&s, b, 3, 0);
  CHECK_INT(lw_max(p), LW_OK);
  CHECK_NUM(res(p), 5);
  lw_free(p);
  p = over(&s, c, 4, 0);
  CHECK_INT(lw_max(p), LW_OK);
  CHECK(*lw_pipe_res(p) == LW_CANON_NAN);                         /* NaN wins, even over what follows */
  CHECK_NUM(lw_pipe_count(p), 4);
  lw_free(p);
  p = over(&s, c, 4, 0);
  CHECK_INT(lw_min(p), LW_OK);
  CHECK(*lw_pipe_res(p) == LW_CANON_NAN);
  lw_free(p);
  p = over(&s, d, 2, 0);
  CHECK_INT(lw_min(p), LW_OK);
  CHECK_NUM(res(p), -INFINITY);
  lw_free(p);
  p = over(&s, d, 2, 0);
  CHECK_INT(lw_max(p), LW_OK);
  CHECK_NUM(res(p), INFINITY);
  lw_free(p);
  p = lw_pipe(lw_empty());                                        /* Math.min() and Math.max() */
  CHECK_INT(lw_min(p), LW_OK);
  CHECK_NUM(res(p), INFINITY);
  CHECK_NUM(lw_pipe_count(p), 0);
  CHECK_INT(lw_max(p), LW_OK);
  CHECK_NUM(res(p), -INFINITY);
  lw_free(p);
  p = lw_pipe(lw_range(-500, 500, 0.5, 1));
  CHECK_INT(lw_min(p), LW_OK);
  CHECK_NUM(res(p), -500);
  lw_free(p);
  p = lw_pipe(lw_range(-500, 500, 0.5, 1));
  CHECK_INT(lw_max(p), LW_OK);
  CHECK_NUM(res(p), 499.5);
  CHECK_NUM(lw_pipe_count(p), 2000);
  lw_free(p);
  /* not numbers */
  p = over(&s, ten, 3, 1);
  CHECK_INT(lw_max(p), LW_ETYPE);
  CHECK_STR(hs_fmt(*lw_pipe_res(p)), "#0");
  lw_release(*lw_pipe_res(p));
  lw_free(p);
  CHECK_INT(hs_live(), 0);
}

static void test_last (void) {
  hs_Source s;
  lw_Pipe *p = over(&s, ten, 6, 1);
  CHECK_INT(lw_last(p), LW_OK);
  CHECK_NUM(lw_pipe_count(p), 6);
  CHECK_STR(hs_fmt(*lw_pipe_res(p)), "#5");
  CHECK_INT(hs_live(), 2);                                        /* it and the adapter */
  lw_release(*lw_pipe_res(p));
  lw_free(p);
  p = lw_pipe(lw_range(0, 1000, 1, 1));
  CHECK_INT(lw_last(p), LW_OK);
  CHECK_NUM(res(p), 999);
  lw_free(p);
  p = lw_pipe(lw_empty());
  CHECK_INT(lw_last(p), LW_OK);
  CHECK_NUM(lw_pipe_count(p), 0);
  lw_free(p);
  /* a limit before the error: fine */
  s = hs_gen("s", ten, 10);
  s.objects = 1;
  s.fail_at = 4;
  p = lw_pipe(lw_take(hs_node(&s, 0), 2));
  CHECK_INT(lw_last(p), LW_OK);
  CHECK_STR(hs_fmt(*lw_pipe_res(p)), "#1");
  lw_release(*lw_pipe_res(p));
  lw_free(p);
  /* an error after some values: the one held is let go */
  s = hs_gen("s", ten, 10);
  s.objects = 1;
  s.fail_at = 4;
  p = lw_pipe(lw_slice(hs_node(&s, 0), 0, INFINITY, 1));          /* one value per pull */
  CHECK_INT(lw_last(p), LW_EHOST);
  lw_free(p);
  CHECK_INT(hs_live(), 0);
}

static void test_nth (void) {
  hs_Source s;
  lw_Pipe *p = over(&s, ten, 6, 1);
  CHECK_INT(lw_nth(p, 2), LW_OK);
  CHECK_NUM(lw_pipe_count(p), 1);
  CHECK_STR(hs_fmt(*lw_pipe_res(p)), "#2");
  CHECK_INT(s.nexts, 3);                                          /* read what it needs */
  CHECK_INT(s.closes, 1);                                         /* then closed */
  lw_release(*lw_pipe_res(p));
  lw_free(p);
  p = over(&s, ten, 6, 0);
  CHECK_INT(lw_nth(p, 0), LW_OK);
  CHECK_NUM(res(p), 0);
  CHECK_INT(s.nexts, 1);
  lw_free(p);
  p = over(&s, ten, 6, 1);
  CHECK_INT(lw_nth(p, 10), LW_OK);                                /* past the end */
  CHECK_NUM(lw_pipe_count(p), 0);
  CHECK_INT(s.closes, 0);
  lw_free(p);
  CHECK_INT(hs_live(), 0);
  p = lw_pipe(lw_range(0, 1000, 1, 1));
  CHECK_INT(lw_nth(p, 700), LW_OK);                               /* across batches */
  CHECK_NUM(res(p), 700);
  lw_free(p);
  /* the close after the value throws: the value is let go */
  s = hs_gen("s", ten, 10);
  s.objects = 1;
  s.close_fails = 1;
  p = lw_pipe(hs_node(&s, 0));
  CHECK_INT(lw_nth(p, 1), LW_EHOST);
  lw_free(p);
  CHECK_INT(hs_live(), 0);
  /* an error while skipping */
  s = hs_gen("s", ten, 10);
  s.fail_at = 2;
  p = lw_pipe(hs_node(&s, 0));
  CHECK_INT(lw_nth(p, 5), LW_EHOST);
  CHECK_NUM(lw_pipe_count(p), 0);
  lw_free(p);
}

static void test_includes (void) {
  double vals[5] = { 3, -0.0, NAN, 7, 9 };
  hs_Source s;
  lw_Pipe *p = over(&s, vals, 5, 0);
  *lw_pipe_res(p) = lw_mknum(0);                                  /* SameValueZero: -0 matches 0 */
  CHECK_INT(lw_includes(p), LW_OK);
  CHECK_NUM(lw_pipe_count(p), 1);
  CHECK_INT(s.nexts, 2);                                          /* observable: nothing past the match */
  CHECK_INT(s.closes, 1);
  lw_free(p);
  p = over(&s, vals, 5, 0);
  *lw_pipe_res(p) = LW_CANON_NAN;                                 /* NaN matches NaN */
  CHECK_INT(lw_includes(p), LW_OK);
  CHECK_NUM(lw_pipe_count(p), 1);
  lw_free(p);
  p = over(&s, vals, 5, 0);
  *lw_pipe_res(p) = lw_mknum(8);
  CHECK_INT(lw_includes(p), LW_OK);
  CHECK_NUM(lw_pipe_count(p), 0);
  CHECK_INT(s.nexts, 6);
  CHECK_INT(s.closes, 0);
  lw_free(p);
  /* objects, compared by value; the searched value is borrowed */
  {
    uint32_t h = hs_obj(7);
    p = over(&s, vals, 5, 1);
    *lw_pipe_res(p) = lw_mkhandle(h);
    CHECK_INT(lw_includes(p), LW_OK);
    CHECK_NUM(lw_pipe_count(p), 1);
    CHECK_INT(s.nexts, 4);
    CHECK_INT(hs_refs(h), 1);
    lw_free(p);
    lw_host_release(h);
    CHECK_INT(hs_live(), 0);
  }
  /* unobservable: batches */
  p = lw_pipe(lw_range(0, 1000, 1, 1));
  *lw_pipe_res(p) = lw_mknum(999);
  CHECK_INT(lw_includes(p), LW_OK);
  CHECK_NUM(lw_pipe_count(p), 1);
  lw_free(p);
  /* errors */
  s = hs_gen("s", vals, 5);
  s.fail_at = 2;
  p = lw_pipe(hs_node(&s, 0));
  *lw_pipe_res(p) = lw_mknum(9);
  CHECK_INT(lw_includes(p), LW_EHOST);
  lw_free(p);
  s = hs_gen("s", vals, 5);
  s.close_fails = 1;
  p = lw_pipe(hs_node(&s, 0));
  *lw_pipe_res(p) = lw_mknum(3);
  CHECK_INT(lw_includes(p), LW_EHOST);
  lw_free(p);
}

static void test_collect (void) {
  double vals[5] = { 1, -0.0, NAN, INFINITY, 2.5 };
  hs_Source s;
  lw_Pipe *p = lw_pipe(lw_range(0, 3000, 1, 1));
  double *d;
  CHECK_INT(lw_collect(p), LW_OK);
  CHECK_NUM(lw_pipe_count(p), 3000);
  CHECK_NUM(lw_pipe_data(p)[2999], 2999);
  CHECK_NUM(lw_pipe_data(p)[1024], 1024);
  lw_free(p);                                                     /* frees the array too */
  p = over(&s, vals, 5, 0);
  CHECK_INT(lw_collect(p), LW_OK);
  d = lw_pipe_data(p);
  CHECK_NUM(lw_pipe_count(p), 5);
  CHECK(hs_samevalue(d[1], -0.0) && d[2] != d[2] && d[3] == INFINITY && d[4] == 2.5);
  lw_free(p);
  p = lw_pipe(lw_empty());
  CHECK_INT(lw_collect(p), LW_OK);
  CHECK_NUM(lw_pipe_count(p), 0);
  lw_free(p);
  /* not numbers */
  {
    hs_Source a = hs_arr(NULL, 2000), b;   /* 0, 1, … 1999: more than the first array's room */
    lw_Node *in[2];
    b = hs_arr(ten, 3);
    b.objects = 1;
    in[0] = hs_node(&a, 0);
    in[1] = hs_node(&b, 0);
    p = lw_pipe(lw_concat(in, 2));
    CHECK_INT(lw_collect(p), LW_ETYPE);
    CHECK_STR(hs_fmt(*lw_pipe_res(p)), "#0");
    lw_release(*lw_pipe_res(p));
    lw_free(p);
    CHECK_INT(hs_live(), 0);
  }
  /* an error after some batches: nothing kept */
  s = hs_gen("s", NULL, 5000);
  s.fail_at = 3000;
  p = lw_pipe(lw_host(hs_source(&s), 0, 0));
  CHECK_INT(lw_collect(p), LW_EHOST);
  lw_free(p);
}

/*
** The numbers-only sinks stop at the first value that is not a number, and
** the wrapper then closes the pipeline. The reference (tests/reference.js
** refSum: a for-of that throws there) asks an iterator for exactly the values
** up to that one; reading a whole batch ahead calls next() past it.
*/
static void test_not_a_number_exact (void) {
  static const double five[5] = { 1, 2, 3, 4, 5 };
  int (*sink[4]) (lw_Pipe *) = { lw_sum, lw_min, lw_max, lw_collect };
  int i;
  for (i = 0; i < 4; i++) {
    hs_Source s = hs_gen("s", five, 5);
    lw_Pipe *p;
    s.object_mask = 1u << 2;                                      /* 1, 2, #3, 4, 5 */
    p = lw_pipe(hs_node(&s, 0));
    CHECK_INT(sink[i](p), LW_ETYPE);
    CHECK_STR(hs_fmt(*lw_pipe_res(p)), "#3");
    lw_release(*lw_pipe_res(p));
    CHECK_INT(lw_close(p, 1), LW_OK);
    lw_free(p);
    CHECK_INT(s.nexts, 3);                                        /* next() up to the offending value only */
    CHECK_INT(s.closes, 1);                                       /* then return() */
  }
}

/*
** After a map or filter that calls JS, the numbers-only sinks still read whole
** batches: the stage ends its batch at its first non-number, so the callback
** is not called for any value past it (TC39's reduce would stop there).
*/
static void test_not_a_number_batched (void) {
  static const double five[5] = { 1, 2, 3, 4, 5 };
  int (*sink[4]) (lw_Pipe *) = { lw_sum, lw_min, lw_max, lw_collect };
  int i;
  for (i = 0; i < 4; i++) {
    hs_Source s = hs_arr(five, 5);
    hs_Callback m = hs_cb(NULL, hs_identity), f = hs_cb(NULL, hs_yes);
    lw_Pipe *p;
    s.object_mask = 1u << 2;                                      /* 1, 2, #3, 4, 5 */
    p = lw_pipe(lw_map(hs_node(&s, 0), hs_callback(&m)));
    CHECK_INT(sink[i](p), LW_ETYPE);
    CHECK_STR(hs_fmt(*lw_pipe_res(p)), "#3");
    lw_release(*lw_pipe_res(p));
    CHECK_INT(lw_close(p, 1), LW_OK);
    lw_free(p);
    CHECK_INT(m.calls, 3);                                        /* up to the offending value only */
    CHECK_INT(m.host_calls, 1);                                   /* in one batch */

    s = hs_arr(five, 5);
    s.object_mask = 1u << 2;
    p = lw_pipe(lw_filter(hs_node(&s, 0), hs_callback(&f)));
    CHECK_INT(sink[i](p), LW_ETYPE);
    CHECK_STR(hs_fmt(*lw_pipe_res(p)), "#3");
    lw_release(*lw_pipe_res(p));
    CHECK_INT(lw_close(p, 1), LW_OK);
    lw_free(p);
    CHECK_INT(f.calls, 3);
    CHECK_INT(f.host_calls, 1);
  }
  CHECK_INT(hs_live(), 0);
}

int main (void) {
  test_sum();
  test_sum_of_map();
  test_count();
  test_minmax();
  test_last();
  test_nth();
  test_includes();
  test_collect();
  test_not_a_number_exact();
  test_not_a_number_batched();
  return hs_finish();
}
