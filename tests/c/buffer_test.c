/*
** buffer_test.c
** Stages that remember what they passed on (buffer.c): cycle and tee.
*/
#include "host_stub.h"

static const double ten[10] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 };

static void test_cycle (void) {
  hs_Source s = hs_gen("s", ten, 3);
  lw_Pipe *p = lw_pipe(lw_take(lw_cycle(hs_node(&s, 0)), 8));
  CHECK_INT(lw_observable(p), 1);
  CHECK_STR(hs_drain(p, LW_BATCH), "0 1 2 0 1 2 0 1");
  CHECK_INT(s.nexts, 4);                                          /* one pass, read once */
  CHECK_INT(s.closes, 0);                                         /* it ended by itself */
  lw_free(p);

  /* the first pass comes as the source gives it, then the replay fills whole batches */
  s = hs_gen("s", ten, 3);
  p = lw_pipe(lw_cycle(hs_node(&s, 0)));
  CHECK_STR(hs_pull(p, 2), "0 1");
  CHECK_INT(s.nexts, 2);
  CHECK_STR(hs_pull(p, LW_BATCH), "2");
  CHECK_INT(lw_pull(p, LW_BATCH), LW_BATCH);
  CHECK_STR(hs_fmt(lw_pipe_buf(p)[255]), "0");                   /* 0 1 2 0 1 2 …: the 256th is 255 % 3 */
  CHECK_STR(hs_pull(p, 2), "1 2");
  lw_free(p);

  /* empty: nothing, for ever */
  p = lw_pipe(lw_cycle(lw_empty()));
  CHECK_STR(hs_drain(p, LW_BATCH), "");
  lw_free(p);

  /* objects: the pass is held and each copy retained */
  s = hs_gen("s", ten, 2);
  s.objects = 1;
  p = lw_pipe(lw_cycle(hs_node(&s, 0)));
  CHECK_STR(hs_pull(p, 5), "#0 #1");
  CHECK_STR(hs_pull(p, 5), "#0 #1 #0 #1 #0");
  lw_free(p);
  CHECK_INT(hs_live(), 0);

  /* closed during the first pass: the source is closed */
  s = hs_gen("s", ten, 10);
  p = lw_pipe(lw_cycle(hs_node(&s, 0)));
  CHECK_STR(hs_pull(p, 3), "0 1 2");
  CHECK_INT(lw_close(p, 0), LW_OK);
  CHECK_INT(s.closes, 1);
  lw_free(p);

  /* an error in the first pass */
  s = hs_gen("s", ten, 10);
  s.objects = 1;
  s.fail_at = 3;
  p = lw_pipe(lw_cycle(hs_node(&s, 0)));
  CHECK_STR(hs_drain(p, 1), "#0 #1 !-1");
  CHECK_INT(lw_close(p, 1), LW_OK);
  CHECK_INT(s.closes, 0);
  lw_free(p);
  CHECK_INT(hs_live(), 0);

  /* a numeric source stays numeric */
  p = lw_pipe(lw_take(lw_cycle(lw_range(0, 3, 1, 1)), 1000));
  CHECK_INT(lw_sum(p), 0);
  CHECK_NUM(lw_num(*lw_pipe_res(p)), 999);                        /* 333 * 3 + 0 */
  lw_free(p);
}

