/*
** xform_test.c
** One-input stages (xform.c): the callback stages (map, filter, takeWhile,
** dropWhile, flatMap, scan) and the counting ones (take, drop, slice,
** enumerate). Values, how often sources and callbacks run and in what order,
** closing, failures, and that nothing is left behind.
*/
#include <math.h>

#include "host_stub.h"

static const double ten[10] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 };

static void test_map (void) {
  hs_Callback c = hs_cb(NULL, hs_square);
  hs_Source s;
  lw_Pipe *p;
  int i, ok = 1;

  /* over an unobservable source: one host call per batch, indexes counted across pulls */
  p = lw_pipe(lw_map(lw_range(0, 10, 1, 1), hs_callback(&c)));
  CHECK_INT(lw_observable(p), 1);                                 /* it runs JS */
  CHECK_STR(hs_pull(p, 4), "0 1 4 9");
  CHECK_STR(hs_drain(p, LW_BATCH), "16 25 36 49 64 81");
  CHECK_INT(c.calls, 10);
  CHECK_INT(c.host_calls, 2);
  for (i = 0; i < 10; i++) ok &= c.idx[i] == i;
  CHECK(ok);
  lw_free(p);
  CHECK_INT(c.released, 1);

  /* over an observable source: calls interleaved with next() as TC39 does, no value read ahead */
  c = hs_cb("f", hs_square);
  s = hs_gen("s", ten, 3);
  hs_log_clear();
  p = lw_pipe(lw_map(hs_node(&s, 0), hs_callback(&c)));
  CHECK_STR(hs_pull(p, 1), "0");
  CHECK_INT(s.nexts, 1);
  CHECK_INT(c.calls, 1);
  CHECK_STR(hs_drain(p, LW_BATCH), "1 4");
  CHECK_STR(hs_log(), "s.next f(0) s.next f(1) s.next f(2) s.next ");
  CHECK_INT(c.max_n, 1);
  lw_free(p);

  /* objects in, objects out; the inputs are consumed by the call */
  c = hs_cb(NULL, hs_add_index);
  s = hs_arr(ten, 4);
  s.objects = 1;
  p = lw_pipe(lw_map(hs_node(&s, 0), hs_callback(&c)));
  CHECK_STR(hs_drain(p, LW_BATCH), "#0 #2 #4 #6");
  lw_free(p);
  CHECK_INT(hs_live(), 0);

  /* numbers to booleans (each a new JS value) and to objects */
  c = hs_cb(NULL, hs_is_even);
  c.out = HS_BOOLEAN;
  p = lw_pipe(lw_map(lw_range(0, 3, 1, 1), hs_callback(&c)));
  CHECK_STR(hs_drain(p, LW_BATCH), "true false true");
  lw_free(p);
  c = hs_cb(NULL, hs_square);
  c.out = HS_OBJECT;
  p = lw_pipe(lw_map(lw_range(1, 3, 1, 1), hs_callback(&c)));
  CHECK_STR(hs_drain(p, LW_BATCH), "#1 #4");
  lw_free(p);

  /* -0, infinities and NaN go through JS and back as they are (NaN canonical) */
  {
    double edge[5] = { -0.0, INFINITY, -INFINITY, NAN, 0 };
    c = hs_cb(NULL, hs_identity);
    s = hs_arr(edge, 5);
    p = lw_pipe(lw_map(hs_node(&s, 1), hs_callback(&c)));
    CHECK_INT(lw_pull(p, LW_BATCH), 5);
    CHECK(lw_pipe_buf(p)[0] == 0x8000000000000000ull && lw_pipe_buf(p)[3] == LW_CANON_NAN);
    CHECK_STR(hs_fmt(lw_pipe_buf(p)[1]), "Infinity");
    CHECK_STR(hs_fmt(lw_pipe_buf(p)[2]), "-Infinity");
    lw_free(p);
  }

  /* a throwing callback in a batch of objects: the host lets go of outputs and unread inputs */
  c = hs_cb(NULL, hs_square);
  c.fail_at = 3;
  s = hs_arr(ten, 6);
  s.objects = 1;
  p = lw_pipe(lw_map(hs_node(&s, 0), hs_callback(&c)));
  CHECK_STR(hs_drain(p, LW_BATCH), "!-1");
  CHECK_INT(hs_live(), 3);                                        /* fn, the adapter and the chain's state */
  CHECK_STR(hs_pull(p, 1), "");                                   /* failed: finished */
  lw_free(p);

  /* one at a time over an iterator: the error after two values; the iterator is then closed (abrupt) */
  c = hs_cb(NULL, hs_square);
  c.fail_at = 3;
  s = hs_gen("s", ten, 10);
  p = lw_pipe(lw_map(hs_node(&s, 0), hs_callback(&c)));
  CHECK_STR(hs_drain(p, 1), "0 1 !-1");
  CHECK_INT(s.nexts, 3);
  CHECK_INT(lw_close(p, 1), LW_OK);
  CHECK_INT(s.closes, 1);
  CHECK_INT(s.abrupt, 1);
  lw_free(p);

  /* compiled: numbers never reach JS; the stage is unobservable and numeric */
  {
    lw_Prog *prog = hs_compile("x => x * x", 0, 2);
    c = hs_cb("f", hs_square);
    c.fail_at = 1;
    lw_use_prog(prog);
    p = lw_pipe(lw_map(lw_range(0, 300, 1, 1), hs_callback(&c)));
    CHECK_INT(lw_observable(p), 0);
    CHECK_INT(lw_sum(p), 0);
    CHECK_NUM(lw_num(*lw_pipe_res(p)), 8955050);
    CHECK_INT(c.calls, 0);
    lw_free(p);
    /* a mixed source: numbers in the core, objects through JS, in their places */
    {
      double mixed[4] = { 1, 2, 3, 4 };
      c = hs_cb("f", hs_square);
      s = hs_arr(mixed, 4);
      lw_use_prog(prog);
      p = lw_pipe(lw_map(lw_concat((lw_Node *[]) { hs_node(&s, 1), NULL }, 1), hs_callback(&c)));
      CHECK_INT(lw_observable(p), 0);                             /* numeric input: no JS */
      lw_free(p);
      s = hs_arr(mixed, 4);
      s.objects = 1;
      lw_use_prog(prog);
      hs_log_clear();
      p = lw_pipe(lw_map(hs_node(&s, 0), hs_callback(&c)));
      CHECK_INT(lw_observable(p), 1);                             /* might meet objects */
      CHECK_STR(hs_drain(p, LW_BATCH), "#1 #4 #9 #16");
      CHECK_STR(hs_log(), "f(#1) f(#2) f(#3) f(#4) ");
      CHECK(c.idx[0] == 0 && c.idx[3] == 3);
      lw_free(p);
    }
    lw_prog_release(prog);
  }

  /* compiled with a boolean result: the permanent true and false */
  {
    lw_Prog *prog = hs_compile("x => x > 1", 0, 2);
    c = hs_cb(NULL, hs_square);
    c.fail_at = 1;
    lw_use_prog(prog);
    p = lw_pipe(lw_map(lw_range(0, 4, 1, 1), hs_callback(&c)));
    CHECK_INT(lw_pull(p, LW_BATCH), 4);
    CHECK(lw_pipe_buf(p)[0] == lw_mkhandle(LW_FALSE) && lw_pipe_buf(p)[3] == lw_mkhandle(LW_TRUE));
    CHECK_STR(hs_fmt(lw_pipe_buf(p)[2]), "true");
    hs_release_all(lw_pipe_buf(p), 4);
    CHECK_INT(lw_sum(p), LW_OK);
    lw_free(p);
    lw_use_prog(prog);
    p = lw_pipe(lw_map(lw_range(0, 4, 1, 1), hs_callback(&c)));
    CHECK_INT(lw_sum(p), LW_ETYPE);                               /* booleans are not numbers */
    CHECK(*lw_pipe_res(p) == lw_mkhandle(LW_FALSE));
    lw_free(p);
    lw_prog_release(prog);
  }
}

