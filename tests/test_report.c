/*
 * The DSN reader (dsn/report.h): every field of a multipart/report, CRLF
 * and LF, names in any case, folded values, comments, '<' '>', missing
 * blank lines, only an Original-Recipient, the status that matters, a
 * delivery-status part in multipart/mixed, nested and global, base64 and
 * quoted-printable parts, the returned Message-ID, every error, the
 * limits, and every prefix of a message read from an exact-size heap
 * copy (under ASan a read past len is a crash).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "support/cmocka_main.h"
#include "support/slice_fields.h"
#include "dsn.h"
#include "dsn/report.h"

static char scratch[1 << 16];

/* Replaces each "\n" of the text by "\r\n" into out (for CRLF copies). */
static size_t crlf(const char *text, char *out, size_t size)
{
    size_t n = 0;
    for (; *text != '\0' && n + 2 < size; text++) {
        if (*text == '\n')
            out[n++] = '\r';
        out[n++] = *text;
    }
    return n;
}

static const char postfix_lf[] =
    "From: MAILER-DAEMON@mx.example.org (Mail Delivery System)\n"
    "Subject: Undelivered Mail Returned to Sender\n"
    "MIME-Version: 1.0\n"
    "Content-Type: multipart/report; report-type=delivery-status;\n"
    "\tboundary=\"B1.123/mx.example.org\"\n"
    "\n"
    "This is a MIME-encapsulated message.\n"
    "\n"
    "--B1.123/mx.example.org\n"
    "Content-Type: text/plain; charset=us-ascii\n"
    "\n"
    "I'm sorry to have to inform you...\n"
    "Final-Recipient: rfc822; not-this-one@example.com\n"
    "\n"
    "--B1.123/mx.example.org\n"
    "Content-Type: message/delivery-status\n"
    "\n"
    "Reporting-MTA: dns; mx.example.org\n"
    "X-Postfix-Queue-ID: B1\n"
    "Received-From-MTA: dns; client.example.net\n"
    "Original-Envelope-Id: env-42\n"
    "Arrival-Date: Mon, 16 Dec 2019 14:12:15 +0100 (CET)\n"
    "\n"
    "Final-Recipient: rfc822; user@example.com\n"
    "Original-Recipient: rfc822;User@Example.com\n"
    "Action: failed\n"
    "Status: 5.1.1\n"
    "Remote-MTA: dns; mx.example.com\n"
    "Diagnostic-Code: smtp; 550 5.1.1 <user@example.com>: Recipient\n"
    "    address rejected: User unknown\n"
    "Last-Attempt-Date: Mon, 16 Dec 2019 14:12:16 +0100 (CET)\n"
    "\n"
    "Final-Recipient: rfc822; later@example.com\n"
    "Action: delayed\n"
    "Status: 4.4.1\n"
    "Will-Retry-Until: Fri, 20 Dec 2019 14:12:15 +0100 (CET)\n"
    "\n"
    "--B1.123/mx.example.org\n"
    "Content-Type: message/rfc822\n"
    "\n"
    "Message-ID: <orig.1@client.example.net>\n"
    "Subject: hello\n"
    "\n"
    "body\n"
    "--B1.123/mx.example.org--\n";

/* The slice members of a report and of a recipient. */
#define REPORT_FIELD_(m) SLICE_FIELD(dsn_report, m)
static const slice_field report_fields[] = {
    REPORT_FIELD_(reporting_mta),     REPORT_FIELD_(reporting_mta_type),
    REPORT_FIELD_(received_from_mta), REPORT_FIELD_(received_from_mta_type),
    REPORT_FIELD_(dsn_gateway),       REPORT_FIELD_(dsn_gateway_type),
    REPORT_FIELD_(envelope_id),       REPORT_FIELD_(arrival_date),
    REPORT_FIELD_(message_id)};
#undef REPORT_FIELD_
#define RCPT_FIELD_(m) SLICE_FIELD(dsn_report_recipient, m)
static const slice_field recipient_fields[] = {
    RCPT_FIELD_(final_recipient),
    RCPT_FIELD_(final_recipient_type),
    RCPT_FIELD_(original_recipient),
    RCPT_FIELD_(original_recipient_type),
    RCPT_FIELD_(action),
    RCPT_FIELD_(status_text),
    RCPT_FIELD_(remote_mta),
    RCPT_FIELD_(remote_mta_type),
    RCPT_FIELD_(diagnostic),
    RCPT_FIELD_(diagnostic_type),
    RCPT_FIELD_(last_attempt_date),
    RCPT_FIELD_(will_retry_until),
    RCPT_FIELD_(final_log_id)};
