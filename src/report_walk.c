/*
 * report_walk.c - finding the delivery-status part and the returned
 * original in a message's MIME tree (RFC 2046 section 5.1), without
 * recursion: the message is read line by line once, and the boundaries
 * of the multiparts it is inside are kept on a stack of
 * DSN_REPORT_DEPTH_MAX. A delimiter line of an outer multipart ends every
 * multipart nested in it, so a writer that forgot a close delimiter does
 * not hide the parts that follow.
 */
#include <string.h>

#include "report_scan.h"

typedef struct walk {
    const char *msg;
    size_t len;
    dsn_rpt_span bnd[DSN_REPORT_DEPTH_MAX]; /* boundaries, outermost first */
    int report[DSN_REPORT_DEPTH_MAX];       /* that multipart is a report */
    int depth;
    int open; /* the part whose end is awaited: DSN_RPT_STATUS, ... */
    int parts;
} walk;

/* The index after "--" boundary at b in s[b..e), or b when the line does
 * not start so. */
static size_t after_boundary(const char *s, size_t b, size_t e,
                             dsn_rpt_span bnd)
{
    size_t i = b + 2, j = bnd.from;
    if (bnd.to <= bnd.from || b + 1 >= e || s[b] != '-' || s[b + 1] != '-')
        return b;
    while (i < e && j < bnd.to && s[i] == bnd.s[j]) {
        i++;
        j++;
    }
    return j == bnd.to ? dsn_rpt_stop(i, e) : b;
}

/* The level (0 = outermost) whose delimiter the line s[b..e) is, or -1;
 * *closing set for "--boundary--". */
static int delimiter_level(const walk *w, size_t b, size_t e, int *closing)
{
    const char *s = w->msg;
    int k;
    if (b + 2 >= e || s[b] != '-' || s[b + 1] != '-')
        return -1;
    for (k = DSN_REPORT_DEPTH_MAX - 1; k >= 0; k--) { /* innermost first */
        size_t i;
        if (k >= w->depth)
            continue;
        i = after_boundary(s, b, e, w->bnd[k]);
        if (i == b)
            continue;
        *closing = 0;
        if (i + 1 < e && s[i] == '-' && s[i + 1] == '-') {
            *closing = 1;
            i += 2;
        }
        while (i < e && dsn_rpt_is_wsp(s[i]))
            i++;
        if (i == e)
            return k;
    }
    return -1;
}

/* Closes the part awaited, if any, at the delimiter line starting at b. */
static void end_part(walk *w, size_t b, dsn_rpt_found *f)
{
    if (w->open == DSN_RPT_STATUS || w->open == DSN_RPT_GLOBAL_STATUS)
        f->status_end = b;
    else if (w->open == DSN_RPT_ORIGINAL)
        f->original_end = b;
    w->open = DSN_RPT_OTHER;
}

/* The original to keep: the first after the status part, else the first
 * before it. */
static int want_original(const dsn_rpt_found *f)
{
    return !f->have_original ||
           (f->status_kind != 0 && f->original_start < f->status_start);
}

/* A body part begins at pos, in the multipart at level (0 = outermost):
 * reads its headers and notes what it is. Returns its body's index. */
static size_t begin_part(walk *w, int level, size_t pos, dsn_rpt_found *f)
{
    dsn_rpt_part p;
    size_t body = dsn_rpt_part_headers(w->msg, w->len, pos, &p);
    int kind = dsn_rpt_kind(p.type);
    if (kind == DSN_RPT_MULTIPART && p.boundary.to > p.boundary.from) {
        if (w->depth < DSN_REPORT_DEPTH_MAX) {
            w->bnd[w->depth] = p.boundary;
            w->report[w->depth] = DSN_RPT_IS(p.type, "multipart/report");
            w->depth++;
        } else {
            f->limit = DSN_EMIMEDEPTH;
        }
    } else if ((kind == DSN_RPT_STATUS || kind == DSN_RPT_GLOBAL_STATUS) &&
               f->status_kind == 0) {
        f->status_kind = kind;
        f->in_report = w->report[level];
        f->status_start = body;
        f->status_end = w->len;
        f->status_encoding = p.encoding;
        w->open = kind;
    } else if (kind == DSN_RPT_ORIGINAL && want_original(f)) {
        f->have_original = 1;
        f->original_start = body;
        f->original_end = w->len;
        f->original_encoding = p.encoding;
        w->open = kind;
    }
    return body;
}

