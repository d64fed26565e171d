/*
** api.c
** Every exported function, one thin line each where possible. Nodes are
** built by the wrapper from the sources down; a finished chain goes into a
** pipe, which owns it and the batch the wrapper reads.
*/
#include "lwops.h"
#include "lwnum.h"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#define LW_API EMSCRIPTEN_KEEPALIVE
#else
#define LW_API
#endif

struct lw_Pipe {
  lw_Node *head;
  lw_Slot res;           /* a sink's result, or a slot argument from the wrapper */
  double count;          /* how many values a sink read; a collected array's length */
  double *data;          /* lwK_collect's array, until the wrapper frees it */
  lw_Slot buf[LW_BATCH]; /* the batch lw_pull fills */
};

/* Slot arguments of constructors, written by the wrapper just before the call. */
static lw_Slot args[2];

/*
** The compiled program of the next callback stage built (lw_use_prog), and
** the reason the last lw_compile refused its text.
*/
static lw_Prog *pending;
static char compile_error[160];

static lw_Prog *take_prog (void) {
  lw_Prog *p = pending;
  pending = NULL;
  return p;
}

LW_API lw_Slot *lw_args (void) { return args; }
LW_API void *lw_alloc (double size) { return lwM_alloc((size_t)size); }
LW_API void lw_dealloc (void *p) { lwM_free(p); }
LW_API double lw_mem_used (void) { return (double)lwM_used(); }

/* ---- compiled callbacks ---- */
LW_API lw_Prog *lw_compile (const char *src, double len, int truth, int nargs) {
  return lwJ_compile(src, (size_t)len, truth, nargs, compile_error);
}
LW_API lw_Prog *lw_compile_rows (const char *src, double len, int nargs, int rows) {
  return lwJ_compile_rows(src, (size_t)len, nargs, rows, compile_error);
}
LW_API const char *lw_compile_error (void) { return compile_error; }
LW_API void lw_prog_release (lw_Prog *p) { lwJ_release(p); }
LW_API void lw_use_prog (lw_Prog *p) { pending = p; }
LW_API double lw_jit_op (int op, double a, double b, double c) { return lwJ_op(op, a, b, c); }
LW_API double lw_jit_heat (double steps) {
  double was = lwJ_jit_heat;
  lwJ_jit_heat = steps;
  return was;
}

/* ---- sources ---- */
LW_API lw_Node *lw_range (double a, double b, double s, int bounded) { return lwX_range(a, b, s, bounded); }
LW_API lw_Node *lw_repeat (double times) { return lwX_repeat(args[0], times); }
LW_API lw_Node *lw_fibonacci (void) { return lwX_fibonacci(); }
LW_API lw_Node *lw_random (uint32_t hi, uint32_t lo) { return lwX_random(((uint64_t)hi << 32) | lo); }
LW_API lw_Node *lw_host (uint32_t adapter, int obs, int numeric) { return lwX_host(adapter, obs, numeric); }
LW_API lw_Node *lw_recurrence (const lw_Slot *seeds, int k, uint32_t fn) { return lwX_recurrence(seeds, k, fn, take_prog()); }
LW_API lw_Node *lw_empty (void) { return lwX_empty(); }

