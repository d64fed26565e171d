/*
** node.c
** The pull/close/free protocol shared by every node, and memory helpers.
*/
#include <stdlib.h>

#include "lwcore.h"

/*
** Every allocation of the core goes through here, with its size in a header,
** so lwM_used can tell the leak tests exactly how much is held.
*/
#define HEADER 16   /* keeps the block 16-byte aligned */

static size_t used;

static void *block (size_t size, int zeroed) {
  char *p;
  if (size > SIZE_MAX - HEADER) return NULL;
  p = (char *)(zeroed ? calloc(1, size + HEADER) : malloc(size + HEADER));
  if (p == NULL) return NULL;
  memcpy(p, &size, sizeof size);
  used += size;
  return p + HEADER;
}

void *lwM_alloc (size_t size) { return block(size, 1); }

/* Zeroing a batch buffer costs as much as building a short pipeline's node. */
void *lwM_raw (size_t size) { return block(size, 0); }

void lwM_free (void *q) {
  size_t size;
  char *p = (char *)q;
  if (p == NULL) return;
  p -= HEADER;
  memcpy(&size, p, sizeof size);
  used -= size;
  free(p);
}

size_t lwM_used (void) {
  return used;
}

int lwV_reserve (lw_Vec *v, size_t want) {
  size_t room = v->room ? v->room : 64;
  lw_Slot *p;
  if (want <= v->room) return LW_OK;
  while (room < want) room *= 2;
  p = (lw_Slot *)lwM_alloc(room * sizeof(lw_Slot));
  if (p == NULL) return LW_ENOMEM;
  if (v->n) memcpy(p, v->p, v->n * sizeof(lw_Slot));
  lwM_free(v->p);
  v->p = p;
  v->room = room;
  return LW_OK;
}

void lwV_clear (lw_Vec *v) {
  lwS_releaseall(v->p, (int)v->n);
  lwM_free(v->p);
  v->p = NULL;
  v->n = v->room = 0;
}

void lwS_releaseall (const lw_Slot *s, int n) {
  int i;
  for (i = 0; i < n; i++) lw_release(s[i]);
}

void *lwN_new (const lw_NodeClass *cls, size_t size, lw_Node *src) {
  lw_Node *n = (lw_Node *)lwM_alloc(size);
  if (n == NULL) return NULL;
  n->cls = cls;
  n->src = src;
  n->state = LW_OPEN;
  n->observable = src != NULL && src->observable;
  n->numeric = src != NULL && src->numeric;   /* stages that change values say otherwise */
  n->waits = src != NULL && src->waits;
  return n;
}

/*
** The state a pull's result leaves the node in; the result. A node that
** failed closes its upstream at once, before its consumer sees the error, as
** each TC39 helper closes its source (IfAbruptCloseIterator) before the
** error reaches the helper reading it: closes then run from the failure
** outwards, and a zip closes the inputs still open after the failing one
** closed its own.
*/
static int settle (lw_Node *n, int got) {
  if (got == 0) n->state = LW_DONE;
  else if (got < 0 && got != LW_NEEDMORE) {
    n->state = LW_FAILED;
    lwN_close(n, 1);
  }
  return got;
}

/*
** Pull up to 'cap' values. Once a node has returned 0 or an error, or was
** closed, it returns 0 for ever: a finished TC39 iterator stays finished.
** LW_NEEDMORE is no error: the node stays open and is pulled again once its
** async source was fed, so every node keeps what it had (never drops it).
*/
int lwN_pull (lw_Node *n, lw_Slot *out, int cap) {
  if (n->state != LW_OPEN) return 0;
  if (n->passes && n->stop) n->src->stop = n->stop;
  return settle(n, n->cls->pull(n, out, cap));
}

int lwN_addto (lw_Node *n, lw_Slot *buf, int cap, double *acc) {
  int got, i;
  if (n->addto == NULL || n->state != LW_OPEN) {
    const double *d = (const double *)buf;
    double a = *acc;   /* a local: a store through 'acc' could alias 'buf' (no strict aliasing) */
    got = lwN_pull(n, buf, cap);
    for (i = 0; i < got; i++) a += d[i];
    *acc = a;
    return got;
  }
  return settle(n, n->addto(n, buf, cap, acc));
}

