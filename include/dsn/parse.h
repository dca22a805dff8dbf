/*
 * NAME
 *      dsn/parse.h - reading enhanced status codes and SMTP replies
 *
 * SYNOPSIS
 *      #include <dsn.h>          (includes this header)
 *
 *      dsn_status st;
 *      int n = dsn_parse_status("5.1.1 No such user", 18, &st);  // 5
 *
 *      dsn_parsed_reply r;
 *      dsn_slice text[8];
 *      int used = dsn_parse_reply(inbuf, inlen, &r, text, 8, NULL);
 *      if (used == DSN_EINCOMPLETE)  ... read more, call again ...
 *      else if (used < 0)            ... dsn_strerror(used), the line at
 *                                        r.offset; go on at r.resume ...
 *      else  ... r.code, r.status (when r.flags & DSN_REPLY_STATUS),
 *                text[0 .. min(r.lines, 8)), drop `used` bytes ...
 *
 * DESCRIPTION
 *   dsn_parse_status(s, len, out)
 *      Reads one RFC 3463 section 2 enhanced status code at the start of
 *      s[0..len): class "2", "4" or "5", ".", subject, ".", detail, where
 *      subject and detail are 1 to 3 digits without a leading zero (a lone
 *      "0" is a number: 4.0.0 is valid, 5.01.1 and 5.1.1000 are not). The
 *      code must end at the end of the input or at a space (0x20); any
 *      other byte after it (TAB, CR, LF, '.', a letter, a digit) makes it
 *      invalid: a caller that holds a line passes the length without its
 *      line end, as dsn_parse_reply() does. Returns the length of the code
 *      (the space is not consumed) and fills *out, or DSN_ESTATUS (*out
 *      untouched; DSN_EINVAL for s NULL with len > 0). Never reads s[len]
 *      or beyond. out may be NULL to only validate.
 *
 *   dsn_parse_reply(buf, len, out, lines, cap, opt)
 *      Parses ONE complete SMTP reply (RFC 5321 4.2) at the start of
 *      buf[0..len): one or more lines "<code>-<text>" ending in one
 *      "<code> <text>" or "<code>", each line ending in CRLF (or LF, see
 *      below). Bytes after the reply (the next pipelined reply) are left
 *      alone. Nothing is copied or allocated: lines[i] points into buf,
 *      so buf must outlive the slices. Never reads buf[len] or beyond.
 *
 *      The grammar, step by step, as the parser reads each line:
 *        1. the code: three digits, the same on every line of a reply
 *           (RFC 5321 4.2.1); strict wants [2-5][0-5][0-9] (4.2);
 *        2. the separator: '-' (more lines follow), ' ' or the line end
 *           (this is the last line);
 *        3. the text, up to the line end: HT and 0x20-0x7E (RFC 5321
 *           4.2 textstring), and UTF-8 beyond ASCII (RFC 6531 3.7.4.2,
 *           UTF-8 as RFC 3629 3 defines it);
 *        4. the line end: CRLF, within the line limit;
 *        5. the enhanced status code at the start of the text (RFC 3463
 *           2, RFC 2034 4), of the reply's class.
 *
 *      Returns the number of bytes the reply takes, line ends included,
 *      and fills *out:
 *          code    the basic reply code, the same on every line: 200..599
 *                  in strict mode, 0..999 in lenient mode (ODD_CODE);
 *          status  the enhanced status code, valid only when flags has
 *                  DSN_REPLY_STATUS: the last one the lines carry (the
 *                  last line's, as Postfix takes it, when all have one);
 *          flags   DSN_REPLY_* below: what was found and what was forgiven;
 *          lines   the number of lines of the reply, even when it is more
 *                  than cap: lines[0 .. min(lines, cap)) are filled;
 *          offset  0; resume: the value returned.
 *      A line's text is what follows "<code>-" or "<code> ", without the
 *      line end, and without the enhanced status code and the one space
 *      after it when the line carries a code that is reported (further
 *      spaces stay: Gmail's "550 5.1.1  https://..." gives " https://...").
 *      A line that carries none (or one that is not taken, see the flags)
 *      keeps its whole text. "250\r\n" and "250 \r\n" give an empty text.
 *
 *      Errors (negative). Every error fills *out so that the caller can
 *      go on reading the stream (RFC 5321 4.2 replies follow each other,
 *      pipelined or not):
 *          lines   the index of the line where the problem was found;
 *          offset  the byte offset in buf where that line starts;
 *          resume  where to parse the next reply from:
 *                  DSN_ECODEMISMATCH: offset (the line with another code
 *                  begins the next reply); DSN_EINCOMPLETE: 0 (nothing
 *                  is consumed: read more, call again with the whole
 *                  reply so far); any other error: the byte after the
 *                  offending line's LF, or len when that LF is not in buf
 *                  yet (drop buf; what arrives before the next LF is the
 *                  rest of the line and fails as a line without a code,
 *                  to be skipped in the same way);
 *          code    the first line's code when it was read, else 0;
 *          flags   what was found before the error; status: {0, 0, 0}.
 *      The errors:
 *          DSN_EINCOMPLETE    buf holds only the beginning of a reply (0
 *                             bytes included). Bytes already seen are
 *                             checked, so a broken reply fails as early
 *                             as it can instead of waiting.
 *          DSN_EREPLYCODE     a line does not start with three digits, or
 *                             has a fourth digit; (strict) the three are
 *                             not [2-5][0-5][0-9].
 *          DSN_ECODEMISMATCH  a line's code differs from the first line's
 *                             (RFC 5321 4.2.1: a multi-line reply has one
 *                             code; a different one means the stream is
 *                             out of step, so this is never forgiven).
 *          DSN_ECONTINUATION  the code is followed by something other than
 *                             '-', ' ' or the line end.
 *          DSN_ELINETOOLONG   a line, line end included, is longer than
 *                             the line limit: opt->max_line when not 0,
 *                             else DSN_LINE_MAX (512, RFC 5321 4.5.3.1.5)
 *                             in strict mode and DSN_LENIENT_LINE_MAX
 *                             (2048, Postfix's line_length_limit) in
 *                             lenient mode; reported as soon as that many
 *                             bytes arrive without a line end.
 *          DSN_EBARECR        (strict) a CR that is not followed by LF.
 *          DSN_ECTRL          (strict) a control character (0x00-0x1F,
 *                             0x7F) but HT and the line end.
 *          DSN_EBARELF        (strict) a line ending in LF without CR.
 *          DSN_EBADUTF8       (strict) a byte above 0x7F that is not part
 *                             of well-formed UTF-8 (RFC 3629 3; RFC 6531
 *                             allows UTF-8 in replies, nothing else).
 *          DSN_ESTATUS        (strict) a line's text starts with something
 *                             shaped like an enhanced code that is not a
 *                             valid one: "#5.1.0", "5.01.1", "5.1.1000",
 *                             "1.2.3" (see "code-shaped" below).
 *          DSN_EBADCLASS      (strict) an enhanced code whose class is not
 *                             the reply code's first digit (RFC 2034).
 *          DSN_ESTATUSMIXED   (strict) the lines do not all carry the same
 *                             enhanced code, or some carry one and some do
 *                             not (RFC 2034 section 4).
 *          DSN_EINVAL         out NULL, buf NULL with len > 0, lines NULL
 *                             with cap > 0 (*out untouched when NULL).
 *
 *      Lenient (default) versus strict (opt->flags & DSN_PARSE_STRICT).
 *      Lenient is for a client that must keep talking to whatever is out
 *      there: it accepts every reply Postfix's SMTP client (smtp_chat.c,
 *      smtp_stream.c, dsn_util.c) accepts, but for the replies whose
 *      acceptance would put a pipelining client out of step, and flags
 *      every forgiveness. Strict is for checking one's own server: every
 *      forgiveness is the error named.
 *      case                    lenient            strict        Postfix
 *      bare LF line end        BARE_LF            EBARELF       accepts
 *      CR inside a line        kept, BARE_CR+CTRL EBARECR       keeps, '?'
 *      "x\r\r\n" (CRs, CRLF)   kept, BARE_CR+CTRL EBARECR       strips
 *      control char, NUL too   kept, CTRL         ECTRL         '?' (NUL ends)
 *      UTF-8 beyond ASCII      EIGHTBIT           EIGHTBIT      keeps or '?'
 *      8-bit, not UTF-8 (GBK)  EIGHTBIT+NOT_UTF8  EBADUTF8      '?'
 *      line 513..2048 octets   LONG_LINE          ELINETOOLONG  accepts
 *      line over 2048 octets   ELINETOOLONG       ELINETOOLONG  cuts it, rest
 *                                                               read as next
 *                                                               line (out of
 *                                                               step)
 *      code not [2-5][0-5][0-9] ODD_CODE          EREPLYCODE    any 3 digits
 *      no 3-digit code, "5500" EREPLYCODE         EREPLYCODE    skips line
 *      "250_x" (other sep.)    ECONTINUATION      ECONTINUATION skips line
 *      another code on a line  ECODEMISMATCH      ECODEMISMATCH last line's
 *      "#5.1.0 text"           taken, HASH        ESTATUS       text, X.0.0
 *      "550  5.1.1 text"       taken, INDENT      text as is    taken
 *      "5.01.1" "5.1.1000"     text, BAD_STATUS   ESTATUS       5.01.1 taken
 *      "550 4.1.1 text"        text, CLASS_MISMATCH EBADCLASS   5.0.0
 *      codes differ (lines)    last, STATUS_MIXED ESTATUSMIXED  last line's
 *      code on some lines only last, STATUS_MIXED ESTATUSMIXED  last line's
 *      "5.1.1<TAB>text"        text as is         text as is    taken
 *      no enhanced code        none reported      same          X.0.0
 *      "250\r\n" "250 \r\n"    empty text         same          accepts
 *      Postfix skips a line without a code (or with another separator) and
 *      reads on; with PIPELINING that can take a later reply for this one
 *      (Postfix's own comment: mail is lost), so both modes report it and
 *      resume after it. A line longer than its line_length_limit (2048)
 *      Postfix cuts, and reads the rest as the next line: the parser
 *      reports it instead. Postfix takes the code of a reply's last line
 *      whatever the others say; the parser reports ECODEMISMATCH and
 *      resumes at the line with the new code (Postfix's code and reply).
 *      An enhanced code is looked for at the start of each line's text. A
 *      code-shaped token is: an optional '#', three runs of digits joined
 *      by '.', then a space or the end of the line. Anything else ("220
 *      192.0.2.1 ESMTP", "250 8BITMIME", "553 sorry ... (#5.7.1)" with the
 *      code at the end as qmail sends it) is plain text and no code.
 *
 *      Line length: a line is counted from its first digit to its LF
 *      included, so "550 x\r\n" is 7 octets. A reply longer than INT_MAX
 *      bytes cannot be returned in an int: only the first INT_MAX bytes
 *      of buf are looked at. The caller bounds the total size of a reply
 *      by the size of its buffer.
 *
 * THREADS
 *      No state, no allocation: both functions are reentrant.
 */
