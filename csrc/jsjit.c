/*
** jsjit.c
** Hot scalar programs as WebAssembly. A program run one value at a time (a
** fold that is more than one operation, iterate, recurrence, single values)
** pays the machine's dispatch per instruction (jsvm.c step): about 7 ns a
** step where the arithmetic itself takes one or two. Once a program has run
** lwJ_jit_heat steps, its instructions are written out as a small module of
** two functions, 'step' (the program once) and 'fold' (the loop of
** lwJ_fold), which the host compiles and puts in the function table
** (lw_host_jit); the program then calls those. The module imports the core's
** memory and lw_jit_op, the machine's own code for the operations written
** here as a call, so both ways compute every operation the same way: the
** operations emitted inline are the ones WebAssembly has exactly as JS
** defines them (+, -, *, /, comparisons, Math.floor/ceil/trunc/abs/sqrt/
** min/max/fround), and x % k for integers (jsvm.c's modk_fast; an i64
** remainder up to 2^53). Programs with nothing inline are not written out.
** A host that cannot compile (a content security policy, say) answers 0:
** the program stays on the machine.
*/
#include <math.h>

#include "lwjs.h"

/* Opcodes used (the WebAssembly core specification's numbering). */
enum {
  W_BLOCK = 0x02, W_LOOP = 0x03, W_IF = 0x04, W_ELSE = 0x05, W_END = 0x0b, W_BR = 0x0c, W_BRIF = 0x0d,
  W_CALL = 0x10, W_SELECT = 0x1b, W_GET = 0x20, W_SET = 0x21,
  W_F64LOAD = 0x2b, W_F64STORE = 0x39, W_I32CONST = 0x41, W_F64CONST = 0x44,
  W_I32EQZ = 0x45, W_I32GES = 0x4e, W_F64EQ = 0x61, W_F64NE, W_F64LT, W_F64GT, W_F64LE, W_F64GE,
  W_I64CONST = 0x42, W_I64REMS = 0x81, W_I64TRUNCF64S = 0xb0, W_F64CONVI64S = 0xb9,
  W_I32ADD = 0x6a, W_I32AND = 0x71, W_I32OR = 0x72, W_I32SHL = 0x74,
  W_F64ABS = 0x99, W_F64NEG, W_F64CEIL, W_F64FLOOR, W_F64TRUNC, W_F64NEAREST, W_F64SQRT,
  W_F64ADD, W_F64SUB, W_F64MUL, W_F64DIV, W_F64MIN, W_F64MAX, W_F64COPYSIGN,
  W_F32DEMOTE = 0xb6, W_F64CONVI32S = 0xb7, W_F64CONVI32U = 0xb8, W_F64PROMOTE = 0xbb,
  W_VOID = 0x40, W_I32 = 0x7f, W_F64 = 0x7c
};

typedef struct Buf {
  uint8_t *p;
  size_t n, cap;
  int oom;
} Buf;

/* Out of memory, the bytes so far are dropped and 'oom' set: the module is not made. */
static void put (Buf *b, uint8_t x) {
  if (b->n == b->cap) {
    size_t cap = b->cap ? b->cap * 2 : 256;
    uint8_t *p = (uint8_t *)lwM_raw(cap);
    if (p == NULL) { b->oom = 1; b->n = 0; return; }
    if (b->n > 0) memcpy(p, b->p, b->n);
    lwM_free(b->p);
    b->p = p; b->cap = cap;
  }
  b->p[b->n++] = x;
}

static void putu (Buf *b, uint32_t v) {   /* unsigned LEB128 */
  do {
    uint8_t byte = v & 0x7f;
    v >>= 7;
    put(b, v ? byte | 0x80 : byte);
  } while (v);
}

static void putleb (Buf *b, int64_t v) {   /* signed LEB128 of v >= 0 */
  while (v > 0x3f) { put(b, (uint8_t)((v & 0x7f) | 0x80)); v >>= 7; }
  put(b, (uint8_t)v);
}

