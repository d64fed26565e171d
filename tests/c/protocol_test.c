/*
** protocol_test.c
** The pull/close/free protocol (node.c, api.c) for every kind of stage: a
** finished pipe stays finished, close is idempotent and reaches a host source
** exactly once, a source that threw is never closed, errors come out of every
** stage, and freeing lets go of every value and byte.
*/
#include <math.h>

#include "host_stub.h"

static const double ten[10] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 };

typedef struct Stage {
  const char *name;
  lw_Node *(*make) (lw_Node *src, hs_Callback *c);
  int callback;          /* runs the callback */
  int endless;           /* never ends, even over a finite source */
  int lazy;              /* its source is not opened before it is read (concat), so not closed either */
} Stage;

static lw_Node *mk_map (lw_Node *s, hs_Callback *c) { c->f = hs_identity; return lw_map(s, hs_callback(c)); }
static lw_Node *mk_filter (lw_Node *s, hs_Callback *c) { c->f = hs_yes; return lw_filter(s, hs_callback(c)); }
static lw_Node *mk_takewhile (lw_Node *s, hs_Callback *c) { c->f = hs_yes; return lw_takewhile(s, hs_callback(c)); }
static double lt2 (double x, double i) { (void)i; return x < 2; }
static lw_Node *mk_dropwhile (lw_Node *s, hs_Callback *c) { c->f = lt2; return lw_dropwhile(s, hs_callback(c)); }
static lw_Node *mk_flatmap (lw_Node *s, hs_Callback *c) {
  c->f = hs_identity; c->inner_n = 2;
  return lw_flatmap(s, hs_callback(c));
}
static lw_Node *mk_scan (lw_Node *s, hs_Callback *c) { c->f2 = hs_add; return lw_scan(s, hs_callback(c), 0); }
static lw_Node *mk_scan_init (lw_Node *s, hs_Callback *c) {
  c->f2 = hs_add;
  lw_args()[0] = hs_objslot(100);
  return lw_scan(s, hs_callback(c), 1);
}
static lw_Node *mk_take (lw_Node *s, hs_Callback *c) { (void)c; return lw_take(s, 1e9); }
static lw_Node *mk_drop (lw_Node *s, hs_Callback *c) { (void)c; return lw_drop(s, 1); }
static lw_Node *mk_slice (lw_Node *s, hs_Callback *c) { (void)c; return lw_slice(s, 0, 1e9, 1); }
static lw_Node *mk_enumerate (lw_Node *s, hs_Callback *c) { (void)c; return lw_enumerate(s, 0); }
static lw_Node *mk_zip (lw_Node *s, hs_Callback *c) {
  lw_Node *in[2];
  (void)c;
  in[0] = s; in[1] = lw_range(0, 1e9, 1, 1);
  return lw_zip(in, 2);
}
static lw_Node *mk_concat (lw_Node *s, hs_Callback *c) {
  lw_Node *in[3];
  (void)c;
  in[0] = lw_empty(); in[1] = s; in[2] = lw_range(0, 2, 1, 1);
  return lw_concat(in, 3);
}
static lw_Node *mk_interleave (lw_Node *s, hs_Callback *c) {
  lw_Node *in[2];
  (void)c;
  lw_args()[0] = hs_objslot(-1);
  in[0] = s; in[1] = lw_repeat(INFINITY);
  return lw_interleave(in, 2);
}
static lw_Node *mk_chunk (lw_Node *s, hs_Callback *c) { (void)c; return lw_chunk(s, 2); }
static lw_Node *mk_window (lw_Node *s, hs_Callback *c) { (void)c; return lw_window(s, 2); }
static lw_Node *mk_dedupe (lw_Node *s, hs_Callback *c) { (void)c; return lw_dedupe(s); }
static lw_Node *mk_unique (lw_Node *s, hs_Callback *c) { (void)c; return lw_unique(s, hs_set()); }
static lw_Node *mk_cycle (lw_Node *s, hs_Callback *c) { (void)c; return lw_cycle(s); }
static lw_Node *mk_chain (lw_Node *s, hs_Callback *c) {   /* several stages deep */
  c->f = hs_yes;
  return lw_chunk(lw_take(lw_filter(lw_drop(s, 0), hs_callback(c)), 1e9), 1);
}

