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
 *      else if (used < 0)            ... dsn_strerror(used) ...
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
 *      Returns the number of bytes the reply takes, line ends included,
 *      and fills *out:
 *          code    the basic reply code, the same on every line;
 *          status  the enhanced status code, valid only when flags has
 *                  DSN_REPLY_STATUS: the last one the lines carry (the
 *                  last line's, as Postfix takes it, when all have one);
 *          flags   DSN_REPLY_* below: what was found and what was forgiven;
 *          lines   the number of lines of the reply, even when it is more
 *                  than cap: lines[0 .. min(lines, cap)) are filled.
 *      A line's text is what follows "<code>-" or "<code> ", without the
 *      line end, and without the enhanced status code and the one space
 *      after it when the line carries a code that is reported (further
 *      spaces stay: Gmail's "550 5.1.1  https://..." gives " https://...").
 *      A line that carries none (or one that is not taken, see the flags)
 *      keeps its whole text. "250\r\n" and "250 \r\n" give an empty text.
 *
 *      Errors (negative; out->lines then holds the index of the line where
 *      the problem was found, the rest of *out is unspecified):
 *          DSN_EINCOMPLETE    buf holds only the beginning of a reply (0
 *                             bytes included): read more and call again
 *                             with the whole reply so far. Bytes already
 *                             seen are checked, so a broken reply fails
 *                             as early as it can instead of waiting.
 *          DSN_EREPLYCODE     a line does not start with three digits
 *                             [2-5][0-5][0-9], or has a fourth digit.
 *          DSN_ECODEMISMATCH  a line's code differs from the first line's
 *                             (RFC 5321 4.2.1: a multi-line reply has one
 *                             code; a different one means the stream is
 *                             out of step, so this is never forgiven).
 *          DSN_ECONTINUATION  the code is followed by something other than
 *                             '-', ' ' or the line end.
 *          DSN_ELINETOOLONG   a line, line end included, is longer than
 *                             opt->max_line (DSN_LINE_MAX, 512, by
 *                             default); reported as soon as that many
 *                             bytes arrive without a line end.
 *          DSN_EBARECR        a CR that is not followed by LF.
 *          DSN_ECTRL          a NUL byte; in strict mode any control
 *                             character (0x00-0x1F and 0x7F) but HT and
 *                             the CRLF that ends the line.
 *          DSN_EBARELF        (strict) a line ending in LF without CR.
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
 *                             with cap > 0.
 *
 *      Lenient (default) versus strict (opt->flags & DSN_PARSE_STRICT):
 *      strict turns every forgiveness below into the error named; the
 *      errors above that are not marked (strict) apply in both modes.
 *          case                          lenient                  strict
 *          line ends in bare LF          accepted, BARE_LF        EBARELF
 *          code second digit 6-9 (571)   accepted, ODD_CODE       EREPLYCODE
 *          control char but NUL, CR, LF  kept in text, CTRL       ECTRL
 *          "#5.1.0 text" ('#' before it) taken, HASH              ESTATUS
 *          "550  5.1.1 text" (spaces)    taken, INDENT            text as is
 *          "5.01.1", "1.2.3", "5.1.1000" text as is, BAD_STATUS   ESTATUS
 *          "550 4.1.1 text"              text as is, CLASS_MISMATCH EBADCLASS
 *          codes differ between lines    last one, STATUS_MIXED   ESTATUSMIXED
 *          code on some lines only       last one, STATUS_MIXED   ESTATUSMIXED
 *          no enhanced code at all       none reported            same
 *          "250\r\n", "250-\r\n", "250 \r\n"   empty text         same
 *      An enhanced code is looked for at the start of each line's text. A
 *      code-shaped token is: an optional '#', three runs of digits joined
 *      by '.', then a space or the end of the line. Anything else ("220
 *      192.0.2.1 ESMTP", "250 8BITMIME", "553 sorry ... (#5.7.1)" with the
 *      code at the end as qmail sends it) is plain text and no code.
 *
 *      Line length: a line is counted from its first digit to its LF
 *      included, so "550 x\r\n" is 7 octets; max_line 0 means DSN_LINE_MAX.
 *      A reply longer than INT_MAX bytes cannot be returned in an int: only
 *      the first INT_MAX bytes of buf are looked at. The caller bounds the
 *      total size of a reply by the size of its buffer.
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
    XX(ODD_CODE, 0x080, "the reply code's second digit is 6-9")                \
    XX(CTRL, 0x100, "a text holds a control character")

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
    size_t lines;      /* lines in the reply, even beyond cap */
} dsn_parsed_reply;

/* dsn_parse_options.flags */
#define DSN_PARSE_STRICT 0x1u /* every forgiveness is an error */

typedef struct dsn_parse_options {
    unsigned flags;  /* DSN_PARSE_* */
    size_t max_line; /* longest line, line end included; 0: DSN_LINE_MAX */
} dsn_parse_options;

/* clang-format off */
#define DSN_PARSE_OPTIONS_INIT {0u, 0u}
/* clang-format on */

/* Length of the enhanced status code at s, or DSN_ESTATUS. */
DSN_API int dsn_parse_status(const char *s, size_t len, dsn_status *out);

/* Bytes taken by the reply at buf, DSN_EINCOMPLETE, or an error. opt NULL:
 * lenient, DSN_LINE_MAX. */
DSN_API int dsn_parse_reply(const char *buf, size_t len, dsn_parsed_reply *out,
                            dsn_slice *lines, size_t cap,
                            const dsn_parse_options *opt);

#ifdef __cplusplus
}
#endif

#endif /* DSN_PARSE_H */
