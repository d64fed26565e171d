/*
** lw.h
** lazywasm public ABI: slot encoding, status codes and every exported function.
** This header is the whole boundary between the C core and the JS wrapper.
*/
#ifndef lw_h
#define lw_h

#include <stdint.h>

/*
** A slot is 64 bits: the IEEE-754 bits of a double, or a handle to a JS value
** held in the wrapper's table. A handle is a NaN with the quiet bit clear and
** 0x7FF4 in its top bits (a signalling NaN). No float operation produces a
** signalling NaN, and every NaN that enters the engine as a number is made
** canonical, so a number can never be mistaken for a handle.
*/
typedef uint64_t lw_Slot;

#define LW_HANDLE_HI   0x7FF40000u
#define LW_CANON_NAN   0x7FF8000000000000ull

/*
** Handles the wrapper keeps for ever: the booleans compiled callbacks
** produce, and undefined (what most callbacks of forEach return).
*/
#define LW_TRUE    1u
#define LW_FALSE   2u
#define LW_UNDEFINED 3u

/* Status codes: >= 0 is success (for pulls, the count). */
#define LW_OK       0
#define LW_EHOST   -1   /* JS code threw; the wrapper holds the error */
#define LW_ENOMEM  -2   /* out of WASM memory */
#define LW_ETYPE   -3   /* a value of the wrong type reached a numeric stage */
#define LW_ESTATE  -4   /* misuse of the ABI (a bug in the wrapper) */
#define LW_EMIX    -5   /* numbers and BigInts mixed in one sum, min or max */
#define LW_NEEDMORE -6  /* an async source has nothing yet: feed it, then pull again (nothing was lost) */
#define LW_ERUNNING -7  /* a tee branch needed its source while that source was making values (a callback read a sibling branch) */
#define LW_ESTACK  -8   /* pipelines run inside one another (from callbacks) too deeply for the stack */

/* How many slots one pull may move at most: the wrapper's batch size. */
#define LW_BATCH 256

/* Modes of lw_host_call (see lwcore.h). 'i0+i' is the callback's index argument. */
#define LW_CALL_MAP   0   /* out[i] = fn(in[i], i0+i); consumes in[i] */
#define LW_CALL_EVAL  1   /* out[i] = truthy(fn(in[i], i0+i)) as a byte; borrows in[i] */
#define LW_CALL_TEST  2   /* as EVAL, but stops after the first falsy result */
#define LW_CALL_FLAT  3   /* out[0] = handle of a source adapter over fn(in[0], i0); consumes in[0] */
#define LW_CALL_SCAN  4   /* out[0] = fn(out[0], in[i], i0+i), then in[i] = a copy of out[0] */
#define LW_CALL_APPLY 5   /* out[0] = fn(in[0], …, in[n-1], i0); borrows in[] */

/* The most previous values a recurrence's fn may take. */
#define LW_RECUR_MAX 1024


/* ---- the exports (api.c) ---- */

typedef struct lw_Node lw_Node;          /* a stage of a pipeline */
typedef struct lw_Pipe lw_Pipe;          /* a pipeline being iterated: its head and batch */
typedef struct lw_TeeGroup lw_TeeGroup;  /* the shared state of tee's branches */
typedef struct lw_Prog lw_Prog;          /* a compiled callback */

