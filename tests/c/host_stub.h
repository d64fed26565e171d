/*
** host_stub.h
** The host of the C core (the lw_host_* functions of csrc/lwcore.h) in C, so
** the core's tests run natively under ASan and UBSan. It stands in for the
** JS wrapper (lib/host.js, lib/values.js) and follows the same ownership
** rules:
**   - a handle is an entry of a table of fake JS values with a reference
**     count; handles are never reused, so touching a released handle (or
**     releasing one twice) is caught at once and aborts the test;
**   - MAP, FLAT and SCAN consume their input slots, EVAL and TEST borrow
**     them; pack consumes its slots; on failure the host releases every slot
**     the call consumed or produced; failures return LW_EHOST;
**   - an iterator source is asked next() exactly once per value the core
**     asks for, and return() only while it is neither done nor broken.
** Every test file ends with hs_finish(), which checks that no byte of core
** memory and no handle is left, and prints "N passed, 0 failed".
*/
#ifndef host_stub_h
#define host_stub_h

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lwops.h"

/* ---- checks: the first failed one prints file:line and exits non-zero ---- */

extern int hs_checks;
void hs_fail (const char *file, int line, const char *what, const char *detail);
int hs_finish (void);   /* checks nothing leaked, prints "N passed, 0 failed"; the exit status */

