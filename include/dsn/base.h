/*
 * NAME
 *      dsn/base.h - what every part of libdsn shares: the export macro, the
 *      line limit, the error map, the status code type and its small rules
 *
 * SYNOPSIS
 *      #include <dsn.h>          (includes this header)
 *
 *      dsn_status st = {5, 1, 1};
 *      char buf[DSN_STATUS_MAX];
 *      dsn_status_format(&st, buf, sizeof buf);      // "5.1.1", returns 5
 *      dsn_strerror(DSN_EBADCODE);                   // "reply code is ..."
 *      dsn_err_name(DSN_EBADCODE);                   // "EBADCODE"
 *
 * DESCRIPTION
 *   Errors
 *      Every function of libdsn that can fail returns DSN_OK (0) or one of
 *      the negative DSN_E* values of DSN_ERRNO_MAP, listed below by value
 *      as libuv lists its own: XX(name, value, text) expands to DSN_<name>
 *      = value and gives dsn_err_name() and dsn_strerror() their strings.
 *      Ranges: -1..-9 arguments and replies built, -10..-29 replies parsed
 *      (dsn/parse.h), -30..-39 recipient fields (dsn/delivery.h), -40..-49
 *      reports written (dsn/bounce.h), -50..-59 reports read
 *      (dsn/report.h), -60..-69 plugin interfaces (dsn/opensmtpd.h,
 *      dsn/exim.h); each part takes a range of its own.
 *
 *   dsn_err_name(err)
 *      "EBADCODE" for DSN_EBADCODE, "OK" for DSN_OK, "unknown error" for a
 *      value not listed. Never NULL.
 *
 *   dsn_strerror(err)
 *      The text of err ("success" for DSN_OK, "unknown error" for a value
 *      not listed). Never NULL.
 *
 *   Reply codes (RFC 5321 section 4.2)
 *      dsn_code_in_range(code) is 1 for 200..599: the codes of classes 2
 *      to 5, whatever the second digit (the lenient reader takes any three
 *      digits, and flags the codes outside [2-5][0-5][0-9]).
 *      dsn_code_wellformed(code) is 1 for RFC 5321's grammar,
 *      [2-5][0-5][0-9]. dsn_code_valid() (dsn/reply.h) narrows that to the
 *      codes an enhanced status code may follow (no 3yz, RFC 2034).
 *
 *   Enhanced status codes (RFC 3463 section 2)
 *      dsn_status is class.subject.detail. dsn_status_number_valid(n) is 1
 *      for a subject or detail libdsn accepts, 0..999 (the RFC's 1 to 3
 *      digits); dsn_status_valid(st) also wants the class 2, 4 or 5 (and
 *      st not NULL).
 *
 *   dsn_status_format(st, buf, size)
 *      Writes st as "cls.subject.detail" ("5.1.1", "4.7.26"), at most
 *      DSN_STATUS_MAX bytes including the NUL. snprintf contract: returns
 *      the length (without the NUL), writes at most size bytes including
 *      the NUL, buf NULL with size 0 measures (NULL buf with a non-zero
 *      size is taken as size 0). A st that dsn_status_valid() rejects (NULL
 *      included) writes "" and returns 0: no valid status is empty.
 *
 *   dsn_version()
 *      The version of the library the program runs with, "2.0.0": with a
 *      shared libdsn it can be newer than the DSN_VERSION_* macros of
 *      dsn/version.h the program was built with.
 *
 *   UTF-8 (RFC 3629 section 4)
 *      dsn_utf8_char(s, len) is the length in octets (1..4) of the
 *      well-formed UTF-8 character at s[0], reading no more than the len
 *      octets s[0..len), or 0 when none starts there: len 0, a
 *      continuation octet (80..BF), an overlong form (C0, C1, E0 80..9F,
 *      F0 80..8F), a UTF-16 surrogate (ED A0..BF), a code point above
 *      U+10FFFF (F4 90..BF, F5..FF), or a sequence cut short by len or by
 *      an octet that is no continuation. An ASCII octet (NUL included) is
 *      a character of 1 octet. dsn_utf8_valid(s, len) is the length in
 *      octets of the longest prefix of s[0..len) made of such characters:
 *      len when all of it is well-formed. Neither needs a NUL; s may be
 *      NULL only with len 0. These are the rule every writer of libdsn
 *      applies before it labels octets as UTF-8 (RFC 6531, RFC 6533).
 *
 *   dsn_slice
 *      Bytes of a caller's buffer, ptr[0..len), not NUL-terminated: what
 *      the parser hands back instead of copies.
 *
 * THREADS
 *      No state, no allocation: every function is reentrant.
 */