static void putbytes (Buf *b, const uint8_t *s, size_t n) {
  size_t i;
  for (i = 0; i < n; i++) put(b, s[i]);
}

static void putf64 (Buf *b, double x) {
  uint8_t s[8];
  memcpy(s, &x, 8);   /* WebAssembly and this core are little-endian */
  put(b, W_F64CONST);
  putbytes(b, s, 8);
}

/* The size of 'body', then its bytes (freed): a function body, or a section's contents. */
static void sized (Buf *b, Buf *body) {
  putu(b, (uint32_t)body->n);
  putbytes(b, body->p, body->n);
  b->oom |= body->oom;
  lwM_free(body->p);
  memset(body, 0, sizeof *body);
}

static void section (Buf *b, uint8_t id, Buf *body) {
  put(b, id);
  sized(b, body);
}


#define TWO50 1125899906842624.0
#define TWO53 9007199254740992.0

typedef struct Emit {
  Buf *b;
  const lw_Prog *p;
  uint32_t base;   /* local of register 0; register r is local base + r */
} Emit;

static void get (Emit *e, int r) {
  if (e->p->isconst[r]) putf64(e->b, e->p->consts[r]);
  else { put(e->b, W_GET); putu(e->b, e->base + (uint32_t)r); }
}

/* JS truthiness of register r, as an i32: r != 0 && r == r. */
static void truthy (Emit *e, int r) {
  get(e, r); putf64(e->b, 0); put(e->b, W_F64NE);
  get(e, r); get(e, r); put(e->b, W_F64EQ);
  put(e->b, W_I32AND);
}

/* lw_jit_op(op, a, b, c): the machine's own code for the operation (imported function 0). */
static void call_op (Emit *e, const lw_Instr *in) {
  put(e->b, W_I32CONST); putu(e->b, in->op);   /* op < 64: one byte, the same signed */
  get(e, in->a); get(e, in->b); get(e, in->c);
  put(e->b, W_CALL); putu(e->b, 0);
}

/* Whether x (register r) is an integer below 'bound' in magnitude, as an i32. */
static void integer_below (Emit *e, int r, double bound) {
  get(e, r); put(e->b, W_F64ABS); putf64(e->b, bound); put(e->b, W_F64LT);
  get(e, r); put(e->b, W_F64TRUNC); get(e, r); put(e->b, W_F64EQ);
  put(e->b, W_I32AND);
}

/*
** x % k for a constant integer k, 1 <= |k| < 2^50. For an integer x below
** 2^50, as jsvm.c's modk_fast: a multiplication by 1/k, one correction.
** Below 2^53, JS's % is the integer remainder with the sign of x (-0 for a
** negative multiple): an i64 remainder (slower than the first way, faster
** than the call). Else the machine's code.
*/
static void modk (Emit *e, const lw_Instr *in) {
  Buf *b = e->b;
  uint32_t scratch = e->base + (uint32_t)e->p->nregs;
  double m = fabs(e->p->consts[in->b]), im = fabs(e->p->consts[in->c]);   /* c: the compiler's 1 / k */
  integer_below(e, in->a, TWO50);
  put(b, W_IF); put(b, W_F64);
    /* r = |x| - trunc(|x| * im) * m; r >= m ? r - m : r; copysign(r, x) */
    get(e, in->a); put(b, W_F64ABS);
    get(e, in->a); put(b, W_F64ABS); putf64(b, im); put(b, W_F64MUL); put(b, W_F64TRUNC);
    putf64(b, m); put(b, W_F64MUL); put(b, W_F64SUB);
    put(b, W_SET); putu(b, scratch);
    put(b, W_GET); putu(b, scratch); putf64(b, m); put(b, W_F64SUB);
    put(b, W_GET); putu(b, scratch);
    put(b, W_GET); putu(b, scratch); putf64(b, m); put(b, W_F64GE);
    put(b, W_SELECT);
    get(e, in->a); put(b, W_F64COPYSIGN);
  put(b, W_ELSE);
    integer_below(e, in->a, TWO53);
    put(b, W_IF); put(b, W_F64);
      get(e, in->a); put(b, W_I64TRUNCF64S);
      put(b, W_I64CONST); putleb(b, (int64_t)m);
      put(b, W_I64REMS); put(b, W_F64CONVI64S);
      get(e, in->a); put(b, W_F64COPYSIGN);
    put(b, W_ELSE);
      call_op(e, in);
    put(b, W_END);
  put(b, W_END);
}

