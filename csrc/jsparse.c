/*
** jsparse.c
** A parser for the subset of JS that compiled callbacks accept: an arrow or
** function expression whose body is one expression of numbers, its
** parameters, operators, Math and Number builtins. Anything else is refused
** with a reason. This is an input boundary (the playground feeds it any
** text): it never reads past the text, recursion and memory are bounded.
*/
#include <stdio.h>
#include <stdlib.h>

#include "lwjs.h"

typedef struct Parser {
  const char *src;
  size_t len, pos;           /* pos: where the current token starts */
  int tok;                   /* current token */
  size_t tstart, tend;       /* its text */
  double num;                /* T_NUM's value */
  int depth;
  char params[LW_JS_MAXPARAMS + LW_JS_MAXROW][32];
  int nparams;               /* names, a destructured first parameter's counted one by one */
  int nargs_declared;        /* parameters as the function declares them */
  int rows, rowlen;          /* see lwJ_parse */
  lw_JsNode *nodes;
  int nnodes, maxnodes;
  lw_JsNode **argpool;
  int nargs;
  char *error;               /* set once: the first problem found */
} Parser;

static int fail (Parser *p, const char *fmt, const char *detail) {
  if (p->error[0] == '\0') snprintf(p->error, 160, fmt, detail);
  return 0;
}

/* Fail quoting up to 'max' characters of the text at 'at' (the text has no terminating NUL). */
static int fail_quote (Parser *p, const char *fmt, size_t at, size_t max) {
  char quote[24];
  size_t n = at < p->len ? p->len - at : 0;
  if (n > max) n = max;
  if (n > sizeof quote - 1) n = sizeof quote - 1;
  memcpy(quote, p->src + at, n);
  quote[n] = '\0';
  return fail(p, fmt, quote);
}

/* ---- tokens ---- */

