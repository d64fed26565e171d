/*
** js_test.c
** The callback compiler and its machine: values (including -0 and NaN),
** refusals with reasons, limits, and compiled stages in pipelines.
*/
#include <math.h>
#include <string.h>

#include "host_stub.h"
#include "lwjs.h"

static int same (double a, double b) {
  return (a != a && b != b) || (a == b && signbit(a) == signbit(b));
}

/* Compile and run 'src' on (x, i): the result, or NAN with *ok = 0 when refused. */
static double run1 (const char *src, double x, double i, int *ok) {
  char error[160];
  lw_Prog *p = lwJ_compile(src, strlen(src), 0, 2, error);
  double out, step;
  *ok = p != NULL;
  if (p == NULL) return NAN;
  if (p->nparams > 1) lwJ_reg(p, 1)[0] = i;
  lwJ_run(p, &x, &out, 1);
  /* the scalar machine (folds) agrees with the vector one */
  step = lwJ_step(p, x, i, 0);
  if (!same(step, out)) fprintf(stderr, "  %s at %g: lwJ_step %.17g, lwJ_run %.17g\n", src, x, step, out);
  CHECK(same(step, out));
  lwJ_release(p);
  return out;
}

static void check (const char *src, double x, double expected) {
  int ok;
  double r = run1(src, x, 7, &ok);
  if (!ok || !same(r, expected)) fprintf(stderr, "  %s at %g: got %.17g, want %.17g\n", src, x, r, expected);
  CHECK(ok);
  CHECK(same(r, expected));
}

static void refused (const char *src, const char *why) {
  char error[160];
  lw_Prog *p = lwJ_compile(src, strlen(src), 0, 2, error);
  if (p != NULL || strstr(error, why) == NULL) fprintf(stderr, "  %s: '%s'\n", src, error);
  CHECK(p == NULL && strstr(error, why) != NULL);
  lwJ_release(p);
}

/*
** Hot programs are written out as WebAssembly once (natively the stub checks
** each module's frame and answers 0), then the machine runs them as before.
** The texts use every operation, inline and called; a program with nothing
** inline and no integer mode (bitwise operations on a fraction) or no
** operation at all (a constant) is not written out.
*/
static void test_jit (void) {
  static const char *const texts[] = {
    "(a, x, i) => a + x - i * 2 / 3", "(a, x) => (a % 7) + (x % a) + a % 1e9 + x % 0.5 + a % -3",
    "(a, x) => -a + +x + !a + ~x", "(a, x) => (a < x) + (a <= x) + (a > x) + (a >= x) + (a == x) + (a != x)",
    "(a, x) => (a && x) || (a ?? x)", "(a, x) => (!a && !x) || !(a || x)", "(a, x) => a ? x : -x",
    "(a, x) => (a & x) | (a ^ x) << 2 >> 1 >>> 0", "(a, x) => a ** 0.5 + x ** 2",
    "(a, x) => Math.abs(a) + Math.sign(x) + Math.floor(a) + Math.ceil(x) + Math.round(a) + Math.trunc(x)",
    "(a, x) => Math.sqrt(a) + Math.cbrt(x) + Math.fround(a) + Math.clz32(x) + Math.imul(a, x)",
    "(a, x) => Math.min(a, x) + Math.max(a, x) + Math.hypot(a, x) + Math.hypot(a, x, 1)",
    "(a, x) => Number.isInteger(a) + Number.isFinite(x) + Number.isNaN(a)", "() => 5", "(a, x) => x",
    "(a, x) => (a & x) | (a ^ x) << 2 >> 1 >>> 0.5",
  };
  static const char *const not_written[] = { "(a, x) => (a & x) | (a ^ x) << 2 >> 1 >>> 0.5", "() => 5" };
  double was = lw_jit_heat(0);
  size_t t;
  for (t = 0; t < sizeof texts / sizeof texts[0]; t++) {
    lw_Prog *p = hs_compile(texts[t], 0, 3);
    double io[3] = { 1.5, -2, 7 }, want[3], acc = 0.25;
    int calls = hs_jit_calls, i, written = 1;
    for (i = 0; i < 2; i++) written &= strcmp(texts[t], not_written[i]) != 0;
    for (i = 0; i < 3; i++) want[i] = acc = lwJ_step(p, acc, io[i], 10 + i);   /* the first step writes it */
    CHECK_INT(hs_jit_calls, calls + written);
    CHECK_NUM(lwJ_fold(p, 0.25, io, 3, 10), want[2]);
    for (i = 0; i < 3; i++) CHECK_NUM(io[i], want[i]);
    CHECK_INT(hs_jit_calls, calls + written);   /* refused once: never asked again */
    lw_prog_release(p);
  }
  lw_jit_heat(was);
}

