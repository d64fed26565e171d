/*
** bytes_test.c
** Byte streams (bytes.c): lines and numbers fed a piece at a time, whatever
** the piece size; LW_NEEDMORE passing through the stages and the resumable
** sinks without losing or repeating a value; closing the stream early.
*/
#include <math.h>

#include "host_stub.h"

/* Give the source node the next piece of 'text' (or its end); what is left to feed. */
static size_t feed (lw_Node *src, const char *text, size_t n, size_t piece) {
  size_t m = piece < n ? piece : n;
  uint8_t *dst;
  if (n == 0) { lw_bytes_end(src); return 0; }
  dst = lw_bytes_room(src, (double)m);
  CHECK(dst != NULL);
  memcpy(dst, text, m);
  lw_bytes_fed(src, (double)m);
  return n - m;
}

/*
** Pull the pipe with 'cap' until its end, feeding 'src' a piece of 'piece'
** bytes at each LW_NEEDMORE: the values as text ("!-1" for an error).
*/
static const char *run (lw_Pipe *p, lw_Node *src, const char *text, size_t n, size_t piece, int cap) {
  static char out[1 << 16];
  size_t len = 0, left = n;
  int k, i, ended = 0;
  out[0] = '\0';
  for (;;) {
    k = lw_pull(p, cap);
    if (k == LW_NEEDMORE) {
      CHECK(!ended);   /* nothing more is asked for after the end */
      if (left == 0) ended = 1;
      left = feed(src, text + (n - left), left, piece);
      continue;
    }
    if (k < 0) { len += (size_t)snprintf(out + len, sizeof out - len, "%s!%d", len ? " " : "", k); break; }
    if (k == 0) break;
    for (i = 0; i < k; i++) {
      len += (size_t)snprintf(out + len, sizeof out - len, "%s%s", len ? " " : "", hs_fmt(lw_pipe_buf(p)[i]));
    }
    hs_release_all(lw_pipe_buf(p), k);
  }
  return out;
}

/* The same text for every piece size from 1 to the whole and for caps 1, 2 and a batch. */
static void check_all_pieces (lw_Node *(*make) (uint32_t), const char *text, const char *want) {
  size_t n = strlen(text), piece;
  int caps[3] = { 1, 2, LW_BATCH }, c;
  for (c = 0; c < 3; c++) {
    for (piece = 1; piece <= (n ? n : 1); piece++) {
      hs_Source s = hs_gen(NULL, NULL, 0);
      lw_Node *src = make(hs_source(&s));
      lw_Pipe *p = lw_pipe(src);
      CHECK_STR(run(p, src, text, n, piece, caps[c]), want);
      CHECK_INT(lw_pull(p, 1), 0);        /* finished stays finished */
      lw_free(p);
      CHECK_INT(s.close_calls, 0);        /* a stream read to its end is not cancelled */
      CHECK_INT(s.released, 1);
    }
  }
}

static void test_lines (void) {
  check_all_pieces(lw_lines, "a\nb\r\nc", "'a' 'b' 'c'");
  check_all_pieces(lw_lines, "a\nb\r\nc\r\n", "'a' 'b' 'c'");
  check_all_pieces(lw_lines, "", "");
  check_all_pieces(lw_lines, "\n", "''");
  check_all_pieces(lw_lines, "\r\n\r\n", "'' ''");
  check_all_pieces(lw_lines, "a\n\nb\n\n", "'a' '' 'b' ''");
  check_all_pieces(lw_lines, "x\ry\rz\n", "'x\ry\rz'");            /* a lone \r is text */
  check_all_pieces(lw_lines, "end\r", "'end\r'");
  /* multibyte characters arrive whole whatever the piece boundaries */
  check_all_pieces(lw_lines, "h\xC3\xA9\n\xE2\x82\xAC\r\n\xF0\x9F\x98\x80", "'h\xC3\xA9' '\xE2\x82\xAC' '\xF0\x9F\x98\x80'");
  /* a byte order mark at the start is dropped, elsewhere it is text */
  check_all_pieces(lw_lines, "\xEF\xBB\xBF" "a\n\xEF\xBB\xBF" "b", "'a' '\xEF\xBB\xBF" "b'");
  check_all_pieces(lw_lines, "\xEF\xBB\xBF", "");
  check_all_pieces(lw_lines, "\xEF\xBB" "x", "'\xEF\xBB" "x'");
  check_all_pieces(lw_lines, "\xEF\xBB", "'\xEF\xBB'");
}

