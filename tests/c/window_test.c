/*
** window_test.c
** Groups of consecutive values (window.c): chunk and window.
*/
#include "host_stub.h"

static const double ten[10] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 };

static void test_chunk (void) {
  hs_Source s = hs_gen("s", ten, 10);
  lw_Pipe *p = lw_pipe(lw_chunk(hs_node(&s, 0), 4));
  CHECK_INT(lw_observable(p), 1);
  CHECK_STR(hs_pull(p, 1), "[0,1,2,3]");
  CHECK_INT(s.nexts, 4);                                          /* exactly one group */
  CHECK_INT(s.max_cap, 4);
  CHECK_STR(hs_drain(p, LW_BATCH), "[4,5,6,7] [8,9]");            /* the last one is short */
  CHECK_INT(s.closes, 0);
  lw_free(p);

  /* a length that divides: no empty chunk at the end */
  p = lw_pipe(lw_chunk(lw_range(0, 6, 1, 1), 3));
  CHECK_STR(hs_drain(p, LW_BATCH), "[0,1,2] [3,4,5]");
  lw_free(p);
  p = lw_pipe(lw_chunk(lw_empty(), 3));
  CHECK_STR(hs_drain(p, LW_BATCH), "");
  lw_free(p);
  p = lw_pipe(lw_chunk(lw_range(0, 3, 1, 1), 1));
  CHECK_STR(hs_drain(p, LW_BATCH), "[0] [1] [2]");
  lw_free(p);

  /* groups bigger than a batch */
  p = lw_pipe(lw_chunk(lw_range(0, 2500, 1, 1), 1000));
  CHECK_INT(lw_pull(p, LW_BATCH), 3);
  CHECK_INT(hs_array_len(lw_handle(lw_pipe_buf(p)[0])), 1000);
  CHECK_INT(hs_array_len(lw_handle(lw_pipe_buf(p)[2])), 500);
  CHECK_NUM(hs_number(hs_array_at(lw_handle(lw_pipe_buf(p)[1]), 999)), 1999);
  CHECK_NUM(hs_number(hs_array_at(lw_handle(lw_pipe_buf(p)[2]), 499)), 2499);
  hs_release_all(lw_pipe_buf(p), 3);
  lw_free(p);

  /* objects: owned by the arrays */
  s = hs_arr(ten, 5);
  s.objects = 1;
  p = lw_pipe(lw_chunk(hs_node(&s, 0), 2));
  CHECK_STR(hs_drain(p, LW_BATCH), "[#0,#1] [#2,#3] [#4]");
  lw_free(p);
  CHECK_INT(hs_live(), 0);

  /* an error in the middle of a group: the group so far is kept until the stage is freed */
  s = hs_gen("s", ten, 10);
  s.objects = 1;
  s.fail_at = 6;
  p = lw_pipe(lw_chunk(hs_node(&s, 0), 4));
  CHECK_STR(hs_drain(p, 1), "[#0,#1,#2,#3] !-1");
  CHECK_INT(lw_close(p, 1), LW_OK);
  CHECK_INT(s.closes, 0);
  lw_free(p);
  CHECK_INT(hs_live(), 0);

  /* an array that can't be made */
  s = hs_arr(ten, 10);
  s.objects = 1;
  hs_packs = 0;
  hs_pack_fail_at = 2;
  p = lw_pipe(lw_chunk(hs_node(&s, 0), 3));
  CHECK_STR(hs_drain(p, LW_BATCH), "!-1");
  hs_pack_fail_at = 0;
  lw_free(p);
  CHECK_INT(hs_live(), 0);

  /* closed in the middle; freed with a partial group */
  s = hs_gen("s", ten, 10);
  s.objects = 1;
  p = lw_pipe(lw_chunk(hs_node(&s, 0), 4));
  CHECK_STR(hs_pull(p, 1), "[#0,#1,#2,#3]");
  CHECK_INT(lw_close(p, 0), LW_OK);
  CHECK_INT(s.closes, 1);
  lw_free(p);
  CHECK_INT(hs_live(), 0);
}

