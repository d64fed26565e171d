/*
** lwcore.h
** Internal protocol of the C core: nodes, their classes, the host imports.
*/
#ifndef lwcore_h
#define lwcore_h

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "lw.h"

/*
** The host: functions the JS wrapper provides (WASM imports from "env").
** Natively they are provided by the test harness. Handles passed to them
** stay owned by the caller unless the comment says "consumes".
*/
#ifdef __wasm__
#define LW_IMPORT(name) __attribute__((import_module("env"), import_name(#name)))
#else
#define LW_IMPORT(name)
#endif

/* Handle reference counts: a node that copies a slot retains, one that drops a slot releases. */
LW_IMPORT(lw_host_retain)  void lw_host_retain(uint32_t h);
LW_IMPORT(lw_host_release) void lw_host_release(uint32_t h);
/*
** Fill out[0..cap) from the JS source adapter 'src': count, 0 at its end,
** LW_EHOST if it threw. '*typed' as for lw_host_chain: the batch ends after a
** value of another type than the one before (or after each non-number).
*/
LW_IMPORT(lw_host_fill)    int lw_host_fill(uint32_t src, lw_Slot *out, int cap, int *typed);
/* Close the JS source adapter 'src' (the iterator-close protocol). 'abrupt': ignore its errors. */
LW_IMPORT(lw_host_close)   int lw_host_close(uint32_t src, int abrupt);
/*
** Call the JS function 'fn' in one of the LW_CALL_* modes (lw.h): the count of
** calls made, or LW_EHOST. 'out' holds slots, or bytes (0/1) in the test modes.
** On LW_EHOST the host has released every slot the call consumed or produced.
*/
LW_IMPORT(lw_host_call)    int lw_host_call(uint32_t fn, int mode, lw_Slot *in, void *out,
                                            int n, double index0);
/* Make a JS array of the n slots at 'in' (consumes them): a handle, or LW_EHOST. */
LW_IMPORT(lw_host_pack)    int lw_host_pack(lw_Slot *in, int n);
/*
** Make k JS arrays at once: row i holds the 'width' slots from in[i * stride].
** Writes their handles to out[0..k): k, or LW_EHOST having let go of what the
** call made (and with 'consume', of every input slot). With 'consume' the rows
** take over the input slots (stride == width); without, they copy them.
*/
LW_IMPORT(lw_host_packrows) int lw_host_packrows(lw_Slot *in, int width, int k, int stride,
                                                 int consume, lw_Slot *out);
/* SameValueZero on the values of two handles. */
LW_IMPORT(lw_host_same)    int lw_host_same(uint32_t a, uint32_t b);
/* Add the value of handle 'h' to the JS Set 'set': 1 if it was new, 0 if seen before. */
LW_IMPORT(lw_host_seen)    int lw_host_seen(uint32_t set, uint32_t h);
/*
** A JS map, filter, scan, takeWhile or dropWhile stage of a chain (chain.c),
** as built: its callback, called with the value and an index from 0. A scan
** passes on each new accumulator fn(acc, value, index), starting from 'acc'
** (owned); as LW_STAGE_SEED it has no initial value: its first value is
** passed on as it is and starts the fold. A dropWhile calls its predicate
** until it is first falsy, then passes every value on without a call. A
** takeWhile's first falsy predicate ends the chain: that value and every
** later one is dropped, the host sets the list's 'stopped', and the chain
** closes its source (as TC39's takeWhile closes its iterator).
*/
enum { LW_STAGE_MAP, LW_STAGE_FILTER, LW_STAGE_SCAN, LW_STAGE_SEED, LW_STAGE_TAKEWHILE, LW_STAGE_DROPWHILE };
typedef struct lw_Stage {
  uint32_t fn, kind;
  lw_Slot acc;           /* LW_STAGE_SCAN: the initial value; else unused */
} lw_Stage;
/*
** A chain's stages. At its first use the host copies them into a JS object
** of its own ('state', a handle the chain releases), where it then advances
** the indexes and accumulators: a call per value costs no reading and
** writing back of them. 'stages' is not read again.
*/
typedef struct lw_Stages {
  lw_Stage *stages;
  int n;
  uint32_t state;        /* 0 before the first call */
  int stopped;           /* set by the host: a takeWhile stage's predicate was falsy */
  int failed;            /* set by the host: a stage threw after values came through; they go out first,
                            and the host throws the error again when called with no values (n = 0) */
} lw_Stages;
/*
** Run each of the n values at 'io' through the stages in order, value
** by value, as TC39 interleaves the calls; the values that come through are
** written from io[0] on and counted in '*kept', which on entry is the most
** that may come through (the run ends after the value that makes it so, and
** after a takeWhile stops, the value it stopped at consumed). When '*typed' is not 0 (a
** consumer that stops at the first value of an unexpected type), it is the
** type of the last value that came through (LW_TYPE_*), and the batch ends
** after a value of another type; LW_TYPE_EACH: after every value that is not
** a number (and stays LW_TYPE_EACH). Returns how many inputs it consumed
** (io[used..n) are untouched), or LW_EHOST having let every slot go.
*/
enum { LW_TYPE_NUMBER = 1, LW_TYPE_BIGINT, LW_TYPE_OTHER, LW_TYPE_EACH };
LW_IMPORT(lw_host_chain)   int lw_host_chain(lw_Stages *stages, lw_Slot *io, int n, int *typed, int *kept);
/*
** lw_host_chain over values the host reads one at a time from the JS source
** adapter 'src' (a sync iterator) itself, in one call: next(), the stages,
** next(), … (the order of pulling one value and chaining it, value by value)
** until 'cap' values came through, the source ended, '*typed' ended the
** batch, or '*left' values were read (it counts them down). Returns how many
** came through (0: the source ended or *left is 0), or LW_EHOST having let
** them go.
*/
LW_IMPORT(lw_host_fillchain) int lw_host_fillchain(uint32_t src, lw_Stages *stages, lw_Slot *out, int cap,
                                                   int *typed, double *left);
