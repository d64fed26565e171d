/*
** bytes.c
** Byte streams: lines (UTF-8 text split at "\n" and "\r\n") and numbers
** (Number() of each whitespace-separated token). These are sources of an
** async sequence: the wrapper copies the stream's bytes into the node a
** piece at a time, only when a pull returned LW_NEEDMORE. Boundaries are
** found here, and an unfinished line or token is carried over to the next
** piece, so a piece may end anywhere: inside a multibyte character, between
** "\r" and "\n", in the middle of a number. Only finished lines cross to JS.
*/
#include <stdlib.h>

#include "lwops.h"

typedef struct Bytes {
  lw_Node base;
  uint32_t adapter;      /* the JS side of the stream, closed (cancelled) with the node */
  uint8_t *buf;
  size_t pos;            /* the unread bytes are buf[pos..len) */
  size_t scan;           /* where the search for the end of the current line or token resumes */
  size_t len, room;
  int ended;             /* lw_bytes_end: no more bytes will come */
  int bom_checked;
  int wants;             /* returned LW_NEEDMORE and not fed since: with several async inputs, the one to read */
  uint32_t spans[2 * LW_BATCH];   /* lines: start and length of each line of a batch */
} Bytes;

/*
** Room for 'want' more bytes at the end of the buffer: where to write them,
** or NULL when out of memory. The bytes already read are dropped first, so
** the buffer holds one piece and the unfinished line or token before it.
*/
uint8_t *lwX_bytes_room (lw_Node *n, size_t want) {
  Bytes *b = (Bytes *)n;
  if (b->pos > 0) {
    memmove(b->buf, b->buf + b->pos, b->len - b->pos);
    b->len -= b->pos;
    b->scan = b->scan > b->pos ? b->scan - b->pos : 0;   /* numbers skip spaces past it */
    b->pos = 0;
  }
  if (want > b->room - b->len) {
    size_t room = b->room ? b->room : 1 << 16;
    uint8_t *p;
    while (room - b->len < want) {
      if (room > SIZE_MAX / 2) return NULL;
      room *= 2;
    }
    p = (uint8_t *)lwM_alloc(room);
    if (p == NULL) return NULL;
    if (b->len > 0) memcpy(p, b->buf, b->len);
    lwM_free(b->buf);
    b->buf = p;
    b->room = room;
  }
  return b->buf + b->len;
}

void lwX_bytes_fed (lw_Node *n, size_t got) { ((Bytes *)n)->len += got; ((Bytes *)n)->wants = 0; }
void lwX_bytes_end (lw_Node *n) { ((Bytes *)n)->ended = 1; ((Bytes *)n)->wants = 0; }
int lwX_bytes_wants (const lw_Node *n) { return ((const Bytes *)n)->wants; }

/*
** A UTF-8 byte order mark at the start of the stream is dropped, as
** TextDecoder drops it: 1 once that is decided, 0 while the first bytes
** could still be one.
*/
static int skip_bom (Bytes *b) {
  static const uint8_t bom[3] = { 0xEF, 0xBB, 0xBF };
  size_t have = b->len - b->pos, i;
  if (b->bom_checked) return 1;
  for (i = 0; i < have && i < 3; i++) {
    if (b->buf[b->pos + i] != bom[i]) {
      b->bom_checked = 1;
      return 1;
    }
  }
  if (have < 3 && !b->ended) return 0;
  if (have >= 3) b->pos = b->scan = b->pos + 3;
  b->bom_checked = 1;
  return 1;
}

/* A request for the next piece, remembered until it is fed (lw_bytes_wants). */
static int hungry (Bytes *b) {
  b->wants = 1;
  return LW_NEEDMORE;
}

/* Nothing (more) in this piece: the end, or a request for the next piece. */
static int starved (Bytes *b) {
  return b->ended && b->pos == b->len ? 0 : hungry(b);
}

static int bytes_close (lw_Node *n, int abrupt) {
  return lw_host_close(((Bytes *)n)->adapter, abrupt);
}

static void bytes_free (lw_Node *n) {
  Bytes *b = (Bytes *)n;
  lwM_free(b->buf);
  lw_host_release(b->adapter);
}

static lw_Node *bytes_new (const lw_NodeClass *cls, uint32_t adapter) {
  Bytes *b = (Bytes *)lwN_new(cls, sizeof(Bytes), NULL);
  if (b == NULL) return NULL;
  b->adapter = adapter;
  b->base.waits = 1;   /* engine data, but each piece is a read of the stream */
  return &b->base;
}


