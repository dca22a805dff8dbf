/*
 * parse_reply.c - one SMTP reply received from a remote server, read in
 * place: every byte is looked at once, the lines are handed back as slices
 * of the caller's buffer, nothing is copied or allocated.
 *
 * The grammar is RFC 5321 4.2's, read one line at a time in the five steps
 * that dsn/parse.h lists: the code, the separator, the text, the line end,
 * the enhanced status code. Each step is one function below and says what
 * it forgives in lenient mode; dsn_parse_reply() at the end is the loop
 * over them. Positions are offsets into buf[0..len), and every read is
 * guarded by a comparison with len or with a limit no larger than it, so
 * that a reader and Frama-C (tests/proof/) can both see that nothing at or
 * past len is read.
 */
#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#include "dsn.h"
#include "status_scan.h"
#include "text_class.h"
#include "utf8.h"

/* The bytes of a reply, the rules they are read by, and what was found. */
struct reader {
    const char *buf;
    size_t len;              /* bytes in buf, at most INT_MAX */
    size_t max_line;         /* longest line, line end included: 1..len+1 */
    int strict;              /* DSN_PARSE_STRICT */
    unsigned flags;          /* DSN_REPLY_* found so far */
    unsigned char digits[3]; /* the first line's code */
    int code;                /* its value once read, else 0 */
    dsn_status last;         /* the last enhanced code taken */
    int have, without;       /* lines with one taken, lines without */
};

/* One line of the reply, as offsets into buf. */
struct line {
    size_t start; /* its first digit */
    size_t text;  /* the first byte of its text */
    size_t eol;   /* the first byte of its line end (CR or LF) */
    size_t next;  /* the byte after its LF */
    int last;     /* 1 when ' ' or the line end follows the code */
};

/*@ predicate parse_error(integer r) =
      r == DSN_EINCOMPLETE || r == DSN_EREPLYCODE ||
      r == DSN_ECODEMISMATCH || r == DSN_ECONTINUATION ||
      r == DSN_ELINETOOLONG || r == DSN_EBARECR || r == DSN_ECTRL ||
      r == DSN_EBARELF || r == DSN_EBADUTF8 || r == DSN_ESTATUS ||
      r == DSN_EBADCLASS || r == DSN_ESTATUSMIXED;
    predicate reader_ok(struct reader *rd) =
      \valid_read(rd) && rd->len <= INT_MAX &&
      1 <= rd->max_line <= rd->len + 1 &&
      (rd->len == 0 || \valid_read(rd->buf + (0 .. rd->len - 1)));
    predicate line_ok(struct reader *rd, struct line *ln) =
      reader_ok(rd) && \valid(ln) && \separated(rd, ln) &&
      ln->start <= rd->len;
*/

/* The byte at buf[at], at < len, as a number 0..255. */
/*@ requires reader_ok(rd) && at < rd->len;
    assigns \nothing; */
static unsigned char byte_at(const struct reader *rd, size_t at)
{
    return (unsigned char)rd->buf[at];
}

/* The bytes that need no second look in a text: HT and 0x20-0x7E, RFC
 * 5321 4.2's textstring: no control character (text_class.h) but HT, and
 * nothing above 0x7F. */
/*@ assigns \nothing; */
static int plain_text(unsigned char c)
{
    return c == '\t' || (c < 0x80 && !dsn_is_ctl(c));
}

/* The eight bytes at buf[at], at + 8 <= len, as one little-endian word:
 * byte loads that compilers merge into one, with no pointer cast. */
/*@ requires reader_ok(rd) && at + 8 <= rd->len;
    assigns \nothing; */
static uint64_t word_at(const struct reader *rd, size_t at)
{
    const char *p = rd->buf + at;
    return (uint64_t)(unsigned char)p[0] | (uint64_t)(unsigned char)p[1] << 8 |
           (uint64_t)(unsigned char)p[2] << 16 |
           (uint64_t)(unsigned char)p[3] << 24 |
           (uint64_t)(unsigned char)p[4] << 32 |
           (uint64_t)(unsigned char)p[5] << 40 |
           (uint64_t)(unsigned char)p[6] << 48 |
           (uint64_t)(unsigned char)p[7] << 56;
}

