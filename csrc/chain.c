/*
** chain.c
** Consecutive map, filter, scan, takeWhile and dropWhile stages whose
** callbacks are JS functions, run as one node. TC39 calls such callbacks
** interleaved, value by value: f(x0), g(f(x0)), f(x1), … As separate nodes,
** the second stage would have to pull the first one value at a time (one JS
** call per value per stage); as one chain, the host takes a whole batch and
** runs each value through every stage in that same order, in one call.
**
** A stage with a compiled callback is not part of a chain (it runs in WASM);
** it ends one, and a later JS stage starts a new one (unless the wrapper
** builds it as JS, for a consumer that reads one value at a time).
**
** Over a JS iterator, whose values must be read one at a time between the
** callbacks, the host reads them too (lw_host_fillchain): one call for a
** whole batch instead of two per value.
*/
#include "lwops.h"

typedef struct Chain {
  lw_Node base;
  lw_Stages s;          /* in pipeline order */
  int room;
  int pulled;           /* stages are only added before the first pull */
  /*
  ** Values read from upstream but not yet run through the stages: for a
  ** consumer that asked ('stop'), a batch ends early after a value of
  ** another type than the one before, or after each non-number ('typed'),
  ** so no callback runs past the value the consumer stops at (sum stops at
  ** a string; a BigInt sum at a number). The rest waits here for the next pull,
  ** as does the rest of a batch read ahead (see chain_pull).
  */
  int typed;
  lw_Slot pend[LW_BATCH];
  int pstart, npend;
  int finished;          /* a takeWhile stage stopped it, and its source was closed */
} Chain;

static void drop_pending (Chain *c) {
  lwS_releaseall(c->pend + c->pstart, c->npend);
  c->npend = 0;
}

/*
** A takeWhile stage's predicate was falsy: close the source now, as TC39's
** takeWhile closes its iterator before it reports done; the 'kept' values
** before it in 'out' still go out, then nothing more.
*/
static int stop (Chain *c, lw_Slot *out, int kept) {
  int st;
  drop_pending(c);
  c->finished = 1;
  st = lwN_close(c->base.src, 0);
  return st < 0 ? lwN_partial(out, kept, st) : kept;
}

static int chain_pull (lw_Node *n, lw_Slot *out, int cap) {
  Chain *c = (Chain *)n;
  int k, used, kept;
  c->pulled = 1;
  if (c->finished) return 0;
  if (c->s.stopped) return stop(c, out, 0);   /* the for…of iterator ran the stages (lw_tail) */
  if (c->s.failed) {             /* the values before a stage threw went out last time: now its error */
    c->s.failed = 0;
    kept = 0;
    return lw_host_chain(&c->s, out, 0, &c->typed, &kept);
  }
  if (lwX_host_iterator(n->src)) {   /* nothing is read ahead, so nothing waits in 'pend' */
    c->typed = lwN_typed(n, c->typed);
    k = lwX_host_chain(n->src, &c->s, out, cap, &c->typed);
    return k >= 0 && c->s.stopped ? stop(c, out, k) : k;
  }
  for (;;) {
    lw_Slot *io;
    if (c->npend == 0 && (n->src->observable || cap == LW_BATCH)) {
      if ((k = lwN_pull(n->src, out, lwN_demand(n, cap))) <= 0) return k;
      io = out;
    }
    else {
      /*
      ** Inputs wait in 'pend': the rest of a batch, or, from a source no one
      ** can observe, a whole batch read ahead for a consumer that asked for
      ** fewer values (some, find, every ask for one): the stages then run
      ** only until that many came through, and the rest waits.
      */
      if (c->npend == 0) {
        if ((k = lwN_pull(n->src, c->pend, LW_BATCH)) <= 0) return k;
        c->pstart = 0;
        c->npend = k;
      }
      io = c->pend + c->pstart;
      k = c->npend;
    }
    c->typed = lwN_typed(n, c->typed);
    kept = cap;
    used = lw_host_chain(&c->s, io, k, &c->typed, &kept);
    if (used < 0) {              /* the host let every slot go */
      if (io != out) c->npend = 0;
      return used;
    }
    if (io != out) {             /* the values that came through go out (kept <= cap), the rest waits */
      memmove(out, io, (size_t)kept * sizeof(lw_Slot));
      c->pstart += used;
      c->npend -= used;
    }
    else if (used < k) {
      if (c->s.stopped) lwS_releaseall(out + used, k - used);   /* the inputs after the one it stopped at */
      else {                     /* stopped after a change of type: keep the rest, in order */
        c->pstart = LW_BATCH - (k - used);
        memcpy(c->pend + c->pstart, out + used, (size_t)(k - used) * sizeof(lw_Slot));
        c->npend = k - used;
      }
    }
    if (c->s.stopped) return stop(c, out, kept);   /* (it lets go of what waits) */
    if (kept > 0) return kept;
  }
}

