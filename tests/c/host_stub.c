/*
** host_stub.c
** The host functions of csrc/lwcore.h in C (see host_stub.h), with the
** ownership rules of lib/host.js and lib/values.js, and the helpers the
** tests share: checks, formatting, draining, the event log.
*/
#include <math.h>

#include "host_stub.h"
#include "lwnum.h"

int hs_checks;
int hs_packs, hs_pack_fail_at;

/* ASan's stack trace, when linked in (it always is under build.sh test-c). */
void __sanitizer_print_stack_trace (void) __attribute__((weak));


/* ---- checks ---- */

void hs_fail (const char *file, int line, const char *what, const char *detail) {
  fflush(stdout);
  fprintf(stderr, "%s:%d: check failed: %s%s%s\n", file, line, what, detail ? "\n    " : "", detail ? detail : "");
  printf("%d passed, 1 failed\n", hs_checks);
  fflush(stdout);
  exit(1);
}

/* A broken rule of the boundary, found inside the host: fail with where the core called from. */
static void misuse (const char *fmt, unsigned a, long long b) {
  fflush(stdout);
  fprintf(stderr, "host_stub: ");
  fprintf(stderr, fmt, a, b);
  fprintf(stderr, "\n");
  if (__sanitizer_print_stack_trace) __sanitizer_print_stack_trace();
  printf("%d passed, 1 failed\n", hs_checks);
  fflush(stdout);
  exit(1);
}

static char detail[512];

const char *hs_strs (const char *got, const char *want) {
  snprintf(detail, sizeof detail, "got:  \"%.200s\"\n    want: \"%.200s\"", got, want);
  return detail;
}

const char *hs_ints (long long got, long long want) {
  snprintf(detail, sizeof detail, "got %lld, want %lld", got, want);
  return detail;
}

const char *hs_nums (double got, double want) {
  snprintf(detail, sizeof detail, "got %.17g (0x%016llx), want %.17g (0x%016llx)", got,
           (unsigned long long)hs_bits(got), want, (unsigned long long)hs_bits(want));
  return detail;
}

int hs_samevalue (double a, double b) {
  if (a != a) return b != b;
  return a == b && signbit(a) == signbit(b);
}

uint64_t hs_bits (double d) { uint64_t u; memcpy(&u, &d, sizeof u); return u; }
double hs_dbl (uint64_t bits) { double d; memcpy(&d, &bits, sizeof d); return d; }


/* ---- the handle table: never reused, so a stale handle is always caught ---- */

typedef struct Entry {
  int kind, rc;
  int64_t payload;       /* HS_OBJ, HS_BOOL */
  lw_Slot *slots;        /* HS_ARRAY: its elements (owned) */
  int n;
  int64_t *keys;         /* HS_SET: (kind, key) pairs seen */
  int nkeys;
  hs_Source *src;        /* HS_SOURCE */
  hs_Callback *inner_of; /* HS_SOURCE made by a flatMap callback: the source and its values are ours */
  double *own_vals;
  hs_Callback *cb;       /* HS_FN */
  int *opens;            /* HS_OPENER: its source is 'src' */
  uint32_t *limbs;       /* HS_BIGINT: the magnitude, least significant limb first (owned) */
  int nlimbs, neg;
  char *text;            /* HS_TEXT: its bytes, NUL-terminated (owned) */
  struct hs_Stage *chain; /* HS_CHAIN: n stages (owned) */
} Entry;

static Entry *table;
static size_t ntable, roomtable;
static int live;

static void init_table (void) {
  if (table != NULL) return;
  roomtable = 1024;
  table = (Entry *)calloc(roomtable, sizeof(Entry));
  if (table == NULL) abort();
  table[1].kind = table[2].kind = HS_BOOL;   /* LW_TRUE, LW_FALSE: for ever */
  table[1].payload = 1;
  table[1].rc = table[2].rc = 1;
  table[3].kind = HS_BOOL;                   /* LW_UNDEFINED, which only the wrapper writes: falsy, for ever */
  table[3].rc = 1;
  ntable = 4;
}

static uint32_t newhandle (int kind) {
  Entry *e;
  init_table();
  if (ntable == roomtable) {
    roomtable *= 2;
    table = (Entry *)realloc(table, roomtable * sizeof(Entry));
    if (table == NULL) abort();
  }
  e = &table[ntable];
  memset(e, 0, sizeof *e);
  e->kind = kind;
  e->rc = 1;
  live++;
  return (uint32_t)ntable++;
}

/* The entry of a live handle; a stale or unknown one is a bug of the core. */
static Entry *entry (uint32_t h, const char *use) {
  init_table();
  if (h == 0 || h >= ntable || table[h].kind == HS_FREE) {
    fflush(stdout);
    fprintf(stderr, "host_stub: %s of handle %u, which is %s\n", use, h,
            h == 0 || h >= ntable ? "not a handle" : "already released");
    if (__sanitizer_print_stack_trace) __sanitizer_print_stack_trace();
    printf("%d passed, 1 failed\n", hs_checks);
    exit(1);
  }
  return &table[h];
}

static int permanent (uint32_t h) { return h >= LW_TRUE && h <= LW_UNDEFINED; }

uint32_t hs_obj (int64_t payload) {
  uint32_t h = newhandle(HS_OBJ);
  table[h].payload = payload;
  return h;
}

