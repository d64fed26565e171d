/*
** group.c
** itertools' selection and regrouping stages: compress (values picked by a
** second sequence), zipLongest and roundrobin (several inputs, each read
** until it ends) and batched (chunk with Python 3.13's 'strict').
*/
#include "lwops.h"

typedef struct Sel {
  lw_Node base;
  int n;                 /* inputs */
  lw_Node **in;
  int *active;           /* roundrobin: inputs still read, in turn order */
  int nactive, cur;      /* roundrobin: how many are left, whose turn it is */
  lw_Slot fill;          /* zipLongest: the value standing for an ended input */
  uint32_t fn;           /* compress: the host's ToBoolean; batched: its error for a short batch */
  int invert;            /* compress: keep the values whose selector is falsy */
  lw_Slot *cols;         /* scratch: one batch per input */
  int *got;              /* compress, zipLongest: how many values each input has given for the rows in progress */
  int pend;              /* compress, zipLongest: how many rows are in progress (0: none); kept across LW_NEEDMORE */
  double size;           /* batched */
  lw_Vec buf;            /* batched: the batch so far */
} Sel;

static lw_Node *sel_input (lw_Node *n, int i) {
  Sel *s = (Sel *)n;
  return i < s->n ? s->in[i] : NULL;
}

/* Let go of the values of the rows in progress (a pipe freed while it waited for an async input). */
static void drop_pending (Sel *s) {
  int j;
  if (s->got == NULL) return;
  for (j = 0; j < s->n; j++) {
    lwS_releaseall(s->cols + (size_t)j * LW_BATCH, s->got[j]);
    s->got[j] = 0;
  }
  s->pend = 0;
}

static void sel_free (lw_Node *n) {
  Sel *s = (Sel *)n;
  drop_pending(s);
  lwM_free(s->in);
  lwM_free(s->active);
  lwM_free(s->cols);
  lwM_free(s->got);
  lwV_clear(&s->buf);
  lw_release(s->fill);
  if (s->fn != 0) lw_host_release(s->fn);
}

/* Close inputs in reverse order (TC39's IteratorCloseAll). First error wins. */
static int sel_close (lw_Node *n, int abrupt) {
  Sel *s = (Sel *)n;
  int st = LW_OK, i;
  for (i = s->n - 1; i >= 0; i--) {
    int r = lwN_close(s->in[i], abrupt || st < 0);
    if (st == LW_OK && r < 0) st = r;
  }
  return st;
}

/* A node over 'n' inputs (taken on success) and 'cols' scratch batches. */
static Sel *sel_new (const lw_NodeClass *cls, lw_Node **inputs, int n, int cols) {
  Sel *s = (Sel *)lwN_new(cls, sizeof(Sel), NULL);
  if (s == NULL) return NULL;
  s->in = (lw_Node **)lwM_alloc((size_t)n * sizeof(lw_Node *));
  s->cols = cols ? (lw_Slot *)lwM_alloc((size_t)cols * LW_BATCH * sizeof(lw_Slot)) : NULL;
  if (s->in == NULL || (cols && s->cols == NULL)) {
    lwM_free(s->in); lwM_free(s->cols); lwM_free(s);
    return NULL;
  }
  memcpy(s->in, inputs, (size_t)n * sizeof(lw_Node *));
  s->n = n;
  lwN_inputs_flags(&s->base, inputs, n);
  return s;
}



/*
** compress: the values of the first input whose selector (the value at the
** same place in the second) is truthy, as Python's compress, which zips the
** two: a value is read, then its selector; when either ends, so does compress
** (and the other input is closed, as zip closes it). With an observable input
** or a byte stream (as zip) the pairs are read one at a time; a pair stopped
** by LW_NEEDMORE keeps what it has and goes on at the next pull.
*/
static int truthy (Sel *s, lw_Slot v) {
  uint8_t b;
  if (!lw_ishandle(v)) { double d = lw_num(v); return d == d && d != 0; }
  if (!lw_counted(v)) return lw_handle(v) == LW_TRUE;   /* true, false, undefined */
  if (lw_host_call(s->fn, LW_CALL_EVAL, &v, &b, 1, 0) < 0) return LW_EHOST;   /* ToBoolean runs no user code */
  return b;
}

