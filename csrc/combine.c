/*
** combine.c
** Several inputs into one: zip, concat, interleave. Inputs are owned by the
** node (freed with it) and reached through the class's 'input'.
*/
#include "lwops.h"

typedef struct Multi {
  lw_Node base;
  int n, cur;            /* cur: concat's input, interleave's turn */
  int started;           /* concat: input 'cur' has been pulled */
  lw_Node **in;
  lw_Slot *cols;         /* zip: one batch of scratch per input */
  lw_Slot *rows;         /* zip: the same slots row by row, for lw_host_packrows */
  int *have;             /* zip: how many values each input has given for the rows in progress */
  int pend;              /* zip: how many rows are in progress (0: none); kept across LW_NEEDMORE */
} Multi;

static lw_Node *multi_input (lw_Node *n, int i) {
  Multi *m = (Multi *)n;
  return i < m->n ? m->in[i] : NULL;
}

static void multi_free (lw_Node *n) {
  Multi *m = (Multi *)n;
  lwM_free(m->in);
  lwM_free(m->cols);
  lwM_free(m->rows);
  lwM_free(m->have);
}

/* Close inputs [from, to) in reverse order (TC39's IteratorCloseAll). First error wins. */
static int close_range (Multi *m, int from, int to, int abrupt) {
  int st = LW_OK, i;
  for (i = to - 1; i >= from; i--) {
    int s = lwN_close(m->in[i], abrupt || st < 0);
    if (st == LW_OK && s < 0) st = s;
  }
  return st;
}

static int multi_close (lw_Node *n, int abrupt) {
  Multi *m = (Multi *)n;
  return close_range(m, 0, m->n, abrupt);
}

static Multi *multi_new (const lw_NodeClass *cls, lw_Node **inputs, int n) {
  Multi *m = (Multi *)lwN_new(cls, sizeof(Multi), NULL);
  if (m == NULL) return NULL;
  m->in = (lw_Node **)lwM_alloc((size_t)n * sizeof(lw_Node *));
  if (m->in == NULL) { lwM_free(m); return NULL; }
  memcpy(m->in, inputs, (size_t)n * sizeof(lw_Node *));
  m->n = n;
  lwN_inputs_flags(&m->base, inputs, n);
  return m;
}



/* Let go of zip's rows in progress (after an error, or a pipe freed while it waited for an async input). */
static void zip_drop (Multi *z) {
  int j;
  for (j = 0; j < z->n; j++) {
    lwS_releaseall(z->cols + (size_t)j * LW_BATCH, z->have[j]);
    z->have[j] = 0;
  }
  z->pend = 0;
}

static void zip_free (lw_Node *n) {
  zip_drop((Multi *)n);
  multi_free(n);
}

/*
** zip: arrays of one value from each input, until the shortest ends; then
** the other inputs are closed (TC39 Iterator.zip, mode "shortest"). With an
** observable input the rows are read one at a time, input by input; so too
** over a byte stream (waits): a batch of rows could read pieces of the stream
** for values that a shorter input then drops. A row stopped by LW_NEEDMORE
** keeps what it has ('have', 'pend') and goes on at the next pull.
*/
static int zip_pull (lw_Node *n, lw_Slot *out, int cap) {
  Multi *z = (Multi *)n;
  int k, i, j, got;
  if (z->pend == 0) z->pend = n->observable || n->waits ? 1 : cap;
  k = z->pend;
  for (i = 0; i < z->n && k > 0; i++) {   /* after LW_NEEDMORE, the inputs already read give nothing more */
    got = lwN_fill_to(z->in[i], z->cols + (size_t)i * LW_BATCH, &z->have[i], k);
    if (got == LW_NEEDMORE) return got;
    if (got < 0) { zip_drop(z); return got; }
    if (got < k) {        /* drop what earlier inputs gave beyond the shortest */
      for (j = 0; j < i; j++) {
        lwS_releaseall(z->cols + (size_t)j * LW_BATCH + got, z->have[j] - got);
        z->have[j] = got;
      }
      k = z->pend = got;
    }
  }
  for (j = 0; j < z->n; j++) z->have[j] = 0;   /* the k values of each input now go out as rows */
  z->pend = 0;
  if (k == 0) return close_range(z, 0, z->n, 0);
  /* the rows side by side, so that one host call makes all k arrays */
  if (z->rows == NULL && (z->rows = (lw_Slot *)lwM_alloc((size_t)z->n * LW_BATCH * sizeof(lw_Slot))) == NULL) {
    for (j = 0; j < z->n; j++) lwS_releaseall(z->cols + (size_t)j * LW_BATCH, k);
    return LW_ENOMEM;
  }
  for (i = 0; i < k; i++)
    for (j = 0; j < z->n; j++) z->rows[(size_t)i * (size_t)z->n + j] = z->cols[(size_t)j * LW_BATCH + i];
  return lw_host_packrows(z->rows, z->n, k, z->n, 1, out);
}