static void test_filter (void) {
  hs_Callback c = hs_cb(NULL, hs_is_odd);
  hs_Source s;
  lw_Pipe *p;

  p = lw_pipe(lw_filter(lw_range(0, 10, 1, 1), hs_callback(&c)));
  CHECK_STR(hs_drain(p, LW_BATCH), "1 3 5 7 9");
  CHECK_INT(c.calls, 10);
  CHECK(c.idx[9] == 9);
  lw_free(p);

  /*
  ** an unobservable source is read a batch ahead, and the predicate runs
  ** only until as many values as asked for were kept; the rest waits
  */
  c = hs_cb(NULL, hs_lt4);
  p = lw_pipe(lw_filter(lw_range(10, 0, -1, 1), hs_callback(&c)));
  CHECK_STR(hs_pull(p, 2), "3 2");
  CHECK_INT(c.calls, 9);                                          /* 10 down to 2, as two next() calls would */
  CHECK_INT(c.host_calls, 1);
  CHECK_STR(hs_pull(p, 1), "1");
  CHECK_INT(c.calls, 10);
  CHECK_STR(hs_pull(p, 2), "");
  lw_free(p);

  /* observable: in TC39's order, reading only until what was asked for is kept */
  c = hs_cb("p", hs_is_even);
  s = hs_gen("s", ten, 4);
  hs_log_clear();
  p = lw_pipe(lw_filter(hs_node(&s, 0), hs_callback(&c)));
  CHECK_STR(hs_pull(p, 1), "0");
  CHECK_STR(hs_pull(p, 1), "2");
  CHECK_STR(hs_log(), "s.next p(0) s.next p(1) s.next p(2) ");
  CHECK_STR(hs_pull(p, LW_BATCH), "");
  lw_free(p);

  /* objects dropped by the predicate are let go; the predicate borrows */
  c = hs_cb(NULL, hs_is_even);
  s = hs_arr(ten, 10);
  s.objects = 1;
  p = lw_pipe(lw_filter(hs_node(&s, 0), hs_callback(&c)));
  CHECK_STR(hs_drain(p, LW_BATCH), "#0 #2 #4 #6 #8");
  lw_free(p);
  CHECK_INT(hs_live(), 0);

  /* a throwing predicate: the batch is let go by the stage */
  c = hs_cb(NULL, hs_is_even);
  c.fail_at = 4;
  s = hs_arr(ten, 10);
  s.objects = 1;
  p = lw_pipe(lw_filter(hs_node(&s, 0), hs_callback(&c)));
  CHECK_STR(hs_drain(p, LW_BATCH), "!-1");
  lw_free(p);
  CHECK_INT(hs_live(), 0);

  /* compiled predicate over numbers */
  {
    lw_Prog *prog = hs_compile("x => x % 3 === 0", 1, 2);
    c = hs_cb(NULL, hs_yes);
    c.fail_at = 1;
    lw_use_prog(prog);
    p = lw_pipe(lw_filter(lw_range(0, 10, 1, 1), hs_callback(&c)));
    CHECK_INT(lw_observable(p), 0);
    CHECK_STR(hs_drain(p, LW_BATCH), "0 3 6 9");
    lw_free(p);
    lw_prog_release(prog);
  }
}

