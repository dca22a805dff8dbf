/*
 * Part 3 of the report: the original message (RFC 3464 section 2, RFC
 * 3461 section 4.3), whole or its header section. Its lines may end in
 * CRLF, LF or CR: each is written with CRLF. dsn/bounce.h ("The
 * original") says what is returned when and what is changed.
 */
#include <string.h>

#include "bounce_int.h"
#include "text_class.h"
#include "utf8.h"

/* Length of the line at p (n octets left) without its end, and in *end
 * the octets of that end: 2 for CRLF, 1 for LF or a bare CR, 0 at the end
 * of the data. */
static size_t line_at(const char *p, size_t n, size_t *end)
{
    /* LF first, then a CR before it: two memchr() passes, no loop of ours */
    const char *lf = memchr(p, '\n', n);
    size_t len = lf != NULL ? (size_t)(lf - p) : n;
    const char *cr = memchr(p, '\r', len);
    if (cr != NULL) {
        len = (size_t)(cr - p);
        *end = len + 1 < n && p[len + 1] == '\n' ? 2 : 1;
        return len;
    }
    *end = lf != NULL ? 1 : 0;
    return len;
}

/* Whether the body travels unchanged in this report: no NUL, no octet
 * >= 0x80 unless it is international, no line over BW_LINE_MAX (line
 * ends of any kind counted as line_at() splits them). *crlf is set when
 * every line ends in CRLF, the last too: then the body is written as it
 * is, in one piece. Whole-body memchr() scans, then one per line. */
static int body_ok(bw_span body, int international, int *crlf)
{
    const char *p, *e, *lf;
    *crlf = 0;
    if (body.len == 0) {
        /* no body at all (p NULL): nothing to add an offset to */
        *crlf = 1;
        return 1;
    }
    p = body.p;
    e = body.p + body.len;
    if (memchr(p, '\0', body.len) != NULL ||
        (!international && bw_has_8bit(p, body.len)))
        return 0;
    *crlf = 1;
    for (; p < e; p = lf + 1) {
        const char *cr;
        lf = memchr(p, '\n', (size_t)(e - p));
        if (lf == NULL)
            lf = e;
        cr = memchr(p, '\r', (size_t)(lf - p));
        if (cr != NULL && cr + 1 != lf) {
            /* a bare CR ends a line of its own: measure the long way */
            size_t at = 0, end;
            *crlf = 0;
            while (at < body.len) {
                size_t len = line_at(body.p + at, body.len - at, &end);
                if (len > BW_LINE_MAX)
                    return 0;
                at += len + end;
            }
            return 1;
        }
        if (lf == e || cr == NULL)
            *crlf = 0; /* no line end, or a bare LF */
        if ((size_t)(lf - p) - (cr != NULL) > BW_LINE_MAX)
            return 0;
    }
    return 1;
}

/* Case-insensitive: does the line start with the field name and ':'? */
static int is_field(const char *p, size_t len, const char *name)
{
    size_t n = strlen(name), i;
    if (len <= n || p[n] != ':')
        return 0;
    for (i = 0; i < n; i++) {
        char c = p[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != name[i])
            return 0;
    }
    return 1;
}

/* The first "<...>" of the Message-ID field (its folded lines included),
 * when it is a msg-id bw_msgid_ok() takes. */
static bw_span find_msgid(bw_span head)
{
    bw_span none = {NULL, 0};
    size_t at = 0, end, len;
    while (at < head.len) {
        len = line_at(head.p + at, head.len - at, &end);
        if (is_field(head.p + at, len, "message-id"))
            break;
        at += len + end;
    }
    if (at >= head.len)
        return none;
    {
        /* the field runs on over lines that start with a space or tab */
        size_t stop = at + len + end;
        const char *lt, *gt;
        while (stop < head.len && dsn_is_wsp((unsigned char)head.p[stop]))
            stop += line_at(head.p + stop, head.len - stop, &end) + end;
        lt = memchr(head.p + at, '<', stop - at);
        if (lt == NULL)
            return none;
        gt = memchr(lt, '>', (size_t)(head.p + stop - lt));
        if (gt == NULL || !bw_msgid_ok(lt, (size_t)(gt - lt) + 1))
            return none;
        none.p = lt;
        none.len = (size_t)(gt - lt) + 1;
        return none;
    }
}