/* The first byte of buf[at .. limit) that is not plain text, or limit:
 * eight bytes at a time while none is a control character or above 0x7F
 * (HT among them makes the bytes go one at a time). */
/*@ requires reader_ok(rd) && at <= limit <= rd->len;
    assigns \nothing;
    ensures at <= \result <= limit; */
static size_t skip_plain(const struct reader *rd, size_t at, size_t limit)
{
    /*@ loop invariant \at(at, Pre) <= at <= limit;
        loop assigns at;
        loop variant limit - at; */
    while (at + 8 <= limit &&
           (dsn_ctl_mask(word_at(rd, at)) |
            (word_at(rd, at) & UINT64_C(0x8080808080808080))) == 0)
        at += 8;
    /*@ loop invariant \at(at, Pre) <= at <= limit;
        loop assigns at;
        loop variant limit - at; */
    while (at < limit && plain_text(byte_at(rd, at)))
        at++;
    return at;
}

/* A forgiveness: the error in strict mode, the flag in lenient mode. */
/*@ requires \valid(rd);
    assigns rd->flags;
    ensures \result == 0 || \result == error; */
static int forgive(struct reader *rd, int error, unsigned flag)
{
    if (rd->strict)
        return error;
    rd->flags |= flag;
    return 0;
}

/* RFC 5321 4.2: the first digit 2-5, the second 0-5. */
/*@ assigns \nothing; */
static int code_digit_ok(size_t i, unsigned char c)
{
    return i == 0 ? c >= '2' && c <= '5' : i == 1 ? c <= '5' : 1;
}

/*
 * Step 1, the code: three digits, the first line's on every line (RFC
 * 5321 4.2.1). Lenient takes any three digits, as Postfix does (ODD_CODE).
 * Checked as far as the bytes go, so that a broken line fails early.
 */
/*@ requires reader_ok(rd) && \valid(rd) && \valid_read(ln);
    requires \separated(rd, ln) && ln->start <= rd->len;
    assigns rd->flags, rd->digits[0 .. 2], rd->code;
    ensures \result == 0 || \result == DSN_EINCOMPLETE ||
            \result == DSN_EREPLYCODE || \result == DSN_ECODEMISMATCH;
    ensures \result == 0 ==> ln->start + 3 <= rd->len;
    ensures \result != 0 && \result != DSN_EINCOMPLETE ==>
            ln->start < rd->len;
    ensures \result == DSN_ECODEMISMATCH ==> n > 0; */
static int read_code(struct reader *rd, const struct line *ln, size_t n)
{
    size_t i;
    int odd = 0;
    /*@ loop invariant 0 <= i <= 3 && ln->start + i <= rd->len;
        loop assigns i, odd, rd->digits[0 .. 2];
        loop variant 3 - i; */
    for (i = 0; i < 3; i++) {
        size_t at = ln->start + i;
        unsigned char c;
        if (at >= rd->len)
            return DSN_EINCOMPLETE;
        c = byte_at(rd, at);
        if (!dsn_is_digit(c) || (rd->strict && !code_digit_ok(i, c)))
            return DSN_EREPLYCODE;
        if (n > 0 && c != rd->digits[i])
            return DSN_ECODEMISMATCH;
        if (n == 0)
            rd->digits[i] = c;
        odd |= !code_digit_ok(i, c);
    }
    if (odd)
        rd->flags |= DSN_REPLY_ODD_CODE;
    if (n == 0)
        rd->code = (rd->digits[0] - '0') * 100 + (rd->digits[1] - '0') * 10 +
                   (rd->digits[2] - '0');
    return 0;
}

/* Step 2, the separator: '-' when more lines follow, ' ' or the line end
 * on the last line ("250\r\n" has no text at all). */