lw_Slot hs_objslot (int64_t payload) { return lw_mkhandle(hs_obj(payload)); }

int hs_kind (uint32_t h) { init_table(); return h < ntable ? table[h].kind : HS_FREE; }
int hs_refs (uint32_t h) { init_table(); return h < ntable && table[h].kind != HS_FREE ? table[h].rc : 0; }
int64_t hs_payload (uint32_t h) { return entry(h, "hs_payload")->payload; }
int hs_array_len (uint32_t h) { return entry(h, "hs_array_len")->n; }
lw_Slot hs_array_at (uint32_t h, int i) { return entry(h, "hs_array_at")->slots[i]; }
int hs_live (void) { return live; }

void hs_release_all (const lw_Slot *s, int n) {
  int i;
  for (i = 0; i < n; i++) if (lw_ishandle(s[i])) lw_host_release(lw_handle(s[i]));
}

double hs_number (lw_Slot s) {
  Entry *e;
  if (!lw_ishandle(s)) return lw_num(s);
  e = entry(lw_handle(s), "reading the value");
  return e->kind == HS_OBJ || e->kind == HS_BOOL ? (double)e->payload : NAN;
}

/* A double as an object payload, without undefined conversions. */
static int64_t to_payload (double r) {
  if (!(r > -9.2e18 && r < 9.2e18)) return 0;
  return (int64_t)r;
}


/* ---- the event log ---- */

static char logbuf[1 << 16];
static size_t loglen;

void hs_log_clear (void) { loglen = 0; logbuf[0] = '\0'; }
const char *hs_log (void) { return logbuf; }

static void logf_ (const char *a, const char *b, const char *c) {
  int w = snprintf(logbuf + loglen, sizeof logbuf - loglen, "%s%s%s ", a, b, c);
  if (w > 0 && loglen + (size_t)w < sizeof logbuf) loglen += (size_t)w;
}


/* ---- formatting ---- */

static char ring[8][1 << 16];
static int ringpos;

static char *nextbuf (void) {
  char *b = ring[ringpos];
  ringpos = (ringpos + 1) % 8;
  b[0] = '\0';
  return b;
}

static void fmtnum (double d, char *buf, size_t size) {
  int prec;
  if (d != d) { snprintf(buf, size, "NaN"); return; }
  if (isinf(d)) { snprintf(buf, size, d > 0 ? "Infinity" : "-Infinity"); return; }
  if (d == 0) { snprintf(buf, size, signbit(d) ? "-0" : "0"); return; }
  for (prec = 1; prec <= 17; prec++) {   /* the shortest text that reads back as d */
    snprintf(buf, size, "%.*g", prec, d);
    if (strtod(buf, NULL) == d) break;
  }
  if (strchr(buf, 'e') != NULL && fabs(d) >= 1e-7 && fabs(d) < 1e21) {   /* JS writes these plainly */
    int decimals = prec - 1 - (int)floor(log10(fabs(d)));
    snprintf(buf, size, "%.*f", decimals > 0 ? decimals : 0, d);
  }
}

/* A BigInt in decimal, into buf (very long ones are cut with "…"). */
static const char *bigdec (const Entry *e, char *buf, size_t size) {
  uint32_t *m = (uint32_t *)malloc((size_t)(e->nlimbs + 1) * sizeof(uint32_t));
  char digits[4096];
  size_t nd = 0;
  int n = e->nlimbs, i;
  if (m == NULL) abort();
  if (n) memcpy(m, e->limbs, (size_t)n * sizeof(uint32_t));
  do {   /* divide by 10 until nothing is left: the digits come last first */
    uint64_t r = 0;
    for (i = n - 1; i >= 0; i--) {
      uint64_t cur = (r << 32) | m[i];
      m[i] = (uint32_t)(cur / 10);
      r = cur % 10;
    }
    while (n > 0 && m[n - 1] == 0) n--;
    if (nd < sizeof digits) digits[nd++] = (char)('0' + r);
  } while (n > 0);
  free(m);
  i = 0;
  if (e->neg && (size_t)i + 1 < size) buf[i++] = '-';
  while (nd > 0 && (size_t)i + 4 < size) buf[i++] = digits[--nd];
  if (nd > 0) { memcpy(buf + i, "\xe2\x80\xa6", 3); i += 3; }
  buf[i] = '\0';
  return buf;
}

/* Append the text of 's' at buf[*len], within 'size'. */
static void fmtslot (lw_Slot s, char *buf, size_t *len, size_t size) {
  char tmp[1200];
  Entry *e;
  int i;
  if (*len + sizeof tmp >= size) return;
  if (!lw_ishandle(s)) {
    fmtnum(lw_num(s), tmp, sizeof tmp);
    *len += (size_t)snprintf(buf + *len, size - *len, "%s", tmp);
    return;
  }
  e = entry(lw_handle(s), "formatting");
  switch (e->kind) {
    case HS_OBJ:
      *len += (size_t)snprintf(buf + *len, size - *len, "#%lld", (long long)e->payload);
      break;
    case HS_BOOL:
      *len += (size_t)snprintf(buf + *len, size - *len, "%s", e->payload ? "true" : "false");
      break;
    case HS_TEXT:
      *len += (size_t)snprintf(buf + *len, size - *len, "'%s'", e->text);
      buf[size - 1] = '\0';
      if (*len >= size) *len = size - 1;
      break;
    case HS_ARRAY:
      buf[(*len)++] = '[';
      for (i = 0; i < e->n; i++) {
        if (i > 0 && *len + 1 < size) buf[(*len)++] = ',';
        fmtslot(e->slots[i], buf, len, size);
      }
      if (*len + 1 < size) buf[(*len)++] = ']';
      buf[*len] = '\0';
      break;
    case HS_BIGINT:
      *len += (size_t)snprintf(buf + *len, size - *len, "%sn", bigdec(e, tmp, sizeof tmp));
      break;
    default:
      *len += (size_t)snprintf(buf + *len, size - *len, "<handle %u>", lw_handle(s));
  }
}

