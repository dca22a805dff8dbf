/*
 * NAME
 *      dsn/opensmtpd.h - libdsn replies as OpenSMTPD filter results
 *
 * SYNOPSIS
 *      #include <dsn/opensmtpd.h>
 *
 *      dsn_reply r = dsn_no_such_user(NULL, 0);
 *      char line[DSN_OPENSMTPD_LINE_MAX + 2];
 *      int n = dsn_opensmtpd_line(reqid, token, &r, 0, line, sizeof line);
 *      if (n >= 0)
 *          fputs(line, stdout);  // filter-result|...|...|reject|550 5.1.1 No such user\n
 *
 * DESCRIPTION
 *      A filter started by OpenSMTPD (smtpd-filters(7), `filter "name"
 *      proc-exec "..."`) answers each filter request with one line on its
 *      standard output:
 *
 *          filter-result|<reqid>|<token>|reject|<reply>LF
 *          filter-result|<reqid>|<token>|disconnect|<reply>LF
 *
 *      These writers make that line, or the part after the token, from a
 *      libdsn reply, such that OpenSMTPD cannot misread it. Facts measured
 *      on Debian 12's OpenSMTPD 6.8.0p2 (filter protocol 0.6), which they
 *      honour:
 *
 *      - OpenSMTPD checks nothing of the reply: it sends the bytes after
 *        "reject|" to the client as they are, followed by CRLF. The writers
 *        always give "<code> <class>.<subject>.<detail> <text>" with the
 *        reply's code and enhanced code, after dsn_reply_check(); only a
 *        negative reply (4yz, 5yz) can be written.
 *      - One line only: a "550-..." continuation makes OpenSMTPD answer
 *        "421 Internal server error" and close the session. The lines of a
 *        multi-line libdsn reply are joined with one space each, so the
 *        text reads as it did before libdsn wrapped it (a word longer than
 *        a wire line, which dsn_format() splits, keeps a space where it
 *        was split); the enhanced code appears once. Control characters
 *        are removed as dsn_format() removes them.
 *      - OpenSMTPD sends the text's bytes unchecked, 8-bit ones included.
 *        As in dsn_format(), well-formed UTF-8 passes and every other
 *        byte >= 0x80 is written as '?'; with DSN_FMT_ASCII in the reply's
 *        flags every byte >= 0x80 is a '?', for a client that did not use
 *        SMTPUTF8 (RFC 6531 3.7.4.2): one byte is one byte either way. The
 *        reply's other flags are ignored: the enhanced code is written
 *        even with DSN_FMT_NO_ENHANCED.
 *      - Only LF ends the line, and a CR would be sent to the client as is:
 *        the output holds no CR and no LF but the final one.
 *      - OpenSMTPD copies each filter line into a buffer of LINE_MAX
 *        (2048) bytes (lka_filter.c, lka_filter_process_response(),
 *        strlcpy): it keeps DSN_OPENSMTPD_LINE_MAX (2047) octets, LF
 *        excluded, and drops the rest silently. "filter-result|" (14),
 *        two 16-digit hexadecimal ids and the '|' after each take 48 of
 *        them, "reject|" 7 more: 1992 octets are left for a rejecting
 *        reply, 1988 for a "disconnect|" one. A longer reply is cut
 *        there, never inside a UTF-8 sequence (the documented cut; the
 *        session and smtpd go on).
 *      - A reply with code 421 closes the session whatever the verb
 *        (RFC 5321 3.8): it is always written as "disconnect|".
 *      - A malformed line, or a filter that exits, stops the whole smtpd:
 *        on any error these functions write nothing but "" and return a
 *        negative dsn_error, for the filter to answer otherwise.
 *
 *      int dsn_opensmtpd_result(const dsn_reply *r, unsigned flags,
 *                               char *buf, size_t size);
 *              Writes "reject|<reply>LF" (or "disconnect|<reply>LF" with
 *              DSN_OPENSMTPD_DISCONNECT, or for a 421), what follows
 *              "filter-result|<reqid>|<token>|", at most
 *              DSN_OPENSMTPD_RESULT_MAX octets plus LF.
 *
 *      int dsn_opensmtpd_line(uint64_t reqid, uint64_t token,
 *                             const dsn_reply *r, unsigned flags,
 *                             char *buf, size_t size);
 *              Writes the whole line, ids as 16 lowercase hexadecimal
 *              digits in the order of protocols 0.5 to 0.7 (reqid first),
 *              at most DSN_OPENSMTPD_LINE_MAX octets plus LF.
 *
 *      Both follow snprintf(3): they return the length of the whole output
 *      (LF included, NUL excluded), write at most size bytes including the
 *      terminating NUL, and (NULL, 0) measures. NULL buf with a non-zero
 *      size is taken as size 0.
 *
 * ERRORS
 *      DSN_EINVAL          r is NULL, or flags hold an unknown bit.
 *      DSN_EBADCODE, DSN_EBADSTATUS, DSN_EBADCLASS
 *                          r fails dsn_reply_check(r, 0).
 *      DSN_EREJECTCODE    r's code is not 4yz or 5yz (a 354 included): a
 *                          filter rejects, it has no positive reply to
 *                          give.
 *
 * SEE ALSO
 *      contrib/opensmtpd (dsn_osmtpd_reject() for filters built on
 *      libopensmtpd), examples/opensmtpd-filter, smtpd-filters(7).
 */
#ifndef DSN_OPENSMTPD_H
#define DSN_OPENSMTPD_H

#include <stddef.h>
#include <stdint.h>

#include "base.h"  /* DSN_API, DSN_LINE_MAX, the DSN_E* errors */
#include "reply.h" /* dsn_reply */

#ifdef __cplusplus
extern "C" {
#endif

/* Octets of one filter line OpenSMTPD 6.8 keeps, LF excluded. */
#define DSN_OPENSMTPD_LINE_MAX 2047
/* "filter-result|" + 16 hex + '|' + 16 hex + '|' */
#define DSN_OPENSMTPD_HEAD_LEN 48
/* Octets left after the token for "reject|<reply>", LF excluded: 1999. */
#define DSN_OPENSMTPD_RESULT_MAX                                               \
    (DSN_OPENSMTPD_LINE_MAX - DSN_OPENSMTPD_HEAD_LEN)

/* Flags: close the session after the reply ("disconnect|"). */
#define DSN_OPENSMTPD_DISCONNECT 0x1u

DSN_API int dsn_opensmtpd_result(const dsn_reply *r, unsigned flags, char *buf,
                                 size_t size);
DSN_API int dsn_opensmtpd_line(uint64_t reqid, uint64_t token,
                               const dsn_reply *r, unsigned flags, char *buf,
                               size_t size);

#ifdef __cplusplus
}
#endif

#endif /* DSN_OPENSMTPD_H */