#ifndef DSN_BASE_H
#define DSN_BASE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Marks the public API: the shared build hides every other symbol. */
#if defined(__GNUC__) || defined(__clang__)
#define DSN_API __attribute__((visibility("default")))
#else
#define DSN_API
#endif

/* RFC 5321 4.5.3.1.5: a reply line, code and CRLF included. */
#define DSN_LINE_MAX 512
/* Room for a reply of one line: every default text, or a caller's text
 * that does not wrap. A longer text wraps into more lines and needs more:
 * measure with dsn_format(&r, NULL, 0). */
#define DSN_REPLY_MAX (DSN_LINE_MAX + 1)
/* Room for any status dsn_status_format() writes: "5.999.999" and NUL. */
#define DSN_STATUS_MAX 10

/* Errors, libuv style: name, value, message; by value. */
/* clang-format off */
#define DSN_ERRNO_MAP(XX)                                                      \
    /* -1..-9: arguments, replies built (dsn/reply.h, dsn/registry.h) */      \
    XX(EINVAL, -1, "invalid argument")                                         \
    XX(EBADCODE, -2, "reply code is not [245][0-5][0-9] (3xx only without "    \
                     "enhanced status code)")                                  \
    XX(EBADSTATUS, -3, "enhanced status subject or detail outside "            \
                       "0..999")                                               \
    XX(EBADCLASS, -4, "status class does not fit the reply code or Action")    \
    XX(ENOTFOUND, -5, "no function of that name in dsn_table.def")             \
    /* -10..-19: replies parsed (dsn/parse.h) */                               \
    XX(EINCOMPLETE, -10, "incomplete reply: read more and parse again")        \
    XX(EREPLYCODE, -11, "reply line does not start with a three-digit reply "  \
                        "code ([2-5][0-5][0-9] when strict)")                  \
    XX(ECODEMISMATCH, -12, "reply lines carry different reply codes")          \
    XX(ECONTINUATION, -13, "reply code not followed by '-', ' ' or line end")  \
    XX(ELINETOOLONG, -14, "reply line longer than the line limit")             \
    XX(EBARECR, -15, "CR not followed by LF in a reply (strict)")              \
    XX(ECTRL, -16, "control character in a reply line (strict)")               \
    XX(EBARELF, -17, "reply line ends in LF without CR (strict)")              \
    XX(ESTATUS, -18, "malformed enhanced status code (RFC 3463)")              \
    XX(ESTATUSMIXED, -19, "reply lines disagree on the enhanced status code "  \
                          "(strict)")                                          \
    /* -20..-29: replies parsed, further (dsn/parse.h) */                      \
    XX(EBADUTF8, -20, "reply text holds bytes that are neither ASCII nor "     \
                      "UTF-8 (strict)")                                        \
    /* -30..-39: the per-recipient fields (dsn/delivery.h) */                  \
    XX(ENOTASCII, -30, "address is not ASCII: it needs "                       \
                       "message/global-delivery-status (RFC 6533)")            \
    /* -40..-49: delivery status notifications written (dsn/bounce.h) */       \
    XX(EXTEXT, -40, "ENVID is not RFC 3461 xtext of printable US-ASCII")       \
    XX(EMTANAME, -41, "reporting MTA is not a host name")                      \
    XX(ENULLPATH, -42, "null reverse-path: no DSN is sent for it "             \
                       "(RFC 3461 section 6.2)")                               \
    XX(EHEADERVALUE, -43, "header field value empty, too long, or holding a "  \
                          "control character")                                 \
    XX(EMSGID, -44, "not a msg-id <id-left@id-right> (RFC 5322 3.6.4)")        \
    XX(ENOTUTF8, -45, "non-ASCII address that is not well-formed UTF-8")       \
    XX(EWRITER, -46, "the caller's writer reported an error")                  \
    XX(ELINE998, -47, "a line would exceed 998 octets (RFC 5322 2.1.1)")       \
    /* -50..-59: delivery status notifications read (dsn/report.h) */          \
    XX(ENOREPORT, -50, "no delivery-status part in the message "               \
                       "(RFC 3464 section 2)")                                 \
    XX(EMIMEDEPTH, -51, "no delivery-status part found within the "            \
                        "multipart nesting limit (RFC 2046 section 5.1)")      \
    XX(EMIMEPARTS, -52, "no delivery-status part found within the body "       \
                        "part limit (RFC 2046 section 5.1)")                   \
    XX(EENCODING, -53, "unknown Content-Transfer-Encoding "                    \
                       "(RFC 2045 section 6.1)")                               \
    XX(ESCRATCH, -54, "scratch buffer too small for the decoded part or "      \
                      "an unfolded field")                                     \
    /* -60..-69: plugin interfaces (dsn/policy.h, opensmtpd.h, exim.h) */      \
    XX(EREJECTCODE, -60, "the interface carries only rejections: reply "       \
                         "code must be 4xx or 5xx")                            \
    XX(EPOLICYSYNTAX, -61, "policy request line without '=' or with an "       \
                           "empty name")                                       \
    XX(EPOLICYCTRL, -62, "control character or CR in a policy request line")   \
    XX(EPOLICYDUP, -63, "policy request attribute given twice")                \
    XX(EPOLICYSIZE, -64, "policy request longer than DSN_POLICY_REQUEST_MAX "  \
                         "octets")                                             \
    XX(ETOOLONG, -66, "reply text longer than this interface carries")