const char *hs_fmt (lw_Slot s) {
  char *b = nextbuf();
  size_t len = 0;
  fmtslot(s, b, &len, sizeof ring[0]);
  return b;
}

/* Append a batch's text to b (after what is there), releasing its values. */
static void appendbatch (char *b, size_t *len, const lw_Slot *v, int k) {
  int i;
  for (i = 0; i < k; i++) {
    if (*len > 0 && *len + 1 < sizeof ring[0]) { b[(*len)++] = ' '; b[*len] = '\0'; }
    fmtslot(v[i], b, len, sizeof ring[0]);
  }
  hs_release_all(v, k);
}

const char *hs_pull (lw_Pipe *p, int cap) {
  char *b = nextbuf();
  size_t len = 0;
  int k = lw_pull(p, cap);
  if (k < 0) snprintf(b, sizeof ring[0], "!%d", k);
  else appendbatch(b, &len, lw_pipe_buf(p), k);
  return b;
}

const char *hs_drain (lw_Pipe *p, int cap) {
  char *b = nextbuf();
  size_t len = 0;
  int k, total = 0;
  while ((k = lw_pull(p, cap)) > 0) {
    appendbatch(b, &len, lw_pipe_buf(p), k);
    if ((total += k) > 1000000) hs_fail(__FILE__, __LINE__, "hs_drain: a million values and no end", NULL);
  }
  if (k < 0 && len + 16 < sizeof ring[0]) snprintf(b + len, sizeof ring[0] - len, "%s!%d", len ? " " : "", k);
  return b;
}


/* ---- sources ---- */

hs_Source hs_gen (const char *name, const double *vals, int n) {
  hs_Source s;
  memset(&s, 0, sizeof s);
  s.name = name; s.iter = 1; s.vals = vals; s.n = n;
  return s;
}

hs_Source hs_arr (const double *vals, int n) {
  hs_Source s;
  memset(&s, 0, sizeof s);
  s.vals = vals; s.n = n;
  return s;
}

uint32_t hs_source (hs_Source *s) {
  uint32_t h = newhandle(HS_SOURCE);
  table[h].src = s;
  return h;
}

lw_Node *hs_node (hs_Source *s, int numeric) {
  return lw_host(hs_source(s), s->iter, numeric);
}

static void srclog (hs_Source *s, const char *what) {
  if (s->name != NULL) logf_(s->name, ".", what);
}

/* Whether a batch ends after value v, by '*typed' (lw_host_chain's rule); updates '*typed'. */
static int ends_batch (int *typed, lw_Slot v) {
  int type = lw_ishandle(v) ? LW_TYPE_OTHER : LW_TYPE_NUMBER, changed;
  if (*typed == 0) return 0;
  if (*typed == LW_TYPE_EACH) return type != LW_TYPE_NUMBER;
  changed = type != *typed;
  *typed = type;
  return changed;
}

int lw_host_fill (uint32_t h, lw_Slot *out, int cap, int *typed) {
  Entry *e = entry(h, "lw_host_fill");
  hs_Source *s;
  int k;
  if (e->kind != HS_SOURCE) misuse("lw_host_fill of handle %u, not a source (%lld)", h, e->kind);
  if (cap < 1) misuse("lw_host_fill of source %u with cap %lld: the core asks for nothing", h, cap);
  s = e->src;
  s->fills++;
  if (cap > s->max_cap) s->max_cap = cap;
  if (s->iter && s->done) return 0;   /* a finished iterator is never asked again */
  for (k = 0; k < cap; k++) {
    double v;
    if (s->iter) {
      s->nexts++;
      if (e->inner_of != NULL) e->inner_of->inner_nexts++;
      srclog(s, "next");
      if (s->nexts == s->fail_at) {   /* next() threw: what this fill made is let go; never closed */
        hs_release_all(out, k);
        s->done = 1;
        return LW_EHOST;
      }
    }
    if (s->n >= 0 && s->pos >= s->n) {
      if (s->iter) s->done = 1;
      break;
    }
    if (!s->iter) s->nexts++;
    if (s->vals != NULL) memcpy(&v, &s->vals[s->pos], sizeof v);
    else v = s->pos;
    s->pos++;
    if (s->objects || (s->pos - 1 < 64 && (s->object_mask >> (s->pos - 1) & 1)))
      out[k] = hs_objslot(to_payload(v));
    else if (s->raw) memcpy(&out[k], &v, sizeof v);
    else out[k] = lw_mknum(v);
    if (ends_batch(typed, out[k])) return k + 1;
  }
  return k;
}

