/*
** select.c
** Stages that compare values: dedupe (consecutive repeats) and unique (all
** repeats). Equality is SameValueZero, as in Set and Array.prototype.includes.
*/
#include "lwops.h"

int lwS_same (lw_Slot a, lw_Slot b) {
  int ha = lw_ishandle(a), hb = lw_ishandle(b);
  if (!ha && !hb) {
    double x = lw_num(a), y = lw_num(b);
    return x == y || (x != x && y != y);
  }
  if (ha != hb) return 0;   /* a handle never holds a number */
  return a == b || lw_host_same(lw_handle(a), lw_handle(b));
}


/* dedupe: drop each value SameValueZero to the one before it. */
typedef struct Dedupe {
  lw_Node base;
  lw_Slot last;
  int haslast;
} Dedupe;

static int dedupe_pull (lw_Node *n, lw_Slot *out, int cap) {
  Dedupe *d = (Dedupe *)n;
  int k, i, j;
  do {
    k = lwN_pull(n->src, out, cap);
    if (k <= 0) return k;
    for (i = j = 0; i < k; i++) {
      if (d->haslast && lwS_same(d->last, out[i])) { lw_release(out[i]); continue; }
      if (d->haslast) lw_release(d->last);
      d->last = out[i];
      d->haslast = 1;
      lw_retain(d->last);
      out[j++] = out[i];
    }
  } while (j == 0);
  return j;
}

static void dedupe_free (lw_Node *n) {
  Dedupe *d = (Dedupe *)n;
  if (d->haslast) lw_release(d->last);
}

static const lw_NodeClass dedupe_class = {
  "dedupe", dedupe_pull, lwN_closesrc, dedupe_free, lwN_noinput
};

lw_Node *lwX_dedupe (lw_Node *src) {
  Dedupe *d = (Dedupe *)lwN_new(&dedupe_class, sizeof(Dedupe), src);
  return d == NULL ? NULL : &d->base;
}


/*
** unique: each value the first time it is seen. Numbers are kept in an
** open-addressing hash set here (-0 and 0 are one key, as are all NaNs);
** other values in a JS Set the wrapper made for this stage. Memory grows with
** the number of distinct values, never with the length of the sequence.
*/
#define EMPTY_KEY 0xFFFFFFFFFFFFFFFFull   /* a NaN pattern no number is stored as */

typedef struct Unique {
  lw_Node base;
  uint32_t set;          /* the JS Set, for handles */
  uint64_t *keys;
  size_t count, mask;    /* mask + 1 slots, a power of two */
} Unique;

static size_t hash64 (uint64_t x) {
  x ^= x >> 33; x *= 0xFF51AFD7ED558CCDull; x ^= x >> 33;
  return (size_t)x;
}

static int set_insert (uint64_t *keys, size_t mask, uint64_t key) {
  size_t i = hash64(key) & mask;
  while (keys[i] != EMPTY_KEY) {
    if (keys[i] == key) return 0;
    i = (i + 1) & mask;
  }
  keys[i] = key;
  return 1;
}

static int set_grow (Unique *u) {
  size_t size = u->keys != NULL ? (u->mask + 1) * 2 : 16, i;
  uint64_t *keys = (uint64_t *)lwM_alloc(size * sizeof(uint64_t));
  if (keys == NULL) return LW_ENOMEM;
  memset(keys, 0xFF, size * sizeof(uint64_t));
  for (i = 0; u->keys != NULL && i <= u->mask; i++)
    if (u->keys[i] != EMPTY_KEY) set_insert(keys, size - 1, u->keys[i]);
  lwM_free(u->keys);
  u->keys = keys;
  u->mask = size - 1;
  return LW_OK;
}

/* 1 if 'v' is new, 0 if seen, < 0 on error. */
static int unique_first (Unique *u, lw_Slot v) {
  int r;
  if (lw_ishandle(v)) return lw_host_seen(u->set, lw_handle(v));
  if (lw_num(v) == 0) v = 0;                             /* -0 is 0 */
  else if (lw_num(v) != lw_num(v)) v = LW_CANON_NAN;     /* every NaN bit pattern is one key */
  if ((u->keys == NULL || (u->count + 1) * 4 > (u->mask + 1) * 3) && (r = set_grow(u)) < 0)
    return r;
  r = set_insert(u->keys, u->mask, v);
  u->count += (size_t)r;
  return r;
}

static int unique_pull (lw_Node *n, lw_Slot *out, int cap) {
  Unique *u = (Unique *)n;
  int k, i, j, r;
  do {
    k = lwN_pull(n->src, out, cap);
    if (k <= 0) return k;
    for (i = j = 0; i < k; i++) {
      r = unique_first(u, out[i]);
      if (r < 0) { lwS_releaseall(out, j); lwS_releaseall(out + i, k - i); return r; }
      if (r) out[j++] = out[i];
      else lw_release(out[i]);
    }
  } while (j == 0);
  return j;
}

static void unique_free (lw_Node *n) {
  Unique *u = (Unique *)n;
  lwM_free(u->keys);
  lw_host_release(u->set);
}

static const lw_NodeClass unique_class = {
  "unique", unique_pull, lwN_closesrc, unique_free, lwN_noinput
};

lw_Node *lwX_unique (lw_Node *src, uint32_t set) {
  Unique *u = (Unique *)lwN_new(&unique_class, sizeof(Unique), src);
  if (u == NULL) return NULL;
  u->set = set;
  return &u->base;
}