static int compress_pull (lw_Node *n, lw_Slot *out, int cap) {
  Sel *s = (Sel *)n;
  lw_Slot *vals = s->cols, *sels = s->cols + LW_BATCH;
  int got, k, i, t;
  for (;;) {   /* 'out' is empty at the top of each round: a LW_NEEDMORE loses nothing */
    if (s->pend == 0) s->pend = n->observable || n->waits ? 1 : cap;
    got = lwN_fill_to(s->in[0], vals, &s->got[0], s->pend);
    if (got == LW_NEEDMORE) return got;
    if (got < 0) { drop_pending(s); return got; }
    s->pend = got;
    k = got == 0 ? 0 : lwN_fill_to(s->in[1], sels, &s->got[1], got);
    if (k == LW_NEEDMORE) return k;
    if (k < 0) { drop_pending(s); return k; }
    lwS_releaseall(vals + k, got - k);   /* values beyond the last selector */
    s->got[0] = s->got[1] = 0;
    s->pend = 0;
    if (k == 0) return sel_close(n, 0);
    got = 0;
    for (i = 0; i < k; i++) {
      t = truthy(s, sels[i]);
      lw_release(sels[i]);
      if (t < 0) {
        lwS_releaseall(out, got);
        lwS_releaseall(vals + i, k - i);
        lwS_releaseall(sels + i + 1, k - i - 1);
        return t;
      }
      if (t != s->invert) out[got++] = vals[i];
      else lw_release(vals[i]);
    }
    if (got > 0) return got;
  }
}

static const lw_NodeClass compress_class = {
  "compress", compress_pull, sel_close, sel_free, sel_input
};

lw_Node *lwX_compress (lw_Node *data, lw_Node *selectors, uint32_t truth, int invert) {
  lw_Node *in[2];
  Sel *s;
  in[0] = data; in[1] = selectors;
  s = sel_new(&compress_class, in, 2, 2);
  if (s == NULL) return NULL;
  s->got = (int *)lwM_alloc(2 * sizeof(int));
  if (s->got == NULL) { lwM_free(s->in); lwM_free(s->cols); lwM_free(s); return NULL; }
  s->fn = truth;
  s->invert = invert ? 1 : 0;
  s->base.numeric = data->numeric;
  return &s->base;
}


/*
** zipLongest: arrays of one value from each input until every input has
** ended; an ended input gives 'fill' and is not read again (Python's
** zip_longest, TC39 Iterator.zip mode "longest"). With an observable input
** the rows are read one at a time, input by input. A batch of rows stopped by
** LW_NEEDMORE keeps what it has ('got', 'pend') and goes on at the next pull.
*/
static int ziplongest_pull (lw_Node *n, lw_Slot *out, int cap) {
  Sel *z = (Sel *)n;
  lw_Slot row[64], *rowp = row;
  int k, rows = 0, i, j, h, r, st = LW_OK, *got = z->got;
  if (z->pend == 0) z->pend = n->observable ? 1 : cap;
  k = z->pend;
  for (i = 0; i < z->n; i++) {   /* after LW_NEEDMORE, the inputs already read give nothing more */
    r = lwN_fill_to(z->in[i], z->cols + (size_t)i * LW_BATCH, &got[i], k);
    if (r == LW_NEEDMORE) return r;
    if (r < 0) { drop_pending(z); return r; }
    if (r > rows) rows = r;
  }
  z->pend = 0;   /* the rows are complete: what follows takes the values out of 'cols' */
  if (rows > 0 && z->n > 64) {
    rowp = (lw_Slot *)lwM_alloc((size_t)z->n * sizeof(lw_Slot));
    if (rowp == NULL) {
      for (j = 0; j < z->n; j++) lwS_releaseall(z->cols + (size_t)j * LW_BATCH, got[j]);
      st = LW_ENOMEM;
    }
  }
  for (i = 0; st == LW_OK && i < rows; i++) {
    for (j = 0; j < z->n; j++) {
      if (i < got[j]) rowp[j] = z->cols[(size_t)j * LW_BATCH + i];
      else { rowp[j] = z->fill; lw_retain(z->fill); }
    }
    if ((h = lw_host_pack(rowp, z->n)) < 0) {
      lwS_releaseall(out, i);
      for (j = 0; j < z->n; j++) {
        if (got[j] > i + 1) lwS_releaseall(z->cols + (size_t)j * LW_BATCH + i + 1, got[j] - i - 1);
      }
      st = h;
      break;
    }
    out[i] = lw_mkhandle((uint32_t)h);
  }
  if (rowp != row) lwM_free(rowp);
  for (j = 0; j < z->n; j++) got[j] = 0;
  return st < 0 ? st : rows;
}

static const lw_NodeClass ziplongest_class = {
  "zipLongest", ziplongest_pull, sel_close, sel_free, sel_input
};

