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
#include "utf8.h"

/* RFC 5322 2.1.1: no line longer than 998 octets, CRLF excluded. */
#define HARD_LIMIT 998

/* What goes out for a byte that may not: the one Postfix writes. */
#define REPLACEMENT '?'

static void put_char(dsn_sink *o, int c)
{
    char ch = (char)c;
    dsn_sink_put(o, &ch, 1);
}

/* What an input byte becomes: LF and HT a space, other control characters
 * nothing (-1), anything else itself (bytes >= 0x80 are decided by the
 * cursor, which knows the bytes after them). */
static int clean(unsigned char c)
{
    if (c == '\n' || c == '\t')
        return ' ';
    if (c < 0x20 || c == 0x7f)
        return -1;
    return c;
}

/* A value's bytes: [ptr, ptr + len). */
typedef struct span {
    const char *ptr;
    size_t len;
} span;

/* A value: a clean literal prefix ("rfc822; "), then raw input, cleaned
 * on the fly. utf8: well-formed UTF-8 passes, else every byte >= 0x80 is
 * REPLACEMENT; keep counts the bytes of a well-formed character still to
 * pass. */
typedef struct cursor {
    span pre;
    size_t pre_i;
    span raw;
    size_t i;
    size_t keep;
    int utf8;
} cursor;

static unsigned char raw_at(const cursor *c, size_t i)
{
    return (unsigned char)c->raw.ptr[i];
}

/* What the byte >= 0x80 at raw index i becomes (c->i is past it). */
static int high_byte(cursor *c, size_t i)
{
    size_t n;
    if (c->keep > 0) {
        c->keep--;
        return raw_at(c, i);
    }
    if (!c->utf8)
        return REPLACEMENT;
    n = dsn_utf8_char_len((const unsigned char *)c->raw.ptr + i,
                          c->raw.len - i);
    if (n < 2)
        return REPLACEMENT;
    c->keep = n - 1;
    return raw_at(c, i);
}