/*@ requires line_ok(rd, ln) && ln->start + 3 <= rd->len;
    assigns ln->last, ln->text;
    ensures \result == 0 || \result == DSN_EINCOMPLETE ||
            \result == DSN_EREPLYCODE || \result == DSN_ECONTINUATION;
    ensures \result != 0 && \result != DSN_EINCOMPLETE ==>
            ln->start < rd->len;
    ensures \result == 0 ==>
            ln->start + 3 <= ln->text <= rd->len && ln->text <= ln->start + 4;
  */
static int read_separator(const struct reader *rd, struct line *ln)
{
    size_t at = ln->start + 3;
    unsigned char c;
    if (at >= rd->len)
        return DSN_EINCOMPLETE;
    c = byte_at(rd, at);
    if (c != '-' && c != ' ' && c != '\r' && c != '\n')
        return dsn_is_digit(c) ? DSN_EREPLYCODE : DSN_ECONTINUATION;
    ln->last = c != '-';
    ln->text = c == '-' || c == ' ' ? at + 1 : at;
    return 0;
}

/*
 * Step 4, the line end at buf[at] (a CR or LF before end, the line
 * limit): CRLF. Lenient takes a bare LF as Postfix does (BARE_LF), and
 * keeps a CR that no LF follows in the text (BARE_CR). Returns 0 when the
 * line ends at at, 1 when the CR is text, or an error.
 */
/*@ requires line_ok(rd, ln) && \valid(rd);
    requires ln->start <= at < rd->len && at < end;
    assigns rd->flags, ln->eol, ln->next;
    ensures \result == 0 || \result == 1 || \result == DSN_EBARELF ||
            \result == DSN_ELINETOOLONG || \result == DSN_EINCOMPLETE ||
            \result == DSN_EBARECR;
    ensures \result == 0 ==>
            ln->eol == at && at < ln->next <= rd->len && ln->next <= end; */
static int read_line_end(struct reader *rd, struct line *ln, size_t at,
                         size_t end)
{
    size_t lf = at + 1;
    int r;
    if (byte_at(rd, at) == '\n') {
        r = forgive(rd, DSN_EBARELF, DSN_REPLY_BARE_LF);
        ln->eol = at;
        ln->next = lf;
        return r;
    }
    if (lf >= end)
        return DSN_ELINETOOLONG; /* no room left for the LF */
    if (lf >= rd->len)
        return DSN_EINCOMPLETE;
    if (byte_at(rd, lf) == '\n') {
        ln->eol = at;
        ln->next = lf + 1;
        return 0;
    }
    r = forgive(rd, DSN_EBARECR, DSN_REPLY_BARE_CR | DSN_REPLY_CTRL);
    return r != 0 ? r : 1;
}

/* A line longer than RFC 5321's 512 octets, taken: flagged (LONG_LINE),
 * as Postfix takes up to its line_length_limit. */
/*@ requires \valid(rd) && \valid_read(ln) && \separated(rd, ln);
    assigns rd->flags;
    ensures \result == 0; */
static int long_line(struct reader *rd, const struct line *ln)
{
    if (ln->next - ln->start > DSN_LINE_MAX)
        rd->flags |= DSN_REPLY_LONG_LINE;
    return 0;
}

/*
 * Step 3, the text: HT, 0x20-0x7E (RFC 5321 4.2) and UTF-8 (RFC 6531),
 * up to the line end (step 4) within the line limit. Lenient keeps a
 * control character (CTRL) and bytes that are not UTF-8 (NOT_UTF8); any
 * byte above 0x7F is flagged (EIGHTBIT), as it needs SMTPUTF8.
 */
