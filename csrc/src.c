/*
** src.c
** Sources: nodes with no upstream. The engine's own sources (range, repeat,
** fibonacci, random) are unobservable and fill whole batches; host sources
** read JS arrays, typed arrays and iterators through the wrapper.
*/
#include "lwops.h"

/*
** range: start + step*i while below 'stop' (above it for a negative step), as
** TC39's Iterator.range computes it: no accumulated rounding error. Unbounded
** for count().
*/
typedef struct Range {
  lw_Node base;
  double start, stop, step, i;
  int bounded;
} Range;

/*
** start and step are finite, so start + step * i is never NaN: stored as is.
** The index of each value is i0 + k, not a running i++: a double increment
** chained through the loop would cost an add's latency per value. Rounding
** is monotonic, so when the batch's last value is still inside the bound,
** so is every value before it, and the batch fills without a test per value.
*/
static int range_pull (lw_Node *n, lw_Slot *out, int cap) {
  Range *r = (Range *)n;
  double i0 = r->i, start = r->start, step = r->step, stop = r->stop, *d = (double *)out;
  double last = start + step * (i0 + (cap - 1));
  int k;
  if (!r->bounded || (step > 0 ? last < stop : last > stop)) {
    for (k = 0; k < cap; k++) d[k] = start + step * (i0 + k);
  }
  else if (step > 0) {
    for (k = 0; k < cap; k++) {
      double v = start + step * (i0 + k);
      if (!(v < stop)) break;
      d[k] = v;
    }
  }
  else {
    for (k = 0; k < cap; k++) {
      double v = start + step * (i0 + k);
      if (!(v > stop)) break;
      d[k] = v;
    }
  }
  r->i = i0 + k;
  return k;
}

static const lw_NodeClass range_class = {
  "range", range_pull, lwN_closesrc, lwN_nofree, lwN_noinput
};

lw_Node *lwX_range (double start, double stop, double step, int bounded) {
  Range *r = (Range *)lwN_new(&range_class, sizeof(Range), NULL);
  if (r == NULL) return NULL;
  r->start = start; r->stop = stop; r->step = step; r->bounded = bounded;
  r->base.numeric = 1;
  return &r->base;
}


/* repeat: one value, 'times' times (Infinity: for ever). Owns one reference. */
typedef struct Repeat {
  lw_Node base;
  lw_Slot value;
  double left;
} Repeat;

static int repeat_pull (lw_Node *n, lw_Slot *out, int cap) {
  Repeat *r = (Repeat *)n;
  int k;
  if (r->left < cap) cap = (int)r->left;
  for (k = 0; k < cap; k++) {
    lw_retain(r->value);
    out[k] = r->value;
  }
  r->left -= cap;
  return cap;
}

static void repeat_free (lw_Node *n) { lw_release(((Repeat *)n)->value); }

static const lw_NodeClass repeat_class = {
  "repeat", repeat_pull, lwN_closesrc, repeat_free, lwN_noinput
};

lw_Node *lwX_repeat (lw_Slot value, double times) {
  Repeat *r = (Repeat *)lwN_new(&repeat_class, sizeof(Repeat), NULL);
  if (r == NULL) return NULL;
  r->value = value; r->left = times;
  r->base.numeric = !lw_ishandle(value);
  return &r->base;
}


/* fibonacci: 0, 1, 1, 2, 3, 5, … as doubles (exact up to 2^53, then rounded, then Infinity). */
typedef struct Fib {
  lw_Node base;
  double a, b;
} Fib;

static int fib_pull (lw_Node *n, lw_Slot *out, int cap) {
  Fib *f = (Fib *)n;
  double a = f->a, b = f->b, t;
  int k;
  for (k = 0; k < cap; k++) {
    out[k] = lw_mknum(a);
    t = a + b; a = b; b = t;
  }
  f->a = a; f->b = b;
  return cap;
}

static const lw_NodeClass fib_class = {
  "fibonacci", fib_pull, lwN_closesrc, lwN_nofree, lwN_noinput
};

lw_Node *lwX_fibonacci (void) {
  Fib *f = (Fib *)lwN_new(&fib_class, sizeof(Fib), NULL);
  if (f == NULL) return NULL;
  f->a = 0; f->b = 1;
  f->base.numeric = 1;
  return &f->base;
}


/*
** random: xoshiro256** (Blackman and Vigna, 2018) seeded by SplitMix64, the
** generator's authors' recommended seeding. A double in [0, 1) from the top
** 53 bits. Integer arithmetic only, so the stream is identical everywhere.
*/
typedef struct Random {
  lw_Node base;
  uint64_t s[4];
} Random;

