/*
 * NAME
 *      dsn/delivery.h - what a delivery agent does with a reply: its
 *      severity, its RFC 3464 Action, a status when it had none, and the
 *      per-recipient fields of a delivery status notification
 *
 * SYNOPSIS
 *      #include <dsn.h>          (includes this header)
 *
 *      dsn_parsed_reply r;   // from dsn_parse_reply(in, n, &r, ...)
 *      dsn_status st;
 *      dsn_reply_status(&r, &st);           // r.status, or 4.4.2 for a bare 421
 *      dsn_severity(r.code);                // DSN_SEVERITY_TRANSIENT
 *      dsn_action_name(dsn_action_of(r.code));             // "delayed"
 *
 *      dsn_recipient_fields f = DSN_RECIPIENT_FIELDS_INIT;
 *      f.final_recipient = "user@example.com";
 *      f.code = r.code;
 *      f.status = &st;
 *      f.remote_mta = "mx.example.com";
 *      f.diagnostic = in;                   // the reply as received
 *      f.diagnostic_len = (size_t)n;
 *      char buf[1024];
 *      size_t len = dsn_status_fields(&f, buf, sizeof buf);
 *      //  Final-Recipient: rfc822; user@example.com\r\n
 *      //  Action: delayed\r\n
 *      //  Status: 4.4.2\r\n
 *      //  Remote-MTA: dns; mx.example.com\r\n
 *      //  Diagnostic-Code: smtp; 421 Service not available\r\n
 *
 * DESCRIPTION
 *   dsn_severity(code)
 *      What a reply code says of the request: DSN_SEVERITY_SUCCESS (2yz),
 *      DSN_SEVERITY_TRANSIENT (4yz: try again later) or
 *      DSN_SEVERITY_PERMANENT (5yz: do not retry as is). The values are
 *      the class digits 2, 4 and 5, so they also equal an enhanced code's
 *      class. code is a reply code 200..599 (any second digit: the lenient
 *      parser passes 571); 3yz (RFC 5321 4.2.1's positive intermediate
 *      reply, e.g. 354: no final result, so nothing RFC 3464 reports),
 *      and anything else give DSN_EBADCODE. For a parsed reply
 *      pass r.code: the basic code decides, as RFC 2034 makes the
 *      enhanced class follow it.
 *
 *   dsn_severity_name(severity)
 *      "success", "transient", "permanent"; NULL for any other value.
 *
 *   dsn_action_of(code)
 *      The RFC 3464 section 2.3.3 Action a final reply of this code
 *      implies for the recipient: DSN_ACTION_DELIVERED (2yz),
 *      DSN_ACTION_DELAYED (4yz), DSN_ACTION_FAILED (5yz); DSN_EBADCODE as
 *      for dsn_severity(). A transient failure becomes "failed" only when
 *      the agent gives up (queue lifetime over): the agent says so by
 *      setting dsn_recipient_fields.action itself; the 4.X.X status stays
 *      (RFC 3463: "If this code accompanies a delivery failure report,
 *      sending in the future may be successful"). "relayed" and
 *      "expanded" depend on what the agent did, not on a code.
 *
 *   dsn_action_name(action)
 *      "failed", "delayed", "delivered", "relayed", "expanded", the
 *      RFC 3464 spelling; NULL for any other value.
 *
 *   dsn_action_by_name(name, len)
 *      The inverse of dsn_action_name(): the DSN_ACTION_* value whose
 *      RFC 3464 section 2.3.3 action-value the len octets at name spell
 *      (no NUL needed; one inside the len octets never matches), compared
 *      in US-ASCII without regard to case, as the quoted strings of the
 *      RFC's ABNF are (RFC 5234 section 2.3): "FAILED" and "Failed" are
 *      DSN_ACTION_FAILED.
 *      No white space or comment is skipped: the caller passes the value
 *      alone. Returns DSN_EINVAL for any other name, for len 0 and for
 *      name NULL with len > 0; name is not read past len octets, nor past
 *      a mismatch. The names come from the table of dsn_action_name().
 *
 *   dsn_default_status(code, out)
 *      The enhanced status code to assume for a reply that carried none
 *      (a server without ENHANCEDSTATUSCODES, a greeting, a 421 on
 *      connect). Sets *out and returns DSN_OK, or returns DSN_EBADCODE
 *      (*out untouched) for the codes dsn_severity() rejects; out NULL
 *      gives DSN_EINVAL. The class is always code / 100. A code that
 *      RFC 5321 or a common extension gives more than one meaning gets
 *      X.0.0 (452: insufficient storage or too many recipients, so
 *      4.0.0), as Postfix's SMTP client gives every reply without one;
 *      only a code with one meaning gets a specific status, one that an
 *      RFC pairs with it or the registry associates with it (421 4.4.2,
 *      535 stays 5.0.0: RFC 4954's invalid credentials and RFC 5248's
 *      trust relationship required). The table is default_status.def,
 *      installed beside this header: one row per code RFC 5321 and the
 *      extensions define, with the meanings they give it and their
 *      sections.
 *
 *   dsn_reply_status(r, out)
 *      The status a delivery agent reports for a parsed reply: r->status
 *      when r->flags has DSN_REPLY_STATUS, else dsn_default_status(r->code).
 *      Returns DSN_OK, DSN_EBADCODE, or DSN_EINVAL (r or out NULL).
 *
 *   dsn_status_fields(f, buf, size)
 *      Writes the RFC 3464 section 2.3 per-recipient fields of one
 *      recipient, in the RFC's order, each ending in CRLF:
 *
 *          Original-Recipient: rfc822; <original_recipient>   (if given)
 *          Final-Recipient: rfc822; <final_recipient>
 *          Action: <action>
 *          Status: <cls>.<subject>.<detail>
 *          Remote-MTA: dns; <remote_mta>                      (if given)
 *          Diagnostic-Code: smtp; <diagnostic>                (if given)
 *          Last-Attempt-Date: <last_attempt_date>             (if given)
 *          Will-Retry-Until: <will_retry_until>               (if given)
 *
 *      No blank line is written before or after: the caller puts one
 *      between the per-message fields and each recipient's block
 *      (RFC 3464 section 2.1). snprintf contract, as dsn_format(): returns
 *      the full length, writes at most size bytes including the NUL, and
 *      (NULL, 0) measures; NULL buf with a non-zero size is taken as 0.
 *      Fields that dsn_status_fields_check() rejects give "" and 0 (no
 *      valid output is empty).
 *
 *      Action: f->action, or when 0 dsn_action_of(f->code), or when the
 *      code is 0 too, the one the status class implies.
 *      Status: *f->status, or when it is NULL, dsn_default_status(f->code).
 *
 *      Text: every string is made safe on the way in. LF and HT become a
 *      space (so a raw multi-line reply given as diagnostic reads as its
 *      lines joined by spaces, as Postfix writes it: "550-5.1.1 first
 *      550 5.1.1 second"); CR, NUL and every other control character
 *      (0x00-0x1F, 0x7F) are removed; spaces at the start and end of each
 *      value are dropped. No input can start a field or a line of its
 *      own. An optional string that is empty after this leaves its field
 *      out; an empty final recipient is an error.
 *
 *      Bytes >= 0x80: the output fits the part it is for, and no byte
 *      that is not well-formed UTF-8 (RFC 3629) ever goes out.
 *        f->flags 0: message/delivery-status (RFC 3464), ASCII only.
 *          In every value but the addresses each byte >= 0x80 becomes
 *          '?', as Postfix writes it (so "550 blocked ip (" B7 A2 D0 C5
 *          ")" in GBK gives "550 blocked ip (????)"). An address holding
 *          such a byte is an error, DSN_ENOTASCII: replaced bytes would
 *          name another mailbox.
 *        f->flags DSN_FIELDS_UTF8: message/global-delivery-status
 *          (RFC 6533). Well-formed UTF-8 passes; every byte of a
 *          sequence that is not (a stray continuation byte, an overlong
 *          form, a surrogate, a code point above U+10FFFF, a sequence
 *          cut short) becomes '?'. An address holding a byte >= 0x80 is
 *          typed "utf-8" instead of "rfc822" (RFC 6533 section 3) and
 *          must be well-formed UTF-8, else DSN_ENOTUTF8.
 *
 *      Folding (RFC 5322 section 2.2.3): a field longer than 78 octets is
 *      folded by writing CRLF before a space of its value, the space
 *      staying at the start of the next line, so unfolding (removing each
 *      CRLF that precedes a space) gives the value back exactly. Each line
 *      takes as many words as fit in 78 octets; the first word of a value
 *      stays on the field's first line, and no line is left holding only
 *      spaces. A word that does not fit alone stays whole on a longer
 *      line, up to RFC 5322's hard limit of 998 octets; only a word longer
 *      than that is broken (at a UTF-8 character boundary) with CRLF and a
 *      space, the one case where unfolding does not give the input back.
 *
 *   dsn_status_fields_check(f)
 *      DSN_OK, or why dsn_status_fields() would write nothing:
 *          DSN_EINVAL     f NULL; final_recipient NULL or empty once
 *                         cleaned; action not 0 and not a DSN_ACTION_*;
 *                         neither a status nor a code to derive one from;
 *                         a flag other than DSN_FIELDS_UTF8.
 *          DSN_ENOTASCII  an address holds a byte >= 0x80 and flags lack
 *                         DSN_FIELDS_UTF8 (RFC 3464 section 2.3.2:
 *                         rfc822 addresses; RFC 6533 section 3).
 *          DSN_ENOTUTF8   with DSN_FIELDS_UTF8, an address is not
 *                         well-formed UTF-8 (RFC 6533 section 3, RFC 3629).
 *          DSN_EBADCODE   code not 0 and not one dsn_severity() accepts.
 *          DSN_EBADSTATUS status->cls not 2, 4 or 5, or subject or
 *                         detail outside 0..999 (RFC 3463 section 3.1,
 *                         RFC 3464 section 2.3.4); checked before any
 *                         arithmetic, so any int is safe to pass.
 *          DSN_EBADCLASS  the action does not fit the status class, by
 *                         RFC 3463 section 3.1's class definitions:
 *                         delivered, relayed and expanded need 2.X.X
 *                         ("a positive delivery action"), delayed
 *                         4.X.X (5.X.X is "not likely to be resolved by
 *                         resending"), failed 4.X.X or 5.X.X.
 *
 *      The Status need not share the class of f->code: RFC 3464 ties the
 *      Status to the Action, and the last reply goes in Diagnostic-Code
 *      as it was (section 2.3.6). A recipient that expired after
 *      "451 4.7.1 Greylisted" is Action failed with Status 4.4.7 as
 *      Postfix writes it, or 5.4.7 as OpenSMTPD and Exim do: both pass.
 *      This is the only consistency check dsn_status_fields() makes.
 *
 * THREADS
 *      No state, no allocation: every function is reentrant.
 */