#define CHECK(cond) do { if (cond) hs_checks++; else hs_fail(__FILE__, __LINE__, #cond, NULL); } while (0)
/* Strings: prints both on failure. */
#define CHECK_STR(got, want) do { const char *g_ = (got), *w_ = (want); \
  if (strcmp(g_, w_) == 0) hs_checks++; else hs_fail(__FILE__, __LINE__, #got " == " #want, hs_strs(g_, w_)); } while (0)
/* Integers (counts, statuses): prints both on failure. */
#define CHECK_INT(got, want) do { long long g_ = (long long)(got), w_ = (long long)(want); \
  if (g_ == w_) hs_checks++; else hs_fail(__FILE__, __LINE__, #got " == " #want, hs_ints(g_, w_)); } while (0)
/* Doubles, by SameValue: NaN equals NaN, -0 differs from 0. */
#define CHECK_NUM(got, want) do { double g_ = (got), w_ = (want); \
  if (hs_samevalue(g_, w_)) hs_checks++; else hs_fail(__FILE__, __LINE__, #got " == " #want, hs_nums(g_, w_)); } while (0)

const char *hs_strs (const char *got, const char *want);
const char *hs_ints (long long got, long long want);
const char *hs_nums (double got, double want);
int hs_samevalue (double a, double b);


/* ---- values ---- */

enum { HS_FREE, HS_OBJ, HS_BOOL, HS_ARRAY, HS_SOURCE, HS_FN, HS_SET, HS_OPENER, HS_BIGINT, HS_TEXT, HS_CHAIN };

uint32_t hs_obj (int64_t payload);   /* a new object (think: a string) with one reference */
lw_Slot hs_objslot (int64_t payload);
int hs_kind (uint32_t h);            /* HS_FREE once released for the last time */
int hs_refs (uint32_t h);
int64_t hs_payload (uint32_t h);     /* HS_OBJ, HS_BOOL */
int hs_array_len (uint32_t h);
lw_Slot hs_array_at (uint32_t h, int i);
int hs_live (void);                  /* handles alive, besides the permanent true and false */
void hs_release_all (const lw_Slot *s, int n);

/* The number a slot stands for: itself, or its handle's payload (what callbacks see). */
double hs_number (lw_Slot s);
/* Bits of a double, a double from bits. */
uint64_t hs_bits (double d);
double hs_dbl (uint64_t bits);

/*
** A slot as text: numbers as JS prints them ("1.5", "-0", "NaN", "Infinity"),
** objects "#payload", arrays "[a,b]", booleans "true"/"false". The strings
** come from a ring of static buffers: a few can be used at once.
*/
const char *hs_fmt (lw_Slot s);
/* One lw_pull of at most 'cap' values, as text ("" at the end, "!-1" for a status); the values are released. */
const char *hs_pull (lw_Pipe *p, int cap);
/* lw_pull until the end or an error: the values as text, a status as "!-1" at the end. */
const char *hs_drain (lw_Pipe *p, int cap);


/* ---- the event log: named sources and callbacks append what happens, in order ---- */

void hs_log_clear (void);
const char *hs_log (void);          /* e.g. "s.next f(0) s.next f(1) s.return " */


/* ---- sources ---- */

typedef struct hs_Source {
  /* set up by the test */
  const char *name;      /* non-NULL: events go to the log */
  int iter;              /* 1: an iterator (next/return); 0: an array adapter (reads ahead, return() is nothing) */
  const double *vals;    /* the values (bits copied as they are); NULL: 0, 1, 2, … */
  int n;                 /* how many; < 0: for ever */
  int objects;           /* values are objects with payload (int64_t)value */
  uint64_t object_mask;  /* bit i set: value i (i < 64) is such an object, the others numbers */
  int raw;               /* numbers copied bit for bit, as a typed array is (no NaN made canonical) */
  int fail_at;           /* the next() call that throws, counting from 1; 0: never */
  int close_fails;       /* return() throws */
  /* what happened */
  int nexts;             /* values asked for (next() calls, the one that found the end included) */
  int fills;             /* lw_host_fill calls (lw_host_fillchain makes one per value) */
  int fillchains;        /* lw_host_fillchain calls */
  int close_calls;       /* lw_host_close calls */
  int closes;            /* return() calls made (only while neither done nor broken) */
  int abrupt;            /* closes asked with 'abrupt' */
  int done;
  int pos;
  int max_cap;           /* the largest cap a fill asked for */
  int released;          /* the adapter's handle was released for the last time */
} hs_Source;

hs_Source hs_gen (const char *name, const double *vals, int n);   /* an iterator */
hs_Source hs_arr (const double *vals, int n);                     /* an array adapter */
uint32_t hs_source (hs_Source *s);                                  /* a handle (one reference) */
/* A host node over 's' (lw_host): iterators observable, arrays not. */
lw_Node *hs_node (hs_Source *s, int numeric);


/* ---- callbacks ---- */

enum { HS_SAME, HS_NUM, HS_OBJECT, HS_BOOLEAN };   /* what a MAP/SCAN result is */

typedef struct hs_Callback {
  const char *name;      /* non-NULL: calls go to the log as "name(x)" */
  double (*f) (double x, double i);               /* map, predicates (truthy result), flatMap, iterate */
  double (*f2) (double acc, double x, double i);  /* scan; apply (a recurrence): f2(…f2(f2(x0, x1, i), x2, i)…, xn, i) */
  int out;               /* HS_SAME: an object for an object, a number for a number */
  int fail_at;           /* the call that throws, counting from 1; 0: never */
  /* flatMap: fn(x, i) gives an iterator over inner_n values f(x, i) + 0, + 1, …; < 0: (int)f(x, i) values */
  int inner_n, inner_fail_at, inner_close_fails;
  /* what happened */
  int calls;             /* calls of the JS function */
  int host_calls;        /* lw_host_call calls (one per batch) */
  int modes[6];          /* lw_host_call calls per mode */
  int max_n;             /* the largest batch of one lw_host_call */
  double idx[256];       /* index argument of each call (the first 256) */
  int inner_made, inner_nexts, inner_closes, inner_released;
  int released;          /* the function's handle was released for the last time */
} hs_Callback;

hs_Callback hs_cb (const char *name, double (*f) (double, double));
uint32_t hs_callback (hs_Callback *c);   /* a handle (one reference) */
/*
** A JS sequence for lw_deferred: lw_host_open builds a host node over 's'
** (counted in 'opens'), or fails with LW_EHOST when 's->fail_at' is -1.
*/
uint32_t hs_opener (hs_Source *s, int *opens);
uint32_t hs_set (void);                  /* a new JS Set, for unique */

/* Ready-made callbacks. */
double hs_square (double x, double i);
double hs_is_even (double x, double i);
double hs_is_odd (double x, double i);
double hs_lt4 (double x, double i);
double hs_yes (double x, double i);
double hs_no (double x, double i);
double hs_identity (double x, double i);
double hs_add_index (double x, double i);
double hs_add (double acc, double x, double i);

/*
** ---- BigInts (lw_host_bigints, lw_host_bigint_read) ----
** A BigInt is kept as sign and limbs, and formatted in decimal with an "n"
** ("-12n"). Every packed BigInt the core hands over must be normalized: no
** leading zero limb, no negative zero.
*/
uint32_t hs_bigint (const char *decimal);   /* a new BigInt from "[-]digits", one reference */
lw_Slot hs_bigslot (const char *decimal);
extern int hs_bigint_calls;                 /* lw_host_bigints calls (one per batch) */
extern int hs_bigints_made;                 /* BigInts made by them */

/* ---- pack ---- */
extern int hs_packs;        /* lw_host_pack calls */
extern int hs_pack_fail_at; /* the pack call that fails, counting from 1; 0: never */

/*
** ---- byte streams (bytes.c) ----
** lw_host_text makes HS_TEXT handles (formatted as 'text', bytes as they are);
** lw_host_number is strtod over the whole token, NaN when it does not all parse.
*/
extern int hs_text_calls;      /* lw_host_text calls (one per batch of lines) */
extern int hs_number_calls;    /* lw_host_number calls (tokens bytes.c did not parse itself) */

/*
** ---- lw_host_jit ----
** Natively there is no WebAssembly to run the modules jsjit.c writes: the
** stub checks their frame (the header, then sections in order whose sizes
** add up to the length), counts them, and answers 0 (not compiled), so the
** machine goes on running the program.
*/
extern int hs_jit_calls;
const char *hs_text (uint32_t h);

/* A compiled program for 'src' (lw_compile); fails the test when refused. */
lw_Prog *hs_compile (const char *src, int truth, int nargs);

#endif
