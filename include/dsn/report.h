/*
 * NAME
 *      dsn/report.h - reading delivery status notifications (bounces):
 *      the RFC 3464 fields of a whole message, wherever its MIME tree
 *      holds them
 *
 * SYNOPSIS
 *      #include <dsn.h>          (includes this header)
 *
 *      char scratch[2 * MSG_MAX];   // decoded part, unfolded values
 *      dsn_report rep;
 *      dsn_report_recipient rc;
 *      int err = dsn_report_read(msg, len, scratch, sizeof scratch, &rep);
 *      if (err == DSN_ENOREPORT)  ... not a bounce (ARF, vacation, prose) ...
 *      else if (err < 0)          ... dsn_strerror(err) ...
 *      while ((err = dsn_report_next(&rep, &rc)) == 1) {
 *          dsn_status st;
 *          if (dsn_report_status(&rc, &st) == DSN_OK)  // what matters
 *              ... st, rc.final_recipient, rc.action, rc.diagnostic ...
 *      }
 *
 * DESCRIPTION
 *      A bounce is a message whose MIME tree (RFC 2045, RFC 2046) holds a
 *      message/delivery-status part (RFC 3464 section 2), normally the
 *      second part of a multipart/report (RFC 6522), or its RFC 6533 twin
 *      message/global-delivery-status. The reader finds that part, reads
 *      its per-message fields at once and its per-recipient blocks one at a
 *      time through a cursor, so there is no maximum number of recipients.
 *      Nothing is allocated and nothing is written to msg: every field is a
 *      dsn_slice (pointer and length, not NUL-terminated) into msg, or
 *      into scratch where the bytes of msg cannot be used as they are (a
 *      part in base64 or quoted-printable, a folded value). msg and scratch
 *      must outlive the slices. msg[len] and beyond are never read.
 *
 *   dsn_report_read(msg, len, scratch, scratch_size, rep)
 *      Reads the message msg[0..len) (RFC 5322: header, blank line, body;
 *      LF or CRLF line ends, both accepted anywhere) and fills *rep.
 *
 *      Where the part is found. The message itself when its Content-Type
 *      is one of the two delivery-status types; otherwise the first such
 *      part of its multipart tree, at any depth and under any multipart
 *      subtype: multipart/report as RFC 6522 says, but also
 *      multipart/mixed (OpenSMTPD, McAfee) and a multipart nested in
 *      another. Parts of type message/rfc822 are not opened, so a bounce
 *      quoted inside the returned original is not taken for this one.
 *      Boundaries follow RFC 2046 section 5.1.1: a line "--" boundary,
 *      optional spaces and tabs, line end; "--" boundary "--" closes its
 *      multipart and every multipart nested in it. A part's header ends at
 *      its blank line, or at a line starting with "--" where a writer left
 *      the blank line out (no header field starts so). At most
 *      DSN_REPORT_DEPTH_MAX nested multiparts and DSN_REPORT_PARTS_MAX
 *      body parts are looked at; a part beyond either limit is not opened,
 *      and when no delivery-status part was found before it the error
 *      names the limit instead of DSN_ENOREPORT.
 *
 *      Content-Transfer-Encoding (RFC 2045 section 6): 7bit, 8bit, binary
 *      and a missing field leave the part where it is; base64 (section
 *      6.8: bytes outside the alphabet are ignored, decoding stops at the
 *      first '=') and quoted-printable (section 6.7: soft line breaks
 *      removed, "=XY" decoded, an '=' not followed by two hex digits kept
 *      as it is, as the RFC advises) are decoded into scratch. Any other
 *      encoding is DSN_EENCODING.
 *
 *      The returned original (RFC 3464 section 2, third part): the
 *      Message-ID of the first message/rfc822, message/global,
 *      text/rfc822-headers or message/global-headers part after the
 *      delivery-status part (before it when none follows), when that part
 *      is not encoded. rep->message_id is the msg-id with its angle
 *      brackets, "<id@host>" (RFC 5322 section 3.6.4), or empty.
 *
 *      Per-message fields (RFC 3464 section 2.2), in *rep:
 *          reporting_mta, reporting_mta_type      Reporting-MTA
 *          received_from_mta, ..._type            Received-From-MTA
 *          dsn_gateway, dsn_gateway_type          DSN-Gateway
 *          envelope_id                            Original-Envelope-Id
 *          arrival_date                           Arrival-Date
 *          message_id                             see above
 *          flags                                  DSN_REPORT_* below
 *      A field absent from the message gives an empty slice (ptr NULL,
 *      len 0). Field names are matched in any case; unknown fields
 *      (X-Postfix-Queue-ID, X-Original-Message-ID, ...) are skipped.
 *
 *      Returns DSN_OK, or (rep's fields are then empty, and
 *      dsn_report_next() gives 0):
 *          DSN_ENOREPORT   no delivery-status part: an ARF feedback
 *                          report, a vacation reply (RFC 3834), a bounce
 *                          in prose only, or no MIME at all. Never
 *                          recipients made up from prose.
 *          DSN_EMIMEDEPTH  none found, and a multipart nested deeper than
 *                          DSN_REPORT_DEPTH_MAX was not opened.
 *          DSN_EMIMEPARTS  none found, and body parts beyond the
 *                          DSN_REPORT_PARTS_MAX-th were not looked at.
 *          DSN_EENCODING   the part's Content-Transfer-Encoding is neither
 *                          of the five above (RFC 2045 section 6.1).
 *          DSN_ESCRATCH    scratch is too small for the decoded part or a
 *                          folded per-message value. scratch_size >= 2 *
 *                          len is always enough (decoded bytes never
 *                          outnumber encoded ones, and unfolded values
 *                          never outnumber the part's bytes); a part that
 *                          is not encoded and has no folded field needs
 *                          none (scratch may then be NULL with size 0).
 *          DSN_EINVAL      rep NULL, msg NULL with len > 0, scratch NULL
 *                          with scratch_size > 0.
 *
 *   dsn_report_next(rep, rcpt)
 *      Reads the next per-recipient block (RFC 3464 section 2.3) into
 *      *rcpt. Returns 1 when *rcpt was filled, 0 after the last one (and
 *      on every call after that), DSN_ESCRATCH when the scratch left after
 *      dsn_report_read() cannot hold this block's folded values, or
 *      DSN_EINVAL (rep or rcpt NULL). The slices of one recipient that
 *      point into scratch are overwritten by the next call.
 *
 *      A block is a recipient when it holds a Final-Recipient or an
 *      Original-Recipient field; blocks with neither (stray X- fields,
 *      garbage) are skipped, never reported. Blocks are separated by
 *      blank lines (lines of spaces and tabs count as blank); where a
 *      writer left the blank line out, a block also ends before a
 *      Final-Recipient, Original-Recipient, Action or Status field that
 *      the block already holds (the order of fields within a block is
 *      free: Amazon SES writes Action first, MessageLabs Final-Recipient
 *      last), and the per-message block ends before the first
 *      per-recipient field. The one case this cannot split: without the
 *      blank line, the Original-Recipient of a next recipient that comes
 *      before its Final-Recipient joins the block before it when that
 *      block has none, and the next block starts at its Final-Recipient.
 *
 *      The fields, each unfolded (RFC 5322 section 2.2.3: the line breaks
 *      before spaces are removed), with spaces around it removed:
 *          final_recipient, final_recipient_type       Final-Recipient
 *          original_recipient, original_recipient_type Original-Recipient
 *          action      the action-value as written (first word)
 *          action_id   DSN_ACTION_* for it in any case, 0 when absent or
 *                      not one of RFC 3464 section 2.3.3's five
 *          status_text the status-code as written (first word)
 *          status      its value when flags has DSN_RCPT_STATUS
 *          remote_mta, remote_mta_type                 Remote-MTA
 *          diagnostic, diagnostic_type                 Diagnostic-Code
 *          last_attempt_date, will_retry_until, final_log_id
 *          diagnostic_status, flags                    see below
 *      A typed field "type; value" (address-type, mta-name-type,
 *      diagnostic-type) gives the type without spaces and the value after
 *      the ';'; a field without ';' gives an empty type and the whole
 *      value. An address loses the '<' '>' around it. A comment after a
 *      status or action ("5.1.1 (user unknown)", "5.0.0(permanent)") is
 *      not part of the word taken. An empty final_recipient with a
 *      non-empty original_recipient means the writer gave only the latter
 *      (the recipient is then the original one).
 *
 *      The status that matters. Exim and OpenSMTPD write Status 5.0.0 or
 *      4.0.0 whatever the remote server said. When the status is X.0.0,
 *      missing or malformed, and the diagnostic's text begins with a reply
 *      "<code> <status> ..." ("<code>-<status>", "#<status>", spaces
 *      between allowed) or with an enhanced status code, that code is
 *      read with dsn_parse_status(); when it is not X.0.0 and its class is
 *      the Status's class (any class when the Status is missing or
 *      malformed), it is diagnostic_status and flags has
 *      DSN_RCPT_DIAGNOSTIC_STATUS.
 *
 *   dsn_report_status(rcpt, out)
 *      The status that matters: rcpt->diagnostic_status when flags has
 *      DSN_RCPT_DIAGNOSTIC_STATUS, else rcpt->status. Returns DSN_OK, or
 *      DSN_ESTATUS (*out untouched) when the block carries no valid
 *      status at all; DSN_EINVAL for NULL arguments.
 *
 * LIMITS
 *      A message longer than INT_MAX bytes is read as its first INT_MAX.
 *      Header fields and lines have no length limit (RFC 5322's 998 is a
 *      writer's rule); only DSN_REPORT_DEPTH_MAX and DSN_REPORT_PARTS_MAX
 *      bound the work, which is linear in len.
 *
 * STANDARDS
 *      RFC 3464 (DSN fields), RFC 6522 (multipart/report), RFC 6533
 *      (message/global-delivery-status, utf-8 address types), RFC 2045 and
 *      RFC 2046 (MIME headers, encodings, multipart boundaries), RFC 5322
 *      (header fields, folding, msg-id).
 *
 * THREADS
 *      No global state, no allocation: every function is reentrant; one
 *      dsn_report is one cursor.
 */
