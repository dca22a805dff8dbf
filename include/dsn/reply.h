/*
 * NAME
 *      dsn/reply.h - SMTP replies with RFC 3463 enhanced status codes:
 *      the table of reply functions, the constructors, dsn_format()
 *
 * SYNOPSIS
 *      #include <dsn.h>          (includes this header)
 *
 *      dsn_reply r = dsn_no_such_user(NULL, 0);
 *      char buf[DSN_REPLY_MAX];
 *      size_t n = dsn_format(&r, buf, sizeof buf);  // "550 5.1.1 No such user\r\n"
 *      if (n >= sizeof buf) ...    // cut (snprintf's contract): a caller's
 *                                  // text may wrap to more lines; measure
 *                                  // with dsn_format(&r, NULL, 0)
 *
 * DESCRIPTION
 *      Every row of dsn_table.def gives one constructor
 *
 *          dsn_reply dsn_<name>(const char *msg, int code);
 *
 *      with haraka-dsn's semantics: msg NULL or "" takes the row's default
 *      text; code is used when it is a valid RFC 5321 reply code of class
 *      2, 4 or 5 ([245][0-5][0-9]), otherwise (0 included) the row's default
 *      code applies. The enhanced class is always code / 100. A '\n' in msg
 *      separates the lines of a multi-line reply. The reply keeps msg as a
 *      pointer: the text must live until the reply is formatted.
 *
 *      dsn_create(code, msg, subject, detail) builds a reply for any
 *      enhanced code: an invalid code gives 450, no message gives the text
 *      of the first table row with that subject.detail, or "" when no row
 *      has it. subject and detail outside 0..999 give a reply that
 *      dsn_reply_check() reports as DSN_EBADSTATUS and that formats to
 *      nothing.
 *
 *      dsn_basic(code, msg) builds a reply without enhanced status code for
 *      the replies RFC 2034 keeps it out of: the greeting, EHLO/HELO and 3xx
 *      (354). Its code may be any [2-5][0-5][0-9].
 *
 *      dsn_format() writes the reply as it goes on the wire, one
 *      "<code><sep><cls>.<subject>.<detail> <text>\r\n" per line, sep '-' on
 *      all lines but the last, ' ' on the last. It follows snprintf(3):
 *      it returns the length of the whole reply, writes at most size bytes
 *      including the terminating NUL, and dsn_format(r, NULL, 0) measures.
 *      NULL buf with a non-zero size is taken as size 0. A reply that
 *      dsn_reply_check() rejects (NULL included) formats to "" and 0 is
 *      returned: no valid reply is shorter than 5 bytes, so 0 is the error.
 *
 *      dsn_reply_check(r, flags) makes three checks, each the rule of an
 *      RFC and no stricter: DSN_EBADCODE, a code outside RFC 5321 section
 *      4.2's grammar [2-5][0-5][0-9], or a 3yz with an enhanced code (RFC
 *      2034 section 3: 2xx, 4xx and 5xx only); DSN_EBADSTATUS, a subject
 *      or detail that is not 1 to 3 digits (RFC 3463 section 2);
 *      DSN_EBADCLASS, an enhanced class other than the code's first digit
 *      (RFC 2034 section 4: "a 2xx response must incorporate a 2.X.X
 *      code", and so on). DSN_EINVAL for r NULL.
 *
 *      The text is made safe on the way out: control characters (0x00-0x1F
 *      but the line-separating '\n', and 0x7F) are removed, as haraka-dsn's
 *      injection guard does; a line left empty is dropped; if no line is
 *      left the row's default text is sent. Bytes >= 0x80: well-formed
 *      UTF-8 (RFC 3629) passes, for a client that used SMTPUTF8 (RFC 6531
 *      section 3.7.4.2); every other byte >= 0x80 (a stray continuation
 *      byte, an overlong form, a surrogate, a code point above U+10FFFF,
 *      a sequence cut short by the line's end or by a control character,
 *      GBK, Latin-1, ...) is sent as '?', as Postfix does: no reply holds
 *      bytes that are not UTF-8. DSN_FMT_ASCII keeps the reply 7-bit for a
 *      client that did not use SMTPUTF8: every byte >= 0x80 becomes '?'.
 *      Either way one byte becomes one byte, so the wrapping below is the
 *      same.
 *      No line exceeds DSN_LINE_MAX (512) octets, CRLF included (RFC 5321
 *      4.5.3.1.5): longer text wraps at the last space that fits (the space
 *      is dropped), or is split where none is, never inside a UTF-8
 *      sequence.
 *
 *      dsn_format_ex() takes flags: DSN_FMT_NO_ENHANCED leaves the enhanced
 *      code out (for a server that does not advertise ENHANCEDSTATUSCODES;
 *      then 3xx codes are accepted too), DSN_FMT_TEXT gives haraka-dsn's
 *      reply text instead of wire lines: "5.1.1 No such user", lines joined
 *      by '\n', no basic code, no CRLF (what a server whose own writer adds
 *      the code wants, and what a log wants). dsn_text() is that flag.
 *      DSN_FMT_ASCII: 7-bit text, as above. Other bits are ignored.
 *
 *      The table is data too: dsn_entries[DSN_ID_COUNT], indexed by dsn_id,
 *      gives each row's name, code, subject, detail and text;
 *      dsn_entry_of(id) is the row of id, or NULL when id is out of range;
 *      dsn_entry_by_status(subject, detail) is the DSN_ROW (never a
 *      variant) that owns subject.detail, or NULL when no row does.
 *
 * THREADS
 *      No global mutable state, no allocation: every function is reentrant.
 */
