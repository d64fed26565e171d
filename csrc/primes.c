/*
** primes.c
** primes(): every prime in order, from a segmented sieve of Eratosthenes.
** A segment is 32 KiB of bits, one bit per odd number (524288 numbers). The
** base primes that sieve it are the odd primes up to the square root of its
** end; they are found by a plain sieve that is redone, twice as far, when the
** segments outgrow them. Memory is the segment plus the base primes (about
** sqrt(p) / ln(sqrt(p)) of them for primes near p), never the primes taken.
** The sequence ends below 2^53, past which a double can't hold every integer.
*/
#include <math.h>

#include "lwnum.h"

#define SEG_WORDS 4096                    /* 32 KiB of bits */
#define SEG_BITS  (SEG_WORDS * 64)        /* odd numbers per segment */
#define SEG_SPAN  ((uint64_t)SEG_BITS * 2)
#define LIMIT     (1ull << 53)            /* primes are below this */
#define BASE_MAX  94906267ull             /* past the square root of the last segment's end */

typedef struct Primes {
  lw_Node base;
  uint64_t *seg;      /* bit i set: lo + 2i is prime */
  uint64_t lo;        /* the odd number of bit 0 */
  uint32_t pos;       /* the next bit to look at */
  int two;            /* 2 is still to come */
  int sieved;         /* the segment at 'lo' has been sieved */
  int finished;
  uint32_t *bp;       /* odd base primes, ascending */
  size_t nbp, roombp;
  uint64_t bplimit;   /* bp holds every odd prime up to this */
} Primes;

/* Integer square root, exact for 64-bit values. */
static uint64_t isqrt (uint64_t x) {
  uint64_t r = (uint64_t)sqrt((double)x);
  while (r * r > x) r--;
  while ((r + 1) * (r + 1) <= x) r++;
  return r;
}

/* Make bp hold every odd prime up to at least 'limit' (a plain sieve of odd numbers). */
static int grow_base (Primes *p, uint64_t limit) {
  uint64_t n, i, j, words;
  uint64_t *odd;
  size_t count = 0;
  uint32_t *bp;
  if (limit <= p->bplimit) return LW_OK;
  n = 2 * p->bplimit;   /* doubling keeps the re-sieving cheap overall */
  if (n > BASE_MAX) n = BASE_MAX;
  if (n < limit) n = limit;
  if (n < 1024) n = 1024;
  words = (n / 2 + 64) / 64;   /* bit i: 2i + 1, for 2i + 1 <= n */
  odd = (uint64_t *)lwM_alloc(words * sizeof(uint64_t));
  if (odd == NULL) return LW_ENOMEM;
  for (i = 3; i * i <= n; i += 2)   /* bit set: composite */
    if (!(odd[i / 2 / 64] >> (i / 2 % 64) & 1))
      for (j = i * i; j <= n; j += 2 * i) odd[j / 2 / 64] |= 1ull << (j / 2 % 64);
  for (i = 3; i <= n; i += 2) count += !(odd[i / 2 / 64] >> (i / 2 % 64) & 1);
  bp = (uint32_t *)lwM_alloc((count ? count : 1) * sizeof(uint32_t));
  if (bp == NULL) { lwM_free(odd); return LW_ENOMEM; }
  count = 0;
  for (i = 3; i <= n; i += 2)
    if (!(odd[i / 2 / 64] >> (i / 2 % 64) & 1)) bp[count++] = (uint32_t)i;
  lwM_free(odd);
  lwM_free(p->bp);
  p->bp = bp;
  p->nbp = count;
  p->bplimit = n;
  return LW_OK;
}

/* Sieve the segment of odd numbers lo, lo + 2, … lo + 2 (SEG_BITS - 1). */
static int sieve (Primes *p) {
  uint64_t lo = p->lo, hi = lo + SEG_SPAN, m;   /* hi: past the last number */
  uint64_t *seg = p->seg;
  size_t k;
  int st = grow_base(p, isqrt(hi) + 1);
  if (st < 0) return st;
  memset(seg, 0xFF, SEG_WORDS * sizeof(uint64_t));
  for (k = 0; k < p->nbp; k++) {
    uint64_t q = p->bp[k], j;
    if (q * q >= hi) break;
    /* the first odd multiple of q in the segment, and never q itself */
    m = (lo + q - 1) / q * q;
    if (m < q * q) m = q * q;
    if (m % 2 == 0) m += q;
    for (j = (m - lo) / 2; j < SEG_BITS; j += q) seg[j >> 6] &= ~(1ull << (j & 63));
  }
  p->sieved = 1;
  return LW_OK;
}

static int primes_pull (lw_Node *n, lw_Slot *out, int cap) {
  Primes *p = (Primes *)n;
  double *d = (double *)out;
  int k = 0, st;
  if (p->finished) return 0;
  if (p->two) { d[k++] = 2; p->two = 0; }
  while (k < cap) {
    uint32_t wi;
    uint64_t w, v;
    if (!p->sieved && (st = sieve(p)) < 0) return k > 0 ? k : st;   /* a later pull reports it */
    wi = p->pos >> 6;
    w = wi < SEG_WORDS ? p->seg[wi] & (~0ull << (p->pos & 63)) : 0;
    while (w == 0 && ++wi < SEG_WORDS) w = p->seg[wi];
    if (w == 0) {   /* the segment is used up: on to the next */
      p->lo += SEG_SPAN;
      p->pos = 0;
      p->sieved = 0;
      if (p->lo >= LIMIT) { p->finished = 1; break; }
      continue;
    }
    p->pos = wi * 64 + (uint32_t)__builtin_ctzll(w);
    v = p->lo + 2 * (uint64_t)p->pos;
    if (v >= LIMIT) { p->finished = 1; break; }
    d[k++] = (double)v;
    p->pos++;
  }
  return k;
}

static void primes_free (lw_Node *n) {
  Primes *p = (Primes *)n;
  lwM_free(p->seg);
  lwM_free(p->bp);
}

static const lw_NodeClass primes_class = {
  "primes", primes_pull, lwN_closesrc, primes_free, lwN_noinput
};

lw_Node *lwX_primes (double from) {
  Primes *p = (Primes *)lwN_new(&primes_class, sizeof(Primes), NULL);
  double start = ceil(from);
  if (p == NULL) return NULL;
  p->base.numeric = 1;
  p->seg = (uint64_t *)lwM_alloc(SEG_WORDS * sizeof(uint64_t));
  if (p->seg == NULL) { lwN_free(&p->base); return NULL; }
  p->two = start <= 2;
  if (!(start < (double)LIMIT)) { p->finished = 1; return &p->base; }   /* also NaN: the wrapper refuses it */
  p->lo = start <= 3 ? 3 : (uint64_t)start | 1;   /* the first odd number from 'start' on */
  return &p->base;
}
