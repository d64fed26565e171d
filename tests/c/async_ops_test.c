/*
** async_ops_test.c
** The stages an async sequence gains beyond map/filter/…: batched, cycle and
** the several-input ones (zip, zipLongest, compress, concat, interleave,
** roundrobin) over byte-stream inputs (bytes.c) fed a piece at a time. A
** LW_NEEDMORE must lose and repeat nothing, name exactly one input that wants
** bytes (lw_bytes_wants), and a pipe freed while it waits must leak nothing.
*/
#include "host_stub.h"

#define MAXIN 3

typedef struct Input {
  lw_Node *src;          /* the numbers node */
  const char *text;
  size_t left;           /* bytes not fed yet */
  int ended;             /* lw_bytes_end was called */
  int feeds;             /* pieces (or the end) fed */
} Input;

static lw_Node *numbers_of (Input *in, hs_Source *s, const char *text) {
  *s = hs_gen(NULL, NULL, 0);
  in->src = lw_numbers(hs_source(s));
  in->text = text;
  in->left = strlen(text);
  in->ended = 0;
  in->feeds = 0;
  return in->src;
}

/* Feed the input that asked: there must be exactly one. */
static void feed_wanting (Input *ins, int n, size_t piece) {
  int i, wanting = -1, count = 0;
  for (i = 0; i < n; i++) {
    if (lw_bytes_wants(ins[i].src)) { wanting = i; count++; }
  }
  CHECK_INT(count, 1);
  if (count != 1) return;
  {
    Input *in = &ins[wanting];
    size_t m = piece < in->left ? piece : in->left;
    CHECK(!in->ended);   /* nothing more is asked of an ended input */
    in->feeds++;
    if (in->left == 0) { lw_bytes_end(in->src); in->ended = 1; return; }
    memcpy(lw_bytes_room(in->src, (double)m), in->text + (strlen(in->text) - in->left), m);
    lw_bytes_fed(in->src, (double)m);
    in->left -= m;
    CHECK(!lw_bytes_wants(in->src));   /* fed: no longer asking */
  }
}

/* Pull 'p' with 'cap' to its end, feeding whichever input asks: the values as text. */
static const char *run (lw_Pipe *p, Input *ins, int n, size_t piece, int cap) {
  static char out[1 << 14];
  size_t len = 0;
  int k, i, guard = 0;
  out[0] = '\0';
  while (guard++ < 100000) {
    k = lw_pull(p, cap);
    if (k == LW_NEEDMORE) { feed_wanting(ins, n, piece); continue; }
    if (k < 0) { len += (size_t)snprintf(out + len, sizeof out - len, "%s!%d", len ? " " : "", k); break; }
    if (k == 0) break;
    for (i = 0; i < k; i++) {
      len += (size_t)snprintf(out + len, sizeof out - len, "%s%s", len ? " " : "", hs_fmt(lw_pipe_buf(p)[i]));
    }
    hs_release_all(lw_pipe_buf(p), k);
  }
  return out;
}

/* A JS map (identity) over the numbers makes the input observable: rows are read one at a time. */
static lw_Node *observed (lw_Node *src, hs_Callback *id) {
  *id = hs_cb(NULL, hs_identity);
  return lw_map(src, hs_callback(id));
}

static const size_t pieces[] = { 1, 2, 3, 5, 100 };
static const int caps[] = { 1, 2, LW_BATCH };
#define NPIECES (sizeof pieces / sizeof pieces[0])

static void test_batched_cycle (void) {
  size_t pc;
  int c;
  for (pc = 0; pc < NPIECES; pc++) {
    for (c = 0; c < 3; c++) {
      Input in[1];
      hs_Source s;
      lw_Pipe *p = lw_pipe(lw_batched(numbers_of(&in[0], &s, "1 2 3 4 5"), 2, 0));
      CHECK_STR(run(p, in, 1, pieces[pc], caps[c]), "[1,2] [3,4] [5]");
      lw_free(p);

      p = lw_pipe(lw_batched(numbers_of(&in[0], &s, "1 2 3"), 1, 0));   /* finished batches are kept across LW_NEEDMORE */
      CHECK_STR(run(p, in, 1, pieces[pc], caps[c]), "[1] [2] [3]");
      lw_free(p);

      p = lw_pipe(lw_take(lw_cycle(numbers_of(&in[0], &s, "7 8 9")), 7));
      CHECK_STR(run(p, in, 1, pieces[pc], caps[c]), "7 8 9 7 8 9 7");
      lw_free(p);
    }
  }
}

