/*
 * RFC 3464 per-recipient status fields: cleaning, folding and the snprintf
 * contract. Values are read in place and cleaned byte by byte as they are
 * written, so no scratch buffer is needed whatever their length: before a
 * space, the run of spaces and the word after it are measured by a second
 * cursor, which decides whether the line folds there.
 */
#include <string.h>

#include "dsn.h"
#include "sink.h"
#include "text_class.h"

/* RFC 5322 2.1.1: no line longer than 998 octets, CRLF excluded. */
#define HARD_LIMIT 998

static void put_char(dsn_sink *o, int c)
{
    char ch = (char)c;
    dsn_sink_put(o, &ch, 1);
}

/* What an input byte becomes: LF and HT a space, other control characters
 * nothing (-1), anything else itself. */
static int clean(unsigned char c)
{
    if (c == '\n' || c == '\t')
        return ' ';
    if (dsn_is_ctl(c))
        return -1;
    return c;
}

/* A value: a clean literal prefix ("rfc822; "), then raw input, cleaned
 * on the fly and trimmed of the spaces it starts and ends with. */
typedef struct cursor {
    const char *pre;
    const char *pre_end;
    const char *p;
    const char *end;
} cursor;

/* Narrows raw[0..len) to the bytes between its first and last byte that
 * clean to something other than a space or nothing. */
static void trim(const char *raw, size_t len, const char **start,
                 const char **end)
{
    const char *s = raw, *e = raw + len;
    while (s < e && clean((unsigned char)*s) <= ' ')
        s++;
    while (e > s && clean((unsigned char)e[-1]) <= ' ')
        e--;
    *start = s;
    *end = e;
}

static int next(cursor *c)
{
    if (c->pre < c->pre_end)
        return (unsigned char)*c->pre++;
    while (c->p < c->end) {
        int ch = clean((unsigned char)*c->p++);
        if (ch >= 0)
            return ch;
    }
    return -1;
}

static int peek(const cursor *c)
{
    cursor t = *c;
    return next(&t);
}

/* Octets of the UTF-8 character a byte starts; 1 for anything else. */
static size_t char_len(int lead)
{
    if (lead >= 0xF0 && lead <= 0xF7)
        return 4;
    if (lead >= 0xE0)
        return lead <= 0xEF ? 3 : 1;
    if (lead >= 0xC0)
        return 2;
    return 1;
}

/* Whether cleaning leaves s..e as it is. */
static int is_plain(const char *s, const char *e)
{
    for (; s < e; s++)
        if (clean((unsigned char)*s) != (unsigned char)*s)
            return 0;
    return 1;
}

/* Bytes at c, at most max, that go out as they are (no space, nothing
 * that cleaning changes) and lie in one place, so one copy writes them. */
static size_t plain_run(const cursor *c, size_t max)
{
    const char *p = c->pre < c->pre_end ? c->pre : c->p;
    const char *end = c->pre < c->pre_end ? c->pre_end : c->end;
    size_t n = 0;
    if ((size_t)(end - p) < max)
        max = (size_t)(end - p);
    while (n < max && p[n] != ' ' && !dsn_is_ctl((unsigned char)p[n]))
        n++;
    return n;
}

static void skip(cursor *c, size_t n)
{
    if (c->pre < c->pre_end)
        c->pre += n;
    else
        c->p += n;
}

/* Columns the word at t takes, counted up to limit at most. */
static size_t word_width(cursor t, size_t limit)
{
    size_t w = 0;
    while (w < limit) {
        size_t n = plain_run(&t, limit - w);
        if (n > 0) {
            skip(&t, n);
            w += n;
        } else if (peek(&t) > ' ') {
            next(&t);
            w++;
        } else {
            break;
        }
    }
    return w;
}

/* Writes the word (run of non-spaces) at c. Only a word that would take a
 * line past HARD_LIMIT is broken, between two characters, by CRLF and a
 * space: the one place where the output adds to the input. */
static void put_word(dsn_sink *o, cursor *c, size_t *col)
{
    for (;;) {
        /* Bytes that end 3 or more octets before HARD_LIMIT cannot start a
         * character that crosses it, so the checks below would pass each
         * of them: copy them at once. */
        size_t n =
            *col + 3 < HARD_LIMIT ? plain_run(c, HARD_LIMIT - 3 - *col) : 0;
        if (n > 0) {
            dsn_sink_put(o, c->pre < c->pre_end ? c->pre : c->p, n);
            skip(c, n);
            *col += n;
        }
        int ch = peek(c);
        if (ch < 0 || ch == ' ')
            return;
        if (*col + char_len(ch) > HARD_LIMIT && (ch & 0xC0) != 0x80) {
            dsn_sink_put(o, "\r\n ", 3);
            *col = 1;
        } else if (*col >= HARD_LIMIT) {
            /* stray continuation bytes: not a character, split anywhere */
            dsn_sink_put(o, "\r\n ", 3);
            *col = 1;
        }
        put_char(o, next(c));
        (*col)++;
    }
}

/* Writes "Name: <prefix><raw cleaned>" CRLF, folded before spaces so that
 * no line exceeds DSN_FOLD_COLUMNS when its words allow. raw must be
 * trimmed (not empty). */