/*@ requires line_ok(rd, ln) && \valid(rd);
    requires ln->start + 3 <= ln->text <= rd->len;
    assigns rd->flags, ln->eol, ln->next;
    ensures \result == 0 || \result == DSN_EBARELF ||
            \result == DSN_ELINETOOLONG || \result == DSN_EINCOMPLETE ||
            \result == DSN_EBARECR || \result == DSN_ECTRL ||
            \result == DSN_EBADUTF8;
    ensures \result != 0 && \result != DSN_EINCOMPLETE ==>
            ln->start < rd->len;
    ensures \result == 0 ==>
            ln->text <= ln->eol < ln->next <= rd->len; */
static int read_text(struct reader *rd, struct line *ln)
{
    size_t end = ln->start + rd->max_line; /* no overflow: both <= len + 1 */
    size_t limit = end < rd->len ? end : rd->len;
    size_t at = ln->text;
    /*@ loop invariant ln->text <= at <= rd->len;
        loop invariant at <= limit || at == ln->text;
        loop assigns at, rd->flags, ln->eol, ln->next;
        loop variant rd->len - at; */
    while (at < limit) {
        unsigned char c;
        int r = 0, n = 1;
        at = skip_plain(rd, at, limit);
        if (at >= limit)
            break;
        c = byte_at(rd, at);
        if (c == '\r' || c == '\n') {
            r = read_line_end(rd, ln, at, end);
            if (r < 0)
                return r;
            if (r == 0)
                return long_line(rd, ln);
            r = 0; /* a CR kept in the text */
        } else if (c < 0x80) {
            r = forgive(rd, DSN_ECTRL, DSN_REPLY_CTRL);
        } else {
            rd->flags |= DSN_REPLY_EIGHTBIT;
            n = dsn_utf8_char_scan(rd->buf, at, limit);
            if (n < 0)
                break;
            if (n == 0) {
                r = forgive(rd, DSN_EBADUTF8, DSN_REPLY_NOT_UTF8);
                n = 1;
            }
        }
        if (r != 0)
            return r;
        at += (size_t)n;
    }
    return end <= rd->len ? DSN_ELINETOOLONG : DSN_EINCOMPLETE;
}

/*
 * Step 5, the enhanced status code at the start of the text (RFC 3463 2),
 * of the reply's class (RFC 2034 4), the same on every line that has one.
 * Lenient takes it after spaces (INDENT) or a '#' (HASH), leaves one that
 * is malformed (BAD_STATUS) or of another class (CLASS_MISMATCH) in the
 * text, and keeps the last when the lines disagree (STATUS_MIXED).
 */
/*@ requires line_ok(rd, ln) && \valid(rd);
    requires ln->start <= ln->text <= ln->eol < rd->len;
    assigns rd->flags, rd->last, rd->have, rd->without, ln->text;
    ensures \result == 0 || \result == DSN_ESTATUS ||
            \result == DSN_EBADCLASS || \result == DSN_ESTATUSMIXED;
    ensures \result != 0 ==> ln->start < rd->len;
    ensures \old(ln->text) <= ln->text <= ln->eol; */
static int take_status(struct reader *rd, struct line *ln)
{
    size_t at = ln->text, len = 0;
    int kind = SCAN_NONE, hash = 0, found = 0, r = 0;
    dsn_status st = {0, 0, 0};
    if (!rd->strict)
        /*@ loop invariant ln->text <= at <= ln->eol;
            loop assigns at;
            loop variant ln->eol - at; */
        while (at < ln->eol && byte_at(rd, at) == ' ')
            at++;
    if (at < ln->eol && byte_at(rd, at) == '#') {
        hash = 1;
        at++;
    }
    if (at < ln->eol && dsn_is_digit(byte_at(rd, at)))
        kind = scan_status(rd->buf, at, ln->eol, &st, &len);
    if (kind == SCAN_BAD)
        r = forgive(rd, DSN_ESTATUS, DSN_REPLY_BAD_STATUS);
    else if (kind == SCAN_VALID && hash && rd->strict)
        r = DSN_ESTATUS;
    else if (kind == SCAN_VALID && st.cls != rd->code / 100)
        r = forgive(rd, DSN_EBADCLASS, DSN_REPLY_CLASS_MISMATCH);
    else if (kind == SCAN_VALID)
        found = 1;
    if (r != 0)
        return r;
    if (found) {
        rd->flags |= (hash ? DSN_REPLY_HASH : 0u) |
                     (at - (size_t)hash != ln->text ? DSN_REPLY_INDENT : 0u);
        ln->text = at + len < ln->eol ? at + len + 1 : at + len;
    }
    if (found ? rd->without || (rd->have && (st.cls != rd->last.cls ||
                                             st.subject != rd->last.subject ||
                                             st.detail != rd->last.detail))
              : rd->have)
        r = forgive(rd, DSN_ESTATUSMIXED, DSN_REPLY_STATUS_MIXED);
    if (found) {
        rd->last = st;
        rd->have = 1;
    } else {
        rd->without = 1;
    }
    return r;
}