static uint64_t rotl (uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static uint64_t splitmix64 (uint64_t *x) {
  uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

static int random_pull (lw_Node *n, lw_Slot *out, int cap) {
  uint64_t *s = ((Random *)n)->s;
  int k;
  for (k = 0; k < cap; k++) {
    uint64_t r = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3];
    s[2] ^= t; s[3] = rotl(s[3], 45);
    out[k] = lw_mknum((double)(r >> 11) * 0x1.0p-53);
  }
  return cap;
}

static const lw_NodeClass random_class = {
  "random", random_pull, lwN_closesrc, lwN_nofree, lwN_noinput
};

lw_Node *lwX_random (uint64_t seed) {
  Random *r = (Random *)lwN_new(&random_class, sizeof(Random), NULL);
  int i;
  if (r == NULL) return NULL;
  for (i = 0; i < 4; i++) r->s[i] = splitmix64(&seed);
  r->base.numeric = 1;
  return &r->base;
}


/*
** host: values from a JS source adapter (an array, a typed array or an
** iterator). Iterators are observable: they are asked for exactly the values
** the consumer takes. A numeric source's NaNs are made canonical here.
*/
typedef struct Host {
  lw_Node base;
  uint32_t adapter;
  int typed;             /* the type of the last value, when batches end by type ('stop') */
  double left;           /* how many values it may still read: a take folded in (lwX_take), else Infinity */
} Host;

/* At a take's limit: the iterator is closed by the pull after the last value, as take closes its source. */
static int at_limit (Host *h) {
  int st = lw_host_close(h->adapter, 0);
  return st < 0 ? st : 0;
}

static int host_pull (lw_Node *n, lw_Slot *out, int cap) {
  Host *h = (Host *)n;
  int k, i;
  if (h->left == 0) return at_limit(h);
  if (h->left < cap) cap = (int)h->left;
  h->typed = lwN_typed(n, h->typed);
  k = lw_host_fill(h->adapter, out, cap, &h->typed);
  if (k > 0) h->left -= k;
  if (n->numeric)
    for (i = 0; i < k; i++)
      if (lw_num(out[i]) != lw_num(out[i])) out[i] = LW_CANON_NAN;
  return k;
}

static int host_close (lw_Node *n, int abrupt) {
  return lw_host_close(((Host *)n)->adapter, abrupt);
}

static void host_free (lw_Node *n) { lw_host_release(((Host *)n)->adapter); }

static const lw_NodeClass host_class = {
  "from", host_pull, host_close, host_free, lwN_noinput
};

int lwX_host_iterator (const lw_Node *n) {
  return n->cls == &host_class && n->observable && !n->waits;
}

uint32_t lwX_host_adapter (const lw_Node *n) { return ((const Host *)n)->adapter; }

double *lwX_host_left (lw_Node *n) { return &((Host *)n)->left; }

int lwX_host_take (lw_Node *n, double limit) {
  Host *h = (Host *)n;
  if (!lwX_host_iterator(n)) return 0;
  if (limit < h->left) h->left = limit;
  return 1;
}

int lwX_host_chain (lw_Node *n, lw_Stages *stages, lw_Slot *out, int cap, int *typed) {
  Host *h = (Host *)n;
  int k;
  if (h->left == 0) return at_limit(h);
  k = lw_host_fillchain(h->adapter, stages, out, cap, typed, &h->left);
  return k == 0 && h->left == 0 ? at_limit(h) : k;   /* the limit read, nothing kept: this is the pull after the last */
}

lw_Node *lwX_host (uint32_t adapter, int observable, int numeric) {
  Host *h = (Host *)lwN_new(&host_class, sizeof(Host), NULL);
  if (h == NULL) return NULL;
  h->adapter = adapter;
  h->left = 1.0 / 0.0;
  h->base.observable = h->base.selfobs = (uint8_t)(observable != 0);
  h->base.numeric = numeric != 0;
  h->base.stops_nn = (uint8_t)(observable != 0);   /* an iterator's batch can end at any value */
  h->base.waits = (uint8_t)(observable == 2);   /* fed by fromAsync: a pull may return LW_NEEDMORE */
  return &h->base;
}


/*
** recurrence: the k seeds, then each value fn of the k values before it and
** the index (fn(x0, …, x[k-1], 0), then fn(x1, …, xk, 1), …); iterate is
** the case k = 1. fn is called only when the next value is wanted, never
** ahead. The last k values are kept (a reference each), oldest first.
*/
typedef struct Recur {
  lw_Node base;
  lw_Fn fn;
  double index;   /* how many times fn was called */
  int k;
  int given;      /* seeds handed out so far (k: all) */
  lw_Slot last[1];   /* k slots */
} Recur;

/* The next value into *out (a reference of its own), the oldest kept value let go. */
static int recur_step (Recur *r, lw_Slot *out) {
  lw_Slot next;
  int st;
  if (r->k == 1) {   /* fn(x, i): consumes x, as iterate's last value */
    next = r->last[0];
    st = lwF_map(&r->fn, &next, 1, r->index);
  } else if (r->k == 2) {   /* fn(a, b, i) as a fold step: consumes a and a copy of b */
    next = r->last[0];
    lw_retain(r->last[1]);
    st = lwF_step(&r->fn, &next, r->last[1], r->index);
  } else {   /* fn(x0, …, x[k-1], i) in JS: borrows them */
    st = lw_host_call(r->fn.host, LW_CALL_APPLY, r->last, &next, r->k, r->index);
    if (st >= 0) lw_release(r->last[0]);
  }
  if (st < 0) {   /* nothing is pulled after an error */
    if (r->k <= 2) r->last[0] = lw_mknum(0);   /* the call consumed it */
    return st;
  }
  r->index++;
  memmove(r->last, r->last + 1, (size_t)(r->k - 1) * sizeof(lw_Slot));
  r->last[r->k - 1] = next;
  lw_retain(next);
  *out = next;
  return LW_OK;
}

/* Numbers through a compiled fn of one or two values: the steps straight in WASM. */
static int recur_numbers (Recur *r, lw_Slot *out, int j, int cap) {
  double last[2];
  int k;
  for (k = 0; k < r->k; k++) last[k] = lw_num(r->last[k]);
  lwJ_recur(r->fn.prog, r->k, last, (double *)(out + j), cap - j, r->index);   /* NaNs from arithmetic are never handles */
  for (k = 0; k < r->k; k++) r->last[k] = lw_mknum(last[k]);
  r->index += cap - j;
  return cap;
}

static int recur_pull (lw_Node *n, lw_Slot *out, int cap) {
  Recur *r = (Recur *)n;
  int j = 0, st;
  for (; j < cap && r->given < r->k; j++) {
    lw_retain(r->last[r->given]);
    out[j] = r->last[r->given++];
  }
  if (r->base.numeric) return recur_numbers(r, out, j, cap);
  for (; j < cap; j++) {
    if ((st = recur_step(r, out + j)) < 0) {
      lwS_releaseall(out, j);
      return st;
    }
  }
  return j;
}

static void recur_free (lw_Node *n) {
  Recur *r = (Recur *)n;
  lwS_releaseall(r->last, r->k);
  lwF_free(&r->fn);
}

static const lw_NodeClass recurrence_class = {
  "recurrence", recur_pull, lwN_closesrc, recur_free, lwN_noinput
};

lw_Node *lwX_recurrence (const lw_Slot *seeds, int k, uint32_t fn, lw_Prog *prog) {
  Recur *r;
  int i, numbers = 1;
  if (k < 1 || k > LW_RECUR_MAX) return NULL;
  r = (Recur *)lwN_new(&recurrence_class, sizeof(Recur) + (size_t)(k - 1) * sizeof(lw_Slot), NULL);
  if (r == NULL) return NULL;
  for (i = 0; i < k; i++) numbers &= !lw_ishandle(seeds[i]);
  /* a compiled step from numbers only ever sees numbers (programs take at most the k = 2 values and the index) */
  r->base.numeric = k <= 2 && prog != NULL && prog->rtype == LW_TNUM && numbers;
  lwF_init(&r->fn, fn, k <= 2 ? prog : NULL, r->base.numeric);
  r->k = k;
  memcpy(r->last, seeds, (size_t)k * sizeof(lw_Slot));
  r->base.observable = r->base.selfobs = !r->base.numeric;
  return &r->base;
}


/* empty: nothing at all. */
static int empty_pull (lw_Node *n, lw_Slot *out, int cap) {
  (void)n; (void)out; (void)cap;
  return 0;
}

static const lw_NodeClass empty_class = {
  "empty", empty_pull, lwN_closesrc, lwN_nofree, lwN_noinput
};

lw_Node *lwX_empty (void) {
  lw_Node *n = (lw_Node *)lwN_new(&empty_class, sizeof(lw_Node), NULL);
  if (n != NULL) n->numeric = 1;
  return n;
}
