/*
** combinatorics.c
** Python's combinatoric iterators: product, permutations, combinations,
** combinations with replacement and powerset, in Python's order. Each reads
** its whole input (its "pool") on the first pull, as Python's do at the call,
** then yields arrays of pool values chosen by a vector of indices that it
** advances exactly as the itertools documentation's reference code does.
*/
#include "lwops.h"

typedef struct Combi {
  lw_Node base;
  int kind;              /* LW_PRODUCT .. LW_POWERSET */
  int nin;               /* inputs: product's iterables, or the one pool */
  lw_Node **in;
  lw_Vec *pools;         /* one per input, read whole on the first pull */
  double r;              /* the length asked for; product: the repeat count */
  size_t n;              /* the pool's length (product: unused) */
  size_t width;          /* length of the arrays made now (powerset: grows) */
  size_t *idx, *cyc;     /* indices into the pool(s); permutations' cycles */
  lw_Slot *row;          /* the array being made */
  int phase;             /* UNREAD, FIRST (the first array is next), MORE, OVER */
} Combi;

enum { UNREAD, FIRST, MORE, OVER };

#define MAX_WIDTH 67108864.0   /* 2^26 values in one array */

static lw_Node *combi_input (lw_Node *n, int i) {
  Combi *c = (Combi *)n;
  return i < c->nin ? c->in[i] : NULL;
}

static void combi_free (lw_Node *n) {
  Combi *c = (Combi *)n;
  int i;
  if (c->pools != NULL) for (i = 0; i < c->nin; i++) lwV_clear(&c->pools[i]);
  lwM_free(c->pools);
  lwM_free(c->in);
  lwM_free(c->idx);
  lwM_free(c->cyc);
  lwM_free(c->row);
}

/* Close the inputs in reverse order (TC39's IteratorCloseAll). First error wins. */
static int combi_close (lw_Node *n, int abrupt) {
  Combi *c = (Combi *)n;
  int st = LW_OK, i;
  for (i = c->nin - 1; i >= 0; i--) {
    int s = lwN_close(c->in[i], abrupt || st < 0);
    if (st == LW_OK && s < 0) st = s;
  }
  return st;
}

/* Read input 'i' to its end into its pool: LW_OK or < 0. */
static int read_pool (Combi *c, int i) {
  lw_Vec *v = &c->pools[i];
  for (;;) {
    int r = lwV_reserve(v, v->n + LW_BATCH);
    if (r < 0) return r;
    r = lwN_pull(c->in[i], v->p + v->n, LW_BATCH);
    if (r < 0) return r;
    if (r == 0) return LW_OK;
    v->n += (size_t)r;
  }
}

/* Room for 'k' indices (at least one, so that width 0 allocates too): LW_OK or LW_ENOMEM. */
static int alloc_indices (size_t **p, double k) {
  if (k + 1 > (double)(SIZE_MAX / sizeof(size_t))) return LW_ENOMEM;
  *p = (size_t *)lwM_alloc(((size_t)k + 1) * sizeof(size_t));
  return *p == NULL ? LW_ENOMEM : LW_OK;
}

/*
** Read every pool, in input order, then set up the first array's indices.
** The phase becomes FIRST, or OVER when there is no array to make at all.
*/
static int start (Combi *c) {
  size_t i;
  double widest;
  int st, k;
  for (k = 0; k < c->nin; k++) if ((st = read_pool(c, k)) < 0) return st;
  c->n = c->nin > 0 ? c->pools[0].n : 0;
  c->phase = FIRST;
  switch (c->kind) {
    case LW_PRODUCT:
      for (k = 0; k < c->nin; k++) if (c->pools[k].n == 0 && c->r > 0) c->phase = OVER;
      if (c->r * c->nin <= MAX_WIDTH) c->width = (size_t)c->nin * (size_t)c->r;
      break;
    case LW_PERMUTATIONS:
    case LW_COMBINATIONS:
      if (c->r < 0) c->r = (double)c->n;   /* permutations: r defaults to the pool's length */
      if (c->r > (double)c->n) c->phase = OVER;
      else c->width = (size_t)c->r;
      break;
    case LW_COMBINATIONS_WR:
      if (c->n == 0 && c->r > 0) c->phase = OVER;
      if (c->r <= MAX_WIDTH) c->width = (size_t)c->r;
      break;
    case LW_POWERSET:
      c->r = (double)c->n;   /* the largest subset; arrays grow from width 0 */
      c->width = 0;
      break;
  }
  if (c->phase == OVER) return LW_OK;
  widest = c->kind == LW_PRODUCT ? c->r * c->nin : c->r;   /* powerset: r is n now */
  /* an array wider than this could not be made anyway (and sizes must not wrap on wasm32) */
  if (widest > MAX_WIDTH) return LW_ENOMEM;
  /* permutations permute all of the pool: n indices, the first r shown */
  if ((st = alloc_indices(&c->idx, c->kind == LW_PERMUTATIONS ? (double)c->n : widest)) < 0) return st;
  if ((st = alloc_indices(&c->cyc, c->kind == LW_PERMUTATIONS ? widest : 0)) < 0) return st;
  c->row = (lw_Slot *)lwM_alloc(((size_t)widest + 1) * sizeof(lw_Slot));
  if (c->row == NULL) return LW_ENOMEM;
  if (c->kind == LW_PERMUTATIONS || c->kind == LW_COMBINATIONS) {
    for (i = 0; i < (c->kind == LW_PERMUTATIONS ? c->n : c->width); i++) c->idx[i] = i;
    if (c->kind == LW_PERMUTATIONS) for (i = 0; i < c->width; i++) c->cyc[i] = c->n - i;
  }
  /* product and combinations with replacement start from all zeros (lwM_alloc zeroes) */
  return LW_OK;
}