static int isidstart (int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$'; }
static int isdigit_ (int c) { return c >= '0' && c <= '9'; }
static int isidchar (int c) { return isidstart(c) || isdigit_(c); }

static int peekc (Parser *p, size_t at) { return at < p->len ? (unsigned char)p->src[at] : -1; }

/* Skip white space and comments; 0 on an unterminated comment. */
static int skip_space (Parser *p) {
  for (;;) {
    int c = peekc(p, p->pos);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') p->pos++;
    else if (c == '/' && peekc(p, p->pos + 1) == '/') {
      while (p->pos < p->len && p->src[p->pos] != '\n') p->pos++;
    }
    else if (c == '/' && peekc(p, p->pos + 1) == '*') {
      size_t i = p->pos + 2;
      while (i + 1 < p->len && !(p->src[i] == '*' && p->src[i + 1] == '/')) i++;
      if (i + 1 >= p->len) return fail(p, "an unterminated comment%s", "");
      p->pos = i + 2;
    }
    else return 1;
  }
}

/* A numeric literal (decimal, 0x, 0o, 0b, exponent, '_' separators) into p->num. */
static int lex_number (Parser *p) {
  char buf[400];
  size_t i = p->pos, n = 0;
  int base = 10;
  if (peekc(p, i) == '0') {
    int c = peekc(p, i + 1) | 0x20;
    if (c == 'x') base = 16; else if (c == 'o') base = 8; else if (c == 'b') base = 2;
    else if (isdigit_(peekc(p, i + 1))) return fail(p, "legacy octal literals are not compiled%s", "");
  }
  if (base != 10) {
    double v = 0;
    int digits = 0;
    for (i += 2; isidchar(peekc(p, i)); i++) {
      int c = peekc(p, i), d;
      if (c == '_') continue;
      d = isdigit_(c) ? c - '0' : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : 99;
      if (d >= base) return fail(p, "a malformed number%s", "");
      v = v * base + d;   /* exact while below 2^53 */
      digits++;
    }
    if (digits == 0) return fail(p, "a malformed number%s", "");
    if (v >= 9007199254740992.0) return fail(p, "integer literals from 2^53 up are not compiled%s", "");
    p->num = v;
  }
  else {
    char *end;
    for (; i < p->len; i++) {
      int c = peekc(p, i);
      if (c == '_') continue;
      if (!(isdigit_(c) || c == '.' || (c | 0x20) == 'e' ||
            ((c == '+' || c == '-') && n > 0 && (buf[n - 1] | 0x20) == 'e'))) break;
      if (n + 1 >= sizeof buf) return fail(p, "a numeric literal too long%s", "");
      buf[n++] = (char)c;
    }
    buf[n] = '\0';
    p->num = strtod(buf, &end);   /* correctly rounded, as JS reads literals */
    if (end != buf + n) return fail(p, "a malformed number%s", "");
  }
  if (peekc(p, i) == 'n') return fail(p, "BigInt literals are not compiled%s", "");
  if (isidchar(peekc(p, i))) return fail(p, "a malformed number%s", "");
  p->tend = i;
  return 1;
}

static const struct { const char *s; int tok; } puncts[] = {   /* longest first */
  {">>>", P_SHR}, {"===", P_SEQ}, {"!==", P_SNE}, {"**", P_POW}, {"=>", P_ARROW},
  {"<=", P_LE}, {">=", P_GE}, {"==", P_EQ}, {"!=", P_NE}, {"&&", P_AND}, {"||", P_OR},
  {"<<", P_SHL}, {">>", P_SAR}, {"??", P_NULLISH},
  {"(", P_LPAREN}, {")", P_RPAREN}, {"{", P_LBRACE}, {"}", P_RBRACE}, {",", P_COMMA},
  {";", P_SEMI}, {"?", P_QUESTION}, {":", P_COLON}, {".", P_DOT}, {"!", P_NOT},
  {"~", P_TILDE}, {"+", P_PLUS}, {"-", P_MINUS}, {"*", P_STAR}, {"/", P_SLASH},
  {"%", P_PERCENT}, {"<", P_LT}, {">", P_GT}, {"&", P_AMP}, {"|", P_PIPE}, {"^", P_CARET},
  {"[", P_LBRACKET}, {"]", P_RBRACKET},
};

/* Operators with a compound assignment form (+=, **=, ||=, …): followed by '=', they assign. */
static int assigns_with_eq (int tok) {
  switch (tok) {
    case P_PLUS: case P_MINUS: case P_STAR: case P_SLASH: case P_PERCENT: case P_POW:
    case P_SHL: case P_SAR: case P_SHR: case P_AMP: case P_PIPE: case P_CARET:
    case P_AND: case P_OR: case P_NULLISH:
      return 1;
    default:
      return 0;
  }
}

static int next (Parser *p) {
  size_t k;
  int c;
  p->pos = p->tend;
  if (!skip_space(p)) return p->tok = T_BAD;
  p->tstart = p->pos;
  c = peekc(p, p->pos);
  if (c < 0) { p->tend = p->pos; return p->tok = T_EOF; }
  if (isdigit_(c) || (c == '.' && isdigit_(peekc(p, p->pos + 1)))) {
    return p->tok = lex_number(p) ? T_NUM : T_BAD;
  }
  if (isidstart(c)) {
    size_t i = p->pos;
    while (isidchar(peekc(p, i))) i++;
    p->tend = i;
    return p->tok = T_IDENT;
  }
  for (k = 0; k < sizeof puncts / sizeof puncts[0]; k++) {
    size_t m = strlen(puncts[k].s);
    if (p->pos + m <= p->len && memcmp(p->src + p->pos, puncts[k].s, m) == 0) {
      int after = peekc(p, p->pos + m);
      /* '=' after such an operator makes an assignment; '?.' is optional chaining */
      if ((after == '=' && assigns_with_eq(puncts[k].tok))
          || (puncts[k].tok == P_QUESTION && after == '.' && !isdigit_(peekc(p, p->pos + 2))))
        break;
      p->tend = p->pos + m;
      return p->tok = puncts[k].tok;
    }
  }
  fail_quote(p, "'%s' is not compiled (only number expressions are)", p->pos, 20);
  return p->tok = T_BAD;
}

static int is_ident (Parser *p, const char *word) {
  size_t m = strlen(word);
  return p->tok == T_IDENT && p->tend - p->tstart == m && memcmp(p->src + p->tstart, word, m) == 0;
}

static int expect (Parser *p, int tok, const char *what) {
  if (p->tok != tok) return fail(p, "expected %s", what);
  next(p);
  return 1;
}

/* ---- tree ---- */

static lw_JsNode *mknode (Parser *p, int kind) {
  lw_JsNode *n;
  if (p->nnodes >= p->maxnodes) { fail(p, "the expression is too large%s", ""); return NULL; }
  n = &p->nodes[p->nnodes++];
  memset(n, 0, sizeof *n);
  n->kind = (uint8_t)kind;
  n->pos = (int)p->tstart;
  return n;
}

static lw_JsNode *mknum (Parser *p, double v, int kind) {
  lw_JsNode *n = mknode(p, kind);
  if (n != NULL) n->num = v;
  return n;
}

static lw_JsNode *expression (Parser *p);
static lw_JsNode *unary (Parser *p);

/* Math.NAME and Number.NAME constants, and the builtins a call may name. */
static const struct { const char *obj, *name; double value; } constants[] = {
  {"Math", "PI", 3.141592653589793}, {"Math", "E", 2.718281828459045},
  {"Math", "LN2", 0.6931471805599453}, {"Math", "LN10", 2.302585092994046},
  {"Math", "LOG2E", 1.4426950408889634}, {"Math", "LOG10E", 0.4342944819032518},
  {"Math", "SQRT2", 1.4142135623730951}, {"Math", "SQRT1_2", 0.7071067811865476},
  {"Number", "MAX_SAFE_INTEGER", 9007199254740991.0}, {"Number", "MIN_SAFE_INTEGER", -9007199254740991.0},
  {"Number", "EPSILON", 2.220446049250313e-16}, {"Number", "MAX_VALUE", 1.7976931348623157e308},
  {"Number", "MIN_VALUE", 5e-324}, {"Number", "POSITIVE_INFINITY", 1.0 / 0.0},
  {"Number", "NEGATIVE_INFINITY", -1.0 / 0.0},
};

static const struct { const char *obj, *name; int builtin; } builtins[] = {
  {"Math", "abs", B_ABS}, {"Math", "sign", B_SIGN}, {"Math", "floor", B_FLOOR},
  {"Math", "ceil", B_CEIL}, {"Math", "round", B_ROUND}, {"Math", "trunc", B_TRUNC},
  {"Math", "sqrt", B_SQRT}, {"Math", "cbrt", B_CBRT}, {"Math", "fround", B_FROUND},
  {"Math", "clz32", B_CLZ32}, {"Math", "imul", B_IMUL}, {"Math", "min", B_MIN},
  {"Math", "max", B_MAX}, {"Math", "hypot", B_HYPOT},
  {"Number", "isInteger", B_ISINTEGER}, {"Number", "isFinite", B_ISFINITE},
  {"Number", "isNaN", B_ISNAN},
};

/* Object.name or Object.name(args) for Object in Math, Number. */
static lw_JsNode *member (Parser *p, const char *obj) {
  size_t k, m;
  const char *name;
  next(p);
  if (!expect(p, P_DOT, "'.' after Math or Number")) return NULL;
  if (p->tok != T_IDENT) { fail(p, "expected a name after %s.", obj); return NULL; }
  name = p->src + p->tstart;
  m = p->tend - p->tstart;
  for (k = 0; k < sizeof constants / sizeof constants[0]; k++) {
    if (strcmp(constants[k].obj, obj) == 0 && strlen(constants[k].name) == m
        && memcmp(constants[k].name, name, m) == 0) {
      next(p);
      return mknum(p, constants[k].value, J_NUM);
    }
  }
  for (k = 0; k < sizeof builtins / sizeof builtins[0]; k++) {
    if (strcmp(builtins[k].obj, obj) == 0 && strlen(builtins[k].name) == m
        && memcmp(builtins[k].name, name, m) == 0) {
      lw_JsNode *call = mknode(p, J_CALL), *args[LW_JS_MAXARGS];
      if (call == NULL) return NULL;
      call->op = (uint8_t)builtins[k].builtin;
      next(p);
      if (!expect(p, P_LPAREN, "'(' to call the builtin")) return NULL;
      while (p->tok != P_RPAREN) {   /* arguments may hold calls: collect them here first */
        if (call->nargs == LW_JS_MAXARGS) { fail(p, "too many arguments to %s", obj); return NULL; }
        if ((args[call->nargs] = expression(p)) == NULL) return NULL;
        call->nargs++;
        if (p->tok != P_COMMA) break;
        next(p);
      }
      if (p->nargs + call->nargs > p->maxnodes) { fail(p, "the expression is too large%s", ""); return NULL; }
      call->args = p->argpool + p->nargs;
      memcpy(call->args, args, call->nargs * sizeof args[0]);
      p->nargs += call->nargs;
      if (!expect(p, P_RPAREN, "')' after the arguments")) return NULL;
      return call;
    }
  }
  fail(p, "%s is not a compiled builtin", obj);
  return NULL;
}

static lw_JsNode *primary (Parser *p) {
  int i;
  if (p->tok == T_NUM) {
    lw_JsNode *n = mknum(p, p->num, J_NUM);
    next(p);
    return n;
  }
  if (p->tok == P_LPAREN) {
    lw_JsNode *n;
    next(p);
    if ((n = expression(p)) == NULL) return NULL;
    if (p->tok == P_COMMA) { fail(p, "the comma operator is not compiled%s", ""); return NULL; }
    return expect(p, P_RPAREN, "')'") ? n : NULL;
  }
  if (p->tok != T_IDENT) {
    if (p->tok != T_BAD) fail(p, "expected a number, a parameter or '('%s", "");
    return NULL;
  }
  if (is_ident(p, "true") || is_ident(p, "false")) {
    lw_JsNode *n = mknum(p, is_ident(p, "true"), J_BOOL);
    next(p);
    return n;
  }
  if (is_ident(p, "NaN") || is_ident(p, "Infinity")) {
    lw_JsNode *n = mknum(p, is_ident(p, "NaN") ? 0.0 / 0.0 : 1.0 / 0.0, J_NUM);
    next(p);
    return n;
  }
  if (is_ident(p, "Math")) return member(p, "Math");
  if (is_ident(p, "Number")) return member(p, "Number");
  for (i = 0; i < p->nparams; i++) {
    if (is_ident(p, p->params[i])) {
      lw_JsNode *n = mknode(p, J_PARAM);
      if (n == NULL) return NULL;
      n->param = i;
      next(p);
      if (p->tok == P_DOT || p->tok == P_LPAREN || p->tok == P_LBRACKET)
        return fail(p, "reading properties of or calling '%s' is not compiled", p->params[i]), NULL;
      return n;
    }
  }
  {
    char name[40];
    size_t m = p->tend - p->tstart < sizeof name - 1 ? p->tend - p->tstart : sizeof name - 1;
    memcpy(name, p->src + p->tstart, m);
    name[m] = '\0';
    fail(p, "it reads '%s', which is not a parameter (pass closure values with fn`...${value}...`)", name);
  }
  return NULL;
}

static lw_JsNode *unary (Parser *p) {
  lw_JsNode *n;
  int op = p->tok;
  if (op == P_NOT || op == P_TILDE || op == P_PLUS || op == P_MINUS) {
    if (++p->depth > LW_JS_MAXDEPTH) { fail(p, "the expression is nested too deeply%s", ""); return NULL; }
    next(p);
    if ((n = mknode(p, J_UNARY)) == NULL) return NULL;
    n->op = (uint8_t)op;
    n->a = unary(p);
    p->depth--;
    return n->a != NULL ? n : NULL;
  }
  if (is_ident(p, "typeof") || is_ident(p, "void") || is_ident(p, "delete") || is_ident(p, "await")) {
    fail_quote(p, "'%s' is not compiled", p->tstart, p->tend - p->tstart);
    return NULL;
  }
  return primary(p);
}

/* Binding power of binary operators (0: not one); '**' is right-associative. */
static int precedence (int tok) {
  switch (tok) {
    case P_NULLISH: return 1;
    case P_OR: return 2;
    case P_AND: return 3;
    case P_PIPE: return 4;
    case P_CARET: return 5;
    case P_AMP: return 6;
    case P_EQ: case P_NE: case P_SEQ: case P_SNE: return 7;
    case P_LT: case P_LE: case P_GT: case P_GE: return 8;
    case P_SHL: case P_SAR: case P_SHR: return 9;
    case P_PLUS: case P_MINUS: return 10;
    case P_STAR: case P_SLASH: case P_PERCENT: return 11;
    case P_POW: return 12;
    default: return 0;
  }
}

static lw_JsNode *binary (Parser *p, int minprec) {
  lw_JsNode *left = unary(p);
  while (left != NULL) {
    int op = p->tok, prec = precedence(op);
    lw_JsNode *n;
    if (prec == 0 && (is_ident(p, "in") || is_ident(p, "instanceof"))) {
      fail_quote(p, "'%s' is not compiled", p->tstart, p->tend - p->tstart);
      return NULL;
    }
    if (prec == 0 || prec < minprec) break;
    if (++p->depth > LW_JS_MAXDEPTH) { fail(p, "the expression is nested too deeply%s", ""); return NULL; }
    next(p);
    n = mknode(p, op == P_AND || op == P_OR || op == P_NULLISH ? J_LOGICAL : J_BINARY);
    if (n == NULL) return NULL;
    n->op = (uint8_t)op;
    n->a = left;
    n->b = binary(p, op == P_POW ? prec : prec + 1);
    p->depth--;
    if (n->b == NULL) return NULL;
    left = n;
  }
  return left;
}

/* A conditional expression: the top level of the subset (no assignment or comma). */
static lw_JsNode *expression (Parser *p) {
  lw_JsNode *c, *n;
  if (++p->depth > LW_JS_MAXDEPTH) { fail(p, "the expression is nested too deeply%s", ""); return NULL; }
  c = binary(p, 1);
  if (c != NULL && p->tok == P_QUESTION) {
    next(p);
    if ((n = mknode(p, J_COND)) == NULL) return NULL;
    n->a = c;
    if ((n->b = expression(p)) == NULL || !expect(p, P_COLON, "':'") || (n->c = expression(p)) == NULL)
      return NULL;
    c = n;
  }
  p->depth--;
  return c;
}

/* ---- the function around the expression ---- */

/* Names the body reads as JS's globals (see primary): a parameter so named would shadow them. */
static int global_name (const char *name) {
  return !strcmp(name, "NaN") || !strcmp(name, "Infinity") || !strcmp(name, "Math") || !strcmp(name, "Number");
}

static int add_name (Parser *p, size_t start, size_t end) {
  if (end - start >= sizeof p->params[0]) return fail(p, "a parameter name is too long%s", "");
  memcpy(p->params[p->nparams], p->src + start, end - start);
  p->params[p->nparams][end - start] = '\0';
  if (global_name(p->params[p->nparams])) return fail(p, "a parameter named '%s' is not compiled", p->params[p->nparams]);
  p->nparams++;
  return 1;
}

static int add_param (Parser *p, size_t start, size_t end) {
  if (p->nargs_declared++ == LW_JS_MAXPARAMS) return fail(p, "more than 3 parameters are not compiled%s", "");
  return add_name(p, start, end);
}

/*
** '[a, b]' as the first parameter, where the argument is a row of numbers
** (rows > 0): its names are the first parameters, a name per element. The
** row is a fresh array of zip's, so destructuring it reads its elements.
*/
static int row_pattern (Parser *p) {
  if (p->rows == 0 || p->nargs_declared > 0)
    return fail(p, "a destructuring parameter is compiled only in a map right after zip or enumerate%s", "");
  p->nargs_declared++;
  next(p);
  while (p->tok == T_IDENT) {
    if (p->rowlen == p->rows) return fail(p, "it destructures more names than the rows of zip have%s", "");
    if (p->rowlen == LW_JS_MAXROW) return fail(p, "a pattern of more than %s names is not compiled", "8");
    if (!add_name(p, p->tstart, p->tend)) return 0;
    p->rowlen++;
    next(p);
    if (p->tok != P_COMMA) break;
    next(p);
  }
  if (p->tok != P_RBRACKET || p->rowlen == 0)
    return fail(p, "only a pattern of plain names ([a, b]) is compiled (no holes, defaults or rest)%s", "");
  next(p);
  return 1;
}

static int parameter (Parser *p) {
  if (p->tok == P_LBRACKET) {
    if (!row_pattern(p)) return 0;
  }
  else {
    if (p->tok != T_IDENT || !add_param(p, p->tstart, p->tend))
      return fail(p, "only plain parameters are compiled (no defaults, rest or destructuring)%s", "");
    next(p);
  }
  if (p->tok == P_COMMA || p->tok == P_RPAREN) return 1;
  return fail(p, "only plain parameters are compiled (no defaults, rest or destructuring)%s", "");
}

static int parameters (Parser *p) {   /* after '(' up to and including ')' */
  while (p->tok != P_RPAREN) {
    if (!parameter(p)) return 0;
    if (p->tok != P_COMMA) break;
    next(p);
  }
  return expect(p, P_RPAREN, "')' after the parameters");
}

/* '{ return EXPR; }' */
static lw_JsNode *block (Parser *p) {
  lw_JsNode *e;
  if (!expect(p, P_LBRACE, "'{'")) return NULL;
  if (!is_ident(p, "return")) { fail(p, "only a body of one 'return' statement is compiled%s", ""); return NULL; }
  next(p);
  if ((e = expression(p)) == NULL) return NULL;
  if (p->tok == P_SEMI) next(p);
  return expect(p, P_RBRACE, "'}' after the return statement") ? e : NULL;
}

/* Over zip's rows, the first parameter is an array: only a pattern makes numbers of it. */
static int row_fits (Parser *p) {
  if (p->rows > 0 && p->rowlen == 0)   /* also with no parameter: its rows would be made all the same */
    return fail(p, "its argument is an array of zip: only a destructuring parameter ([a, b]) is compiled%s", "");
  return 1;
}

static lw_JsNode *function (Parser *p) {
  if (is_ident(p, "async")) { fail(p, "async functions are not compiled%s", ""); return NULL; }
  if (is_ident(p, "function")) {
    next(p);
    if (p->tok == P_STAR) { fail(p, "generator functions are not compiled%s", ""); return NULL; }
    if (p->tok == T_IDENT) next(p);   /* the function's own name */
    if (!expect(p, P_LPAREN, "'(' after function") || !parameters(p) || !row_fits(p)) return NULL;
    return block(p);
  }
  if (p->tok == T_IDENT) {
    size_t start = p->tstart, end = p->tend;
    next(p);
    if (p->tok == P_LPAREN) {         /* a method: name(params) { … } */
      next(p);
      if (!parameters(p) || !row_fits(p)) return NULL;
      return block(p);
    }
    if (!add_param(p, start, end)) return NULL;   /* x => … */
  }
  else if (p->tok == P_LPAREN) {
    next(p);
    if (!parameters(p)) return NULL;
  }
  else { fail(p, "expected an arrow function or a function expression%s", ""); return NULL; }
  if (!row_fits(p) || !expect(p, P_ARROW, "'=>'")) return NULL;
  if (p->tok == P_LBRACE) return block(p);
  return expression(p);
}

lw_JsNode *lwJ_parse (const char *src, size_t len, int rows, lw_JsParse *out, void **arena) {
  Parser p;
  lw_JsNode *root;
  size_t maxnodes = len + 16 < LW_JS_MAXNODES ? len + 16 : LW_JS_MAXNODES;
  memset(&p, 0, sizeof p);
  memset(out, 0, sizeof *out);
  *arena = NULL;
  p.error = out->error;
  if (len > LW_JS_MAXSRC) { fail(&p, "the function text is longer than %s characters", "16384"); return NULL; }
  *arena = lwM_alloc(maxnodes * (sizeof(lw_JsNode) + sizeof(lw_JsNode *)));
  if (*arena == NULL) { fail(&p, "out of memory%s", ""); return NULL; }
  p.nodes = (lw_JsNode *)*arena;
  p.argpool = (lw_JsNode **)(p.nodes + maxnodes);
  p.maxnodes = (int)maxnodes;
  p.src = src;
  p.len = len;
  p.rows = rows;
  next(&p);
  root = function(&p);
  if (root != NULL && p.tok != T_EOF) {
    fail(&p, "unexpected text after the function body%s", "");
    root = NULL;
  }
  if (root == NULL && out->error[0] == '\0') fail(&p, "not in the compiled subset%s", "");
  out->root = root;
  out->nparams = p.nparams;
  out->rowlen = p.rowlen;
  out->nargs = p.nargs_declared;
  return root;
}
