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

static const char hexdigit[] = "0123456789abcdef";

static int hexvalue (char c) {
  return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}

int lwB_isbigint (uint32_t h) {
  return lw_host_bigint_read(h, NULL, 0) >= 0;
}

/* Limbs from hex digits, eight to a limb from the least significant end. */
static int fromhex (lw_Big *b, const char *hex, uint32_t len) {
  uint32_t i, n = (len + 7) / 8;
  if (lwB_reserve(b, n) < 0) return LW_ENOMEM;
  for (i = 0; i < n; i++) {
    uint32_t end = len - 8 * i, start = end > 8 ? end - 8 : 0, w = 0, j;
    for (j = start; j < end; j++) w = w << 4 | (uint32_t)hexvalue(hex[j]);
    b->d[i] = w;
  }
  b->n = n;
  while (b->n > 0 && b->d[b->n - 1] == 0) b->n--;
  return LW_OK;
}

int lwB_read (lw_Big *b, uint32_t h) {
  char small[128], *hex = small;
  int got = lw_host_bigint_read(h, small, (int)sizeof small), st;
  uint32_t len;
  if (got < 0) return got;
  len = (uint32_t)got >> 1;
  if (len > sizeof small) {   /* a large one: room for its digits, and read again */
    hex = (char *)lwM_alloc(len);
    if (hex == NULL) return LW_ENOMEM;
    lw_host_bigint_read(h, hex, (int)len);
  }
  st = fromhex(b, hex, len);
  if (hex != small) lwM_free(hex);
  b->neg = b->n > 0 && (got & 1);
  return st;
}

/* Words a packed 'b' takes, head included. */
static size_t packed_words (const lw_Big *b, uint32_t *digits) {
  uint32_t top;
  if (b->n <= LW_BIG_HEX_OVER) return 1 + b->n;
  for (top = 8; top > 1 && (b->d[b->n - 1] >> (4 * (top - 1))) == 0; top--) {}
  *digits = top + 8 * (b->n - 1);
  return 1 + (*digits + 3) / 4;
}

int lwB_pack (lw_BigBatch *q, const lw_Big *b) {
  uint32_t digits = 0, i;
  size_t words = packed_words(b, &digits), want = q->used + words;
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
  if (b->n <= LW_BIG_HEX_OVER) {
    q->w[q->used] = (b->n << 2) | (uint32_t)b->neg;
    if (b->n) memcpy(q->w + q->used + 1, b->d, b->n * sizeof(uint32_t));
  }
  else {   /* hex digits, most significant first, written from the last one back */
    char *text = (char *)(q->w + q->used + 1);
    uint32_t pos = digits;
    q->w[q->used] = (digits << 2) | 2u | (uint32_t)b->neg;
    for (i = 0; i < b->n; i++) {
      uint32_t w = b->d[i], k;
      for (k = 0; k < 8 && pos > 0; k++, w >>= 4) text[--pos] = hexdigit[w & 15];
    }
  }
  q->used += words;
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