/* Line n of the reply, the five steps in their order. */
/*@ requires line_ok(rd, ln) && \valid(rd);
    assigns rd->flags, rd->digits[0 .. 2], rd->code, rd->last, rd->have,
            rd->without, ln->last, ln->text, ln->eol, ln->next;
    ensures \result == 0 || parse_error(\result);
    ensures \result == 0 ==>
            ln->start + 3 <= ln->text <= ln->eol < ln->next <= rd->len;
    ensures \result != 0 && \result != DSN_EINCOMPLETE ==>
            ln->start < rd->len;
    ensures \result == DSN_ECODEMISMATCH ==> n > 0; */
static int read_line(struct reader *rd, struct line *ln, size_t n)
{
    int r = read_code(rd, ln, n);
    if (r == 0)
        r = read_separator(rd, ln);
    if (r == 0)
        r = read_text(rd, ln);
    if (r == 0)
        r = take_status(rd, ln);
    return r;
}

/* Where to go on after an error in the line at start: the byte after its
 * LF, or len when the LF has not arrived. */
/*@ requires reader_ok(rd) && start <= rd->len;
    assigns \nothing;
    ensures start <= \result <= rd->len;
    ensures start < rd->len ==> start < \result; */
static size_t after_line(const struct reader *rd, size_t start)
{
    size_t at;
    /*@ loop invariant start <= at <= rd->len;
        loop assigns at;
        loop variant rd->len - at; */
    for (at = start; at < rd->len; at++)
        if (byte_at(rd, at) == '\n')
            return at + 1;
    return rd->len;
}

/* The error r found in line n (at start): where it is, where to resume. */
/*@ requires reader_ok(rd) && \valid(out) && \separated(out, rd);
    requires start <= rd->len;
    assigns *out;
    ensures \result == r && out->offset == start && out->resume <= rd->len;
    ensures r == DSN_ECODEMISMATCH ==> out->resume == start;
    ensures r == DSN_EINCOMPLETE ==> out->resume == 0;
    ensures r != DSN_ECODEMISMATCH && r != DSN_EINCOMPLETE &&
            start < rd->len ==> start < out->resume; */
static int fail(dsn_parsed_reply *out, const struct reader *rd, size_t n,
                size_t start, int r)
{
    out->code = rd->code;
    out->status.cls = out->status.subject = out->status.detail = 0;
    out->flags = rd->flags;
    out->lines = n;
    out->offset = start;
    out->resume = r == DSN_ECODEMISMATCH ? start
                  : r == DSN_EINCOMPLETE ? 0
                                         : after_line(rd, start);
    return r;
}

/* The reply read: n lines, used bytes. */
/*@ requires reader_ok(rd) && \valid(out) && \separated(out, rd);
    requires 0 < used <= rd->len;
    assigns *out;
    ensures \result == used && out->resume == used; */
static int done(dsn_parsed_reply *out, const struct reader *rd, size_t n,
                size_t used)
{
    out->code = rd->code;
    out->status = rd->last;
    out->flags = rd->flags | (rd->have ? DSN_REPLY_STATUS : 0u);
    out->lines = n;
    out->offset = 0;
    out->resume = used;
    return (int)used;
}

