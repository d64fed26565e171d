/*
** xform.c
** One-input transforms: the callback stages (map, filter, takeWhile,
** dropWhile, flatMap, scan) and the counting stages (take, drop, slice).
*/
#include "lwops.h"

/* The state every callback stage shares: its callback and the index it passes. */
typedef struct Call {
  lw_Node base;
  lw_Fn fn;
  double index;
} Call;

static void call_free (lw_Node *n) { lwF_free(&((Call *)n)->fn); }

/*
** A compiled callback over numbers runs no user code: such a stage is not
** observable and reads its source in whole batches.
*/
static void *call_new (const lw_NodeClass *cls, size_t size, lw_Node *src, uint32_t fn, lw_Prog *prog) {
  Call *c = (Call *)lwN_new(cls, size, src);
  if (c == NULL) return NULL;
  lwF_init(&c->fn, fn, prog, src->numeric);
  c->base.selfobs = (uint8_t)lwF_observable(&c->fn);
  c->base.observable = src->observable || c->base.selfobs;
  c->base.nn_calls = (uint8_t)(prog != NULL && !src->numeric);
  return c;
}

/*
** A compiled stage over an iterator-like upstream that ends its batches after
** each non-number (lwN_demand asks for that) gets at most one non-number per
** batch, last. Its results are numbers but for that one (when they are
** numbers at all: 'numbers_out'), so its own batches end where a consumer
** stopping at a type would stop.
*/
static void set_stops_nn (Call *c, int numbers_out) {
  lw_Node *src = c->base.src;
  c->base.stops_nn = (uint8_t)(c->base.nn_calls && src->observable && src->stops_nn && numbers_out);
}


/* Drop out[0..from) and move the rest, 'k' slots in all, to the front. */
static int drop_front (lw_Slot *out, int from, int k) {
  lwS_releaseall(out, from);
  memmove(out, out + from, (size_t)(k - from) * sizeof(lw_Slot));
  return k - from;
}


/* map: fn(value, index) for each value, in batches when no one can see the difference. */
static int map_pull (lw_Node *n, lw_Slot *out, int cap) {
  Call *m = (Call *)n;
  int k = lwN_pull(n->src, out, lwN_demand(n, cap)), st;
  if (k <= 0) return k;
  if ((st = lwF_map(&m->fn, out, k, m->index)) < 0) return st;
  m->index += k;
  return k;
}

/* A sum of the map's results (lwN_addto): its program adds them as it computes them. */
static int map_addto (lw_Node *n, lw_Slot *buf, int cap, double *acc) {
  Call *m = (Call *)n;
  const double *x = (const double *)buf;
  int k = lwN_pull(n->src, buf, cap);   /* numbers in, no JS: whole batches */
  if (k <= 0) return k;
  *acc = lwJ_addrun(m->fn.prog, &x, 1, k, *acc);
  m->index += k;
  return k;
}

static const lw_NodeClass map_class = {
  "map", map_pull, lwN_closesrc, call_free, lwN_noinput
};

/* With a JS callback (no program), map is a stage of a chain (chain.c). */
lw_Node *lwX_map (lw_Node *src, uint32_t fn, lw_Prog *prog) {
  Call *m;
  if (prog != NULL && prog->rowlen > 0) {   /* it destructures zip's rows: only right after a zip */
    if (lwX_iszip(src, prog->rowlen)) return lwX_rowmap(src, fn, prog);
    prog = NULL;
  }
  if (prog == NULL) return lwX_chain(src, LW_STAGE_MAP, fn, lw_mknum(0));
  m = (Call *)call_new(&map_class, sizeof(Call), src, fn, prog);
  if (m == NULL) return NULL;
  m->base.numeric = (uint8_t)lwF_numeric(&m->fn);
  if (m->base.numeric && lwJ_addable(prog, 1)) m->base.addto = map_addto;
  set_stops_nn(m, prog->rtype == LW_TNUM);
  return &m->base;
}


