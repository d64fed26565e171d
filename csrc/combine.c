/*
** combine.c
** Several inputs into one: zip (and enumerate, a zip with a count), concat,
** interleave. Inputs are owned by the node (freed with it) and reached
** through the class's 'input'.
*/
#include "lwops.h"

typedef struct Multi {
  lw_Node base;
  int n, cur;            /* cur: concat's input, interleave's turn */
  int started;           /* concat: input 'cur' has been pulled */
  lw_Node **in;
  int rowwise;           /* zip: read a row at a time (see zip_pull) */
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



#define COL(z, j) ((z)->cols + (size_t)(j) * LW_BATCH)   /* zip's scratch batch for input j */

/* Let go of zip's rows in progress (after an error, or a pipe freed while it waited for an async input). */
static void zip_drop (Multi *z) {
  int j;
  for (j = 0; j < z->n; j++) {
    lwS_releaseall(COL(z, j), z->have[j]);
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
** observable input before the last the rows are read one at a time, input by
** input (a batch would read it ahead of a shorter input's end); so too over a
** byte stream (waits): a batch of rows could read pieces of the stream for
** values that a shorter input then drops. A row stopped by LW_NEEDMORE
** keeps what it has ('have', 'pend') and goes on at the next pull.
**
** zip_rows reads up to 'want' rows into the columns (or the rows in progress
** after LW_NEEDMORE): how many, each column's first k slots then the
** caller's; 0 when an input has ended (the others closed), or < 0.
*/
static int zip_rows (Multi *z, int want) {
  int k, i, j, got;
  if (z->pend == 0) z->pend = want;
  k = z->pend;
  for (i = 0; i < z->n && k > 0; i++) {   /* after LW_NEEDMORE, the inputs already read give nothing more */
    got = lwN_fill_to(z->in[i], COL(z, i), &z->have[i], k);
    if (got == LW_NEEDMORE) return got;
    if (got < 0) { zip_drop(z); return got; }
    if (got < k) {        /* drop what earlier inputs gave beyond the shortest */
      for (j = 0; j < i; j++) {
        lwS_releaseall(COL(z, j) + got, z->have[j] - got);
        z->have[j] = got;
      }
      k = z->pend = got;
    }
  }
  for (j = 0; j < z->n; j++) z->have[j] = 0;   /* the k values of each input now go out */
  z->pend = 0;
  return k == 0 ? close_range(z, 0, z->n, 0) : k;
}

/* Room for the values of a batch's rows side by side (for the host calls that make arrays), or NULL. */
static lw_Slot *zip_rowbuf (Multi *z) {
  if (z->rows == NULL) z->rows = (lw_Slot *)lwM_alloc((size_t)z->n * LW_BATCH * sizeof(lw_Slot));
  return z->rows;
}

static int zip_pull (lw_Node *n, lw_Slot *out, int cap) {
  Multi *z = (Multi *)n;
  int k = zip_rows(z, z->rowwise ? 1 : cap), i, j;
  if (k <= 0) return k;
  /* the rows side by side, so that one host call makes all k arrays */
  if (zip_rowbuf(z) == NULL) {
    for (j = 0; j < z->n; j++) lwS_releaseall(COL(z, j), k);
    return LW_ENOMEM;
  }
  for (i = 0; i < k; i++)
    for (j = 0; j < z->n; j++) z->rows[(size_t)i * (size_t)z->n + j] = COL(z, j)[i];
  return lw_host_packrows(z->rows, z->n, k, z->n, 1, out);
}

static const lw_NodeClass zip_class = {
  "zip", zip_pull, multi_close, zip_free, multi_input
};

lw_Node *lwX_zip (lw_Node **inputs, int n) {
  Multi *z = multi_new(&zip_class, inputs, n);
  int i;
  if (z == NULL) return NULL;
  z->base.numeric = 0;   /* arrays */
  /*
  ** Whole batches of rows when only the last input can be observed (as in
  ** enumerate): the inputs before it give the batch's values unseen, and
  ** the last is asked for exactly as many as TC39's zip would ask it for.
  */
  z->rowwise = z->base.waits;
  for (i = 0; i + 1 < n; i++) z->rowwise |= inputs[i]->observable;
  z->cols = (lw_Slot *)lwM_alloc((size_t)n * LW_BATCH * sizeof(lw_Slot));
  z->have = (int *)lwM_alloc((size_t)n * sizeof(int));
  if (z->cols == NULL || z->have == NULL) { lwM_free(z->cols); lwM_free(z->have); lwM_free(z->in); lwM_free(z); return NULL; }
  return &z->base;
}


/*
** enumerate: [index, value] pairs, index counting from 'start': a zip of
** count(start) and the source, so a map that destructures the pairs
** (enumerate().map(([i, x]) => …)) compiles as over any zip.
*/
lw_Node *lwX_enumerate (lw_Node *src, double start) {
  lw_Node *in[2], *z;
  if ((in[0] = lwX_range(start, 0, 1, 0)) == NULL) return NULL;
  in[1] = src;
  if ((z = lwX_zip(in, 2)) == NULL) lwN_free(in[0]);
  return z;
}

int lwX_iszip (const lw_Node *n, int width) {
  return n->cls == &zip_class && ((const Multi *)n)->n >= width;
}

/*
** map over zip with a compiled callback that destructures the row
** (zip(a, b).map(([x, y]) => x * y)): a row whose named values are numbers
** is computed from zip's columns, so its array is never made (no one could
** tell: the array would be fresh and dropped after the call). A row with any
** other value among the names is made as zip makes it and goes to the JS
** function, after the numbers and in order, as lwF_map does.
*/
typedef struct RowMap {
  lw_Node base;
  lw_Fn fn;
  double index;
  uint8_t tojs[LW_BATCH];
} RowMap;

static int has_nan (const double *x, int k) {
  int i, nan = 0;
  for (i = 0; i < k; i++) nan |= x[i] != x[i];
  return nan;
}

/* After the JS call for row 'i' failed (it took the row): let go of every result and row not handed out. */
static void rowmap_drop (RowMap *r, Multi *z, lw_Slot *out, int i, int k) {
  int j;
  if (i > 0) lwS_releaseall(out, i);
  for (i++; i < k; i++) {
    if (!r->tojs[i]) lw_release(out[i]);
    else for (j = 0; j < z->n; j++) lw_release(COL(z, j)[i]);
  }
}

static int rowmap_pull (lw_Node *n, lw_Slot *out, int cap) {
  RowMap *r = (RowMap *)n;
  Multi *z = (Multi *)n->src;
  const lw_Prog *p = r->fn.prog;
  int m = p->rowlen, k, i, j, st, any = 0;
  const double *cols[LW_JS_MAXROW];
  k = zip_rows(z, z->rowwise ? 1 : lwN_demand(n, cap));   /* a row at a time when it may call JS over what can be seen */
  if (k <= 0) return k;
  /* a handle is a NaN: a vectorised pass per column that may hold one, and rows looked at only when one has a NaN */
  for (j = 0; j < m; j++)
    if (!z->in[j]->numeric) any |= has_nan((const double *)COL(z, j), k);
  if (any) {
    memset(r->tojs, 0, (size_t)k);
    for (j = 0; j < m; j++)
      for (i = 0; i < k; i++) r->tojs[i] |= (uint8_t)lw_ishandle(COL(z, j)[i]);
  }
  for (j = 0; j < m; j++) cols[j] = (const double *)COL(z, j);
  if (p->nparams > m) {
    double *ix = lwJ_reg(p, m);
    for (i = 0; i < k; i++) ix[i] = r->index + i;
  }
  lwJ_runcols(p, cols, m, (double *)out, k);
  /* numbers first (NaNs from arithmetic are never handles): JS called below may run this program too */
  if (p->rtype == LW_TBOOL)
    for (i = 0; i < k; i++)
      if (!(any && r->tojs[i])) out[i] = lw_mkhandle(((double *)out)[i] != 0 ? LW_TRUE : LW_FALSE);
  for (j = m; j < z->n; j++)   /* values past the names are not read */
    for (i = 0; i < k; i++) if (!(any && r->tojs[i])) lw_release(COL(z, j)[i]);
  if (any && zip_rowbuf(z) == NULL) {
    rowmap_drop(r, z, out, -1, k);   /* (-1: no row has gone to JS) */
    return LW_ENOMEM;
  }
  for (i = 0; any && i < k; i++) {   /* then the other rows as arrays through JS, in order */
    if (!r->tojs[i]) continue;
    for (j = 0; j < z->n; j++) z->rows[j] = COL(z, j)[i];
    if ((st = lw_host_pack(z->rows, z->n)) >= 0) {
      out[i] = lw_mkhandle((uint32_t)st);
      st = lw_host_call(r->fn.host, LW_CALL_MAP, out + i, out + i, 1, r->index + i);
    }
    if (st < 0) {
      rowmap_drop(r, z, out, i, k);
      return st;
    }
  }
  r->index += k;
  return k;
}

/* A sum of the rows' results (lwN_addto): the program adds them as it computes them from the columns. */
static int rowmap_addto (lw_Node *n, lw_Slot *buf, int cap, double *acc) {
  RowMap *r = (RowMap *)n;
  Multi *z = (Multi *)n->src;
  const lw_Prog *p = r->fn.prog;
  const double *cols[LW_JS_MAXROW];
  int m = p->rowlen, k, i, j;
  (void)buf;
  k = zip_rows(z, z->rowwise ? 1 : cap);
  if (k <= 0) return k;
  for (j = m; j < z->n; j++)   /* values past the names are not read */
    for (i = 0; i < k; i++) lw_release(COL(z, j)[i]);
  for (j = 0; j < m; j++) cols[j] = (const double *)COL(z, j);
  *acc = lwJ_addrun(p, cols, m, k, *acc);
  r->index += k;
  return k;
}

static void rowmap_free (lw_Node *n) { lwF_free(&((RowMap *)n)->fn); }

static const lw_NodeClass rowmap_class = {
  "map", rowmap_pull, lwN_closesrc, rowmap_free, lwN_noinput
};

lw_Node *lwX_rowmap (lw_Node *zip, uint32_t fn, lw_Prog *prog) {
  Multi *z = (Multi *)zip;
  RowMap *r = (RowMap *)lwN_new(&rowmap_class, sizeof(RowMap), zip);
  int j, numbers = 1;
  if (r == NULL) return NULL;
  for (j = 0; j < prog->rowlen; j++) numbers &= z->in[j]->numeric;
  lwF_init(&r->fn, fn, prog, numbers);
  /* over inputs of numbers only, no JS runs: not observable, and whole batches */
  r->base.selfobs = (uint8_t)!numbers;
  r->base.observable = zip->observable || !numbers;
  r->base.numeric = (uint8_t)(numbers && prog->rtype == LW_TNUM);
  if (r->base.numeric && lwJ_addable(prog, prog->rowlen)) r->base.addto = rowmap_addto;
  return &r->base;
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