static int modk_inline (const lw_Prog *p, const lw_Instr *in) {
  double m;
  if (!p->isconst[in->b]) return 0;
  m = fabs(p->consts[in->b]);
  return m >= 1 && m < TWO50 && m == trunc(m);
}

static const uint8_t binary_ops[][2] = {
  { OP_ADD, W_F64ADD }, { OP_SUB, W_F64SUB }, { OP_MUL, W_F64MUL }, { OP_DIV, W_F64DIV },
  { OP_MIN, W_F64MIN }, { OP_MAX, W_F64MAX }
};
static const uint8_t unary_ops[][2] = {
  { OP_NEG, W_F64NEG }, { OP_ABS, W_F64ABS }, { OP_FLOOR, W_F64FLOOR }, { OP_CEIL, W_F64CEIL },
  { OP_TRUNC, W_F64TRUNC }, { OP_SQRT, W_F64SQRT }
};
static const uint8_t compare_ops[][2] = {
  { OP_LT, W_F64LT }, { OP_LE, W_F64LE }, { OP_GT, W_F64GT }, { OP_GE, W_F64GE },
  { OP_EQ, W_F64EQ }, { OP_NE, W_F64NE }
};

static int lookup (const uint8_t (*table)[2], size_t n, int op) {
  size_t i;
  for (i = 0; i < n; i++) if (table[i][0] == op) return table[i][1];
  return 0;
}
#define LOOKUP(table, op) lookup(table, sizeof table / sizeof table[0], op)

/* Whether 'in' is written as a call of the machine's code (lw_jit_op) rather than inline. */
static int called (const lw_Prog *p, const lw_Instr *in) {
  switch (in->op) {
    case OP_MODK: return !modk_inline(p, in);
    case OP_MOD: case OP_POWHALF: case OP_BITNOT: case OP_BAND: case OP_BOR: case OP_BXOR:
    case OP_SHL: case OP_SAR: case OP_SHR: case OP_SIGN: case OP_ROUND: case OP_CBRT:
    case OP_CLZ32: case OP_IMUL: case OP_HYPOT2: case OP_HYPOT3:
      return 1;
    default: return 0;
  }
}

/* One instruction: its value computed, then stored in its register's local. */
static void instr (Emit *e, const lw_Instr *in) {
  Buf *b = e->b;
  int w;
  if (called(e->p, in)) call_op(e, in);
  else if (in->op == OP_MOV) get(e, in->a);
  else if ((w = LOOKUP(binary_ops, in->op)) != 0) { get(e, in->a); get(e, in->b); put(b, (uint8_t)w); }
  else if ((w = LOOKUP(unary_ops, in->op)) != 0) { get(e, in->a); put(b, (uint8_t)w); }
  else if ((w = LOOKUP(compare_ops, in->op)) != 0) {
    get(e, in->a); get(e, in->b); put(b, (uint8_t)w); put(b, W_F64CONVI32U);
  }
  else switch (in->op) {
    case OP_MODK: modk(e, in); break;
    case OP_TRUTHY: truthy(e, in->a); put(b, W_F64CONVI32U); break;
    case OP_NOT: truthy(e, in->a); put(b, W_I32EQZ); put(b, W_F64CONVI32U); break;
    case OP_AND01: case OP_OR01:
      truthy(e, in->a); truthy(e, in->b); put(b, in->op == OP_AND01 ? W_I32AND : W_I32OR); put(b, W_F64CONVI32U);
      break;
    case OP_SELECT: get(e, in->b); get(e, in->c); truthy(e, in->a); put(b, W_SELECT); break;
    case OP_FROUND: get(e, in->a); put(b, W_F32DEMOTE); put(b, W_F64PROMOTE); break;
    case OP_ISNAN: get(e, in->a); get(e, in->a); put(b, W_F64NE); put(b, W_F64CONVI32U); break;
    case OP_ISFIN: get(e, in->a); put(b, W_F64ABS); putf64(b, 1.0 / 0.0); put(b, W_F64LT); put(b, W_F64CONVI32U); break;
    case OP_ISINT:
      get(e, in->a); put(b, W_F64ABS); putf64(b, 1.0 / 0.0); put(b, W_F64LT);
      get(e, in->a); put(b, W_F64TRUNC); get(e, in->a); put(b, W_F64EQ);
      put(b, W_I32AND); put(b, W_F64CONVI32U);
      break;
    default: call_op(e, in); break;   /* as called() says: %, **, bitwise, Math.round/sign/cbrt/clz32/imul/hypot */
  }
  put(b, W_SET); putu(b, e->base + in->dst);
}

