/*
** combine_test.c
** Several inputs into one (combine.c): zip, concat, interleave.
*/
#include "host_stub.h"

static const double ten[10] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 };

static lw_Node *two (lw_Node *(*make) (lw_Node **, int), lw_Node *a, lw_Node *b) {
  lw_Node *in[2];
  in[0] = a; in[1] = b;
  return make(in, 2);
}

static lw_Node *three (lw_Node *(*make) (lw_Node **, int), lw_Node *a, lw_Node *b, lw_Node *c) {
  lw_Node *in[3];
  in[0] = a; in[1] = b; in[2] = c;
  return make(in, 3);
}

static void test_zip (void) {
  hs_Source a = hs_gen("a", ten, 10), b = hs_gen("b", ten, 3);
  lw_Pipe *p;
  int i;

  /* observable inputs: row by row, input by input, as TC39's Iterator.zip */
  hs_log_clear();
  p = lw_pipe(two(lw_zip, hs_node(&a, 0), hs_node(&b, 0)));
  CHECK_INT(lw_observable(p), 1);
  CHECK_STR(hs_pull(p, LW_BATCH), "[0,0]");
  CHECK_INT(a.nexts + b.nexts, 2);
  CHECK_STR(hs_drain(p, LW_BATCH), "[1,1] [2,2]");
  /* shortest: b ends, a's value of that row is dropped and a is closed */
  CHECK_STR(hs_log(), "a.next b.next a.next b.next a.next b.next a.next b.next a.return ");
  CHECK_INT(a.closes, 1);
  CHECK_INT(b.closes, 0);
  CHECK_INT(lw_close(p, 0), LW_OK);
  CHECK_INT(a.close_calls, 1);                                    /* closed once only */
  lw_free(p);
  CHECK_INT(a.released + b.released, 2);

  /* only the last input observable: whole batches, and it is asked for no value past its end */
  a = hs_gen("a", ten, 10);
  hs_log_clear();
  p = lw_pipe(two(lw_zip, lw_range(0, 1000, 1, 1), hs_node(&a, 0)));
  CHECK_STR(hs_drain(p, LW_BATCH), "[0,0] [1,1] [2,2] [3,3] [4,4] [5,5] [6,6] [7,7] [8,8] [9,9]");
  CHECK_INT(a.fills, 2);                                          /* the batch, then the end */
  CHECK_INT(a.nexts, 11);
  lw_free(p);
  a = hs_gen("a", ten, 10);
  p = lw_pipe(two(lw_zip, lw_range(0, 3, 1, 1), hs_node(&a, 0)));
  CHECK_STR(hs_drain(p, LW_BATCH), "[0,0] [1,1] [2,2]");
  CHECK_INT(a.nexts, 3);                                          /* as TC39: the range ended first */
  CHECK_INT(a.closes, 1);
  lw_free(p);

  /* unobservable inputs: whole batches */
  p = lw_pipe(three(lw_zip, lw_range(0, 1000, 1, 1), lw_range(0, 500, 2, 1), lw_fibonacci()));
  CHECK_INT(lw_observable(p), 0);
  CHECK_STR(hs_pull(p, 3), "[0,0,0] [1,2,1] [2,4,1]");
  CHECK_INT(lw_count(p), 0);
  CHECK_NUM(lw_pipe_count(p), 250 - 3);                           /* the shortest has 250 */
  lw_free(p);
  p = lw_pipe(two(lw_zip, lw_range(0, 1000, 1, 1), lw_range(0, 500, 2, 1)));
  {
    int k, n = 0;
    lw_Slot last = 0;
    while ((k = lw_pull(p, LW_BATCH)) > 0) {
      n += k;
      if (last) lw_release(last);
      last = lw_pipe_buf(p)[k - 1];
      hs_release_all(lw_pipe_buf(p), k - 1);
    }
    CHECK_INT(n, 250);
    CHECK_STR(hs_fmt(last), "[249,498]");
    lw_release(last);
  }
  lw_free(p);

  /* an empty input: nothing, every other input closed without being read past one row */
  a = hs_gen("a", ten, 10);
  b = hs_gen("b", ten, 0);
  {
    hs_Source c = hs_gen("c", ten, 10);
    p = lw_pipe(three(lw_zip, hs_node(&a, 0), hs_node(&b, 0), hs_node(&c, 0)));
    CHECK_STR(hs_drain(p, LW_BATCH), "");
    CHECK_INT(a.nexts, 1);
    CHECK_INT(c.nexts, 0);
    CHECK_INT(a.closes + c.closes, 2);
    lw_free(p);
  }

  /* objects: the values of a row beyond the shortest are let go */
  a = hs_arr(ten, 10);
  a.objects = 1;
  b = hs_arr(ten, 4);
  b.objects = 1;
  p = lw_pipe(two(lw_zip, hs_node(&a, 0), hs_node(&b, 0)));
  CHECK_STR(hs_drain(p, LW_BATCH), "[#0,#0] [#1,#1] [#2,#2] [#3,#3]");
  lw_free(p);
  CHECK_INT(hs_live(), 0);

  /* an input throws: the rows read so far are let go, the others are closed in reverse
     order before the error comes out (as Iterator.zip closes them); a close after it is a no-op */
  a = hs_gen("a", ten, 10);
  b = hs_gen("b", ten, 10);
  b.fail_at = 2;
  {
    hs_Source c = hs_gen("c", ten, 10);
    a.objects = 1;
    p = lw_pipe(three(lw_zip, hs_node(&a, 0), hs_node(&b, 0), hs_node(&c, 0)));
    hs_log_clear();
    CHECK_STR(hs_drain(p, LW_BATCH), "[#0,0,0] !-1");
    CHECK_STR(hs_log(), "a.next b.next c.next a.next b.next c.return a.return ");
    hs_log_clear();
    CHECK_INT(lw_close(p, 1), LW_OK);
    CHECK_STR(hs_log(), "");
    CHECK_INT(b.closes, 0);
    lw_free(p);
    CHECK_INT(hs_live(), 0);
  }
  a = hs_arr(ten, 10);
  a.objects = 1;
  b = hs_gen("b", ten, 10);
  b.objects = 1;
  b.fail_at = 5;
  p = lw_pipe(two(lw_zip, hs_node(&a, 0), lw_host(hs_source(&b), 0, 0)));   /* batches */
  CHECK_STR(hs_drain(p, LW_BATCH), "!-1");
  lw_free(p);
  CHECK_INT(hs_live(), 0);

  /* closing: every input, the last first; the first error wins, later ones are closed abruptly */
  a = hs_gen("a", ten, 10);
  b = hs_gen("b", ten, 10);
  a.close_fails = b.close_fails = 1;
  p = lw_pipe(two(lw_zip, hs_node(&a, 0), hs_node(&b, 0)));
  CHECK_STR(hs_pull(p, 1), "[0,0]");
  CHECK_INT(lw_close(p, 0), LW_EHOST);
  CHECK_INT(b.closes, 1);
  CHECK_INT(b.abrupt, 0);
  CHECK_INT(a.closes, 1);
  CHECK_INT(a.abrupt, 1);
  lw_free(p);

  /* an array that can't be made: the rest of the rows are let go */
  a = hs_arr(ten, 10);
  a.objects = 1;
  b = hs_arr(ten, 10);
  b.objects = 1;
  hs_packs = 0;
  hs_pack_fail_at = 4;
  p = lw_pipe(two(lw_zip, hs_node(&a, 0), hs_node(&b, 0)));
  CHECK_STR(hs_drain(p, LW_BATCH), "!-1");
  hs_pack_fail_at = 0;
  lw_free(p);
  CHECK_INT(hs_live(), 0);

  /* more inputs than the row on the stack holds */
  {
    lw_Node *in[70];
    for (i = 0; i < 70; i++) in[i] = lw_range(i, 100, 1, 1);
    p = lw_pipe(lw_zip(in, 70));
    CHECK_INT(lw_pull(p, 3), 3);
    CHECK_INT(hs_array_len(lw_handle(lw_pipe_buf(p)[2])), 70);
    CHECK_NUM(hs_number(hs_array_at(lw_handle(lw_pipe_buf(p)[2]), 69)), 71);
    hs_release_all(lw_pipe_buf(p), 3);
    CHECK_INT(lw_count(p), 0);
    CHECK_NUM(lw_pipe_count(p), 31 - 3);                          /* the last input has 31 values */
    lw_free(p);
  }

  /* a single input */
  {
    lw_Node *in[1];
    in[0] = lw_range(0, 2, 1, 1);
    p = lw_pipe(lw_zip(in, 1));
    CHECK_STR(hs_drain(p, LW_BATCH), "[0] [1]");
    lw_free(p);
  }
}

