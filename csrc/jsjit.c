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
  W_CALL = 0x10, W_SELECT = 0x1b, W_GET = 0x20, W_SET = 0x21, W_TEE = 0x22,
  W_F64LOAD = 0x2b, W_F64STORE = 0x39, W_I32CONST = 0x41, W_I64CONST = 0x42, W_F64CONST = 0x44,
  W_I32EQZ = 0x45, W_I32GES = 0x4e,
  W_I64EQZ = 0x50, W_I64EQ, W_I64NE, W_I64LTS, W_I64LTU, W_I64GTS, W_I64GTU, W_I64LES, W_I64LEU, W_I64GES,
  W_F64EQ = 0x61, W_F64NE, W_F64LT, W_F64GT, W_F64LE, W_F64GE,
  W_I32CLZ = 0x67, W_I32ADD = 0x6a, W_I32SUB, W_I32MUL,
  W_I32AND = 0x71, W_I32OR, W_I32XOR, W_I32SHL, W_I32SHRS, W_I32SHRU,
  W_I64ADD = 0x7c, W_I64SUB, W_I64MUL, W_I64REMS = 0x81, W_I64AND = 0x83, W_I64OR, W_I64XOR,
  W_F64ABS = 0x99, W_F64NEG, W_F64CEIL, W_F64FLOOR, W_F64TRUNC, W_F64NEAREST, W_F64SQRT,
  W_F64ADD, W_F64SUB, W_F64MUL, W_F64DIV, W_F64MIN, W_F64MAX, W_F64COPYSIGN,
  W_I32WRAPI64 = 0xa7, W_I64EXTI32S = 0xac, W_I64EXTI32U, W_I64TRUNCF64S = 0xb0,
  W_F32DEMOTE = 0xb6, W_F64CONVI32S = 0xb7, W_F64CONVI32U, W_F64CONVI64S, W_F64PROMOTE = 0xbb,
  W_I64REINTF64 = 0xbd,
  W_VOID = 0x40, W_I32 = 0x7f, W_I64 = 0x7e, W_F64 = 0x7c
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

