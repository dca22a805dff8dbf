/*
 * The bounce writer's output: buffer, writer callback or scan (see
 * bounce_out.h), and quoted-printable encoding on top of any of them.
 */
#include <string.h>

#include "bounce_int.h"
#include "hex.h"
#include "text_class.h"

static void out_init(bw_out *o, bw_mode mode)
{
    memset(o, 0, sizeof *o);
    o->mode = mode;
    o->sink = dsn_sink_make(NULL, 0);
}

void bw_out_buffer(bw_out *o, char *buf, size_t size)
{
    out_init(o, BW_BUFFER);
    o->sink = dsn_sink_make(buf, size);
}

void bw_out_writer(bw_out *o, dsn_bounce_writer writer, void *ctx)
{
    out_init(o, BW_WRITER);
    o->writer = writer;
    o->ctx = ctx;
}

void bw_out_scan(bw_out *o, uint64_t lo, uint64_t mid, uint64_t hi)
{
    out_init(o, BW_SCAN);
    o->scan.lo = lo;
    o->scan.mid = mid;
    o->scan.hi = hi;
}

void bw_out_part(bw_out *o)
{
    o->scan.longest = 0;
    o->scan.eight_bit = 0;
    o->col = 0;
}

/* The value of 16 hex digits (either case), or 0 with *ok cleared. */
static uint64_t hex_value(const char *p, int *ok)
{
    uint64_t v = 0;
    int i;
    *ok = 1;
    for (i = 0; i < BW_BOUNDARY_DIGITS; i++) {
        int d = dsn_hex_value(p[i], DSN_HEX_EITHER_CASE);
        if (d < 0) {
            *ok = 0;
            return 0;
        }
        v = v << 4 | (unsigned)d;
    }
    return v;
}

/* A line whose first octets are head: is it "--" and a candidate
 * boundary, and which one? RFC 2046 5.1.1 forbids the delimiter "on a
 * line by itself or as the prefix of any line". */
static void check_head(bw_scan *s, const char *head)
{
    int ok;
    uint64_t v;
    if (memcmp(head, "--" BW_BOUNDARY_PREFIX, 2 + BW_BOUNDARY_PREFIX_LEN) != 0)
        return;
    v = hex_value(head + 2 + BW_BOUNDARY_PREFIX_LEN, &ok);
    if (!ok)
        return;
    if (!s->blocked || v > s->max)
        s->max = v;
    s->blocked = 1;
    if (v >= s->lo && v <= s->mid)
        s->in_low++;
    if (v >= s->lo && v <= s->hi)
        s->in_range++;
}

/* The octets of one line (no LF among them) added to the current line.
 * Only a line that starts with '-' can start with a delimiter: only its
 * first octets are kept and looked at. */
static void scan_run(bw_out *o, const char *s, size_t n)
{
    if (n == 0)
        return;
    if (o->col == 0)
        o->head_live = s[0] == '-';
    if (o->head_live && o->col < sizeof o->head) {
        size_t k = sizeof o->head - o->col;
        if (k > n)
            k = n;
        memcpy(o->head + o->col, s, k);
        if (o->col + k == sizeof o->head)
            check_head(&o->scan, o->head);
    }
    o->col += n;
}

static void scan_put(bw_out *o, const char *s, size_t n)
{
    if (!o->scan.eight_bit && bw_has_8bit(s, n))
        o->scan.eight_bit = 1;
    while (n > 0) {
        const char *lf = memchr(s, '\n', n);
        size_t k = lf != NULL ? (size_t)(lf - s) : n, len;
        scan_run(o, s, k);
        if (lf == NULL)
            return;
        /* the octet before LF is CR in every line the writers make; a
         * line without it would be counted one octet longer */
        len = o->col > 0 ? o->col - 1 : 0;
        if (len > o->scan.longest)
            o->scan.longest = len;
        o->col = 0;
        s += k + 1;
        n -= k + 1;
    }
}

static void raw_put(bw_out *o, const char *s, size_t n)
{
    switch (o->mode) {
    case BW_BUFFER:
        dsn_sink_put(&o->sink, s, n);
        break;
    case BW_WRITER:
        if (!o->failed && n > 0 && o->writer(o->ctx, s, n) != 0)
            o->failed = 1;
        break;
    default:
        scan_put(o, s, n);
        break;
    }
}

/* One quoted-printable token of w octets; a soft line break first when
 * the line would pass BW_QP_LINE with its closing '='. */
static void qp_token(bw_out *o, const char *t, size_t w)
{
    if (o->qp_col + w > BW_QP_LINE - 1) {
        raw_put(o, "=\r\n", 3);
        o->qp_col = 0;
    }
    raw_put(o, t, w);
    o->qp_col += w;
}

static void qp_encoded(bw_out *o, unsigned char c)
{
    char t[3];
    t[0] = '=';
    t[1] = dsn_hex_digit((unsigned)c >> 4);
    t[2] = dsn_hex_digit((unsigned)c);
    qp_token(o, t, 3);
}

/* RFC 2045 section 6.7: octets 33..126 but '=' as themselves, space and
 * tab as themselves but at the end of a line, CRLF a line break, every
 * other octet =XX. The writers put CR only before LF. */
static void qp_put(bw_out *o, const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\r')
            continue;
        if (c == '\n') {
            if (o->qp_space)
                qp_encoded(o, (unsigned char)o->qp_space);
            raw_put(o, "\r\n", 2);
            o->qp_col = 0;
            o->qp_space = 0;
            continue;
        }
        if (o->qp_space) {
            char sp = (char)o->qp_space;
            qp_token(o, &sp, 1);
            o->qp_space = 0;
        }
        if (dsn_is_wsp(c))
            o->qp_space = c;
        else if (dsn_is_vchar(c) && c != '=')
            qp_token(o, (const char *)&s[i], 1);
        else
            qp_encoded(o, c);
    }
}

void bw_qp(bw_out *o, int on)
{
    if (!on && o->qp_space)
        qp_encoded(o, (unsigned char)o->qp_space);
    o->qp = on;
    o->qp_col = 0;
    o->qp_space = 0;
}

void bw_put(bw_out *o, const char *s, size_t n)
{
    if (o->qp)
        qp_put(o, s, n);
    else
        raw_put(o, s, n);
}

void bw_str(bw_out *o, const char *s)
{
    bw_put(o, s, strlen(s));
}
