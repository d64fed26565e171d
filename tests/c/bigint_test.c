/*
** bigint_test.c
** Exact integers (bigint.c, bigsrc.c, bigsink.c): lw_Big arithmetic against
** __int128, the trip through the host, BigInt range/count and Fibonacci
** against independent decimal computations, and sum/min/max over BigInts.
*/
#include "host_stub.h"
#include "lwnum.h"

/* ---- lw_Big against __int128 ---- */

static void set128 (lw_Big *b, __int128 v) {
  unsigned __int128 m = v < 0 ? -(unsigned __int128)v : (unsigned __int128)v;
  CHECK_INT(lwB_reserve(b, 4), LW_OK);
  b->n = 0;
  while (m) { b->d[b->n++] = (uint32_t)m; m >>= 32; }
  b->neg = v < 0;
}

static __int128 get128 (const lw_Big *b) {
  unsigned __int128 m = 0;
  uint32_t i;
  for (i = b->n; i-- > 0;) m = (m << 32) | b->d[i];
  return b->neg ? -(__int128)m : (__int128)m;
}

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint64_t next (void) {   /* xorshift64 */
  rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17;
  return rng;
}

/* Random values below 2^100 in size, biased to limb edges: all-ones and zero limbs make carries and borrows. */
static __int128 random128 (void) {
  static const uint32_t edge[] = { 0, 1, 0xFFFFFFFFu, 0x80000000u, 0xFFFFFFFEu };
  unsigned __int128 m = 0;
  int limbs = (int)(next() % 4), i;
  for (i = 0; i < limbs; i++) {
    uint32_t w = next() % 3 == 0 ? edge[next() % 5] : (uint32_t)next();
    m = (m << 32) | w;
  }
  if (limbs == 3) m &= ((unsigned __int128)1 << 100) - 1;
  return next() % 2 ? -(__int128)m : (__int128)m;
}

static void test_arithmetic (void) {
  lw_Big a = { NULL, 0, 0, 0 }, b = { NULL, 0, 0, 0 }, r = { NULL, 0, 0, 0 };
  int i, bad = 0;
  for (i = 0; i < 20000; i++) {
    __int128 x = random128(), y = random128();
    set128(&a, x);
    set128(&b, y);
    CHECK_INT(lwB_add(&r, &a, &b), LW_OK);
    if (get128(&r) != x + y) bad++;
    if (r.n > 0 && r.d[r.n - 1] == 0) bad++;           /* normalized */
    if (r.n == 0 && r.neg) bad++;                      /* no negative zero */
    if (lwB_cmp(&a, &b) != (x < y ? -1 : x > y)) bad++;
    CHECK_INT(lwB_add(&a, &a, &b), LW_OK);             /* in place, first operand */
    if (get128(&a) != x + y) bad++;
    set128(&a, x);
    CHECK_INT(lwB_add(&b, &a, &b), LW_OK);             /* in place, second operand */
    if (get128(&b) != x + y) bad++;
  }
  CHECK_INT(bad, 0);

  set128(&a, 5);
  set128(&b, -5);
  CHECK_INT(lwB_add(&r, &a, &b), LW_OK);
  CHECK_INT(r.n, 0);
  CHECK_INT(r.neg, 0);
  CHECK_INT(lwB_cmp(&r, &r), 0);
  CHECK_INT(lwB_copy(&r, &b), LW_OK);
  CHECK(get128(&r) == -5 && lwB_cmp(&r, &b) == 0);
  lwB_free(&a);
  lwB_free(&b);
  lwB_free(&r);
}

/* Reading a handle's BigInt, and making one: the stub's decimal text shows the value. */
static void test_host_trip (void) {
  static const char *values[] = { "0", "1", "-1", "4294967295", "4294967296", "-18446744073709551616",
                                  "123456789012345678901234567890123456789012345678901234567890" };
  lw_Big b = { NULL, 0, 0, 0 };
  size_t i;
  for (i = 0; i < sizeof values / sizeof *values; i++) {
    uint32_t h = hs_bigint(values[i]);
    lw_Slot made;
    char want[128];
    CHECK(lwB_isbigint(h));
    CHECK_INT(lwB_read(&b, h), LW_OK);   /* grows 'b' as needed */
    CHECK_INT(lwB_make(&b, &made), LW_OK);
    snprintf(want, sizeof want, "%sn", values[i]);
    CHECK_STR(hs_fmt(made), want);
    lw_host_release(h);
    lw_release(made);
  }
  {
    uint32_t o = hs_obj(7);
    CHECK(!lwB_isbigint(o));
    CHECK_INT(lwB_read(&b, o), LW_ETYPE);
    lw_host_release(o);
  }
  lwB_free(&b);
}