static int chain_close (lw_Node *n, int abrupt) {
  drop_pending((Chain *)n);
  return lwN_closesrc(n, abrupt);
}

static void chain_free (lw_Node *n) {
  Chain *c = (Chain *)n;
  int i;
  drop_pending(c);
  for (i = 0; i < c->s.n; i++) {
    lw_host_release(c->s.stages[i].fn);
    if (c->s.stages[i].kind == LW_STAGE_SCAN) lw_release(c->s.stages[i].acc);
  }
  lwM_free(c->s.stages);
  if (c->s.state != 0) lw_host_release(c->s.state);
}

static const lw_NodeClass chain_class = {
  "chain", chain_pull, chain_close, chain_free, lwN_noinput
};

lw_Stages *lwX_chain_tail (lw_Node *n) {
  Chain *c = (Chain *)n;
  if (n->cls != &chain_class || c->npend > 0) return NULL;
  return !n->src->observable || lwX_host_iterator(n->src) ? &c->s : NULL;
}

int lwX_chain_pullsrc (lw_Node *n, lw_Slot *out, int cap) {
  Chain *c = (Chain *)n;
  if (lwX_chain_tail(n) == NULL || n->src->observable) return LW_ESTATE;
  c->pulled = 1;
  if (c->s.stopped && !c->finished) return stop(c, out, 0);
  return n->state == LW_OPEN && !c->finished ? lwN_pull(n->src, out, cap) : 0;
}

/* Add a stage to 'c'; 0 when out of memory (the handle and acc are then still the caller's). */
static int add_stage (Chain *c, int kind, uint32_t fn, lw_Slot acc) {
  lw_Stages *st = &c->s;
  if (st->n == c->room) {
    int room = c->room ? c->room * 2 : 4;
    lw_Stage *s = (lw_Stage *)lwM_alloc((size_t)room * sizeof(lw_Stage));
    if (s == NULL) return 0;
    if (st->n) memcpy(s, st->stages, (size_t)st->n * sizeof(lw_Stage));
    lwM_free(st->stages);
    st->stages = s;
    c->room = room;
  }
  st->stages[st->n].fn = fn;
  st->stages[st->n].kind = (uint32_t)kind;
  st->stages[st->n].acc = acc;
  st->n++;
  /* JS results may be anything; the stages that pass values on or not keep numbers numbers */
  if (kind != LW_STAGE_FILTER && kind != LW_STAGE_TAKEWHILE && kind != LW_STAGE_DROPWHILE) c->base.numeric = 0;
  return 1;
}

/*
** A JS stage over 'src' (LW_STAGE_*, with a scan's initial value in 'acc'):
** added to src when it is a chain not yet pulled, else a new chain over src.
*/
lw_Node *lwX_chain (lw_Node *src, int kind, uint32_t fn, lw_Slot acc) {
  Chain *c;
  if (src->cls == &chain_class && !((Chain *)src)->pulled) {
    c = (Chain *)src;
    return add_stage(c, kind, fn, acc) ? src : NULL;
  }
  c = (Chain *)lwN_new(&chain_class, sizeof(Chain), src);
  if (c == NULL) return NULL;
  c->base.numeric = src->numeric;
  if (!add_stage(c, kind, fn, acc)) { lwM_free(c); return NULL; }
  c->base.observable = c->base.selfobs = 1;
  c->base.stops_nn = 1;
  return &c->base;
}