static void test_concat (void) {
  hs_Source a = hs_gen("a", ten, 2), b = hs_gen("b", ten, 3);
  lw_Pipe *p = lw_pipe(two(lw_concat, hs_node(&a, 0), hs_node(&b, 0)));
  CHECK_INT(lw_observable(p), 1);
  CHECK_STR(hs_pull(p, LW_BATCH), "0 1");                         /* one input per pull */
  CHECK_INT(b.nexts, 0);
  CHECK_STR(hs_drain(p, LW_BATCH), "0 1 2");
  CHECK_INT(a.closes + b.closes, 0);
  lw_free(p);

  /* closed early: only the input being read; the ones not started are never opened */
  a = hs_gen("a", ten, 2);
  b = hs_gen("b", ten, 3);
  p = lw_pipe(two(lw_concat, hs_node(&a, 0), hs_node(&b, 0)));
  CHECK_STR(hs_pull(p, 1), "0");
  CHECK_INT(lw_close(p, 0), LW_OK);
  CHECK_INT(a.closes, 1);
  CHECK_INT(b.close_calls, 0);
  lw_free(p);
  a = hs_gen("a", ten, 2);
  b = hs_gen("b", ten, 3);
  p = lw_pipe(two(lw_concat, hs_node(&a, 0), hs_node(&b, 0)));
  CHECK_STR(hs_pull(p, 3), "0 1");
  CHECK_STR(hs_pull(p, 1), "0");
  CHECK_INT(lw_close(p, 0), LW_OK);
  CHECK_INT(a.close_calls, 0);
  CHECK_INT(b.closes, 1);
  lw_free(p);
  /* not started at all: nothing to close */
  a = hs_gen("a", ten, 2);
  b = hs_gen("b", ten, 3);
  p = lw_pipe(two(lw_concat, hs_node(&a, 0), hs_node(&b, 0)));
  CHECK_INT(lw_close(p, 0), LW_OK);
  CHECK_INT(a.close_calls + b.close_calls, 0);
  lw_free(p);

  /* empty inputs are passed over */
  a = hs_gen("a", ten, 2);
  p = lw_pipe(three(lw_concat, lw_empty(), hs_node(&a, 0), lw_empty()));
  CHECK_STR(hs_drain(p, LW_BATCH), "0 1");
  lw_free(p);

  /* flags: numeric only when every input is; observable when any is */
  p = lw_pipe(two(lw_concat, lw_range(0, 3, 1, 1), lw_fibonacci()));
  CHECK_INT(lw_observable(p), 0);
  CHECK_STR(hs_pull(p, 10), "0 1 2");
  CHECK_STR(hs_pull(p, 4), "0 1 1 2");
  lw_free(p);

  /* an error in the second input comes out; an abrupt close closes nothing else */
  a = hs_gen("a", ten, 2);
  b = hs_gen("b", ten, 3);
  b.fail_at = 2;
  p = lw_pipe(two(lw_concat, hs_node(&a, 0), hs_node(&b, 0)));
  CHECK_STR(hs_drain(p, 1), "0 1 0 !-1");
  CHECK_INT(lw_close(p, 1), LW_OK);
  CHECK_INT(a.closes + b.closes, 0);
  lw_free(p);
  CHECK_INT(hs_live(), 0);
}

