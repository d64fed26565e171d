/*
** sink.c
** Terminal operations that run no user code, so they read whole batches.
** Each returns a status; on LW_ETYPE '*res' holds the offending value (owned).
** Those that stop early (nth, includes) close the pipeline as TC39's
** find/some do.
*/
#include <math.h>

#include "lwops.h"

/* A non-number at buf[i]: hand it over in *res, drop the rest of the batch. */
static int not_a_number (lw_Slot *buf, int i, int k, lw_Slot *res) {
  *res = buf[i];
  lwS_releaseall(buf + i + 1, k - i - 1);
  return LW_ETYPE;
}

/*
** How many values the numbers-only sinks read at a time. They stop at the
** first value that is not a number, so from an observable pipeline that may
** hold one they read one by one: nothing runs past the offending value.
*/
static int numbers_cap (const lw_Node *n) {
  return n->observable && !n->numeric ? 1 : LW_BATCH;
}

/*
** Left-to-right sum from 0, the same double as reduce((a, b) => a + b, 0).
** sum, count, min, max and last start from what '*res' and '*count' hold (a
** new pipe's are 0) and store their progress there at every return.
*/
int lwK_sum (lw_Node *n, lw_Slot *res, double *count) {
  lw_Slot buf[LW_BATCH];
  double c = *count, acc = c > 0 ? lw_num(*res) : 0;
  int k, i, cap = numbers_cap(n);
  while ((k = lwN_pull(n, buf, cap)) > 0) {
    const double *d = (const double *)buf;
    if (n->numeric) for (i = 0; i < k; i++) acc += d[i];   /* known numbers: no checks */
    else for (i = 0; i < k; i++) {
      if (lw_ishandle(buf[i])) return not_a_number(buf, i, k, res);
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
    lwS_releaseall(buf, k);
    c += k;
  }
  *count = c;
  return k;
}

/* Math.max / Math.min over the values: NaN wins, and +0 > -0. */
int lwK_minmax (lw_Node *n, int max, lw_Slot *res, double *count) {
  lw_Slot buf[LW_BATCH];
  double c = *count, r = c > 0 ? lw_num(*res) : max ? -1.0 / 0.0 : 1.0 / 0.0;
  int k, i, cap = numbers_cap(n);
  while ((k = lwN_pull(n, buf, cap)) > 0) {
    for (i = 0; i < k; i++) {
      double x;
      if (lw_ishandle(buf[i])) return not_a_number(buf, i, k, res);
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
