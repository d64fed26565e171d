/*
** host.c
** The host functions of csrc/lwcore.h, in C, following the ownership rules
** lib/host.js follows: MAP and SCAN consume their inputs, the tests borrow;
** on failure everything the call consumed or produced is released.
*/
#include <string.h>

#include "host.h"

int th_passed, th_failed;

enum { FREE, VALUE, BOOL, SOURCE, CALLBACK, ARRAY, SET };

typedef struct Entry {
  int kind, rc;
  double payload;
  void *ptr;             /* hs_Source, hs_Callback */
  lw_Slot *slots;        /* ARRAY: its elements (owned); SET: payloads seen, as doubles */
  int n;
  hs_Source own;         /* a source this table made (flatMap's inner arrays) */
  double ownvalues[8];
} Entry;

#define MAXH 4096
static Entry table[MAXH] = { { FREE, 0, 0, NULL, NULL, 0, { NULL, 0, 0, 0, 0, 0, 0, 0 }, { 0 } },
                             { BOOL, 1 << 30, 1, NULL, NULL, 0, { NULL, 0, 0, 0, 0, 0, 0, 0 }, { 0 } },
                             { BOOL, 1 << 30, 0, NULL, NULL, 0, { NULL, 0, 0, 0, 0, 0, 0, 0 }, { 0 } } };
int hs_packed_len;
double hs_packed[64];

static uint32_t newhandle (int kind) {
  uint32_t h;
  for (h = 3; h < MAXH; h++) {
    if (table[h].kind == FREE) {
      memset(&table[h], 0, sizeof table[h]);
      table[h].kind = kind;
      table[h].rc = 1;
      return h;
    }
  }
  fprintf(stderr, "host.c: handle table full\n");
  exit(2);
}

uint32_t hs_value (double payload) {
  uint32_t h = newhandle(VALUE);
  table[h].payload = payload;
  return h;
}

double hs_payload (uint32_t h) { return table[h].payload; }
lw_Slot hs_slot (double payload) { return lw_mkhandle(hs_value(payload)); }

int hs_live (void) {
  int h, n = 0;
  for (h = 3; h < MAXH; h++) n += table[h].kind != FREE;
  return n;
}

uint32_t hs_source (hs_Source *s) {
  uint32_t h = newhandle(SOURCE);
  table[h].ptr = s;
  return h;
}

uint32_t hs_callback (hs_Callback *c) {
  uint32_t h = newhandle(CALLBACK);
  table[h].ptr = c;
  return h;
}

uint32_t hs_set (void) { return newhandle(SET); }

/* The number a slot stands for: itself, or its handle's payload. */
static double number (lw_Slot s) { return lw_ishandle(s) ? table[lw_handle(s)].payload : lw_num(s); }

void lw_host_retain (uint32_t h) {
  if (table[h].kind == FREE) { fprintf(stderr, "retain of a free handle %u\n", h); abort(); }
  table[h].rc++;
}

void lw_host_release (uint32_t h) {
  Entry *e = &table[h];
  if (e->kind == FREE || e->rc <= 0) { fprintf(stderr, "release of a free handle %u\n", h); abort(); }
  if (e->kind == BOOL || --e->rc > 0) return;
  if (e->kind == ARRAY) {
    int i;
    for (i = 0; i < e->n; i++) lw_release(e->slots[i]);
  }
  free(e->slots);
  e->kind = FREE;
}

static hs_Source *source_of (uint32_t h) {
  return table[h].ptr != NULL ? (hs_Source *)table[h].ptr : &table[h].own;
}

int lw_host_fill (uint32_t h, lw_Slot *out, int cap) {
  hs_Source *s = source_of(h);
  int k;
  if (s->done) return 0;
  for (k = 0; k < cap; k++) {
    if (s->nexts++ == s->fail_at) {
      lwS_releaseall(out, k);
      s->done = 1;
      return LW_EHOST;
    }
    if (s->pos >= s->n) { s->done = 1; break; }
    out[k] = s->as_handles ? hs_slot(s->values[s->pos]) : lw_mknum(s->values[s->pos]);
    s->pos++;
  }
  return k;
}

int lw_host_close (uint32_t h, int abrupt) {
  hs_Source *s = source_of(h);
  (void)abrupt;
  if (!s->done) { s->done = 1; s->closes++; }
  return LW_OK;
}

