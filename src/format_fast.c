/*
 * Where dsn_format(), dsn_format_ex() and dsn_text() start: the fast path
 * for the replies most servers send most of the time, written straight
 * into buf. A row's default text is copied pre-rendered; clean lines that
 * fit are measured 8 bytes at a time and copied whole. Anything else
 * (flags, control characters, empty or long lines, a buffer too small)
 * goes to the general renderer of src/format.c. bench/ measures the fast
 * path; tests/test_fast_paths.c checks it gives the general path's bytes.
 */
#include <string.h>

#include "format.h"
#include "digits.h"
#include "row_index.h"
#include "text_class.h"

/* memcpy for short copies: fixed-size moves that compilers turn into a
 * few loads and stores, rather than a call or a rep movs, which cost more
 * than these copies themselves. */
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
static const tail tails[DSN_ID_COUNT] = {
#include "dsn_table.def"
};
#undef DSN_TAIL_

/* The pre-rendered tail for r, when its text is its row's default (the
 * very pointer, not a copy: then its bytes are the row's), or NULL. */
static const tail *tail_of(const dsn_reply *r)
{
    int row = dsn_row_of(r->subject, r->detail);
    size_t id;
    if (row < 0)
        return NULL;
    /* the row, then the variants that share its code */
    for (id = (size_t)row; id < DSN_ID_COUNT; id++) {
        const dsn_entry *e = &dsn_entries[id];
        if (e->subject != r->subject || e->detail != r->detail)
            break;
        if (e->message == r->msg)
            return &tails[id];
    }
    return NULL;
}

/* "550 ", the code for cls and the code's last two digits rest */
static char *put_code(char *o, unsigned cls, unsigned rest)
{
    o[0] = (char)('0' + cls);
    o[1] = (char)('0' + rest / 10);
    o[2] = (char)('0' + rest % 10);
    o[3] = ' ';
    return o + 4;
}

/* Lines of the text m[0 .. n), each clean (no control character, no
 * byte >= 0x80: those the general path checks), not empty and short
 * enough for a line after a prefix of head bytes: their wire length, or 0
 * when they are not all that. No scan goes further than the longest line
 * that fits. */
static size_t measure_clean_lines(const char *m, size_t n, size_t head,
                                  size_t *lines)
{
    const size_t reach = DSN_LINE_MAX - head - 2 + 1;
    size_t i = 0, total = 0;
    for (;;) {
        int wraps = n - i >= reach; /* unless a line ends within reach */
        size_t lim = wraps ? i + reach : n, q;
        if (lim > n) /* never: said for the analyser */
            lim = n;
        q = dsn_scan_ctl(m, i, lim, 1);
        /* an empty line; no line end within reach; a byte to clean */
        if (q == i || (q == lim && wraps) || (q < lim && m[q] != '\n'))
            return 0;
        total += head + (q - i) + 2;
        ++*lines;
        if (q >= n)
            return total;
        i = q + 1;
    }
}

/*
 * Writes r when it is a reply without flags whose text is a row's default,
 * or clean lines that fit: wire lines with the enhanced code, no control
 * character but the '\n's between lines, no empty line. Returns the
 * length, or 0 when the reply is not that simple (or the buffer is too
 * small); whatever it wrote by then the general path writes again.
 */
static size_t format_fast(const dsn_reply *r, char *buf, size_t size)
{
    const char *m = r->msg;
    size_t head, total, lines = 0, len, i, q;
    unsigned cls, rest;
    char prefix[16], *o;
    /* the caller's ints checked before any arithmetic on them; then
     * dsn_code_valid(code) && cls == code / 100, without dividing */
    if ((r->cls != 2 && r->cls != 4 && r->cls != 5) ||
        !dsn_code_in_range(r->code) || r->flags != 0 || m == NULL ||
        !dsn_status_number_valid(r->subject) ||
        !dsn_status_number_valid(r->detail) || buf == NULL)
        return 0;
    cls = (unsigned)r->cls;
    rest = (unsigned)r->code - 100u * cls; /* wraps to > 59 below 100 * cls */
    if (rest > 59)
        return 0;
    if (m == r->fallback) {
        const tail *t = tail_of(r);
        if (t != NULL && t->len + 5 <= DSN_LINE_MAX && t->len + 5 < size) {
            o = put_code(buf, cls, rest);
            *o++ = (char)('0' + cls);
            copy_bytes(o, t->bytes, t->len + 1);
            return t->len + 5;
        }
    }
    /* "550-5.1.1 " */
    o = put_code(prefix, cls, rest);
    o += dsn_put_status(o, (int)cls, r->subject, r->detail);
    *o++ = ' ';
    head = (size_t)(o - prefix);
    prefix[3] = '-';
    len = strlen(m);
    total = measure_clean_lines(m, len, head, &lines);
    if (total == 0 || total >= size)
        return 0;
    /* write: total < size, so every line fits */
    o = buf;
    for (i = 0;; i = q + 1) {
        /* the next '\n', the only control character left */
        q = --lines == 0 ? len : dsn_scan_ctl(m, i, len, 0);
        copy_bytes(o, prefix, head);
        if (q == len)
            o[3] = ' ';
        copy_bytes(o + head, m + i, q - i);
        o += head + (q - i);
        o[0] = '\r';
        o[1] = '\n';
        o += 2;
        if (q == len)
            break;
    }
    *o = '\0';
    return total;
}

size_t dsn_format_ex(const dsn_reply *r, unsigned flags, char *buf, size_t size)
{
    size_t n;
    if (flags == 0 && r != NULL && (n = format_fast(r, buf, size)) > 0)
        return n;
    return dsn_format_general(r, flags, buf, size);
}

size_t dsn_format(const dsn_reply *r, char *buf, size_t size)
{
    return dsn_format_ex(r, 0, buf, size);
}

size_t dsn_text(const dsn_reply *r, char *buf, size_t size)
{
    return dsn_format_ex(r, DSN_FMT_TEXT, buf, size);
}