static void test_window (void) {
  hs_Source s;
  lw_Pipe *p = lw_pipe(lw_window(lw_range(0, 5, 1, 1), 3));
  CHECK_STR(hs_drain(p, LW_BATCH), "[0,1,2] [1,2,3] [2,3,4]");
  lw_free(p);

  /* only full windows: a source shorter than one gives nothing */
  p = lw_pipe(lw_window(lw_range(0, 2, 1, 1), 3));
  CHECK_STR(hs_drain(p, LW_BATCH), "");
  lw_free(p);
  p = lw_pipe(lw_window(lw_range(0, 3, 1, 1), 3));
  CHECK_STR(hs_drain(p, LW_BATCH), "[0,1,2]");
  lw_free(p);
  p = lw_pipe(lw_window(lw_range(0, 3, 1, 1), 1));
  CHECK_STR(hs_drain(p, LW_BATCH), "[0] [1] [2]");
  lw_free(p);

  /* exact reads: the first window takes 'size' values, each one after takes one */
  s = hs_gen("s", ten, 10);
  p = lw_pipe(lw_window(hs_node(&s, 0), 2));
  CHECK_STR(hs_pull(p, 1), "[0,1]");
  CHECK_INT(s.nexts, 2);
  CHECK_STR(hs_pull(p, 2), "[1,2] [2,3]");
  CHECK_INT(s.nexts, 4);
  CHECK_STR(hs_pull(p, 1), "[3,4]");
  CHECK_INT(s.nexts, 5);
  CHECK_INT(lw_close(p, 0), LW_OK);
  CHECK_INT(s.closes, 1);
  lw_free(p);

  /* windows wider than a batch, the ring going round */
  p = lw_pipe(lw_window(lw_range(0, 302, 1, 1), 300));
  CHECK_INT(lw_pull(p, LW_BATCH), 3);
  CHECK_NUM(hs_number(hs_array_at(lw_handle(lw_pipe_buf(p)[0]), 0)), 0);
  CHECK_NUM(hs_number(hs_array_at(lw_handle(lw_pipe_buf(p)[1]), 0)), 1);
  CHECK_NUM(hs_number(hs_array_at(lw_handle(lw_pipe_buf(p)[2]), 0)), 2);
  CHECK_NUM(hs_number(hs_array_at(lw_handle(lw_pipe_buf(p)[2]), 299)), 301);
  hs_release_all(lw_pipe_buf(p), 3);
  lw_free(p);
  p = lw_pipe(lw_window(lw_range(0, 7, 1, 1), 3));
  CHECK_STR(hs_pull(p, 2), "[0,1,2] [1,2,3]");
  CHECK_STR(hs_pull(p, 2), "[2,3,4] [3,4,5]");
  CHECK_STR(hs_drain(p, 1), "[4,5,6]");
  lw_free(p);

  /* objects: each window holds its own references */
  s = hs_arr(ten, 4);
  s.objects = 1;
  p = lw_pipe(lw_window(hs_node(&s, 0), 2));
  CHECK_INT(lw_pull(p, LW_BATCH), 3);
  CHECK_STR(hs_fmt(lw_pipe_buf(p)[1]), "[#1,#2]");
  CHECK_INT(hs_refs(lw_handle(hs_array_at(lw_handle(lw_pipe_buf(p)[1]), 1))), 3);   /* two windows and the ring */
  hs_release_all(lw_pipe_buf(p), 3);
  lw_free(p);
  CHECK_INT(hs_live(), 0);

  /* errors: in the first fill, and later with windows already made in that pull */
  s = hs_gen("s", ten, 10);
  s.objects = 1;
  s.fail_at = 2;
  p = lw_pipe(lw_window(hs_node(&s, 0), 3));
  CHECK_STR(hs_drain(p, LW_BATCH), "!-1");
  lw_free(p);
  s = hs_gen("s", ten, 10);
  s.objects = 1;
  s.fail_at = 5;
  p = lw_pipe(lw_window(lw_host(hs_source(&s), 0, 0), 3));
  CHECK_STR(hs_drain(p, LW_BATCH), "!-1");
  lw_free(p);
  CHECK_INT(hs_live(), 0);

  /* arrays that can't be made: the first window, and one in the middle of a batch */
  s = hs_arr(ten, 10);
  s.objects = 1;
  hs_packs = 0;
  hs_pack_fail_at = 1;
  p = lw_pipe(lw_window(hs_node(&s, 0), 3));
  CHECK_STR(hs_drain(p, LW_BATCH), "!-1");
  lw_free(p);
  s = hs_arr(ten, 10);
  s.objects = 1;
  hs_packs = 0;
  hs_pack_fail_at = 4;
  p = lw_pipe(lw_window(hs_node(&s, 0), 3));
  CHECK_STR(hs_drain(p, LW_BATCH), "!-1");
  hs_pack_fail_at = 0;
  lw_free(p);
  CHECK_INT(hs_live(), 0);

  /* freed with a partial first window, never made */
  s = hs_gen("s", ten, 2);
  s.objects = 1;
  p = lw_pipe(lw_window(hs_node(&s, 0), 3));
  CHECK_STR(hs_drain(p, LW_BATCH), "");
  lw_free(p);
  CHECK_INT(hs_live(), 0);
}

int main (void) {
  test_chunk();
  test_window();
  return hs_finish();
}