/*
** Move the values of v[0..k) whose flag is set to the front, releasing the
** others; returns how many were kept. Over numbers there is nothing to
** release, and the copy needs no branch.
*/
static int keep_flagged (const Call *c, lw_Slot *v, const uint8_t *flag, int k) {
  int i, j = 0;
  if (c->fn.numeric_in) {
    for (i = 0; i < k; i++) { v[j] = v[i]; j += flag[i] != 0; }
    return j;
  }
  for (i = 0; i < k; i++) {
    if (flag[i]) v[j++] = v[i];
    else lw_release(v[i]);
  }
  return j;
}


/* filter: the values for which fn is truthy. */
typedef struct Test {
  Call call;
  uint8_t flag[LW_BATCH];
  int finished;          /* takeWhile: the predicate failed; dropWhile: it has */
} Test;

/* A filter that may test ahead keeps the values it kept and has not handed out. */
typedef struct Filter {
  Test test;
  lw_Slot *ahead;        /* LW_BATCH slots, allocated on first use */
  int head, left;        /* ahead[head .. head+left) are owned and not yet handed out */
  int chunk;             /* the size of the last pull ahead */
} Filter;

/*
** A filter no one can observe (a compiled predicate over numbers from an
** unobservable upstream) tests whole batches ahead and hands the kept values
** out as asked: a consumer that wants ten (take(10)) then costs a few
** pulls, not a small pull per few kept values. The pulls start at the size
** asked for and double, so at most about as much again as needed is computed.
*/
static int filter_ahead (Filter *f, lw_Slot *out, int cap) {
  Test *t = &f->test;
  int j = 0, k, st, kept;
  while (j < cap) {
    lw_Slot *into;
    if (f->left > 0) {
      int give = f->left < cap - j ? f->left : cap - j;
      memcpy(out + j, f->ahead + f->head, (size_t)give * sizeof(lw_Slot));
      f->head += give; f->left -= give; j += give;
      continue;
    }
    f->chunk = f->chunk * 2 > cap - j ? f->chunk * 2 : cap - j;
    if (f->chunk > LW_BATCH) f->chunk = LW_BATCH;
    /* a pull of just what is still asked for (a sum's whole batches) goes straight to out */
    into = f->chunk == cap - j ? out + j : lwN_scratch(&f->ahead);
    if (into == NULL) return lwN_partial(out, j, LW_ENOMEM);
    k = lwN_pull(t->call.base.src, into, f->chunk);
    if (k == 0) break;
    if (k < 0) return lwN_partial(out, j, k);
    st = lwF_test(&t->call.fn, LW_CALL_EVAL, into, t->flag, k, t->call.index);
    if (st < 0) { lwS_releaseall(into, k); return lwN_partial(out, j, st); }
    t->call.index += k;
    kept = keep_flagged(&t->call, into, t->flag, k);
    if (into != out + j) { f->head = 0; f->left = kept; }
    else if ((j += kept) > 0) break;   /* as a plain filter returns */
  }
  return j;
}

static int filter_pull (lw_Node *n, lw_Slot *out, int cap) {
  Test *f = (Test *)n;
  int k, st, j;
  if (!n->observable) return filter_ahead((Filter *)n, out, cap);
  for (;;) {
    k = lwN_pull(n->src, out, lwN_demand(n, cap));
    if (k <= 0) return k;
    st = lwF_test(&f->call.fn, LW_CALL_EVAL, out, f->flag, k, f->call.index);
    if (st < 0) { lwS_releaseall(out, k); return st; }
    f->call.index += k;
    if ((j = keep_flagged(&f->call, out, f->flag, k)) > 0) return j;
  }
}

static void filter_free (lw_Node *n) {
  Filter *f = (Filter *)n;
  lwS_releaseall(f->ahead + f->head, f->left);
  lwM_free(f->ahead);
  call_free(n);
}

static const lw_NodeClass filter_class = {
  "filter", filter_pull, lwN_closesrc, filter_free, lwN_noinput
};

/* With a JS callback (no program), filter is a stage of a chain (chain.c). */
lw_Node *lwX_filter (lw_Node *src, uint32_t fn, lw_Prog *prog) {
  Call *f;
  if (prog == NULL) return lwX_chain(src, LW_STAGE_FILTER, fn, lw_mknum(0));
  f = (Call *)call_new(&filter_class, sizeof(Filter), src, fn, prog);
  if (f == NULL) return NULL;
  set_stops_nn(f, 1);   /* it passes on the values it was given */
  return &f->base;
}