/* Each several-input stage over two or three fed inputs, plain and observable. */
static void test_multi (void) {
  size_t pc;
  int c, obs;
  for (obs = 0; obs < 2; obs++) {
    for (pc = 0; pc < NPIECES; pc++) {
      for (c = 0; c < 3; c++) {
        Input in[MAXIN];
        hs_Source s[MAXIN];
        hs_Callback id[MAXIN];
        lw_Node *nodes[MAXIN];
        lw_Pipe *p;
        size_t piece = pieces[pc];
        int cap = caps[c];
#define OPEN(i, text) (nodes[i] = obs ? observed(numbers_of(&in[i], &s[i], text), &id[i]) : numbers_of(&in[i], &s[i], text))

        OPEN(0, "1 2 3"); OPEN(1, "10 20 30 40");
        p = lw_pipe(lw_zip(nodes, 2));
        CHECK_STR(run(p, in, 2, piece, cap), "[1,10] [2,20] [3,30]");
        CHECK_INT(s[1].close_calls, 1);   /* the longer input was closed when the shorter ended */
        lw_free(p);

        OPEN(0, "1 2 3 4"); OPEN(1, "10 20"); OPEN(2, "5 6 7");
        p = lw_pipe(lw_zip(nodes, 3));
        CHECK_STR(run(p, in, 3, piece, cap), "[1,10,5] [2,20,6]");
        lw_free(p);

        OPEN(0, "1 2 3"); OPEN(1, "10");
        *lw_args() = lw_mknum(-1);
        p = lw_pipe(lw_ziplongest(nodes, 2));
        CHECK_STR(run(p, in, 2, piece, cap), "[1,10] [2,-1] [3,-1]");
        lw_free(p);

        OPEN(0, "1 2 3 4 5 6"); OPEN(1, "1 0 1 0 1");
        p = lw_pipe(lw_compress(nodes[0], nodes[1], 0, 0));
        CHECK_STR(run(p, in, 2, piece, cap), "1 3 5");
        lw_free(p);

        OPEN(0, "1 2"); OPEN(1, "3 4 5");
        p = lw_pipe(lw_concat(nodes, 2));
        CHECK_STR(run(p, in, 2, piece, cap), "1 2 3 4 5");
        lw_free(p);

        OPEN(0, "1 2 3"); OPEN(1, "10 20 30 40");
        p = lw_pipe(lw_interleave(nodes, 2));
        CHECK_STR(run(p, in, 2, piece, cap), "1 10 2 20 3 30");
        lw_free(p);

        OPEN(0, "1 2 3"); OPEN(1, "10"); OPEN(2, "5 6 7 8");
        p = lw_pipe(lw_roundrobin(nodes, 3));
        CHECK_STR(run(p, in, 3, piece, cap), "1 10 5 2 6 3 7 8");
        lw_free(p);
#undef OPEN
      }
    }
  }
}

/* Pull, feeding the first input, until the second asks for bytes. */
static void wait_for_second (lw_Pipe *p, Input *in) {
  int k;
  while ((k = lw_pull(p, LW_BATCH)) == LW_NEEDMORE && !lw_bytes_wants(in[1].src)) feed_wanting(in, 2, 100);
  CHECK_INT(k, LW_NEEDMORE);
  CHECK(!lw_bytes_wants(in[0].src));
}

/* A pipe freed while a row waits for its second input lets go of the first input's value (hs_finish checks). */
static void test_free_while_waiting (void) {
  Input in[2];
  hs_Source s[2];
  lw_Node *nodes[2];
  lw_Pipe *p;
  nodes[0] = numbers_of(&in[0], &s[0], "1 2 3");
  nodes[1] = numbers_of(&in[1], &s[1], "4");
  p = lw_pipe(lw_zip(nodes, 2));
  wait_for_second(p, in);
  lw_free(p);

  nodes[0] = numbers_of(&in[0], &s[0], "1 2 3");
  nodes[1] = numbers_of(&in[1], &s[1], "1");
  p = lw_pipe(lw_compress(nodes[0], nodes[1], 0, 0));
  wait_for_second(p, in);
  lw_free(p);

  nodes[0] = numbers_of(&in[0], &s[0], "1 2 3");
  nodes[1] = numbers_of(&in[1], &s[1], "1");
  *lw_args() = lw_mknum(0);
  p = lw_pipe(lw_ziplongest(nodes, 2));
  wait_for_second(p, in);
  lw_free(p);
}

/* zip and compress over byte streams read one row at a time: no piece is read for a value a shorter input drops. */
static void test_no_read_ahead (void) {
  Input in[2];
  hs_Source s[2];
  lw_Node *nodes[2];
  lw_Pipe *p;
  nodes[0] = numbers_of(&in[0], &s[0], "1 2 3 4 5 6 7 8 9");
  nodes[1] = numbers_of(&in[1], &s[1], "7");
  p = lw_pipe(lw_zip(nodes, 2));
  CHECK_STR(run(p, in, 2, 2, LW_BATCH), "[1,7]");
  CHECK_INT(in[0].feeds, 2);        /* "1 " and "2 ": the second row found the end of the other input */
  CHECK_INT(s[0].close_calls, 1);
  lw_free(p);

  nodes[0] = numbers_of(&in[0], &s[0], "1 2 3 4 5 6 7 8 9");
  nodes[1] = numbers_of(&in[1], &s[1], "1 0");
  p = lw_pipe(lw_compress(nodes[0], nodes[1], 0, 0));
  CHECK_STR(run(p, in, 2, 2, LW_BATCH), "1");
  CHECK_INT(in[0].feeds, 3);        /* the third value's piece: then the selectors end */
  lw_free(p);
}

int main (void) {
  test_no_read_ahead();
  test_batched_cycle();
  test_multi();
  test_free_while_waiting();
  return hs_finish();
}
