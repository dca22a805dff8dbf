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
 *      parser passes 571); 3yz (intermediate, e.g. 354), which no DSN
 *      reports, and anything else give DSN_EBADCODE. For a parsed reply
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
 *   dsn_default_status(code, out)
 *      The enhanced status code to assume for a reply that carried none
 *      (a server without ENHANCEDSTATUSCODES, a greeting, a 421 on
 *      connect). Sets *out and returns DSN_OK, or returns DSN_EBADCODE
 *      (*out untouched) for the codes dsn_severity() rejects; out NULL
 *      gives DSN_EINVAL. The class is always code / 100. The mapping:
 *
 *        code  status  meaning (source)
 *        235   2.7.0   authentication succeeded (RFC 4954 section 6)
 *        421   4.4.2   service closing the channel: bad connection
 *                      (registry X.4.2 lists 421)
 *        432   4.7.12  password transition needed (RFC 4954 section 6)
 *        451   4.3.0   local error in processing: mail system status
 *                      (RFC 5321 4.2.3; registry X.3.0 lists 451)
 *        452   4.3.1   insufficient system storage (RFC 5321 4.2.3;
 *                      registry X.3.1 lists 452)
 *        453   4.3.2   system not accepting network messages (registry
 *                      X.3.2 lists 453, and no other code)
 *        454   4.7.0   temporary authentication / TLS failure (RFC 4954
 *                      section 6, RFC 3207 section 4)
 *        455   4.5.4   server unable to accommodate parameters (RFC 5321
 *                      4.2.3; the transient twin of 555)
 *        500   5.5.2   syntax error, command unrecognized (RFC 5321
 *                      4.2.3; registry X.5.2 lists 500)
 *        501   5.5.4   syntax error in parameters or arguments (RFC 5321;
 *                      registry X.5.4 lists 501)
 *        502   5.5.1   command not implemented (RFC 3463 X.5.1: a command
 *                      "out of sequence or unsupported")
 *        503   5.5.1   bad sequence of commands (RFC 3463 X.5.1; registry
 *                      X.5.1 lists 503)
 *        504   5.5.4   command parameter not implemented (RFC 5321;
 *                      registry X.5.4 lists 504)
 *        521   5.3.2   host does not accept mail (RFC 7504; registry X.3.2)
 *        523   5.7.10  encryption needed (RFC 5248; registry X.7.10)
 *        525   5.7.13  user account disabled (RFC 5248; registry X.7.13)
 *        530   5.7.0   authentication required (RFC 4954 section 6; RFC
 *                      3207 uses 530 for "must issue STARTTLS first")
 *        534   5.7.9   authentication mechanism too weak (RFC 4954)
 *        535   5.7.8   authentication credentials invalid (RFC 4954)
 *        538   5.7.11  encryption required for the mechanism (RFC 4954)
 *        552   5.3.4   message too big: the SIZE extension's rejection
 *                      (RFC 1870 section 6; registry X.3.4 lists 552). RFC
 *                      5321 4.5.3.1.10 says a 552 answering RCPT for too
 *                      many recipients is really a 452: the caller who
 *                      knows the command decides.
 *        553   5.1.0   mailbox name not allowed: an address problem, which
 *                      one the code does not say (RFC 5321 4.2.3)
 *        554   5.0.0   transaction failed: nothing more is known
 *        555   5.5.4   MAIL/RCPT parameters not recognized (RFC 5321;
 *                      registry X.5.4 lists 555)
 *        556   5.1.10  domain does not accept mail (RFC 7504, RFC 7505;
 *                      registry X.1.10)
 *        other 2yz 2.0.0, 4yz 4.0.0, 5yz 5.0.0
 *
 *      Mapped are the codes whose RFC 5321 (or extension RFC) meaning
 *      names one condition, and whose enhanced code the registry ties to
 *      them where it does. The rest get X.0.0 by class, as Postfix's SMTP
 *      client does for every reply without one (smtp_chat_resp() in
 *      src/smtp/smtp_chat.c): in particular 450 and 550 (RFC 5321's
 *      "mailbox unavailable" covers unknown users, busy mailboxes and
 *      policy refusals alike), 551 and 554, where any detail would be a
 *      guess. Every status given is in the registry with the same class.
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
 *      out; an empty final recipient is an error. Bytes >= 0x80 pass
 *      unchanged; an address holding one is typed "utf-8" instead of
 *      "rfc822" (RFC 6533 section 3), and such output belongs in a
 *      message/global-delivery-status part rather than
 *      message/delivery-status.
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
 *                         neither a status nor a code to derive one from.
 *          DSN_EBADCODE   code not 0 and not one dsn_severity() accepts.
 *          DSN_EBADSTATUS status->cls not 2, 4 or 5, or subject or
 *                         detail outside 0..999.
 *          DSN_EBADCLASS  the status class differs from the code's, or
 *                         the action does not fit it: delivered, relayed
 *                         and expanded need 2.X.X, delayed 4.X.X, failed
 *                         4.X.X or 5.X.X.
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
} dsn_recipient_fields;

/* clang-format off */
#define DSN_RECIPIENT_FIELDS_INIT                                              \
    {NULL, NULL, 0, 0, NULL, NULL, NULL, 0, NULL, NULL}
/* clang-format on */

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