static void test_takewhile (void) {
  hs_Callback c = hs_cb("p", hs_lt4);
  hs_Source s = hs_gen("s", ten, 10);
  lw_Pipe *p;

  hs_log_clear();
  p = lw_pipe(lw_takewhile(hs_node(&s, 0), hs_callback(&c)));
  CHECK_STR(hs_drain(p, LW_BATCH), "0 1 2 3");
  CHECK_INT(c.calls, 5);                                          /* up to the first falsy, never after */
  CHECK_INT(s.nexts, 5);
  CHECK_INT(s.closes, 1);                                         /* then the source is closed */
  CHECK_INT(s.abrupt, 0);
  CHECK_STR(hs_log(), "s.next p(0) s.next p(1) s.next p(2) s.next p(3) s.next p(4) s.return ");
  CHECK_INT(lw_close(p, 0), LW_OK);
  CHECK_INT(s.closes, 1);
  lw_free(p);

  /* an unobservable source is read in batches, but the predicate still stops at the first falsy */
  c = hs_cb(NULL, hs_lt4);
  p = lw_pipe(lw_takewhile(lw_range(0, 100, 1, 1), hs_callback(&c)));
  CHECK_STR(hs_drain(p, LW_BATCH), "0 1 2 3");
  CHECK_INT(c.calls, 5);
  lw_free(p);

  /* falsy at once: nothing, and the source closed without more reads */
  c = hs_cb(NULL, hs_no);
  s = hs_gen("s", ten, 10);
  p = lw_pipe(lw_takewhile(hs_node(&s, 0), hs_callback(&c)));
  CHECK_STR(hs_drain(p, LW_BATCH), "");
  CHECK_INT(s.nexts, 1);
  CHECK_INT(s.closes, 1);
  lw_free(p);

  /* always truthy: the source ends by itself and is not closed */
  c = hs_cb(NULL, hs_yes);
  s = hs_gen("s", ten, 3);
  p = lw_pipe(lw_takewhile(hs_node(&s, 0), hs_callback(&c)));
  CHECK_STR(hs_drain(p, LW_BATCH), "0 1 2");
  CHECK_INT(s.closes, 0);
  CHECK_INT(c.calls, 3);
  lw_free(p);

  /* objects after the first falsy are let go */
  c = hs_cb(NULL, hs_lt4);
  s = hs_arr(ten, 10);
  s.objects = 1;
  p = lw_pipe(lw_takewhile(hs_node(&s, 0), hs_callback(&c)));
  CHECK_STR(hs_drain(p, LW_BATCH), "#0 #1 #2 #3");
  lw_free(p);
  CHECK_INT(hs_live(), 0);

  /* closing the source throws: the error comes out and the values of the batch are let go */
  c = hs_cb(NULL, hs_lt4);
  s = hs_gen("s", NULL, 1000);                                    /* not finished by the batch */
  s.objects = 1;
  s.close_fails = 1;
  p = lw_pipe(lw_takewhile(lw_host(hs_source(&s), 0, 0), hs_callback(&c)));   /* read in a batch */
  CHECK_STR(hs_drain(p, LW_BATCH), "!-1");
  CHECK_INT(s.closes, 1);
  lw_free(p);
  CHECK_INT(hs_live(), 0);

  /* a throwing predicate: in a batch, as a filter's, the values before it are let go with it */
  c = hs_cb(NULL, hs_lt4);
  c.fail_at = 2;
  s = hs_gen("s", ten, 10);
  p = lw_pipe(lw_takewhile(hs_node(&s, 0), hs_callback(&c)));
  CHECK_STR(hs_pull(p, 1), "0");
  CHECK_STR(hs_drain(p, LW_BATCH), "!-1");
  CHECK_INT(lw_close(p, 1), LW_OK);
  CHECK_INT(s.closes, 1);
  lw_free(p);
}

