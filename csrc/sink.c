/*
** sink.c
** Terminal operations that run no user code, so they read whole batches.
** Each returns a status; on LW_ETYPE '*res' holds the offending value (owned).
** Those that stop early (nth, includes) close the pipeline as TC39's
** find/some do.
*/
#include <math.h>

#include "lwops.h"
#include "lwnum.h"

/* A non-number at buf[i]: hand it over in *res, drop the rest of the batch. */
static int not_a_number (lw_Slot *buf, int i, int k, lw_Slot *res) {
  *res = buf[i];
  lwS_releaseall(buf + i + 1, k - i - 1);
  return LW_ETYPE;
}

/*
** A handle at buf[i] where a number was expected. Where BigInts are allowed
** (sum, min, max), a BigInt after numbers is LW_EMIX rather than LW_ETYPE.
*/
static int wrong_value (lw_Slot *buf, int i, int k, lw_Slot *res, int bigints) {
  int status = bigints && lwB_isbigint(lw_handle(buf[i])) ? LW_EMIX : LW_ETYPE;
  not_a_number(buf, i, k, res);
  return status;
}

/* Whether buf[i] is the first value of all and a BigInt: then bigsink.c takes over. */
static int starts_bigints (const lw_Slot *buf, int i, double c) {
  return c == 0 && i == 0 && lwB_isbigint(lw_handle(buf[0]));
}

/*
** How many values the numbers-only sinks read at a time. They stop at the
** first value that is not a number, so from an observable pipeline that may
** hold one they read one by one: nothing runs past the offending value.
*/
static int numbers_cap (lw_Node *n) {
  if (!n->observable || n->numeric) return LW_BATCH;
  if (n->stops_nn) { n->stop = LW_STOP_CHANGE; return LW_BATCH; }   /* it ends its batches at a change of type */
  return 1;
}

/*
** Resuming a BigInt sum, min or max after LW_NEEDMORE: the progress so far is
** a BigInt in '*res'. 1 when that is the case (and the rest is done).
*/
static int resume_bigints (lw_Node *n, int max, int cap, lw_Slot *res, double *count, int *st) {
  lw_Slot buf[LW_BATCH];
  int k;
  if (*count == 0 || !lw_ishandle(*res)) return 0;
  k = lwN_pull(n, buf, cap);
  if (k > 0) *st = max < 0 ? lwK_bigsum(n, buf, k, cap, res, count) : lwK_bigminmax(n, max, buf, k, cap, res, count);
  else {
    if (k < 0 && k != LW_NEEDMORE) lw_release(*res);
    *st = k;
  }
  return 1;
}

/*
** Left-to-right sum from 0, the same double as reduce((a, b) => a + b, 0).
** With 'bigints', a sequence of BigInts has their exact BigInt sum.
** sum, count, min, max and last start from what '*res' and '*count' hold (a
** new pipe's are 0) and store their progress there at every return, so after
** LW_NEEDMORE (an async source) the same call on the same pipe resumes.
*/
int lwK_sum (lw_Node *n, int bigints, lw_Slot *res, double *count) {
  lw_Slot buf[LW_BATCH];
  double c = *count, acc = c > 0 ? lw_num(*res) : 0;
  int k, i, cap = numbers_cap(n);
  if (bigints && resume_bigints(n, -1, cap, res, count, &k)) return k;
  if (n->numeric) {   /* known numbers: no checks, and a map may add its results as it makes them */
    while ((k = lwN_addto(n, buf, cap, &acc)) > 0) c += k;
  }
  else while ((k = lwN_pull(n, buf, cap)) > 0) {
    const double *d = (const double *)buf;
    for (i = 0; i < k; i++) {
      if (lw_ishandle(buf[i])) {
        if (bigints && starts_bigints(buf, i, c)) return lwK_bigsum(n, buf, k, cap, res, count);
        return wrong_value(buf, i, k, res, bigints);
      }
      acc += d[i];
    }
    c += k;
  }
  *res = lw_mknum(acc);
  *count = c;
  return k;
}

int lwK_count (lw_Node *n, double *count) {
  lw_Slot buf[LW_BATCH];
  double c = *count;
  int k;
  while ((k = lwN_pull(n, buf, LW_BATCH)) > 0) {
    if (!n->numeric) lwS_releaseall(buf, k);   /* numbers hold nothing to release */
    c += k;
  }
  *count = c;
  return k;
}

