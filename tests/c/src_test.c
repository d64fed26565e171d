/*
** src_test.c
** Sources (src.c): range and count, repeat, fibonacci, random, host sources
** (arrays, typed arrays, iterators), iterate, empty.
*/
#include <math.h>

#include "host_stub.h"

static void test_range (void) {
  lw_Pipe *p = lw_pipe(lw_range(1, 2, 0.25, 1));
  CHECK_INT(lw_observable(p), 0);
  CHECK_STR(hs_drain(p, LW_BATCH), "1 1.25 1.5 1.75");
  CHECK_INT(lw_pull(p, 5), 0);                                   /* finished stays finished */
  lw_free(p);

  p = lw_pipe(lw_range(5, 0, -2, 1));
  CHECK_STR(hs_drain(p, LW_BATCH), "5 3 1");
  lw_free(p);
  p = lw_pipe(lw_range(0, 10, -1, 1));                           /* the wrong direction: nothing */
  CHECK_STR(hs_drain(p, LW_BATCH), "");
  lw_free(p);
  p = lw_pipe(lw_range(3, 3, 1, 1));
  CHECK_STR(hs_drain(p, LW_BATCH), "");
  lw_free(p);

  /* start + step * i, never accumulated: 0.1 * 3 is 0.30000000000000004, and 10 values below 1 */
  p = lw_pipe(lw_range(0, 1, 0.1, 1));
  CHECK_STR(hs_drain(p, LW_BATCH), "0 0.1 0.2 0.30000000000000004 0.4 0.5 0.6000000000000001 "
                                   "0.7000000000000001 0.8 0.9");
  lw_free(p);

  /* pulls continue where the last stopped, with exactly the count asked */
  p = lw_pipe(lw_range(0, 10, 1, 1));
  CHECK_STR(hs_pull(p, 3), "0 1 2");
  CHECK_STR(hs_pull(p, 1), "3");
  CHECK_STR(hs_pull(p, 100), "4 5 6 7 8 9");
  CHECK_STR(hs_pull(p, 100), "");
  lw_free(p);

  /* an infinite end, either way */
  p = lw_pipe(lw_range(0, INFINITY, 1, 1));
  CHECK_INT(lw_pull(p, LW_BATCH), LW_BATCH);
  CHECK_INT(lw_pull(p, LW_BATCH), LW_BATCH);
  CHECK_NUM(lw_num(lw_pipe_buf(p)[255]), 511);
  lw_free(p);
  p = lw_pipe(lw_range(0, -INFINITY, -0.5, 1));
  CHECK_STR(hs_pull(p, 4), "0 -0.5 -1 -1.5");
  lw_free(p);
  p = lw_pipe(lw_range(-1, 1, 1, 1));                            /* -1 + 1*1 is +0 */
  CHECK_STR(hs_drain(p, LW_BATCH), "-1 0");
  lw_free(p);

  /* count: unbounded, the stop ignored */
  p = lw_pipe(lw_range(5, 0, 1, 0));
  CHECK_STR(hs_pull(p, 3), "5 6 7");
  CHECK_STR(hs_pull(p, 2), "8 9");
  lw_free(p);
  p = lw_pipe(lw_range(0.1, 0, 0.1, 0));
  CHECK_INT(lw_pull(p, 10), 10);
  CHECK_NUM(lw_num(lw_pipe_buf(p)[9]), 0.1 + 0.1 * 9);
  lw_free(p);
}

