/*
** window.c
** Groups of consecutive values as arrays: chunk (disjoint) and window
** (sliding). Each holds at most one group of slots, never the sequence.
*/
#include "lwops.h"

typedef struct Group {
  lw_Node base;
  double size;
  lw_Vec buf;            /* chunk: the group so far; window: a ring of 'size' slots */
  size_t start;          /* window: the oldest slot of the ring */
  lw_Slot *row, *scratch;    /* window: the array being made; new values */
  lw_Vec line;               /* window: the window in order, then the new values */
} Group;

static void group_free (lw_Node *n) {
  Group *g = (Group *)n;
  lwV_clear(&g->buf);
  lwM_free(g->line.p);
  lwM_free(g->row);
  lwM_free(g->scratch);
}

/*
** Read from the source until the group holds 'size' slots or the source
** ends: 1, 0 at the end, < 0 on error. Never asks for more than the group
** lacks, so an observable source runs exactly as far as the group reaches.
*/
static int fill (Group *g) {
  lw_Vec *b = &g->buf;
  while ((double)b->n < g->size) {
    double lack = g->size - (double)b->n;
    int want = lack < LW_BATCH ? (int)lack : LW_BATCH, r;
    if ((r = lwV_reserve(b, b->n + (size_t)want)) < 0) return r;
    r = lwN_pull(g->base.src, b->p + b->n, want);
    if (r <= 0) return r;
    b->n += (size_t)r;
  }
  return 1;
}

/* chunk: arrays of 'size' values; the last may be shorter. */
static int chunk_pull (lw_Node *n, lw_Slot *out, int cap) {
  Group *g = (Group *)n;
  int k, r, h;
  for (k = 0; k < cap; k++) {
    r = fill(g);
    if (r < 0) return lwN_partial(out, k, r);
    if (g->buf.n == 0) return k;
    h = lw_host_pack(g->buf.p, (int)g->buf.n);
    g->buf.n = 0;
    if (h < 0) { lwS_releaseall(out, k); return h; }
    out[k] = lw_mkhandle((uint32_t)h);
  }
  return k;
}

static const lw_NodeClass chunk_class = {
  "chunk", chunk_pull, lwN_closesrc, group_free, lwN_noinput
};

lw_Node *lwX_chunk (lw_Node *src, double size) {
  Group *g = (Group *)lwN_new(&chunk_class, sizeof(Group), src);
  if (g == NULL) return NULL;
  g->size = size;
  g->base.numeric = 0;   /* arrays */
  return &g->base;
}


/* Make the array of the current window, oldest value first: a handle or < 0. */
static int emit_window (Group *g) {
  size_t i, n = g->buf.n;
  for (i = 0; i < n; i++) {
    lw_Slot v = g->buf.p[(g->start + i) % n];
    lw_retain(v);
    g->row[i] = v;
  }
  return lw_host_pack(g->row, (int)n);
}

/*
** window: every run of 'size' consecutive values, as TC39's proposed
** windows(size) ("only-full"): nothing when the source is shorter. After the
** first window each new value makes exactly one window.
*/
static int window_pull (lw_Node *n, lw_Slot *out, int cap) {
  Group *g = (Group *)n;
  int k = 0, r, m, i, h;
  size_t w;
  if ((double)g->buf.n < g->size) {
    r = fill(g);
    if (r <= 0) return r;
    g->row = (lw_Slot *)lwM_alloc(g->buf.n * sizeof(lw_Slot));
    if (g->row == NULL) return LW_ENOMEM;
    if ((h = emit_window(g)) < 0) return h;
    out[k++] = lw_mkhandle((uint32_t)h);
  }
  if (k == cap) return k;
  if (lwN_scratch(&g->scratch) == NULL) { lwS_releaseall(out, k); return LW_ENOMEM; }
  m = lwN_pull(n->src, g->scratch, cap - k);
  if (m < 0) return lwN_partial(out, k, m);
  if (m == 0) return k;
  /*
  ** The window in order, then the m new values: the window after the i-th
  ** new value is the 'size' slots from line[i + 1]. One host call copies them
  ** all into m arrays; the slots stay the window's.
  */
  w = g->buf.n;
  if ((r = lwV_reserve(&g->line, w + (size_t)m)) < 0) { lwS_releaseall(out, k); lwS_releaseall(g->scratch, m); return r; }
  for (i = 0; i < (int)w; i++) g->line.p[i] = g->buf.p[(g->start + (size_t)i) % w];
  memcpy(g->line.p + w, g->scratch, (size_t)m * sizeof(lw_Slot));
  h = lw_host_packrows(g->line.p + 1, (int)w, m, 1, 0, out + k);
  if (h >= 0) k += m;
  for (i = 0; i < m; i++) {   /* the ring moves on, win or lose */
    lw_release(g->buf.p[g->start]);
    g->buf.p[g->start] = g->scratch[i];
    g->start = (g->start + 1) % w;
  }
  if (h < 0) { lwS_releaseall(out, k); return h; }
  return k;
}

static const lw_NodeClass window_class = {
  "window", window_pull, lwN_closesrc, group_free, lwN_noinput
};

lw_Node *lwX_window (lw_Node *src, double size) {
  Group *g = (Group *)lwN_new(&window_class, sizeof(Group), src);
  if (g == NULL) return NULL;
  g->size = size;
  g->base.numeric = 0;   /* arrays */
  return &g->base;
}