#undef RCPT_FIELD_

/* What a reader makes of postfix_lf's recipients, in order: every field
 * there and none other (the first's diagnostic unfolded, no
 * Will-Retry-Until; the second without Original-Recipient and
 * Diagnostic-Code), the action, the flags and the status that matters. */
static const struct {
    const char *fields;
    int action;
    unsigned flags;
    int status; /* cls * 10000 + subject * 100 + detail */
} postfix_recipients[] = {
    {"final_recipient=user@example.com\n"
     "final_recipient_type=rfc822\n"
     "original_recipient=User@Example.com\n"
     "original_recipient_type=rfc822\n"
     "action=failed\n"
     "status_text=5.1.1\n"
     "remote_mta=mx.example.com\n"
     "remote_mta_type=dns\n"
     "diagnostic=550 5.1.1 <user@example.com>: Recipient    address "
     "rejected: User unknown\n"
     "diagnostic_type=smtp\n"
     "last_attempt_date=Mon, 16 Dec 2019 14:12:16 +0100 (CET)\n",
     DSN_ACTION_FAILED, DSN_RCPT_STATUS, 50101},
    {"final_recipient=later@example.com\n"
     "final_recipient_type=rfc822\n"
     "action=delayed\n"
     "status_text=4.4.1\n"
     "will_retry_until=Fri, 20 Dec 2019 14:12:15 +0100 (CET)\n",
     DSN_ACTION_DELAYED, DSN_RCPT_STATUS, 40401},
};

static void check_postfix(const char *msg, size_t len)
{
    dsn_report rep;
    dsn_report_recipient r;
    dsn_status st;
    size_t i;
    assert_int_equal(dsn_report_read(msg, len, scratch, sizeof scratch, &rep),
                     DSN_OK);
    /* every field there, none other (no DSN-Gateway) */
    EXPECT_SLICE_FIELDS(&rep, report_fields,
                        "reporting_mta=mx.example.org\n"
                        "reporting_mta_type=dns\n"
                        "received_from_mta=client.example.net\n"
                        "received_from_mta_type=dns\n"
                        "envelope_id=env-42\n"
                        "arrival_date=Mon, 16 Dec 2019 14:12:15 +0100 (CET)\n"
                        "message_id=<orig.1@client.example.net>\n");
    assert_int_equal(rep.flags, DSN_REPORT_IN_REPORT);
    for (i = 0; i < sizeof postfix_recipients / sizeof postfix_recipients[0];
         i++) {
        assert_int_equal(dsn_report_next(&rep, &r), 1);
        EXPECT_SLICE_FIELDS(&r, recipient_fields, postfix_recipients[i].fields);
        assert_int_equal(r.action_id, postfix_recipients[i].action);
        assert_int_equal(r.flags, postfix_recipients[i].flags);
        assert_int_equal(dsn_report_status(&r, &st), DSN_OK);
        assert_int_equal(st.cls * 10000 + st.subject * 100 + st.detail,
                         postfix_recipients[i].status);
    }
    assert_int_equal(dsn_report_next(&rep, &r), 0);
    assert_int_equal(dsn_report_next(&rep, &r), 0);
}

static void test_every_field_lf_and_crlf(void **state)
{
    static char buf[sizeof postfix_lf * 2];
    (void)state;
    check_postfix(postfix_lf, strlen(postfix_lf));
    check_postfix(buf, crlf(postfix_lf, buf, sizeof buf));
}

/* Reads msg; returns the number of recipients, the first in *first. */
static int read_all(const char *msg, dsn_report *rep,
                    dsn_report_recipient *first)
{
    dsn_report_recipient r;
    int n = 0, got;
    int err = dsn_report_read(msg, strlen(msg), scratch, sizeof scratch, rep);
    if (err != DSN_OK)
        return err;
    while ((got = dsn_report_next(rep, &r)) == 1)
        if (n++ == 0)
            *first = r;
    assert_int_equal(got, 0);
    return n;
}