/*
** Pipelines nest: a callback may run another pipeline inside a pull, and so
** on. The stack (1 MiB in WASM, in linear memory, just above the static
** data) must never overflow: below it are the engine's tables, which an
** overflow would silently overwrite. So the entry points that pull (csrc/
** api.c) measure how deep the stack is, from the shallowest call seen (the
** stack grows down), and refuse past LW_STACK_LIMIT, before touching any
** node: a pipeline refused so leaves its nodes (a tee's shared source
** among them) as they were. One pipeline alone, even 1000 stages deep, needs
** far less than what is left.
*/
#define LW_STACK_LIMIT (768u * 1024u)

int lwN_stack_exhausted (void) {
  static uintptr_t top = 0;
  uintptr_t here = (uintptr_t)__builtin_frame_address(0);
  if (here > top) top = here;
  return top - here > LW_STACK_LIMIT;
}

/*
** Close 'n' and everything upstream of it that is still open. Idempotent.
** A node that failed or finished still closes its inputs: a stage whose
** callback threw must close its source (TC39's IfAbruptCloseIterator), and
** host sources themselves know whether they still need closing.
*/
int lwN_close (lw_Node *n, int abrupt) {
  if (n == NULL || n->state == LW_CLOSED) return LW_OK;
  n->state = LW_CLOSED;
  return n->cls->close(n, abrupt);
}

int lwN_closesrc (lw_Node *n, int abrupt) {
  return lwN_close(n->src, abrupt);
}

/* Free 'n' and all its inputs. Can't fail; does not close host sources. */
void lwN_free (lw_Node *n) {
  int i;
  lw_Node *in;
  if (n == NULL) return;
  lwN_free(n->src);
  for (i = 0; (in = n->cls->input(n, i)) != NULL; i++) lwN_free(in);
  n->cls->free(n);
  lwM_free(n);
}

int lwN_partial (lw_Slot *out, int k, int st) {
  if (st == LW_NEEDMORE && k > 0) return k;
  lwS_releaseall(out, k);
  return st;
}

int lwN_demand (const lw_Node *n, int cap) {
  if (!n->selfobs || n->src == NULL || !n->src->observable) return cap;
  if (n->nn_calls && n->src->stops_nn) { n->src->stop = LW_STOP_EACH; return cap; }
  return 1;
}

void lwN_inputs_flags (lw_Node *n, lw_Node **inputs, int k) {
  int i;
  n->numeric = 1;
  for (i = 0; i < k; i++) {
    n->observable |= inputs[i]->observable;
    n->waits |= inputs[i]->waits;
    n->numeric &= inputs[i]->numeric;
  }
}

int lwN_fill_to (lw_Node *in, lw_Slot *out, int *have, int k) {
  int r;
  while (*have < k) {
    r = lwN_pull(in, out + *have, k - *have);
    if (r < 0) return r;
    if (r == 0) break;
    *have += r;
  }
  return *have;
}

void lwN_passes (lw_Node *n) {
  n->passes = 1;
  n->stops_nn = n->src->stops_nn;
}

int lwN_typed (const lw_Node *n, int typed) {
  if (n->stop == LW_STOP_EACH) return LW_TYPE_EACH;
  if (n->stop == LW_STOP_CHANGE) return typed == 0 || typed == LW_TYPE_EACH ? LW_TYPE_NUMBER : typed;
  return 0;
}

int lwN_exact (const lw_Node *n, int cap) {
  return n->src != NULL && n->src->observable ? 1 : cap;
}

void lwN_nofree (lw_Node *n) { (void)n; }

lw_Node *lwN_noinput (lw_Node *n, int i) { (void)n; (void)i; return NULL; }

lw_Slot *lwN_scratch (lw_Slot **buf) {
  if (*buf == NULL) *buf = (lw_Slot *)lwM_raw(LW_BATCH * sizeof(lw_Slot));
  return *buf;
}
