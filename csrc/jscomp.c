/*
** jscomp.c
** From a parsed callback to a vector program. Every value has a static type,
** number or boolean (booleans are 0 and 1, which is what JS arithmetic makes
** of them). What cannot be made bit-identical to JS is refused with a reason.
*/
#include <stdio.h>
#include <stdlib.h>

#include "lwjs.h"

#define MAXREGS 250
#define MAXCODE 1024

typedef struct Compiler {
  lw_Instr code[MAXCODE];
  int ncode, nregs;
  double consts[MAXREGS];
  uint8_t isconst[MAXREGS];
  char *error;
} Compiler;

typedef struct Value { int reg, type; } Value;
static const Value NONE = { -1, 0 };

static Value refuse (Compiler *c, const char *why) {
  if (c->error[0] == '\0') snprintf(c->error, 160, "%s", why);
  return NONE;
}

static int newreg (Compiler *c) {
  if (c->nregs >= MAXREGS) { refuse(c, "the expression is too large"); return -1; }
  return c->nregs++;
}

static Value constant (Compiler *c, double v, int type) {
  Value r = { newreg(c), type };
  if (r.reg < 0) return NONE;
  c->isconst[r.reg] = 1;
  c->consts[r.reg] = v;
  return r;
}

static Value emit (Compiler *c, int op, int type, int a, int b, int d) {
  Value r = { newreg(c), type };
  if (r.reg < 0) return NONE;
  if (c->ncode >= MAXCODE) return refuse(c, "the expression is too large");
  c->code[c->ncode].op = (uint8_t)op;
  c->code[c->ncode].dst = (uint8_t)r.reg;
  c->code[c->ncode].a = (uint8_t)a;
  c->code[c->ncode].b = (uint8_t)b;
  c->code[c->ncode].c = (uint8_t)d;
  c->ncode++;
  return r;
}

static Value gen (Compiler *c, const lw_JsNode *n, int truth);

/* The value of 'n' as a 0/1 truthiness. */
static Value truthiness (Compiler *c, const lw_JsNode *n) {
  Value v = gen(c, n, 1);
  if (v.reg < 0 || v.type == LW_TBOOL) return v;
  return emit(c, OP_TRUTHY, LW_TBOOL, v.reg, 0, 0);
}

/* x ** y for the exponents whose result every correct pow agrees on. */
static Value power (Compiler *c, const lw_JsNode *n) {
  const lw_JsNode *e = n->b;
  double y;
  Value x;
  if (e->kind == J_UNARY && e->op == P_MINUS && e->a->kind == J_NUM) y = -e->a->num;
  else if (e->kind == J_NUM) y = e->num;
  else return refuse(c, "x ** y is compiled only for a literal y of -1, 0, 0.5, 1 or 2");
  if (y == 0) return constant(c, 1, LW_TNUM);   /* even NaN ** 0 is 1 */
  if ((x = gen(c, n->a, 0)).reg < 0) return NONE;
  if (y == 1) return emit(c, OP_MOV, LW_TNUM, x.reg, 0, 0);
  if (y == 2) return emit(c, OP_MUL, LW_TNUM, x.reg, x.reg, 0);
  if (y == 0.5) return emit(c, OP_POWHALF, LW_TNUM, x.reg, 0, 0);
  if (y == -1) {
    Value one = constant(c, 1, LW_TNUM);
    return one.reg < 0 ? NONE : emit(c, OP_DIV, LW_TNUM, one.reg, x.reg, 0);
  }
  return refuse(c, "x ** y is compiled only for a literal y of -1, 0, 0.5, 1 or 2");
}

static Value binary (Compiler *c, const lw_JsNode *n) {
  Value a, b;
  int op;
  if (n->op == P_POW) return power(c, n);
  if ((a = gen(c, n->a, 0)).reg < 0 || (b = gen(c, n->b, 0)).reg < 0) return NONE;
  switch (n->op) {
    case P_PLUS: op = OP_ADD; break;
    case P_MINUS: op = OP_SUB; break;
    case P_STAR: op = OP_MUL; break;
    case P_SLASH: op = OP_DIV; break;
    case P_PERCENT:
      if (c->isconst[b.reg]) {   /* a constant divisor: its reciprocal once, here */
        Value inv = constant(c, 1 / c->consts[b.reg], LW_TNUM);
        return inv.reg < 0 ? NONE : emit(c, OP_MODK, LW_TNUM, a.reg, b.reg, inv.reg);
      }
      op = OP_MOD;
      break;
    case P_AMP: op = OP_BAND; break;
    case P_PIPE: op = OP_BOR; break;
    case P_CARET: op = OP_BXOR; break;
    case P_SHL: op = OP_SHL; break;
    case P_SAR: op = OP_SAR; break;
    case P_SHR: op = OP_SHR; break;
    case P_LT: return emit(c, OP_LT, LW_TBOOL, a.reg, b.reg, 0);
    case P_LE: return emit(c, OP_LE, LW_TBOOL, a.reg, b.reg, 0);
    case P_GT: return emit(c, OP_GT, LW_TBOOL, a.reg, b.reg, 0);
    case P_GE: return emit(c, OP_GE, LW_TBOOL, a.reg, b.reg, 0);
    case P_EQ: return emit(c, OP_EQ, LW_TBOOL, a.reg, b.reg, 0);   /* == on a boolean compares ToNumber */
    case P_NE: return emit(c, OP_NE, LW_TBOOL, a.reg, b.reg, 0);
    case P_SEQ: case P_SNE:
      if (a.type != b.type) return constant(c, n->op == P_SNE, LW_TBOOL);   /* a number is never === a boolean */
      return emit(c, n->op == P_SEQ ? OP_EQ : OP_NE, LW_TBOOL, a.reg, b.reg, 0);
    default: return refuse(c, "an operator that is not compiled");
  }
  return emit(c, op, LW_TNUM, a.reg, b.reg, 0);
}

