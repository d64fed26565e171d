/*
** bigsink.c
** sum, min and max of a sequence of BigInts, exactly: each value's limbs are
** read into C once, added or compared there, and only the result becomes a
** JS BigInt again. sink.c hands over when the first value is a BigInt. A
** number among BigInts is LW_EMIX, as JS's 1n + 1 is a TypeError.
*/
#include "lwnum.h"

/*
** A failure at buf[i]: the offending value goes to '*res' (LW_EMIX,
** LW_ETYPE), or it is let go with the rest of the batch (LW_ENOMEM).
*/
static int failed_at (lw_Slot *buf, int i, int k, int status, lw_Slot *res) {
  if (status == LW_ENOMEM) {
    lwS_releaseall(buf + i, k - i);
    return status;
  }
  *res = buf[i];
  lwS_releaseall(buf + i + 1, k - i - 1);
  return status;
}

/* The BigInt of buf[i] into 'x', or why it is not one. */
static int read_value (lw_Big *x, lw_Slot v) {
  return lw_ishandle(v) ? lwB_read(x, lw_handle(v)) : LW_EMIX;
}

int lwK_bigsum (lw_Node *n, lw_Slot *buf, int k, int cap, lw_Slot *res, double *count) {
  lw_Big acc = { NULL, 0, 0, 0 }, x = { NULL, 0, 0, 0 };
  double c = *count;
  int i, st = LW_OK;
  if (c > 0) {   /* resumed after LW_NEEDMORE: the sum so far is the BigInt in *res */
    st = lwB_read(&acc, lw_handle(*res));
    lw_release(*res);
    if (st < 0) { lwS_releaseall(buf, k); goto done; }
  }
  do {
    for (i = 0; i < k; i++) {
      st = read_value(&x, buf[i]);
      if (st == LW_OK) st = lwB_add(&acc, &acc, &x);
      if (st < 0) { st = failed_at(buf, i, k, st, res); goto done; }
      lw_release(buf[i]);
    }
    c += k;
  } while ((k = lwN_pull(n, buf, cap)) > 0);
  st = k;
  if (st == LW_OK || st == LW_NEEDMORE) {   /* the result, or the progress to resume from */
    int made = lwB_make(&acc, res);
    if (made < 0) st = made;
  }
  *count = c;
done:
  lwB_free(&acc);
  lwB_free(&x);
  return st;
}

/* The least (greatest) BigInt; the result is the handle of that value itself. */
int lwK_bigminmax (lw_Node *n, int max, lw_Slot *buf, int k, int cap, lw_Slot *res, double *count) {
  lw_Big best = { NULL, 0, 0, 0 }, x = { NULL, 0, 0, 0 }, t;
  lw_Slot bestslot = 0;
  double c = *count;
  int i, st = LW_OK;
  if (c > 0) {   /* resumed after LW_NEEDMORE: the best so far is *res */
    bestslot = *res;
    st = lwB_read(&best, lw_handle(bestslot));
    if (st < 0) { lw_release(bestslot); lwS_releaseall(buf, k); goto done; }
  }
  do {
    for (i = 0; i < k; i++) {
      st = read_value(&x, buf[i]);
      if (st < 0) {
        st = failed_at(buf, i, k, st, res);
        if (c + i > 0) lw_release(bestslot);
        goto done;
      }
      if (c + i == 0 || (max ? lwB_cmp(&x, &best) > 0 : lwB_cmp(&x, &best) < 0)) {
        if (c + i > 0) lw_release(bestslot);
        bestslot = buf[i];
        t = best; best = x; x = t;
      }
      else lw_release(buf[i]);
    }
    c += k;
  } while ((k = lwN_pull(n, buf, cap)) > 0);
  st = k;
  if (st == LW_OK || st == LW_NEEDMORE) *res = bestslot;   /* the result, or the progress to resume from */
  else lw_release(bestslot);
  *count = c;
done:
  lwB_free(&best);
  lwB_free(&x);
  return st;
}