/*
** takeWhile: values while fn is truthy. The predicate is called up to the
** first falsy result and never after it; then the source is closed, as
** 'take' closes it at its limit.
*/
static int takewhile_pull (lw_Node *n, lw_Slot *out, int cap) {
  Test *t = (Test *)n;
  int k, c, st;
  if (t->finished) return 0;
  k = lwN_pull(n->src, out, lwN_exact(n, cap));
  if (k <= 0) return k;
  c = lwF_test(&t->call.fn, LW_CALL_TEST, out, t->flag, k, t->call.index);
  if (c < 0) { lwS_releaseall(out, k); return c; }
  t->call.index += c;
  if (t->flag[c - 1]) return k;   /* all truthy */
  lwS_releaseall(out + c - 1, k - c + 1);
  t->finished = 1;
  st = lwN_close(n->src, 0);
  if (st < 0) { lwS_releaseall(out, c - 1); return st; }
  return c - 1;
}

static const lw_NodeClass takewhile_class = {
  "takeWhile", takewhile_pull, lwN_closesrc, call_free, lwN_noinput
};

/* With a JS callback (no program), takeWhile is a stage of a chain (chain.c). */
lw_Node *lwX_takewhile (lw_Node *src, uint32_t fn, lw_Prog *prog) {
  if (prog == NULL) return lwX_chain(src, LW_STAGE_TAKEWHILE, fn, lw_mknum(0));
  return (lw_Node *)call_new(&takewhile_class, sizeof(Test), src, fn, prog);
}


/* dropWhile: skip values while fn is truthy, then pass everything through. */
static int dropwhile_pull (lw_Node *n, lw_Slot *out, int cap) {
  Test *d = (Test *)n;
  int k, c;
  if (d->finished) return lwN_pull(n->src, out, cap);
  for (;;) {
    k = lwN_pull(n->src, out, lwN_demand(n, cap));
    if (k <= 0) return k;
    c = lwF_test(&d->call.fn, LW_CALL_TEST, out, d->flag, k, d->call.index);
    if (c < 0) { lwS_releaseall(out, k); return c; }
    d->call.index += c;
    if (!d->flag[c - 1]) {
      d->finished = 1;
      return drop_front(out, c - 1, k);
    }
    lwS_releaseall(out, k);
  }
}

static const lw_NodeClass dropwhile_class = {
  "dropWhile", dropwhile_pull, lwN_closesrc, call_free, lwN_noinput
};

/* With a JS callback (no program), dropWhile is a stage of a chain (chain.c). */
lw_Node *lwX_dropwhile (lw_Node *src, uint32_t fn, lw_Prog *prog) {
  if (prog == NULL) return lwX_chain(src, LW_STAGE_DROPWHILE, fn, lw_mknum(0));
  return (lw_Node *)call_new(&dropwhile_class, sizeof(Test), src, fn, prog);
}


/*
** flatMap: fn(value, index) gives an iterable whose values are passed on.
** The outer source is pulled one value at a time: each of its values runs
** fn and then a whole inner iteration before the next is pulled.
*/
typedef struct FlatMap {
  Call call;
  uint32_t inner;        /* source adapter of the current inner iterable, or 0 */
} FlatMap;

static int flatmap_pull (lw_Node *n, lw_Slot *out, int cap) {
  FlatMap *f = (FlatMap *)n;
  lw_Slot v, h;
  int k;
  for (;;) {
    if (f->inner != 0) {
      int untyped = 0;
      k = lw_host_fill(f->inner, out, cap, &untyped);
      if (k != 0) return k;   /* values, or the inner iterator threw */
      lw_host_release(f->inner);
      f->inner = 0;
    }
    k = lwN_pull(n->src, &v, 1);
    if (k <= 0) return k;
    k = lw_host_call(f->call.fn.host, LW_CALL_FLAT, &v, &h, 1, f->call.index);
    if (k < 0) return k;
    f->call.index++;
    f->inner = lw_handle(h);
  }
}