/* A handle keeps a handle: a new value with the result; a number stays a number. */
static lw_Slot result (lw_Slot in, double v) { return lw_ishandle(in) ? hs_slot(v) : lw_mknum(v); }

int lw_host_call (uint32_t fn, int mode, lw_Slot *in, void *out, int n, double index0) {
  hs_Callback *c = (hs_Callback *)table[fn].ptr;
  lw_Slot *o = (lw_Slot *)out;
  uint8_t *flags = (uint8_t *)out;
  int i;
  for (i = 0; i < n; i++) {
    double x = number(in[i]), r;
    if (c->calls++ == c->fail_at) {
      if (mode == LW_CALL_MAP) { lwS_releaseall(o, i); lwS_releaseall(in + i, n - i); }
      if (mode == LW_CALL_SCAN) { lwS_releaseall(in, n); lw_release(o[0]); }
      if (mode == LW_CALL_FLAT) lw_release(in[0]);
      return LW_EHOST;
    }
    switch (mode) {
      case LW_CALL_MAP:
        r = c->f(x, index0 + i);
        lw_release(in[i]);
        o[i] = result(in[i], r);
        break;
      case LW_CALL_EVAL: case LW_CALL_TEST:
        r = c->f(x, index0 + i);
        flags[i] = r != 0 && r == r;
        if (mode == LW_CALL_TEST && !flags[i]) return i + 1;
        break;
      case LW_CALL_FLAT: {
        uint32_t h = newhandle(SOURCE);
        int k;
        lw_release(in[0]);
        for (k = 0; k < (int)c->inner_len && k < 8; k++) table[h].ownvalues[k] = x;
        table[h].own.values = table[h].ownvalues;
        table[h].own.n = k;
        table[h].own.fail_at = -1;
        o[0] = lw_mkhandle(h);
        return 1;
      }
      case LW_CALL_SCAN: {
        double acc = number(o[0]);
        lw_release(o[0]);
        lw_release(in[i]);
        acc = c->f2(acc, x, index0 + i);
        o[0] = lw_mknum(acc);
        in[i] = lw_mknum(acc);
        break;
      }
    }
  }
  return n;
}

int lw_host_pack (lw_Slot *in, int n) {
  uint32_t h = newhandle(ARRAY);
  int i;
  table[h].slots = (lw_Slot *)malloc((size_t)(n > 0 ? n : 1) * sizeof(lw_Slot));
  memcpy(table[h].slots, in, (size_t)n * sizeof(lw_Slot));
  table[h].n = n;
  hs_packed_len = n;
  for (i = 0; i < n && i < 64; i++) hs_packed[i] = number(in[i]);
  return (int)h;
}

int lw_host_same (uint32_t a, uint32_t b) {
  double x = table[a].payload, y = table[b].payload;
  return x == y || (x != x && y != y);
}

int lw_host_seen (uint32_t set, uint32_t h) {
  Entry *e = &table[set];
  double v = table[h].payload;
  int i;
  for (i = 0; i < e->n; i++) if (lw_num(e->slots[i]) == v) return 0;
  e->slots = (lw_Slot *)realloc(e->slots, (size_t)(e->n + 1) * sizeof(lw_Slot));
  e->slots[e->n++] = lw_mknum(v);
  return 1;
}

int th_drain (lw_Pipe *p, double *out, int max) {
  lw_Slot *buf = lw_pipe_buf(p);
  int k, i, total = 0;
  while ((k = lw_pull(p, LW_BATCH)) > 0) {
    for (i = 0; i < k; i++) {
      if (total < max) out[total] = number(buf[i]);
      total++;
      lw_release(buf[i]);
    }
  }
  return k < 0 ? k : total;
}

int th_done (void) {
  CHECK(hs_live() == 0);
  CHECK(lw_mem_used() == 0);
  if (hs_live() != 0) fprintf(stderr, "%d handles leaked\n", hs_live());
  if (lw_mem_used() != 0) fprintf(stderr, "%.0f bytes of core memory leaked\n", lw_mem_used());
  printf("%d passed, %d failed\n", th_passed, th_failed);
  return th_failed == 0 ? 0 : 1;
}