static void test_dropwhile (void) {
  hs_Callback c = hs_cb(NULL, hs_lt4);
  hs_Source s;
  lw_Pipe *p = lw_pipe(lw_dropwhile(lw_range(0, 10, 1, 1), hs_callback(&c)));
  CHECK_STR(hs_drain(p, LW_BATCH), "4 5 6 7 8 9");
  CHECK_INT(c.calls, 5);                                          /* never called after the first falsy */
  CHECK(c.idx[4] == 4);
  lw_free(p);

  /* observable: in TC39's order, reading only until what was asked for came through */
  c = hs_cb("p", hs_lt4);
  s = hs_gen("s", ten, 10);
  hs_log_clear();
  p = lw_pipe(lw_dropwhile(hs_node(&s, 0), hs_callback(&c)));
  CHECK_STR(hs_pull(p, 1), "4");
  CHECK_INT(s.nexts, 5);
  CHECK_STR(hs_log(), "s.next p(0) s.next p(1) s.next p(2) s.next p(3) s.next p(4) ");
  CHECK_STR(hs_pull(p, 3), "5 6 7");
  CHECK_INT(s.nexts, 8);
  CHECK_INT(c.calls, 5);
  CHECK_STR(hs_drain(p, LW_BATCH), "8 9");
  lw_free(p);

  /* all dropped, objects let go */
  c = hs_cb(NULL, hs_yes);
  s = hs_arr(ten, 10);
  s.objects = 1;
  p = lw_pipe(lw_dropwhile(hs_node(&s, 0), hs_callback(&c)));
  CHECK_STR(hs_drain(p, LW_BATCH), "");
  lw_free(p);
  CHECK_INT(hs_live(), 0);

  /* falsy at once: everything */
  c = hs_cb(NULL, hs_no);
  s = hs_arr(ten, 3);
  s.objects = 1;
  p = lw_pipe(lw_dropwhile(hs_node(&s, 0), hs_callback(&c)));
  CHECK_STR(hs_drain(p, LW_BATCH), "#0 #1 #2");
  CHECK_INT(c.calls, 1);
  lw_free(p);

  /* a throwing predicate */
  c = hs_cb(NULL, hs_yes);
  c.fail_at = 3;
  s = hs_arr(ten, 10);
  s.objects = 1;
  p = lw_pipe(lw_dropwhile(hs_node(&s, 0), hs_callback(&c)));
  CHECK_STR(hs_drain(p, LW_BATCH), "!-1");
  lw_free(p);
  CHECK_INT(hs_live(), 0);
}

static void test_flatmap (void) {
  hs_Callback c = hs_cb(NULL, hs_square);
  hs_Source s;
  lw_Pipe *p;

  c.inner_n = 2;   /* x => [x*x, x*x + 1] */
  p = lw_pipe(lw_flatmap(lw_range(1, 4, 1, 1), hs_callback(&c)));
  CHECK_INT(lw_observable(p), 1);
  CHECK_STR(hs_drain(p, LW_BATCH), "1 2 4 5 9 10");
  CHECK_INT(c.calls, 3);
  CHECK(c.idx[0] == 0 && c.idx[2] == 2);
  CHECK_INT(c.inner_made, 3);
  CHECK_INT(c.inner_released, 3);                                 /* each inner let go once finished */
  CHECK_INT(c.inner_closes, 0);                                   /* and not closed: it finished */
  lw_free(p);

  /* the outer source is read one value at a time, each inner iteration in full before the next */
  c = hs_cb("f", hs_identity);
  c.inner_n = 2;
  s = hs_gen("s", ten, 10);
  hs_log_clear();
  p = lw_pipe(lw_flatmap(hs_node(&s, 0), hs_callback(&c)));
  CHECK_STR(hs_pull(p, LW_BATCH), "0 1");
  CHECK_INT(s.nexts, 1);
  CHECK_STR(hs_pull(p, 1), "1");
  CHECK_STR(hs_log(), "s.next f(0) in.next in.next in.next s.next f(1) in.next ");
  /* closed inside an inner iteration: the inner first, then the outer, each once */
  hs_log_clear();
  CHECK_INT(lw_close(p, 0), LW_OK);
  CHECK_STR(hs_log(), "in.return s.return ");
  CHECK_INT(lw_close(p, 0), LW_OK);
  CHECK_INT(c.inner_closes, 1);
  CHECK_INT(s.closes, 1);
  lw_free(p);
  CHECK_INT(hs_live(), 0);

  /* empty inner iterables are skipped; lengths from the values */
  {
    double lens[5] = { 0, 2, 0, 0, 1 };
    c = hs_cb(NULL, hs_identity);
    c.inner_n = -1;   /* x => [0, 1, …, x - 1] */
    s = hs_arr(lens, 5);
    p = lw_pipe(lw_flatmap(hs_node(&s, 1), hs_callback(&c)));
    CHECK_STR(hs_drain(p, LW_BATCH), "0 1 0");
    CHECK_INT(c.inner_made, 5);
    lw_free(p);
  }

  /* the callback throws: the outer value is let go, the error comes out */
  c = hs_cb(NULL, hs_identity);
  c.inner_n = 1;
  c.fail_at = 2;
  s = hs_gen("s", ten, 10);
  s.objects = 1;
  p = lw_pipe(lw_flatmap(hs_node(&s, 0), hs_callback(&c)));
  CHECK_STR(hs_drain(p, LW_BATCH), "0 !-1");
  CHECK_INT(lw_close(p, 1), LW_OK);
  CHECK_INT(s.closes, 1);
  CHECK_INT(s.abrupt, 1);
  lw_free(p);
  CHECK_INT(hs_live(), 0);

  /* the inner iterator throws: it is not closed, the outer one is */
  c = hs_cb(NULL, hs_identity);
  c.inner_n = 3;
  c.inner_fail_at = 2;
  s = hs_gen("s", ten, 10);
  p = lw_pipe(lw_flatmap(hs_node(&s, 0), hs_callback(&c)));
  CHECK_STR(hs_pull(p, 1), "0");
  CHECK_STR(hs_pull(p, 1), "!-1");
  CHECK_INT(lw_close(p, 1), LW_OK);
  CHECK_INT(c.inner_closes, 0);
  CHECK_INT(s.closes, 1);
  lw_free(p);
  CHECK_INT(hs_live(), 0);

  /* the inner return() throws: reported, and the outer is still closed (abruptly) */
  c = hs_cb(NULL, hs_identity);
  c.inner_n = 3;
  c.inner_close_fails = 1;
  s = hs_gen("s", ten, 10);
  p = lw_pipe(lw_flatmap(hs_node(&s, 0), hs_callback(&c)));
  CHECK_STR(hs_pull(p, 1), "0");
  CHECK_INT(lw_close(p, 0), LW_EHOST);
  CHECK_INT(s.closes, 1);
  CHECK_INT(s.abrupt, 1);
  lw_free(p);

  /* freed in the middle of an inner iteration without closing: all let go, nothing closed */
  c = hs_cb(NULL, hs_identity);
  c.inner_n = 3;
  s = hs_gen("s", ten, 10);
  p = lw_pipe(lw_flatmap(hs_node(&s, 0), hs_callback(&c)));
  CHECK_STR(hs_pull(p, 1), "0");
  lw_free(p);
  CHECK_INT(c.inner_closes + s.closes, 0);
  CHECK_INT(hs_live(), 0);
}