/* Build the pipeline the JS sequence 'seq' describes: its head node (owned), or NULL with an error pending. */
LW_IMPORT(lw_host_open)    lw_Node *lw_host_open(uint32_t seq);
/* Byte streams: the UTF-8 text of n spans (start, length) of 'base' as string handles in out[0..n): n, or LW_EHOST. */
LW_IMPORT(lw_host_text)    int lw_host_text(const uint8_t *base, const uint32_t *spans, int n, lw_Slot *out);
/*
** Compile the WebAssembly module bytes[0..len) (csrc/jsjit.c: it imports
** "env" "op", lw_jit_op, and "env" "memory") and put its exports "step",
** "fold", "recur1" and "recur2" in the function table, at index i to i + 3:
** returns i, or 0 when the host could not. lw_host_unjit(i) frees the four.
*/
LW_IMPORT(lw_host_jit)     int lw_host_jit(const uint8_t *bytes, int len);
LW_IMPORT(lw_host_unjit)   void lw_host_unjit(uint32_t at);
/* JS Number() of the UTF-8 text base[0..len), for the tokens bytes.c does not parse itself. */
LW_IMPORT(lw_host_number)  double lw_host_number(const uint8_t *base, uint32_t len);


/* ---- slots ---- */

static inline int lw_ishandle (lw_Slot s) { return (uint32_t)(s >> 32) == LW_HANDLE_HI; }
static inline uint32_t lw_handle (lw_Slot s) { return (uint32_t)s; }
static inline lw_Slot lw_mkhandle (uint32_t h) { return ((lw_Slot)LW_HANDLE_HI << 32) | h; }

static inline double lw_num (lw_Slot s) { double d; memcpy(&d, &s, sizeof d); return d; }
static inline lw_Slot lw_mknum (double d) {  /* canonical NaN: never a handle */
  lw_Slot s;
  if (d != d) return LW_CANON_NAN;
  memcpy(&s, &d, sizeof s);
  return s;
}

/* true, false and undefined (LW_TRUE … LW_UNDEFINED) are held for ever: they cost no call out. */
static inline int lw_counted (lw_Slot s) { return lw_ishandle(s) && lw_handle(s) > LW_UNDEFINED; }
static inline void lw_retain (lw_Slot s) { if (lw_counted(s)) lw_host_retain(lw_handle(s)); }
static inline void lw_release (lw_Slot s) { if (lw_counted(s)) lw_host_release(lw_handle(s)); }
void lwS_releaseall (const lw_Slot *s, int n);


/* ---- nodes ---- */



typedef struct lw_NodeClass {
  const char *name;                                  /* shown by lw_explain */
  /* Fill out[0..cap) (cap >= 1): a count in 1..cap, 0 when exhausted, < 0 a status. */
  int  (*pull)  (lw_Node *n, lw_Slot *out, int cap);
  /* Close every upstream still open; return the first error (ignored when 'abrupt'). */
  int  (*close) (lw_Node *n, int abrupt);
  /* Release what the node owns except upstream nodes. Can't fail. */
  void (*free)  (lw_Node *n);
  /* Upstream nodes besides 'src', for teardown and explain: the i-th, or NULL. */
  lw_Node *(*input) (lw_Node *n, int i);
} lw_NodeClass;

enum { LW_OPEN, LW_DONE, LW_FAILED, LW_CLOSED };

