/*
 * RFC 3464 per-recipient status fields: cleaning, folding and the snprintf
 * contract. Values are read in place and cleaned byte by byte as they are
 * written, so no scratch buffer is needed whatever their length: before a
 * space, the run of spaces and the word after it are measured by a second
 * cursor, which decides whether the line folds there.
 *
 * A value is a buffer and its length; cursors hold indices into it, each
 * checked against that length before the byte is read.
 */
#include <string.h>

#include "dsn.h"
#include "digits.h"
#include "sink.h"
#include "text_class.h"
#include "utf8.h"

/* RFC 5322 2.1.1: no line longer than 998 octets, CRLF excluded. */
#define HARD_LIMIT 998

/* What goes out for a byte that may not: the one Postfix writes. */
#define REPLACEMENT '?'

/* Output: runs of bytes through dsn_sink_put_range(), a character that
 * cleaning decided through dsn_sink_putc(). */
static void put_char(dsn_sink *o, int c)
{
    dsn_sink_putc(o, (char)c);
}

static void put_bytes(dsn_sink *o, const char *s, size_t n)
{
    dsn_sink_put_range(o, s, 0, n);
}

static void put_str(dsn_sink *o, const char *s)
{
    put_bytes(o, s, strlen(s));
}

/* What an input byte becomes: LF and HT a space, other control characters
 * nothing (-1), anything else itself (bytes >= 0x80 are decided by the
 * cursor, which knows the bytes after them). */
static int clean(unsigned char c)
{
    if (c == '\n' || c == '\t')
        return ' ';
    if (dsn_is_ctl(c))
        return -1;
    return c;
}

/* A value: the bytes base[from .. to), to never past the end of base. A
 * reader steps from, and reads base[from] only while from < to. */
typedef struct span {
    const char *base;
    size_t from;
    size_t to;
} span;

static span span_of(const char *s)
{
    span v;
    v.base = s;
    v.from = 0;
    v.to = strlen(s);
    return v;
}

static unsigned char byte_at(span v, size_t i)
{
    return (unsigned char)v.base[i];
}

/* A value: a clean literal prefix ("rfc822; "), then raw input, cleaned
 * on the fly. utf8: well-formed UTF-8 passes, else every byte >= 0x80 is
 * REPLACEMENT; keep counts the bytes of a well-formed character still to
 * pass. */
typedef struct cursor {
    span pre;
    span raw;
    size_t keep;
    int utf8;
} cursor;

/* What the byte >= 0x80 at raw index i becomes (c->raw.from is past it). */
static int high_byte(cursor *c, size_t i)
{
    size_t n;
    if (c->keep > 0) {
        c->keep--;
        return byte_at(c->raw, i);
    }
    if (!c->utf8)
        return REPLACEMENT;
    n = dsn_utf8_char_len(c->raw.base, i, c->raw.to);
    if (n < 2)
        return REPLACEMENT;
    c->keep = n - 1;
    return byte_at(c->raw, i);
}