/* A line far longer than the pieces: carried over, searched once, delivered whole. */
static void test_huge_line (void) {
  size_t n = (1 << 20) + 5, piece = 4096, left = n;
  char *text = (char *)malloc(n);
  hs_Source s = hs_gen(NULL, NULL, 0);
  lw_Node *src;
  lw_Pipe *p;
  int k, lines = 0;
  memset(text, 'x', n);
  text[n - 5] = '\n';
  memcpy(text + n - 4, "tail", 4);
  src = lw_lines(hs_source(&s));
  p = lw_pipe(src);
  hs_text_calls = 0;
  for (;;) {
    k = lw_pull(p, LW_BATCH);
    if (k == LW_NEEDMORE) { left = feed(src, text + (n - left), left, piece); continue; }
    if (k <= 0) break;
    CHECK_INT(k, 1);
    CHECK_INT(strlen(hs_text(lw_handle(lw_pipe_buf(p)[0]))), lines == 0 ? (1 << 20) : 4);
    hs_release_all(lw_pipe_buf(p), k);
    lines++;
  }
  CHECK_INT(k, 0);
  CHECK_INT(lines, 2);
  CHECK_INT(hs_text_calls, 2);
  lw_free(p);
  free(text);
}

static void test_numbers (void) {
  check_all_pieces(lw_numbers, "1 2.5\n-3e2\t.5 5. +7 00012 1E+2 -0 1e400 1e-400 4.9e-324",
                   "1 2.5 -300 0.5 5 7 12 100 -0 Infinity 0 5e-324");
  check_all_pieces(lw_numbers, "", "");
  check_all_pieces(lw_numbers, " \t\r\n\v\f ", "");
  check_all_pieces(lw_numbers, "\r\n12\r\n34\r\n", "12 34");
  check_all_pieces(lw_numbers, "\xEF\xBB\xBF" "42 7", "42 7");
  /* tokens outside the decimal grammar are the host's Number() */
  hs_number_calls = 0;
  {
    hs_Source s = hs_gen(NULL, NULL, 0);
    lw_Node *src = lw_numbers(hs_source(&s));
    lw_Pipe *p = lw_pipe(src);
    const char *text = "0x10 abc 1 . 1e e5 -.e1 +-1 2";
    CHECK_STR(run(p, src, text, strlen(text), 3, LW_BATCH), "16 NaN 1 NaN NaN NaN NaN NaN 2");
    lw_free(p);
  }
  CHECK_INT(hs_number_calls, 7);
  /* engine data: read in batches, and only numbers (compiled stages over it run no JS) */
  {
    hs_Source s = hs_gen(NULL, NULL, 0);
    lw_Node *src = lw_numbers(hs_source(&s));
    lw_Pipe *p = lw_pipe(src);
    CHECK_INT(lw_observable(p), 0);
    CHECK_INT(src->numeric, 1);
    lw_free(p);
  }
}

/* LW_NEEDMORE through every stage an async sequence may have: nothing lost, nothing repeated. */
static void test_stages (void) {
  const char *text = "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15";
  size_t n = strlen(text), piece;
  for (piece = 1; piece <= n; piece += 3) {
    hs_Source s;
    lw_Node *src;
    lw_Pipe *p;
    hs_Callback sq = hs_cb("sq", hs_square), even = hs_cb(NULL, hs_is_even), lt4 = hs_cb(NULL, hs_lt4);
    hs_Callback add = hs_cb(NULL, NULL), lt7 = hs_cb(NULL, NULL);
    add.f2 = hs_add;
    lt7.f = hs_lt4;

    s = hs_gen(NULL, NULL, 0); src = lw_numbers(hs_source(&s));
    p = lw_pipe(lw_chunk(lw_filter(src, hs_callback(&even)), 3));
    CHECK_STR(run(p, src, text, n, piece, LW_BATCH), "[2,4,6] [8,10,12] [14]");
    lw_free(p);

    s = hs_gen(NULL, NULL, 0); src = lw_numbers(hs_source(&s));
    p = lw_pipe(lw_window(lw_drop(src, 10), 3));
    CHECK_STR(run(p, src, text, n, piece, LW_BATCH), "[11,12,13] [12,13,14] [13,14,15]");
    lw_free(p);

    s = hs_gen(NULL, NULL, 0); src = lw_numbers(hs_source(&s));
    p = lw_pipe(lw_slice(src, 1, 12, 4));
    CHECK_STR(run(p, src, text, n, piece, LW_BATCH), "2 6 10");
    lw_free(p);

    s = hs_gen(NULL, NULL, 0); src = lw_numbers(hs_source(&s));
    p = lw_pipe(lw_enumerate(lw_dropwhile(src, hs_callback(&lt4)), 0));
    CHECK_STR(run(p, src, text, n, piece, 5), "[0,4] [1,5] [2,6] [3,7] [4,8] [5,9] [6,10] [7,11] [8,12] [9,13] [10,14] [11,15]");
    lw_free(p);

    s = hs_gen(NULL, NULL, 0); src = lw_numbers(hs_source(&s));
    hs_log_clear();
    p = lw_pipe(lw_take(lw_map(src, hs_callback(&sq)), 3));
    CHECK_STR(run(p, src, text, n, piece, LW_BATCH), "1 4 9");
    CHECK_STR(hs_log(), "sq(1) sq(2) sq(3) ");   /* the map never ran ahead of take */
    CHECK_INT(s.close_calls, 1);                  /* take closed the stream at its limit */
    lw_free(p);

    s = hs_gen(NULL, NULL, 0); src = lw_numbers(hs_source(&s));
    p = lw_pipe(lw_dedupe(lw_takewhile(lw_scan(src, hs_callback(&add), 0), hs_callback(&lt7))));
    CHECK_STR(run(p, src, text, n, piece, LW_BATCH), "1 3");
    CHECK_INT(s.close_calls, 1);                  /* takeWhile closed the stream */
    lw_free(p);
  }
}

