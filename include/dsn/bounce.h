/*
 * NAME
 *      dsn/bounce.h - a complete delivery status notification (bounce,
 *      delay or success report) in one call
 *
 * SYNOPSIS
 *      #include <dsn.h>          (includes this header)
 *
 *      dsn_status st = {5, 1, 1};
 *      dsn_recipient_fields r = DSN_RECIPIENT_FIELDS_INIT;
 *      r.final_recipient = "gone@example.net";
 *      r.code = 550;
 *      r.status = &st;
 *      r.remote_mta = "mx.example.net";
 *      r.diagnostic = "550 5.1.1 No such user";
 *
 *      dsn_bounce b = DSN_BOUNCE_INIT;
 *      b.reporting_mta = "mail.example.org";
 *      b.sender = "alice@example.org";          // the envelope sender
 *      b.date = "Mon, 30 Nov 2026 10:22:53 +0000";
 *      b.message_id_local = "20261130102253.Q1234";
 *      b.recipients = &r;
 *      b.recipient_count = 1;
 *      b.original = msg;                        // as received, any line ends
 *      b.original_len = msg_len;
 *
 *      size_t n = dsn_bounce_format(&b, NULL, 0);      // measure
 *      char *buf = ...n + 1 octets...;
 *      dsn_bounce_format(&b, buf, n + 1);               // write
 *      // or stream it, no buffer at all:
 *      int err = dsn_bounce_write(&b, my_writer, my_ctx);
 *
 * DESCRIPTION
 *      dsn_bounce_format() writes the whole message a mail system sends
 *      back to the envelope sender when it reports on the delivery of a
 *      message (RFC 5321 section 6.1, RFC 3461 section 6), CRLF after
 *      every line, no line longer than 998 octets (RFC 5322 section 2.1.1):
 *
 *      From: Mail Delivery System <MAILER-DAEMON@reporting_mta>
 *      To: <sender>
 *      Subject: Delivery report: message not delivered   (any failed)
 *               Delivery report: message delayed         (any delayed)
 *               Delivery report: message relayed         (any relayed)
 *               Delivery report: message delivered       (otherwise)
 *      Date: <date>
 *      Message-ID: <message_id>, or <message_id_local@reporting_mta>
 *      In-Reply-To: and References: <the original's Message-ID>  (if known)
 *      Auto-Submitted: auto-replied                 (RFC 3834 section 5)
 *      MIME-Version: 1.0
 *      Content-Type: multipart/report; report-type=delivery-status;
 *              boundary="=_libdsn_<16 hex digits>"  (RFC 6522 section 3)
 *
 *      (Words of the writer's own: readers such as Sisimai take Postfix's
 *      "Undelivered Mail Returned to Sender" and its text for Postfix's
 *      format and read the text part instead of the delivery-status part.)
 *
 *      1. text/plain: a paragraph per recipient (address, what happened,
 *         status, the remote reply), or the caller's text.
 *      2. message/delivery-status (RFC 3464 section 2): Reporting-MTA,
 *         Received-From-MTA, Original-Envelope-Id, Arrival-Date, then one
 *         block per recipient written by dsn_status_fields().
 *      3. The original (RFC 3461 section 4.3, RFC 3464 section 2): the whole
 *         message as message/rfc822 when RET is FULL or not given and it
 *         can travel whole (below); else its header section as
 *         text/rfc822-headers. Left out when no original is given.
 *
 *   The recipients
 *      dsn_recipient_fields as for dsn_status_fields() (dsn/delivery.h): the
 *      Action of each (given, or from its code or status) decides the
 *      Subject and the text; failed, delayed (with Will-Retry-Until),
 *      delivered, relayed and expanded may be mixed in one report.
 *      original_recipient is the ORCPT address, already xtext-decoded
 *      (dsn_xtext_decode()). At least one recipient is needed.
 *
 *   International reports (RFC 6533)
 *      When flags has DSN_BOUNCE_SMTPUTF8 (the original came with
 *      SMTPUTF8) or the sender or any recipient address holds a byte >=
 *      0x80, the report is international: part 2 is
 *      message/global-delivery-status with "utf-8" address types, part 3
 *      message/global or message/global-headers, part 1 charset=utf-8, and
 *      the To: header carries the UTF-8 address (RFC 6532). Such an address
 *      must be well-formed UTF-8 (else DSN_ENOTUTF8). Otherwise every
 *      octet written is 7-bit: 8-bit text of part 1 goes out
 *      quoted-printable, and 8-bit octets of part 2 and of the returned
 *      header section become '?'. Octets that are not well-formed UTF-8 never go out
 *      labelled UTF-8: in text they become '?'.
 *
 *   The original (part 3)
 *      Its line ends may be CRLF, LF or CR: each becomes CRLF. Its header
 *      section (up to the first empty line; all of it when there is none)
 *      is returned always: a NUL in it becomes '?', and so does an octet
 *      >= 0x80 that a 7-bit report cannot carry or that is not well-formed
 *      UTF-8 in an international one; a header line longer than 998 octets
 *      is folded before its last space or tab that fits, or, with none,
 *      broken after 997 octets by CRLF and a space (its value then has a
 *      space more). The body is returned only when RET is not HDRS, the
 *      original is at most original_limit octets (0: DSN_BOUNCE_LIMIT,
 *      50,000, as Postfix's bounce_size_limit), and it can travel
 *      unchanged: no NUL, no line over 998 octets, and no octet >= 0x80
 *      unless the report is international. Else only the header section
 *      is returned, as text/rfc822-headers (or message/global-headers),
 *      and part 1 says so; a body is never cut.
 *
 *   The boundary (RFC 2046 section 5.1.1)
 *      "=_libdsn_" and 16 upper-case hex digits: the value is one more than
 *      the greatest that a line of the parts starts with ("--=_libdsn_"
 *      and 16 hex digits, either case), found by writing the parts once
 *      without output; should a line hold FFFFFFFFFFFFFFFF, further passes
 *      halve the range of values until one holds no line. So no line of
 *      any part starts with "--" and the boundary. "=_" never appears in
 *      quoted-printable text. Not looked for: a multipart original whose
 *      own boundary is a prefix of this one (RFC 2046 asks that of nested
 *      boundaries, and the original is not libdsn's).
 *
 *   Values, and what hostile octets do (every value NUL-terminated)
 *      reporting_mta     required; a host name: letters, digits, '-', '.',
 *                        at most 253 octets, else DSN_EMTANAME. Also the
 *                        domain of From: and of a built Message-ID.
 *      sender            required, the envelope sender without <>: an
 *                        empty (null) reverse-path, "" or "<>", gives
 *                        DSN_ENULLPATH
 *                        (RFC 3461 section 6.2: never bounce a bounce); a
 *                        control octet (CR, LF, NUL, ...), '<', '>' or
 *                        space, or over DSN_BOUNCE_VALUE_MAX octets:
 *                        DSN_EHEADERVALUE.
 *      date              required, RFC 5322 date-time (dsn_rfc5322_date()).
 *      arrival_date, received_from_mta, mailer_name
 *                        optional; printable US-ASCII and space only, at
 *                        most DSN_BOUNCE_VALUE_MAX octets, else
 *                        DSN_EHEADERVALUE (the same for date).
 *                        mailer_name (the display name of From:, NULL:
 *                        "Mail Delivery System") takes the atext of RFC
 *                        5322 section 3.2.3 and space only, at most 64.
 *      message_id        "<left@right>": printable US-ASCII without space,
 *                        '<' or '>' inside, else DSN_EMSGID. When NULL,
 *                        "<message_id_local@reporting_mta>" is built;
 *                        message_id_local is RFC 5322's id-left, atext and
 *                        '.' (else DSN_EMSGID); neither given: DSN_EMSGID.
 *      original_message_id
 *                        the original's Message-ID for In-Reply-To and
 *                        References; NULL: taken from the original's
 *                        header section. A value that breaks the rule
 *                        above is left out (not an error: it is the
 *                        original's).
 *      envid             the ENVID parameter as given on MAIL FROM, in
 *                        xtext (RFC 3461 section 4.4); written decoded in
 *                        Original-Envelope-Id (RFC 3461 section 6.3 a).
 *                        Not valid xtext, or decoding to an octet outside
 *                        0x20..0x7E: DSN_EXTEXT.
 *      recipients        as dsn_status_fields() cleans them: LF and HT
 *                        become a space, CR, NUL and other control octets
 *                        are removed; a recipient that
 *                        dsn_status_fields_check() rejects gives its error;
 *                        an address that is not well-formed UTF-8 gives
 *                        DSN_ENOTUTF8; an address, remote_mta or date over
 *                        DSN_BOUNCE_VALUE_MAX octets DSN_EHEADERVALUE. A
 *                        diagnostic over DSN_BOUNCE_DIAG_MAX octets (a
 *                        reply of eight 512-octet lines) is cut there, at
 *                        a character boundary. In part 1 the same
 *                        cleaning applies, and octets that are not
 *                        well-formed UTF-8 become '?'. In part 2, octets
 *                        >= 0x80 become '?' in a 7-bit report, and those
 *                        that are not well-formed UTF-8 in an
 *                        international one.
 *      text, text_len    the caller's part 1 instead of the built one
 *                        (text_len 0: strlen). Line ends become CRLF; NUL
 *                        and control octets other than HT are removed.
 *
 *   dsn_bounce_check(b)
 *      DSN_OK, or the first error above; DSN_EINVAL for b NULL, no
 *      recipients (recipients NULL or recipient_count 0), an unknown ret.
 *
 *   dsn_bounce_format(b, buf, size)
 *      snprintf's contract: returns the length of the whole message, writes
 *      at most size octets including the terminating NUL, and (NULL, 0)
 *      measures. A message dsn_bounce_check() rejects gives "" and 0,
 *      and so does one the line guard stops (below).
 *
 *   dsn_bounce_write(b, writer, ctx)
 *      The same octets, handed in order to writer(ctx, octets, len), which
 *      returns 0 to go on (for originals too large for a buffer). They
 *      come in many small pieces (a field, a line or less; the original's
 *      body whole when its lines end in CRLF): a writer that makes a
 *      system call per call should buffer, as stdio does. Returns
 *      DSN_OK, dsn_bounce_check()'s error, or DSN_EWRITER when the
 *      writer returned non-zero (it is not called again).
 *
 *      The line guard: the pass that chooses the boundary measures every
 *      line of parts 2 and 3; one over 998 octets gives DSN_ELINE998
 *      before anything is written (part 1 goes quoted-printable instead).
 *      The rules above keep every line short, so no input is known to
 *      reach it: it stands between a mistake in them and a message that
 *      breaks RFC 5322.
 *
 *   dsn_rfc5322_date(tm, utc_offset_minutes, buf, size)
 *      "Mon, 30 Nov 2026 10:22:53 +0000" (RFC 5322 section 3.3) from a
 *      broken-down time as gmtime_r() or localtime_r() fill it (tm_year
 *      1900..9999 as years since 1900, tm_mon 0..11, tm_mday valid for the
 *      month, tm_hour 0..23, tm_min 0..59, tm_sec 0..60) and the zone's
 *      offset from UTC, -1439..1439 minutes; tm_wday is not read but
 *      computed. snprintf's contract; any value out of range gives "" and
 *      0. The output is at most DSN_DATE_MAX - 1 octets. No clock, no
 *      global state.
 *
 *   dsn_xtext_decode(in, len, buf, size)
 *      RFC 3461 section 4's xtext: "+" and two upper-case hex digits stand
 *      for an octet, every other octet of "!".."~" but "+" and "=" for
 *      itself. Returns the decoded length and writes it NUL-terminated
 *      when it fits in size octets (snprintf's contract), or
 *      DSN_EXTEXT for anything else (nothing written). len is in
 *      octets, in at most INT_MAX of them.
 *
 * THREADS
 *      No state, no allocation, no clock: every function is reentrant.
 *      dsn_bounce_format() and dsn_bounce_write() take about 18 KiB of
 *      stack (a recipient's block is written there by dsn_status_fields()
 *      before it goes out).
 */