/* ---- sources ---- */

/* A BigInt range node over decimal arguments ("" for stop: unbounded). */
static lw_Node *bignode (const char *start, const char *stop, const char *step) {
  uint32_t a = hs_bigint(start), b = *stop ? hs_bigint(stop) : 0, s = hs_bigint(step);
  lw_Node *n = lw_bigrange(a, b, s);
  lw_host_release(a);   /* borrowed: the node keeps no handle */
  if (b) lw_host_release(b);
  lw_host_release(s);
  return n;
}

static lw_Pipe *bigrange (const char *start, const char *stop, const char *step) {
  return lw_pipe(bignode(start, stop, step));
}

static void test_range (void) {
  lw_Pipe *p = bigrange("0", "5", "1");
  CHECK_INT(lw_observable(p), 0);
  CHECK_STR(hs_drain(p, LW_BATCH), "0n 1n 2n 3n 4n");
  lw_free(p);
  p = bigrange("10", "0", "-3");
  CHECK_STR(hs_drain(p, LW_BATCH), "10n 7n 4n 1n");
  lw_free(p);
  p = bigrange("0", "10", "-1");   /* the wrong direction */
  CHECK_STR(hs_drain(p, LW_BATCH), "");
  lw_free(p);
  p = bigrange("7", "7", "1");
  CHECK_STR(hs_drain(p, LW_BATCH), "");
  lw_free(p);
  p = bigrange("-2", "3", "2");    /* through zero */
  CHECK_STR(hs_drain(p, LW_BATCH), "-2n 0n 2n");
  lw_free(p);
  p = bigrange("4294967294", "4294967298", "1");   /* across 2^32 */
  CHECK_STR(hs_drain(p, 2), "4294967294n 4294967295n 4294967296n 4294967297n");
  lw_free(p);
  p = bigrange("-18446744073709551614", "-18446744073709551619", "-2");   /* across -2^64, downwards */
  CHECK_STR(hs_drain(p, 1), "-18446744073709551614n -18446744073709551616n -18446744073709551618n");
  lw_free(p);
  p = bigrange("9007199254740990", "9007199254740995", "1");   /* across 2^53 */
  CHECK_STR(hs_drain(p, LW_BATCH), "9007199254740990n 9007199254740991n 9007199254740992n "
                                   "9007199254740993n 9007199254740994n");
  lw_free(p);

  /* pulls continue where the last stopped; one host crossing per pull */
  p = bigrange("100", "", "100000000000000000000");
  hs_bigint_calls = 0;
  CHECK_STR(hs_pull(p, 3), "100n 100000000000000000100n 200000000000000000100n");
  CHECK_STR(hs_pull(p, 1), "300000000000000000100n");
  CHECK_INT(hs_bigint_calls, 2);
  CHECK_INT(lw_pull(p, LW_BATCH), LW_BATCH);       /* count: unbounded */
  CHECK_STR(hs_fmt(lw_pipe_buf(p)[255]), "25900000000000000000100n");
  hs_release_all(lw_pipe_buf(p), LW_BATCH);
  lw_free(p);
  p = bigrange("5", "", "0");                       /* count(5n, 0n): 5n for ever */
  CHECK_STR(hs_pull(p, 3), "5n 5n 5n");
  lw_free(p);
}

/* Decimal addition, to check Fibonacci numbers independently of lw_Big. */
static void decadd (const char *a, const char *b, char *out) {
  char rev[1200];
  int i = (int)strlen(a) - 1, j = (int)strlen(b) - 1, k = 0, carry = 0;
  while (i >= 0 || j >= 0 || carry) {
    int d = carry + (i >= 0 ? a[i--] - '0' : 0) + (j >= 0 ? b[j--] - '0' : 0);
    rev[k++] = (char)('0' + d % 10);
    carry = d / 10;
  }
  for (i = 0; i < k; i++) out[i] = rev[k - 1 - i];
  out[k] = '\0';
}