lw_Slot *lw_args (void);
void *lw_alloc (double size);
void lw_dealloc (void *p);
double lw_mem_used (void);
lw_Prog *lw_compile (const char *src, double len, int truth, int nargs);
lw_Prog *lw_compile_rows (const char *src, double len, int nargs, int rows);   /* a map over zip's rows */
const char *lw_compile_error (void);
void lw_prog_release (lw_Prog *p);
void lw_use_prog (lw_Prog *p);
double lw_jit_op (int op, double a, double b, double c);   /* imported by the modules jsjit.c writes */
double lw_jit_heat (double steps);   /* sets the steps before a program is written out as WebAssembly (tests: 0); the old */
lw_Node *lw_range (double a, double b, double s, int bounded);
lw_Node *lw_repeat (double times);
lw_Node *lw_fibonacci (void);
lw_Node *lw_random (uint32_t hi, uint32_t lo);
lw_Node *lw_host (uint32_t adapter, int obs, int numeric);   /* obs: 0 an array, 1 an iterator, 2 one fed by fromAsync */
lw_Node *lw_recurrence (const lw_Slot *seeds, int k, uint32_t fn);   /* takes the k seeds (1..LW_RECUR_MAX) */
lw_Node *lw_empty (void);
lw_Node *lw_bigrange (uint32_t start, uint32_t stop, uint32_t step);   /* BigInt handles, borrowed; stop 0: unbounded */
lw_Node *lw_bigfibonacci (void);
lw_Node *lw_primes (double from);
lw_Node *lw_map (lw_Node *s, uint32_t fn);
lw_Node *lw_filter (lw_Node *s, uint32_t fn);
lw_Node *lw_takewhile (lw_Node *s, uint32_t fn);
lw_Node *lw_dropwhile (lw_Node *s, uint32_t fn);
lw_Node *lw_flatmap (lw_Node *s, uint32_t fn);
lw_Node *lw_scan (lw_Node *s, uint32_t fn, int hasinit);
lw_Node *lw_take (lw_Node *s, double n);
lw_Node *lw_drop (lw_Node *s, double n);
lw_Node *lw_slice (lw_Node *s, double a, double b, double st);
lw_Node *lw_enumerate (lw_Node *s, double start);
lw_Node *lw_zip (lw_Node **in, int n);
lw_Node *lw_concat (lw_Node **in, int n);
lw_Node *lw_deferred (uint32_t seq);   /* a pipeline built by the host when first pulled; takes the handle */
lw_Node *lw_interleave (lw_Node **in, int n);
lw_Node *lw_chunk (lw_Node *s, double size);
lw_Node *lw_window (lw_Node *s, double size);
lw_Node *lw_dedupe (lw_Node *s);
lw_Node *lw_unique (lw_Node *s, uint32_t set);
lw_Node *lw_cycle (lw_Node *s);
lw_TeeGroup *lw_teegroup (lw_Node *s, int n);
lw_Node *lw_teebranch (lw_TeeGroup *g, int i);
void lw_teedrop (lw_TeeGroup *g, int i);
lw_Node *lw_product (lw_Node **in, int n, double repeat);
lw_Node *lw_permutations (lw_Node *s, double r);
lw_Node *lw_combinations (lw_Node *s, double r);
lw_Node *lw_combinations_wr (lw_Node *s, double r);
lw_Node *lw_powerset (lw_Node *s);
lw_Node *lw_compress (lw_Node *data, lw_Node *selectors, uint32_t truth, int invert);
lw_Node *lw_ziplongest (lw_Node **in, int n);   /* fill: args[0] */
lw_Node *lw_roundrobin (lw_Node **in, int n);
lw_Node *lw_batched (lw_Node *s, double size, uint32_t fail);
void lw_node_free (lw_Node *n);
lw_Pipe *lw_pipe (lw_Node *head);
lw_Slot *lw_pipe_buf (lw_Pipe *p);
lw_Slot *lw_pipe_res (lw_Pipe *p);
double lw_pipe_count (lw_Pipe *p);
double *lw_pipe_data (lw_Pipe *p);
int lw_observable (lw_Pipe *p);
int lw_pull (lw_Pipe *p, int cap);
struct lw_Stages *lw_tail (lw_Pipe *p);   /* for…of over a tail of JS stages (api.c) */
int lw_pull_tail (lw_Pipe *p, int cap);
uint32_t lw_tail_iterator (lw_Pipe *p);
double *lw_tail_left (lw_Pipe *p);
int lw_close (lw_Pipe *p, int abrupt);
void lw_free (lw_Pipe *p);
int lw_sum (lw_Pipe *p);
int lw_mean (lw_Pipe *p);   /* lw_sum of numbers only */
int lw_count (lw_Pipe *p);
int lw_min (lw_Pipe *p);
int lw_max (lw_Pipe *p);
int lw_last (lw_Pipe *p);
int lw_nth (lw_Pipe *p, double i);
int lw_includes (lw_Pipe *p);
int lw_collect (lw_Pipe *p);
/* byte streams (bytes.c): the wrapper feeds the source node a piece at a time */
lw_Node *lw_lines (uint32_t adapter);
lw_Node *lw_numbers (uint32_t adapter);
uint8_t *lw_bytes_room (lw_Node *n, double want);
void lw_bytes_fed (lw_Node *n, double got);
void lw_bytes_end (lw_Node *n);
int  lw_bytes_wants (lw_Node *n);   /* it returned LW_NEEDMORE and was not fed since */

#endif