static void test_scan (void) {
  hs_Callback c = hs_cb(NULL, NULL);
  lw_Slot *args = lw_args();
  hs_Source s;
  lw_Pipe *p;

  c.f2 = hs_add;
  args[0] = lw_mknum(100);
  p = lw_pipe(lw_scan(lw_range(1, 5, 1, 1), hs_callback(&c), 1));
  CHECK_STR(hs_drain(p, LW_BATCH), "101 103 106 110");
  CHECK(c.idx[0] == 0 && c.idx[3] == 3);
  CHECK_INT(c.host_calls, 1);                                     /* one call for the batch */
  lw_free(p);

  /* without an initial value the first value starts the fold and comes out as it is */
  c = hs_cb(NULL, NULL);
  c.f2 = hs_add;
  p = lw_pipe(lw_scan(lw_range(1, 5, 1, 1), hs_callback(&c), 0));
  CHECK_STR(hs_pull(p, 1), "1");
  CHECK_INT(c.calls, 0);
  CHECK_STR(hs_drain(p, LW_BATCH), "3 6 10");
  CHECK_INT(c.calls, 3);
  CHECK(c.idx[0] == 1 && c.idx[2] == 3);                          /* TC39 reduce's counter */
  lw_free(p);

  /* objects: the accumulator and each copy of it are held and let go */
  c = hs_cb(NULL, NULL);
  c.f2 = hs_add;
  args[0] = hs_objslot(1000);
  s = hs_gen("s", ten, 4);
  p = lw_pipe(lw_scan(hs_node(&s, 0), hs_callback(&c), 1));
  CHECK_STR(hs_pull(p, 1), "#1000");                              /* what was asked for, and not one more */
  CHECK_INT(s.nexts, 1);
  CHECK_STR(hs_drain(p, LW_BATCH), "#1001 #1003 #1006");
  CHECK_INT(s.fillchains, 3);                                     /* the iterator read by the host: a call per pull */
  lw_free(p);
  CHECK_INT(hs_live(), 0);

  /* an initial object never used is let go with the stage */
  c = hs_cb(NULL, NULL);
  c.f2 = hs_add;
  args[0] = hs_objslot(5);
  p = lw_pipe(lw_scan(lw_range(1, 5, 1, 1), hs_callback(&c), 1));
  lw_free(p);
  CHECK_INT(hs_live(), 0);

  /* the callback throws inside a batch: the accumulator and the batch are let go */
  c = hs_cb(NULL, NULL);
  c.f2 = hs_add;
  c.fail_at = 3;
  args[0] = hs_objslot(0);
  s = hs_arr(ten, 10);
  s.objects = 1;
  p = lw_pipe(lw_scan(hs_node(&s, 0), hs_callback(&c), 1));
  CHECK_STR(hs_drain(p, LW_BATCH), "!-1");
  lw_free(p);
  CHECK_INT(hs_live(), 0);

  /* the same without an initial value (the first value kept as the accumulator) */
  c = hs_cb(NULL, NULL);
  c.f2 = hs_add;
  c.fail_at = 1;
  s = hs_arr(ten, 10);
  s.objects = 1;
  p = lw_pipe(lw_scan(hs_node(&s, 0), hs_callback(&c), 0));
  CHECK_STR(hs_drain(p, LW_BATCH), "!-1");
  lw_free(p);
  CHECK_INT(hs_live(), 0);

  /* compiled: numbers in the core; an object falls back to JS for that step */
  {
    lw_Prog *prog = hs_compile("(a, x) => a + x", 0, 3);
    c = hs_cb(NULL, NULL);
    c.f2 = hs_add;
    c.fail_at = 1;
    args[0] = lw_mknum(0.5);
    lw_use_prog(prog);
    p = lw_pipe(lw_scan(lw_range(1, 5, 1, 1), hs_callback(&c), 1));
    CHECK_INT(lw_observable(p), 0);
    CHECK_STR(hs_drain(p, LW_BATCH), "1.5 3.5 6.5 10.5");
    lw_free(p);
    c = hs_cb(NULL, NULL);
    c.f2 = hs_add;
    args[0] = hs_objslot(0);
    s = hs_arr(ten, 4);
    lw_use_prog(prog);
    p = lw_pipe(lw_scan(hs_node(&s, 1), hs_callback(&c), 1));
    CHECK_STR(hs_drain(p, LW_BATCH), "#0 #1 #3 #6");
    CHECK_INT(c.calls, 4);
    lw_free(p);
    /* a step that throws in the middle of a compiled batch */
    c = hs_cb(NULL, NULL);
    c.f2 = hs_add;
    c.fail_at = 2;
    args[0] = hs_objslot(0);
    s = hs_arr(ten, 6);
    s.objects = 1;
    lw_use_prog(prog);
    p = lw_pipe(lw_scan(hs_node(&s, 0), hs_callback(&c), 1));
    CHECK_STR(hs_drain(p, LW_BATCH), "!-1");
    lw_free(p);
    CHECK_INT(hs_live(), 0);
    lw_prog_release(prog);
  }
}