/* ---- transforms ---- */
LW_API lw_Node *lw_map (lw_Node *s, uint32_t fn) { return lwX_map(s, fn, take_prog()); }
LW_API lw_Node *lw_filter (lw_Node *s, uint32_t fn) { return lwX_filter(s, fn, take_prog()); }
LW_API lw_Node *lw_takewhile (lw_Node *s, uint32_t fn) { return lwX_takewhile(s, fn, take_prog()); }
LW_API lw_Node *lw_dropwhile (lw_Node *s, uint32_t fn) { return lwX_dropwhile(s, fn, take_prog()); }
LW_API lw_Node *lw_flatmap (lw_Node *s, uint32_t fn) { return lwX_flatmap(s, fn); }
LW_API lw_Node *lw_scan (lw_Node *s, uint32_t fn, int hasinit) { return lwX_scan(s, fn, take_prog(), args[0], hasinit); }
LW_API lw_Node *lw_take (lw_Node *s, double n) { return lwX_take(s, n); }
LW_API lw_Node *lw_drop (lw_Node *s, double n) { return lwX_drop(s, n); }
LW_API lw_Node *lw_slice (lw_Node *s, double a, double b, double st) { return lwX_slice(s, a, b, st); }
LW_API lw_Node *lw_enumerate (lw_Node *s, double start) { return lwX_enumerate(s, start); }
LW_API lw_Node *lw_zip (lw_Node **in, int n) { return lwX_zip(in, n); }
LW_API lw_Node *lw_concat (lw_Node **in, int n) { return lwX_concat(in, n); }
LW_API lw_Node *lw_deferred (uint32_t seq) { return lwX_deferred(seq); }
LW_API lw_Node *lw_interleave (lw_Node **in, int n) { return lwX_interleave(in, n); }
LW_API lw_Node *lw_chunk (lw_Node *s, double size) { return lwX_chunk(s, size); }
LW_API lw_Node *lw_window (lw_Node *s, double size) { return lwX_window(s, size); }
LW_API lw_Node *lw_dedupe (lw_Node *s) { return lwX_dedupe(s); }
LW_API lw_Node *lw_unique (lw_Node *s, uint32_t set) { return lwX_unique(s, set); }
LW_API lw_Node *lw_cycle (lw_Node *s) { return lwX_cycle(s); }
LW_API lw_TeeGroup *lw_teegroup (lw_Node *s, int n) { return lwX_teegroup(s, n); }
LW_API lw_Node *lw_teebranch (lw_TeeGroup *g, int i) { return lwX_teebranch(g, i); }
LW_API void lw_teedrop (lw_TeeGroup *g, int i) { lwX_teedrop(g, i); }

/* ---- exact integers and primes (lwnum.h); the handles are borrowed ---- */
LW_API lw_Node *lw_bigrange (uint32_t start, uint32_t stop, uint32_t step) { return lwX_bigrange(start, stop, step); }
LW_API lw_Node *lw_bigfibonacci (void) { return lwX_bigfibonacci(); }
LW_API lw_Node *lw_primes (double from) { return lwX_primes(from); }

/* ---- combinatorics and selection (combinatorics.c, group.c) ---- */
LW_API lw_Node *lw_product (lw_Node **in, int n, double repeat) { return lwX_combinatorics(LW_PRODUCT, in, n, repeat); }
LW_API lw_Node *lw_permutations (lw_Node *s, double r) { return lwX_combinatorics(LW_PERMUTATIONS, &s, 1, r); }
LW_API lw_Node *lw_combinations (lw_Node *s, double r) { return lwX_combinatorics(LW_COMBINATIONS, &s, 1, r); }
LW_API lw_Node *lw_combinations_wr (lw_Node *s, double r) { return lwX_combinatorics(LW_COMBINATIONS_WR, &s, 1, r); }
LW_API lw_Node *lw_powerset (lw_Node *s) { return lwX_combinatorics(LW_POWERSET, &s, 1, 0); }
LW_API lw_Node *lw_compress (lw_Node *d, lw_Node *sel, uint32_t truth, int invert) { return lwX_compress(d, sel, truth, invert); }
LW_API lw_Node *lw_ziplongest (lw_Node **in, int n) { return lwX_ziplongest(in, n, args[0]); }
LW_API lw_Node *lw_roundrobin (lw_Node **in, int n) { return lwX_roundrobin(in, n); }
LW_API lw_Node *lw_batched (lw_Node *s, double size, uint32_t fail) { return lwX_batched(s, size, fail); }

/* Free a chain that never made it into a pipe (the wrapper's cleanup after a failed build). */
LW_API void lw_node_free (lw_Node *n) { lwN_free(n); }


/* ---- pipes ---- */

/* A pipe over 'head', or NULL when out of memory ('head' is then still the caller's). */
LW_API lw_Pipe *lw_pipe (lw_Node *head) {
  lw_Pipe *p = (lw_Pipe *)lwM_raw(sizeof(lw_Pipe));   /* buf is written by each pull before it is read */
  if (p == NULL) return NULL;
  p->head = head;
  p->res = lw_mknum(0);
  p->count = 0;
  p->data = NULL;
  return p;
}

LW_API lw_Slot *lw_pipe_buf (lw_Pipe *p) { return p->buf; }
LW_API lw_Slot *lw_pipe_res (lw_Pipe *p) { return &p->res; }
LW_API double lw_pipe_count (lw_Pipe *p) { return p->count; }
LW_API double *lw_pipe_data (lw_Pipe *p) { return p->data; }
LW_API int lw_observable (lw_Pipe *p) { return p->head->observable; }