static const lw_NodeClass zip_class = {
  "zip", zip_pull, multi_close, zip_free, multi_input
};

lw_Node *lwX_zip (lw_Node **inputs, int n) {
  Multi *z = multi_new(&zip_class, inputs, n);
  if (z == NULL) return NULL;
  z->base.numeric = 0;   /* arrays */
  z->cols = (lw_Slot *)lwM_alloc((size_t)n * LW_BATCH * sizeof(lw_Slot));
  z->have = (int *)lwM_alloc((size_t)n * sizeof(int));
  if (z->cols == NULL || z->have == NULL) { lwM_free(z->cols); lwM_free(z->have); lwM_free(z->in); lwM_free(z); return NULL; }
  return &z->base;
}


/*
** concat: each input in turn. Only an input that has been read from is
** closed early: TC39's Iterator.concat has not opened the others yet.
*/
static int concat_pull (lw_Node *n, lw_Slot *out, int cap) {
  Multi *c = (Multi *)n;
  while (c->cur < c->n) {
    int k = lwN_pull(c->in[c->cur], out, cap);
    c->started = 1;
    if (k != 0) return k;
    c->cur++;
    c->started = 0;
  }
  return 0;
}

static int concat_close (lw_Node *n, int abrupt) {
  Multi *c = (Multi *)n;
  return c->cur < c->n && c->started ? lwN_close(c->in[c->cur], abrupt) : LW_OK;
}

static const lw_NodeClass concat_class = {
  "concat", concat_pull, concat_close, multi_free, multi_input
};

lw_Node *lwX_concat (lw_Node **inputs, int n) {
  Multi *c = multi_new(&concat_class, inputs, n);
  return c == NULL ? NULL : &c->base;
}


/*
** deferred: an input built when it is first pulled. Building a JS iterable's
** pipeline calls its [Symbol.iterator](), and Iterator.concat does that only
** when it reaches the input; a concat input that never is, is never opened
** (and so never closed). The wrapper defers only inputs whose building runs
** user code, so it declares them observable.
*/
typedef struct Deferred {
  lw_Node base;
  uint32_t seq;          /* the JS sequence, until built */
} Deferred;

static int deferred_pull (lw_Node *n, lw_Slot *out, int cap) {
  Deferred *d = (Deferred *)n;
  if (n->src == NULL) {
    if (d->seq == 0) return 0;   /* building failed before: the error was reported then */
    n->src = lw_host_open(d->seq);
    lw_host_release(d->seq);
    d->seq = 0;
    if (n->src == NULL) return LW_EHOST;
  }
  return lwN_pull(n->src, out, cap);
}

static int deferred_close (lw_Node *n, int abrupt) {
  return n->src != NULL ? lwN_close(n->src, abrupt) : LW_OK;
}

static void deferred_free (lw_Node *n) {
  Deferred *d = (Deferred *)n;
  if (d->seq != 0) lw_host_release(d->seq);
}

static const lw_NodeClass deferred_class = {
  "deferred", deferred_pull, deferred_close, deferred_free, lwN_noinput
};

lw_Node *lwX_deferred (uint32_t seq) {
  Deferred *d = (Deferred *)lwN_new(&deferred_class, sizeof(Deferred), NULL);
  if (d == NULL) return NULL;
  d->seq = seq;
  d->base.observable = 1;
  return &d->base;
}


/*
** interleave: one value from each input in turn, until any input ends; then
** the others are closed. Values are read one at a time, in output order.
*/
static int interleave_pull (lw_Node *n, lw_Slot *out, int cap) {
  Multi *m = (Multi *)n;
  int k, r;
  for (k = 0; k < cap; k++) {
    r = lwN_pull(m->in[m->cur], out + k, 1);
    if (r < 0) return lwN_partial(out, k, r);   /* LW_NEEDMORE: the turn stays with this input */
    if (r == 0) {
      if (k > 0) return k;   /* finish on the next pull */
      return close_range(m, 0, m->n, 0);
    }
    m->cur = (m->cur + 1) % m->n;
  }
  return k;
}

static const lw_NodeClass interleave_class = {
  "interleave", interleave_pull, multi_close, multi_free, multi_input
};

lw_Node *lwX_interleave (lw_Node **inputs, int n) {
  Multi *m = multi_new(&interleave_class, inputs, n);
  return m == NULL ? NULL : &m->base;
}
