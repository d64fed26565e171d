/*
** lwjs.h
** Compiled callbacks: a parser for a small, pure subset of JS function text
** (jsparse.c), a compiler from its syntax tree to a vector program
** (jscomp.c), and the machine that runs a program over a batch (jsvm.c).
*/
#ifndef lwjs_h
#define lwjs_h

#include "lwcore.h"

/* ---- syntax tree (jsparse.c) ---- */

/* Tokens; the operator ones double as operator codes in the tree. */
typedef enum {
  T_EOF, T_NUM, T_IDENT, T_BAD,
  P_LPAREN, P_RPAREN, P_LBRACE, P_RBRACE, P_COMMA, P_SEMI, P_QUESTION, P_COLON,
  P_DOT, P_ARROW, P_NOT, P_TILDE, P_PLUS, P_MINUS, P_STAR, P_SLASH, P_PERCENT,
  P_POW, P_LT, P_LE, P_GT, P_GE, P_EQ, P_NE, P_SEQ, P_SNE, P_AMP, P_AND,
  P_PIPE, P_OR, P_CARET, P_SHL, P_SAR, P_SHR, P_NULLISH, P_LBRACKET, P_RBRACKET
} lw_JsTok;

typedef enum {
  J_NUM, J_BOOL, J_PARAM, J_UNARY, J_BINARY, J_LOGICAL, J_COND, J_CALL
} lw_JsKind;

typedef struct lw_JsNode lw_JsNode;
struct lw_JsNode {
  uint8_t kind;          /* lw_JsKind */
  uint8_t op;            /* operator (a J_* token) or builtin (lw_Builtin) */
  uint8_t nargs;         /* J_CALL */
  int param;             /* J_PARAM: parameter index */
  double num;            /* J_NUM, J_BOOL (0 or 1) */
  lw_JsNode *a, *b, *c;  /* operands; J_CALL: arguments in args */
  lw_JsNode **args;
  int pos;               /* offset in the source, for messages */
};

/* Limits that keep the parser's memory and recursion bounded on any input. */
#define LW_JS_MAXSRC   16384   /* characters of function text */
#define LW_JS_MAXDEPTH 200     /* nesting of expressions */
#define LW_JS_MAXNODES 4096    /* syntax tree nodes */
#define LW_JS_MAXPARAMS 3
#define LW_JS_MAXROW   8       /* names in a destructuring first parameter ([a, b]) */
#define LW_JS_MAXARGS  8       /* arguments of one Math call */

typedef struct lw_JsParse {
  lw_JsNode *root;
  int nparams;           /* parameter names: a destructured first parameter's first */
  int rowlen;            /* how many names the first parameter destructures ([a, b]: 2), or 0 */
  int nargs;             /* parameters as declared (a pattern is one) */
  char error[160];       /* why the text is not in the subset ("" if it is) */
} lw_JsParse;

/* Builtins a call may name. */
typedef enum {
  B_ABS, B_SIGN, B_FLOOR, B_CEIL, B_ROUND, B_TRUNC, B_SQRT, B_CBRT, B_FROUND,
  B_CLZ32, B_IMUL, B_MIN, B_MAX, B_HYPOT, B_ISINTEGER, B_ISFINITE, B_ISNAN,
  B_COUNT
} lw_Builtin;

/*
** Parse 'len' bytes of function text. Returns the tree (allocated in one
** block at '*arena', which the caller frees with lwM_free), or NULL with
** p->error set. Never reads outside src[0..len). 'rows' > 0: the first
** argument is an array of that many numbers (a row of zip), which the first
** parameter may destructure into up to 'rows' names; 0: it is one number.
*/
lw_JsNode *lwJ_parse (const char *src, size_t len, int rows, lw_JsParse *p, void **arena);


/* ---- programs (jscomp.c, jsvm.c) ---- */

/* Vector operations: each runs over a whole batch (jsvm.c). Booleans are 0 and 1. */
typedef enum {
  OP_MOV, OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_MOD, OP_MODK, OP_NEG, OP_POWHALF,   /* MODK: a % b, c = 1/b */
  OP_TRUTHY, OP_NOT, OP_AND01, OP_OR01, OP_SELECT,      /* SELECT: truthy(a) ? b : c */
  OP_LT, OP_LE, OP_GT, OP_GE, OP_EQ, OP_NE,
  OP_BITNOT, OP_BAND, OP_BOR, OP_BXOR, OP_SHL, OP_SAR, OP_SHR,
  OP_ABS, OP_SIGN, OP_FLOOR, OP_CEIL, OP_ROUND, OP_TRUNC, OP_SQRT, OP_CBRT, OP_FROUND,
  OP_CLZ32, OP_IMUL, OP_MIN, OP_MAX, OP_HYPOT2, OP_HYPOT3,
  OP_ISINT, OP_ISFIN, OP_ISNAN
} lw_Op;

typedef struct lw_Instr {
  uint8_t op, dst, a, b, c;
} lw_Instr;

enum { LW_TNUM, LW_TBOOL };     /* static types of values */