static const Stage stages[] = {
  { "source", NULL, 0, 0, 0 },
  { "map", mk_map, 1, 0, 0 },
  { "filter", mk_filter, 1, 0, 0 },
  { "takeWhile", mk_takewhile, 1, 0, 0 },
  { "dropWhile", mk_dropwhile, 1, 0, 0 },
  { "flatMap", mk_flatmap, 1, 0, 0 },
  { "scan", mk_scan, 1, 0, 0 },
  { "scan(init)", mk_scan_init, 1, 0, 0 },
  { "take", mk_take, 0, 0, 0 },
  { "drop", mk_drop, 0, 0, 0 },
  { "slice", mk_slice, 0, 0, 0 },
  { "enumerate", mk_enumerate, 0, 0, 0 },
  { "zip", mk_zip, 0, 0, 0 },
  { "concat", mk_concat, 0, 0, 1 },
  { "interleave", mk_interleave, 0, 0, 0 },
  { "chunk", mk_chunk, 0, 0, 0 },
  { "window", mk_window, 0, 0, 0 },
  { "dedupe", mk_dedupe, 0, 0, 0 },
  { "unique", mk_unique, 0, 0, 0 },
  { "cycle", mk_cycle, 0, 1, 0 },
  { "chain", mk_chain, 1, 0, 0 },
};

static const Stage *current;

/* A pipe of the current stage over an iterator of 5 objects (fail_at: its next() that throws). */
static lw_Pipe *build (hs_Source *s, hs_Callback *c, int fail_at) {
  lw_Node *src;
  *s = hs_gen(NULL, ten, 5);
  s->objects = 1;
  s->fail_at = fail_at;
  *c = hs_cb(NULL, NULL);
  src = hs_node(s, 0);
  return lw_pipe(current->make != NULL ? current->make(src, c) : src);
}

