/*
 * Rendering a dsn_reply: sanitising, line breaking and the snprintf
 * contract. The message is read in place and never copied: each reply
 * line is first measured in the raw text (control characters skipped),
 * then written, so no scratch buffer is needed whatever its length.
 *
 * A server formats a reply for every command, so the usual cases go
 * fast (bench/ measures them): a reply of clean lines that fit is written
 * straight into the buffer, a row's default text copied pre-rendered;
 * otherwise a line whose reach holds no control character is found 8
 * bytes at a time and copied whole. Only a line with a control character
 * in reach is measured byte by byte. Every path gives the same bytes.
 */
#include <stdint.h>
#include <string.h>

#include "dsn.h"
#include "digits.h"
#include "sink.h"

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

/* Only called on replies dsn_reply_check() accepted: every number is in
 * 0..999, so the prefix fits. */
static void make_layout(layout *L, const dsn_reply *r, unsigned flags)
{
    size_t n = 0, wire_len;
    L->wire = !(flags & DSN_FMT_TEXT);
    L->enhanced = !(flags & DSN_FMT_NO_ENHANCED);
    if (L->wire) {
        n += dsn_put_digits(L->prefix, r->code);
        L->prefix[n++] = '-';
    }
    if (L->enhanced) {
        n += dsn_put_digits(L->prefix + n, r->cls);
        L->prefix[n++] = '.';
        n += dsn_put_digits(L->prefix + n, r->subject);
        L->prefix[n++] = '.';
        n += dsn_put_digits(L->prefix + n, r->detail);
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

#define ONES (~(uint64_t)0 / 255) /* 0x0101...01 */

/* The bytes of x that are control characters, each flagged by its high
 * bit. With the high bits masked off no byte carries into the next:
 * (b & 0x7f) + 1 maps 0x00..0x1f to 1..0x20 and 0x7f to 0x80, which the
 * second mask makes 0; adding 0x5f sets the high bit of all the others.
 * Bytes >= 0x80 are never flagged. */
static uint64_t ctl_mask(uint64_t x)
{
    uint64_t z = ((x & ONES * 0x7f) + ONES) & ONES * 0x7f;
    return ~(z + ONES * 0x5f) & ~x & ONES * 0x80;
}

/* The first control character in [p, e), or e. */
static const char *find_ctl(const char *p, const char *e)
{
    const char *q = p;
    uint64_t x;
    if (e - p >= 8) {
        for (; e - q > 8; q += 8) {
            memcpy(&x, q, sizeof x);
            if (ctl_mask(x) != 0)
                break;
        }
        if (e - q <= 8) {
            /* the last 8 bytes in one go, overlapping checked ones */
            q = e - 8;
            memcpy(&x, q, sizeof x);
            if (ctl_mask(x) == 0)
                return e;
        }
    }
    for (; q < e; q++)
        if (is_ctl((unsigned char)*q))
            return q;
    return e;
}

/*
 * next_line() for the text [*pp, end) when the next line's reach holds no
 * control character but the '\n' that ends it: then every byte is kept,
 * and the line is found without counting. Otherwise it hands over to
 * next_line() and sets *clean to 0: the line must be written by
 * put_clean().
 */
static int next_clean_line(const char **pp, const char *end, size_t avail,
                           const char **start, const char **stop, int *clean)
{
    const char *p = *pp;
    for (;;) {
        int fits = (size_t)(end - p) <= avail;
        const char *lim = fits ? end : p + avail + 1;
        const char *q = find_ctl(p, lim), *cut;
        size_t i;
        if (q < lim && *q != '\n') {
            *clean = 0;
            *pp = p;
            return next_line(pp, avail, start, stop);
        }
        *clean = 1;
        if (q == p) { /* an empty line */
            if (p == end) {
                *pp = p;
                return 0;
            }
            p++;
            continue;
        }
        *start = p;
        if (q < lim || fits) { /* the rest of the line fits */
            *stop = q;
            *pp = q < end ? q + 1 : q;
            return 1;
        }
        /* avail + 1 kept bytes: wrap as next_line() does */
        cut = p + avail;
        if (*cut == ' ') {
            *stop = cut;
            *pp = cut + 1;
            return 1;
        }
        for (q = cut - 1; q > p; q--) {
            if (*q == ' ') {
                *stop = q;
                *pp = q + 1;
                return 1;
            }
        }
        for (i = 0; i < 3 && i < avail && is_utf8_continuation(cut); i++)
            cut = p + avail - 1 - i;
        if (is_utf8_continuation(cut) || cut == p)
            cut = p + avail;
        *stop = cut;
        *pp = cut;
        return 1;
    }
}

static void put_clean(dsn_sink *o, const char *s, const char *e)
{
    const char *run = s;
    for (; s < e; s++) {
        if (is_ctl((unsigned char)*s)) {
            dsn_sink_put(o, run, (size_t)(s - run));
            run = s + 1;
        }
    }
    dsn_sink_put(o, run, (size_t)(e - run));
}

/* Writes one line; returns where its separator went. */
static size_t put_line(dsn_sink *o, const layout *L, const char *s,
                       const char *e, size_t lines_before, int clean)
{
    size_t line_at = o->len;
    if (!L->wire && lines_before > 0)
        dsn_sink_put(o, "\n", 1);
    dsn_sink_put(o, L->prefix, L->prefix_len);
    if (clean)
        dsn_sink_put(o, s, (size_t)(e - s));
    else
        put_clean(o, s, e);
    if (L->wire)
        dsn_sink_put(o, "\r\n", 2);
    return line_at + 3;
}

static size_t put_text(dsn_sink *o, const layout *L, const char *text,
                       size_t *sep_at)
{
    const char *s, *e, *end;
    size_t lines = 0;
    int clean;
    if (text == NULL)
        return 0;
    end = text + strlen(text);
    while (next_clean_line(&text, end, L->avail, &s, &e, &clean))
        *sep_at = put_line(o, L, s, e, lines++, clean);
    return lines;
}

/* A reply whose text is empty: haraka-dsn sends "550 5.9.9 \r\n"; without
 * an enhanced code RFC 5321 allows the bare "550\r\n". Returns where the
 * separator went, if there is one. */
static size_t put_empty_line(dsn_sink *o, const layout *L)
{
    size_t line_at = o->len;
    if (L->wire && !L->enhanced) {
        dsn_sink_put(o, L->prefix, 3);
        dsn_sink_put(o, "\r\n", 2);
        return (size_t)-1;
    }
    dsn_sink_put(o, L->prefix, L->prefix_len);
    if (L->wire)
        dsn_sink_put(o, "\r\n", 2);
    return line_at + 3;
}

/* memcpy for the clean-lines path: fixed-size moves that compilers turn
 * into a few loads and stores, rather than a call or a rep movs, which
 * cost more than these short copies themselves. */
static void copy_bytes(char *d, const char *s, size_t n)
{
    size_t i;
    if (n >= 16) {
        for (i = 0; i + 16 < n; i += 16)
            memcpy(d + i, s + i, 16);
        memcpy(d + n - 16, s + n - 16, 16); /* overlapping */
    } else if (n >= 8) {
        memcpy(d, s, 8);
        memcpy(d + n - 8, s + n - 8, 8);
    } else {
        for (i = 0; i < n; i++)
            d[i] = s[i];
    }
}

/* subject or detail, 0..999 */
static char *put_number(char *o, int v)
{
    if (v < 10) {
        *o = (char)('0' + v);
        return o + 1;
    }
    return o + dsn_put_digits(o, v);
}

/*
 * Every row's default reply after the first digit of its code, rendered by
 * the preprocessor: ".1.1 No such user\r\n". The rest of the code's
 * digits vary with the code a caller gives; the class is its first digit.
 */
typedef struct tail {
    const char *bytes; /* NUL-terminated */
    size_t len;
} tail;

#define DSN_TAIL_(subject, detail, text)                                       \
    "." #subject "." #detail " " text "\r\n"
#define DSN_ROW(name, code, subject, detail, text)                             \
    {DSN_TAIL_(subject, detail, text),                                         \
     sizeof DSN_TAIL_(subject, detail, text) - 1},
#define DSN_VARIANT DSN_ROW
static const tail tails[DSN_ID_COUNT] = {
#include "dsn_table.def"
};
#undef DSN_ROW
#undef DSN_VARIANT
#undef DSN_TAIL_

/* subject.detail -> 1 + the id of the DSN_ROW that owns it, 0 for none.
 * A row beyond these bounds fails to compile here: widen them. */
#define ROW_SUBJECTS 8
#define ROW_DETAILS 32
#define DSN_ROW(name, code, subject, detail, text)                             \
    [subject][detail] = DSN_ID_##name + 1,
#define DSN_VARIANT(name, code, subject, detail, text)
static const unsigned char row_of[ROW_SUBJECTS][ROW_DETAILS] = {
#include "dsn_table.def"
};
#undef DSN_ROW
#undef DSN_VARIANT
/* ids fit in row_of's bytes */
typedef char dsn_ids_fit_in_a_byte_[DSN_ID_COUNT < 255 ? 1 : -1];

/* The pre-rendered tail for r, when its text is its row's default (the
 * very pointer, not a copy: then its bytes are the row's), or NULL. */
static const tail *tail_of(const dsn_reply *r)
{
    unsigned s = (unsigned)r->subject, d = (unsigned)r->detail, id;
    if (s >= ROW_SUBJECTS || d >= ROW_DETAILS || row_of[s][d] == 0)
        return NULL;
    /* the row, then the variants that share its code */
    for (id = row_of[s][d] - 1u; id < DSN_ID_COUNT; id++) {
        const dsn_entry *e = &dsn_entries[id];
        if ((unsigned)e->subject != s || (unsigned)e->detail != d)
            break;
        if (e->message == r->msg)
            return &tails[id];
    }
    return NULL;
}

/* "550 5", the code and the enhanced class, for cls and the code's last
 * two digits rest */
static char *put_code(char *o, unsigned cls, unsigned rest)
{
    o[0] = (char)('0' + cls);
    o[1] = (char)('0' + rest / 10);
    o[2] = (char)('0' + rest % 10);
    o[3] = ' ';
    o[4] = (char)('0' + cls);
    return o + 5;
}

/*
 * The replies most servers send most of the time, written straight into
 * buf: wire lines with the enhanced code, text whose only control
 * characters are the '\n's between lines that fit; a row's default text
 * is copied pre-rendered. Returns the length, or 0 when the reply is not
 * that simple (or the buffer is too small), for the general path to take
 * it; whatever it wrote by then the general path writes again.
 */
static size_t format_clean_lines(const dsn_reply *r, char *buf, size_t size)
{
    /* dsn_code_valid(code) && cls == code / 100, without dividing */
    unsigned cls = (unsigned)r->cls, rest = (unsigned)r->code - 100u * cls;
    const char *m = r->msg, *p, *q, *end;
    size_t head, total = 0, n, lines = 0;
    char prefix[16], *o;
    if ((cls != 2 && cls != 4 && cls != 5) || rest > 59 || r->flags != 0 ||
        m == NULL || (unsigned)r->subject > 999 || (unsigned)r->detail > 999 ||
        buf == NULL)
        return 0;
    if (m == r->fallback) {
        const tail *t = tail_of(r);
        if (t != NULL && t->len + 5 <= DSN_LINE_MAX && t->len + 5 < size) {
            copy_bytes(put_code(buf, cls, rest), t->bytes, t->len + 1);
            return t->len + 5;
        }
    }
    /* "550-5.1.1 " */
    o = put_code(prefix, cls, rest);
    *o++ = '.';
    o = put_number(o, r->subject);
    *o++ = '.';
    o = put_number(o, r->detail);
    *o++ = ' ';
    head = (size_t)(o - prefix);
    prefix[3] = '-';
    /* measure: every line non-empty, clean and short enough; no scan
     * goes further than the longest line that fits */
    end = m + strlen(m);
    for (p = m;; p = q + 1) {
        size_t reach = DSN_LINE_MAX - head - 2 + 1;
        const char *lim = end;
        if ((size_t)(end - p) >= reach) {
            /* a long text: wrapped, unless a line ends within reach */
            lim = memchr(p, '\n', reach);
            if (lim == NULL)
                return 0;
        }
        q = find_ctl(p, lim);
        n = (size_t)(q - p);
        if ((q < end && *q != '\n') || n == 0)
            return 0;
        total += head + n + 2;
        lines++;
        if (q == end)
            break;
    }
    if (total >= size)
        return 0;
    /* write */
    o = buf;
    for (p = m;; p = q + 1) {
        q = --lines == 0 ? end : memchr(p, '\n', (size_t)(end - p));
        n = (size_t)(q - p);
        copy_bytes(o, prefix, head);
        if (q == end)
            o[3] = ' ';
        copy_bytes(o + head, p, n);
        o += head + n;
        o[0] = '\r';
        o[1] = '\n';
        o += 2;
        if (q == end)
            break;
    }
    *o = '\0';
    return total;
}

/* Kept out of line, so that the clean-lines path does not pay for its
 * registers and stack. */
#if defined(__GNUC__) || defined(__clang__)
#define NOINLINE __attribute__((noinline))
#else
#define NOINLINE
#endif

/* Everything else: any flags, lines, wrapping, truncation, errors. */
static NOINLINE size_t format_general(const dsn_reply *r, unsigned flags,
                                      char *buf, size_t size)
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

size_t dsn_format_ex(const dsn_reply *r, unsigned flags, char *buf, size_t size)
{
    size_t n;
    if (flags == 0 && r != NULL && (n = format_clean_lines(r, buf, size)) > 0)
        return n;
    return format_general(r, flags, buf, size);
}

size_t dsn_format(const dsn_reply *r, char *buf, size_t size)
{
    return dsn_format_ex(r, 0, buf, size);
}

size_t dsn_text(const dsn_reply *r, char *buf, size_t size)
{
    return dsn_format_ex(r, DSN_FMT_TEXT, buf, size);
}
