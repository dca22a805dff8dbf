/*
 * Rendering a dsn_reply: the layout of its lines, sanitising and the
 * snprintf contract. The message is read in place and never copied: each
 * reply line is first found in the raw text (src/wrap.c: control
 * characters skipped, lines broken at DSN_LINE_MAX), then written, so no
 * scratch buffer is needed whatever its length.
 *
 * A server formats a reply for every command, so the usual cases go
 * fast: src/format_fast.c, where dsn_format() starts, writes a reply of
 * clean lines that fit straight into the buffer. Everything else comes
 * here. Every path gives the same bytes.
 */
#include <string.h>

#include "dsn.h"
#include "digits.h"
#include "format.h"
#include "sink.h"
#include "text_class.h"
#include "utf8.h"
#include "wrap.h"

/* The bytes in front of every line's text, and the room left for text. */
typedef struct layout {
    char prefix[16]; /* "550-5.1.1 ", "550-", "5.1.1 " or "" */
    size_t prefix_len;
    size_t avail; /* text bytes per line */
    int wire;     /* 1: code, separator and CRLF; 0: text joined by '\n' */
    int enhanced;
    int ascii; /* DSN_FMT_ASCII: every byte >= 0x80 replaced */
} layout;

/* Only called on replies dsn_reply_check() accepted: every number is in
 * 0..999, so the prefix fits. */
static void make_layout(layout *L, const dsn_reply *r, unsigned flags)
{
    size_t n = 0, wire_len;
    memset(L->prefix, 0, sizeof L->prefix);
    L->wire = !(flags & DSN_FMT_TEXT);
    L->enhanced = !(flags & DSN_FMT_NO_ENHANCED);
    L->ascii = (flags & DSN_FMT_ASCII) != 0;
    if (L->wire) {
        n += dsn_put_digits(L->prefix, r->code);
        L->prefix[n++] = '-';
    }
    if (L->enhanced) {
        n += dsn_put_status(L->prefix + n, r->cls, r->subject, r->detail);
        L->prefix[n++] = ' ';
    }
    L->prefix_len = n;
    /* text lines wrap as the wire lines would: "550-" and CRLF count */
    wire_len = (L->wire ? n : n + 4) + 2;
    L->avail = DSN_LINE_MAX - wire_len;
}

/* What a byte that may not go out becomes: '?', as Postfix writes it. */
#define REPLACEMENT '?'

/* Writes the line t[s .. e) as it may go out: control characters
 * removed; well-formed UTF-8 (RFC 3629) kept unless ascii; every other
 * byte >= 0x80 REPLACEMENT, so the line keeps its length in kept bytes. */
static void put_clean(dsn_sink *o, const char *t, size_t s, size_t e, int ascii)
{
    size_t i = s;
    while (i < e) {
        unsigned char c = (unsigned char)t[i];
        size_t k = 1;
        if (c >= 0x80)
            k = ascii ? 0 : dsn_utf8_char_len(t, i, e);
        if (k == 0)
            dsn_sink_putc(o, REPLACEMENT);
        else if (!dsn_is_ctl(c))
            dsn_sink_put_range(o, t, i, i + k);
        i += k != 0 ? k : 1;
    }
}

/* Writes the line t[s .. e); returns where its separator went. */
static size_t put_line(dsn_sink *o, const layout *L, const char *t, size_t s,
                       size_t e, size_t lines_before, int clean)
{
    size_t line_at = o->len;
    if (!L->wire && lines_before > 0)
        dsn_sink_putc(o, '\n');
    dsn_sink_put_range(o, L->prefix, 0, L->prefix_len);
    if (clean)
        dsn_sink_put_range(o, t, s, e);
    else
        put_clean(o, t, s, e, L->ascii);
    if (L->wire)
        dsn_sink_put_range(o, "\r\n", 0, 2);
    return line_at + 3;
}

static size_t put_text(dsn_sink *o, const layout *L, const char *text,
                       size_t *sep_at)
{
    size_t n, at = 0, s, e, lines = 0;
    int clean;
    if (text == NULL)
        return 0;
    n = strlen(text);
    while (dsn_wrap_next_clean_line(text, n, &at, L->avail, &s, &e, &clean))
        *sep_at = put_line(o, L, text, s, e, lines++, clean);
    return lines;
}

/* A reply whose text is empty: haraka-dsn sends "550 5.9.9 \r\n"; without
 * an enhanced code RFC 5321 allows the bare "550\r\n". Returns where the
 * separator went, if there is one. */
static size_t put_empty_line(dsn_sink *o, const layout *L)
{
    size_t line_at = o->len;
    if (L->wire && !L->enhanced) {
        dsn_sink_put_range(o, L->prefix, 0, 3);
        dsn_sink_put_range(o, "\r\n", 0, 2);
        return (size_t)-1;
    }
    dsn_sink_put_range(o, L->prefix, 0, L->prefix_len);
    if (L->wire)
        dsn_sink_put_range(o, "\r\n", 0, 2);
    return line_at + 3;
}

/* Everything else: any flags, lines, wrapping, truncation, errors. Out
 * of the fast path's file, so that it does not pay for these registers
 * and this stack. */
size_t dsn_format_general(const dsn_reply *r, unsigned flags, char *buf,
                          size_t size)
{
    dsn_sink o = dsn_sink_make(buf, size);
    layout L;
    size_t sep_at = (size_t)-1;

    /* r == NULL is dsn_reply_check's too; said here for the analyzers */
    if (r == NULL || dsn_reply_check(r, flags) != DSN_OK) {
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
    if (L.wire && sep_at != (size_t)-1 && sep_at + 1 < o.size && buf != NULL)
        buf[sep_at] = ' ';
    return dsn_sink_end(&o);
}