/* Report which stage a failed check was about. */
#define SCHECK(cond) do { if (cond) hs_checks++; else { fprintf(stderr, "in stage %s:\n", current->name); \
  hs_fail(__FILE__, __LINE__, #cond, NULL); } } while (0)

static void finished_stays_finished (void) {
  hs_Source s;
  hs_Callback c;
  lw_Pipe *p = build(&s, &c, 0);
  const char *all = hs_drain(p, 1);
  int nexts = s.nexts, calls = c.calls;
  SCHECK(strlen(all) > 0);
  SCHECK(lw_pull(p, 1) == 0);
  SCHECK(lw_pull(p, LW_BATCH) == 0);
  SCHECK(s.nexts == nexts && c.calls == calls);                   /* nothing more is read or called */
  SCHECK(lw_close(p, 0) == LW_OK);
  SCHECK(lw_close(p, 0) == LW_OK);
  SCHECK(lw_close(p, 1) == LW_OK);
  SCHECK(s.close_calls <= 1);
  SCHECK(s.closes == 0);                                          /* it had ended */
  SCHECK(lw_pull(p, 1) == 0);
  lw_free(p);
  SCHECK(s.released == 1);
  SCHECK(hs_live() == 0);
  SCHECK(lw_mem_used() == 0);
}

static void close_early (int pulls) {
  hs_Source s;
  hs_Callback c;
  lw_Pipe *p = build(&s, &c, 0);
  int i, nexts;
  for (i = 0; i < pulls; i++) SCHECK(lw_pull(p, 1) == 1 && (hs_release_all(lw_pipe_buf(p), 1), 1));
  nexts = s.nexts;
  SCHECK(lw_close(p, 0) == LW_OK);
  SCHECK(lw_close(p, 0) == LW_OK);
  SCHECK(lw_close(p, 1) == LW_OK);
  if (pulls == 0 && current->lazy) SCHECK(s.close_calls == 0);   /* never opened, never closed */
  else {
    SCHECK(s.closes == 1);                                        /* return() once */
    SCHECK(s.abrupt == 0);
    SCHECK(s.close_calls == 1);                                   /* asked once, however often closed */
  }
  SCHECK(lw_pull(p, 1) == 0);                                     /* closed: finished */
  SCHECK(s.nexts == nexts);
  lw_free(p);
  SCHECK(hs_live() == 0);
  SCHECK(lw_mem_used() == 0);
}

static void close_abruptly (void) {
  hs_Source s;
  hs_Callback c;
  lw_Pipe *p = build(&s, &c, 0);
  SCHECK(lw_pull(p, 1) == 1);
  hs_release_all(lw_pipe_buf(p), 1);
  s.close_fails = 1;
  SCHECK(lw_close(p, 1) == LW_OK);                                /* its error is ignored */
  SCHECK(s.closes == 1 && s.abrupt == 1);
  lw_free(p);
  p = build(&s, &c, 0);
  SCHECK(lw_pull(p, 1) == 1);
  hs_release_all(lw_pipe_buf(p), 1);
  s.close_fails = 1;
  SCHECK(lw_close(p, 0) == LW_EHOST);                             /* reported */
  SCHECK(lw_close(p, 0) == LW_OK);                                /* once */
  SCHECK(s.closes == 1 && s.abrupt == 0);
  lw_free(p);
  SCHECK(hs_live() == 0);
}

static void failing_source (void) {
  hs_Source s;
  hs_Callback c;
  lw_Pipe *p = build(&s, &c, 3);
  const char *all = hs_drain(p, 1);
  int nexts = s.nexts;
  SCHECK(strlen(all) >= 3 && strcmp(all + strlen(all) - 3, "!-1") == 0);   /* the error comes out */
  SCHECK(lw_pull(p, 1) == 0);                                     /* then it has ended */
  SCHECK(s.nexts == nexts);
  SCHECK(lw_close(p, 1) == LW_OK);
  SCHECK(s.closes == 0);                                          /* a source that threw is not closed */
  lw_free(p);
  SCHECK(hs_live() == 0);
  SCHECK(lw_mem_used() == 0);
}

static void failing_callback (void) {
  hs_Source s;
  hs_Callback c;
  lw_Pipe *p = build(&s, &c, 0);
  const char *all;
  c.fail_at = 2;
  all = hs_drain(p, 1);
  SCHECK(strlen(all) >= 3 && strcmp(all + strlen(all) - 3, "!-1") == 0);
  SCHECK(lw_pull(p, 1) == 0);
  SCHECK(c.calls == 2);
  SCHECK(lw_close(p, 1) == LW_OK);                                /* the wrapper's close after an error */
  SCHECK(s.closes == 1 && s.abrupt == 1);                         /* TC39 IfAbruptCloseIterator */
  lw_free(p);
  SCHECK(hs_live() == 0);
  SCHECK(lw_mem_used() == 0);
}

static void run_stage (const Stage *st) {
  current = st;
  if (!st->endless) finished_stays_finished();
  close_early(0);
  close_early(1);
  close_abruptly();
  failing_source();
  if (st->callback) failing_callback();
}

int main (void) {
  size_t i;
  for (i = 0; i < sizeof stages / sizeof stages[0]; i++) run_stage(&stages[i]);

  /* freeing in the middle, with values still in the batch */
  for (i = 0; i < sizeof stages / sizeof stages[0]; i++) {
    hs_Source s;
    hs_Callback c;
    lw_Pipe *p;
    int k;
    current = &stages[i];
    p = build(&s, &c, 0);
    k = lw_pull(p, 2);
    SCHECK(k > 0);
    hs_release_all(lw_pipe_buf(p), k);
    lw_free(p);
    SCHECK(s.closes == 0);                                        /* freeing closes nothing */
    SCHECK(s.released == 1);
    SCHECK(hs_live() == 0);
    SCHECK(lw_mem_used() == 0);
  }
  for (i = 0; i < sizeof stages / sizeof stages[0]; i++) {
    hs_Source s;
    hs_Callback c;
    lw_Pipe *p;
    int k;
    current = &stages[i];
    p = build(&s, &c, 0);
    SCHECK(lw_pull(p, 0) == LW_ESTATE);
    SCHECK(lw_pull(p, -1) == LW_ESTATE);
    SCHECK(lw_pull(p, LW_BATCH + 1) == LW_ESTATE);
    SCHECK(s.fills == 0 && c.calls == 0);                         /* refused before anything runs */
    k = lw_pull(p, LW_BATCH);
    SCHECK(k > 0);                                                /* and the pipe is still fine */
    hs_release_all(lw_pipe_buf(p), k);
    lw_free(p);
  }

  /* chains never put in a pipe are freed with lw_node_free */
  {
    hs_Source s = hs_gen(NULL, ten, 5);
    hs_Callback c = hs_cb(NULL, hs_square);
    lw_node_free(lw_map(lw_take(hs_node(&s, 0), 3), hs_callback(&c)));
    CHECK_INT(s.released, 1);
    CHECK_INT(c.released, 1);
    CHECK_INT(s.closes, 0);
    CHECK_INT(hs_live(), 0);
  }

  /* core memory for the wrapper */
  {
    char *m = (char *)lw_alloc(100);
    CHECK(m != NULL);
    CHECK_NUM(lw_mem_used(), 100);
    memset(m, 1, 100);
    lw_dealloc(m);
    CHECK_NUM(lw_mem_used(), 0);
    lw_dealloc(NULL);
    CHECK(lw_args() == lw_args());
  }
  return hs_finish();
}