static void test_fibonacci (void) {
  static char a[1200], b[1200], t[1200], want[1210];
  lw_Pipe *p = lw_pipe(lw_bigfibonacci());
  int i, bad = 0;
  CHECK_INT(lw_observable(p), 0);
  CHECK_STR(hs_pull(p, 12), "0n 1n 1n 2n 3n 5n 8n 13n 21n 34n 55n 89n");
  lw_free(p);

  /* F(0) … F(1200) against decimal-string addition, pulled in uneven batches */
  p = lw_pipe(lw_bigfibonacci());
  strcpy(a, "0");
  strcpy(b, "1");
  for (i = 0; i <= 1200;) {
    int cap = 1 + i % 7 * 40, k = lw_pull(p, cap), j;
    CHECK_INT(k, cap);
    for (j = 0; j < k; j++, i++) {
      snprintf(want, sizeof want, "%sn", a);
      if (strcmp(hs_fmt(lw_pipe_buf(p)[j]), want) != 0) bad++;
      if (i == 1000) CHECK_STR(hs_fmt(lw_pipe_buf(p)[j]),
        "434665576869374564356885276750406258025646605173717804024817290895365554179490518904038798400"
        "79255169295922593080322634775209689623239873322471161642996440906533187938298969649928516003704"
        "476137795166849228875n");
      decadd(a, b, t);
      strcpy(a, b);
      strcpy(b, t);
    }
    hs_release_all(lw_pipe_buf(p), k);
  }
  CHECK_INT(bad, 0);
  lw_free(p);
}

/*
** Far out, a batch of Fibonacci numbers is more words than one host crossing
** takes: the node flushes part-way, and the values must still come in order.
*/
static void test_fibonacci_flush (void) {
  lw_Pipe *p = lw_pipe(lw_bigfibonacci());
  lw_Big x = { NULL, 0, 0, 0 }, y = { NULL, 0, 0, 0 }, z = { NULL, 0, 0, 0 };
  lw_Slot *buf = lw_pipe_buf(p);
  int k, i, bad = 0, calls;
  for (i = 0; i < 20000 / LW_BATCH; i++) {   /* skip to about F(20000), 434 limbs */
    k = lw_pull(p, LW_BATCH);
    hs_release_all(buf, k);
  }
  calls = hs_bigint_calls;
  k = lw_pull(p, LW_BATCH);
  CHECK_INT(k, LW_BATCH);
  CHECK(hs_bigint_calls - calls > 1);   /* flushed part-way */
  for (i = 2; i < k; i++) {             /* F(n) = F(n - 1) + F(n - 2) all along the batch */
    CHECK_INT(lwB_read(&x, lw_handle(buf[i - 2])), LW_OK);
    CHECK_INT(lwB_read(&y, lw_handle(buf[i - 1])), LW_OK);
    CHECK_INT(lwB_read(&z, lw_handle(buf[i])), LW_OK);
    CHECK_INT(lwB_add(&x, &x, &y), LW_OK);
    if (lwB_cmp(&x, &z) != 0) bad++;
  }
  CHECK_INT(bad, 0);
  CHECK(z.n > 400);
  hs_release_all(buf, k);
  lw_free(p);
  lwB_free(&x);
  lwB_free(&y);
  lwB_free(&z);
}


/* ---- sinks ---- */

static void test_sum (void) {
  lw_Pipe *p = bigrange("0", "1000001", "1");
  CHECK_INT(lw_sum(p), LW_OK);
  CHECK_STR(hs_fmt(*lw_pipe_res(p)), "500000500000n");
  CHECK_NUM(lw_pipe_count(p), 1000001);
  lw_release(*lw_pipe_res(p));
  lw_free(p);

  /* sum of n terms from a by d: n a + d n (n - 1) / 2, with 2^64-sized terms */
  p = lw_pipe(lw_take(bignode("18446744073709551616", "", "-36893488147419103232"), 1000));   /* 2^64 by -2^65 */
  CHECK_INT(lw_sum(p), LW_OK);
  /* 1000 * 2^64 - 2^65 * 499500 = 2^64 (1000 - 999000) = -998000 * 2^64 */
  CHECK_STR(hs_fmt(*lw_pipe_res(p)), "-18409850585562132512768000n");
  lw_release(*lw_pipe_res(p));
  lw_free(p);

  /* a number after BigInts: LW_EMIX, the number in res */
  {
    lw_Node *in[2];
    in[0] = bignode("1", "4", "1");
    in[1] = lw_range(7, 9, 1, 1);
    p = lw_pipe(lw_concat(in, 2));
    CHECK_INT(lw_sum(p), LW_EMIX);
    CHECK_STR(hs_fmt(*lw_pipe_res(p)), "7");
    lw_free(p);
    /* a BigInt after numbers: LW_EMIX, the BigInt in res */
    in[0] = lw_range(7, 9, 1, 1);
    in[1] = bignode("1", "4", "1");
    p = lw_pipe(lw_concat(in, 2));
    CHECK_INT(lw_sum(p), LW_EMIX);
    CHECK_STR(hs_fmt(*lw_pipe_res(p)), "1n");
    lw_release(*lw_pipe_res(p));
    lw_free(p);
    /* mean takes numbers only: a BigInt is LW_ETYPE at once */
    p = bigrange("1", "4", "1");
    CHECK_INT(lw_mean(p), LW_ETYPE);
    CHECK_STR(hs_fmt(*lw_pipe_res(p)), "1n");
    lw_release(*lw_pipe_res(p));
    lw_free(p);
  }
}

