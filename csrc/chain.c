/*
** chain.c
** Consecutive map and filter stages whose callbacks are JS functions, run as
** one node. TC39 calls such callbacks interleaved, value by value: f(x0),
** g(f(x0)), f(x1), … As separate nodes, the second stage would have to pull
** the first one value at a time (one JS call per value per stage); as one
** chain, the host takes a whole batch and runs each value through every stage
** in that same order, in one call.
**
** A stage with a compiled callback is not part of a chain (it runs in WASM);
** it ends one, and a later JS stage starts a new one.
*/
#include "lwops.h"

typedef struct Chain {
  lw_Node base;
  int n, room;
  lw_Stage *stages;     /* in pipeline order; each holds its callback and index */
  int pulled;           /* stages are only added before the first pull */
} Chain;

static int chain_pull (lw_Node *n, lw_Slot *out, int cap) {
  Chain *c = (Chain *)n;
  int k, used, kept;
  c->pulled = 1;
  for (;;) {
    k = lwN_pull(n->src, out, lwN_demand(n, cap));
    if (k <= 0) return k;
    used = lw_host_chain(c->stages, c->n, out, k, n->numbers_only, &kept);
    if (used < 0) return used;           /* the host let every slot go */
    lwS_releaseall(out + used, k - used); /* past a non-number the consumer stops at */
    if (kept > 0 || used < k) return kept;
  }
}

static void chain_free (lw_Node *n) {
  Chain *c = (Chain *)n;
  int i;
  for (i = 0; i < c->n; i++) lw_host_release(c->stages[i].fn);
  lwM_free(c->stages);
}

static const lw_NodeClass chain_class = {
  "chain", chain_pull, lwN_closesrc, chain_free, lwN_noinput
};

/* Add a stage to 'c'; 0 when out of memory (the handle is then still the caller's). */
static int add_stage (Chain *c, int kind, uint32_t fn) {
  if (c->n == c->room) {
    int room = c->room ? c->room * 2 : 4;
    lw_Stage *s = (lw_Stage *)lwM_alloc((size_t)room * sizeof(lw_Stage));
    if (s == NULL) return 0;
    if (c->n) memcpy(s, c->stages, (size_t)c->n * sizeof(lw_Stage));
    lwM_free(c->stages);
    c->stages = s;
    c->room = room;
  }
  c->stages[c->n].fn = fn;
  c->stages[c->n].kind = (uint32_t)kind;
  c->stages[c->n].index = 0;
  c->n++;
  if (kind == LW_STAGE_MAP) c->base.numeric = 0;   /* JS results may be anything; filters keep numbers numbers */
  return 1;
}

/*
** A JS map (LW_STAGE_MAP) or filter (LW_STAGE_FILTER) stage over 'src': added
** to src when it is a chain not yet pulled, else a new chain over src.
*/
lw_Node *lwX_chain (lw_Node *src, int kind, uint32_t fn) {
  Chain *c;
  if (src->cls == &chain_class && !((Chain *)src)->pulled) {
    c = (Chain *)src;
    return add_stage(c, kind, fn) ? src : NULL;
  }
  c = (Chain *)lwN_new(&chain_class, sizeof(Chain), src);
  if (c == NULL) return NULL;
  c->base.numeric = src->numeric;
  if (!add_stage(c, kind, fn)) { lwM_free(c); return NULL; }
  c->base.observable = c->base.selfobs = 1;
  c->base.stops_nn = 1;
  return &c->base;
}