static void putsleb (Buf *b, int64_t v) {   /* signed LEB128 */
  for (;;) {
    uint8_t byte = (uint8_t)((uint64_t)v & 0x7f);
    int64_t rest = v < 0 ? -1 - (-1 - v) / 128 : v / 128;   /* v >> 7, with no implementation-defined shift */
    if ((rest == 0 && !(byte & 0x40)) || (rest == -1 && (byte & 0x40))) { put(b, byte); return; }
    put(b, byte | 0x80);
    v = rest;
  }
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
  uint32_t base;   /* local of register 0; register r is local base + r, the scratch f64 base + nregs */
  uint32_t ibase;  /* the same for the i64 registers of integer mode */
  uint32_t bail;   /* integer mode: the depth of the block a failed guard leaves by */
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
      put(b, W_I64CONST); putsleb(b, (int64_t)m);
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

/*
** Integer mode. Where the values of a loop are integers (Fibonacci numbers
** mod 1e9, counters, hashes), a double's operations are slower than an
** integer's: x % k by a constant is a division's latency, where V8 makes
** i64.rem_s by a constant a multiplication; a bitwise operation is a call.
** So fold and recur first run the program on i64s: every value held is an
** integer of magnitude at most 2^53, never -0, equal to the double JS would
** have. An operation whose result could leave that set (a sum past 2^53, a
** product past it or -0, a remainder -0) is guarded: it leaves integer
** mode before its value is kept, and the double loop goes on from the same
** value, so a step runs in one mode or the other, never half. A program is
** run so only if every operation it has keeps the set, and its constants
** are in it.
*/
static int intconst (double c) {
  return fabs(c) <= TWO53 && trunc(c) == c && !(c == 0 && signbit(c));
}

/* Which operands an operation of integer mode reads (1: a, 2: b, 4: c); 0: it has none. */
static int int_operands (int op) {
  switch (op) {
    case OP_MOV: case OP_NEG: case OP_TRUTHY: case OP_NOT: case OP_BITNOT: case OP_ABS: case OP_SIGN:
    case OP_FLOOR: case OP_CEIL: case OP_ROUND: case OP_TRUNC: case OP_CLZ32:
    case OP_ISINT: case OP_ISFIN: case OP_ISNAN:   /* of an integer: 1, 1, 0 */
      return 1;
    case OP_ADD: case OP_SUB: case OP_MUL: case OP_MOD: case OP_MODK: case OP_AND01: case OP_OR01:
    case OP_LT: case OP_LE: case OP_GT: case OP_GE: case OP_EQ: case OP_NE:
    case OP_BAND: case OP_BOR: case OP_BXOR: case OP_SHL: case OP_SAR: case OP_SHR: case OP_IMUL:
    case OP_MIN: case OP_MAX:
      return 3;
    case OP_SELECT: return 7;
    default: return 0;   /* /, **, sqrt, cbrt, fround, hypot: not integers */
  }
}

static int int_operand (const lw_Prog *p, int r) {
  return !p->isconst[r] || intconst(p->consts[r]);
}

/*
** Whether p runs in integer mode: every operation keeps integers, and one
** of them is faster on integers: a remainder, or what is a call as doubles
** (bitwise operations, Math.imul, clz32, sign, round). Sums, products and
** comparisons alone are as fast as doubles, and the guards would cost.
*/
static int intable (const lw_Prog *p) {
  int k, pays = 0;
  if (!int_operand(p, p->result)) return 0;
  for (k = 0; k < p->ncode; k++) {
    const lw_Instr *in = &p->code[k];
    int use = int_operands(in->op);
    if (use == 0) return 0;
    if (((use & 1) && !int_operand(p, in->a)) || ((use & 2) && !int_operand(p, in->b))
        || ((use & 4) && !int_operand(p, in->c)))
      return 0;
    if (in->op == OP_MODK && (!p->isconst[in->b] || p->consts[in->b] == 0)) return 0;
    pays |= in->op == OP_MODK || called(p, in);
  }
  return pays;
}

static void iconst (Buf *b, int64_t v) { put(b, W_I64CONST); putsleb(b, v); }

static void iget (Emit *e, int r) {
  if (e->p->isconst[r]) iconst(e->b, (int64_t)e->p->consts[r]);
  else { put(e->b, W_GET); putu(e->b, e->ibase + (uint32_t)r); }
}

/* Register r as a double (exact: it is at most 2^53). */
static void iget_f64 (Emit *e, int r) {
  if (e->p->isconst[r]) putf64(e->b, e->p->consts[r]);
  else { iget(e, r); put(e->b, W_F64CONVI64S); }
}

/* Leave integer mode if the i32 on the stack is not 0. */
static void bail_if (Emit *e) { put(e->b, W_BRIF); putu(e->b, e->bail); }

/* The i64 on the stack, kept in the scratch i64; leave if it is 0 and register r is negative (JS: -0). */
static void bail_if_minus_zero (Emit *e, int r) {
  Buf *b = e->b;
  uint32_t s = e->ibase + (uint32_t)e->p->nregs;
  put(b, W_TEE); putu(b, s); put(b, W_I64EQZ);
  iget(e, r); iconst(b, 0); put(b, W_I64LTS); put(b, W_I32AND);
  bail_if(e);
  put(b, W_GET); putu(b, s);
}

/* The i32 ToInt32 gives of register r (its low 32 bits: r is an integer). */
static void int32 (Emit *e, int r) { iget(e, r); put(e->b, W_I32WRAPI64); }

static void itruthy (Emit *e, int r) { iget(e, r); iconst(e->b, 0); put(e->b, W_I64NE); }

static const uint8_t int_compare_ops[][2] = {
  { OP_LT, W_I64LTS }, { OP_LE, W_I64LES }, { OP_GT, W_I64GTS }, { OP_GE, W_I64GES },
  { OP_EQ, W_I64EQ }, { OP_NE, W_I64NE }
};
static const uint8_t int32_ops[][2] = {   /* ToInt32 of both, the operation, a signed result */
  { OP_BAND, W_I32AND }, { OP_BOR, W_I32OR }, { OP_BXOR, W_I32XOR }, { OP_SHL, W_I32SHL },
  { OP_SAR, W_I32SHRS }, { OP_IMUL, W_I32MUL }
};

static void int_instr (Emit *e, const lw_Instr *in) {
  Buf *b = e->b;
  int w;
  if ((w = LOOKUP(int_compare_ops, in->op)) != 0) { iget(e, in->a); iget(e, in->b); put(b, (uint8_t)w); put(b, W_I64EXTI32U); }
  else if ((w = LOOKUP(int32_ops, in->op)) != 0) { int32(e, in->a); int32(e, in->b); put(b, (uint8_t)w); put(b, W_I64EXTI32S); }
  else switch (in->op) {
    case OP_MOV: case OP_FLOOR: case OP_CEIL: case OP_ROUND: case OP_TRUNC: iget(e, in->a); break;
    case OP_ADD: case OP_SUB:   /* exact, and a double's sum, while it is at most 2^53 */
      iget(e, in->a); iget(e, in->b); put(b, in->op == OP_ADD ? W_I64ADD : W_I64SUB);
      put(b, W_TEE); putu(b, e->ibase + (uint32_t)e->p->nregs);
      iconst(b, (int64_t)TWO53); put(b, W_I64ADD); iconst(b, 2 * (int64_t)TWO53); put(b, W_I64GTU);
      bail_if(e);
      put(b, W_GET); putu(b, e->ibase + (uint32_t)e->p->nregs);
      break;
    case OP_MUL:   /* the product of the doubles is below 2^53 only if the exact one is */
      iget_f64(e, in->a); iget_f64(e, in->b); put(b, W_F64MUL); put(b, W_F64ABS);
      putf64(b, TWO53); put(b, W_F64GE); bail_if(e);
      iget(e, in->a); iget(e, in->b); put(b, W_I64MUL);
      put(b, W_TEE); putu(b, e->ibase + (uint32_t)e->p->nregs); put(b, W_I64EQZ);
      iget(e, in->a); iget(e, in->b); put(b, W_I64XOR); iconst(b, 0); put(b, W_I64LTS);   /* 0 times a negative */
      put(b, W_I32AND); bail_if(e);
      put(b, W_GET); putu(b, e->ibase + (uint32_t)e->p->nregs);
      break;
    case OP_MOD: case OP_MODK:   /* the remainder with the sign of a, as JS's %; V8 multiplies for a constant b */
      if (in->op == OP_MOD) { iget(e, in->b); put(b, W_I64EQZ); bail_if(e); }   /* x % 0 is NaN */
      iget(e, in->a); iget(e, in->b); put(b, W_I64REMS);
      bail_if_minus_zero(e, in->a);
      break;
    case OP_NEG: iget(e, in->a); put(b, W_I64EQZ); bail_if(e); iconst(b, 0); iget(e, in->a); put(b, W_I64SUB); break;
    case OP_ABS:
      iget(e, in->a); iconst(b, 0); iget(e, in->a); put(b, W_I64SUB);
      iget(e, in->a); iconst(b, 0); put(b, W_I64GES); put(b, W_SELECT);
      break;
    case OP_SIGN:
      iget(e, in->a); iconst(b, 0); put(b, W_I64GTS); iget(e, in->a); iconst(b, 0); put(b, W_I64LTS);
      put(b, W_I32SUB); put(b, W_I64EXTI32S);
      break;
    case OP_MIN: case OP_MAX:
      iget(e, in->a); iget(e, in->b); iget(e, in->a); iget(e, in->b);
      put(b, in->op == OP_MIN ? W_I64LTS : W_I64GTS); put(b, W_SELECT);
      break;
    case OP_TRUTHY: itruthy(e, in->a); put(b, W_I64EXTI32U); break;
    case OP_NOT: iget(e, in->a); put(b, W_I64EQZ); put(b, W_I64EXTI32U); break;
    case OP_AND01: case OP_OR01:
      itruthy(e, in->a); itruthy(e, in->b); put(b, in->op == OP_AND01 ? W_I32AND : W_I32OR); put(b, W_I64EXTI32U);
      break;
    case OP_SELECT: iget(e, in->b); iget(e, in->c); itruthy(e, in->a); put(b, W_SELECT); break;
    case OP_BITNOT: int32(e, in->a); put(b, W_I32CONST); putsleb(b, -1); put(b, W_I32XOR); put(b, W_I64EXTI32S); break;
    case OP_SHR: int32(e, in->a); int32(e, in->b); put(b, W_I32SHRU); put(b, W_I64EXTI32U); break;
    case OP_CLZ32: int32(e, in->a); put(b, W_I32CLZ); put(b, W_I64EXTI32U); break;
    case OP_ISINT: case OP_ISFIN: iconst(b, 1); break;
    default: iconst(b, 0); break;   /* OP_ISNAN; intable() admits no other */
  }
  put(b, W_SET); putu(b, e->ibase + in->dst);
}

static void int_body (Emit *e) {
  int k;
  for (k = 0; k < e->p->ncode; k++) int_instr(e, &e->p->code[k]);
}

/* Whether the double in local x is an integer of integer mode, as an i32. */
static void is_int (Buf *b, uint32_t x) {
  put(b, W_GET); putu(b, x); put(b, W_F64ABS); putf64(b, TWO53); put(b, W_F64LE);
  put(b, W_GET); putu(b, x); put(b, W_F64TRUNC); put(b, W_GET); putu(b, x); put(b, W_F64EQ); put(b, W_I32AND);
  put(b, W_GET); putu(b, x); put(b, W_I64REINTF64); iconst(b, INT64_MIN); put(b, W_I64NE); put(b, W_I32AND);
}

/* The locals after the parameters: 'ni32' i32s, the registers and a scratch f64, then 'ni64' i64s. */
static void locals (Buf *b, uint32_t ni32, uint32_t nf64, uint32_t ni64) {
  putu(b, (ni32 > 0) + 1 + (ni64 > 0));
  if (ni32) { putu(b, ni32); put(b, W_I32); }
  putu(b, nf64); put(b, W_F64);
  if (ni64) { putu(b, ni64); put(b, W_I64); }
}

static void get_local (Buf *b, uint32_t x) { put(b, W_GET); putu(b, x); }
static void set_local (Buf *b, uint32_t x) { put(b, W_SET); putu(b, x); }

/* step(x0, x1, x2) -> f64: the parameters are copied into their registers' locals. */
static void step_fn (Buf *code, const lw_Prog *p) {
  Buf f = { 0 };
  Emit e;
  int r;
  e.b = &f; e.p = p; e.base = 3;
  locals(&f, 0, (uint32_t)p->nregs + 1, 0);
  for (r = 0; r < p->nparams; r++) { get_local(&f, (uint32_t)r); set_local(&f, e.base + (uint32_t)r); }
  body(&e);
  get(&e, p->result);
  put(&f, W_END);
  sized(code, &f);
}

/*
** The loops of lwJ_fold and lwJ_recur. Their parameters: the state (ns
** doubles: fold's accumulator, or the last one or two values of a
** recurrence), then io, n and index0. Step i calls the program on the
** state, then io[i] if 'reads' (fold's value), then index0 + i (arguments
** past those are 0, as the machine's); its result is stored to io[i] and
** becomes the last of the state, which shifts. Returns the last of the state.
*/
typedef struct Loop {
  Emit e;
  uint32_t ns, reads;
  uint32_t io, n, index0, i;   /* locals */
  uint32_t istate, iindex0;    /* integer mode: the state, index0 */
} Loop;

/* The address of io[i]: io + (i << 3). */
static void element (const Loop *l) {
  Buf *b = l->e.b;
  get_local(b, l->io); get_local(b, l->i);
  put(b, W_I32CONST); putu(b, 3); put(b, W_I32SHL); put(b, W_I32ADD);
}

/* br_if out of the loop, 'depth' blocks up, when i >= n. */
static void loop_test (const Loop *l, uint32_t depth) {
  Buf *b = l->e.b;
  get_local(b, l->i); get_local(b, l->n); put(b, W_I32GES); put(b, W_BRIF); putu(b, depth);
}

static void loop_next (const Loop *l) {
  Buf *b = l->e.b;
  get_local(b, l->i); put(b, W_I32CONST); putu(b, 1); put(b, W_I32ADD); set_local(b, l->i);
  put(b, W_BR); putu(b, 0);
}

/* The double loop, from the i reached. */
static void double_loop (Loop *l) {
  Emit *e = &l->e;
  Buf *b = e->b;
  const lw_Prog *p = e->p;
  uint32_t r, s = e->base + (uint32_t)p->nregs, j;
  put(b, W_BLOCK); put(b, W_VOID);
  put(b, W_LOOP); put(b, W_VOID);
  loop_test(l, 1);
  for (r = 0; r < (uint32_t)p->nparams; r++) {
    if (r < l->ns) get_local(b, r);
    else if (r == l->ns && l->reads) { element(l); put(b, W_F64LOAD); putu(b, 3); putu(b, 0); }
    else if (r == l->ns + l->reads) { get_local(b, l->index0); get_local(b, l->i); put(b, W_F64CONVI32S); put(b, W_F64ADD); }
    else putf64(b, 0);
    set_local(b, e->base + r);
  }
  body(e);
  get(e, p->result); set_local(b, s);
  element(l); get_local(b, s); put(b, W_F64STORE); putu(b, 3); putu(b, 0);
  for (j = 0; j + 1 < l->ns; j++) { get_local(b, j + 1); set_local(b, j); }
  get_local(b, s); set_local(b, l->ns - 1);
  loop_next(l);
  put(b, W_END);
  put(b, W_END);
}

/* Integer mode (above), from i = 0, for as long as the values are its integers; then the double loop. */
static void int_loop (Loop *l) {
  Emit *e = &l->e;
  Buf *b = e->b;
  const lw_Prog *p = e->p;
  uint32_t r, j, s = e->ibase + (uint32_t)p->nregs, x = e->base + (uint32_t)p->nregs;
  int indexed = (uint32_t)p->nparams > l->ns + l->reads;
  put(b, W_BLOCK); put(b, W_VOID);
    for (j = 0; j < l->ns; j++) { is_int(b, j); if (j > 0) put(b, W_I32AND); }
    if (indexed) {
      is_int(b, l->index0); put(b, W_I32AND);
      get_local(b, l->index0); putf64(b, TWO53 / 2); put(b, W_F64LE); put(b, W_I32AND);   /* index0 + i stays below 2^53 */
    }
    put(b, W_I32EQZ); put(b, W_BRIF); putu(b, 0);
    for (j = 0; j < l->ns; j++) { get_local(b, j); put(b, W_I64TRUNCF64S); set_local(b, l->istate + j); }
    if (indexed) { get_local(b, l->index0); put(b, W_I64TRUNCF64S); set_local(b, l->iindex0); }
    put(b, W_BLOCK); put(b, W_VOID);
      put(b, W_LOOP); put(b, W_VOID);
      loop_test(l, 1);
      e->bail = 1;
      for (r = 0; r < (uint32_t)p->nparams; r++) {
        if (r < l->ns) get_local(b, l->istate + r);
        else if (r == l->ns && l->reads) {
          element(l); put(b, W_F64LOAD); putu(b, 3); putu(b, 0); set_local(b, x);
          is_int(b, x); put(b, W_I32EQZ); bail_if(e);
          get_local(b, x); put(b, W_I64TRUNCF64S);
        }
        else if (r == l->ns + l->reads) { get_local(b, l->iindex0); get_local(b, l->i); put(b, W_I64EXTI32U); put(b, W_I64ADD); }
        else iconst(b, 0);
        set_local(b, e->ibase + r);
      }
      int_body(e);
      iget(e, p->result); set_local(b, s);
      element(l); get_local(b, s); put(b, W_F64CONVI64S); put(b, W_F64STORE); putu(b, 3); putu(b, 0);
      for (j = 0; j + 1 < l->ns; j++) { get_local(b, l->istate + j + 1); set_local(b, l->istate + j); }
      get_local(b, s); set_local(b, l->istate + l->ns - 1);
      loop_next(l);
      put(b, W_END);
    put(b, W_END);
    for (j = 0; j < l->ns; j++) { get_local(b, l->istate + j); put(b, W_F64CONVI64S); set_local(b, j); }
  put(b, W_END);
}

static void loop_fn (Buf *code, const lw_Prog *p, uint32_t ns, uint32_t reads) {
  Buf f = { 0 };
  Loop l;
  uint32_t nregs = (uint32_t)p->nregs;
  l.e.b = &f; l.e.p = p; l.e.bail = 0;
  l.ns = ns; l.reads = reads;
  l.io = ns; l.n = ns + 1; l.index0 = ns + 2; l.i = ns + 3;
  l.e.base = l.i + 1;
  l.e.ibase = l.e.base + nregs + 1;
  l.istate = l.e.ibase + nregs + 1;
  l.iindex0 = l.istate + ns;
  locals(&f, 1, nregs + 1, intable(p) ? nregs + 1 + ns + 1 : 0);
  if (intable(p)) int_loop(&l);
  double_loop(&l);
  get_local(&f, ns - 1);
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
  /* no operation, or nothing inline (bitwise operations, Math.imul as doubles) and no integer mode: a module would save nothing */
  if (p->ncode == 0 || (k == p->ncode && !intable(p))) return;
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

/*
** The module of p's functions into *out (lwM_free its bytes); LW_OK, or
** LW_ENOMEM. Exported in the order they take in the function table: step,
** fold (lwJ_fold), recur1 and recur2 (lwJ_recur of one and two values).
*/
static int module (const lw_Prog *p, Buf *out) {
  static const uint8_t step_params[] = { W_F64, W_F64, W_F64 };
  static const uint8_t loop1_params[] = { W_F64, W_I32, W_I32, W_F64 };
  static const uint8_t op_params[] = { W_I32, W_F64, W_F64, W_F64 };
  static const uint8_t loop2_params[] = { W_F64, W_F64, W_I32, W_I32, W_F64 };
  static const uint8_t header[] = { 0, 'a', 's', 'm', 1, 0, 0, 0 };
  Buf s = { 0 };
  memset(out, 0, sizeof *out);
  putbytes(out, header, sizeof header);
  putu(&s, 4);   /* types: step, a loop of one value, lw_jit_op, a loop of two */
  functype(&s, step_params, 3); functype(&s, loop1_params, 4); functype(&s, op_params, 4);
  functype(&s, loop2_params, 5);
  section(out, 1, &s);
  putu(&s, 2);   /* imports: lw_jit_op as function 0, the core's memory */
  name(&s, "env"); name(&s, "op"); put(&s, 0x00); putu(&s, 2);
  name(&s, "env"); name(&s, "memory"); put(&s, 0x02); put(&s, 0x00); putu(&s, 0);
  section(out, 2, &s);
  putu(&s, 4); putu(&s, 0); putu(&s, 1); putu(&s, 1); putu(&s, 3);   /* functions 1..4 */
  section(out, 3, &s);
  putu(&s, 4);
  name(&s, "step"); put(&s, 0x00); putu(&s, 1);
  name(&s, "fold"); put(&s, 0x00); putu(&s, 2);
  name(&s, "recur1"); put(&s, 0x00); putu(&s, 3);
  name(&s, "recur2"); put(&s, 0x00); putu(&s, 4);
  section(out, 7, &s);
  putu(&s, 4);
  step_fn(&s, p);
  loop_fn(&s, p, 1, 1);   /* fold: the accumulator, then the value */
  loop_fn(&s, p, 1, 0);
  loop_fn(&s, p, 2, 0);
  section(out, 10, &s);
  if (out->oom) { lwM_free(out->p); memset(out, 0, sizeof *out); return LW_ENOMEM; }
  return LW_OK;
}