struct lw_Node {
  const lw_NodeClass *cls;
  lw_Node *src;         /* the (first) upstream; NULL for sources */
  uint8_t state;        /* LW_OPEN .. LW_CLOSED */
  uint8_t observable;   /* pulling this node can run user JS code */
  uint8_t selfobs;      /* this node itself runs user JS code per element */
  uint8_t numeric;      /* every value it yields is a number (compiled stages over it run no JS) */
  uint8_t stops_nn;     /* it can end its batches early by the type of its values (set 'stop' to ask) */
  uint8_t stop;         /* LW_STOP_*: how its consumer wants its batches ended (0: not at all) */
  uint8_t nn_calls;     /* it runs user code only for values that are not numbers (a compiled callback) */
  uint8_t passes;       /* its values are some of its upstream's, in order (take, drop, slice): 'stop' goes upstream */
  uint8_t waits;        /* it may return LW_NEEDMORE: a byte stream upstream, whose reads are observable */
  /* Optional (a numeric node): pull as 'pull' does, but add the values to *acc in order instead of handing them out; 'buf' is scratch. */
  int (*addto) (lw_Node *n, lw_Slot *buf, int cap, double *acc);
};

/*
** Exact laziness. A node never pulls from upstream more than it needs for the
** values it returns, unless no one can observe it: a node that is not
** 'observable' may compute ahead (filter does, and keeps what it kept). A node that runs user code itself ('selfobs') and has an
** observable upstream pulls that upstream one value at a time, so user code
** runs in the same interleaved order as with TC39 iterator helpers, unless it
** runs user code only for non-numbers ('nn_calls') and its upstream can end a
** batch after each non-number ('stops_nn'): then it pulls whole batches, each
** with at most one non-number, last, which it calls JS for before the next
** pull. A node
** that may stop part-way through what it pulled (takeWhile) pulls an
** observable upstream one value at a time even when it runs no user code:
** upstream user code must not run for values TC39 would never ask for.
*/
int  lwN_pull  (lw_Node *n, lw_Slot *out, int cap);
int  lwN_stack_exhausted (void);   /* the entry points that pull refuse to nest deeper (LW_ESTACK) */
/*
** A sum's pull from a numeric node: up to 'cap' values added to *acc in order
** ('buf': LW_BATCH slots of scratch); how many, as lwN_pull returns. Through
** the node's 'addto' when it has one, else a pull and a loop of additions.
*/
int  lwN_addto (lw_Node *n, lw_Slot *buf, int cap, double *acc);
int  lwN_close (lw_Node *n, int abrupt);
void lwN_free  (lw_Node *n);
/*
** A pull that made k values into 'out' and then met status st < 0: with
** LW_NEEDMORE it returns the k values (the next pull resumes), with an error
** it drops them and returns st.
*/
int  lwN_partial (lw_Slot *out, int k, int st);
int  lwN_demand (const lw_Node *n, int cap);   /* cap, or 1 when pulls must be exact */
int  lwN_exact  (const lw_Node *n, int cap);   /* cap, or 1 when upstream is observable */
/*
** How a node wants its batches ended (its 'stop'), as the host's '*typed'
** starts: after a change of type (LW_STOP_CHANGE: a numbers-only sink), or
** after every value that is not a number (LW_STOP_EACH: a compiled callback
** that calls JS for such values, which must run before the next value is read).
*/
enum { LW_STOP_CHANGE = 1, LW_STOP_EACH };
int  lwN_typed (const lw_Node *n, int typed);   /* the '*typed' to pass the host next */
void lwN_passes (lw_Node *n);                   /* mark a node that passes its upstream's values on ('passes') */
/* A node over several inputs: observable or waiting when any is, numeric when all are. */
void lwN_inputs_flags (lw_Node *n, lw_Node **inputs, int k);
/*
** Fill 'out' up to 'k' values from the *have it already holds, unless the
** input ends or fails first: the count, or < 0. With LW_NEEDMORE the values
** stay in 'out' (counted in *have) and the next pull goes on from there.
*/
int  lwN_fill_to (lw_Node *in, lw_Slot *out, int *have, int k);

void *lwN_new  (const lw_NodeClass *cls, size_t size, lw_Node *src);
int  lwN_closesrc (lw_Node *n, int abrupt);    /* the default close: close 'src' */
void lwN_nofree (lw_Node *n);
lw_Node *lwN_noinput (lw_Node *n, int i);

/* A node-owned scratch batch of LW_BATCH slots, allocated on first use. */
lw_Slot *lwN_scratch (lw_Slot **buf);

/* A growable array of owned slots (for stages that must remember values). */
typedef struct lw_Vec {
  lw_Slot *p;
  size_t n, room;
} lw_Vec;

int  lwV_reserve (lw_Vec *v, size_t want);   /* room for 'want' slots, or LW_ENOMEM */
void lwV_clear (lw_Vec *v);                  /* release every slot and the memory */

void *lwM_alloc (size_t size);   /* zeroed; NULL when out of memory */
void *lwM_raw   (size_t size);   /* not zeroed: for buffers written before they are read */
void  lwM_free  (void *p);
size_t lwM_used (void);          /* bytes allocated and not freed */

#endif