int lw_host_close (uint32_t h, int abrupt) {
  Entry *e = entry(h, "lw_host_close");
  hs_Source *s;
  if (e->kind != HS_SOURCE) misuse("lw_host_close of handle %u, not a source (%lld)", h, e->kind);
  s = e->src;
  s->close_calls++;
  if (!s->iter || s->done) return LW_OK;   /* arrays have nothing to close; done iterators aren't closed */
  s->done = 1;
  s->closes++;
  if (abrupt) s->abrupt++;
  if (e->inner_of != NULL) e->inner_of->inner_closes++;
  srclog(s, "return");
  if (s->close_fails && !abrupt) return LW_EHOST;
  return LW_OK;
}


/* ---- callbacks ---- */

hs_Callback hs_cb (const char *name, double (*f) (double, double)) {
  hs_Callback c;
  memset(&c, 0, sizeof c);
  c.name = name; c.f = f;
  return c;
}

uint32_t hs_callback (hs_Callback *c) {
  uint32_t h = newhandle(HS_FN);
  table[h].cb = c;
  return h;
}

uint32_t hs_set (void) { return newhandle(HS_SET); }

uint32_t hs_opener (hs_Source *s, int *opens) {
  uint32_t h = newhandle(HS_OPENER);
  table[h].src = s;
  table[h].opens = opens;
  return h;
}

lw_Node *lw_host_open (uint32_t h) {
  Entry *e = entry(h, "lw_host_open");
  if (e->kind != HS_OPENER) misuse("lw_host_open of handle %u, not an opener (%lld)", h, e->kind);
  (*e->opens)++;
  if (e->src->fail_at == -1) return NULL;
  return hs_node(e->src, 0);
}

double hs_square (double x, double i) { (void)i; return x * x; }
double hs_is_even (double x, double i) { (void)i; return fmod(x, 2) == 0; }
double hs_is_odd (double x, double i) { (void)i; return fabs(fmod(x, 2)) == 1; }
double hs_lt4 (double x, double i) { (void)i; return x < 4; }
double hs_yes (double x, double i) { (void)x; (void)i; return 1; }
double hs_no (double x, double i) { (void)x; (void)i; return 0; }
double hs_identity (double x, double i) { (void)i; return x; }
double hs_add_index (double x, double i) { return x + i; }
double hs_add (double acc, double x, double i) { (void)i; return acc + x; }

/* A result of kind 'out' for a value computed from an input that was (or not) an object. */
static lw_Slot result (int out, int was_object, double r) {
  uint32_t h;
  switch (out) {
    case HS_NUM: return lw_mknum(r);
    case HS_OBJECT: return hs_objslot(to_payload(r));
    case HS_BOOLEAN:
      h = newhandle(HS_BOOL);   /* JS holds a new handle for each true or false written */
      table[h].payload = r != 0 && r == r;
      return lw_mkhandle(h);
    default: return was_object ? hs_objslot(to_payload(r)) : lw_mknum(r);
  }
}

/* One call of the JS function: counts, logs, and says whether it throws. */
static int callone (hs_Callback *c, lw_Slot x, double index) {
  c->calls++;
  if (c->calls <= 256) c->idx[c->calls - 1] = index;
  if (c->name != NULL) {
    char t[80];
    snprintf(t, sizeof t, "(%s)", hs_fmt(x));
    logf_(c->name, t, "");
  }
  return c->calls == c->fail_at;
}

static int isobj (lw_Slot s) { return lw_ishandle(s) && table[lw_handle(s)].kind == HS_OBJ; }

/* The host's own copy of a chain's stages (lw_Stages.state), which it advances. */
typedef struct hs_Stage {
  uint32_t fn, kind;
  double index;
  lw_Slot acc;           /* a reference of its own */
} hs_Stage;

static hs_Stage *chain_state (lw_Stages *list) {
  Entry *e;
  int s;
  if (list->n < 1) misuse("lw_host_chain of %u stages (%lld)", (unsigned)list->n, 0);
  if (list->state == 0) {
    hs_Stage *copy = (hs_Stage *)calloc((size_t)list->n, sizeof *copy);
    uint32_t h;
    if (copy == NULL) abort();
    for (s = 0; s < list->n; s++) {
      copy[s].fn = list->stages[s].fn;
      copy[s].kind = list->stages[s].kind;
      copy[s].acc = list->stages[s].acc;
      if (copy[s].kind == LW_STAGE_SCAN) lw_retain(copy[s].acc);
    }
    h = newhandle(HS_CHAIN);
    table[h].chain = copy;
    table[h].n = list->n;
    list->state = h;
  }
  e = entry(list->state, "lw_host_chain");
  if (e->kind != HS_CHAIN || e->n != list->n) misuse("lw_host_chain with state %u, not this chain's (%lld)", list->state, e->kind);
  return e->chain;
}

/*
** The chain host: each value through every stage in order (the calls
** counted per stage's callback as MAP, EVAL or SCAN calls of one value each;
** each stage's callback counted one host call per chain call).
*/
#define HS_STAGE_PASS 100   /* the stub's own: a dropWhile whose predicate was falsy once */