/*@ requires \valid(rd) && (opt == \null || \valid_read(opt));
    requires \valid_read(buf + (0 .. len - 1));
    requires \separated(rd, opt);
    assigns *rd;
    ensures reader_ok(rd) && rd->len <= len;
    ensures rd->buf == buf;
    ensures rd->code == 0; */
static void start_reader(struct reader *rd, const char *buf, size_t len,
                         const dsn_parse_options *opt)
{
    size_t max_line = 0;
    rd->buf = buf;
    rd->len = len > INT_MAX ? INT_MAX : len;
    rd->strict = opt != NULL && (opt->flags & DSN_PARSE_STRICT) != 0;
    if (opt != NULL)
        max_line = opt->max_line;
    if (max_line == 0)
        max_line = rd->strict ? DSN_LINE_MAX : DSN_LENIENT_LINE_MAX;
    /* a limit beyond the bytes there are is the same as len + 1 */
    rd->max_line = max_line > rd->len ? rd->len + 1 : max_line;
    rd->flags = 0;
    rd->digits[0] = rd->digits[1] = rd->digits[2] = '0';
    rd->code = 0;
    rd->last.cls = rd->last.subject = rd->last.detail = 0;
    rd->have = rd->without = 0;
}

/*@ requires buf == \null || \valid_read(buf + (0 .. len - 1));
    requires out == \null || \valid(out);
    requires lines == \null || \valid(lines + (0 .. cap - 1));
    requires opt == \null || \valid_read(opt);
    assigns *out, lines[0 .. cap - 1];
    behavior invalid:
      assumes out == \null || (buf == \null && len > 0) ||
              (lines == \null && cap > 0);
      assigns \nothing;
      ensures \result == DSN_EINVAL;
    behavior parsed:
      assumes out != \null && !(buf == \null && len > 0) &&
              !(lines == \null && cap > 0);
      ensures len == 0 ==> \result == DSN_EINCOMPLETE;
      ensures \result >= 0 ==> 0 < \result <= len && out->resume == \result;
      ensures \result < 0 ==> parse_error(\result);
      ensures \result < 0 ==> out->offset <= len && out->resume <= len;
      ensures \result == DSN_EINCOMPLETE ==> out->resume == 0;
      ensures \result == DSN_ECODEMISMATCH ==>
              0 < out->offset && out->resume == out->offset;
      ensures \result < 0 && \result != DSN_EINCOMPLETE &&
              \result != DSN_ECODEMISMATCH ==> out->offset < out->resume;
    complete behaviors;
    disjoint behaviors;
*/
int dsn_parse_reply(const char *buf, size_t len, dsn_parsed_reply *out,
                    dsn_slice *lines, size_t cap, const dsn_parse_options *opt)
{
    struct reader rd;
    struct line ln = {0, 0, 0, 0, 0};
    size_t n;

    if (out == NULL || (buf == NULL && len > 0) || (lines == NULL && cap > 0))
        return DSN_EINVAL;
    start_reader(&rd, buf, len, opt);
    /*@ loop invariant reader_ok(&rd) && ln.start <= rd.len;
        loop invariant rd.buf == buf && rd.len <= len;
        loop invariant n > 0 ==> ln.start > 0;
        loop assigns n, ln, rd.flags, rd.digits[0 .. 2], rd.code, rd.last,
                     rd.have, rd.without, lines[0 .. cap - 1];
        loop variant rd.len - ln.start; */
    for (n = 0;; n++) {
        int r = read_line(&rd, &ln, n);
        if (r != 0)
            return fail(out, &rd, n, ln.start, r);
        if (n < cap) {
            lines[n].ptr = buf + ln.text;
            lines[n].len = ln.eol - ln.text;
        }
        if (ln.last)
            return done(out, &rd, n + 1, ln.next);
        ln.start = ln.next;
    }
}