/* Close the inner iterator first, then the outer one (TC39 flatMap's return()). */
static int flatmap_close (lw_Node *n, int abrupt) {
  FlatMap *f = (FlatMap *)n;
  int st = LW_OK, st2;
  if (f->inner != 0) st = lw_host_close(f->inner, abrupt);
  st2 = lwN_close(n->src, abrupt || st < 0);
  return st < 0 ? st : st2;
}

static void flatmap_free (lw_Node *n) {
  FlatMap *f = (FlatMap *)n;
  if (f->inner != 0) lw_host_release(f->inner);
  call_free(n);
}

static const lw_NodeClass flatmap_class = {
  "flatMap", flatmap_pull, flatmap_close, flatmap_free, lwN_noinput
};

lw_Node *lwX_flatmap (lw_Node *src, uint32_t fn) {
  FlatMap *f = (FlatMap *)call_new(&flatmap_class, sizeof(FlatMap), src, fn, NULL);
  if (f != NULL) f->call.base.numeric = 0;
  return (lw_Node *)f;
}


/*
** scan: the running fold acc = fn(acc, value, index), each acc passed on.
** Without an initial value the first value seeds acc and is passed on as is.
** A compiled fn; a JS one is a stage of a chain (chain.c).
*/
typedef struct Scan {
  Call call;
  lw_Slot acc;
  int hasacc;
} Scan;

static int scan_pull (lw_Node *n, lw_Slot *out, int cap) {
  Scan *s = (Scan *)n;
  /* an accumulator that is not a number sends every step to JS: exact pulls then */
  int jsacc = s->hasacc && lw_ishandle(s->acc);
  int k = lwN_pull(n->src, out, jsacc ? lwN_exact(n, cap) : lwN_demand(n, cap)), first = 0, i, st;
  if (k <= 0) return k;
  if (!s->hasacc) {
    s->hasacc = first = 1;
    s->acc = out[0];
    lw_retain(s->acc);
    s->call.index++;
  }
  for (i = first; i < k; i++) {   /* compiled: runs of numbers in WASM, the rest a step at a time */
    int done = lwF_fold(&s->call.fn, &s->acc, out + i, k - i, s->call.index);
    s->call.index += done;
    if ((i += done) == k) break;
    if ((st = lwF_step(&s->call.fn, &s->acc, out[i], s->call.index)) < 0) {
      s->hasacc = 0;
      lwS_releaseall(out, i);
      lwS_releaseall(out + i + 1, k - i - 1);
      return st;
    }
    s->call.index++;
    out[i] = s->acc;
    lw_retain(s->acc);
  }
  return k;
}

static void scan_free (lw_Node *n) {
  Scan *s = (Scan *)n;
  if (s->hasacc) lw_release(s->acc);
  call_free(n);
}

static const lw_NodeClass scan_class = {
  "scan", scan_pull, lwN_closesrc, scan_free, lwN_noinput
};

lw_Node *lwX_scan (lw_Node *src, uint32_t fn, lw_Prog *prog, lw_Slot init, int hasinit) {
  Scan *s;
  int jsacc = hasinit && lw_ishandle(init);
  /* a JS callback: a stage of a chain, which runs with the JS stages around it */
  if (prog == NULL) return lwX_chain(src, hasinit ? LW_STAGE_SCAN : LW_STAGE_SEED, fn, hasinit ? init : lw_mknum(0));
  s = (Scan *)call_new(&scan_class, sizeof(Scan), src, fn, prog);
  if (s == NULL) return NULL;
  s->acc = init; s->hasacc = hasinit;
  s->call.base.numeric = (uint8_t)(lwF_numeric(&s->call.fn) && !jsacc);
  /*
  ** A compiled step calls JS whenever the accumulator is not a number: from
  ** the start with such an initial value, or after a step of boolean result.
  */
  if (prog != NULL && (jsacc || prog->rtype != LW_TNUM)) {
    s->call.base.selfobs = s->call.base.observable = 1;
    s->call.base.nn_calls = 0;
  }
  set_stops_nn(&s->call, prog != NULL && prog->rtype == LW_TNUM);
  return &s->call.base;
}