/*
** a && b, a || b, a ?? b. They return one of their operands, so both must have
** one type, unless only the truthiness of the result matters.
*/
static Value logical (Compiler *c, const lw_JsNode *n, int truth) {
  Value a, b;
  if (n->op == P_NULLISH) return gen(c, n->a, truth);   /* a number or boolean is never nullish */
  if (truth) {
    if ((a = truthiness(c, n->a)).reg < 0 || (b = truthiness(c, n->b)).reg < 0) return NONE;
    return emit(c, n->op == P_AND ? OP_AND01 : OP_OR01, LW_TBOOL, a.reg, b.reg, 0);
  }
  if ((a = gen(c, n->a, 0)).reg < 0 || (b = gen(c, n->b, 0)).reg < 0) return NONE;
  if (a.type != b.type) return refuse(c, "&& or || mixes a number and a boolean result");
  return n->op == P_AND ? emit(c, OP_SELECT, a.type, a.reg, b.reg, a.reg)
                        : emit(c, OP_SELECT, a.type, a.reg, a.reg, b.reg);
}

static Value conditional (Compiler *c, const lw_JsNode *n, int truth) {
  Value t, a, b;
  if ((t = gen(c, n->a, 1)).reg < 0) return NONE;
  if (truth) {
    if ((a = truthiness(c, n->b)).reg < 0 || (b = truthiness(c, n->c)).reg < 0) return NONE;
  }
  else {
    if ((a = gen(c, n->b, 0)).reg < 0 || (b = gen(c, n->c, 0)).reg < 0) return NONE;
    if (a.type != b.type) return refuse(c, "?: mixes a number and a boolean result");
  }
  return emit(c, OP_SELECT, a.type, t.reg, a.reg, b.reg);
}

static Value unary (Compiler *c, const lw_JsNode *n, int truth) {
  Value a;
  if (n->op == P_NOT) {
    if ((a = truthiness(c, n->a)).reg < 0) return NONE;
    return emit(c, OP_NOT, LW_TBOOL, a.reg, 0, 0);
  }
  if ((a = gen(c, n->a, 0)).reg < 0) return NONE;
  (void)truth;
  switch (n->op) {
    case P_MINUS: return emit(c, OP_NEG, LW_TNUM, a.reg, 0, 0);
    case P_PLUS: return a.type == LW_TNUM ? a : emit(c, OP_MOV, LW_TNUM, a.reg, 0, 0);
    case P_TILDE: return emit(c, OP_BITNOT, LW_TNUM, a.reg, 0, 0);
    default: return refuse(c, "an operator that is not compiled");
  }
}

/* Math and Number calls. Missing arguments are undefined: NaN as a number. */
static Value call (Compiler *c, const lw_JsNode *n) {
  static const int unaryop[] = {
    OP_ABS, OP_SIGN, OP_FLOOR, OP_CEIL, OP_ROUND, OP_TRUNC, OP_SQRT, OP_CBRT, OP_FROUND, OP_CLZ32
  };
  Value args[LW_JS_MAXARGS], r;
  int i, b = n->op;
  for (i = 0; i < n->nargs; i++)
    if ((args[i] = gen(c, n->args[i], 0)).reg < 0) return NONE;
  switch (b) {
    case B_MIN: case B_MAX:   /* min(min(a, b), c) is Math.min(a, b, c): NaN and -0 carry through */
      if (n->nargs == 0) return constant(c, b == B_MIN ? 1.0 / 0.0 : -1.0 / 0.0, LW_TNUM);
      r = n->nargs == 1 ? emit(c, OP_MOV, LW_TNUM, args[0].reg, 0, 0) : args[0];
      for (i = 1; i < n->nargs && r.reg >= 0; i++) r = emit(c, b == B_MIN ? OP_MIN : OP_MAX, LW_TNUM, r.reg, args[i].reg, 0);
      return r;
    case B_HYPOT:
      if (n->nargs == 0) return constant(c, 0, LW_TNUM);
      if (n->nargs == 1) return emit(c, OP_ABS, LW_TNUM, args[0].reg, 0, 0);
      if (n->nargs == 2) return emit(c, OP_HYPOT2, LW_TNUM, args[0].reg, args[1].reg, 0);
      if (n->nargs == 3) return emit(c, OP_HYPOT3, LW_TNUM, args[0].reg, args[1].reg, args[2].reg);
      return refuse(c, "Math.hypot with more than 3 arguments is not compiled");
    case B_IMUL:
      if (n->nargs < 2) return constant(c, 0, LW_TNUM);   /* ToInt32(undefined) is 0 */
      return emit(c, OP_IMUL, LW_TNUM, args[0].reg, args[1].reg, 0);
    case B_ISINTEGER: case B_ISFINITE: case B_ISNAN:
      if (n->nargs == 0) return constant(c, 0, LW_TBOOL);
      if (args[0].type == LW_TBOOL) return constant(c, 0, LW_TBOOL);   /* a boolean is not a number */
      return emit(c, b == B_ISINTEGER ? OP_ISINT : b == B_ISFINITE ? OP_ISFIN : OP_ISNAN, LW_TBOOL,
                  args[0].reg, 0, 0);
    default:
      if (n->nargs == 0) return constant(c, b == B_CLZ32 ? 32 : 0.0 / 0.0, LW_TNUM);
      return emit(c, unaryop[b], LW_TNUM, args[0].reg, 0, 0);
  }
}