typedef enum dsn_error {
    DSN_OK = 0,
#define DSN_ERR_ENUM_(name, value, text) DSN_##name = value,
    DSN_ERRNO_MAP(DSN_ERR_ENUM_)
#undef DSN_ERR_ENUM_
    DSN_ERR_END_ = -1000
} dsn_error;
/* clang-format on */

/* "EBADCODE" for DSN_EBADCODE; "unknown error" for a value not listed. */
DSN_API const char *dsn_err_name(int err);
/* Human-readable text for err. */
DSN_API const char *dsn_strerror(int err);

/* The version of the library the program runs with, "2.0.0" (the macros of
 * dsn/version.h give the one it was built with). */
DSN_API const char *dsn_version(void);

/* An RFC 3463 enhanced status code: cls.subject.detail. */
typedef struct dsn_status {
    int cls;     /* 2, 4 or 5 */
    int subject; /* 0..999 */
    int detail;  /* 0..999 */
} dsn_status;

/* Bytes of a caller's buffer: not NUL-terminated. */
typedef struct dsn_slice {
    const char *ptr;
    size_t len;
} dsn_slice;

/* 1 for 200..599: the codes of classes 2 to 5, whatever the second digit
 * (a lenient reader passes 571 on, and 150 or 650 too, flagged). */
static inline int dsn_code_in_range(int code)
{
    return code >= 200 && code <= 599;
}

/* 1 for RFC 5321's reply-code grammar: [2-5][0-5][0-9]. */
static inline int dsn_code_wellformed(int code)
{
    return dsn_code_in_range(code) && code % 100 <= 59;
}

/*
 * 1 when n can be an enhanced status code's subject or detail: 0..999,
 * RFC 3463's 1 to 3 digits (the parser also refuses a leading zero, which
 * a number does not have).
 */
static inline int dsn_status_number_valid(int n)
{
    return n >= 0 && n <= 999;
}

/* 1 when st is not NULL, its class 2, 4 or 5, its numbers 0..999. */
static inline int dsn_status_valid(const dsn_status *st)
{
    return st != NULL && (st->cls == 2 || st->cls == 4 || st->cls == 5) &&
           dsn_status_number_valid(st->subject) &&
           dsn_status_number_valid(st->detail);
}

/* "5.1.1" into buf; snprintf contract; "" and 0 for an invalid st. */
DSN_API size_t dsn_status_format(const dsn_status *st, char *buf, size_t size);

/* Octets (1..4) of the well-formed UTF-8 character at s[0..len), or 0
 * (RFC 3629 section 4: no overlong form, surrogate, or code point above
 * U+10FFFF; nothing read at or past s + len). */
DSN_API size_t dsn_utf8_char(const char *s, size_t len);
/* Octets of the longest well-formed UTF-8 prefix of s[0..len): len when
 * all of s[0..len) is well-formed. */
DSN_API size_t dsn_utf8_valid(const char *s, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* DSN_BASE_H */
