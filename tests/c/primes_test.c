/*
** primes_test.c
** primes() (primes.c): the segmented sieve against a plain sieve across many
** segments, against a deterministic Miller-Rabin test far out, starting
** points, the end below 2^53, pulls of every size, and its memory.
*/
#include <math.h>

#include "host_stub.h"
#include "lwnum.h"

/* Deterministic Miller-Rabin for 64-bit n (these bases are exact below 3.3e24). */
static uint64_t mulmod (uint64_t a, uint64_t b, uint64_t m) { return (uint64_t)((unsigned __int128)a * b % m); }

static uint64_t powmod (uint64_t a, uint64_t e, uint64_t m) {
  uint64_t r = 1;
  for (a %= m; e; e >>= 1, a = mulmod(a, a, m)) if (e & 1) r = mulmod(r, a, m);
  return r;
}

static int is_prime (uint64_t n) {
  static const uint64_t bases[] = { 2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37 };
  uint64_t d = n - 1;
  int s = 0, i, j;
  if (n < 2) return 0;
  for (i = 0; i < 12; i++) if (n % bases[i] == 0) return n == bases[i];
  while (d % 2 == 0) { d /= 2; s++; }
  for (i = 0; i < 12; i++) {
    uint64_t x = powmod(bases[i], d, n);
    if (x == 1 || x == n - 1) continue;
    for (j = 1; j < s && x != n - 1; j++) x = mulmod(x, x, n);
    if (x != n - 1) return 0;
  }
  return 1;
}

static void test_first (void) {
  lw_Pipe *p = lw_pipe(lw_primes(2));
  CHECK_INT(lw_observable(p), 0);
  CHECK_STR(hs_pull(p, 10), "2 3 5 7 11 13 17 19 23 29");
  CHECK_STR(hs_pull(p, 1), "31");
  CHECK_STR(hs_pull(p, 3), "37 41 43");
  lw_free(p);
}

/* Every prime below 3 million (six segments) against a plain sieve, pulled in uneven batches. */
static void test_against_sieve (void) {
  enum { N = 3000000 };
  char *composite = (char *)calloc(N, 1);
  lw_Pipe *p = lw_pipe(lw_primes(0));
  uint64_t i, j, want = 2;
  int bad = 0, count = 0, cap = 1;
  if (composite == NULL) abort();
  for (i = 2; i * i < N; i++)
    if (!composite[i]) for (j = i * i; j < N; j += i) composite[j] = 1;
  while (want < N) {
    int k = lw_pull(p, cap), m;
    const double *d = (const double *)lw_pipe_buf(p);
    CHECK_INT(k, cap);
    for (m = 0; m < k; m++) {
      while (want < N && composite[want]) want++;
      if (want < N && d[m] != (double)want) bad++;
      if (want < N) count++;
      want++;
    }
    cap = cap % LW_BATCH + 37;
    if (cap > LW_BATCH) cap = 1;
  }
  CHECK_INT(bad, 0);
  CHECK_INT(count, 216816);   /* pi(3 * 10^6) */
  lw_free(p);
  free(composite);
}

/* From 'from' on: 'n' values, each prime, none missed in between (Miller-Rabin). */
static void check_from (double from, int n) {
  lw_Pipe *p = lw_pipe(lw_primes(from));
  const double *d = (const double *)lw_pipe_buf(p);
  uint64_t x = from < 0 ? 0 : (uint64_t)ceil(from);   /* from on: a fraction rounds up */
  int k = lw_pull(p, n), i, bad = 0;
  CHECK_INT(k, n);
  for (i = 0; i < k; i++) {
    while (!is_prime(x)) x++;
    if (d[i] != (double)x) bad++;
    x++;
  }
  if (bad) fprintf(stderr, "primes from %.17g: %d wrong\n", from, bad);
  CHECK_INT(bad, 0);
  lw_free(p);
}

static void test_from (void) {
  static const double froms[] = { -5, 0, 1, 2, 3, 4, 5, 2.5, 1e6, 524287, 524288, 524289, 1048575, 1048577,
                                  4294967291.0, 4294967296.0, 1e12, 1e15 + 3, 123456789012345.0 };
  size_t i;
  for (i = 0; i < sizeof froms / sizeof *froms; i++) check_from(froms[i], 200);

  /* a prime itself is included; a fraction rounds up */
  {
    lw_Pipe *p = lw_pipe(lw_primes(7));
    CHECK_STR(hs_pull(p, 3), "7 11 13");
    lw_free(p);
    p = lw_pipe(lw_primes(7.5));
    CHECK_STR(hs_pull(p, 2), "11 13");
    lw_free(p);
    p = lw_pipe(lw_primes(-INFINITY));
    CHECK_STR(hs_pull(p, 2), "2 3");
    lw_free(p);
  }
}

/* The sequence ends below 2^53: the last primes there, then nothing, and it stays finished. */
static void test_end (void) {
  lw_Pipe *p = lw_pipe(lw_primes(9007199254740992.0 - 300));
  CHECK_STR(hs_drain(p, 2), "9007199254740727 9007199254740761 9007199254740847 9007199254740881");
  CHECK_INT(lw_pull(p, 5), 0);
  lw_free(p);
  p = lw_pipe(lw_primes(9007199254740992.0));
  CHECK_STR(hs_drain(p, LW_BATCH), "");
  lw_free(p);
  p = lw_pipe(lw_primes(INFINITY));
  CHECK_STR(hs_drain(p, LW_BATCH), "");
  lw_free(p);
}

/* The 10^6-th prime, and memory that does not grow with how many were taken. */
static void test_far (void) {
  lw_Pipe *p = lw_pipe(lw_primes(2));
  size_t mem;
  CHECK_INT(lw_nth(p, 1e5 - 1), LW_OK);
  CHECK_NUM(lw_num(*lw_pipe_res(p)), 1299709);
  lw_free(p);
  p = lw_pipe(lw_primes(2));
  CHECK_INT(lw_nth(p, 1e5), LW_OK);
  mem = (size_t)lw_mem_used();
  lw_free(p);
  p = lw_pipe(lw_take(lw_primes(2), 1e6));
  CHECK_INT(lw_last(p), LW_OK);
  CHECK_NUM(lw_num(*lw_pipe_res(p)), 15485863);
  CHECK((size_t)lw_mem_used() < mem + 8192);   /* ten times the primes, a few more base primes */
  lw_free(p);
}

int main (void) {
  test_first();
  test_against_sieve();
  test_from();
  test_end();
  test_far();
  return hs_finish();
}