#ifndef DSN_DELIVERY_H
#define DSN_DELIVERY_H

#include <stddef.h>

#include "base.h"  /* DSN_API, the DSN_E* errors, dsn_status */
#include "parse.h" /* dsn_parsed_reply */

#ifdef __cplusplus
extern "C" {
#endif

/* dsn_severity(): the class digit of the reply code. */
typedef enum dsn_severity_kind {
    DSN_SEVERITY_SUCCESS = 2,
    DSN_SEVERITY_TRANSIENT = 4,
    DSN_SEVERITY_PERMANENT = 5
} dsn_severity_kind;

/* RFC 3464 section 2.3.3 action-value; 0 means "from the code". */
typedef enum dsn_action {
    DSN_ACTION_FAILED = 1,
    DSN_ACTION_DELAYED,
    DSN_ACTION_DELIVERED,
    DSN_ACTION_RELAYED,
    DSN_ACTION_EXPANDED
} dsn_action;

/* The per-recipient fields of one recipient; strings NUL-terminated but
 * the diagnostic. Start from DSN_RECIPIENT_FIELDS_INIT. */
typedef struct dsn_recipient_fields {
    const char *final_recipient;    /* required: "user@example.com" */
    const char *original_recipient; /* NULL: no Original-Recipient */
    int action;                     /* DSN_ACTION_*; 0: from code/status */
    int code;                       /* reply code; 0: none */
    const dsn_status *status;       /* NULL: dsn_default_status(code) */
    const char *remote_mta;         /* NULL: no Remote-MTA */
    const char *diagnostic;         /* the reply's text; NULL: none */
    size_t diagnostic_len;          /* 0: strlen(diagnostic) */
    const char *last_attempt_date;  /* RFC 5322 date-time, or NULL */
    const char *will_retry_until;   /* RFC 5322 date-time, or NULL */
    unsigned flags;                 /* DSN_FIELDS_*; 0: ASCII */
} dsn_recipient_fields;

/* clang-format off */
#define DSN_RECIPIENT_FIELDS_INIT                                              \
    {NULL, NULL, 0, 0, NULL, NULL, NULL, 0, NULL, NULL, 0u}
/* clang-format on */

/* dsn_recipient_fields.flags: the fields of a
 * message/global-delivery-status part (RFC 6533): UTF-8 addresses and
 * text. Without it, the ASCII of message/delivery-status (RFC 3464). */
#define DSN_FIELDS_UTF8 0x1u

/* RFC 5322's recommended line length, CRLF excluded. */
#define DSN_FOLD_COLUMNS 78

/* DSN_SEVERITY_* for a reply code 200..599 but 3yz, or DSN_EBADCODE. */
DSN_API int dsn_severity(int code);
/* "success", "transient", "permanent", or NULL. */
DSN_API const char *dsn_severity_name(int severity);
/* DSN_ACTION_DELIVERED / _DELAYED / _FAILED for a code, or DSN_EBADCODE. */
DSN_API int dsn_action_of(int code);
/* "failed", "delayed", "delivered", "relayed", "expanded", or NULL. */
DSN_API const char *dsn_action_name(int action);
/* The DSN_ACTION_* whose name the len octets at name spell, in any case;
 * DSN_EINVAL for any other. */
DSN_API int dsn_action_by_name(const char *name, size_t len);

/* The enhanced code to assume for a reply of this code without one. */
DSN_API int dsn_default_status(int code, dsn_status *out);
/* r's enhanced code, or the default for its code. */
DSN_API int dsn_reply_status(const dsn_parsed_reply *r, dsn_status *out);

/* DSN_OK, or why f cannot be written. */
DSN_API int dsn_status_fields_check(const dsn_recipient_fields *f);
/* The RFC 3464 per-recipient fields, CRLF, folded; snprintf contract. */
DSN_API size_t dsn_status_fields(const dsn_recipient_fields *f, char *buf,
                                 size_t size);

#ifdef __cplusplus
}
#endif

#endif /* DSN_DELIVERY_H */
