/*
 * Rendering a dsn_reply: sanitising, line breaking and the snprintf
 * contract. The message is read in place and never copied: each reply
 * line is first measured in the raw text (control characters skipped),
 * then written, so no scratch buffer is needed whatever its length.
 */
#include <string.h>

#include "dsn.h"

/* An snprintf-style sink: counts every byte, stores what fits before the
 * terminating NUL. */
typedef struct sink {
    char *buf;
    size_t size;
    size_t len;
} sink;

static void put(sink *o, const char *s, size_t n)
{
    if (o->len + 1 < o->size) {
        size_t room = o->size - 1 - o->len;
        memcpy(o->buf + o->len, s, n < room ? n : room);
    }
    o->len += n;
}

static int is_ctl(unsigned char c)
{
    return c < 0x20 || c == 0x7f;
}

static int is_utf8_continuation(const char *p)
{
    return ((unsigned char)*p & 0xC0) == 0x80;
}

/* The bytes in front of every line's text, and the room left for text. */
typedef struct layout {
    char prefix[16]; /* "550-5.1.1 ", "550-", "5.1.1 " or "" */
    size_t prefix_len;
    size_t avail; /* text bytes per line */
    int wire;     /* 1: code, separator and CRLF; 0: text joined by '\n' */
    int enhanced;
} layout;

static size_t put_digits(char *p, int v)
{
    char tmp[3];
    size_t n = 0, i;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v > 0 && n < sizeof tmp);
    for (i = 0; i < n; i++)
        p[i] = tmp[n - 1 - i];
    return n;
}

/* Only called on replies dsn_reply_check() accepted: every number is in
 * 0..999, so the prefix fits. */
static void make_layout(layout *L, const dsn_reply *r, unsigned flags)
{
    size_t n = 0, wire_len;
    L->wire = !(flags & DSN_FMT_TEXT);
    L->enhanced = !(flags & DSN_FMT_NO_ENHANCED);
    if (L->wire) {
        n += put_digits(L->prefix, r->code);
        L->prefix[n++] = '-';
    }
    if (L->enhanced) {
        n += put_digits(L->prefix + n, r->cls);
        L->prefix[n++] = '.';
        n += put_digits(L->prefix + n, r->subject);
        L->prefix[n++] = '.';
        n += put_digits(L->prefix + n, r->detail);
        L->prefix[n++] = ' ';
    }
    L->prefix_len = n;
    /* text lines wrap as the wire lines would: "550-" and CRLF count */
    wire_len = (L->wire ? n : n + 4) + 2;
    L->avail = DSN_LINE_MAX - wire_len;
}

/*
 * Finds the next reply line of text at *pp: its raw span [*start, *end),
 * control characters included (they are skipped when written), and moves
 * *pp past it. Empty lines are passed over. Returns 0 when none is left.
 */
static int next_line(const char **pp, size_t avail, const char **start,
                     const char **end)
{
    const char *p = *pp;
    for (;;) {
        const char *s = p, *space = NULL, *prev[3] = {NULL, NULL, NULL};
        size_t kept = 0;
        for (; *p != '\0' && *p != '\n'; p++) {
            unsigned char c = (unsigned char)*p;
            if (is_ctl(c))
                continue;
            if (kept == avail) {
                const char *cut = p;
                *start = s;
                if (c == ' ') {
                    *end = p;
                    *pp = p + 1;
                } else if (space != NULL) {
                    *end = space;
                    *pp = space + 1;
                } else {
                    /* back to the lead byte, over at most 3 continuation
                     * bytes; longer runs are not UTF-8 and split anywhere */
                    int i = 0;
                    while (i < 3 && prev[i] != NULL &&
                           is_utf8_continuation(cut))
                        cut = prev[i++];
                    if (is_utf8_continuation(cut) || cut == s)
                        cut = p;
                    *end = cut;
                    *pp = cut;
                }
                return 1;
            }
            if (c == ' ' && kept > 0)
                space = p;
            prev[2] = prev[1];
            prev[1] = prev[0];
            prev[0] = p;
            kept++;
        }
        if (kept > 0) {
            *start = s;
            *end = p;
            *pp = *p == '\n' ? p + 1 : p;
            return 1;
        }
        if (*p == '\0') {
            *pp = p;
            return 0;
        }
        p++;
    }
}

static void put_clean(sink *o, const char *s, const char *e)
{
    const char *run = s;
    for (; s < e; s++) {
        if (is_ctl((unsigned char)*s)) {
            put(o, run, (size_t)(s - run));
            run = s + 1;
        }
    }
    put(o, run, (size_t)(e - run));
}

/* Writes one line; returns where its separator went. */
static size_t put_line(sink *o, const layout *L, const char *s, const char *e,
                       size_t lines_before)
{
    size_t line_at = o->len;
    if (!L->wire && lines_before > 0)
        put(o, "\n", 1);
    put(o, L->prefix, L->prefix_len);
    put_clean(o, s, e);
    if (L->wire)
        put(o, "\r\n", 2);
    return line_at + 3;
}

static size_t put_text(sink *o, const layout *L, const char *text,
                       size_t *sep_at)
{
    const char *s, *e;
    size_t lines = 0;
    if (text == NULL)
        return 0;
    while (next_line(&text, L->avail, &s, &e))
        *sep_at = put_line(o, L, s, e, lines++);
    return lines;
}

/* A reply whose text is empty: haraka-dsn sends "550 5.9.9 \r\n"; without
 * an enhanced code RFC 5321 allows the bare "550\r\n". Returns where the
 * separator went, if there is one. */
static size_t put_empty_line(sink *o, const layout *L)
{
    size_t line_at = o->len;
    if (L->wire && !L->enhanced) {
        put(o, L->prefix, 3);
        put(o, "\r\n", 2);
        return (size_t)-1;
    }
    put(o, L->prefix, L->prefix_len);
    if (L->wire)
        put(o, "\r\n", 2);
    return line_at + 3;
}

size_t dsn_format_ex(const dsn_reply *r, unsigned flags, char *buf,
                     size_t size)
{
    sink o;
    layout L;
    size_t sep_at = (size_t)-1;

    o.buf = buf;
    o.size = buf != NULL ? size : 0;
    o.len = 0;
    if (dsn_reply_check(r, flags) != DSN_OK) {
        if (o.size > 0)
            buf[0] = '\0';
        return 0;
    }
    flags |= r->flags;
    make_layout(&L, r, flags);
    if (put_text(&o, &L, r->msg, &sep_at) == 0 &&
        put_text(&o, &L, r->fallback, &sep_at) == 0)
        sep_at = put_empty_line(&o, &L);
    /* every line went out with '-': the last one takes ' ' */
    if (L.wire && sep_at != (size_t)-1 && sep_at + 1 < o.size)
        buf[sep_at] = ' ';
    if (o.size > 0)
        buf[o.len < o.size ? o.len : o.size - 1] = '\0';
    return o.len;
}

size_t dsn_format(const dsn_reply *r, char *buf, size_t size)
{
    return dsn_format_ex(r, 0, buf, size);
}

size_t dsn_text(const dsn_reply *r, char *buf, size_t size)
{
    return dsn_format_ex(r, DSN_FMT_TEXT, buf, size);
}