static int next(cursor *c)
{
    if (c->pre.from < c->pre.to)
        return byte_at(c->pre, c->pre.from++);
    while (c->raw.from < c->raw.to) {
        size_t i = c->raw.from++;
        unsigned char b = byte_at(c->raw, i);
        int ch = clean(b);
        if (ch < 0) {
            c->keep = 0; /* a control byte ends any character */
            continue;
        }
        return b < 0x80 ? ch : high_byte(c, i);
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

/* Whether v goes out as it is: VCHAR and spaces only. */
static int is_plain(span v)
{
    size_t i;
    for (i = v.from; i < v.to; i++)
        if (!dsn_is_vchar(byte_at(v, i)) && byte_at(v, i) != ' ')
            return 0;
    return 1;
}

static void put_range(dsn_sink *o, span v)
{
    dsn_sink_put_range(o, v.base, v.from, v.to);
}

/* Bytes of v, at most max, that go out as they are (plain). */
static size_t plain_bytes(const span *v, size_t max)
{
    size_t i = v->from;
    while (i < v->to && i - v->from < max && dsn_is_vchar(byte_at(*v, i)))
        i++;
    return i - v->from;
}

/* Bytes at c, at most max, that go out as they are and lie in one span
 * (the prefix or the raw value), so one loop writes them. */
static size_t plain_run(const cursor *c, size_t max)
{
    if (c->keep > 0)
        return 0;
    if (c->pre.from < c->pre.to)
        return plain_bytes(&c->pre, max);
    return plain_bytes(&c->raw, max);
}

/* Moves v past n bytes, writing them to o if o is not NULL. */
static void take_bytes(dsn_sink *o, span *v, size_t n)
{
    size_t end = v->from + n < v->to ? v->from + n : v->to;
    if (o != NULL)
        dsn_sink_put_range(o, v->base, v->from, end);
    v->from = end;
}

/* Moves c past the n bytes plain_run() counted, writing them to o if o. */
static void take_run(dsn_sink *o, cursor *c, size_t n)
{
    if (c->pre.from < c->pre.to)
        take_bytes(o, &c->pre, n);
    else
        take_bytes(o, &c->raw, n);
}

/* Columns the word at t takes, counted up to limit at most. */
static size_t word_width(cursor t, size_t limit)
{
    size_t w = 0;
    while (w < limit) {
        size_t n = plain_run(&t, limit - w);
        if (n > 0) {
            take_run(NULL, &t, n);
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
        int ch;
        take_run(o, c, n);
        *col += n;
        ch = peek(c);
        if (ch < 0 || ch == ' ')
            return;
        /* a character that does not fit starts the next line; a
         * continuation byte never does (its lead made room for it) */
        if (*col + char_len(ch) > HARD_LIMIT && (ch & 0xC0) != 0x80) {
            put_str(o, "\r\n ");
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
                      span raw, int utf8)
{
    cursor c;
    size_t col = strlen(name) + 2;
    c.pre = span_of(prefix != NULL ? prefix : "");
    c.raw = raw;
    c.keep = 0;
    c.utf8 = utf8;
    put_str(o, name);
    put_str(o, ": ");
    /* Most values are short and plain: then the line is the input. */
    if (raw.to - raw.from <= DSN_FOLD_COLUMNS &&
        col + c.pre.to + (raw.to - raw.from) <= DSN_FOLD_COLUMNS &&
        is_plain(raw)) {
        put_range(o, c.pre);
        put_range(o, raw);
        put_str(o, "\r\n");
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
            put_str(o, "\r\n");
            col = 0;
        }
        col += spaces;
        for (; spaces > 0; spaces--)
            put_char(o, next(&c));
        put_word(o, &c, &col);
    }
    put_str(o, "\r\n");
}

/* s[0..len) without the bytes it starts and ends with that clean to a
 * space or to nothing; empty (from == to) when nothing else is left. */
static span trimmed(const char *s, size_t len)
{
    span v;
    v.base = s;
    v.from = 0;
    v.to = len;
    while (v.from < v.to && clean(byte_at(v, v.from)) <= ' ')
        v.from++;
    while (v.to > v.from && clean(byte_at(v, v.to - 1)) <= ' ')
        v.to--;
    return v;
}

static span trimmed_str(const char *s)
{
    return trimmed(s, strlen(s));
}

/* Whether an address holds a byte >= 0x80. */
static int has_8bit(span v)
{
    size_t i;
    for (i = v.from; i < v.to; i++)
        if (byte_at(v, i) >= 0x80)
            return 1;
    return 0;
}

/* An address must reach its reader whole: no byte of it is replaced. In
 * message/delivery-status it is ASCII; in message/global-delivery-status
 * it may be UTF-8, then typed "utf-8" (RFC 6533 section 3). */
static int address_check(const char *addr, unsigned flags)
{
    span v;
    if (addr == NULL)
        return DSN_OK;
    v = trimmed_str(addr);
    if (!has_8bit(v))
        return DSN_OK;
    if (!(flags & DSN_FIELDS_UTF8))
        return DSN_ENOTASCII;
    return dsn_utf8_valid(v.base + v.from, v.to - v.from) == v.to - v.from
               ? DSN_OK
               : DSN_ENOTUTF8;
}

static const char *address_type(span v)
{
    return has_8bit(v) ? "utf-8; " : "rfc822; ";
}

/*
 * Whether a Status of class cls may go with this Action. The one rule
 * that ties them is the class definitions of RFC 3463 section 3.1:
 * 2.X.X "is reporting a positive delivery action" (delivered, relayed,
 * expanded: RFC 3464 section 2.3.3); 4.X.X is a condition that "has caused
 * abandonment or delay" (delayed, or failed when the agent gave up);
 * 5.X.X is "not likely to be resolved by resending the message in the
 * current form" (failed only: a delayed message is resent as it is).
 * The last reply's code plays no part: RFC 3464 section 2.3.6 reports
 * it in Diagnostic-Code, independently of the Status (a greylisting 451
 * then 5.4.7 when the queue lifetime ends is correct).
 */
static int action_fits_class(int action, int cls)
{
    switch (action) {
    case DSN_ACTION_DELIVERED:
    case DSN_ACTION_RELAYED:
    case DSN_ACTION_EXPANDED:
        return cls == 2;
    case DSN_ACTION_DELAYED:
        return cls == 4;
    default: /* DSN_ACTION_FAILED */
        return cls != 2;
    }
}

/* The Action a status class implies when neither action nor code is
 * given: 2 delivered, 4 delayed, 5 failed (RFC 3464 section 2.3.3). */
static int action_of_class(int cls)
{
    return cls == 2   ? DSN_ACTION_DELIVERED
           : cls == 4 ? DSN_ACTION_DELAYED
                      : DSN_ACTION_FAILED;
}

/* The Action and Status to write, or why there are none. Every number is
 * range-checked before anything is computed from it. */
static int resolve(const dsn_recipient_fields *f, int *action, dsn_status *st)
{
    span rcpt;
    int err;
    *action = 0;
    st->cls = st->subject = st->detail = 0;
    if (f == NULL)
        return DSN_EINVAL;
    if (f->final_recipient == NULL)
        return DSN_EINVAL;
    rcpt = trimmed_str(f->final_recipient);
    if (rcpt.from == rcpt.to)
        return DSN_EINVAL;
    if ((f->flags & ~(unsigned)DSN_FIELDS_UTF8) != 0)
        return DSN_EINVAL;
    if ((err = address_check(f->final_recipient, f->flags)) != DSN_OK ||
        (err = address_check(f->original_recipient, f->flags)) != DSN_OK)
        return err;
    if (f->code != 0 && dsn_severity(f->code) < 0)
        return DSN_EBADCODE;
    if (f->action != 0 && dsn_action_name(f->action) == NULL)
        return DSN_EINVAL;
    if (f->status != NULL) {
        /* RFC 3463 section 3.1, RFC 3464 section 2.3.4: class 2, 4 or
         * 5, subject and detail of 1 to 3 digits */
        if (!dsn_status_valid(f->status))
            return DSN_EBADSTATUS;
        *st = *f->status;
    } else if (f->code != 0) {
        (void)dsn_default_status(f->code, st);
    } else {
        return DSN_EINVAL;
    }
    if (f->action != 0)
        *action = f->action;
    else if (f->code != 0)
        *action = dsn_action_of(f->code);
    else
        *action = action_of_class(st->cls);
    return action_fits_class(*action, st->cls) ? DSN_OK : DSN_EBADCLASS;
}

int dsn_status_fields_check(const dsn_recipient_fields *f)
{
    int action;
    dsn_status st;
    return resolve(f, &action, &st);
}

/* An optional field: written when its value is given and is not empty
 * once trimmed. len is the value's length, or 0 for strlen(s). */
static void put_optional(dsn_sink *o, const char *name, const char *prefix,
                         const char *s, size_t len, int utf8)
{
    span v;
    if (s == NULL)
        return;
    v = trimmed(s, len != 0 ? len : strlen(s));
    if (v.from < v.to)
        put_field(o, name, prefix, v, utf8);
}

/* An address field, typed by its bytes (RFC 6533 section 3). */
static void put_address(dsn_sink *o, const char *name, const char *s, int utf8)
{
    span v;
    if (s == NULL)
        return;
    v = trimmed_str(s);
    if (v.from < v.to)
        put_field(o, name, address_type(v), v, utf8);
}

size_t dsn_status_fields(const dsn_recipient_fields *f, char *buf, size_t size)
{
    dsn_sink o = dsn_sink_make(buf, size);
    const char *action_name;
    int action, utf8;
    dsn_status st;
    char status[11] = ""; /* dsn_put_status() writes at most 11 */
    size_t n;
    if (resolve(f, &action, &st) != DSN_OK ||
        (action_name = dsn_action_name(action)) == NULL) {
        dsn_sink_end(&o);
        return 0;
    }
    utf8 = (f->flags & DSN_FIELDS_UTF8) != 0;
    put_address(&o, "Original-Recipient", f->original_recipient, utf8);
    put_address(&o, "Final-Recipient", f->final_recipient, utf8);
    /* Action and Status are libdsn's own words: short, nothing to clean */
    put_str(&o, "Action: ");
    put_str(&o, action_name);
    put_str(&o, "\r\n");
    /* resolve() checked the numbers: each in 0..999 */
    n = dsn_put_status(status, st.cls, st.subject, st.detail);
    put_str(&o, "Status: ");
    put_bytes(&o, status, n);
    put_str(&o, "\r\n");
    put_optional(&o, "Remote-MTA", "dns; ", f->remote_mta, 0, utf8);
    put_optional(&o, "Diagnostic-Code", "smtp; ", f->diagnostic,
                 f->diagnostic_len, utf8);
    put_optional(&o, "Last-Attempt-Date", NULL, f->last_attempt_date, 0, utf8);
    put_optional(&o, "Will-Retry-Until", NULL, f->will_retry_until, 0, utf8);
    return dsn_sink_end(&o);
}