static void test_tee (void) {
  hs_Source s = hs_gen("s", ten, 10);
  lw_TeeGroup *g = lw_teegroup(hs_node(&s, 0), 2);
  lw_Pipe *a = lw_pipe(lw_teebranch(g, 0)), *b = lw_pipe(lw_teebranch(g, 1));
  double before;
  CHECK_INT(lw_observable(a), 1);
  CHECK_STR(hs_pull(a, 5), "0 1 2 3 4");
  CHECK_INT(s.nexts, 5);
  CHECK_STR(hs_pull(b, 3), "0 1 2");                              /* from the buffer */
  CHECK_STR(hs_pull(b, LW_BATCH), "3 4");                         /* up to what a has read */
  CHECK_INT(s.nexts, 5);
  CHECK_STR(hs_pull(b, 2), "5 6");                                /* b leads now */
  CHECK_INT(s.nexts, 7);
  CHECK_STR(hs_drain(a, LW_BATCH), "5 6 7 8 9");
  CHECK_STR(hs_drain(b, LW_BATCH), "7 8 9");
  CHECK_INT(s.nexts, 11);
  CHECK_INT(lw_close(a, 0), LW_OK);
  CHECK_INT(lw_close(b, 0), LW_OK);
  CHECK_INT(s.close_calls, 1);                                    /* once every branch is closed */
  CHECK_INT(s.closes, 0);                                         /* (it had ended) */
  lw_free(a);
  CHECK_INT(s.released, 0);                                       /* the group lives while a branch does */
  lw_free(b);
  CHECK_INT(s.released, 1);

  /* closing: the source is closed when the last branch is */
  s = hs_gen("s", ten, 10);
  g = lw_teegroup(hs_node(&s, 0), 3);
  a = lw_pipe(lw_teebranch(g, 0));
  b = lw_pipe(lw_teebranch(g, 1));
  CHECK_STR(hs_pull(a, 2), "0 1");
  lw_teedrop(g, 2);                                               /* never built */
  CHECK_INT(lw_close(a, 0), LW_OK);
  CHECK_INT(s.close_calls, 0);
  CHECK_STR(hs_pull(b, LW_BATCH), "0 1");                         /* what was buffered for it */
  CHECK_STR(hs_pull(b, 1), "2");
  CHECK_INT(lw_close(b, 0), LW_OK);
  CHECK_INT(s.closes, 1);
  lw_free(b);
  lw_free(a);
  CHECK_INT(hs_live(), 0);

  /* objects: copies for the lagging branch, let go as it catches up or closes */
  s = hs_gen("s", ten, 10);
  s.objects = 1;
  g = lw_teegroup(hs_node(&s, 0), 2);
  a = lw_pipe(lw_teebranch(g, 0));
  b = lw_pipe(lw_teebranch(g, 1));
  CHECK_INT(lw_pull(a, 4), 4);
  CHECK_INT(hs_refs(lw_handle(lw_pipe_buf(a)[0])), 2);            /* a's and the buffer's */
  hs_release_all(lw_pipe_buf(a), 4);
  CHECK_INT(hs_live(), 4 + 1);                                    /* the buffer and the adapter */
  CHECK_STR(hs_pull(b, 2), "#0 #1");
  CHECK_INT(hs_live(), 2 + 1);                                    /* what b has read is let go */
  CHECK_INT(lw_close(b, 0), LW_OK);
  CHECK_INT(hs_live(), 0 + 1);                                    /* b gone: nothing kept for it */
  CHECK_STR(hs_pull(a, 2), "#4 #5");
  CHECK_INT(hs_live(), 1);                                        /* alone: nothing buffered */
  lw_free(b);
  lw_free(a);
  CHECK_INT(hs_live(), 0);

  /* a branch freed without closing stops holding values; the source is not closed */
  s = hs_gen("s", ten, 10);
  s.objects = 1;
  g = lw_teegroup(hs_node(&s, 0), 2);
  a = lw_pipe(lw_teebranch(g, 0));
  b = lw_pipe(lw_teebranch(g, 1));
  CHECK_STR(hs_pull(a, 3), "#0 #1 #2");
  lw_free(b);
  CHECK_INT(hs_live(), 1);
  CHECK_STR(hs_drain(a, LW_BATCH), "#3 #4 #5 #6 #7 #8 #9");
  lw_free(a);
  CHECK_INT(s.closes, 0);
  CHECK_INT(hs_live(), 0);

  /* a branch never built keeps everything for itself until dropped */
  s = hs_gen("s", ten, 10);
  s.objects = 1;
  g = lw_teegroup(hs_node(&s, 0), 2);
  a = lw_pipe(lw_teebranch(g, 0));
  CHECK_STR(hs_drain(a, LW_BATCH), "#0 #1 #2 #3 #4 #5 #6 #7 #8 #9");
  CHECK_INT(hs_live(), 10 + 1);
  b = lw_pipe(lw_teebranch(g, 1));                                /* built late: sees it all */
  CHECK_STR(hs_drain(b, 3), "#0 #1 #2 #3 #4 #5 #6 #7 #8 #9");
  CHECK_INT(hs_live(), 1);
  lw_free(a);
  lw_free(b);
  CHECK_INT(hs_live(), 0);

  /* the buffer does not grow with the sequence when branches keep together */
  g = lw_teegroup(lw_range(0, 100000, 1, 1), 2);
  a = lw_pipe(lw_teebranch(g, 0));
  b = lw_pipe(lw_teebranch(g, 1));
  {
    int k, total = 0, grew = 0;
    before = 0;
    while ((k = lw_pull(a, LW_BATCH)) > 0) {
      CHECK_INT(lw_pull(b, LW_BATCH), k);
      total += k;
      if (total == 10 * LW_BATCH) before = lw_mem_used();
      if (total > 10 * LW_BATCH && lw_mem_used() > before) grew = 1;
    }
    CHECK_INT(total, 100000);
    CHECK(!grew);
  }
  lw_free(a);
  lw_free(b);

  /* an error of the source reaches the branch that reads it */
  s = hs_gen("s", ten, 10);
  s.fail_at = 3;
  g = lw_teegroup(hs_node(&s, 0), 2);
  a = lw_pipe(lw_teebranch(g, 0));
  b = lw_pipe(lw_teebranch(g, 1));
  CHECK_STR(hs_drain(a, 1), "0 1 !-1");
  CHECK_STR(hs_drain(b, 1), "0 1");                               /* then it has ended */
  CHECK_INT(lw_close(a, 1), LW_OK);
  CHECK_INT(lw_close(b, 1), LW_OK);
  CHECK_INT(s.closes, 0);
  lw_free(a);
  lw_free(b);

}