/* What a reader makes of msg, on one line: the number of recipients (or
 * the error), the per-message Reporting-MTA and flags, and the first
 * recipient's fields and the status that matters (or the error). */
static const char *read_as_line(const char *msg)
{
    static char line[1024];
    dsn_report rep;
    dsn_report_recipient r;
    dsn_status st;
    char status[DSN_STATUS_MAX];
    int n = read_all(msg, &rep, &r), err;
#define S_(sl) (int)(sl).len, (sl).ptr
    if (n <= 0) {
        snprintf(line, sizeof line, "%s", dsn_err_name(n));
        return line;
    }
    err = dsn_report_status(&r, &st);
    if (err == DSN_OK)
        dsn_status_format(&st, status, sizeof status);
    else
        snprintf(status, sizeof status, "%s", dsn_err_name(err));
    snprintf(line, sizeof line,
             "%d rcpt, mta %.*s, flags %u | final %.*s:%.*s | orig %.*s:%.*s | "
             "action %.*s (%s) | status %.*s | diag %.*s:%.*s | flags %u | "
             "matters %s",
             n, S_(rep.reporting_mta), rep.flags, S_(r.final_recipient_type),
             S_(r.final_recipient), S_(r.original_recipient_type),
             S_(r.original_recipient), S_(r.action),
             r.action_id ? dsn_action_name(r.action_id) : "-",
             S_(r.status_text), S_(r.diagnostic_type), S_(r.diagnostic),
             r.flags, status);
#undef S_
    return line;
}

static void test_liberal_fields(void **state)
{
    static const struct {
        const char *why, *msg, *want;
    } cases[] = {
        {"a bare delivery-status message, names in odd case, no blank lines "
         "between the blocks, a comment after the status, '<' '>', X- "
         "fields, a block of only X- fields, a recipient known only by the "
         "original",
         "content-type: Message/Delivery-Status\n\n"
         "REPORTING-MTA: dns;a.example\n"
         "final-recipient: RFC822; <x@example.com>\n"
         "X-Actual-Recipient: rfc822; y@example.com\n"
         "action: FAILED (bad)\n"
         "status: 5.1.1 (user unknown)\n"
         "Final-Recipient: rfc822; z@example.com\n"
         "Action: failed\nStatus: 5.2.2\n\n"
         "X-Whatever: 1\n\n"
         "Original-Recipient: rfc822; o@example.com\n"
         "Action: delivered\nStatus: 2.0.0\n",
         "3 rcpt, mta a.example, flags 0 | final RFC822:x@example.com | "
         "orig : | action FAILED (failed) | status 5.1.1 | diag : | flags 1 | "
         "matters 5.1.1"},
        {"the last: only Original-Recipient",
         "Content-Type: message/delivery-status\n"
         "\nReporting-MTA: dns; a\n\n"
         "Original-Recipient: rfc822; o@x\n"
         "Action: delivered\n",
         "1 rcpt, mta a, flags 0 | final : | orig rfc822:o@x | action "
         "delivered (delivered) | status  | diag : | flags 0 | "
         "matters ESTATUS"},
        {"Status first, Final-Recipient last (MessageLabs), no per-message "
         "block at all, untyped fields",
         "Content-Type: message/delivery-status\n\n"
         "Action: failed\nStatus: 5.0.0\n"
         "Diagnostic-Code: 550 5.7.1 no; thanks\n"
         "Final-Recipient: last@example.com\n",
         "1 rcpt, mta , flags 0 | final :last@example.com | orig : | action "
         "failed (failed) | status 5.0.0 | diag :550 5.7.1 no; thanks | "
         "flags 3 | matters 5.7.1"},
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *got = read_as_line(cases[i].msg);
        if (strcmp(got, cases[i].want) != 0)
            fail_msg("%s:\n got: %s\nwant: %s", cases[i].why, got,
                     cases[i].want);
    }
}

/* The status that matters for one Status and Diagnostic-Code. */
static int matters(const char *status, const char *diag)
{
    static char msg[512];
    dsn_report rep;
    dsn_report_recipient r;
    dsn_status st;
    snprintf(msg, sizeof msg,
             "Content-Type: message/delivery-status\n\n"
             "Final-Recipient: rfc822; a@b\nStatus: %s\n"
             "Diagnostic-Code: smtp; %s\n",
             status, diag);
    assert_int_equal(read_all(msg, &rep, &r), 1);
    if (dsn_report_status(&r, &st) != DSN_OK)
        return 0;
    return st.cls * 10000 + st.subject * 100 + st.detail;
}