int lw_host_chain (lw_Stages *list, lw_Slot *io, int n, int *typed, int *kept) {
  int i, j = 0, s, nstages = list->n, most = *kept;
  hs_Stage *stages = chain_state(list);
  if (n < 1) misuse("lw_host_chain of %u stages with n = %lld", (unsigned)nstages, n);
  for (s = 0; s < nstages; s++) {
    Entry *e = entry(stages[s].fn, "lw_host_chain");
    if (e->kind != HS_FN) misuse("lw_host_chain of handle %u, not a function (%lld)", stages[s].fn, e->kind);
    e->cb->host_calls++;
    if (n > e->cb->max_n) e->cb->max_n = n;
  }
  for (i = 0; i < n; i++) (void)hs_number(io[i]);   /* every input is a live value */
  if (most < 1) misuse("lw_host_chain of %u stages with at most %lld values to keep", (unsigned)nstages, most);
  if (list->stopped) misuse("lw_host_chain of %u stages after a takeWhile stopped them (%lld)", (unsigned)nstages, 0);
  for (i = 0; i < n; i++) {
    lw_Slot v = io[i];
    int alive = 1;
    for (s = 0; s < nstages && alive; s++) {
      hs_Stage *st = &stages[s];
      hs_Callback *c = table[st->fn].cb;
      double x, idx, r;
      int obj;
      if (st->kind == HS_STAGE_PASS) continue;   /* (no index, as the wrapper's) */
      x = hs_number(v);
      idx = st->index++;
      obj = isobj(v);
      if (st->kind == LW_STAGE_SEED) {   /* the first value: passed on, and the accumulator */
        st->kind = LW_STAGE_SCAN;
        st->acc = v;
        lw_retain(v);
        continue;
      }
      c->modes[st->kind == LW_STAGE_MAP ? LW_CALL_MAP : st->kind == LW_STAGE_SCAN ? LW_CALL_SCAN : LW_CALL_EVAL]++;
      if (callone(c, v, idx)) {   /* it threw: every slot is let go */
        lw_release(v);
        hs_release_all(io, j);
        hs_release_all(io + i + 1, n - i - 1);
        return LW_EHOST;
      }
      if (st->kind == LW_STAGE_SCAN) {   /* the new accumulator is passed on */
        int accobj = (isobj(st->acc) || obj) && c->out == HS_SAME;
        r = c->f2(hs_number(st->acc), x, idx);
        lw_release(st->acc);
        lw_release(v);
        st->acc = v = result(c->out, accobj, r);
        lw_retain(v);
        continue;
      }
      r = c->f(x, idx);
      if (st->kind == LW_STAGE_MAP) {
        lw_release(v);
        v = result(c->out, obj, r);
      }
      else if (st->kind == LW_STAGE_DROPWHILE) {
        if (r != 0 && r == r) { lw_release(v); alive = 0; }
        else st->kind = HS_STAGE_PASS;
      }
      else if (!(r != 0 && r == r)) {   /* filter drops the value; takeWhile stops the chain */
        lw_release(v);
        alive = 0;
        if (st->kind == LW_STAGE_TAKEWHILE) {
          list->stopped = 1;
          *kept = j;
          return i + 1;
        }
      }
    }
    if (!alive) continue;
    io[j++] = v;
    if (ends_batch(typed, v) || j == most) { *kept = j; return i + 1; }   /* the stub's handles are all of one type */
  }
  *kept = j;
  return n;
}

/* As the wrapper's: a fill of one value, then a chain of it, until cap values were kept. */
int lw_host_fillchain (uint32_t src, lw_Stages *stages, lw_Slot *out, int cap, int *typed, double *left) {
  int kept = 0;
  Entry *e = entry(src, "lw_host_fillchain");
  if (e->kind != HS_SOURCE || !e->src->iter) misuse("lw_host_fillchain of handle %u, not an iterator (%lld)", src, e->kind);
  e->src->fillchains++;
  while (kept < cap && *left > 0) {
    int untyped = 0, was = *typed, k = lw_host_fill(src, out + kept, 1, &untyped), one = 1;
    if (k == 0) break;
    if (k > 0) *left -= 1;
    if (k < 0 || lw_host_chain(stages, out + kept, 1, typed, &one) < 0) {
      hs_release_all(out, kept);
      return LW_EHOST;
    }
    kept += one;
    if (stages->stopped) break;
    if (one && (was == LW_TYPE_EACH ? lw_ishandle(out[kept - 1]) : was != 0 && *typed != was)) break;
  }
  return kept;
}