static void test_repeat (void) {
  lw_Slot *args = lw_args();
  uint32_t h = hs_obj(42);
  lw_Pipe *p;

  args[0] = lw_mkhandle(h);                                       /* the node takes this reference */
  p = lw_pipe(lw_repeat(3));
  CHECK_INT(lw_observable(p), 0);
  CHECK_STR(hs_pull(p, 2), "#42 #42");
  CHECK_INT(hs_refs(h), 1);                                       /* the copies were retained, then let go */
  CHECK_STR(hs_pull(p, 5), "#42");
  CHECK_STR(hs_pull(p, 5), "");
  CHECK_INT(hs_refs(h), 1);
  lw_free(p);
  CHECK_INT(hs_kind(h), HS_FREE);                                 /* released with the node */

  args[0] = hs_objslot(7);                                        /* never pulled: still released */
  p = lw_pipe(lw_repeat(3));
  lw_free(p);
  CHECK_INT(hs_live(), 0);

  args[0] = lw_mknum(7);
  p = lw_pipe(lw_repeat(0));
  CHECK_STR(hs_drain(p, LW_BATCH), "");
  lw_free(p);

  args[0] = lw_mknum(-0.0);
  p = lw_pipe(lw_repeat(INFINITY));
  CHECK_INT(lw_pull(p, LW_BATCH), LW_BATCH);
  CHECK_INT(lw_pull(p, LW_BATCH), LW_BATCH);
  CHECK_NUM(lw_num(lw_pipe_buf(p)[255]), -0.0);
  lw_free(p);

  args[0] = LW_CANON_NAN;
  p = lw_pipe(lw_repeat(2));
  CHECK_INT(lw_sum(p), 0);
  CHECK(lw_pipe_res(p)[0] == LW_CANON_NAN);                       /* a numeric source of NaNs */
  lw_free(p);
}

static void test_fibonacci (void) {
  lw_Pipe *p = lw_pipe(lw_fibonacci());
  double v[1480 + LW_BATCH];
  int got = 0, k;
  CHECK_STR(hs_pull(p, 10), "0 1 1 2 3 5 8 13 21 34");
  lw_free(p);
  p = lw_pipe(lw_fibonacci());
  while (got < 1480 && (k = lw_pull(p, LW_BATCH)) > 0) {
    memcpy(v + got, lw_pipe_buf(p), (size_t)k * sizeof(double));
    got += k;
  }
  CHECK(got >= 1480);
  CHECK_NUM(v[78], 8944394323791464.0);                           /* exact below 2^53 */
  CHECK(isfinite(v[1476]) && v[1476] > 1e308);                    /* the largest finite one */
  CHECK_NUM(v[1477], INFINITY);                                   /* then Infinity, never NaN */
  CHECK_NUM(v[1479], INFINITY);
  lw_free(p);
}