int main (void) {
  char big[20000];
  int i;
  check("x => x * x", 3, 9);
  check("(x, i) => x + i", 1, 8);
  check("function (x) { return x % 3; }", -4, -1);
  check("x => x % 3", -3, -0.0);
  check("x => x % 0", 5, NAN);
  check("x => x % 49", 12544, 0);          /* 12544 * (1/49) is just below 256 */
  check("x => x % 49", -12544, -0.0);
  check("x => x % -49", 12545, 1);
  check("x => x % 3", 4503599627370497.0, 2);   /* above 2^52: the int64 remainder */
  check("x => x % 2.5", 7, 2);
  check("x => Math.round(x)", -0.5, -0.0);
  check("x => Math.round(x)", 2.5, 3);
  check("x => Math.round(x)", 0.49999999999999994, 0);
  check("x => Math.max(x, -0)", 0, 0);
  check("x => Math.min(x, -0)", 0, -0.0);
  check("x => Math.max(x, NaN, 1)", 5, NAN);
  check("x => Math.hypot(x, 4)", 3, 5);
  check("x => Math.hypot(x, NaN, Infinity)", 1, INFINITY);
  check("x => x | 0", 4294967297.5, 1);
  check("x => x >>> 0", -1, 4294967295.0);
  check("x => ~x", 2147483648.0, 2147483647);
  check("x => x << 31", 1, -2147483648.0);
  check("x => Math.imul(x, 2147483647)", 3, 2147483645);
  check("x => Math.clz32(x)", 1, 31);
  check("x => Math.sign(x)", -0.0, -0.0);
  check("x => Math.fround(x)", 0.1, (double)0.1f);
  check("x => x ** 0.5", -0.0, 0);
  check("x => x ** 0.5", -INFINITY, INFINITY);
  check("x => x ** 0", NAN, 1);
  check("x => x ** -1", -0.0, -INFINITY);
  check("x => x > 1 && x < 3 ? 1 : 0", 2, 1);
  check("x => (x || 5) + (x && 5)", 0, 5);
  check("x => (x ?? 1) + 0x10 + 0b11 + 0o7 + 1_0 + .5 + 5.", 0, 16 + 3 + 7 + 10 + 0.5 + 5);
  check("x => Number.isInteger(x) + Number.isFinite(x) + Number.isNaN(x)", 2, 2);
  check("x => !x + !!x", NAN, 1);
  check("x => true + 1 == 2", 0, 1);
  check("x => (x === 1) === true", 1, 1);
  check("x => (x > 0) === 1", 1, 0);     /* a boolean is never === a number */
  check("x => Math.PI * x", 2, 2 * 3.141592653589793);
  check("x => /* c */ x // d\n + 1", 1, 2);
  check("f(x) { return -x }", 0, -0.0);

  refused("x => x * k", "reads 'k'");
  refused("x => x.y", "properties");
  refused("x => x ** 3", "**");
  refused("x => Math.sin(x)", "not a compiled builtin");
  refused("(x, i, j) => x", "3 parameters");
  refused("async x => x", "async");
  refused("function* (x) { return x }", "generator");
  refused("x => x > 1 && x", "mixes");
  refused("x => { let y = x; return y; }", "return");
  refused("x => x = 1", "not compiled");
  refused("x => x += 1", "not compiled");
  refused("x => `a`", "not compiled");
  refused("x => 10n", "BigInt");
  refused("x => x /* open", "unterminated");
  refused("x => (x", "expected");
  refused("", "expected");
  for (i = 0; i < 2000; i++) big[i] = '(';
  memcpy(big + 2000, "x", 2);
  { char src[2100]; memcpy(src, "x => ", 5); memcpy(src + 5, big, 2002); refused(src, "nested too deeply"); }
  memset(big, ' ', sizeof big - 1);
  memcpy(big, "x => x", 6);
  big[sizeof big - 1] = '\0';
  refused(big, "longer than");

  /* compiled stages in a pipeline: map and filter over a numeric source run without the host */
  {
    const char *sq = "x => x * x", *three = "x => x % 3 === 0";
    char error[160];
    lw_Prog *a = lw_compile(sq, (double)strlen(sq), 0, 2), *b = lw_compile(three, (double)strlen(three), 1, 2);
    hs_Callback never = hs_cb(NULL, hs_identity);
    lw_Node *n;
    lw_Pipe *p;
    (void)error;
    never.fail_at = 1;                             /* fails if called */
    lw_use_prog(a);
    n = lw_map(lw_range(0, 1000, 1, 1), hs_callback(&never));
    lw_use_prog(b);
    n = lw_filter(n, hs_callback(&never));
    p = lw_pipe(n);
    CHECK(lw_observable(p) == 0);
    CHECK(lw_sum(p) == 0 && lw_num(*lw_pipe_res(p)) == 111277611.0 && never.calls == 0);
    lw_free(p);
    lw_prog_release(a);
    lw_prog_release(b);
  }
  test_jit();
  return hs_finish();
}
