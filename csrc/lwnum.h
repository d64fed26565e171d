/*
** lwnum.h
** Exact integers and primes: a small arbitrary-precision integer (lw_Big),
** the host imports that turn it into a JS BigInt and back, and the nodes and
** sinks built on it.
*/
#ifndef lwnum_h
#define lwnum_h

#include "lwcore.h"

/*
** BigInts cross the boundary through WASM memory. A small one (up to two
** limbs) goes as its 32-bit limbs, least significant first; a larger one as
** the hex digits of its magnitude (ASCII, no leading zero), which the host's
** own BigInt parser reads in linear time. A packed BigInt is a head word,
** (count << 2) | hex << 1 | negative, then 'count' limbs or 'count' hex
** digits padded to whole words.
*/
#define LW_BIG_HEX_OVER 2   /* limbs above which a value is packed as hex digits */

/* Make JS BigInts of the 'n' packed BigInts at 'packed': their handles into out[0..n). Returns n. */
LW_IMPORT(lw_host_bigints)     int lw_host_bigints(const uint32_t *packed, lw_Slot *out, int n);
/*
** Read the BigInt of handle 'h': the hex digits of its magnitude (ASCII,
** "0" for zero) into hex[0..room) when they fit. Returns (digit count << 1)
** | negative whether they fit or not, or LW_ETYPE when it is not a BigInt.
*/
LW_IMPORT(lw_host_bigint_read) int lw_host_bigint_read(uint32_t h, char *hex, int room);


/* ---- lw_Big: sign and magnitude; zero has no limbs and is never negative ---- */

typedef struct lw_Big {
  uint32_t *d;     /* limbs, least significant first; d[n - 1] != 0 */
  uint32_t n;      /* limbs in use */
  uint32_t room;   /* limbs allocated */
  int neg;
} lw_Big;

void lwB_free (lw_Big *b);
int  lwB_reserve (lw_Big *b, uint32_t room);        /* LW_OK or LW_ENOMEM; keeps the value */
int  lwB_copy (lw_Big *dst, const lw_Big *src);
int  lwB_add (lw_Big *r, const lw_Big *a, const lw_Big *b);   /* r = a + b; r may be a or b */
int  lwB_cmp (const lw_Big *a, const lw_Big *b);   /* -1, 0, 1 */
int  lwB_read (lw_Big *b, uint32_t h);             /* the BigInt of a handle: LW_OK, LW_ETYPE, LW_ENOMEM */
int  lwB_isbigint (uint32_t h);                    /* whether a handle holds a BigInt */

/*
** A batch of BigInts for the host to make in one crossing. Values are packed
** into growable memory; lwB_flush makes them and empties the batch.
*/
typedef struct lw_BigBatch {
  uint32_t *w;
  size_t used, room;   /* words */
  int count;           /* BigInts packed */
} lw_BigBatch;

int  lwB_pack (lw_BigBatch *q, const lw_Big *b);   /* LW_OK or LW_ENOMEM */
int  lwB_flush (lw_BigBatch *q, lw_Slot *out);     /* their handles into out; the count */
void lwB_batchfree (lw_BigBatch *q);
int  lwB_make (const lw_Big *b, lw_Slot *out);     /* one BigInt: LW_OK or LW_ENOMEM */


/* ---- nodes (bigsrc.c, primes.c) ---- */

/*
** BigInt range: start, start + step, … while below 'stop' (above it for a
** negative step); unbounded when 'stop' is 0 (no handle). The handles are
** borrowed: read at once, never kept. NULL when out of memory or when an
** argument is not a BigInt (the wrapper checks them first).
*/
lw_Node *lwX_bigrange (uint32_t start, uint32_t stop, uint32_t step);
lw_Node *lwX_bigfibonacci (void);   /* 0n, 1n, 1n, 2n, … exact for ever */

/* The primes from 'from' on, in order, below 2^53 (the last exact double). */
lw_Node *lwX_primes (double from);


/* ---- sinks over BigInts (bigsink.c) ---- */

/*
** Finish a sum or min/max whose first value, buf[0], is a BigInt: the batch
** buf[0..k) (owned), then the rest of 'n', 'cap' values at a time. Same
** contract as lwK_sum and lwK_minmax, plus LW_EMIX when a number comes among
** the BigInts ('*res' holds it).
*/
int lwK_bigsum (lw_Node *n, lw_Slot *buf, int k, int cap, lw_Slot *res, double *count);
int lwK_bigminmax (lw_Node *n, int max, lw_Slot *buf, int k, int cap, lw_Slot *res, double *count);

#endif