static void body (Emit *e) {
  int k;
  for (k = 0; k < e->p->ncode; k++) instr(e, &e->p->code[k]);
}

/* The locals after the parameters: 'ni32' i32s, then the registers and a scratch f64. */
static void locals (Buf *b, const lw_Prog *p, uint32_t ni32) {
  putu(b, ni32 ? 2 : 1);
  if (ni32) { putu(b, ni32); put(b, W_I32); }
  putu(b, (uint32_t)p->nregs + 1); put(b, W_F64);
}

/* step(x0, x1, x2) -> f64: the parameters are copied into their registers' locals. */
static void step_fn (Buf *code, const lw_Prog *p) {
  Buf f = { 0 };
  Emit e;
  int r;
  e.b = &f; e.p = p; e.base = 3;
  locals(&f, p, 0);
  for (r = 0; r < p->nparams; r++) { put(&f, W_GET); putu(&f, (uint32_t)r); put(&f, W_SET); putu(&f, e.base + (uint32_t)r); }
  body(&e);
  get(&e, p->result);
  put(&f, W_END);
  sized(code, &f);
}

/* The address of io[i]: io + (i << 3). */
static void element (Buf *b) {
  put(b, W_GET); putu(b, 1); put(b, W_GET); putu(b, 4);
  put(b, W_I32CONST); putu(b, 3); put(b, W_I32SHL); put(b, W_I32ADD);
}

/* fold(acc, io, n, index0) -> f64: io[i] = acc = p(acc, io[i], index0 + i) for i < n, as lwJ_fold. */
static void fold_fn (Buf *code, const lw_Prog *p) {
  Buf f = { 0 };
  Emit e;
  e.b = &f; e.p = p; e.base = 5;   /* params acc, io, n, index0; local 4 is i */
  locals(&f, p, 1);
  put(&f, W_BLOCK); put(&f, W_VOID);
  put(&f, W_LOOP); put(&f, W_VOID);
  put(&f, W_GET); putu(&f, 4); put(&f, W_GET); putu(&f, 2); put(&f, W_I32GES); put(&f, W_BRIF); putu(&f, 1);
  if (p->nparams > 0) { put(&f, W_GET); putu(&f, 0); put(&f, W_SET); putu(&f, e.base); }
  if (p->nparams > 1) { element(&f); put(&f, W_F64LOAD); putu(&f, 3); putu(&f, 0); put(&f, W_SET); putu(&f, e.base + 1); }
  if (p->nparams > 2) {
    put(&f, W_GET); putu(&f, 3); put(&f, W_GET); putu(&f, 4); put(&f, W_F64CONVI32S); put(&f, W_F64ADD);
    put(&f, W_SET); putu(&f, e.base + 2);
  }
  body(&e);
  get(&e, p->result); put(&f, W_SET); putu(&f, 0);
  element(&f); put(&f, W_GET); putu(&f, 0); put(&f, W_F64STORE); putu(&f, 3); putu(&f, 0);
  put(&f, W_GET); putu(&f, 4); put(&f, W_I32CONST); putu(&f, 1); put(&f, W_I32ADD); put(&f, W_SET); putu(&f, 4);
  put(&f, W_BR); putu(&f, 0);
  put(&f, W_END);
  put(&f, W_END);
  put(&f, W_GET); putu(&f, 0);
  put(&f, W_END);
  sized(code, &f);
}