static void put_field(dsn_sink *o, const char *name, const char *prefix,
                      const char *raw, const char *raw_end)
{
    cursor c;
    size_t col = strlen(name) + 2;
    c.pre = prefix != NULL ? prefix : "";
    c.pre_end = c.pre + strlen(c.pre);
    c.p = raw;
    c.end = raw_end;
    dsn_sink_put(o, name, col - 2);
    dsn_sink_put(o, ": ", 2);
    /* Most values are short and clean: then the line is the input. */
    if (col + (size_t)(c.pre_end - c.pre) + (size_t)(raw_end - raw) <=
            DSN_FOLD_COLUMNS &&
        is_plain(raw, raw_end)) {
        dsn_sink_put(o, c.pre, (size_t)(c.pre_end - c.pre));
        dsn_sink_put(o, raw, (size_t)(raw_end - raw));
        dsn_sink_put(o, "\r\n", 2);
        return;
    }
    /* the first word stays beside the name: folding before it would make
     * the value start with a space once unfolded */
    put_word(o, &c, &col);
    while (peek(&c) == ' ') {
        cursor t = c;
        size_t spaces = 0, width;
        while (peek(&t) == ' ') {
            next(&t);
            spaces++;
        }
        /* counting stops once the word cannot fit */
        width = spaces;
        if (col + spaces <= DSN_FOLD_COLUMNS)
            width += word_width(t, DSN_FOLD_COLUMNS + 1 - col - spaces);
        /* a trimmed value has a word after every run of spaces, so the
         * continuation line never holds spaces only */
        if (col + width > DSN_FOLD_COLUMNS) {
            dsn_sink_put(o, "\r\n", 2);
            col = 0;
        }
        col += spaces;
        for (; spaces > 0; spaces--)
            put_char(o, next(&c));
        put_word(o, &c, &col);
    }
    dsn_sink_put(o, "\r\n", 2);
}

/* The strings of f, trimmed; start == end when absent or empty. */
typedef struct span {
    const char *start;
    const char *end;
} span;

static span trimmed(const char *s, size_t len)
{
    span v = {NULL, NULL};
    if (s != NULL)
        trim(s, len, &v.start, &v.end);
    return v;
}

static span trimmed_str(const char *s)
{
    return trimmed(s, s != NULL ? strlen(s) : 0);
}

/* RFC 6533 section 3: an address with a byte >= 0x80 is of type utf-8. */
static const char *address_type(span v)
{
    const char *p;
    for (p = v.start; p < v.end; p++)
        if ((unsigned char)*p >= 0x80)
            return "utf-8; ";
    return "rfc822; ";
}

/* The Action and Status to write, or why there are none. */
static int resolve(const dsn_recipient_fields *f, int *action, dsn_status *st)
{
    span rcpt;
    int cls;
    if (f == NULL)
        return DSN_EINVAL;
    rcpt = trimmed_str(f->final_recipient);
    if (rcpt.start == rcpt.end)
        return DSN_EINVAL;
    if (f->code != 0 && dsn_severity(f->code) < 0)
        return DSN_EBADCODE;
    if (f->action != 0 && dsn_action_name(f->action) == NULL)
        return DSN_EINVAL;
    if (f->status != NULL) {
        const dsn_status *s = f->status;
        if (!dsn_status_valid(s))
            return DSN_EBADSTATUS;
        if (f->code != 0 && f->code / 100 != s->cls)
            return DSN_EBADCLASS;
        *st = *s;
    } else if (f->code != 0) {
        (void)dsn_default_status(f->code, st);
    } else {
        return DSN_EINVAL;
    }
    cls = st->cls;
    *action = f->action != 0 ? f->action : dsn_action_of(cls * 100);
    switch (*action) {
    case DSN_ACTION_DELIVERED:
    case DSN_ACTION_RELAYED:
    case DSN_ACTION_EXPANDED:
        return cls == 2 ? DSN_OK : DSN_EBADCLASS;
    case DSN_ACTION_DELAYED:
        return cls == 4 ? DSN_OK : DSN_EBADCLASS;
    default: /* DSN_ACTION_FAILED */
        return cls != 2 ? DSN_OK : DSN_EBADCLASS;
    }
}

int dsn_status_fields_check(const dsn_recipient_fields *f)
{
    int action;
    dsn_status st;
    return resolve(f, &action, &st);
}

size_t dsn_status_fields(const dsn_recipient_fields *f, char *buf, size_t size)
{
    dsn_sink o = dsn_sink_make(buf, size);
    int action;
    dsn_status st;
    char status[16];
    size_t n;
    const char *act;
    span v;
    if (resolve(f, &action, &st) != DSN_OK) {
        dsn_sink_end(&o);
        return 0;
    }
    v = trimmed_str(f->original_recipient);
    if (v.start != v.end)
        put_field(&o, "Original-Recipient", address_type(v), v.start, v.end);
    v = trimmed_str(f->final_recipient);
    put_field(&o, "Final-Recipient", address_type(v), v.start, v.end);
    act = dsn_action_name(action);
    put_field(&o, "Action", NULL, act, act + strlen(act));
    n = dsn_status_format(&st, status, sizeof status);
    put_field(&o, "Status", NULL, status, status + n);
    v = trimmed_str(f->remote_mta);
    if (v.start != v.end)
        put_field(&o, "Remote-MTA", "dns; ", v.start, v.end);
    if (f->diagnostic != NULL) {
        v = trimmed(f->diagnostic, f->diagnostic_len != 0
                                       ? f->diagnostic_len
                                       : strlen(f->diagnostic));
        if (v.start != v.end)
            put_field(&o, "Diagnostic-Code", "smtp; ", v.start, v.end);
    }
    v = trimmed_str(f->last_attempt_date);
    if (v.start != v.end)
        put_field(&o, "Last-Attempt-Date", NULL, v.start, v.end);
    v = trimmed_str(f->will_retry_until);
    if (v.start != v.end)
        put_field(&o, "Will-Retry-Until", NULL, v.start, v.end);
    return dsn_sink_end(&o);
}