#ifndef DSN_REPORT_H
#define DSN_REPORT_H

#include <stddef.h>

#include "base.h" /* DSN_API, the DSN_E* errors, dsn_slice, dsn_status */

#ifdef __cplusplus
extern "C" {
#endif

/* Multiparts nested in one another that the reader opens. */
#define DSN_REPORT_DEPTH_MAX 8
/* Body parts (of all multiparts together) that the reader looks at. */
#define DSN_REPORT_PARTS_MAX 256

/* dsn_report.flags */
#define DSN_REPORT_GLOBAL 0x1u    /* message/global-delivery-status */
#define DSN_REPORT_IN_REPORT 0x2u /* directly inside a multipart/report */
#define DSN_REPORT_DECODED 0x4u   /* the part was base64 or QP: in scratch */

/* dsn_report_recipient.flags */
#define DSN_RCPT_STATUS 0x1u            /* status holds a valid code */
#define DSN_RCPT_DIAGNOSTIC_STATUS 0x2u /* diagnostic_status holds one */

/* The per-message fields of one report, and the cursor over its
 * recipients (the members ending in '_' are the reader's own). */
typedef struct dsn_report {
    dsn_slice reporting_mta;
    dsn_slice reporting_mta_type;
    dsn_slice received_from_mta;
    dsn_slice received_from_mta_type;
    dsn_slice dsn_gateway;
    dsn_slice dsn_gateway_type;
    dsn_slice envelope_id;  /* Original-Envelope-Id */
    dsn_slice arrival_date; /* Arrival-Date */
    dsn_slice message_id;   /* "<id@host>" of the returned original */
    unsigned flags;         /* DSN_REPORT_* */
    const char *part_;      /* the delivery-status fields */
    size_t part_len_;
    size_t next_; /* offset in part_ of the next block */
    char *scratch_;
    size_t scratch_size_;
    size_t scratch_used_; /* by the decoded part and per-message fields */
} dsn_report;

/* One recipient's fields (RFC 3464 section 2.3). */
typedef struct dsn_report_recipient {
    dsn_slice final_recipient;      /* the address, without '<' '>' */
    dsn_slice final_recipient_type; /* "rfc822", "utf-8", ... */
    dsn_slice original_recipient;
    dsn_slice original_recipient_type;
    dsn_slice action;             /* as written */
    int action_id;                /* DSN_ACTION_*, or 0 */
    dsn_slice status_text;        /* "5.1.1" as written */
    dsn_status status;            /* valid when flags & DSN_RCPT_STATUS */
    dsn_status diagnostic_status; /* see "the status that matters" */
    dsn_slice remote_mta;
    dsn_slice remote_mta_type;
    dsn_slice diagnostic;      /* "550 5.1.1 No such user" */
    dsn_slice diagnostic_type; /* "smtp", "X-Postfix", ... */
    dsn_slice last_attempt_date;
    dsn_slice will_retry_until;
    dsn_slice final_log_id;
    unsigned flags; /* DSN_RCPT_* */
} dsn_report_recipient;

/* Finds the delivery-status part of msg and reads its per-message fields:
 * DSN_OK or an error above. */
DSN_API int dsn_report_read(const char *msg, size_t len, char *scratch,
                            size_t scratch_size, dsn_report *rep);

/* 1 with the next recipient in *rcpt, 0 at the end, or an error. */
DSN_API int dsn_report_next(dsn_report *rep, dsn_report_recipient *rcpt);

/* The status that matters of rcpt into *out: DSN_OK or DSN_ESTATUS. */
DSN_API int dsn_report_status(const dsn_report_recipient *rcpt,
                              dsn_status *out);

#ifdef __cplusplus
}
#endif

#endif /* DSN_REPORT_H */