static Value gen (Compiler *c, const lw_JsNode *n, int truth) {
  switch (n->kind) {
    case J_NUM: return constant(c, n->num, LW_TNUM);
    case J_BOOL: return constant(c, n->num, LW_TBOOL);
    case J_PARAM: { Value v = { n->param, LW_TNUM }; return v; }
    case J_UNARY: return unary(c, n, truth);
    case J_BINARY: return binary(c, n);
    case J_LOGICAL: return logical(c, n, truth);
    case J_COND: return conditional(c, n, truth);
    case J_CALL: return call(c, n);
    default: return refuse(c, "not in the compiled subset");
  }
}

static lw_Prog *compile (const char *src, size_t len, int truth, int nargs, int rows, char *error) {
  lw_JsParse parsed;
  void *arena;
  Compiler *c;
  lw_Prog *p = NULL;
  Value r;
  error[0] = '\0';
  if (lwJ_parse(src, len, rows, &parsed, &arena) == NULL) {
    memcpy(error, parsed.error, sizeof parsed.error);
    lwM_free(arena);
    return NULL;
  }
  if (parsed.nargs > nargs) {
    snprintf(error, 160, "it has %d parameters, but is called with %d arguments", parsed.nargs, nargs);
    lwM_free(arena);
    return NULL;
  }
  if ((c = (Compiler *)lwM_alloc(sizeof(Compiler))) == NULL) {
    lwM_free(arena);
    snprintf(error, 160, "out of memory");
    return NULL;
  }
  c->error = error;
  c->nregs = parsed.nparams;
  r = gen(c, parsed.root, truth);
  /* the result is written by the last instruction (lwJ_run writes it straight to its output) */
  if (r.reg >= 0 && (r.reg < parsed.nparams || c->ncode == 0 || c->code[c->ncode - 1].dst != r.reg) && !c->isconst[r.reg])
    r = emit(c, OP_MOV, r.type, r.reg, 0, 0);
  if (r.reg >= 0 && (p = (lw_Prog *)lwM_alloc(sizeof(lw_Prog))) != NULL) {
    p->code = (lw_Instr *)lwM_alloc((size_t)c->ncode * sizeof(lw_Instr) + 1);
    p->consts = (double *)lwM_alloc((size_t)c->nregs * sizeof(double));
    p->isconst = (uint8_t *)lwM_alloc((size_t)c->nregs);
    if (p->code == NULL || p->consts == NULL || p->isconst == NULL) {
      lwJ_release(p);
      p = NULL;
    }
    else {
      int ok;
      p->refs = 1;
      p->nparams = parsed.nparams;
      p->rowlen = parsed.rowlen;
      p->nregs = c->nregs;
      p->ncode = c->ncode;
      p->result = r.reg;
      p->rtype = r.type;
      memcpy(p->code, c->code, (size_t)c->ncode * sizeof(lw_Instr));
      memcpy(p->consts, c->consts, (size_t)c->nregs * sizeof(double));
      memcpy(p->isconst, c->isconst, (size_t)c->nregs);
      ok = lwJ_prepare(p) == LW_OK;
      if (!ok) { lwJ_release(p); p = NULL; }
    }
  }
  if (r.reg >= 0 && p == NULL) snprintf(error, 160, "out of memory");
  lwM_free(c);
  lwM_free(arena);
  return p;
}

lw_Prog *lwJ_compile (const char *src, size_t len, int truth, int nargs, char *error) {
  return compile(src, len, truth, nargs, 0, error);
}

lw_Prog *lwJ_compile_rows (const char *src, size_t len, int nargs, int rows, char *error) {
  return compile(src, len, 0, nargs, rows, error);
}

void lwJ_retain (lw_Prog *p) { p->refs++; }

void lwJ_release (lw_Prog *p) {
  if (p == NULL || --p->refs > 0) return;
  lwJ_unjit(p);
  lwM_free(p->code);
  lwM_free(p->consts);
  lwM_free(p->isconst);
  lwM_free(p->regs);
  lwM_free(p->scalar);
  lwM_free(p);
}