/* The next indices after the current ones: 1, or 0 when the current array was the last. */
static int advance (Combi *c) {
  size_t i, j, w = c->width, n = c->n;
  switch (c->kind) {
    case LW_PRODUCT:        /* an odometer, the last position turning fastest */
      for (i = w; i-- > 0;) {
        size_t len = c->pools[i % (size_t)c->nin].n;
        if (++c->idx[i] < len) return 1;
        c->idx[i] = 0;
      }
      return 0;
    case LW_COMBINATIONS:
    case LW_POWERSET:
      for (i = w; i-- > 0;) if (c->idx[i] != i + n - w) break;
      if (i == (size_t)-1) {   /* the last combination of this width */
        if (c->kind != LW_POWERSET || w == n) return 0;
        c->width = ++w;        /* powerset: the next width, from its first combination */
        for (j = 0; j < w; j++) c->idx[j] = j;
        return 1;
      }
      c->idx[i]++;
      for (j = i + 1; j < w; j++) c->idx[j] = c->idx[j - 1] + 1;
      return 1;
    case LW_COMBINATIONS_WR:
      for (i = w; i-- > 0;) if (c->idx[i] != n - 1) break;
      if (i == (size_t)-1) return 0;
      c->idx[i]++;
      for (j = i + 1; j < w; j++) c->idx[j] = c->idx[i];
      return 1;
    case LW_PERMUTATIONS:   /* Python's cycles: each position counts down the choices left */
      for (i = w; i-- > 0;) {
        if (--c->cyc[i] == 0) {   /* rotate idx[i..n) left by one, and start the count again */
          size_t first = c->idx[i];
          memmove(c->idx + i, c->idx + i + 1, (n - i - 1) * sizeof(size_t));
          c->idx[n - 1] = first;
          c->cyc[i] = n - i;
        }
        else {
          size_t t = c->idx[i], k = n - c->cyc[i];
          c->idx[i] = c->idx[k];
          c->idx[k] = t;
          return 1;
        }
      }
      return 0;
  }
  return 0;
}

/* Make the array the indices choose: a handle, or < 0. */
static int make_row (Combi *c) {
  size_t i;
  for (i = 0; i < c->width; i++) {
    const lw_Vec *pool = &c->pools[c->kind == LW_PRODUCT ? i % (size_t)c->nin : 0];
    lw_Slot v = pool->p[c->idx[i]];
    lw_retain(v);
    c->row[i] = v;
  }
  return lw_host_pack(c->row, (int)c->width);
}

static int combi_pull (lw_Node *n, lw_Slot *out, int cap) {
  Combi *c = (Combi *)n;
  int k, h, st;
  if (c->phase == UNREAD && (st = start(c)) < 0) return st;
  for (k = 0; k < cap; k++) {
    if (c->phase == OVER) break;
    if (c->phase == MORE && !advance(c)) { c->phase = OVER; break; }
    c->phase = MORE;
    if ((h = make_row(c)) < 0) { lwS_releaseall(out, k); return h; }
    out[k] = lw_mkhandle((uint32_t)h);
  }
  return k;
}

static const lw_NodeClass combi_class = {
  "combinatorics", combi_pull, combi_close, combi_free, combi_input
};

lw_Node *lwX_combinatorics (int kind, lw_Node **inputs, int n, double r) {
  Combi *c = (Combi *)lwN_new(&combi_class, sizeof(Combi), NULL);
  int i;
  if (c == NULL) return NULL;
  c->in = (lw_Node **)lwM_alloc((size_t)n * sizeof(lw_Node *));
  c->pools = (lw_Vec *)lwM_alloc((size_t)n * sizeof(lw_Vec));
  if (c->in == NULL || c->pools == NULL) {
    lwM_free(c->in); lwM_free(c->pools); lwM_free(c);
    return NULL;
  }
  memcpy(c->in, inputs, (size_t)n * sizeof(lw_Node *));
  c->nin = n;
  c->kind = kind;
  c->r = r;
  for (i = 0; i < n; i++) c->base.observable |= inputs[i]->observable;
  c->base.numeric = 0;   /* arrays */
  return &c->base;
}