static int next(cursor *c)
{
    if (c->pre_i < c->pre.len)
        return (unsigned char)c->pre.ptr[c->pre_i++];
    while (c->i < c->raw.len) {
        size_t i = c->i++;
        unsigned char b = raw_at(c, i);
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

/* A byte that goes out as it is whatever surrounds it: printable ASCII
 * but the space. */
static int plain(unsigned char b)
{
    return b > ' ' && b < 0x7f;
}

/* Whether v goes out as it is: printable ASCII and spaces only. */
static int is_plain(span v)
{
    size_t i;
    for (i = 0; i < v.len; i++)
        if (!plain((unsigned char)v.ptr[i]) && v.ptr[i] != ' ')
            return 0;
    return 1;
}

/* The place of the next bytes at c: the prefix, or the raw value. */
static span rest(const cursor *c)
{
    span r;
    if (c->pre_i < c->pre.len) {
        r.ptr = c->pre.ptr + c->pre_i;
        r.len = c->pre.len - c->pre_i;
    } else {
        r.ptr = c->raw.ptr + c->i;
        r.len = c->raw.len - c->i;
    }
    return r;
}

/* Bytes at c, at most max, that go out as they are (plain) and lie in one
 * place, so one copy writes them. */
static size_t plain_run(const cursor *c, size_t max)
{
    span r = rest(c);
    size_t n = 0;
    if (c->keep > 0)
        return 0;
    if (r.len < max)
        max = r.len;
    while (n < max && plain((unsigned char)r.ptr[n]))
        n++;
    return n;
}

/* Moves c past n bytes that plain_run() counted. */
static void skip(cursor *c, size_t n)
{
    if (c->pre_i < c->pre.len)
        c->pre_i += n;
    else
        c->i += n;
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
        int ch;
        if (n > 0) {
            dsn_sink_put(o, rest(c).ptr, n);
            skip(c, n);
            *col += n;
        }
        ch = peek(c);
        if (ch < 0 || ch == ' ')
            return;
        /* a character that does not fit starts the next line; a
         * continuation byte never does (its lead made room for it) */
        if (*col + char_len(ch) > HARD_LIMIT && (ch & 0xC0) != 0x80) {
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
                      span raw, int utf8)
{
    cursor c;
    size_t col = strlen(name) + 2;
    c.pre.ptr = prefix != NULL ? prefix : "";
    c.pre.len = strlen(c.pre.ptr);
    c.pre_i = 0;
    c.raw = raw;
    c.i = 0;
    c.keep = 0;
    c.utf8 = utf8;
    dsn_sink_put(o, name, col - 2);
    dsn_sink_put(o, ": ", 2);
    /* Most values are short and clean: then the line is the input. */
    if (raw.len <= DSN_FOLD_COLUMNS &&
        col + c.pre.len + raw.len <= DSN_FOLD_COLUMNS && is_plain(raw)) {
        dsn_sink_put(o, c.pre.ptr, c.pre.len);
        dsn_sink_put(o, raw.ptr, raw.len);
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

/* s[0..len) without the bytes it starts and ends with that clean to a
 * space or to nothing; len 0 when s is NULL or nothing else is left. */
static span trimmed(const char *s, size_t len)
{
    span v;
    size_t a = 0, b = len;
    v.ptr = s;
    v.len = 0;
    if (s == NULL)
        return v;
    while (a < b && clean((unsigned char)s[a]) <= ' ')
        a++;
    while (b > a && clean((unsigned char)s[b - 1]) <= ' ')
        b--;
    v.ptr = s + a;
    v.len = b - a;
    return v;
}

static span trimmed_str(const char *s)
{
    return trimmed(s, s != NULL ? strlen(s) : 0);
}

/* Whether an address holds a byte >= 0x80. */
static int has_8bit(span v)
{
    size_t i;
    for (i = 0; i < v.len; i++)
        if ((unsigned char)v.ptr[i] >= 0x80)
            return 1;
    return 0;
}

/* Whether v is well-formed UTF-8 (RFC 3629), control bytes aside. */
static int is_utf8(span v)
{
    size_t i = 0;
    while (i < v.len) {
        size_t n =
            dsn_utf8_char_len((const unsigned char *)v.ptr + i, v.len - i);
        if (n == 0)
            return 0;
        i += n;
    }
    return 1;
}

/* An address must reach its reader whole: no byte of it is replaced. In
 * message/delivery-status it is ASCII; in message/global-delivery-status
 * it may be UTF-8, then typed "utf-8" (RFC 6533 section 3). */
static int address_check(const char *addr, unsigned flags)
{
    span v = trimmed_str(addr);
    if (!has_8bit(v))
        return DSN_OK;
    if (!(flags & DSN_FIELDS_UTF8))
        return DSN_ENOTASCII;
    return is_utf8(v) ? DSN_OK : DSN_ENOTUTF8;
}

static const char *address_type(span v)
{
    return has_8bit(v) ? "utf-8; " : "rfc822; ";
}

/* RFC 3463 section 3.1: the class digit of an enhanced status code. */
static int status_class_valid(int cls)
{
    return cls == 2 || cls == 4 || cls == 5;
}

/* RFC 3463 section 3.1 / RFC 3464 section 2.3.4: subject and detail are
 * 1*3DIGIT. */
static int status_number_valid(int v)
{
    return v >= 0 && v <= 999;
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
    int err;
    *action = 0;
    st->cls = st->subject = st->detail = 0;
    if (f == NULL)
        return DSN_EINVAL;
    if (trimmed_str(f->final_recipient).len == 0)
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
        const dsn_status *s = f->status;
        if (!status_class_valid(s->cls) || !status_number_valid(s->subject) ||
            !status_number_valid(s->detail))
            return DSN_EBADSTATUS;
        *st = *s;
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

/* An optional field: written when its value is not empty once trimmed. */
static void put_optional(dsn_sink *o, const char *name, const char *prefix,
                         span v, int utf8)
{
    if (v.len > 0)
        put_field(o, name, prefix, v, utf8);
}

size_t dsn_status_fields(const dsn_recipient_fields *f, char *buf, size_t size)
{
    dsn_sink o = dsn_sink_make(buf, size);
    int action, utf8;
    dsn_status st;
    char status[16];
    span v;
    if (resolve(f, &action, &st) != DSN_OK) {
        dsn_sink_end(&o);
        return 0;
    }
    utf8 = (f->flags & DSN_FIELDS_UTF8) != 0;
    v = trimmed_str(f->original_recipient);
    put_optional(&o, "Original-Recipient", address_type(v), v, utf8);
    v = trimmed_str(f->final_recipient);
    put_field(&o, "Final-Recipient", address_type(v), v, utf8);
    v.ptr = dsn_action_name(action);
    v.len = strlen(v.ptr);
    put_field(&o, "Action", NULL, v, utf8);
    /* resolve() checked the numbers: each in 0..999 */
    v.len = dsn_put_digits(status, st.cls);
    status[v.len++] = '.';
    v.len += dsn_put_digits(status + v.len, st.subject);
    status[v.len++] = '.';
    v.len += dsn_put_digits(status + v.len, st.detail);
    v.ptr = status;
    put_field(&o, "Status", NULL, v, utf8);
    put_optional(&o, "Remote-MTA", "dns; ", trimmed_str(f->remote_mta), utf8);
    if (f->diagnostic != NULL)
        put_optional(&o, "Diagnostic-Code", "smtp; ",
                     trimmed(f->diagnostic, f->diagnostic_len != 0
                                                ? f->diagnostic_len
                                                : strlen(f->diagnostic)),
                     utf8);
    put_optional(&o, "Last-Attempt-Date", NULL,
                 trimmed_str(f->last_attempt_date), utf8);
    put_optional(&o, "Will-Retry-Until", NULL, trimmed_str(f->will_retry_until),
                 utf8);
    return dsn_sink_end(&o);
}