/* 1 when nothing more is to be found: the status part is closed and an
 * original after it has begun (its header ends at its blank line or at
 * the next delimiter, see dsn_rpt_part_headers()). */
static int done(const walk *w, const dsn_rpt_found *f)
{
    return f->status_kind != 0 && w->open != DSN_RPT_STATUS &&
           w->open != DSN_RPT_GLOBAL_STATUS && f->have_original &&
           f->original_start > f->status_start;
}

/* The start of the next line at or after pos that begins with "--" (a
 * delimiter candidate), or len. pos is a line start. Searching for the
 * '-' skips the lines of a body at memchr's speed. */
static size_t next_dash_line(const char *s, size_t len, size_t pos)
{
    if (pos + 1 < len && s[pos] == '-' && s[pos + 1] == '-')
        return pos;
    while (pos < len) {
        const char *d = memchr(s + pos, '-', len - pos);
        size_t i;
        if (d == NULL)
            return len;
        i = dsn_rpt_stop((size_t)(d - s), len); /* memchr's: below len */
        /* a "--" at a line start: the '-' follows an LF */
        if (i > 0 && s[i - 1] == '\n' && i + 1 < len && s[i + 1] == '-')
            return i;
        pos = i + 1;
    }
    return len;
}

static void walk_body(walk *w, size_t pos, dsn_rpt_found *f)
{
    while (pos < w->len && w->depth > 0 && !done(w, f)) {
        size_t next, end;
        int closing = 0, k;
        pos = next_dash_line(w->msg, w->len, pos);
        if (pos >= w->len)
            break;
        end = dsn_rpt_line(w->msg, w->len, pos, &next);
        k = delimiter_level(w, pos, end, &closing);
        if (k < 0) {
            pos = next;
            continue;
        }
        end_part(w, pos, f);
        pos = next;
        if (closing) {
            w->depth = k;
            continue;
        }
        w->depth = k + 1;
        if (w->parts >= DSN_REPORT_PARTS_MAX) {
            f->limit = DSN_EMIMEPARTS;
            return;
        }
        w->parts++;
        pos = begin_part(w, k, pos, f);
    }
}

void dsn_rpt_walk(const char *msg, size_t len, dsn_rpt_found *f)
{
    walk w;
    dsn_rpt_part top;
    size_t body = dsn_rpt_part_headers(msg, len, 0, &top);
    int kind = dsn_rpt_kind(top.type), k;
    f->status_kind = f->in_report = f->have_original = f->limit = 0;
    f->status_start = f->status_end = f->original_start = 0;
    f->original_end = 0;
    f->status_encoding.s = msg;
    f->status_encoding.from = f->status_encoding.to = 0; /* none */
    f->original_encoding = f->status_encoding;
    if (kind == DSN_RPT_STATUS || kind == DSN_RPT_GLOBAL_STATUS) {
        f->status_kind = kind;
        f->status_start = body;
        f->status_end = len;
        f->status_encoding = top.encoding;
        return;
    }
    if (kind != DSN_RPT_MULTIPART || top.boundary.to <= top.boundary.from)
        return;
    w.msg = msg;
    w.len = len;
    for (k = 0; k < DSN_REPORT_DEPTH_MAX; k++) { /* all set: none is stale */
        w.bnd[k] = top.boundary;
        w.report[k] = 0;
    }
    w.report[0] = DSN_RPT_IS(top.type, "multipart/report");
    w.depth = 1;
    w.open = DSN_RPT_OTHER;
    w.parts = 0;
    walk_body(&w, body, f);
}
