/*
 * The response of a Postfix policy server for a libdsn reply (see
 * dsn/policy.h): "action=<code> <status> <text>\n\n", the text one line,
 * printable, valid UTF-8 and short enough for Postfix's prefix.
 *
 * The text is read in place as a sequence of units (a character, the '?'
 * that stands for a byte outside UTF-8, the space that joins two lines),
 * measured first and then written, so no scratch buffer is needed.
 */
#include <string.h>

#include "adapter.h"
#include "dsn/policy.h"
#include "sink.h"
#include "text_class.h"
#include "utf8.h"

typedef struct text_cursor {
    const char *p;
    int started; /* a unit of text has been given */
    int joining; /* a line ended since: a space comes before the next */
    int ascii;   /* DSN_FMT_ASCII: every byte >= 0x80 is a '?' */
} text_cursor;

static text_cursor cursor_at(const char *text, int ascii)
{
    text_cursor c;
    c.p = text != NULL ? text : "";
    c.started = c.joining = 0;
    c.ascii = ascii;
    return c;
}

/* The next unit at c as s[0..*n); 0 when the text is over. */
static int next_unit(text_cursor *c, const char **s, size_t *n)
{
    for (;;) {
        unsigned char ch = (unsigned char)*c->p;
        size_t len;
        if (ch == '\0')
            return 0;
        if (ch == '\n' || dsn_is_ctl(ch)) {
            /* control characters go, as in dsn_format; '\n' ends a line */
            if (ch == '\n')
                c->joining = c->started;
            c->p++;
            continue;
        }
        if (c->joining) {
            c->joining = 0;
            *s = " ";
            *n = 1;
            return 1;
        }
        c->started = 1;
        /* the text ends in a NUL, which no valid sequence holds: the
         * check stops there, whatever n it is given */
        len = dsn_utf8_char_len(c->p, 0, 4);
        if (len == 0 || (c->ascii && ch >= 0x80)) {
            *s = "?";
            *n = 1;
            c->p++;
        } else {
            *s = c->p;
            *n = len;
            c->p += len;
        }
        return 1;
    }
}

static size_t text_length(text_cursor c)
{
    const char *s;
    size_t n, total = 0;
    while (next_unit(&c, &s, &n))
        total += n;
    return total;
}

/* Where a text longer than limit is cut so that "..." still fits: before
 * the last joining or inner space that allows it, else at the last
 * character boundary that does. */
static size_t cut_point(text_cursor c, size_t limit)
{
    const char *s = "";
    size_t n = 0, at = 0, space = 0, boundary = 0, room = limit - 3;
    while (next_unit(&c, &s, &n) && at + n <= room) {
        if (n == 1 && *s == ' ' && at > 0)
            space = at;
        at += n;
        boundary = at;
    }
    if (n == 1 && *s == ' ' && at > 0 && at <= room)
        space = at; /* a space right after the last unit that fits */
    return space > 0 ? space : boundary;
}

static void put_text(dsn_sink *o, text_cursor c, size_t upto)
{
    const char *s;
    size_t n, at = 0;
    while (at < upto && next_unit(&c, &s, &n)) {
        dsn_sink_put(o, s, n);
        at += n;
    }
}

/* The first of the reply's text, its fallback, the row text of its code
 * and the row text of X.0.0 that leaves a unit of text. */
static const char *pick_text(const dsn_reply *r)
{
    const dsn_entry *row = dsn_entry_by_status(r->subject, r->detail);
    if (text_length(cursor_at(r->msg, 0)) > 0)
        return r->msg;
    if (text_length(cursor_at(r->fallback, 0)) > 0)
        return r->fallback;
    return row != NULL ? row->message : dsn_entries[DSN_ID_unspecified].message;
}

int dsn_policy_action(const dsn_reply *given, char *buf, size_t size)
{
    dsn_sink o = dsn_sink_make(buf, size);
    dsn_reply r;
    char head[DSN_REPLY_HEAD_MAX];
    size_t n, limit, len;
    text_cursor text;
    int err = dsn_adapter_reply(given, &r);
    if (err != DSN_OK) {
        dsn_sink_end(&o);
        return err;
    }
    /* "550 5.1.1 ": the reply's own status, as every adapter writes it */
    n = dsn_put_reply_head(head, r.code, &r);
    dsn_sink_put(&o, "action=", 7);
    dsn_sink_put(&o, head, n);
    /* the wire line: the same head, Postfix's prefix, the text and CRLF */
    limit = DSN_LINE_MAX - 2 - DSN_POLICY_PREFIX_MAX - n;
    text = cursor_at(pick_text(&r), (r.flags & DSN_FMT_ASCII) != 0);
    len = text_length(text);
    if (len <= limit) {
        put_text(&o, text, len);
    } else {
        put_text(&o, text, cut_point(text, limit));
        dsn_sink_put(&o, "...", 3);
    }
    dsn_sink_put(&o, "\n\n", 2);
    return (int)dsn_sink_end(&o);
}