/* Math.max / Math.min over the values: NaN wins, and +0 > -0. BigInts: the least or greatest. */
int lwK_minmax (lw_Node *n, int max, lw_Slot *res, double *count) {
  lw_Slot buf[LW_BATCH];
  double c = *count, r = c > 0 ? lw_num(*res) : max ? -1.0 / 0.0 : 1.0 / 0.0;
  int k, i, cap = numbers_cap(n);
  if (resume_bigints(n, max, cap, res, count, &k)) return k;
  while ((k = lwN_pull(n, buf, cap)) > 0) {
    for (i = 0; i < k; i++) {
      double x;
      if (lw_ishandle(buf[i])) {
        if (starts_bigints(buf, i, c)) return lwK_bigminmax(n, max, buf, k, cap, res, count);
        return wrong_value(buf, i, k, res, 1);
      }
      x = lw_num(buf[i]);
      if (r != r) continue;                  /* NaN wins */
      if (x != x || (max ? x > r : x < r)) r = x;
      else if (x == 0 && r == 0 && signbit(x) != signbit(r)) r = max ? 0.0 : -0.0;
    }
    c += k;
  }
  *res = lw_mknum(r);
  *count = c;
  return k;
}

int lwK_last (lw_Node *n, lw_Slot *res, double *count) {
  lw_Slot buf[LW_BATCH];
  double c = *count;
  int k;
  while ((k = lwN_pull(n, buf, LW_BATCH)) > 0) {
    if (c > 0) lw_release(*res);
    lwS_releaseall(buf, k - 1);
    *res = buf[k - 1];
    c += k;
  }
  if (k < 0 && k != LW_NEEDMORE && c > 0) lw_release(*res);
  *count = c;
  return k;
}

/* The value at 'index' (counting from 0), if there is one; then close. */
int lwK_nth (lw_Node *n, double index, lw_Slot *res, double *count) {
  lw_Slot buf[LW_BATCH];
  int k;
  *count = 0;
  while (index > 0) {
    k = lwN_pull(n, buf, index < LW_BATCH ? (int)index : LW_BATCH);
    if (k <= 0) return k;
    lwS_releaseall(buf, k);
    index -= k;
  }
  k = lwN_pull(n, res, 1);
  if (k <= 0) return k;
  *count = 1;
  k = lwN_close(n, 0);
  if (k < 0) lw_release(*res);
  return k;
}

/*
** Whether a value SameValueZero to '*res' comes; then close. With an
** observable pipeline values are read one at a time, so nothing runs past
** the first match. '*res' is borrowed (the wrapper still owns it).
*/
int lwK_includes (lw_Node *n, lw_Slot *res, double *found) {
  lw_Slot buf[LW_BATCH];
  int k, i, cap = n->observable ? 1 : LW_BATCH;
  *found = 0;
  while ((k = lwN_pull(n, buf, cap)) > 0) {
    for (i = 0; i < k && !*found; i++) *found = lwS_same(*res, buf[i]);
    lwS_releaseall(buf, k);
    if (*found) return lwN_close(n, 0);
  }
  return k;
}

/* Every value into one array of doubles (toFloat64Array). */
int lwK_collect (lw_Node *n, double **data, double *len, lw_Slot *res) {
  lw_Slot buf[LW_BATCH];
  double *p = NULL, *q;
  size_t used = 0, room = 0;
  int k, i, cap = numbers_cap(n);
  while ((k = lwN_pull(n, buf, cap)) > 0) {
    if (used + (size_t)k > room) {
      room = room ? room * 2 : 1024;
      q = (double *)lwM_alloc(room * sizeof(double));
      if (q == NULL) { lwS_releaseall(buf, k); k = LW_ENOMEM; break; }
      if (used) memcpy(q, p, used * sizeof(double));
      lwM_free(p);
      p = q;
    }
    for (i = 0; i < k; i++) {
      if (lw_ishandle(buf[i])) { lwM_free(p); return not_a_number(buf, i, k, res); }
      p[used++] = lw_num(buf[i]);
    }
  }
  if (k < 0) { lwM_free(p); return k; }
  *data = p;
  *len = (double)used;
  return LW_OK;
}