/*
** for…of over a pipeline that ends in JS stages (lw_tail; NULL when it does
** not) the wrapper runs itself, one value per next(), as TC39 calls them; no
** crossing per value. Over a source that runs no user code it reads that
** source a batch at a time (lw_pull_tail). Over a sync JS iterator, or when
** the whole pipeline is one (with a take folded in), it reads the iterator's
** adapter (lw_tail_iterator) one value at a time, counting down the values
** it may still read (lw_tail_left); at 0, lw_pull closes it as take does.
*/
LW_API lw_Stages *lw_tail (lw_Pipe *p) { return lwX_chain_tail(p->head); }

LW_API int lw_pull_tail (lw_Pipe *p, int cap) {
  if (cap < 1 || cap > LW_BATCH || lw_tail(p) == NULL) return LW_ESTATE;
  if (lwN_stack_exhausted()) return LW_ESTACK;
  return lwX_chain_pullsrc(p->head, p->buf, cap);
}

static lw_Node *tail_iterator (lw_Pipe *p) {
  lw_Node *n = lw_tail(p) != NULL ? p->head->src : p->head;
  return lwX_host_iterator(n) ? n : NULL;
}

LW_API uint32_t lw_tail_iterator (lw_Pipe *p) {
  lw_Node *n = tail_iterator(p);
  return n != NULL ? lwX_host_adapter(n) : 0;
}

LW_API double *lw_tail_left (lw_Pipe *p) {
  lw_Node *n = tail_iterator(p);
  return n != NULL ? lwX_host_left(n) : NULL;
}

LW_API int lw_pull (lw_Pipe *p, int cap) {
  if (cap < 1 || cap > LW_BATCH) return LW_ESTATE;
  if (lwN_stack_exhausted()) return LW_ESTACK;
  return lwN_pull(p->head, p->buf, cap);
}

LW_API int lw_close (lw_Pipe *p, int abrupt) { return lwN_close(p->head, abrupt); }

/* Free the pipe, its nodes and a collected array; closes nothing. */
LW_API void lw_free (lw_Pipe *p) {
  lwN_free(p->head);
  lwM_free(p->data);
  lwM_free(p);
}

/* ---- sinks: a status; results in res, count and data ---- */
/* Each refuses to run nested too deeply (lwN_stack_exhausted), as lw_pull does. */
#define SINK(call) (lwN_stack_exhausted() ? LW_ESTACK : (call))
LW_API int lw_sum (lw_Pipe *p) { return SINK(lwK_sum(p->head, 1, &p->res, &p->count)); }
LW_API int lw_mean (lw_Pipe *p) { return SINK(lwK_sum(p->head, 0, &p->res, &p->count)); }   /* numbers only */
LW_API int lw_count (lw_Pipe *p) { return SINK(lwK_count(p->head, &p->count)); }
LW_API int lw_min (lw_Pipe *p) { return SINK(lwK_minmax(p->head, 0, &p->res, &p->count)); }
LW_API int lw_max (lw_Pipe *p) { return SINK(lwK_minmax(p->head, 1, &p->res, &p->count)); }
LW_API int lw_last (lw_Pipe *p) { return SINK(lwK_last(p->head, &p->res, &p->count)); }
LW_API int lw_nth (lw_Pipe *p, double i) { return SINK(lwK_nth(p->head, i, &p->res, &p->count)); }
LW_API int lw_includes (lw_Pipe *p) { return SINK(lwK_includes(p->head, &p->res, &p->count)); }
LW_API int lw_collect (lw_Pipe *p) { return SINK(lwK_collect(p->head, &p->data, &p->count, &p->res)); }

/* ---- byte streams ---- */
LW_API lw_Node *lw_lines (uint32_t adapter) { return lwX_lines(adapter); }
LW_API lw_Node *lw_numbers (uint32_t adapter) { return lwX_numbers(adapter); }
LW_API uint8_t *lw_bytes_room (lw_Node *n, double want) { return lwX_bytes_room(n, (size_t)want); }
LW_API void lw_bytes_fed (lw_Node *n, double got) { lwX_bytes_fed(n, (size_t)got); }
LW_API void lw_bytes_end (lw_Node *n) { lwX_bytes_end(n); }
LW_API int lw_bytes_wants (lw_Node *n) { return lwX_bytes_wants(n); }