/*
** lines: each line without its "\n" or "\r\n" (a lone "\r" is text). The last
** line is yielded when not empty, so "a\nb" and "a\nb\n" are both two lines,
** and an empty stream is none. A pull returns the finished lines it has; it
** asks for the next piece only when it has none.
*/
static int lines_pull (lw_Node *n, lw_Slot *out, int cap) {
  Bytes *b = (Bytes *)n;
  int k = 0;
  if (!skip_bom(b)) return hungry(b);
  while (k < cap) {
    const uint8_t *nl = NULL;
    size_t end, next;
    if (b->scan < b->len) nl = (const uint8_t *)memchr(b->buf + b->scan, '\n', b->len - b->scan);
    if (nl != NULL) {
      end = (size_t)(nl - b->buf);
      next = end + 1;
      if (end > b->pos && b->buf[end - 1] == '\r') end--;
    }
    else if (b->ended && b->pos < b->len) {
      end = next = b->len;
    }
    else {
      b->scan = b->len;   /* no "\n" up to here: not searched again */
      break;
    }
    b->spans[2 * k] = (uint32_t)b->pos;
    b->spans[2 * k + 1] = (uint32_t)(end - b->pos);
    k++;
    b->pos = b->scan = next;
  }
  if (k == 0) return starved(b);
  return lw_host_text(b->buf, b->spans, k, out);
}

static const lw_NodeClass lines_class = {
  "lines", lines_pull, bytes_close, bytes_free, lwN_noinput
};

lw_Node *lwX_lines (uint32_t adapter) {
  return bytes_new(&lines_class, adapter);
}


/*
** numbers: Number(token) for each run of bytes between ASCII whitespace
** (space, \t, \n, \v, \f, \r). A decimal token (the grammar below, at most
** LONGEST bytes) is parsed here by strtod, which rounds correctly as Number()
** does; any other token (hex, Infinity, text, very long digits) goes to the
** host's Number(), so every value is exactly Number(token), NaN included.
*/
#define LONGEST 100

static int is_space (uint8_t c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
static int is_digit (uint8_t c) { return c >= '0' && c <= '9'; }

/* [+-]? (digits (. digits?)? | . digits) ([eE] [+-]? digits)? */
static int is_decimal (const uint8_t *s, size_t n) {
  size_t i = 0, mant = 0, exp = 0;
  if (i < n && (s[i] == '+' || s[i] == '-')) i++;
  while (i < n && is_digit(s[i])) { i++; mant++; }
  if (i < n && s[i] == '.') {
    i++;
    while (i < n && is_digit(s[i])) { i++; mant++; }
  }
  if (mant == 0) return 0;
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    i++;
    if (i < n && (s[i] == '+' || s[i] == '-')) i++;
    while (i < n && is_digit(s[i])) { i++; exp++; }
    if (exp == 0) return 0;
  }
  return i == n;
}

static double to_number (const uint8_t *s, size_t n) {
  char text[LONGEST + 1];
  if (n > LONGEST || !is_decimal(s, n)) return lw_host_number(s, (uint32_t)n);
  memcpy(text, s, n);
  text[n] = '\0';
  return strtod(text, NULL);
}

static int numbers_pull (lw_Node *n, lw_Slot *out, int cap) {
  Bytes *b = (Bytes *)n;
  int k = 0;
  if (!skip_bom(b)) return hungry(b);
  while (k < cap) {
    size_t start = b->pos, end;
    while (start < b->len && is_space(b->buf[start])) start++;
    b->pos = start;
    end = b->scan > start ? b->scan : start;   /* no space in buf[start..scan) */
    while (end < b->len && !is_space(b->buf[end])) end++;
    if (end == start) break;                    /* only spaces: the piece is used up */
    if (end == b->len && !b->ended) {           /* the token may go on in the next piece */
      b->scan = end;
      break;
    }
    out[k++] = lw_mknum(to_number(b->buf + start, end - start));
    b->pos = b->scan = end;
  }
  return k > 0 ? k : starved(b);
}

static const lw_NodeClass numbers_class = {
  "numbers", numbers_pull, bytes_close, bytes_free, lwN_noinput
};

lw_Node *lwX_numbers (uint32_t adapter) {
  lw_Node *n = bytes_new(&numbers_class, adapter);
  if (n != NULL) n->numeric = 1;
  return n;
}
