/*
 * Parsing one SMTP reply received from a remote server, in place: one pass
 * over the bytes, lines handed back as slices of the caller's buffer, no
 * copy, no allocation. Every decision (what is forgiven in lenient mode,
 * what each error means) is listed in dsn/parse.h.
 */
#include <limits.h>
#include <stdint.h>
#include <string.h>

#include "dsn.h"
#include "status_scan.h"

/* 1 for the bytes a line's text scan stops at: the control characters
 * but HT (CR, LF and NUL among them) and DEL. */
/* clang-format off */
static const unsigned char stop_byte[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, /* 0x00-0x0F */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x10-0x1F */
    [0x7F] = 1,
};
/* clang-format on */

/* Eight bytes at a time: nonzero when one of them is a stop byte (below
 * 0x20, or 0x7F). Exact for the test "is there one" (the bit tricks of
 * "Bit Twiddling Hacks": hasless(x, 0x20) | haszero(x ^ 0x7F...)). */
#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

static uint64_t has_stop_byte(uint64_t x)
{
    uint64_t y = x ^ (ONES * 0x7F);
    return (((x - ONES * 0x20) & ~x) | ((y - ONES) & ~y)) & HIGHS;
}

/* The first stop byte in [q, limit), or limit. */
static const unsigned char *skip_text(const unsigned char *q,
                                      const unsigned char *limit)
{
    while (limit - q >= 8) {
        uint64_t w;
        memcpy(&w, q, sizeof w); /* one unaligned load */
        if (has_stop_byte(w))
            break;
        q += 8;
    }
    while (q < limit && !stop_byte[*q])
        q++;
    return q;
}

static int is_digit(unsigned char c)
{
    return (unsigned)(c - '0') <= 9u;
}

/*
 * The reply code at the start of a line, as far as avail bytes show it:
 * [2-5][0-5][0-9] (second digit 6-9 forgiven when lenient), and the first
 * line's code on every later line. 0 when the three digits are good.
 */
static int check_code(const unsigned char *line, size_t avail,
                      const unsigned char *first, int strict, unsigned *flags)
{
    size_t i, n = avail < 3 ? avail : 3;
    for (i = 0; i < n; i++) {
        unsigned d = (unsigned)(line[i] - '0');
        if (d > 9u || (i == 0 && (d < 2u || d > 5u)))
            return DSN_EREPLYCODE;
        if (i == 1 && d > 5u) {
            if (strict)
                return DSN_EREPLYCODE;
            *flags |= DSN_REPLY_ODD_CODE;
        }
        if (first != NULL && line[i] != first[i])
            return DSN_ECODEMISMATCH;
    }
    return n < 3 ? DSN_EINCOMPLETE : 0;
}

static int status_equal(const dsn_status *a, const dsn_status *b)
{
    return a->cls == b->cls && a->subject == b->subject &&
           a->detail == b->detail;
}

int dsn_parse_reply(const char *buf, size_t len, dsn_parsed_reply *out,
                    dsn_slice *lines, size_t cap, const dsn_parse_options *opt)
{
    const unsigned char *start = (const unsigned char *)buf, *end, *line;
    const unsigned char *first = NULL;
    size_t max_line = DSN_LINE_MAX, n = 0;
    unsigned flags = 0;
    int strict = 0, have = 0, without = 0;
    dsn_status last = {0, 0, 0};

    if (out == NULL || (buf == NULL && len > 0) || (lines == NULL && cap > 0))
        return DSN_EINVAL;
    out->lines = 0;
    if (opt != NULL) {
        strict = (opt->flags & DSN_PARSE_STRICT) != 0;
        if (opt->max_line != 0)
            max_line = opt->max_line;
    }
    if (len == 0)
        return DSN_EINCOMPLETE;
    if (len > INT_MAX)
        len = INT_MAX;
    end = start + len;

    for (line = start;;) {
        size_t avail = (size_t)(end - line);
        const unsigned char *text, *q, *limit, *eol, *next, *s;
        dsn_status st;
        size_t toklen = 0;
        int cont, kind = SCAN_NONE, hash = 0, found = 0, r;

        out->lines = n;
        r = check_code(line, avail, first, strict, &flags);
        if (r != 0)
            return r;
        if (avail < 4)
            return DSN_EINCOMPLETE;
        switch (line[3]) {
        case '-':
            cont = 1;
            text = line + 4;
            break;
        case ' ':
            cont = 0;
            text = line + 4;
            break;
        case '\r':
        case '\n':
            /* "250\r\n": the last line may have no text at all */
            cont = 0;
            text = line + 3;
            break;
        default:
            return is_digit(line[3]) ? DSN_EREPLYCODE : DSN_ECONTINUATION;
        }

        /* The line end, within max_line bytes of the line's start. */
        limit = avail < max_line ? end : line + max_line;
        q = text;
        for (;;) {
            q = skip_text(q, limit);
            if (q >= limit)
                return avail >= max_line ? DSN_ELINETOOLONG : DSN_EINCOMPLETE;
            if (*q == '\r') {
                if ((size_t)(q - line) + 2 > max_line)
                    return DSN_ELINETOOLONG;
                if (q + 1 == end)
                    return DSN_EINCOMPLETE;
                if (q[1] != '\n')
                    return DSN_EBARECR;
                eol = q;
                next = q + 2;
                break;
            }
            if (*q == '\n') {
                if (strict)
                    return DSN_EBARELF;
                flags |= DSN_REPLY_BARE_LF;
                eol = q;
                next = q + 1;
                break;
            }
            if (*q == '\0' || strict)
                return DSN_ECTRL;
            flags |= DSN_REPLY_CTRL;
            q++;
        }

        /* The enhanced status code at the start of the text. */
        s = text;
        if (!strict)
            while (s < eol && *s == ' ')
                s++;
        if (s < eol && *s == '#') {
            hash = 1;
            s++;
        }
        if (s < eol && is_digit(*s))
            kind = scan_status(s, (size_t)(eol - s), &st, &toklen);
        if (kind == SCAN_VALID) {
            if (strict && hash)
                return DSN_ESTATUS;
            if (st.cls != line[0] - '0') {
                if (strict)
                    return DSN_EBADCLASS;
                flags |= DSN_REPLY_CLASS_MISMATCH;
            } else {
                found = 1;
                if (hash)
                    flags |= DSN_REPLY_HASH;
                if (s - hash != text)
                    flags |= DSN_REPLY_INDENT;
                text = s + toklen;
                if (text < eol)
                    text++; /* the one space after the code */
            }
        } else if (kind == SCAN_BAD) {
            if (strict)
                return DSN_ESTATUS;
            flags |= DSN_REPLY_BAD_STATUS;
        }
        if (found ? (without || (have && !status_equal(&st, &last))) : have) {
            if (strict)
                return DSN_ESTATUSMIXED;
            flags |= DSN_REPLY_STATUS_MIXED;
        }
        if (found) {
            last = st;
            have = 1;
        } else {
            without = 1;
        }

        if (n < cap) {
            lines[n].ptr = (const char *)text;
            lines[n].len = (size_t)(eol - text);
        }
        n++;
        if (first == NULL)
            first = line;
        if (!cont) {
            out->code = (first[0] - '0') * 100 + (first[1] - '0') * 10 +
                        (first[2] - '0');
            out->status = last;
            out->flags = flags | (have ? DSN_REPLY_STATUS : 0u);
            out->lines = n;
            return (int)(next - start);
        }
        line = next;
    }
}