/* deferred inputs: built at their first pull, so concat opens a JS iterable only when it gets there */
static void test_concat_deferred (void) {
  hs_Source a = hs_gen("a", ten, 2), b = hs_gen("b", ten, 3);
  int opens = 0;
  lw_Pipe *p = lw_pipe(two(lw_concat, hs_node(&a, 0), lw_deferred(hs_opener(&b, &opens))));
  CHECK_INT(lw_observable(p), 1);
  CHECK_STR(hs_pull(p, LW_BATCH), "0 1");
  CHECK_INT(opens, 0);                                            /* not reached yet */
  CHECK_STR(hs_drain(p, LW_BATCH), "0 1 2");
  CHECK_INT(opens, 1);
  lw_free(p);

  /* closed before reaching it: never built, never closed, the handle let go */
  a = hs_gen("a", ten, 2);
  b = hs_gen("b", ten, 3);
  opens = 0;
  p = lw_pipe(two(lw_concat, hs_node(&a, 0), lw_deferred(hs_opener(&b, &opens))));
  CHECK_STR(hs_pull(p, 1), "0");
  CHECK_INT(lw_close(p, 0), LW_OK);
  CHECK_INT(opens + b.close_calls, 0);
  lw_free(p);
  CHECK_INT(hs_live(), 0);

  /* closed while reading it: closed like any input */
  a = hs_gen("a", ten, 2);
  b = hs_gen("b", ten, 3);
  p = lw_pipe(two(lw_concat, hs_node(&a, 0), lw_deferred(hs_opener(&b, &opens))));
  CHECK_STR(hs_pull(p, 2), "0 1");
  CHECK_STR(hs_pull(p, 1), "0");
  CHECK_INT(lw_close(p, 0), LW_OK);
  CHECK_INT(b.closes, 1);
  lw_free(p);

  /* building fails: the error comes out once, then the input is over */
  a = hs_gen("a", ten, 1);
  b = hs_gen("b", ten, 3);
  b.fail_at = -1;
  opens = 0;
  p = lw_pipe(two(lw_concat, hs_node(&a, 0), lw_deferred(hs_opener(&b, &opens))));
  CHECK_STR(hs_drain(p, LW_BATCH), "0 !-1");
  CHECK_INT(opens, 1);
  CHECK_INT(lw_close(p, 1), LW_OK);
  lw_free(p);
  CHECK_INT(hs_live(), 0);
}

