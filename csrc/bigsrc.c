/*
** bigsrc.c
** Sources of exact integers: BigInt range/count and BigInt Fibonacci. They
** compute in lw_Big and hand each batch to the host in one crossing, which
** makes the JS BigInts. Unobservable: they fill whole batches.
*/
#include "lwnum.h"

/* Flush a batch early once it holds this many words, so huge values don't pile up. */
#define FLUSH_WORDS 65536

/* Pack 'b' as the next value; once the batch is large, make what it holds into out[*flushed…]. */
static int emit (lw_BigBatch *q, const lw_Big *b, lw_Slot *out, int *flushed) {
  if (lwB_pack(q, b) < 0) return LW_ENOMEM;
  if (q->used >= FLUSH_WORDS) *flushed += lwB_flush(q, out + *flushed);
  return LW_OK;
}

/* Out of memory part-way through a pull: let go of what was made. */
static int fail (lw_BigBatch *q, lw_Slot *out, int flushed) {
  lwS_releaseall(out, flushed);
  q->used = 0;
  q->count = 0;
  return LW_ENOMEM;
}


/*
** BigInt range and count: the value is accumulated (cur += step), which is
** exact for integers, so it equals start + step * i.
*/
typedef struct BigRange {
  lw_Node base;
  lw_Big cur, stop, step;
  int bounded;
  lw_BigBatch q;
} BigRange;

static int bigrange_pull (lw_Node *n, lw_Slot *out, int cap) {
  BigRange *r = (BigRange *)n;
  int k, flushed = 0, up = !r->step.neg;
  for (k = 0; k < cap; k++) {
    if (r->bounded) {
      int c = lwB_cmp(&r->cur, &r->stop);
      if (up ? c >= 0 : c <= 0) break;
    }
    if (emit(&r->q, &r->cur, out, &flushed) < 0 || lwB_add(&r->cur, &r->cur, &r->step) < 0)
      return fail(&r->q, out, flushed);
  }
  lwB_flush(&r->q, out + flushed);
  return k;
}

static void bigrange_free (lw_Node *n) {
  BigRange *r = (BigRange *)n;
  lwB_free(&r->cur);
  lwB_free(&r->stop);
  lwB_free(&r->step);
  lwB_batchfree(&r->q);
}

static const lw_NodeClass bigrange_class = {
  "range", bigrange_pull, lwN_closesrc, bigrange_free, lwN_noinput
};

lw_Node *lwX_bigrange (uint32_t start, uint32_t stop, uint32_t step) {
  BigRange *r = (BigRange *)lwN_new(&bigrange_class, sizeof(BigRange), NULL);
  if (r == NULL) return NULL;
  r->bounded = stop != 0;
  if (lwB_read(&r->cur, start) < 0 || lwB_read(&r->step, step) < 0
      || (r->bounded && lwB_read(&r->stop, stop) < 0)) {
    lwN_free(&r->base);
    return NULL;
  }
  return &r->base;
}


/* BigInt Fibonacci: (a, b) becomes (b, a + b), with a + b computed in a's limbs. */
typedef struct BigFib {
  lw_Node base;
  lw_Big a, b;
  lw_BigBatch q;
} BigFib;

static int bigfib_pull (lw_Node *n, lw_Slot *out, int cap) {
  BigFib *f = (BigFib *)n;
  int k, flushed = 0;
  for (k = 0; k < cap; k++) {
    lw_Big t;
    if (emit(&f->q, &f->a, out, &flushed) < 0 || lwB_add(&f->a, &f->a, &f->b) < 0)
      return fail(&f->q, out, flushed);
    t = f->a; f->a = f->b; f->b = t;
  }
  lwB_flush(&f->q, out + flushed);
  return k;
}

static void bigfib_free (lw_Node *n) {
  BigFib *f = (BigFib *)n;
  lwB_free(&f->a);
  lwB_free(&f->b);
  lwB_batchfree(&f->q);
}

static const lw_NodeClass bigfib_class = {
  "fibonacci", bigfib_pull, lwN_closesrc, bigfib_free, lwN_noinput
};

lw_Node *lwX_bigfibonacci (void) {
  BigFib *f = (BigFib *)lwN_new(&bigfib_class, sizeof(BigFib), NULL);
  if (f == NULL) return NULL;
  if (lwB_reserve(&f->b, 1) < 0) {
    lwN_free(&f->base);
    return NULL;
  }
  f->b.d[0] = 1;   /* a = 0, b = 1 */
  f->b.n = 1;
  return &f->base;
}