static void test_status_that_matters(void **state)
{
    (void)state;
    assert_int_equal(matters("5.0.0", "550 5.1.1 no such user"), 50101);
    assert_int_equal(matters("5.0.0", "550-5.2.2 full 550 5.2.2 full"), 50202);
    assert_int_equal(matters("5.0.0", "550 #5.1.1 gone"), 50101);
    assert_int_equal(matters("5.0.0", "5.3.0 - Other mail system problem"),
                     50300);
    assert_int_equal(matters("4.0.0", "421 4.7.0 [TSS04] deferred"), 40700);
    /* another class, X.0.0 again, no code, a letter after it: Status */
    assert_int_equal(matters("5.0.0", "450 4.2.1 busy"), 50000);
    assert_int_equal(matters("5.0.0", "550 5.0.0 nope"), 50000);
    assert_int_equal(matters("5.0.0", "550 Unknown user"), 50000);
    assert_int_equal(matters("5.0.0", "550 5.1.1a"), 50000);
    /* a specific Status is the status, whatever the diagnostic says */
    assert_int_equal(matters("5.1.1", "552 5.2.2 Over quota"), 50101);
    /* no valid Status: the diagnostic's code, of any class */
    assert_int_equal(matters("5.01.1", "451 4.3.0 later"), 40300);
    assert_int_equal(matters("", "550 5.1.1, gone"), 50101);
    assert_int_equal(matters("bogus", "no code"), 0);
}

static const char mixed[] =
    "Content-Type: multipart/mixed; boundary=outer\n\n"
    "--outer\nContent-Type: text/plain\n\nhello\n"
    "--outer\nContent-Type: multipart/alternative; boundary=\"in ner\"\n\n"
    "--in ner\nContent-Type: text/plain\n\nx\n"
    "--in ner\nContent-Type: message/global-delivery-status\n"
    "Content-Transfer-Encoding: base64\n\n"
    /* "Reporting-MTA: dns; m\n\nFinal-Recipient: utf-8; j\xc3\xb6@x\n" */
    "UmVwb3J0aW5nLU1UQTogZG5zOyBtCgpGaW5hbC1SZWNpcGllbnQ6IHV0Zi04Oy\n"
    "Bqw7ZAeAo=\n"
    "--outer\nContent-Type: text/rfc822-headers\n\n"
    "Message-Id:\n <m.1@x>\n\n"
    "--outer--\n";

static void test_nested_global_base64(void **state)
{
    dsn_report rep;
    dsn_report_recipient r;
    (void)state;
    assert_int_equal(read_all(mixed, &rep, &r), 1);
    assert_int_equal(rep.flags, DSN_REPORT_GLOBAL | DSN_REPORT_DECODED);
    expect_slice(rep.reporting_mta, "m");
    expect_slice(r.final_recipient_type, "utf-8");
    expect_slice(r.final_recipient, "j\xc3\xb6@x");
    expect_slice(rep.message_id, "<m.1@x>");
    assert_true(r.final_recipient.ptr >= scratch &&
                r.final_recipient.ptr < scratch + sizeof scratch);
    /* too little scratch for the decoded part */
    assert_int_equal(dsn_report_read(mixed, strlen(mixed), scratch, 10, &rep),
                     DSN_ESCRATCH);
    assert_int_equal(dsn_report_next(&rep, &r), 0);
}