static void test_take (void) {
  hs_Source s = hs_gen("s", ten, 10);
  lw_Node *h = hs_node(&s, 0), *t = lw_take(h, 3);
  lw_Pipe *p = lw_pipe(t);
  CHECK(t == h);                                                  /* over an iterator, folded into the host node */
  CHECK_STR(hs_pull(p, LW_BATCH), "0 1 2");
  CHECK_INT(s.nexts, 3);                                          /* exactly 3 */
  CHECK_INT(s.closes, 0);
  CHECK_STR(hs_pull(p, LW_BATCH), "");                            /* the pull after the last closes */
  CHECK_INT(s.nexts, 3);
  CHECK_INT(s.closes, 1);
  CHECK_INT(s.abrupt, 0);
  CHECK_INT(lw_close(p, 0), LW_OK);
  CHECK_INT(s.closes, 1);                                         /* asked again, closed once */
  lw_free(p);

  /* a take node over anything else: the same rule */
  s = hs_arr(ten, 10);
  p = lw_pipe(lw_take(hs_node(&s, 0), 3));
  CHECK_STR(hs_drain(p, LW_BATCH), "0 1 2");
  CHECK_INT(s.nexts, 3);
  CHECK_INT(lw_close(p, 0), LW_OK);
  CHECK_INT(s.close_calls, 1);
  lw_free(p);

  /* take(5) then take(3) folded: the smaller limit */
  s = hs_gen("s", ten, 10);
  p = lw_pipe(lw_take(lw_take(hs_node(&s, 0), 5), 3));
  CHECK_STR(hs_drain(p, LW_BATCH), "0 1 2");
  CHECK_INT(s.nexts, 3);
  CHECK_INT(s.closes, 1);
  lw_free(p);

  /* small pulls */
  s = hs_gen("s", ten, 10);
  p = lw_pipe(lw_take(hs_node(&s, 0), 3));
  CHECK_STR(hs_pull(p, 2), "0 1");
  CHECK_STR(hs_pull(p, 2), "2");
  CHECK_INT(s.nexts, 3);
  CHECK_INT(s.max_cap, 2);
  lw_free(p);

  /* take(0): closes at the first pull, reads nothing */
  s = hs_gen("s", ten, 10);
  p = lw_pipe(lw_take(hs_node(&s, 0), 0));
  CHECK_STR(hs_drain(p, LW_BATCH), "");
  CHECK_INT(s.nexts, 0);
  CHECK_INT(s.closes, 1);
  lw_free(p);

  /* more than there is: the source ends by itself */
  s = hs_gen("s", ten, 2);
  p = lw_pipe(lw_take(hs_node(&s, 0), 5));
  CHECK_STR(hs_drain(p, LW_BATCH), "0 1");
  CHECK_INT(s.closes, 0);
  lw_free(p);
  p = lw_pipe(lw_take(lw_range(0, INFINITY, 1, 1), INFINITY));
  CHECK_INT(lw_pull(p, LW_BATCH), LW_BATCH);
  lw_free(p);
  p = lw_pipe(lw_take(lw_range(0, INFINITY, 1, 1), 1000));
  CHECK_INT(lw_sum(p), 0);
  CHECK_NUM(lw_num(*lw_pipe_res(p)), 499500);
  CHECK_NUM(lw_pipe_count(p), 1000);
  lw_free(p);

  /* closing at the limit throws */
  s = hs_gen("s", ten, 10);
  s.close_fails = 1;
  p = lw_pipe(lw_take(hs_node(&s, 0), 2));
  CHECK_STR(hs_drain(p, LW_BATCH), "0 1 !-1");
  lw_free(p);

  /* a source error passes through */
  s = hs_gen("s", ten, 10);
  s.fail_at = 2;
  p = lw_pipe(lw_take(hs_node(&s, 0), 5));
  CHECK_STR(hs_drain(p, 1), "0 !-1");
  CHECK_INT(lw_close(p, 1), LW_OK);
  CHECK_INT(s.closes, 0);
  lw_free(p);
}