/* Sinks stopped by LW_NEEDMORE resume with what they had. */
static void test_resumable_sinks (void) {
  const char *text = "1.5 -2 3 100 -0.25";
  static const double want[5] = { 102.25, 0, -2, 100, -0.25 };
  size_t n = strlen(text), piece;
  int which, st;
  for (which = 0; which < 5; which++) {
    for (piece = 1; piece <= n; piece++) {
      hs_Source s = hs_gen(NULL, NULL, 0);
      lw_Node *src = lw_numbers(hs_source(&s));
      lw_Pipe *p = lw_pipe(src);
      size_t left = n;
      int needs = 0;
      for (;;) {
        st = which == 0 ? lw_sum(p) : which == 1 ? lw_count(p) : which == 2 ? lw_min(p)
           : which == 3 ? lw_max(p) : lw_last(p);
        if (st != LW_NEEDMORE) break;
        needs++;
        left = feed(src, text + (n - left), left, piece);
      }
      CHECK_INT(st, 0);
      CHECK(needs > (int)(n / piece) - 1);
      CHECK_NUM(lw_pipe_count(p), 5);
      if (which != 1) CHECK_NUM(lw_num(*lw_pipe_res(p)), want[which]);
      lw_free(p);
    }
  }
}

/* Closing early cancels the stream once; freeing a pipe stopped at LW_NEEDMORE leaks nothing. */
static void test_close (void) {
  hs_Source s = hs_gen("s", NULL, 0);
  lw_Node *src = lw_lines(hs_source(&s));
  lw_Pipe *p = lw_pipe(src);
  CHECK_INT(lw_pull(p, 1), LW_NEEDMORE);
  feed(src, "abc\ndef", 7, 7);
  CHECK_STR(hs_pull(p, LW_BATCH), "'abc'");
  CHECK_INT(lw_pull(p, LW_BATCH), LW_NEEDMORE);   /* "def" may go on */
  CHECK_INT(lw_close(p, 0), 0);
  CHECK_INT(lw_close(p, 0), 0);
  CHECK_INT(s.close_calls, 1);
  CHECK_INT(lw_pull(p, 1), 0);                    /* closed stays closed */
  lw_free(p);

  /* the last sink holds a value across LW_NEEDMORE; the wrapper releases it when it gives up */
  s = hs_gen(NULL, NULL, 0);
  src = lw_lines(hs_source(&s));
  p = lw_pipe(src);
  feed(src, "x\ny", 3, 3);
  CHECK_INT(lw_last(p), LW_NEEDMORE);
  CHECK_NUM(lw_pipe_count(p), 1);
  CHECK_STR(hs_fmt(*lw_pipe_res(p)), "'x'");
  hs_release_all(lw_pipe_res(p), 1);
  lw_free(p);
}

int main (void) {
  test_lines();
  test_huge_line();
  test_numbers();
  test_stages();
  test_resumable_sinks();
  test_close();
  return hs_finish();
}
