/*
** bigint.c
** lw_Big, the core's arbitrary-precision integer: only what exact sequences
** need (add, compare) and the trip to and from JS BigInts. Values stay in C
** while they are computed; a JS BigInt is made only for a value that leaves
** the engine.
*/
#include "lwnum.h"

void lwB_free (lw_Big *b) {
  lwM_free(b->d);
  b->d = NULL;
  b->n = b->room = 0;
  b->neg = 0;
}

int lwB_reserve (lw_Big *b, uint32_t room) {
  uint32_t *d;
  if (room <= b->room) return LW_OK;
  if (room < 2 * b->room) room = 2 * b->room;   /* growth by doubling: sums and Fibonacci grow a limb at a time */
  if (room < 4) room = 4;
  d = (uint32_t *)lwM_alloc((size_t)room * sizeof(uint32_t));
  if (d == NULL) return LW_ENOMEM;
  if (b->n) memcpy(d, b->d, b->n * sizeof(uint32_t));
  lwM_free(b->d);
  b->d = d;
  b->room = room;
  return LW_OK;
}

int lwB_copy (lw_Big *dst, const lw_Big *src) {
  if (lwB_reserve(dst, src->n) < 0) return LW_ENOMEM;
  if (src->n) memcpy(dst->d, src->d, src->n * sizeof(uint32_t));
  dst->n = src->n;
  dst->neg = src->neg;
  return LW_OK;
}

/* Compare magnitudes. */
static int cmpmag (const lw_Big *a, const lw_Big *b) {
  uint32_t i;
  if (a->n != b->n) return a->n < b->n ? -1 : 1;
  for (i = a->n; i-- > 0;)
    if (a->d[i] != b->d[i]) return a->d[i] < b->d[i] ? -1 : 1;
  return 0;
}

int lwB_cmp (const lw_Big *a, const lw_Big *b) {
  if (a->neg != b->neg) return a->neg ? -1 : 1;
  return a->neg ? -cmpmag(a, b) : cmpmag(a, b);
}

/*
** r = a + b. Limb i of the result depends only on limbs 0..i of the inputs,
** read before it is written, so r may be a or b. Reserving first may move
** r's limbs, which is why the loops read through a->d and b->d afterwards.
*/
int lwB_add (lw_Big *r, const lw_Big *a, const lw_Big *b) {
  const lw_Big *big = a, *small = b;
  uint32_t i, n;
  int neg;
  if (a->neg == b->neg) {   /* magnitudes add */
    uint64_t carry = 0;
    if (a->n < b->n) { big = b; small = a; }
    n = big->n;
    neg = a->neg;
    if (lwB_reserve(r, n + 1) < 0) return LW_ENOMEM;
    for (i = 0; i < n; i++) {
      carry += (uint64_t)big->d[i] + (i < small->n ? small->d[i] : 0);
      r->d[i] = (uint32_t)carry;
      carry >>= 32;
    }
    r->n = n;
    if (carry) r->d[r->n++] = (uint32_t)carry;
  }
  else {                    /* magnitudes subtract: the larger minus the smaller */
    int64_t borrow = 0;
    int c = cmpmag(a, b);
    if (c == 0) { r->n = 0; r->neg = 0; return LW_OK; }
    if (c < 0) { big = b; small = a; }
    n = big->n;
    neg = big->neg;
    if (lwB_reserve(r, n) < 0) return LW_ENOMEM;
    for (i = 0; i < n; i++) {
      int64_t t = (int64_t)big->d[i] - (i < small->n ? small->d[i] : 0) - borrow;
      borrow = t < 0;
      r->d[i] = (uint32_t)(t + (borrow << 32));
    }
    r->n = n;
    while (r->n > 0 && r->d[r->n - 1] == 0) r->n--;
  }
  r->neg = r->n > 0 && neg;
  return LW_OK;
}


/* ---- to and from JS ---- */

int lwB_isbigint (uint32_t h) {
  return lw_host_bigint_read(h, NULL, 0) >= 0;
}

int lwB_read (lw_Big *b, uint32_t h) {
  int got = lw_host_bigint_read(h, b->d, (int)b->room);
  uint32_t n;
  if (got < 0) return got;
  n = (uint32_t)got >> 1;
  if (n > b->room) {   /* too big for what we had: grow, then read again */
    if (lwB_reserve(b, n) < 0) return LW_ENOMEM;
    got = lw_host_bigint_read(h, b->d, (int)b->room);
  }
  b->n = n;
  b->neg = got & 1;
  return LW_OK;
}

int lwB_pack (lw_BigBatch *q, const lw_Big *b) {
  size_t want = q->used + 1 + b->n;
  if (want > q->room) {
    size_t room = q->room ? q->room * 2 : 1024;
    uint32_t *w;
    while (room < want) room *= 2;
    w = (uint32_t *)lwM_alloc(room * sizeof(uint32_t));
    if (w == NULL) return LW_ENOMEM;
    if (q->used) memcpy(w, q->w, q->used * sizeof(uint32_t));
    lwM_free(q->w);
    q->w = w;
    q->room = room;
  }
  q->w[q->used++] = (b->n << 1) | (uint32_t)b->neg;
  if (b->n) memcpy(q->w + q->used, b->d, b->n * sizeof(uint32_t));
  q->used += b->n;
  q->count++;
  return LW_OK;
}

int lwB_flush (lw_BigBatch *q, lw_Slot *out) {
  int k = q->count;
  if (k > 0) lw_host_bigints(q->w, out, k);
  q->used = 0;
  q->count = 0;
  return k;
}

void lwB_batchfree (lw_BigBatch *q) {
  lwM_free(q->w);
  q->w = NULL;
  q->used = q->room = 0;
  q->count = 0;
}

int lwB_make (const lw_Big *b, lw_Slot *out) {
  lw_BigBatch q = { NULL, 0, 0, 0 };
  if (lwB_pack(&q, b) < 0) return LW_ENOMEM;
  lwB_flush(&q, out);
  lwB_batchfree(&q);
  return LW_OK;
}