struct lw_Prog {   /* typedef in lw.h */
  int refs;
  int nparams;           /* registers 0..nparams-1 hold the arguments */
  int rowlen;            /* > 0: registers 0..rowlen-1 hold a row of zip (lwJ_compile_rows), the index next */
  int nregs, ncode;
  int result;            /* the register holding the result */
  int rtype;             /* LW_TNUM or LW_TBOOL */
  lw_Instr *code;
  double *consts;        /* per register: the constant it holds, when isconst */
  uint8_t *isconst;
  double *regs;          /* nregs + 1 batches: constants filled, the rest scratch */
  double *scalar;        /* nregs values for lwJ_step and lwJ_fold: constants filled, the rest scratch */
  double heat;           /* steps run on the machine, toward LW_JIT_HEAT (jsjit.c) */
  int jitted;            /* 0: not yet; 1: as WebAssembly, at table index jstep (fold: jstep + 1); -1: never */
  uint32_t jstep;
};

/*
** Compile function text; NULL with 'error' (160 bytes) set when it is not in
** the subset. 'truth': only the result's truthiness is used (a predicate);
** 'nargs': how many arguments the stage passes (a parameter past them would
** be undefined).
*/
lw_Prog *lwJ_compile (const char *src, size_t len, int truth, int nargs, char *error);
/*
** The same for a map over zip's rows of 'rows' values, whose first parameter
** destructures the row ([a, b]). Such a program runs only on batches
** (lwJ_run, with the row's values in registers 0..rowlen-1), never on
** scalars (lwJ_step, lwJ_fold).
*/
lw_Prog *lwJ_compile_rows (const char *src, size_t len, int nargs, int rows, char *error);
void lwJ_retain (lw_Prog *p);
void lwJ_release (lw_Prog *p);

/*
** A program's registers are its own (p->regs), shared by every stage that runs
** it: a run never calls out, so runs never overlap; callers read a run's
** results before anything else can run. Register k is p->regs + k*LW_BATCH;
** the one after the last, lwJ_spare(p), is free for callers. lwJ_prepare
** allocates them, with the constants filled, and what lwJ_step needs.
*/
int lwJ_prepare (lw_Prog *p);
static inline double *lwJ_reg (const lw_Prog *p, int k) { return p->regs + (size_t)k * LW_BATCH; }
static inline double *lwJ_spare (const lw_Prog *p) { return lwJ_reg(p, p->nregs); }

/*
** Run 'p' over n <= LW_BATCH elements. The first argument is read from 'x'
** (any batch of doubles, such as a batch of number slots), the others from
** registers 1..nparams-1. The result is written to 'out', which may be 'x'
** itself (each element is read before it is written).
*/
void lwJ_run (const lw_Prog *p, const double *x, double *out, int n);
/*
** lwJ_run with the first 'ncols' arguments read from cols[0..ncols) (batches
** of doubles, never written), the others from their registers: a map over
** zip's rows reads zip's columns where they are, with no copy.
*/
void lwJ_runcols (const lw_Prog *p, const double *const *cols, int ncols, double *out, int n);

/*
** Run 'p' once, on the arguments x0, x1, x2 (those past nparams unused): the
** result. For folds, which must go value by value; the same operations as
** lwJ_run.
*/
double lwJ_step (lw_Prog *p, double x0, double x1, double x2);
/*
** Fold the n values at 'io' from 'acc' with p(acc, value, index0 + i), in
** place: io[i] becomes the accumulator after value i. Returns the last.
*/
double lwJ_fold (lw_Prog *p, double acc, double *io, int n, double index0);

/*
** A recurrence of k (1 or 2) values: out[i] = p(last[0], index0 + i) for
** k = 1, p(last[0], last[1], index0 + i) for 2, with last[] shifted to end
** with out[i], for i < n.
*/
void lwJ_recur (lw_Prog *p, int k, double *last, double *out, int n, double index0);

/* One operation of the machine on scalars (jsvm.c): what WebAssembly made by lwJ_jit calls. */
double lwJ_op (int op, double a, double b, double c);

/*
** Hot programs as WebAssembly (jsjit.c): lwJ_step and lwJ_fold call lwJ_jit
** once a program has run lwJ_jit_heat steps; from then on, if the host
** compiled it, they run its WebAssembly functions. lwJ_unjit lets them go.
*/
extern double lwJ_jit_heat;
void lwJ_jit (lw_Prog *p);
void lwJ_unjit (lw_Prog *p);

/*
** A sum of a map's results (range(0, n).map(x => x * k).sum()): when 'p' is
** one operation on its first 'ncols' arguments and constants, with a number
** result (lwJ_addable), lwJ_addrun adds p's result for each element to 'acc'
** in order, in the same loop that computes it: the additions, which must go
** one after another to stay exact, then hide the operation's cost, where a
** run, then a sum of its output, pays for both.
*/
int lwJ_addable (const lw_Prog *p, int ncols);
double lwJ_addrun (const lw_Prog *p, const double *const *cols, int ncols, int n, double acc);

/* JS truthiness of a number: not 0, -0 or NaN. */
static inline int lwJ_truthy (double x) { return x != 0 && x == x; }

#endif