/* Something else among BigInts is LW_ETYPE; a throwing source is LW_EHOST; nothing leaks either way. */
static void test_sink_errors (void) {
  int m;
  for (m = 0; m < 3; m++) {
    int (*sink) (lw_Pipe *) = m == 0 ? lw_sum : m == 1 ? lw_min : lw_max;
    double objs[] = { 5 };
    hs_Source src = hs_arr(objs, 1), gen = hs_gen(NULL, NULL, -1);
    lw_Node *in[2];
    lw_Pipe *p;
    src.objects = 1;
    in[0] = bignode("1", "300", "1");   /* more than a batch first */
    in[1] = hs_node(&src, 0);
    p = lw_pipe(lw_concat(in, 2));
    CHECK_INT(sink(p), LW_ETYPE);
    CHECK_STR(hs_fmt(*lw_pipe_res(p)), "#5");
    lw_release(*lw_pipe_res(p));
    CHECK_INT(lw_close(p, 1), LW_OK);
    lw_free(p);

    gen.fail_at = 1;                    /* the iterator throws at once, after the BigInts */
    in[0] = bignode("1", "3", "1");
    in[1] = hs_node(&gen, 0);
    p = lw_pipe(lw_concat(in, 2));
    CHECK_INT(sink(p), LW_EHOST);
    CHECK_INT(lw_close(p, 1), LW_OK);
    lw_free(p);
  }
}

static void test_minmax (void) {
  static const char *vals[] = { "5", "-18446744073709551617", "340282366920938463463374607431768211456", "0",
                                "-18446744073709551616", "340282366920938463463374607431768211455" };
  lw_Node *in[6];
  lw_Pipe *p;
  int m, i;
  for (m = 0; m < 2; m++) {
    for (i = 0; i < 6; i++) in[i] = bignode(vals[i], "", "1");   /* one value from each: take(1) */
    for (i = 0; i < 6; i++) in[i] = lw_take(in[i], 1);
    p = lw_pipe(lw_concat(in, 6));
    CHECK_INT(m ? lw_max(p) : lw_min(p), LW_OK);
    CHECK_STR(hs_fmt(*lw_pipe_res(p)), m ? "340282366920938463463374607431768211456n" : "-18446744073709551617n");
    CHECK_NUM(lw_pipe_count(p), 6);
    lw_release(*lw_pipe_res(p));
    lw_free(p);
  }
  p = bigrange("3", "0", "-1");       /* one batch, descending */
  CHECK_INT(lw_min(p), LW_OK);
  CHECK_STR(hs_fmt(*lw_pipe_res(p)), "1n");
  lw_release(*lw_pipe_res(p));
  lw_free(p);
  p = lw_pipe(lw_take(bignode("-5", "", "1"), 1000));   /* several batches, ascending */
  CHECK_INT(lw_max(p), LW_OK);
  CHECK_STR(hs_fmt(*lw_pipe_res(p)), "994n");
  lw_release(*lw_pipe_res(p));
  lw_free(p);
  p = bigrange("1", "5", "1");        /* then a number: LW_EMIX */
  {
    lw_Node *two[2];
    lw_free(p);
    two[0] = bignode("1", "5", "1");
    two[1] = lw_range(0, 1, 1, 1);
    p = lw_pipe(lw_concat(two, 2));
  }
  CHECK_INT(lw_max(p), LW_EMIX);
  CHECK_STR(hs_fmt(*lw_pipe_res(p)), "0");
  lw_free(p);
}

int main (void) {
  test_arithmetic();
  test_host_trip();
  test_range();
  test_fibonacci();
  test_fibonacci_flush();
  test_sum();
  test_sink_errors();
  test_minmax();
  return hs_finish();
}