#ifndef DSN_PARSE_H
#define DSN_PARSE_H

#include <stddef.h>

#include "base.h" /* DSN_API, DSN_E*, DSN_LINE_MAX, dsn_status, dsn_slice */

#ifdef __cplusplus
extern "C" {
#endif

/* dsn_parsed_reply.flags, libuv style: DSN_REPLY_<name> is the bit. */
#define DSN_REPLY_FLAG_MAP(XX)                                                 \
    XX(STATUS, 0x001, "status holds the enhanced code")                        \
    XX(STATUS_MIXED, 0x002, "lines disagree on the enhanced code: last kept")  \
    XX(CLASS_MISMATCH, 0x004, "a code of another class was left in the text")  \
    XX(BAD_STATUS, 0x008, "a malformed code-shaped token was left as text")    \
    XX(HASH, 0x010, "a '#' stood before the enhanced code")                    \
    XX(INDENT, 0x020, "spaces stood before the enhanced code")                 \
    XX(BARE_LF, 0x040, "a line ended in LF without CR")                        \
    XX(ODD_CODE, 0x080, "the reply code is not [2-5][0-5][0-9]")               \
    XX(CTRL, 0x100, "a text holds a control character")                        \
    XX(EIGHTBIT, 0x200, "a text holds bytes above 0x7F")                       \
    XX(NOT_UTF8, 0x400, "a text holds bytes that are not UTF-8")               \
    XX(LONG_LINE, 0x800, "a line is longer than 512 octets")                   \
    XX(BARE_CR, 0x1000, "a CR not followed by LF was kept in the text")

/* clang-format off */
enum dsn_reply_flag {
#define DSN_REPLY_FLAG_ENUM_(name, bit, text) DSN_REPLY_##name = bit,
    DSN_REPLY_FLAG_MAP(DSN_REPLY_FLAG_ENUM_)
#undef DSN_REPLY_FLAG_ENUM_
    DSN_REPLY_FLAG_END_ = 0
};
/* clang-format on */

typedef struct dsn_parsed_reply {
    int code;          /* basic reply code, 200..599 */
    dsn_status status; /* valid when flags & DSN_REPLY_STATUS */
    unsigned flags;    /* DSN_REPLY_* */
    size_t lines;      /* lines in the reply, even beyond cap; error: the
                          index of the offending line */
    size_t offset;     /* error: where the offending line starts in buf */
    size_t resume;     /* where the next reply is parsed from (see above) */
} dsn_parsed_reply;

/* dsn_parse_options.flags */
#define DSN_PARSE_STRICT 0x1u /* every forgiveness is an error */

/* The lenient line limit: Postfix's default line_length_limit, octets,
 * line end included (RFC 5321 4.5.3.1.5 makes 512 the least). */
#define DSN_LENIENT_LINE_MAX 2048

typedef struct dsn_parse_options {
    unsigned flags;  /* DSN_PARSE_* */
    size_t max_line; /* longest line, line end included; 0: DSN_LINE_MAX
                        (strict) or DSN_LENIENT_LINE_MAX (lenient) */
} dsn_parse_options;

/* clang-format off */
#define DSN_PARSE_OPTIONS_INIT {0u, 0u}
/* clang-format on */

/* Length of the enhanced status code at s, or DSN_ESTATUS. */
DSN_API int dsn_parse_status(const char *s, size_t len, dsn_status *out);

/* Bytes taken by the reply at buf, DSN_EINCOMPLETE, or an error. opt NULL:
 * lenient, DSN_LENIENT_LINE_MAX. */
DSN_API int dsn_parse_reply(const char *buf, size_t len, dsn_parsed_reply *out,
                            dsn_slice *lines, size_t cap,
                            const dsn_parse_options *opt);

#ifdef __cplusplus
}
#endif

#endif /* DSN_PARSE_H */