static void test_interleave (void) {
  hs_Source a = hs_gen("a", ten, 3), b = hs_gen("b", ten, 2);
  lw_Pipe *p;
  hs_log_clear();
  p = lw_pipe(two(lw_interleave, hs_node(&a, 0), hs_node(&b, 0)));
  CHECK_STR(hs_drain(p, LW_BATCH), "0 0 1 1 2");
  /* b ends: a is closed */
  CHECK_STR(hs_log(), "a.next b.next a.next b.next a.next b.next a.return ");
  CHECK_INT(a.closes, 1);
  lw_free(p);

  /* one value at a time, however many are asked for */
  a = hs_gen("a", ten, 10);
  b = hs_gen("b", ten, 10);
  p = lw_pipe(two(lw_interleave, hs_node(&a, 0), hs_node(&b, 0)));
  CHECK_STR(hs_pull(p, 3), "0 0 1");
  CHECK_INT(a.nexts, 2);
  CHECK_INT(b.nexts, 1);
  CHECK_INT(a.max_cap + b.max_cap, 2);
  CHECK_INT(lw_close(p, 0), LW_OK);
  CHECK_INT(a.closes + b.closes, 2);
  lw_free(p);

  /* three inputs, the first one ending */
  p = lw_pipe(three(lw_interleave, lw_range(0, 2, 1, 1), lw_range(10, 20, 1, 1), lw_range(20, 30, 1, 1)));
  CHECK_STR(hs_drain(p, LW_BATCH), "0 10 20 1 11 21");
  lw_free(p);

  /* objects and an error: values of the pull so far let go */
  a = hs_gen("a", ten, 10);
  a.objects = 1;
  b = hs_gen("b", ten, 10);
  b.objects = 1;
  b.fail_at = 3;
  p = lw_pipe(two(lw_interleave, hs_node(&a, 0), hs_node(&b, 0)));
  CHECK_STR(hs_drain(p, LW_BATCH), "!-1");
  CHECK_INT(lw_close(p, 1), LW_OK);
  CHECK_INT(a.closes, 1);
  CHECK_INT(b.closes, 0);
  lw_free(p);
  CHECK_INT(hs_live(), 0);

  /* a single input */
  {
    lw_Node *in[1];
    in[0] = lw_range(0, 3, 1, 1);
    p = lw_pipe(lw_interleave(in, 1));
    CHECK_STR(hs_drain(p, LW_BATCH), "0 1 2");
    lw_free(p);
  }
}