/*
** Steps on the machine before a program is written out. Compiling a module
** costs V8 about 0.5 ms (Node 20, a few hundred bytes), about 60,000 steps of
** the machine; after 2^17 steps (~1 ms) a program has shown it runs long,
** and the module pays for itself within as many steps again.
*/
double lwJ_jit_heat = 131072;

/* Beyond this, a program stays on the machine: it bounds a module's size (128 operations: ~30 KB) and compile. */
#define LW_JIT_MAXCODE 128

static int module (const lw_Prog *p, Buf *out);

void lwJ_jit (lw_Prog *p) {
  Buf m;
  int at, k;
  p->jitted = -1;
  if (p->rowlen > 0 || p->ncode > LW_JIT_MAXCODE) return;
  for (k = 0; k < p->ncode && called(p, &p->code[k]); k++) continue;
  if (k == p->ncode) return;   /* nothing inline (bitwise operations, Math.imul): a module would save nothing */
  if (module(p, &m) != LW_OK) return;
  at = lw_host_jit(m.p, (int)m.n);
  lwM_free(m.p);
  if (at > 0) { p->jitted = 1; p->jstep = (uint32_t)at; }
}

void lwJ_unjit (lw_Prog *p) {
  if (p->jitted > 0) lw_host_unjit(p->jstep);
  p->jitted = -1;
}

static void name (Buf *b, const char *s) {
  putu(b, (uint32_t)strlen(s));
  putbytes(b, (const uint8_t *)s, strlen(s));
}

static void functype (Buf *b, const uint8_t *params, uint32_t n) {
  put(b, 0x60);
  putu(b, n); putbytes(b, params, n);
  putu(b, 1); put(b, W_F64);
}

/* The module of p's step and fold functions into *out (lwM_free its bytes); LW_OK, or LW_ENOMEM. */
static int module (const lw_Prog *p, Buf *out) {
  static const uint8_t step_params[] = { W_F64, W_F64, W_F64 };
  static const uint8_t fold_params[] = { W_F64, W_I32, W_I32, W_F64 };
  static const uint8_t op_params[] = { W_I32, W_F64, W_F64, W_F64 };
  static const uint8_t header[] = { 0, 'a', 's', 'm', 1, 0, 0, 0 };
  Buf s = { 0 };
  memset(out, 0, sizeof *out);
  putbytes(out, header, sizeof header);
  putu(&s, 3);   /* types: step, fold, lw_jit_op */
  functype(&s, step_params, 3); functype(&s, fold_params, 4); functype(&s, op_params, 4);
  section(out, 1, &s);
  putu(&s, 2);   /* imports: lw_jit_op as function 0, the core's memory */
  name(&s, "env"); name(&s, "op"); put(&s, 0x00); putu(&s, 2);
  name(&s, "env"); name(&s, "memory"); put(&s, 0x02); put(&s, 0x00); putu(&s, 0);
  section(out, 2, &s);
  putu(&s, 2); putu(&s, 0); putu(&s, 1);   /* functions 1 and 2: step, fold */
  section(out, 3, &s);
  putu(&s, 2);
  name(&s, "step"); put(&s, 0x00); putu(&s, 1);
  name(&s, "fold"); put(&s, 0x00); putu(&s, 2);
  section(out, 7, &s);
  putu(&s, 2);
  step_fn(&s, p);
  fold_fn(&s, p);
  section(out, 10, &s);
  if (out->oom) { lwM_free(out->p); memset(out, 0, sizeof *out); return LW_ENOMEM; }
  return LW_OK;
}