int lw_host_call (uint32_t fn, int mode, lw_Slot *in, void *out, int n, double index0) {
  Entry *e = entry(fn, "lw_host_call");
  hs_Callback *c;
  lw_Slot *o = (lw_Slot *)out;
  uint8_t *flags = (uint8_t *)out;
  int i;
  if (e->kind != HS_FN) misuse("lw_host_call of handle %u, not a function (%lld)", fn, e->kind);
  if (n < 1) misuse("lw_host_call of %u with n = %lld", fn, n);
  if (mode == LW_CALL_FLAT && n != 1) misuse("lw_host_call FLAT of %u with n = %lld", fn, n);
  c = e->cb;
  c->host_calls++;
  if (mode >= 0 && mode <= LW_CALL_APPLY) c->modes[mode]++;
  else misuse("lw_host_call of %u: unknown mode %lld", fn, mode);
  if (n > c->max_n) c->max_n = n;
  for (i = 0; i < n; i++) (void)hs_number(in[i]);   /* every input is a live value */
  switch (mode) {
    case LW_CALL_MAP:
      for (i = 0; i < n; i++) {
        lw_Slot v = in[i];
        double x = hs_number(v);
        int obj = isobj(v), fails = callone(c, v, index0 + i);
        lw_release(v);   /* read with 'consume' before the call */
        if (fails) {     /* outputs so far and inputs not read yet are let go */
          hs_release_all(o, i);
          hs_release_all(in + i + 1, n - i - 1);
          return LW_EHOST;
        }
        o[i] = result(c->out, obj, c->f(x, index0 + i));
      }
      return n;
    case LW_CALL_EVAL: case LW_CALL_TEST:
      for (i = 0; i < n; i++) {
        double r;
        if (callone(c, in[i], index0 + i)) return LW_EHOST;   /* borrowed: nothing to let go */
        r = c->f(hs_number(in[i]), index0 + i);
        flags[i] = r != 0 && r == r;
        if (mode == LW_CALL_TEST && !flags[i]) return i + 1;
      }
      return n;
    case LW_CALL_FLAT: {
      double x = hs_number(in[0]), base;
      int fails = callone(c, in[0], index0), len, k;
      uint32_t h;
      hs_Source *s;
      lw_release(in[0]);
      if (fails) return LW_EHOST;
      base = c->f != NULL ? c->f(x, index0) : x;
      len = c->inner_n >= 0 ? c->inner_n : (int)to_payload(base);
      h = newhandle(HS_SOURCE);
      s = (hs_Source *)calloc(1, sizeof *s);
      table[h].own_vals = (double *)calloc((size_t)(len > 0 ? len : 1), sizeof(double));
      if (s == NULL || table[h].own_vals == NULL) abort();
      for (k = 0; k < len; k++) table[h].own_vals[k] = c->inner_n >= 0 ? base + k : k;
      s->name = c->name != NULL ? "in" : NULL;
      s->iter = 1;
      s->vals = table[h].own_vals;
      s->n = len;
      s->fail_at = c->inner_fail_at;
      s->close_fails = c->inner_close_fails;
      table[h].src = s;
      table[h].inner_of = c;
      c->inner_made++;
      o[0] = lw_mkhandle(h);
      return 1;
    }
    case LW_CALL_SCAN: {
      double acc = hs_number(o[0]);
      int accobj = isobj(o[0]);
      lw_release(o[0]);   /* the old accumulator is consumed */
      for (i = 0; i < n; i++) {
        double x = hs_number(in[i]);
        int obj = accobj || isobj(in[i]), fails = callone(c, in[i], index0 + i);
        lw_release(in[i]);
        if (fails) {   /* copies written so far and inputs not read yet are let go */
          hs_release_all(in, i);
          hs_release_all(in + i + 1, n - i - 1);
          return LW_EHOST;
        }
        acc = c->f2(acc, x, index0 + i);
        accobj = obj && c->out == HS_SAME;
        in[i] = result(c->out, accobj, acc);
      }
      o[0] = result(c->out, accobj, acc);
      return n;
    }
    case LW_CALL_APPLY: {   /* borrows its inputs: one call of n arguments */
      double acc = hs_number(in[0]);
      int obj = isobj(in[0]);
      if (callone(c, in[0], index0)) return LW_EHOST;
      for (i = 1; i < n; i++) {
        acc = c->f2(acc, hs_number(in[i]), index0);
        obj |= isobj(in[i]);
      }
      o[0] = result(c->out, obj && c->out == HS_SAME, acc);
      return 1;
    }
  }
  return LW_EHOST;
}


/* ---- pack, same, seen, retain, release ---- */

int lw_host_pack (lw_Slot *in, int n) {
  uint32_t h;
  int i;
  if (n < 0) misuse("lw_host_pack of %u slots (%lld)", 0, n);
  for (i = 0; i < n; i++) (void)hs_number(in[i]);
  hs_packs++;
  if (hs_packs == hs_pack_fail_at) {
    hs_release_all(in, n);
    return LW_EHOST;
  }
  h = newhandle(HS_ARRAY);
  table[h].slots = (lw_Slot *)malloc((size_t)(n > 0 ? n : 1) * sizeof(lw_Slot));
  if (table[h].slots == NULL) abort();
  if (n > 0) memcpy(table[h].slots, in, (size_t)n * sizeof(lw_Slot));
  table[h].n = n;
  return (int)h;
}

int lw_host_packrows (lw_Slot *in, int width, int k, int stride, int consume, lw_Slot *out) {
  int i, j, h;
  if (width < 0 || k < 1 || (consume && stride != width)) misuse("lw_host_packrows of %u rows (%lld)", (unsigned)k, width);
  for (i = 0; i < k; i++) {
    lw_Slot *row = in + (size_t)i * (size_t)stride;
    if (!consume) for (j = 0; j < width; j++) lw_retain(row[j]);   /* the array holds its own copies */
    if ((h = lw_host_pack(row, width)) < 0) {                      /* it let go of this row's slots */
      hs_release_all(out, i);
      if (consume) hs_release_all(in + (size_t)(i + 1) * (size_t)stride, (k - i - 1) * width);
      return h;
    }
    out[i] = lw_mkhandle((uint32_t)h);
  }
  return k;
}

/* The key SameValueZero compares a handle's value by: (kind, payload) or its identity. */
static void keyof (uint32_t h, int64_t key[2]) {
  Entry *e = entry(h, "comparing");
  key[0] = e->kind == HS_BOOL || e->kind == HS_OBJ ? e->kind : -1;
  key[1] = key[0] >= 0 ? e->payload : (int64_t)h;
}