/*
** Branches that leave while nothing was ever buffered (the buffer was never
** allocated): closing, freeing or dropping one must not pass NULL to memmove.
*/
static void test_tee_unbuffered (void) {
  hs_Source s;
  lw_TeeGroup *g;
  lw_Pipe *a, *b;

  /* one branch: it never buffers */
  g = lw_teegroup(lw_range(0, 3, 1, 1), 1);
  a = lw_pipe(lw_teebranch(g, 0));
  CHECK_INT(lw_observable(a), 0);
  CHECK_STR(hs_drain(a, LW_BATCH), "0 1 2");
  lw_free(a);

  /* a branch closed before anything was read */
  s = hs_gen("s", ten, 10);
  g = lw_teegroup(hs_node(&s, 0), 2);
  a = lw_pipe(lw_teebranch(g, 0));
  b = lw_pipe(lw_teebranch(g, 1));
  CHECK_INT(lw_close(a, 0), LW_OK);
  CHECK_STR(hs_drain(b, LW_BATCH), "0 1 2 3 4 5 6 7 8 9");
  lw_free(a);
  lw_free(b);

  /* every branch dropped before any was built or read */
  s = hs_gen("s", ten, 10);
  g = lw_teegroup(hs_node(&s, 0), 2);
  lw_teedrop(g, 0);
  lw_teedrop(g, 1);
  CHECK_INT(s.released, 1);
  CHECK_INT(hs_live(), 0);

  /* a branch built, the other dropped first, nothing read */
  s = hs_gen("s", ten, 10);
  g = lw_teegroup(hs_node(&s, 0), 2);
  lw_teedrop(g, 1);
  a = lw_pipe(lw_teebranch(g, 0));
  CHECK_STR(hs_drain(a, LW_BATCH), "0 1 2 3 4 5 6 7 8 9");
  lw_free(a);
  CHECK_INT(hs_live(), 0);
}

int main (void) {
  test_cycle();
  test_tee();
  test_tee_unbuffered();
  return hs_finish();
}