/* xoshiro256** (Blackman, Vigna) seeded by SplitMix64, from the published reference code. */
static uint64_t ref_s[4];
static uint64_t ref_rotl (uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
static uint64_t ref_splitmix (uint64_t *x) {
  uint64_t z = (*x += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}
static void ref_seed (uint64_t seed) { int i; for (i = 0; i < 4; i++) ref_s[i] = ref_splitmix(&seed); }
static double ref_next (void) {
  uint64_t r = ref_rotl(ref_s[1] * 5, 7) * 9, t = ref_s[1] << 17;
  ref_s[2] ^= ref_s[0]; ref_s[3] ^= ref_s[1]; ref_s[1] ^= ref_s[2]; ref_s[0] ^= ref_s[3];
  ref_s[2] ^= t;
  ref_s[3] = ref_rotl(ref_s[3], 45);
  return (double)(r >> 11) * 0x1.0p-53;
}

static void test_random (void) {
  uint64_t x = 0;
  double a[512], b[512];
  int i, same = 1, inrange = 1;
  lw_Pipe *p, *q;
  CHECK(ref_splitmix(&x) == 0xe220a8397b1dcdafull);               /* the reference's known first output */

  p = lw_pipe(lw_random(0, 42));
  CHECK_INT(lw_observable(p), 0);
  CHECK_INT(lw_pull(p, LW_BATCH), LW_BATCH);
  memcpy(a, lw_pipe_buf(p), LW_BATCH * sizeof(double));
  CHECK_INT(lw_pull(p, 100), 100);                                /* a stream: split pulls continue it */
  memcpy(a + 256, lw_pipe_buf(p), 100 * sizeof(double));
  lw_free(p);
  ref_seed(42);
  for (i = 0; i < 356; i++) { b[i] = ref_next(); same &= hs_bits(a[i]) == hs_bits(b[i]); inrange &= a[i] >= 0 && a[i] < 1; }
  CHECK(same);
  CHECK(inrange);

  /* the seed is hi * 2^32 + lo */
  p = lw_pipe(lw_random(1, 0));
  q = lw_pipe(lw_random(0, 1));
  CHECK_INT(lw_pull(p, 8), 8);
  CHECK_INT(lw_pull(q, 8), 8);
  ref_seed(1ull << 32);
  for (i = 0, same = 1; i < 8; i++) same &= lw_num(lw_pipe_buf(p)[i]) == ref_next();
  CHECK(same);
  CHECK(lw_num(lw_pipe_buf(p)[0]) != lw_num(lw_pipe_buf(q)[0]));
  lw_free(p);
  lw_free(q);
  p = lw_pipe(lw_random(0xFFFFFFFFu, 0xFFFFFFFFu));
  CHECK_INT(lw_pull(p, 4), 4);
  ref_seed(~0ull);
  CHECK_NUM(lw_num(lw_pipe_buf(p)[0]), ref_next());
  lw_free(p);
}

static void test_host_iterator (void) {
  double vals[5] = { 1, 2, 3, 4, 5 };
  hs_Source s = hs_gen("s", vals, 5);
  lw_Pipe *p = lw_pipe(hs_node(&s, 0));
  CHECK_INT(lw_observable(p), 1);
  CHECK_STR(hs_pull(p, 2), "1 2");
  CHECK_INT(s.nexts, 2);                                          /* exactly what was asked */
  CHECK_STR(hs_pull(p, 10), "3 4 5");
  CHECK_INT(s.nexts, 6);                                          /* three values and the end */
  CHECK_STR(hs_pull(p, 10), "");
  CHECK_INT(s.nexts, 6);                                          /* a finished source is not asked again */
  CHECK_INT(s.fills, 3);                                          /* the last fill found it finished */
  CHECK_INT(lw_close(p, 0), LW_OK);
  CHECK_INT(s.closes, 0);                                         /* nor closed */
  lw_free(p);
  CHECK_INT(s.released, 1);                                       /* the adapter's handle goes with the node */

  /* closed early: return() once, however often the pipe is closed */
  s = hs_gen("s", vals, 5);
  p = lw_pipe(hs_node(&s, 0));
  CHECK_STR(hs_pull(p, 1), "1");
  CHECK_INT(lw_close(p, 0), LW_OK);
  CHECK_INT(lw_close(p, 0), LW_OK);
  CHECK_INT(lw_close(p, 1), LW_OK);
  CHECK_INT(s.closes, 1);
  CHECK_INT(s.close_calls, 1);
  CHECK_STR(hs_pull(p, 1), "");                                   /* closed: finished */
  CHECK_INT(s.nexts, 1);
  lw_free(p);

  /* a throwing next(): the values of that fill are let go, the error comes out, it is never closed */
  s = hs_gen("s", vals, 5);
  s.objects = 1;
  s.fail_at = 3;
  p = lw_pipe(hs_node(&s, 0));
  CHECK_STR(hs_pull(p, 5), "!-1");
  CHECK_INT(s.nexts, 3);
  CHECK_INT(hs_live(), 1);                                        /* the adapter only */
  CHECK_STR(hs_pull(p, 5), "");
  CHECK_INT(s.nexts, 3);
  CHECK_INT(lw_close(p, 1), LW_OK);
  CHECK_INT(s.closes, 0);
  lw_free(p);

  /* objects: one reference each, handed to the consumer */
  s = hs_gen(NULL, vals, 3);
  s.objects = 1;
  p = lw_pipe(hs_node(&s, 0));
  CHECK_INT(lw_pull(p, 3), 3);
  CHECK(lw_ishandle(lw_pipe_buf(p)[0]) && hs_refs(lw_handle(lw_pipe_buf(p)[0])) == 1);
  CHECK_STR(hs_fmt(lw_pipe_buf(p)[2]), "#3");
  hs_release_all(lw_pipe_buf(p), 3);
  lw_free(p);
  CHECK_INT(hs_live(), 0);

  /* return() that throws: reported by a normal close, ignored by an abrupt one */
  s = hs_gen("s", vals, 5);
  s.close_fails = 1;
  p = lw_pipe(hs_node(&s, 0));
  CHECK_STR(hs_pull(p, 1), "1");
  CHECK_INT(lw_close(p, 0), LW_EHOST);
  CHECK_INT(lw_close(p, 0), LW_OK);                               /* once */
  lw_free(p);
  s = hs_gen("s", vals, 5);
  s.close_fails = 1;
  p = lw_pipe(hs_node(&s, 0));
  CHECK_STR(hs_pull(p, 1), "1");
  CHECK_INT(lw_close(p, 1), LW_OK);
  CHECK_INT(s.abrupt, 1);
  lw_free(p);

  /* an infinite iterator */
  s = hs_gen(NULL, NULL, -1);
  p = lw_pipe(hs_node(&s, 0));
  CHECK_INT(lw_pull(p, LW_BATCH), LW_BATCH);
  CHECK_INT(lw_pull(p, 7), 7);
  CHECK_NUM(lw_num(lw_pipe_buf(p)[6]), 262);
  CHECK_INT(s.nexts, 263);
  lw_free(p);
}

static void test_host_array (void) {
  double vals[6] = { 1, 2, 3, 4, 5, 6 };
  hs_Source s = hs_arr(vals, 6);
  lw_Pipe *p = lw_pipe(hs_node(&s, 1));
  CHECK_INT(lw_observable(p), 0);
  CHECK_STR(hs_pull(p, LW_BATCH), "1 2 3 4 5 6");                 /* one fill, a whole batch */
  CHECK_INT(s.fills, 1);
  CHECK_INT(s.max_cap, LW_BATCH);
  CHECK_STR(hs_pull(p, LW_BATCH), "");
  CHECK_INT(lw_close(p, 0), LW_OK);
  lw_free(p);

  /* a numeric source's NaNs are made canonical, whatever their bits: a NaN that looks
     like a handle must never become one; -0 and the infinities stay as they are */
  {
    uint64_t bits[7] = { 0x7FF4000000000005ull, 0xFFF8000000000000ull, 0x7FF8000000000001ull,
                         0x7FFFFFFFFFFFFFFFull, 0x8000000000000000ull, 0x7FF0000000000000ull,
                         0xFFF0000000000000ull };
    double raw[7];
    lw_Slot *b;
    memcpy(raw, bits, sizeof raw);
    s = hs_arr(raw, 7);
    s.raw = 1;
    p = lw_pipe(hs_node(&s, 1));
    CHECK_INT(lw_pull(p, LW_BATCH), 7);
    b = lw_pipe_buf(p);
    CHECK(b[0] == LW_CANON_NAN && b[1] == LW_CANON_NAN && b[2] == LW_CANON_NAN && b[3] == LW_CANON_NAN);
    CHECK(b[4] == 0x8000000000000000ull && b[5] == 0x7FF0000000000000ull && b[6] == 0xFFF0000000000000ull);
    CHECK(!lw_ishandle(b[0]));
    lw_free(p);
    CHECK_INT(hs_live(), 0);
  }
}

static void test_iterate (void) {
  hs_Callback c = hs_cb("f", hs_square);
  lw_Slot *args = lw_args();
  lw_Pipe *p;

  args[0] = lw_mknum(2);
  p = lw_pipe(lw_recurrence(args, 1, hs_callback(&c)));
  CHECK_INT(lw_observable(p), 1);
  CHECK_STR(hs_pull(p, 1), "2");
  CHECK_INT(c.calls, 0);                                          /* the seed needs no call */
  CHECK_STR(hs_pull(p, 1), "4");
  CHECK_INT(c.calls, 1);                                          /* one call per value wanted, never ahead */
  CHECK_STR(hs_pull(p, 2), "16 256");
  CHECK_INT(c.calls, 3);
  CHECK(c.idx[0] == 0 && c.idx[1] == 1 && c.idx[2] == 2);         /* fn(x, i) */
  lw_free(p);
  CHECK_INT(c.released, 1);

  /* an object seed: values are objects; the current one is held and let go */
  c = hs_cb(NULL, hs_add_index);
  args[0] = hs_objslot(10);
  p = lw_pipe(lw_recurrence(args, 1, hs_callback(&c)));
  CHECK_STR(hs_pull(p, 4), "#10 #10 #11 #13");
  CHECK_INT(hs_live(), 2);                                        /* fn and the current value */
  lw_free(p);
  CHECK_INT(hs_live(), 0);

  /* never pulled: the seed is still released */
  c = hs_cb(NULL, hs_square);
  args[0] = hs_objslot(3);
  p = lw_pipe(lw_recurrence(args, 1, hs_callback(&c)));
  lw_free(p);
  CHECK_INT(hs_live(), 0);

  /* a throwing fn: values made before the throw in that pull are let go */
  c = hs_cb(NULL, hs_add_index);
  c.fail_at = 3;
  args[0] = hs_objslot(1);
  p = lw_pipe(lw_recurrence(args, 1, hs_callback(&c)));
  CHECK_STR(hs_pull(p, 1), "#1");
  CHECK_STR(hs_pull(p, 5), "!-1");
  CHECK_INT(c.calls, 3);
  CHECK_STR(hs_pull(p, 5), "");
  CHECK_INT(c.calls, 3);
  lw_free(p);
  CHECK_INT(hs_live(), 0);

  /* compiled over a number: runs in the core, unobservable, numeric */
  {
    lw_Prog *prog = hs_compile("x => x * 2", 0, 2);
    c = hs_cb(NULL, hs_square);
    c.fail_at = 1;                                                /* fails if JS is ever called */
    args[0] = lw_mknum(1);
    lw_use_prog(prog);
    p = lw_pipe(lw_recurrence(args, 1, hs_callback(&c)));
    CHECK_INT(lw_observable(p), 0);
    CHECK_STR(hs_pull(p, 6), "1 2 4 8 16 32");
    CHECK_INT(lw_pull(p, LW_BATCH), LW_BATCH);
    CHECK_NUM(lw_num(lw_pipe_buf(p)[255]), ldexp(1, 6 + 255));
    CHECK_INT(c.calls, 0);
    lw_free(p);
    /* the same program from an object seed goes through JS */
    c = hs_cb(NULL, hs_square);
    args[0] = hs_objslot(3);
    lw_use_prog(prog);
    p = lw_pipe(lw_recurrence(args, 1, hs_callback(&c)));
    CHECK_INT(lw_observable(p), 1);
    CHECK_STR(hs_pull(p, 3), "#3 #9 #81");
    CHECK_INT(c.calls, 2);
    lw_free(p);
    lw_prog_release(prog);
  }
}

static void test_recurrence (void) {
  hs_Callback c;
  lw_Slot seeds[LW_RECUR_MAX + 1];
  lw_Pipe *p;
  int i;

  /* two seeds, a JS fn(a, b, i): one call per value wanted, after the seeds */
  c = hs_cb(NULL, NULL);
  c.f2 = hs_add;   /* a + b */
  seeds[0] = lw_mknum(0); seeds[1] = lw_mknum(1);
  p = lw_pipe(lw_recurrence(seeds, 2, hs_callback(&c)));
  CHECK_INT(lw_observable(p), 1);
  CHECK_STR(hs_pull(p, 1), "0");
  CHECK_STR(hs_pull(p, 1), "1");
  CHECK_INT(c.calls, 0);
  CHECK_STR(hs_pull(p, 3), "1 2 3");
  CHECK_INT(c.calls, 3);
  CHECK_INT(c.modes[LW_CALL_SCAN], 3);
  lw_free(p);
  CHECK_INT(c.released, 1);

  /* three seeds: one call with the last three values (tribonacci) */
  c = hs_cb(NULL, NULL);
  c.f2 = hs_add;
  seeds[0] = lw_mknum(0); seeds[1] = lw_mknum(0); seeds[2] = lw_mknum(1);
  p = lw_pipe(lw_recurrence(seeds, 3, hs_callback(&c)));
  CHECK_STR(hs_pull(p, 7), "0 0 1 1 2 4 7");
  CHECK_INT(c.modes[LW_CALL_APPLY], 4);
  CHECK(c.idx[0] == 0 && c.idx[3] == 3);
  lw_free(p);

  /* object values are held while they are among the last k, and let go */
  c = hs_cb(NULL, NULL);
  c.f2 = hs_add;
  seeds[0] = hs_objslot(1); seeds[1] = lw_mknum(2); seeds[2] = hs_objslot(3);
  p = lw_pipe(lw_recurrence(seeds, 3, hs_callback(&c)));
  CHECK_STR(hs_pull(p, 5), "#1 2 #3 #6 #11");
  CHECK_INT(hs_live(), 4);   /* fn, and the objects among the last three (#3, #6, #11) */
  lw_free(p);
  CHECK_INT(hs_live(), 0);

  /* a throwing fn: the values of that pull are let go, and nothing is called again */
  for (i = 2; i <= 3; i++) {
    c = hs_cb(NULL, NULL);
    c.f2 = hs_add;
    c.fail_at = 2;
    seeds[0] = hs_objslot(1); seeds[1] = hs_objslot(2);
    if (i == 3) seeds[2] = hs_objslot(3);
    p = lw_pipe(lw_recurrence(seeds, i, hs_callback(&c)));
    CHECK_STR(hs_pull(p, 8), "!-1");
    CHECK_INT(c.calls, 2);
    CHECK_STR(hs_pull(p, 8), "");
    lw_free(p);
    CHECK_INT(hs_live(), 0);
  }

  /* never pulled: the seeds are let go */
  c = hs_cb(NULL, hs_square);
  for (i = 0; i < LW_RECUR_MAX; i++) seeds[i] = hs_objslot(i);
  p = lw_pipe(lw_recurrence(seeds, LW_RECUR_MAX, hs_callback(&c)));
  lw_free(p);
  CHECK_INT(hs_live(), 0);
  /* no seeds, or too many: refused (the caller still owns them) */
  seeds[0] = lw_mknum(1);
  CHECK(lw_recurrence(seeds, 0, 0) == NULL);
  CHECK(lw_recurrence(seeds, LW_RECUR_MAX + 1, 0) == NULL);

  /* compiled over two numbers: in the core, unobservable, ahead in batches */
  {
    lw_Prog *prog = hs_compile("(a, b, i) => (a + b) % 1000 + i", 0, 3);
    double a = 0, b = 1, v;
    c = hs_cb(NULL, hs_square);
    c.fail_at = 1;   /* fails if JS is ever called */
    seeds[0] = lw_mknum(0); seeds[1] = lw_mknum(1);
    lw_use_prog(prog);
    p = lw_pipe(lw_recurrence(seeds, 2, hs_callback(&c)));
    CHECK_INT(lw_observable(p), 0);
    CHECK_STR(hs_pull(p, 6), "0 1 1 3 6 12");   /* 1+0, 2+1, 4+2, 9+3 */
    a = 6; b = 12;
    CHECK_INT(lw_pull(p, LW_BATCH), LW_BATCH);
    for (i = 0; i < LW_BATCH; i++) { v = fmod(a + b, 1000) + (i + 4); a = b; b = v; }
    CHECK_NUM(lw_num(lw_pipe_buf(p)[LW_BATCH - 1]), v);
    CHECK_INT(c.calls, 0);
    lw_free(p);
    /* an object seed: through JS, with the same program */
    c = hs_cb(NULL, NULL);
    c.f2 = hs_add;
    seeds[0] = hs_objslot(5); seeds[1] = lw_mknum(1);
    lw_use_prog(prog);
    p = lw_pipe(lw_recurrence(seeds, 2, hs_callback(&c)));
    CHECK_INT(lw_observable(p), 1);
    CHECK_STR(hs_pull(p, 3), "#5 1 #6");
    lw_free(p);
    /* three seeds never use a program */
    c = hs_cb(NULL, NULL);
    c.f2 = hs_add;
    seeds[0] = lw_mknum(0); seeds[1] = lw_mknum(1); seeds[2] = lw_mknum(2);
    lw_use_prog(prog);
    p = lw_pipe(lw_recurrence(seeds, 3, hs_callback(&c)));
    CHECK_INT(lw_observable(p), 1);
    CHECK_STR(hs_pull(p, 4), "0 1 2 3");
    CHECK_INT(c.calls, 1);
    lw_free(p);
    lw_prog_release(prog);
  }
  CHECK_INT(hs_live(), 0);
}

static void test_empty (void) {
  lw_Pipe *p = lw_pipe(lw_empty());
  CHECK_INT(lw_observable(p), 0);
  CHECK_INT(lw_pull(p, 5), 0);
  CHECK_INT(lw_pull(p, 5), 0);
  CHECK_INT(lw_close(p, 0), LW_OK);
  CHECK_INT(lw_sum(p), 0);
  CHECK_NUM(lw_num(*lw_pipe_res(p)), 0);
  lw_free(p);
}

int main (void) {
  test_range();
  test_repeat();
  test_fibonacci();
  test_random();
  test_host_iterator();
  test_host_array();
  test_iterate();
  test_recurrence();
  test_empty();
  return hs_finish();
}
