/*
** lwops.h
** Constructors of every node kind, by family. Each returns the new node, or
** NULL when out of memory; on NULL the inputs are still the caller's.
*/
#ifndef lwops_h
#define lwops_h

#include "lwfn.h"

/*
** Stages with a callback take the JS function's handle and, when its text
** compiled, its program (retained by the node; NULL: not compiled).
*/

/* src.c: sources */
lw_Node *lwX_range (double start, double stop, double step, int bounded);
lw_Node *lwX_repeat (lw_Slot value, double times);
lw_Node *lwX_fibonacci (void);
lw_Node *lwX_random (uint64_t seed);
lw_Node *lwX_host (uint32_t adapter, int observable, int numeric);
/*
** Over a sync JS iterator (lwX_host_iterator), a take is folded into the
** host node (lwX_host_take: 1 when it was), and a chain of JS stages has the
** host read it between the callbacks (lwX_host_chain, as lw_host_fillchain).
*/
int lwX_host_iterator (const lw_Node *n);
uint32_t lwX_host_adapter (const lw_Node *n);
double *lwX_host_left (lw_Node *n);   /* how many values it may still read (a take folded in) */
int lwX_host_take (lw_Node *n, double limit);
int lwX_host_chain (lw_Node *n, lw_Stages *stages, lw_Slot *out, int cap, int *typed);
/* The k (1..LW_RECUR_MAX) seeds are taken; a program is used for k <= 2 (fn(a, b, i) for 2). */
lw_Node *lwX_recurrence (const lw_Slot *seeds, int k, uint32_t fn, lw_Prog *prog);
lw_Node *lwX_empty (void);

/* xform.c: one input, one output per input or fewer */
lw_Node *lwX_map (lw_Node *src, uint32_t fn, lw_Prog *prog);
lw_Node *lwX_filter (lw_Node *src, uint32_t fn, lw_Prog *prog);
lw_Node *lwX_chain (lw_Node *src, int kind, uint32_t fn, lw_Slot acc);   /* a JS map, filter, scan, takeWhile or dropWhile (chain.c) */
/*
** When n is a chain over a source that runs no user code, or over a sync JS
** iterator, its stages, which the host may then run itself value by value as
** its consumer asks: reading the source ahead (lwX_chain_pullsrc; LW_ESTATE
** for an iterator), or reading the iterator itself. Else NULL.
*/
lw_Stages *lwX_chain_tail (lw_Node *n);
int lwX_chain_pullsrc (lw_Node *n, lw_Slot *out, int cap);
lw_Node *lwX_takewhile (lw_Node *src, uint32_t fn, lw_Prog *prog);
lw_Node *lwX_dropwhile (lw_Node *src, uint32_t fn, lw_Prog *prog);
lw_Node *lwX_flatmap (lw_Node *src, uint32_t fn);
lw_Node *lwX_scan (lw_Node *src, uint32_t fn, lw_Prog *prog, lw_Slot init, int hasinit);
lw_Node *lwX_take (lw_Node *src, double limit);
lw_Node *lwX_drop (lw_Node *src, double limit);
lw_Node *lwX_slice (lw_Node *src, double start, double stop, double step);

/* combine.c: several inputs */
lw_Node *lwX_zip (lw_Node **inputs, int n);
lw_Node *lwX_enumerate (lw_Node *src, double start);   /* a zip of count(start) and src */
int lwX_iszip (const lw_Node *n, int width);   /* a zip of at least 'width' inputs */
lw_Node *lwX_rowmap (lw_Node *zip, uint32_t fn, lw_Prog *prog);   /* map over zip's rows, prog->rowlen > 0 */
lw_Node *lwX_concat (lw_Node **inputs, int n);
lw_Node *lwX_deferred (uint32_t seq);   /* takes the handle */
lw_Node *lwX_interleave (lw_Node **inputs, int n);

/* window.c: groups of consecutive values */
lw_Node *lwX_chunk (lw_Node *src, double size);
lw_Node *lwX_window (lw_Node *src, double size);

/* select.c: values compared with each other */
lw_Node *lwX_dedupe (lw_Node *src);
lw_Node *lwX_unique (lw_Node *src, uint32_t set);

/* buffer.c: operators that must remember what they saw */
lw_Node *lwX_cycle (lw_Node *src);

lw_TeeGroup *lwX_teegroup (lw_Node *src, int n);
lw_Node *lwX_teebranch (lw_TeeGroup *g, int i);
void lwX_teedrop (lw_TeeGroup *g, int i);

/* combinatorics.c: arrays chosen from whole pools (product's inputs, or one pool) */
enum { LW_PRODUCT, LW_PERMUTATIONS, LW_COMBINATIONS, LW_COMBINATIONS_WR, LW_POWERSET };
lw_Node *lwX_combinatorics (int kind, lw_Node **inputs, int n, double r);   /* product: r repeats */

/* group.c: selection and regrouping */
lw_Node *lwX_compress (lw_Node *data, lw_Node *selectors, uint32_t truth, int invert);
lw_Node *lwX_ziplongest (lw_Node **inputs, int n, lw_Slot fill);
lw_Node *lwX_roundrobin (lw_Node **inputs, int n);
lw_Node *lwX_batched (lw_Node *src, double size, uint32_t fail);   /* fail 0: not strict */

/* bytes.c: byte streams fed by the wrapper (LW_NEEDMORE when a pull needs more bytes) */
lw_Node *lwX_lines (uint32_t adapter);
lw_Node *lwX_numbers (uint32_t adapter);
uint8_t *lwX_bytes_room (lw_Node *n, size_t want);
void lwX_bytes_fed (lw_Node *n, size_t got);
void lwX_bytes_end (lw_Node *n);
int lwX_bytes_wants (const lw_Node *n);   /* it asked for bytes (LW_NEEDMORE) and was not fed since */

/*
** sink.c: consume a node; the result in '*res', how many values were read in
** '*count'. sum, count, min, max and last keep their progress there, so after
** LW_NEEDMORE the same call on the same pipe resumes where it stopped.
*/
int lwK_sum (lw_Node *n, int bigints, lw_Slot *res, double *count);   /* bigints: sum BigInts exactly (bigsink.c) */
int lwK_count (lw_Node *n, double *count);
int lwK_minmax (lw_Node *n, int max, lw_Slot *res, double *count);
int lwK_last (lw_Node *n, lw_Slot *res, double *count);
int lwK_nth (lw_Node *n, double index, lw_Slot *res, double *count);
int lwK_includes (lw_Node *n, lw_Slot *res, double *found);
int lwK_collect (lw_Node *n, double **data, double *len, lw_Slot *res);

/* SameValueZero on two slots (asks the host when one is a handle). */
int lwS_same (lw_Slot a, lw_Slot b);

#endif