#ifndef DSN_REPLY_H
#define DSN_REPLY_H

#include <stddef.h>

#include "base.h" /* DSN_API, DSN_LINE_MAX, the DSN_E* errors */

#ifdef __cplusplus
extern "C" {
#endif

/* One id per row of dsn_table.def: DSN_ID_no_such_user, ... */
typedef enum dsn_id {
#define DSN_ROW(name, code, subject, detail, text) DSN_ID_##name,
#include "dsn_table.def"
    DSN_ID_COUNT
} dsn_id;

/* A row of dsn_table.def. */
typedef struct dsn_entry {
    const char *name;    /* "no_such_user" */
    const char *message; /* default text */
    unsigned short name_len;
    unsigned short message_len;
    short code; /* default basic reply code */
    short subject;
    short detail;
    unsigned char variant; /* 1 for DSN_VARIANT rows */
} dsn_entry;

/* Indexed by dsn_id. */
extern DSN_API const dsn_entry dsn_entries[DSN_ID_COUNT];

/* The entry of id, or NULL when id is out of range. */
DSN_API const dsn_entry *dsn_entry_of(int id);
/* The DSN_ROW (not variant) that owns subject.detail, or NULL. */
DSN_API const dsn_entry *dsn_entry_by_status(int subject, int detail);

/* Reply flags, stored in dsn_reply.flags or passed to dsn_format_ex(). */
#define DSN_FMT_NO_ENHANCED 0x1u /* no enhanced status code */
#define DSN_FMT_TEXT 0x2u        /* haraka-dsn's reply text, not wire lines */
#define DSN_FMT_ASCII 0x4u       /* 7-bit: each byte >= 0x80 becomes '?' */

typedef struct dsn_reply {
    int code;             /* basic reply code, 200..559 */
    int cls;              /* enhanced class: code / 100 */
    int subject;          /* enhanced subject, 0..999 */
    int detail;           /* enhanced detail, 0..999 */
    const char *msg;      /* text; '\n' separates lines; NULL means fallback */
    const char *fallback; /* sent when msg leaves no line; NULL means "" */
    unsigned flags;       /* DSN_FMT_* that always apply to this reply */
} dsn_reply;

/* 1 when code is [245][0-5][0-9], the codes a constructor accepts: RFC
 * 5321's grammar without 3yz, which carries no enhanced code (RFC 2034). */
static inline int dsn_code_valid(int code)
{
    return dsn_code_wellformed(code) && code / 100 != 3;
}

/* The reply of row id with haraka-dsn's msg/code rules; the constructors
 * below are this with their id. An id out of range gives a reply that
 * dsn_reply_check() rejects. */
static inline dsn_reply dsn_from_id(int id, const char *msg, int code)
{
    dsn_reply r;
    if (id < 0 || id >= (int)DSN_ID_COUNT) {
        r.code = r.cls = r.subject = r.detail = 0;
        r.msg = r.fallback = NULL;
    } else {
        const dsn_entry *e = &dsn_entries[id];
        r.code = dsn_code_valid(code) ? code : e->code;
        r.cls = r.code / 100;
        r.subject = e->subject;
        r.detail = e->detail;
        r.msg = (msg != NULL && *msg != '\0') ? msg : e->message;
        r.fallback = e->message;
    }
    r.flags = 0;
    return r;
}

/* dsn_unspecified(msg, code), dsn_no_such_user(msg, code), ... */
#define DSN_ROW(name, code, subject, detail, text)                             \
    static inline dsn_reply dsn_##name(const char *msg, int code_)             \
    {                                                                          \
        return dsn_from_id(DSN_ID_##name, msg, code_);                         \
    }
#include "dsn_table.def"

/* haraka-dsn's DSN.create(code, msg, subject, detail). */
DSN_API dsn_reply dsn_create(int code, const char *msg, int subject,
                             int detail);

/* A reply without enhanced status code: greeting, EHLO/HELO, 3xx. */
DSN_API dsn_reply dsn_basic(int code, const char *msg);

/* DSN_OK, or why r cannot be formatted with the extra flags. */
DSN_API int dsn_reply_check(const dsn_reply *r, unsigned flags);

DSN_API size_t dsn_format(const dsn_reply *r, char *buf, size_t size);
DSN_API size_t dsn_format_ex(const dsn_reply *r, unsigned flags, char *buf,
                             size_t size);
DSN_API size_t dsn_text(const dsn_reply *r, char *buf, size_t size);

#ifdef __cplusplus
}
#endif

#endif /* DSN_REPLY_H */