static void test_quoted_printable_and_folds(void **state)
{
    static const char qp[] =
        "Content-Type: multipart/report; boundary=b\n\n"
        "--b\nContent-Type: message/delivery-status\n"
        "Content-Transfer-Encoding: Quoted-Printable\n\n"
        "Reporting-MTA: dns; q=3Dm=\n.example\n\n"
        "Final-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.0.0\n"
        "Diagnostic-Code: smtp; 550 5.1.1 very =\nlong\n  folded =3d text\n"
        "--b--\n";
    dsn_report rep;
    dsn_report_recipient r;
    static char small[200];
    (void)state;
    assert_int_equal(read_all(qp, &rep, &r), 1);
    expect_slice(rep.reporting_mta, "q=m.example");
    expect_slice(r.diagnostic, "550 5.1.1 very long  folded = text");
    assert_int_equal(r.diagnostic_status.detail, 1);
    /* scratch for the decoded part (its encoded size), not for the
     * folded value too */
    assert_int_equal(dsn_report_read(qp, strlen(qp), small, 170, &rep), DSN_OK);
    assert_int_equal(dsn_report_next(&rep, &r), DSN_ESCRATCH);
    assert_int_equal(dsn_report_next(&rep, &r), DSN_ESCRATCH);
    assert_int_equal(dsn_report_read(qp, strlen(qp), small, sizeof small, &rep),
                     DSN_OK);
    assert_int_equal(dsn_report_next(&rep, &r), 1);
    assert_int_equal(dsn_report_read(qp + 42, strlen(qp) - 42, NULL, 0, &rep),
                     DSN_ENOREPORT);
}

static void test_scratch_for_folds_only(void **state)
{
    static const char folded[] = "Content-Type: message/delivery-status\n\n"
                                 "Reporting-MTA: dns;\n m.example\n\n"
                                 "Final-Recipient: rfc822;\n a@b\n";
    dsn_report rep;
    dsn_report_recipient r;
    char room[14]; /* "dns; m.example" */
    (void)state;
    assert_int_equal(dsn_report_read(folded, strlen(folded), NULL, 0, &rep),
                     DSN_ESCRATCH);
    assert_int_equal(
        dsn_report_read(folded, strlen(folded), room, sizeof room, &rep),
        DSN_OK);
    expect_slice(rep.reporting_mta, "m.example");
    assert_int_equal(dsn_report_next(&rep, &r), DSN_ESCRATCH);
    assert_int_equal(read_all(folded, &rep, &r), 1);
    expect_slice(r.final_recipient, "a@b");
}

static void test_not_a_bounce(void **state)
{
    dsn_report rep;
    dsn_report_recipient r;
    (void)state;
    /* ARF: a multipart/report of another report-type */
    assert_int_equal(read_all("Content-Type: multipart/report; "
                              "report-type=feedback-report; boundary=f\n\n"
                              "--f\nContent-Type: message/feedback-report\n\n"
                              "Feedback-Type: abuse\nOriginal-Rcpt-To: a@b\n"
                              "--f--\n",
                              &rep, &r),
                     DSN_ENOREPORT);
    /* a vacation reply in prose, quoting DSN words */
    assert_int_equal(read_all("Auto-Submitted: auto-replied\n\n"
                              "Final-Recipient: rfc822; a@b\nStatus: 5.1.1\n",
                              &rep, &r),
                     DSN_ENOREPORT);
    /* a delivery-status part only inside the returned message */
    assert_int_equal(read_all("Content-Type: multipart/mixed; boundary=o\n\n"
                              "--o\nContent-Type: message/rfc822\n\n"
                              "Content-Type: multipart/report; boundary=i\n\n"
                              "--i\nContent-Type: message/delivery-status\n\n"
                              "Final-Recipient: rfc822; a@b\n--i--\n--o--\n",
                              &rep, &r),
                     DSN_ENOREPORT);
    assert_int_equal(dsn_report_next(&rep, &r), 0);
    assert_int_equal(read_all("", &rep, &r), DSN_ENOREPORT);
    /* a name that goes on past a known one with NUL bytes (found by
     * fuzz_report: the comparison read past "boundary") */
    {
        static const char nul[] = "Content-Type: multipart/mixed; "
                                  "boundary\0\0\0=x\n\n--x\n"
                                  "Content-Type: message/delivery-status\n\n"
                                  "Final-Recipient: rfc822; a@b\n";
        assert_int_equal(
            dsn_report_read(nul, sizeof nul - 1, scratch, sizeof scratch, &rep),
            DSN_ENOREPORT);
    }
    assert_int_equal(
        read_all(
            "Content-Type: message/delivery-status\n"
            "Content-Transfer-Encoding: x-uuencode\n\nFinal-Recipient: a\n",
            &rep, &r),
        DSN_EENCODING);
    assert_int_equal(dsn_report_read(NULL, 0, NULL, 0, &rep), DSN_ENOREPORT);
    assert_int_equal(dsn_report_read(NULL, 1, NULL, 0, &rep), DSN_EINVAL);
    assert_int_equal(dsn_report_read("", 0, NULL, 1, &rep), DSN_EINVAL);
    assert_int_equal(dsn_report_read("", 0, NULL, 0, NULL), DSN_EINVAL);
    assert_int_equal(dsn_report_next(NULL, &r), DSN_EINVAL);
    assert_int_equal(dsn_report_next(&rep, NULL), DSN_EINVAL);
    assert_int_equal(dsn_report_status(NULL, NULL), DSN_EINVAL);
}