static void test_drop (void) {
  hs_Source s = hs_gen("s", ten, 10);
  lw_Pipe *p = lw_pipe(lw_drop(hs_node(&s, 0), 7));
  CHECK_STR(hs_pull(p, 1), "7");
  CHECK_INT(s.nexts, 8);                                          /* 7 dropped, 1 taken */
  CHECK_STR(hs_drain(p, LW_BATCH), "8 9");
  CHECK_INT(s.nexts, 11);
  lw_free(p);

  s = hs_gen("s", ten, 10);
  p = lw_pipe(lw_drop(hs_node(&s, 0), 0));
  CHECK_STR(hs_pull(p, 2), "0 1");
  CHECK_INT(s.nexts, 2);
  lw_free(p);

  /* more than there is */
  s = hs_gen("s", ten, 3);
  s.objects = 1;
  p = lw_pipe(lw_drop(hs_node(&s, 0), 5));
  CHECK_STR(hs_drain(p, LW_BATCH), "");
  CHECK_INT(s.nexts, 4);
  CHECK_INT(s.closes, 0);
  lw_free(p);
  CHECK_INT(hs_live(), 0);

  /* many batches dropped */
  p = lw_pipe(lw_drop(lw_range(0, 1e6, 1, 1), 999998));
  CHECK_STR(hs_drain(p, LW_BATCH), "999998 999999");
  lw_free(p);
  p = lw_pipe(lw_drop(lw_range(0, INFINITY, 1, 1), INFINITY));
  CHECK_INT(lw_observable(p), 0);
  lw_free(p);   /* (never pulled: it would not end) */

  /* an error while dropping; dropped objects are let go */
  s = hs_gen("s", ten, 10);
  s.objects = 1;
  s.fail_at = 4;
  p = lw_pipe(lw_drop(hs_node(&s, 0), 5));
  CHECK_STR(hs_drain(p, LW_BATCH), "!-1");
  CHECK_STR(hs_pull(p, 1), "");
  lw_free(p);
  CHECK_INT(hs_live(), 0);

  /* closed after dropping */
  s = hs_gen("s", ten, 10);
  p = lw_pipe(lw_drop(hs_node(&s, 0), 2));
  CHECK_STR(hs_pull(p, 1), "2");
  CHECK_INT(lw_close(p, 0), LW_OK);
  CHECK_INT(s.closes, 1);
  lw_free(p);
}