/*
** take: at most 'left' values. Like TC39 'take', the source is closed by the
** pull after the last value, so a consumer that stops early closes it itself.
*/
typedef struct Count {
  lw_Node base;
  double left;           /* take/drop: values to pass/skip; slice: see below */
  double pos, stop, step;
  lw_Slot *scratch;      /* drop/slice: where skipped values go */
} Count;

static void count_free (lw_Node *n) { lwM_free(((Count *)n)->scratch); }

static int take_pull (lw_Node *n, lw_Slot *out, int cap) {
  Count *t = (Count *)n;
  int k, st;
  if (t->left == 0) {
    st = lwN_close(n->src, 0);
    return st < 0 ? st : 0;
  }
  if (t->left < cap) cap = (int)t->left;
  k = lwN_pull(n->src, out, cap);
  if (k > 0) t->left -= k;
  return k;
}

static const lw_NodeClass take_class = {
  "take", take_pull, lwN_closesrc, lwN_nofree, lwN_noinput
};

lw_Node *lwX_take (lw_Node *src, double limit) {
  Count *t;
  if (lwX_host_take(src, limit)) return src;   /* the host reads no more: a JS chain over it then still reads it in batches */
  t = (Count *)lwN_new(&take_class, sizeof(Count), src);
  if (t == NULL) return NULL;
  t->left = limit;
  lwN_passes(&t->base);
  return &t->base;
}


/*
** Skip up to 'left' values of the source, a batch at a time (dropping runs no
** user code, so the source may be asked for all of them at once): < 0 on
** error, 0 when the source ended first, 1 when all were skipped. 'pos' and
** 'left' move together, so a skip stopped by LW_NEEDMORE resumes exactly.
*/
static int skip (Count *c) {
  lw_Slot *buf = c->left > 0 ? lwN_scratch(&c->scratch) : NULL;
  double *left = &c->left;
  if (*left > 0 && buf == NULL) return LW_ENOMEM;
  while (*left > 0) {
    int k = lwN_pull(c->base.src, buf, *left < LW_BATCH ? (int)*left : LW_BATCH);
    if (k <= 0) return k;
    lwS_releaseall(buf, k);
    *left -= k;
    c->pos += k;
  }
  return 1;
}

/* drop: skip 'left' values, then pass the rest. */
static int drop_pull (lw_Node *n, lw_Slot *out, int cap) {
  Count *d = (Count *)n;
  int st = skip(d);
  if (st <= 0) return st;
  return lwN_pull(n->src, out, cap);
}

static const lw_NodeClass drop_class = {
  "drop", drop_pull, lwN_closesrc, count_free, lwN_noinput
};

lw_Node *lwX_drop (lw_Node *src, double limit) {
  Count *d = (Count *)lwN_new(&drop_class, sizeof(Count), src);
  if (d == NULL) return NULL;
  d->left = limit;
  lwN_passes(&d->base);
  return &d->base;
}


/*
** slice: the values at positions start, start+step, … below stop (Python's
** islice). 'pos' is the position of the next value to read; 'left' how many
** to skip before the next one taken. At 'stop' the source is closed, as take.
*/
static int slice_pull (lw_Node *n, lw_Slot *out, int cap) {
  Count *s = (Count *)n;
  int k = 0, got, st;
  while (k < cap) {
    if (s->pos + s->left >= s->stop) {
      if (k > 0) break;   /* close on the next pull, as take does */
      st = lwN_close(n->src, 0);
      return st < 0 ? st : 0;
    }
    st = skip(s);
    if (st <= 0) return st < 0 ? lwN_partial(out, k, st) : k;
    got = lwN_pull(n->src, out + k, 1);
    if (got < 0) return lwN_partial(out, k, got);
    if (got == 0) return k;
    k++;
    s->pos++;
    s->left = s->step - 1;
  }
  return k;
}

static const lw_NodeClass slice_class = {
  "slice", slice_pull, lwN_closesrc, count_free, lwN_noinput
};

lw_Node *lwX_slice (lw_Node *src, double start, double stop, double step) {
  Count *s = (Count *)lwN_new(&slice_class, sizeof(Count), src);
  if (s == NULL) return NULL;
  s->left = start; s->pos = 0; s->stop = stop; s->step = step;
  lwN_passes(&s->base);
  return &s->base;
}