/* a map right after zip whose callback destructures the rows: numbers from the columns, no arrays */
static void test_rowmap (void) {
  const char *src = "([a, b], i) => a * b + i";
  lw_Prog *prog = lw_compile_rows(src, (double)strlen(src), 2, 2);
  hs_Callback c = hs_cb("f", NULL);
  hs_Source a = hs_gen("a", ten, 10), b = hs_gen("b", ten, 3), objs = hs_arr(ten, 10);
  lw_Pipe *p;
  CHECK(prog != NULL && lw_compile_rows("x => x", 6, 2, 2) == NULL);   /* over rows, only a pattern */
  CHECK(lw_compile("([a]) => a", 10, 0, 2) == NULL);                  /* elsewhere, never */

  /* engine sources: no JS, whole batches; sum over a < 250 of a * 2a + a */
  lw_use_prog(prog);
  p = lw_pipe(lw_map(two(lw_zip, lw_range(0, 1000, 1, 1), lw_range(0, 500, 2, 1)), hs_callback(&c)));
  CHECK_INT(lw_observable(p), 0);
  CHECK_INT(lw_sum(p), 0);
  CHECK_NUM(lw_num(*lw_pipe_res(p)), 10385375);
  CHECK_INT(c.calls, 0);
  lw_free(p);

  /* three inputs and two names: the third is read, its objects let go */
  objs.objects = 1;
  lw_use_prog(prog);
  p = lw_pipe(lw_map(three(lw_zip, lw_range(0, 1000, 1, 1), lw_range(0, 1000, 1, 1), hs_node(&objs, 0)), hs_callback(&c)));
  CHECK_STR(hs_drain(p, LW_BATCH), "0 2 6 12 20 30 42 56 72 90");
  CHECK_INT(c.calls, 0);
  lw_free(p);

  /* observable inputs: row by row, each input read as zip reads it */
  hs_log_clear();
  lw_use_prog(prog);
  p = lw_pipe(lw_map(two(lw_zip, hs_node(&a, 0), hs_node(&b, 0)), hs_callback(&c)));
  CHECK_STR(hs_pull(p, LW_BATCH), "0");
  CHECK_INT(a.nexts + b.nexts, 2);
  CHECK_STR(hs_drain(p, LW_BATCH), "2 6");
  CHECK_STR(hs_log(), "a.next b.next a.next b.next a.next b.next a.next b.next a.return ");
  lw_free(p);

  /* rows holding objects (values 1 and 4 of the first input) go to JS as arrays, after the numbers */
  {
    hs_Source mixed = hs_arr(ten, 6);
    hs_Callback f = hs_cb("f", hs_square);
    int fail;
    mixed.object_mask = 0x12;
    lw_use_prog(prog);
    p = lw_pipe(lw_map(two(lw_zip, hs_node(&mixed, 0), lw_range(0, 10, 1, 1)), hs_callback(&f)));
    CHECK_INT(lw_observable(p), 1);
    CHECK_STR(hs_drain(p, LW_BATCH), "0 NaN 6 12 NaN 30");        /* square(NaN): an array is NaN to the stub */
    CHECK_INT(f.calls, 2);
    lw_free(p);
    CHECK_INT(hs_live(), 0);
    /* the second of three rows with objects can't be made, or its JS call throws: the error, and nothing kept */
    for (fail = 0; fail < 2; fail++) {
      mixed = hs_arr(ten, 6);
      mixed.object_mask = 0x16;
      f = hs_cb("f", hs_square);
      if (fail == 0) hs_pack_fail_at = hs_packs + 2;
      else f.fail_at = 2;
      lw_use_prog(prog);
      p = lw_pipe(lw_map(two(lw_zip, hs_node(&mixed, 0), lw_range(0, 10, 1, 1)), hs_callback(&f)));
      CHECK_STR(hs_drain(p, LW_BATCH), "!-1");
      hs_pack_fail_at = 0;
      lw_free(p);
      CHECK_INT(hs_live(), 0);
    }
  }

  /* not right after a zip: the JS function */
  lw_use_prog(prog);
  p = lw_pipe(lw_map(lw_range(0, 3, 1, 1), hs_callback(&c)));
  CHECK_INT(lw_observable(p), 1);
  lw_free(p);
  lw_prog_release(prog);
}

int main (void) {
  test_zip();
  test_rowmap();
  test_concat();
  test_concat_deferred();
  test_interleave();
  return hs_finish();
}
