/*
** buffer.c
** Stages that must remember values they have passed on: cycle keeps one
** pass of its source; tee keeps what its slowest branch has not read yet.
*/
#include "lwops.h"

/*
** cycle: the source's values, then the same values again for ever (Python's
** cycle). The first pass is kept, so memory grows with the length of one pass.
*/
typedef struct Cycle {
  lw_Node base;
  lw_Vec seen;
  size_t pos;
  int replay;
} Cycle;

static int cycle_pull (lw_Node *n, lw_Slot *out, int cap) {
  Cycle *c = (Cycle *)n;
  int k, i;
  if (!c->replay) {
    k = lwN_pull(n->src, out, cap);
    if (k > 0) {
      if (lwV_reserve(&c->seen, c->seen.n + (size_t)k) < 0) {
        lwS_releaseall(out, k);
        return LW_ENOMEM;
      }
      for (i = 0; i < k; i++) {
        lw_retain(out[i]);
        c->seen.p[c->seen.n++] = out[i];
      }
      return k;
    }
    if (k < 0 || c->seen.n == 0) return k;
    c->replay = 1;
  }
  for (k = 0; k < cap; k++) {
    out[k] = c->seen.p[c->pos];
    lw_retain(out[k]);
    if (++c->pos == c->seen.n) c->pos = 0;
  }
  return k;
}

static void cycle_free (lw_Node *n) { lwV_clear(&((Cycle *)n)->seen); }

static const lw_NodeClass cycle_class = {
  "cycle", cycle_pull, lwN_closesrc, cycle_free, lwN_noinput
};

lw_Node *lwX_cycle (lw_Node *src) {
  Cycle *c = (Cycle *)lwN_new(&cycle_class, sizeof(Cycle), src);
  return c == NULL ? NULL : &c->base;
}


/*
** tee: 'n' branches over one source, each seeing every value. The group keeps
** the values between the slowest and the fastest open branch, so memory grows
** with how far apart the branches are, not with the sequence. The source is
** closed once every branch is closed, and freed once every branch is freed.
*/
struct lw_TeeGroup {
  lw_Node *src;
  int n, refs;           /* refs: branches not freed yet */
  double *pos;           /* per branch: position of its next value */
  uint8_t *open;         /* per branch: still reading */
  double base;           /* position of buf.p[head] */
  lw_Vec buf;
  size_t head;           /* buf.p[0..head) are already released */
  int reading;           /* a branch is pulling the source (which may run callbacks) */
};

typedef struct Branch {
  lw_Node base;
  lw_TeeGroup *g;
  int i;
} Branch;

/* Release buffered values every open branch has read. */
static void tee_trim (lw_TeeGroup *g) {
  double low = g->base + (double)(g->buf.n - g->head);
  int i;
  for (i = 0; i < g->n; i++) if (g->open[i] && g->pos[i] < low) low = g->pos[i];
  while (g->base < low) {
    lw_release(g->buf.p[g->head++]);
    g->base++;
  }
  if (g->head > 0 && (g->head == g->buf.n || g->head > g->buf.n / 2)) {   /* compact */
    memmove(g->buf.p, g->buf.p + g->head, (g->buf.n - g->head) * sizeof(lw_Slot));
    g->buf.n -= g->head;
    g->head = 0;
  }
}

static int branch_pull (lw_Node *n, lw_Slot *out, int cap) {
  Branch *b = (Branch *)n;
  lw_TeeGroup *g = b->g;
  double end = g->base + (double)(g->buf.n - g->head), *pos = &g->pos[b->i];
  int k, i, others = 0;
  if (*pos < end) {   /* read from the buffer */
    size_t at = g->head + (size_t)(*pos - g->base);
    k = end - *pos < cap ? (int)(end - *pos) : cap;
    for (i = 0; i < k; i++) { out[i] = g->buf.p[at + i]; lw_retain(out[i]); }
  }
  else {              /* this branch leads: read the source, keep copies for the others */
    /*
    ** A callback of the source reading a branch that needs the source: the
    ** source would be re-entered mid-pull (as a running generator would be),
    ** and the values it is making would be read twice or lost. Refused, as
    ** CPython refuses to re-enter a tee.
    */
    if (g->reading) return LW_ERUNNING;
    for (i = 0; i < g->n; i++) others += i != b->i && g->open[i];
    g->reading = 1;
    k = lwN_pull(g->src, out, cap);
    g->reading = 0;
    if (k <= 0) return k;
    if (others) {
      if (lwV_reserve(&g->buf, g->buf.n + (size_t)k) < 0) { lwS_releaseall(out, k); return LW_ENOMEM; }
      for (i = 0; i < k; i++) { lw_retain(out[i]); g->buf.p[g->buf.n++] = out[i]; }
    }
    else g->base += k;
  }
  *pos += k;
  tee_trim(g);
  return k;
}

static int branch_leave (lw_TeeGroup *g, int i, int abrupt) {
  int j;
  if (!g->open[i]) return LW_OK;
  g->open[i] = 0;
  tee_trim(g);
  for (j = 0; j < g->n; j++) if (g->open[j]) return LW_OK;
  return lwN_close(g->src, abrupt);
}

static int branch_close (lw_Node *n, int abrupt) {
  Branch *b = (Branch *)n;
  return branch_leave(b->g, b->i, abrupt);
}

static void group_unref (lw_TeeGroup *g) {
  if (--g->refs > 0) return;
  lwS_releaseall(g->buf.p + g->head, (int)(g->buf.n - g->head));
  g->buf.n = 0;
  lwV_clear(&g->buf);
  lwN_free(g->src);
  lwM_free(g->pos);
  lwM_free(g->open);
  lwM_free(g);
}

static void branch_free (lw_Node *n) {
  Branch *b = (Branch *)n;
  b->g->open[b->i] = 0;
  tee_trim(b->g);
  group_unref(b->g);
}

static const lw_NodeClass branch_class = {
  "tee", branch_pull, branch_close, branch_free, lwN_noinput
};

lw_TeeGroup *lwX_teegroup (lw_Node *src, int n) {
  lw_TeeGroup *g = (lw_TeeGroup *)lwM_alloc(sizeof(lw_TeeGroup));
  int i;
  if (g == NULL) return NULL;
  g->pos = (double *)lwM_alloc((size_t)n * sizeof(double));
  g->open = (uint8_t *)lwM_alloc((size_t)n);
  if (g->pos == NULL || g->open == NULL) {
    lwM_free(g->pos); lwM_free(g->open); lwM_free(g);
    return NULL;
  }
  for (i = 0; i < n; i++) g->open[i] = 1;
  g->src = src; g->n = g->refs = n;
  return g;
}

lw_Node *lwX_teebranch (lw_TeeGroup *g, int i) {
  Branch *b = (Branch *)lwN_new(&branch_class, sizeof(Branch), NULL);
  if (b == NULL) return NULL;
  b->g = g; b->i = i;
  b->base.observable = g->src->observable;
  b->base.waits = g->src->waits;
  b->base.numeric = g->src->numeric;
  return &b->base;
}

/* A branch that will never be built: it stops holding values and the group. */
void lwX_teedrop (lw_TeeGroup *g, int i) {
  g->open[i] = 0;
  tee_trim(g);
  group_unref(g);
}