#ifndef DSN_BOUNCE_H
#define DSN_BOUNCE_H

#include <stddef.h>
#include <time.h>

#include "base.h"     /* DSN_API, errors, dsn_status */
#include "delivery.h" /* dsn_recipient_fields */

#ifdef __cplusplus
extern "C" {
#endif

/* RFC 3461 section 4.3 RET; DSN_RET_DEFAULT: not given, as FULL. */
typedef enum dsn_ret {
    DSN_RET_DEFAULT = 0,
    DSN_RET_FULL,
    DSN_RET_HDRS
} dsn_ret;

/* dsn_bounce.flags: the original was sent with SMTPUTF8 (RFC 6531). */
#define DSN_BOUNCE_SMTPUTF8 0x1u

/* Default size limit on the returned original, octets (Postfix's). */
#define DSN_BOUNCE_LIMIT 50000
/* Longest header or per-message field value the writer accepts, octets. */
#define DSN_BOUNCE_VALUE_MAX 900
/* The longest remote reply a report carries, octets (see recipients). */
#define DSN_BOUNCE_DIAG_MAX 4096
/* Room for dsn_rfc5322_date()'s output, NUL included. */
#define DSN_DATE_MAX 32

/* What the bounce reports on. Start from DSN_BOUNCE_INIT. */
typedef struct dsn_bounce {
    const char *reporting_mta;       /* required: "mail.example.org" */
    const char *mailer_name;         /* From: display name; NULL: default */
    const char *sender;              /* required: envelope sender, no <> */
    const char *date;                /* required: RFC 5322 date-time */
    const char *message_id;          /* "<id@host>"; NULL: built */
    const char *message_id_local;    /* left part of a built Message-ID */
    const char *original_message_id; /* NULL: from the original */
    const char *envid;               /* ENVID in xtext; NULL: none */
    const char *received_from_mta;   /* host name; NULL: none */
    const char *arrival_date;        /* RFC 5322 date-time; NULL: none */
    const dsn_recipient_fields *recipients;
    size_t recipient_count;
    const char *text;      /* part 1 instead of the built text; NULL */
    size_t text_len;       /* 0: strlen(text) */
    const char *original;  /* the message as received; NULL: none */
    size_t original_len;   /* octets */
    size_t original_limit; /* 0: DSN_BOUNCE_LIMIT */
    int ret;               /* dsn_ret */
    unsigned flags;        /* DSN_BOUNCE_* */
} dsn_bounce;

/* clang-format off */
#define DSN_BOUNCE_INIT                                                        \
    {NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0,      \
     NULL, 0, NULL, 0, 0, DSN_RET_DEFAULT, 0u}
/* clang-format on */

/* Called with the message's octets in order; 0 to go on. */
typedef int (*dsn_bounce_writer)(void *ctx, const char *octets, size_t len);

/* DSN_OK, or why b cannot be written. */
DSN_API int dsn_bounce_check(const dsn_bounce *b);
/* The whole DSN message, CRLF; snprintf contract; "" and 0 on error. */
DSN_API size_t dsn_bounce_format(const dsn_bounce *b, char *buf, size_t size);
/* The same octets through a writer; DSN_OK or an error. */
DSN_API int dsn_bounce_write(const dsn_bounce *b, dsn_bounce_writer writer,
                             void *ctx);

/* RFC 5322 date-time from a broken-down time; snprintf contract. */
DSN_API size_t dsn_rfc5322_date(const struct tm *tm, int utc_offset_minutes,
                                char *buf, size_t size);
/* RFC 3461 xtext decoded; length, or DSN_EXTEXT. */
DSN_API int dsn_xtext_decode(const char *in, size_t len, char *buf,
                             size_t size);

#ifdef __cplusplus
}
#endif

#endif /* DSN_BOUNCE_H */