int lw_host_same (uint32_t a, uint32_t b) {
  int64_t ka[2], kb[2];
  keyof(a, ka);
  keyof(b, kb);
  return ka[0] == kb[0] && ka[1] == kb[1];
}

int lw_host_seen (uint32_t set, uint32_t h) {
  Entry *e = entry(set, "lw_host_seen");
  int64_t k[2];
  int i;
  if (e->kind != HS_SET) misuse("lw_host_seen of handle %u, not a set (%lld)", set, e->kind);
  keyof(h, k);
  for (i = 0; i < e->nkeys; i++) if (e->keys[2 * i] == k[0] && e->keys[2 * i + 1] == k[1]) return 0;
  e->keys = (int64_t *)realloc(e->keys, (size_t)(e->nkeys + 1) * 2 * sizeof(int64_t));
  if (e->keys == NULL) abort();
  e->keys[2 * e->nkeys] = k[0];
  e->keys[2 * e->nkeys + 1] = k[1];
  e->nkeys++;
  return 1;
}

void lw_host_retain (uint32_t h) {
  Entry *e = entry(h, "lw_host_retain");
  if (!permanent(h)) e->rc++;
}

void lw_host_release (uint32_t h) {
  Entry *e = entry(h, "lw_host_release");
  int i;
  if (permanent(h) || --e->rc > 0) return;
  switch (e->kind) {
    case HS_ARRAY:
      for (i = 0; i < e->n; i++) lw_release(e->slots[i]);
      free(e->slots);
      break;
    case HS_SET:
      free(e->keys);
      break;
    case HS_SOURCE:
      e->src->released++;
      if (e->inner_of != NULL) {
        e->inner_of->inner_released++;
        free(e->src);
        free(e->own_vals);
      }
      break;
    case HS_FN:
      e->cb->released++;
      break;
    case HS_CHAIN:
      for (i = 0; i < e->n; i++)
        if (e->chain[i].kind == LW_STAGE_SCAN) lw_release(e->chain[i].acc);
      free(e->chain);
      break;
    case HS_BIGINT:
      free(e->limbs);
      break;
    case HS_TEXT:
      free(e->text);
      break;
  }
  e->kind = HS_FREE;
  live--;
}


/* ---- BigInts ---- */

int hs_bigint_calls, hs_bigints_made;

/* A new BigInt handle of 'n' limbs (copied) and a sign. */
static uint32_t newbig (const uint32_t *limbs, int n, int neg) {
  uint32_t h = newhandle(HS_BIGINT);
  table[h].limbs = (uint32_t *)malloc((size_t)(n > 0 ? n : 1) * sizeof(uint32_t));
  if (table[h].limbs == NULL) abort();
  if (n > 0) memcpy(table[h].limbs, limbs, (size_t)n * sizeof(uint32_t));
  table[h].nlimbs = n;
  table[h].neg = neg;
  return h;
}

uint32_t hs_bigint (const char *decimal) {
  uint32_t limbs[256];
  int n = 0, neg = *decimal == '-', i;
  const char *c;
  for (c = decimal + neg; *c; c++) {   /* limbs = limbs * 10 + digit */
    uint64_t carry = (uint64_t)(*c - '0');
    if (*c < '0' || *c > '9') hs_fail(__FILE__, __LINE__, "hs_bigint: not a decimal integer", decimal);
    for (i = 0; i < n; i++) {
      carry += (uint64_t)limbs[i] * 10;
      limbs[i] = (uint32_t)carry;
      carry >>= 32;
    }
    if (carry && n < 256) limbs[n++] = (uint32_t)carry;
  }
  return newbig(limbs, n, neg && n > 0);
}

lw_Slot hs_bigslot (const char *decimal) { return lw_mkhandle(hs_bigint(decimal)); }

/* Limbs from hex digits (for packed values and checks). */
static int hexlimbs (const char *hex, int len, uint32_t *limbs) {
  int n = 0, end;
  for (end = len; end > 0; end -= 8) {
    uint32_t w = 0;
    int j;
    for (j = end > 8 ? end - 8 : 0; j < end; j++) {
      char c = hex[j];
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) misuse("lw_host_bigints: '%c' is not a hex digit (at %lld)", (unsigned)c, j);
      w = w << 4 | (uint32_t)(c <= '9' ? c - '0' : c - 'a' + 10);
    }
    limbs[n++] = w;
  }
  return n;
}

int lw_host_bigints (const uint32_t *packed, lw_Slot *out, int n) {
  int i;
  if (n < 1) misuse("lw_host_bigints of %u values (%lld)", 0, n);
  hs_bigint_calls++;
  for (i = 0; i < n; i++) {
    int count = (int)(packed[0] >> 2), hex = (int)(packed[0] >> 1 & 1), neg = (int)(packed[0] & 1), len;
    uint32_t *limbs;
    if (hex) {   /* hex digits: more than two limbs' worth, no leading zero */
      const char *text = (const char *)(packed + 1);
      if (count <= 16 || text[0] == '0') misuse("lw_host_bigints: value %u packed as %lld hex digits, not normalized", (unsigned)i, count);
      limbs = (uint32_t *)malloc((size_t)(count / 8 + 1) * sizeof(uint32_t));
      if (limbs == NULL) abort();
      len = hexlimbs(text, count, limbs);
      packed += 1 + (count + 3) / 4;
    }
    else {
      if (count > LW_BIG_HEX_OVER) misuse("lw_host_bigints: value %u packed as %lld limbs", (unsigned)i, count);
      if (count > 0 && packed[count] == 0) misuse("lw_host_bigints: value %u has a leading zero limb (%lld limbs)", (unsigned)i, count);
      limbs = (uint32_t *)malloc((size_t)(count + 1) * sizeof(uint32_t));
      if (limbs == NULL) abort();
      if (count > 0) memcpy(limbs, packed + 1, (size_t)count * sizeof(uint32_t));
      len = count;
      packed += 1 + count;
    }
    if (len == 0 && neg) misuse("lw_host_bigints: value %u is a negative zero (%lld)", (unsigned)i, 0);
    out[i] = lw_mkhandle(newbig(limbs, len, neg));
    free(limbs);
  }
  hs_bigints_made += n;
  return n;
}