lw_Node *lwX_ziplongest (lw_Node **inputs, int n, lw_Slot fill) {
  Sel *z = sel_new(&ziplongest_class, inputs, n, n);
  if (z == NULL) return NULL;
  z->got = (int *)lwM_alloc((size_t)n * sizeof(int));
  if (z->got == NULL) { lwM_free(z->in); lwM_free(z->cols); lwM_free(z); return NULL; }
  z->fill = fill;
  z->base.numeric = 0;   /* arrays */
  return &z->base;
}


/*
** roundrobin: one value from each input in turn; an input that ends leaves
** the turn to the next one and is not read again, until none is left
** (more-itertools' roundrobin). Values are read one at a time, in output order.
*/
static int roundrobin_pull (lw_Node *n, lw_Slot *out, int cap) {
  Sel *s = (Sel *)n;
  int k = 0, r;
  while (k < cap && s->nactive > 0) {
    r = lwN_pull(s->in[s->active[s->cur]], out + k, 1);
    if (r < 0) return lwN_partial(out, k, r);   /* LW_NEEDMORE: the turn stays with this input */
    if (r == 0) {   /* this input ended: the next one takes its place in the turn */
      memmove(s->active + s->cur, s->active + s->cur + 1, (size_t)(s->nactive - s->cur - 1) * sizeof(int));
      s->nactive--;
    }
    else {
      k++;
      s->cur++;
    }
    if (s->cur >= s->nactive) s->cur = 0;
  }
  return k;
}

static const lw_NodeClass roundrobin_class = {
  "roundrobin", roundrobin_pull, sel_close, sel_free, sel_input
};

lw_Node *lwX_roundrobin (lw_Node **inputs, int n) {
  Sel *s = sel_new(&roundrobin_class, inputs, n, 0);
  int i;
  if (s == NULL) return NULL;
  s->active = (int *)lwM_alloc((size_t)n * sizeof(int) + 1);
  if (s->active == NULL) { lwM_free(s->in); lwM_free(s); return NULL; }
  for (i = 0; i < n; i++) s->active[i] = i;
  s->nactive = n;
  return &s->base;
}


/*
** batched: arrays of 'size' values, the last one shorter (Python 3.13's
** batched). With 'strict' (a host function given as 'fail'), reaching a
** short last batch is an error instead: 'fail' is called with its length and
** throws. Reads no more than the batch lacks, as chunk does.
*/
static int batch_fill (Sel *b) {
  lw_Vec *v = &b->buf;
  while ((double)v->n < b->size) {
    double lack = b->size - (double)v->n;
    int want = lack < LW_BATCH ? (int)lack : LW_BATCH, r;
    if ((r = lwV_reserve(v, v->n + (size_t)want)) < 0) return r;
    r = lwN_pull(b->in[0], v->p + v->n, want);
    if (r <= 0) return r;
    v->n += (size_t)r;
  }
  return 1;
}

static int batched_pull (lw_Node *n, lw_Slot *out, int cap) {
  Sel *b = (Sel *)n;
  int k, r, h;
  for (k = 0; k < cap; k++) {
    r = batch_fill(b);
    if (r < 0) return lwN_partial(out, k, r);   /* LW_NEEDMORE: the batches made so far; the short one stays in buf */
    if (b->buf.n == 0) return k;
    if (r == 0 && b->fn != 0) {   /* strict, and the batch is short */
      lw_Slot len = lw_mknum((double)b->buf.n), res = 0;
      if (k > 0) return k;         /* the batches before it first; the error on the next pull */
      lwV_clear(&b->buf);
      h = lw_host_call(b->fn, LW_CALL_MAP, &len, &res, 1, 0);
      if (h >= 0) lw_release(res);
      return h < 0 ? h : LW_ESTATE;   /* 'fail' must throw */
    }
    h = lw_host_pack(b->buf.p, (int)b->buf.n);
    b->buf.n = 0;
    if (h < 0) { lwS_releaseall(out, k); return h; }
    out[k] = lw_mkhandle((uint32_t)h);
  }
  return k;
}

static const lw_NodeClass batched_class = {
  "batched", batched_pull, sel_close, sel_free, sel_input
};

lw_Node *lwX_batched (lw_Node *src, double size, uint32_t fail) {
  Sel *b = sel_new(&batched_class, &src, 1, 0);
  if (b == NULL) return NULL;
  b->size = size;
  b->fn = fail;
  b->base.numeric = 0;   /* arrays */
  return &b->base;
}