static void test_slice (void) {
  hs_Source s = hs_gen("s", ten, 10);
  lw_Pipe *p = lw_pipe(lw_slice(hs_node(&s, 0), 1, 8, 3));
  CHECK_STR(hs_drain(p, LW_BATCH), "1 4 7");
  CHECK_INT(s.nexts, 8);                                          /* nothing read past 7 */
  CHECK_INT(s.closes, 1);                                         /* closed at the stop, as take */
  lw_free(p);

  s = hs_gen("s", ten, 10);
  p = lw_pipe(lw_slice(hs_node(&s, 0), 3, 5, 1));
  CHECK_STR(hs_pull(p, LW_BATCH), "3 4");
  CHECK_INT(s.closes, 0);
  CHECK_STR(hs_pull(p, LW_BATCH), "");
  CHECK_INT(s.nexts, 5);
  CHECK_INT(s.closes, 1);
  lw_free(p);

  p = lw_pipe(lw_slice(lw_range(0, 5, 1, 1), 2, INFINITY, 2));
  CHECK_STR(hs_drain(p, LW_BATCH), "2 4");
  lw_free(p);
  p = lw_pipe(lw_slice(lw_range(0, 1000, 1, 1), 0, INFINITY, 300));
  CHECK_STR(hs_drain(p, LW_BATCH), "0 300 600 900");
  lw_free(p);

  /* empty slices: closed without reading */
  s = hs_gen("s", ten, 10);
  p = lw_pipe(lw_slice(hs_node(&s, 0), 0, 0, 1));
  CHECK_STR(hs_drain(p, LW_BATCH), "");
  CHECK_INT(s.nexts, 0);
  CHECK_INT(s.closes, 1);
  lw_free(p);
  s = hs_gen("s", ten, 10);
  p = lw_pipe(lw_slice(hs_node(&s, 0), 5, 5, 1));
  CHECK_STR(hs_drain(p, LW_BATCH), "");
  CHECK_INT(s.nexts, 0);
  lw_free(p);

  /* a start past the end: the source ends, nothing closed */
  s = hs_gen("s", ten, 10);
  s.objects = 1;
  p = lw_pipe(lw_slice(hs_node(&s, 0), 20, INFINITY, 1));
  CHECK_STR(hs_drain(p, LW_BATCH), "");
  CHECK_INT(s.nexts, 11);
  CHECK_INT(s.closes, 0);
  lw_free(p);
  CHECK_INT(hs_live(), 0);

  /* the source ends while skipping between two taken values */
  s = hs_gen("s", ten, 10);
  p = lw_pipe(lw_slice(hs_node(&s, 0), 0, INFINITY, 4));
  CHECK_STR(hs_drain(p, LW_BATCH), "0 4 8");
  CHECK_INT(s.closes, 0);
  lw_free(p);

  /* errors while skipping and while taking; values taken so far in that pull are let go */
  s = hs_gen("s", ten, 10);
  s.objects = 1;
  s.fail_at = 4;
  p = lw_pipe(lw_slice(lw_host(hs_source(&s), 0, 0), 0, INFINITY, 2));
  CHECK_STR(hs_drain(p, LW_BATCH), "!-1");
  lw_free(p);
  s = hs_gen("s", ten, 10);
  s.objects = 1;
  s.fail_at = 3;
  p = lw_pipe(lw_slice(lw_host(hs_source(&s), 0, 0), 0, INFINITY, 1));
  CHECK_STR(hs_drain(p, LW_BATCH), "!-1");
  lw_free(p);
  CHECK_INT(hs_live(), 0);

  /* closing at the stop throws */
  s = hs_gen("s", ten, 10);
  s.close_fails = 1;
  p = lw_pipe(lw_slice(hs_node(&s, 0), 0, 2, 1));
  CHECK_STR(hs_drain(p, LW_BATCH), "0 1 !-1");
  lw_free(p);
}

static void test_enumerate (void) {
  hs_Source s;
  lw_Pipe *p = lw_pipe(lw_enumerate(lw_range(5, 8, 1, 1), 10));
  CHECK_INT(lw_observable(p), 0);
  CHECK_STR(hs_drain(p, LW_BATCH), "[10,5] [11,6] [12,7]");
  lw_free(p);

  s = hs_gen("s", ten, 3);
  s.objects = 1;
  p = lw_pipe(lw_enumerate(hs_node(&s, 0), -0.5));
  CHECK_INT(lw_observable(p), 1);
  CHECK_STR(hs_pull(p, 2), "[-0.5,#0] [0.5,#1]");
  CHECK_INT(s.nexts, 2);
  CHECK_STR(hs_drain(p, LW_BATCH), "[1.5,#2]");
  lw_free(p);
  CHECK_INT(hs_live(), 0);

  /* an array that can't be made: the rest of the batch is let go */
  s = hs_arr(ten, 6);
  s.objects = 1;
  hs_packs = 0;
  hs_pack_fail_at = 3;
  p = lw_pipe(lw_enumerate(hs_node(&s, 0), 0));
  CHECK_STR(hs_drain(p, LW_BATCH), "!-1");
  hs_pack_fail_at = 0;
  lw_free(p);
  CHECK_INT(hs_live(), 0);
}

/*
** takeWhile with a compiled predicate over numbers runs no JS itself, but its
** source may: here a filter whose JS predicate counts its calls, over a range.
** TC39 calls that predicate for 0..4 only (takeWhile stops at 4); a sink that
** reads batches must not make it run further ahead than that.
*/
static void test_takewhile_compiled_exact (void) {
  lw_Prog *prog = hs_compile("x => x < 4", 1, 2);
  hs_Callback js = hs_cb(NULL, hs_yes), unused = hs_cb(NULL, hs_lt4);
  lw_Node *f = lw_filter(lw_range(0, 100, 1, 1), hs_callback(&js));
  lw_Pipe *p;
  CHECK_INT(f->observable, 1);                                    /* it runs JS */
  CHECK_INT(f->numeric, 1);                                       /* and passes numbers */
  lw_use_prog(prog);
  p = lw_pipe(lw_takewhile(f, hs_callback(&unused)));
  CHECK_INT(lw_observable(p), 1);
  CHECK_INT(lw_count(p), LW_OK);
  CHECK_NUM(lw_pipe_count(p), 4);
  CHECK_INT(unused.calls, 0);
  CHECK_INT(js.calls, 5);                                         /* TC39: filter's fn sees 0, 1, 2, 3, 4 */
  lw_free(p);
  lw_prog_release(prog);
}

int main (void) {
  test_map();
  test_filter();
  test_takewhile();
  test_dropwhile();
  test_flatmap();
  test_scan();
  test_take();
  test_drop();
  test_slice();
  test_enumerate();
  test_takewhile_compiled_exact();
  return hs_finish();
}