int lw_host_bigint_read (uint32_t h, char *hex, int room) {
  Entry *e = entry(h, "lw_host_bigint_read");
  char *buf;
  int len = 0, i;
  if (room < 0) misuse("lw_host_bigint_read of %u with room %lld", h, room);
  if (e->kind != HS_BIGINT) return LW_ETYPE;
  buf = (char *)malloc((size_t)e->nlimbs * 8 + 2);
  if (buf == NULL) abort();
  for (i = e->nlimbs - 1; i >= 0; i--)   /* as toString(16): no leading zeros, "0" for zero */
    len += sprintf(buf + len, len ? "%08x" : "%x", (unsigned)e->limbs[i]);
  if (len == 0) buf[len++] = '0';
  if (len <= room) memcpy(hex, buf, (size_t)len);
  free(buf);
  return len * 2 + e->neg;
}

/* ---- byte streams ---- */

int hs_text_calls, hs_number_calls;

int lw_host_text (const uint8_t *base, const uint32_t *spans, int n, lw_Slot *out) {
  int i;
  hs_text_calls++;
  for (i = 0; i < n; i++) {
    uint32_t h = newhandle(HS_TEXT);
    table[h].text = (char *)malloc(spans[2 * i + 1] + 1);
    if (table[h].text == NULL) abort();
    memcpy(table[h].text, base + spans[2 * i], spans[2 * i + 1]);
    table[h].text[spans[2 * i + 1]] = '\0';
    out[i] = lw_mkhandle(h);
  }
  return n;
}

int hs_jit_calls;

static uint32_t leb (const uint8_t *p, int len, int *at) {
  uint32_t v = 0;
  int shift = 0;
  for (;;) {
    if (*at >= len || shift > 28) misuse("lw_host_jit: a size runs past the module (at %u of %lld bytes)", (unsigned)*at, len);
    v |= (uint32_t)(p[*at] & 0x7f) << shift;
    shift += 7;
    if ((p[(*at)++] & 0x80) == 0) return v;
  }
}

int lw_host_jit (const uint8_t *bytes, int len) {
  static const uint8_t header[] = { 0, 'a', 's', 'm', 1, 0, 0, 0 };
  int at = 8, last = 0;
  hs_jit_calls++;
  if (len < 8 || memcmp(bytes, header, 8) != 0) misuse("lw_host_jit: no WebAssembly header (%u: %lld bytes)", 0, len);
  while (at < len) {
    int id = bytes[at++];
    uint32_t size;
    if (id <= last) misuse("lw_host_jit: section %u out of order (%lld bytes)", (unsigned)id, len);
    last = id;
    size = leb(bytes, len, &at);
    if (size > (uint32_t)(len - at)) misuse("lw_host_jit: section %u runs past the module (%lld bytes)", (unsigned)id, len);
    at += (int)size;
  }
  return 0;
}

void lw_host_unjit (uint32_t at) {
  misuse("lw_host_unjit(%u): nothing was compiled (%lld)", at, 0);
}

double lw_host_number (const uint8_t *base, uint32_t len) {
  char *text = (char *)malloc(len + 1), *end;
  double d;
  if (text == NULL) abort();
  hs_number_calls++;
  memcpy(text, base, len);
  text[len] = '\0';
  d = strtod(text, &end);
  if (len == 0 || *end != '\0') d = NAN;
  free(text);
  return d;
}

const char *hs_text (uint32_t h) { return entry(h, "hs_text")->text; }


/* ---- the end of a test file ---- */

lw_Prog *hs_compile (const char *src, int truth, int nargs) {
  lw_Prog *p = lw_compile(src, (double)strlen(src), truth, nargs);
  if (p == NULL) {
    fprintf(stderr, "host_stub: '%s' did not compile: %s\n", src, lw_compile_error());
    hs_fail(__FILE__, __LINE__, "hs_compile", src);
  }
  return p;
}

int hs_finish (void) {
  size_t h;
  if (live != 0) {
    fprintf(stderr, "host_stub: %d handles alive at the end:\n", live);
    for (h = 3; h < ntable; h++)
      if (table[h].kind != HS_FREE)
        fprintf(stderr, "  handle %zu: kind %d, %d references, payload %lld\n", h, table[h].kind,
                table[h].rc, (long long)table[h].payload);
  }
  CHECK_INT(hs_live(), 0);
  CHECK_NUM(lw_mem_used(), 0);
  printf("%d passed, 0 failed\n", hs_checks);
  free(table);
  table = NULL;
  return 0;
}