/* Splits the original at its first empty line (none: all header). */
static void split(bw_plan *pl, const char *m, size_t n)
{
    size_t at = 0, end;
    pl->head.p = m;
    pl->head.len = 0;
    pl->body.p = NULL;
    pl->body.len = 0;
    if (m == NULL)
        return;
    while (at < n) {
        size_t len = line_at(m + at, n - at, &end);
        if (len == 0 && end > 0)
            break;
        at += len + end;
    }
    pl->head.len = at;
    if (at < n) {
        (void)line_at(m + at, n - at, &end);
        pl->body.p = m + at + end;
        pl->body.len = n - at - end;
    }
}

void bw_plan_original(bw_plan *pl)
{
    const dsn_bounce *b = pl->b;
    size_t limit =
        b->original_limit != 0 ? b->original_limit : (size_t)DSN_BOUNCE_LIMIT;
    split(pl, b->original, b->original_len);
    if (b->original_message_id != NULL) {
        pl->msgid.p = b->original_message_id;
        pl->msgid.len = strlen(b->original_message_id);
        if (!bw_msgid_ok(pl->msgid.p, pl->msgid.len))
            pl->msgid.len = 0;
    } else {
        pl->msgid = find_msgid(pl->head);
    }
    pl->full = 0;
    pl->refused = BW_REFUSED_NONE;
    if (b->original == NULL || b->original_len == 0 || b->ret == DSN_RET_HDRS)
        return;
    if (b->original_len > limit)
        pl->refused = BW_REFUSED_SIZE;
    else if (!body_ok(pl->body, pl->international, &pl->body_as_is))
        pl->refused = BW_REFUSED_CONTENT;
    else
        pl->full = 1;
}

/* The octets of a header line as this report may carry them: NUL, and
 * octets >= 0x80 that are not well-formed UTF-8 of an international
 * report, become '?'. Returns the octets to write of p[0..n): the run up
 * to the first octet to change, or 1 with *sub set for that octet. */
static size_t header_run(const bw_plan *pl, const char *p, size_t n, int *sub)
{
    size_t i = 0;
    *sub = 0;
    while (i < n) {
        unsigned char c = (unsigned char)p[i];
        size_t k = 1;
        if (c == '\0' || (c >= 0x80 && (!pl->international ||
                                        (k = dsn_utf8_char_len(p, i, n)) == 0)))
            break;
        i += k;
    }
    if (i == 0) {
        *sub = 1;
        return 1;
    }
    return i;
}

static void put_header_octets(const bw_plan *pl, bw_out *o, const char *p,
                              size_t n)
{
    while (n > 0) {
        int sub;
        size_t k = header_run(pl, p, n, &sub);
        if (sub)
            bw_put(o, "?", 1);
        else
            bw_put(o, p, k);
        p += k;
        n -= k;
    }
}

/* Where to end the first line of a header line too long for one: before
 * its last space or tab that leaves at most BW_LINE_MAX octets (a fold,
 * RFC 5322 section 2.2.3), else after room octets, not inside a UTF-8
 * character. *fold says which. */
static size_t cut_at(const char *p, size_t room, int *fold)
{
    size_t i;
    for (i = room; i > 0; i--)
        if (dsn_is_wsp((unsigned char)p[i])) {
            *fold = 1;
            return i;
        }
    *fold = 0;
    i = room;
    while (i > room - 3 && ((unsigned char)p[i] & 0xC0) == 0x80)
        i--;
    return i;
}

static void put_header_line(const bw_plan *pl, bw_out *o, const char *p,
                            size_t len)
{
    size_t col = 0;
    while (col + len > BW_LINE_MAX) {
        int fold;
        size_t k = cut_at(p, BW_LINE_MAX - col, &fold);
        put_header_octets(pl, o, p, k);
        bw_put(o, fold ? "\r\n" : "\r\n ", fold ? 2 : 3);
        col = fold ? 0 : 1;
        p += k;
        len -= k;
    }
    put_header_octets(pl, o, p, len);
    bw_put(o, "\r\n", 2);
}

void bw_original(const bw_plan *pl, bw_out *o)
{
    size_t at = 0, end, len;
    while (at < pl->head.len) {
        len = line_at(pl->head.p + at, pl->head.len - at, &end);
        put_header_line(pl, o, pl->head.p + at, len);
        at += len + end;
    }
    if (!pl->full || pl->body.p == NULL)
        return;
    bw_put(o, "\r\n", 2);
    if (pl->body_as_is) {
        bw_put(o, pl->body.p, pl->body.len);
        return;
    }
    at = 0;
    while (at < pl->body.len) {
        len = line_at(pl->body.p + at, pl->body.len - at, &end);
        bw_put(o, pl->body.p + at, len);
        bw_put(o, "\r\n", 2);
        at += len + end;
    }
}