/* A delivery-status part inside depth nested multiparts. */
static const char *nested(int depth)
{
    static char msg[64 * 1024];
    size_t n = 0;
    int i;
    for (i = 0; i < depth; i++) {
        if (i > 0)
            n += (size_t)sprintf(msg + n, "--b%d\n", i - 1);
        n += (size_t)sprintf(
            msg + n, "Content-Type: multipart/mixed; boundary=b%d\n\n", i);
    }
    sprintf(msg + n,
            "--b%d\nContent-Type: message/delivery-status\n\n"
            "Final-Recipient: rfc822; a@b\n",
            depth - 1);
    return msg;
}

/* A multipart/mixed of `empty` empty parts and a delivery-status part,
 * first or last. */
static const char *many_parts(int empty, int status_first)
{
    static const char status[] = "--p\nContent-Type: message/delivery-status"
                                 "\n\nFinal-Recipient: rfc822; a@b\n";
    static char msg[64 * 1024];
    size_t n =
        (size_t)sprintf(msg, "Content-Type: multipart/mixed; boundary=p\n\n%s",
                        status_first ? status : "");
    int i;
    for (i = 0; i < empty; i++)
        n += (size_t)sprintf(msg + n, "--p\n\n.\n");
    sprintf(msg + n, "%s--p--\n", status_first ? "" : status);
    return msg;
}

static void test_limits(void **state)
{
    dsn_report rep;
    dsn_report_recipient r;
    (void)state;
    /* nested one level deeper than the limit, the status part innermost;
     * one level less is read */
    assert_int_equal(read_all(nested(DSN_REPORT_DEPTH_MAX + 1), &rep, &r),
                     DSN_EMIMEDEPTH);
    assert_int_equal(read_all(nested(DSN_REPORT_DEPTH_MAX), &rep, &r), 1);
    /* more parts than the limit before the status part; the same with
     * the status part first: found */
    assert_int_equal(read_all(many_parts(DSN_REPORT_PARTS_MAX, 0), &rep, &r),
                     DSN_EMIMEPARTS);
    assert_int_equal(
        read_all(many_parts(DSN_REPORT_PARTS_MAX + 5, 1), &rep, &r), 1);
}

/* Every prefix of a message, in an exact-size heap copy: no read past the
 * end, and never a recipient that the whole message does not have. */
static void test_every_prefix(void **state)
{
    const char *texts[] = {postfix_lf, mixed};
    size_t t;
    (void)state;
    for (t = 0; t < sizeof texts / sizeof texts[0]; t++) {
        size_t len = strlen(texts[t]), cut;
        for (cut = 0; cut <= len; cut++) {
            char *copy = malloc(cut ? cut : 1);
            dsn_report rep;
            dsn_report_recipient r;
            int got, n = 0;
            assert_non_null(copy);
            memcpy(copy, texts[t], cut);
            if (dsn_report_read(copy, cut, scratch, sizeof scratch, &rep) ==
                DSN_OK) {
                while ((got = dsn_report_next(&rep, &r)) == 1) {
                    assert_true(r.final_recipient.len > 0 ||
                                r.original_recipient.len > 0);
                    n++;
                }
                assert_int_equal(got, 0);
            }
            assert_true(n <= 2);
            free(copy);
        }
    }
}

CMOCKA_MAIN({
    cmocka_unit_test(test_every_field_lf_and_crlf),
    cmocka_unit_test(test_liberal_fields),
    cmocka_unit_test(test_status_that_matters),
    cmocka_unit_test(test_nested_global_base64),
    cmocka_unit_test(test_quoted_printable_and_folds),
    cmocka_unit_test(test_scratch_for_folds_only),
    cmocka_unit_test(test_not_a_bounce),
    cmocka_unit_test(test_limits),
    cmocka_unit_test(test_every_prefix),
})
