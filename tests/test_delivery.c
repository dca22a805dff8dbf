/*
 * The delivery helpers: severity and Action of every code, the default
 * status mapping (each one registered, of the right class), the status of
 * parsed replies, and the RFC 3464 fields: exact bytes, cleaning, folding
 * (checked line by line for the 78 and 998 limits and for greediness),
 * the snprintf contract at every buffer size, every error, and a real
 * parser: Python's email package reads every field of a multipart/report
 * back, unfolded, equal to what went in (tests/rfc3464_check.py).
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "support/cmocka_main.h"
#include "support/not_utf8_cases.h"
#include "../src/hex.h"
#include "dsn.h"
#include "support/snprintf_check.h"

static void test_severity_and_action_of_every_code(void **state)
{
    int code;
    (void)state;
    for (code = -1000; code <= 1000; code++) {
        int sev = dsn_severity(code), act = dsn_action_of(code);
        int final = code >= 200 && code <= 599 && code / 100 != 3;
        if (!final) {
            assert_int_equal(sev, DSN_EBADCODE);
            assert_int_equal(act, DSN_EBADCODE);
            continue;
        }
        assert_int_equal(sev, code / 100);
        assert_int_equal(act, code < 300   ? DSN_ACTION_DELIVERED
                              : code < 500 ? DSN_ACTION_DELAYED
                                           : DSN_ACTION_FAILED);
    }
    assert_int_equal(dsn_severity(250), DSN_SEVERITY_SUCCESS);
    assert_int_equal(dsn_severity(421), DSN_SEVERITY_TRANSIENT);
    assert_int_equal(dsn_severity(571), DSN_SEVERITY_PERMANENT);
    assert_int_equal(dsn_severity(354), DSN_EBADCODE);
    assert_string_equal(dsn_severity_name(DSN_SEVERITY_SUCCESS), "success");
    assert_string_equal(dsn_severity_name(DSN_SEVERITY_TRANSIENT), "transient");
    assert_string_equal(dsn_severity_name(DSN_SEVERITY_PERMANENT), "permanent");
    assert_null(dsn_severity_name(0));
    assert_null(dsn_severity_name(3));
    assert_null(dsn_severity_name(DSN_EBADCODE));
    assert_string_equal(dsn_action_name(DSN_ACTION_FAILED), "failed");
    assert_string_equal(dsn_action_name(DSN_ACTION_DELAYED), "delayed");
    assert_string_equal(dsn_action_name(DSN_ACTION_DELIVERED), "delivered");
    assert_string_equal(dsn_action_name(DSN_ACTION_RELAYED), "relayed");
    assert_string_equal(dsn_action_name(DSN_ACTION_EXPANDED), "expanded");
    assert_null(dsn_action_name(0));
    assert_null(dsn_action_name(DSN_ACTION_EXPANDED + 1));
    assert_null(dsn_action_name(DSN_EBADCODE));
}

/* dsn_action_by_name() reads back every name dsn_action_name() writes, in
 * any case, and nothing else: no prefix, no longer word, no space, no NUL
 * inside the length, nothing past the length. */
static void test_action_by_name(void **state)
{
    static const struct {
        const char *s;
        size_t len;
        int want;
    } names[] = {
        {"FAILED", 6, DSN_ACTION_FAILED},
        {"Delayed", 7, DSN_ACTION_DELAYED},
        {"deLIVered", 9, DSN_ACTION_DELIVERED},
        {"relayedX", 7, DSN_ACTION_RELAYED}, /* the X is past len */
    };
    /* DSN_EINVAL, each of them */
    static const struct {
        const char *s;
        size_t len;
    } refused[] = {
        {"fail", 4},     {"failed", 5},        {"failedx", 7}, {" failed", 7},
        {"fail\0ed", 7}, {"f\xC3\xA4iled", 7}, {"bounced", 7}, {"", 0},
    };
    const char cut[6] = {'e', 'x', 'p', 'a', 'n', 'd'}; /* no NUL */
    size_t i;
    int a;
    (void)state;
    for (a = DSN_ACTION_FAILED; a <= DSN_ACTION_EXPANDED; a++) {
        const char *name = dsn_action_name(a);
        assert_int_equal(dsn_action_by_name(name, strlen(name)), a);
    }
    for (i = 0; i < sizeof names / sizeof names[0]; i++)
        assert_int_equal(dsn_action_by_name(names[i].s, names[i].len),
                         names[i].want);
    for (i = 0; i < sizeof refused / sizeof refused[0]; i++)
        assert_int_equal(dsn_action_by_name(refused[i].s, refused[i].len),
                         DSN_EINVAL);
    assert_int_equal(dsn_action_by_name(cut, sizeof cut), DSN_EINVAL);
    assert_int_equal(dsn_action_by_name(NULL, 0), DSN_EINVAL);
    assert_int_equal(dsn_action_by_name(NULL, 6), DSN_EINVAL);
}

/* default_status.def, expanded once more: each row as data. */
static const struct {
    int code, subject, detail;
} rows[] = {
#define DSN_DEFAULT_STATUS(code, subject, detail, meanings)                    \
    {code, subject, detail},
#include "default_status.def"
};
#define NROWS (sizeof rows / sizeof rows[0])

/* The registry's specific codes (detail not 0) that list code itself. */
static int specific_associations(int code)
{
    int i, n = 0, j;
    for (i = 0; i < DSN_REGISTRY_COUNT; i++) {
        const dsn_status_info *info = &dsn_registry[i];
        if (info->detail == 0)
            continue;
        for (j = 0; j < info->basic_count; j++)
            if (info->basic[j] == code)
                n++;
    }
    return n;
}

static void test_default_status_of_every_code(void **state)
{
    int code;
    size_t i, seen = 0;
    (void)state;
    for (code = -10; code <= 1000; code++) {
        dsn_status st = {-7, -7, -7};
        int r = dsn_default_status(code, &st);
        const dsn_status_info *info;
        if (code < 200 || code > 599 || code / 100 == 3) {
            assert_int_equal(r, DSN_EBADCODE);
            assert_int_equal(st.cls, -7); /* untouched */
            continue;
        }
        assert_int_equal(r, DSN_OK);
        assert_int_equal(st.cls, code / 100);
        for (i = 0; i < NROWS; i++)
            if (rows[i].code == code)
                break;
        if (i < NROWS) {
            assert_int_equal(st.subject, rows[i].subject);
            assert_int_equal(st.detail, rows[i].detail);
            seen++;
        } else {
            /* X.0.0 by class, as Postfix */
            assert_int_equal(st.subject, 0);
            assert_int_equal(st.detail, 0);
        }
        /* every status given is a registered, current code */
        info = dsn_describe(st.subject, st.detail);
        if (info == NULL || (info->flags & DSN_STATUS_DEPRECATED))
            fail_msg("%d -> %d.%d.%d: not a current registry code", code,
                     st.cls, st.subject, st.detail);
        if (st.subject == 0 && st.detail == 0)
            continue;
        /* a specific status: the registry ties it to this very code,
         * and ties no other specific status to it (one meaning) */
        if (!dsn_status_associated(info, code))
            fail_msg("%d -> %d.%d.%d: the registry does not list %d", code,
                     st.cls, st.subject, st.detail, code);
        if (specific_associations(code) > 1)
            fail_msg("%d has %d meanings in the registry: X.0.0", code,
                     specific_associations(code));
    }
    assert_int_equal(seen, NROWS);
    assert_int_equal(dsn_default_status(550, NULL), DSN_EINVAL);
}

static void test_default_status_the_issue_names(void **state)
{
    static const struct {
        int code, cls, subject, detail;
    } cases[] = {
        {421, 4, 4, 2},
        /* insufficient storage or too many recipients (RFC 5321
         * 4.5.3.1.10) */
        {452, 4, 0, 0},
        /* storage, message size (RFC 1870), too many recipients
         * (historic) */
        {552, 5, 0, 0},
        /* temporary authentication failure or TLS not available */
        {454, 4, 0, 0},
        {554, 5, 0, 0},
        {550, 5, 0, 0},
        {250, 2, 0, 0},
        {535, 5, 0, 0},
        {556, 5, 1, 10},
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        dsn_status st;
        assert_int_equal(dsn_default_status(cases[i].code, &st), DSN_OK);
        if (st.cls != cases[i].cls || st.subject != cases[i].subject ||
            st.detail != cases[i].detail)
            fail_msg("%d: %d.%d.%d", cases[i].code, st.cls, st.subject,
                     st.detail);
    }
}

static void test_reply_status(void **state)
{
    static const struct {
        const char *wire;
        int cls, subject, detail;
    } cases[] = {
        {"550 5.1.1 No such user\r\n", 5, 1, 1},
        {"421 mx.example.com Service not available\r\n", 4, 4, 2},
        {"452-4.2.2 Mailbox full\r\n452 4.2.2 try later\r\n", 4, 2, 2},
        /* storage, size (RFC 1870) or too many recipients: X.0.0 */
        {"552 Message size exceeds fixed limit\r\n", 5, 0, 0},
        {"250 OK\r\n", 2, 0, 0},
        {"550 #5.1.0 Address rejected\r\n", 5, 1, 0},
        /* a code of the wrong class is text, not the status */
        {"550 4.1.1 odd\r\n", 5, 0, 0},
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        dsn_parsed_reply r;
        dsn_slice lines[4];
        dsn_status st;
        size_t n = strlen(cases[i].wire);
        assert_int_equal(dsn_parse_reply(cases[i].wire, n, &r, lines, 4, NULL),
                         (int)n);
        assert_int_equal(dsn_reply_status(&r, &st), DSN_OK);
        if (st.cls != cases[i].cls || st.subject != cases[i].subject ||
            st.detail != cases[i].detail)
            fail_msg("%s: got %d.%d.%d", cases[i].wire, st.cls, st.subject,
                     st.detail);
    }
    {
        dsn_parsed_reply r;
        dsn_status st;
        memset(&r, 0, sizeof r);
        r.code = 354;
        assert_int_equal(dsn_reply_status(&r, &st), DSN_EBADCODE);
        assert_int_equal(dsn_reply_status(NULL, &st), DSN_EINVAL);
        assert_int_equal(dsn_reply_status(&r, NULL), DSN_EINVAL);
    }
}

/* ---- RFC 3464 fields ---- */

static size_t write_fields(const void *f, char *buf, size_t size)
{
    return dsn_status_fields(f, buf, size);
}

/* f's fields, the snprintf contract checked on the way. */
static const char *fields(const dsn_recipient_fields *f)
{
    static char out[8192];
    char *full = expect_snprintf_contract(write_fields, f);
    assert_true(strlen(full) > 0 && strlen(full) < sizeof out);
    strcpy(out, full);
    free(full);
    return out;
}

/* RFC 5322 unfolding: every CRLF followed by WSP is removed. */
static void unfold(const char *in, char *out)
{
    for (; *in != '\0'; in++) {
        if (in[0] == '\r' && in[1] == '\n' && (in[2] == ' ' || in[2] == '\t')) {
            in++;
            continue;
        }
        *out++ = *in;
    }
    *out = '\0';
}

/* Every line of out: ends in CRLF, no CR, LF or other control character
 * inside, at most 998 octets, at most 78 unless it is one word that could
 * not be broken, and not foldable earlier: a continuation line's first
 * word did not fit on the line before it. */
static void check_lines(const char *out)
{
    const char *line = out, *prev = NULL;
    size_t prev_len = 0;
    while (*line != '\0') {
        const char *eol = strstr(line, "\r\n"), *p;
        size_t len;
        assert_non_null(eol);
        len = (size_t)(eol - line);
        for (p = line; p < eol; p++) {
            unsigned char c = (unsigned char)*p;
            if (c < 0x20 || c == 0x7f)
                fail_msg("control character 0x%02x in: %.*s", c, (int)len,
                         line);
        }
        if (len > 998)
            fail_msg("line of %zu octets", len);
        if (line[0] == ' ') {
            /* a continuation: its first segment (spaces and a word) */
            size_t seg = 0;
            while (seg < len && line[seg] == ' ')
                seg++;
            assert_true(seg < len); /* never spaces only */
            while (seg < len && line[seg] != ' ')
                seg++;
            assert_non_null(prev);
            if (prev_len + seg <= DSN_FOLD_COLUMNS && seg < 998 - 1)
                fail_msg("folded too early: \"%.*s\" fits after \"%.*s\"",
                         (int)seg, line, (int)prev_len, prev);
            if (len > DSN_FOLD_COLUMNS && seg != len)
                fail_msg("line over 78 octets with a fold point: %.*s",
                         (int)len, line);
        } else if (len > DSN_FOLD_COLUMNS) {
            /* a first line: "Name: word" and nothing after */
            const char *colon = memchr(line, ':', len);
            assert_non_null(colon);
            assert_null(
                memchr(colon + 2, ' ', len - (size_t)(colon + 2 - line)));
        }
        prev = line;
        prev_len = len;
        line = eol + 2;
    }
}

static void expect_fields(const dsn_recipient_fields *f, const char *want)
{
    const char *out = fields(f);
    if (strcmp(out, want) != 0)
        fail_msg("got:\n%s\nwant:\n%s", out, want);
    check_lines(out);
}

static void test_fields_basic(void **state)
{
    dsn_recipient_fields f = DSN_RECIPIENT_FIELDS_INIT;
    dsn_status st;
    (void)state;
    f.final_recipient = "user@example.com";
    f.code = 550;
    f.status = &st;
    st = (dsn_status){5, 1, 1};
    f.remote_mta = "mx.example.com";
    f.diagnostic = "550 5.1.1 No such user";
    expect_fields(&f, "Final-Recipient: rfc822; user@example.com\r\n"
                      "Action: failed\r\n"
                      "Status: 5.1.1\r\n"
                      "Remote-MTA: dns; mx.example.com\r\n"
                      "Diagnostic-Code: smtp; 550 5.1.1 No such user\r\n");
    assert_int_equal(dsn_status_fields_check(&f), DSN_OK);

    /* only what is required; status and action from the code */
    f.remote_mta = NULL;
    f.diagnostic = NULL;
    f.status = NULL;
    f.code = 421;
    expect_fields(&f, "Final-Recipient: rfc822; user@example.com\r\n"
                      "Action: delayed\r\n"
                      "Status: 4.4.2\r\n");
    /* status alone */
    f.code = 0;
    f.status = &st;
    st = (dsn_status){2, 0, 0};
    expect_fields(&f, "Final-Recipient: rfc822; user@example.com\r\n"
                      "Action: delivered\r\n"
                      "Status: 2.0.0\r\n");
    /* three-digit subject and detail */
    st = (dsn_status){5, 999, 606};
    expect_fields(&f, "Final-Recipient: rfc822; user@example.com\r\n"
                      "Action: failed\r\n"
                      "Status: 5.999.606\r\n");
}

static void test_fields_every_field_in_order(void **state)
{
    static const dsn_status st_441 = {4, 4, 1}, st_200 = {2, 0, 0};
    static const struct {
        dsn_recipient_fields f;
        const char *want;
    } cases[] = {
        {{.original_recipient = "alias@example.org",
          .final_recipient = "user@example.com",
          .action = DSN_ACTION_FAILED, /* gave up on a transient failure */
          .code = 451,
          .status = &st_441,
          .remote_mta = "mx.example.com",
          .diagnostic = "451 4.4.1 No answer",
          .last_attempt_date = "Thu, 21 Nov 2024 10:00:00 +0000",
          .will_retry_until = "Fri, 22 Nov 2024 10:00:00 +0000"},
         "Original-Recipient: rfc822; alias@example.org\r\n"
         "Final-Recipient: rfc822; user@example.com\r\n"
         "Action: failed\r\n"
         "Status: 4.4.1\r\n"
         "Remote-MTA: dns; mx.example.com\r\n"
         "Diagnostic-Code: smtp; 451 4.4.1 No answer\r\n"
         "Last-Attempt-Date: Thu, 21 Nov 2024 10:00:00 +0000\r\n"
         "Will-Retry-Until: Fri, 22 Nov 2024 10:00:00 +0000\r\n"},
        /* empty optional strings leave their field out */
        {{.original_recipient = "",
          .final_recipient = "user@example.com",
          .action = DSN_ACTION_RELAYED,
          .code = 250,
          .status = &st_200,
          .remote_mta = " \r\n",
          .diagnostic = "\r\n",
          .last_attempt_date = "\t"},
         "Final-Recipient: rfc822; user@example.com\r\n"
         "Action: relayed\r\n"
         "Status: 2.0.0\r\n"},
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        expect_fields(&cases[i].f, cases[i].want);
}

static void test_fields_cleaning(void **state)
{
    static const char diag[] = "550 bad\0 byte\r\n";
    dsn_recipient_fields f = DSN_RECIPIENT_FIELDS_INIT;
    (void)state;
    /* CR, NUL and other controls removed, LF and HT a space, ends trimmed */
    f.final_recipient = "\r\n us\x01"
                        "er@exa\rmple.com\x7f\n";
    f.code = 550;
    f.remote_mta = "mx\r\nBcc: victim@example.net";
    f.diagnostic = "550-5.1.1 first line\r\n550 5.1.1 second\tline\r\n";
    expect_fields(&f, "Final-Recipient: rfc822; user@example.com\r\n"
                      "Action: failed\r\n"
                      "Status: 5.0.0\r\n"
                      "Remote-MTA: dns; mx Bcc: victim@example.net\r\n"
                      "Diagnostic-Code: smtp; 550-5.1.1 first line 550 5.1.1 "
                      "second line\r\n");
    /* diagnostic_len: a NUL inside is removed, never read past len */
    f.remote_mta = NULL;
    f.diagnostic = diag;
    f.diagnostic_len = sizeof diag - 1;
    expect_fields(&f, "Final-Recipient: rfc822; user@example.com\r\n"
                      "Action: failed\r\n"
                      "Status: 5.0.0\r\n"
                      "Diagnostic-Code: smtp; 550 bad byte\r\n");
    f.diagnostic_len = 7; /* "550 bad" */
    expect_fields(&f, "Final-Recipient: rfc822; user@example.com\r\n"
                      "Action: failed\r\n"
                      "Status: 5.0.0\r\n"
                      "Diagnostic-Code: smtp; 550 bad\r\n");
    /* runs of spaces inside are kept; a fold goes before the first one */
    f.diagnostic = "550 5.1.1  https://support.google.com/mail/?p=NoSuchUser";
    f.diagnostic_len = 0;
    expect_fields(&f, "Final-Recipient: rfc822; user@example.com\r\n"
                      "Action: failed\r\n"
                      "Status: 5.0.0\r\n"
                      "Diagnostic-Code: smtp; 550 5.1.1\r\n"
                      "  https://support.google.com/mail/?p=NoSuchUser\r\n");
}

static void test_fields_utf8_address(void **state)
{
    dsn_recipient_fields f = DSN_RECIPIENT_FIELDS_INIT;
    (void)state;
    f.original_recipient = "jos\xc3\xa9@example.com";
    f.final_recipient = "user@ex\xc3\xa4mple.com";
    f.code = 553; /* mailbox name not allowed, or non-ASCII: 5.0.0 */
    f.diagnostic = "553 5.6.7 \xe2\x80\x9cNon-ASCII\xe2\x80\x9d refused";
    /* message/delivery-status is ASCII: such an address cannot go in */
    assert_int_equal(dsn_status_fields_check(&f), DSN_ENOTASCII);
    f.flags = DSN_FIELDS_UTF8; /* message/global-delivery-status */
    expect_fields(&f, "Original-Recipient: utf-8; jos\xc3\xa9@example.com\r\n"
                      "Final-Recipient: utf-8; user@ex\xc3\xa4mple.com\r\n"
                      "Action: failed\r\n"
                      "Status: 5.0.0\r\n"
                      "Diagnostic-Code: smtp; 553 5.6.7 \xe2\x80\x9cNon-ASCII"
                      "\xe2\x80\x9d refused\r\n");
}

static const char gmail[] =
    "550-5.1.1 The email account that you tried to reach does not exist. "
    "Please try\r\n"
    "550-5.1.1 double-checking the recipient's email address for typos or\r\n"
    "550-5.1.1 unnecessary spaces. Learn more at\r\n"
    "550 5.1.1  https://support.google.com/mail/?p=NoSuchUser "
    "a1si1234567qkb.42 - gsmtp\r\n";

/* gmail, as a reader unfolds its Diagnostic-Code */
#define GMAIL_UNFOLDED                                                         \
    "smtp; 550-5.1.1 The email account that you tried to reach does not "      \
    "exist. Please try 550-5.1.1 double-checking the recipient's email "       \
    "address for typos or 550-5.1.1 unnecessary spaces. Learn more at "        \
    "550 5.1.1  https://support.google.com/mail/?p=NoSuchUser "                \
    "a1si1234567qkb.42 - gsmtp"

static void test_fields_folding(void **state)
{
    dsn_recipient_fields f = DSN_RECIPIENT_FIELDS_INIT;
    char unfolded[8192], want[8192];
    const char *out;
    (void)state;
    f.final_recipient = "user@example.com";
    f.code = 550;
    f.diagnostic = gmail;
    out = fields(&f);
    check_lines(out);
    /* the fold points are fixed by the 78 columns */
    assert_non_null(strstr(out, "\r\nDiagnostic-Code: smtp; 550-5.1.1 The "
                                "email account that you tried to reach\r\n"
                                " does not exist. Please try 550-5.1.1 "
                                "double-checking the recipient's email\r\n"
                                " address for typos or 550-5.1.1 unnecessary "
                                "spaces. Learn more at 550 5.1.1\r\n"
                                "  https://support.google.com/mail/"
                                "?p=NoSuchUser a1si1234567qkb.42 - gsmtp\r\n"));
    unfold(out, unfolded);
    snprintf(want, sizeof want,
             "Final-Recipient: rfc822; user@example.com\r\n"
             "Action: failed\r\nStatus: 5.0.0\r\n"
             "Diagnostic-Code: %s\r\n",
             GMAIL_UNFOLDED);
    assert_string_equal(unfolded, want);

    /* a field of exactly 78 octets is not folded, 79 is:
     * "Diagnostic-Code: smtp; 550 " is 27, then 48 x and " yy" */
    {
        static char d[128];
        memcpy(d, "550 ", 4);
        memset(d + 4, 'x', 48);
        strcpy(d + 52, " yy");
        f.diagnostic = d;
        out = fields(&f);
        assert_non_null(strstr(out, "xx yy\r\n"));
        assert_int_equal(strlen(strstr(out, "Diagnostic-Code")), 78 + 2);
        strcpy(d + 52, " yyy");
        out = fields(&f);
        assert_non_null(strstr(out, "xx\r\n yyy\r\n"));
        assert_int_equal(strlen(strstr(out, "Diagnostic-Code")), 75 + 2 + 6);
    }

    /* a long word stays whole on its own line; the fold is before it */
    f.diagnostic = "550 see https://example.com/"
                   "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
                   "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
                   " thanks";
    out = fields(&f);
    check_lines(out);
    assert_non_null(strstr(out, "smtp; 550 see\r\n https://example.com/aaa"));
    assert_non_null(strstr(out, "aaa\r\n thanks\r\n"));

    /* a long address: folded after its type, the only space */
    {
        char addr[200];
        memset(addr, 'a', 120);
        strcpy(addr + 120, "@example.com");
        f.final_recipient = addr;
        f.diagnostic = NULL;
        out = fields(&f);
        check_lines(out);
        assert_memory_equal(out, "Final-Recipient: rfc822;\r\n aaaa", 31);
        unfold(out, unfolded);
        assert_memory_equal(unfolded, "Final-Recipient: rfc822; aaaa", 29);
    }
}

/* An unbreakable word of 2500 octets made of `unit` repeated, written
 * with flags: each unit goes out as `becomes`; split at 998 octets only,
 * between characters when `becomes` is one. */
static void expect_split_word(const char *unit, const char *becomes,
                              unsigned flags, int whole_chars)
{
    static char word[3000], want[3000], unfolded[8192];
    dsn_recipient_fields f = DSN_RECIPIENT_FIELDS_INIT;
    size_t n = strlen(unit), i, splits = 0;
    const char *out, *p, *d;
    char *r, *w;
    assert_int_equal(strlen(becomes), n);
    memcpy(word, "550 ", 4);
    memcpy(want, "550 ", 4);
    for (i = 4; i + n < 2500; i += n) {
        memcpy(word + i, unit, n);
        memcpy(want + i, becomes, n);
    }
    word[i] = want[i] = '\0';
    f.final_recipient = "user@example.com";
    f.code = 550;
    f.diagnostic = word;
    f.flags = flags;
    out = fields(&f);
    check_lines(out);
    /* the fold before the word, then only splits: no break inside a
     * character, so each split is followed by the unit's first byte */
    if (whole_chars)
        for (p = strstr(out, "\r\n "); p != NULL; p = strstr(p + 1, "\r\n "))
            assert_int_equal(p[3], becomes[0]);
    /* the one case that adds to the input: unfolded, the word has a space
     * where each hard split was; without them it is the word again */
    unfold(out, unfolded);
    d = strstr(unfolded, "Diagnostic-Code: smtp; ");
    assert_non_null(d);
    d += strlen("Diagnostic-Code: smtp; ");
    for (r = w = (char *)d; *r != '\r'; r++) {
        if (r[0] == ' ' && r > d + 4) {
            splits++;
            continue;
        }
        *w++ = *r;
    }
    *w = '\0';
    assert_int_equal(splits, 2); /* 2500 octets in lines of 998 */
    assert_string_equal(d, want);
}

static void test_fields_over_998(void **state)
{
    (void)state;
    expect_split_word("\xc3\xa9", "\xc3\xa9", DSN_FIELDS_UTF8, 1);
    expect_split_word("\xe2\x82\xac", "\xe2\x82\xac", DSN_FIELDS_UTF8, 1);
    expect_split_word("\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80", DSN_FIELDS_UTF8,
                      1);
    expect_split_word("x", "x", 0, 1);
    /* not UTF-8: '?' each, in either form */
    expect_split_word("\x80", "?", DSN_FIELDS_UTF8, 1);
    expect_split_word("\xc3\xa9", "\?\?", 0, 1);
}

/* g must be rejected with err, and write nothing. */
static void expect_error(const dsn_recipient_fields *g, int err)
{
    char buf[64];
    assert_int_equal(dsn_status_fields_check(g), err);
    memset(buf, 'X', sizeof buf);
    assert_int_equal(dsn_status_fields(g, buf, sizeof buf), 0);
    assert_int_equal(buf[0], '\0');
    assert_int_equal(dsn_status_fields(g, NULL, 0), 0);
}

static void test_fields_errors(void **state)
{
    dsn_recipient_fields f = DSN_RECIPIENT_FIELDS_INIT, g;
    dsn_status st = {5, 1, 1}, g_st;
    (void)state;
    f.final_recipient = "user@example.com";
    f.code = 550;
    assert_int_equal(dsn_status_fields_check(&f), DSN_OK);
    assert_int_equal(dsn_status_fields_check(NULL), DSN_EINVAL);

    /* g is f with one change: a field of g, or of g_st, its status */
#define EXPECT_ERROR(change, err)                                              \
    do {                                                                       \
        g = f;                                                                 \
        g_st = st;                                                             \
        if (f.status != NULL)                                                  \
            g.status = &g_st;                                                  \
        change;                                                                \
        expect_error(&g, err);                                                 \
    } while (0)

    EXPECT_ERROR(g.final_recipient = NULL, DSN_EINVAL);
    EXPECT_ERROR(g.final_recipient = "", DSN_EINVAL);
    EXPECT_ERROR(g.final_recipient = " \r\n\t\x01", DSN_EINVAL);
    EXPECT_ERROR(g.code = 0, DSN_EINVAL); /* no status either */
    EXPECT_ERROR(g.code = 354, DSN_EBADCODE);
    EXPECT_ERROR(g.code = 600, DSN_EBADCODE);
    EXPECT_ERROR(g.code = -550, DSN_EBADCODE);
    EXPECT_ERROR(g.action = -1, DSN_EINVAL);
    EXPECT_ERROR(g.action = DSN_ACTION_EXPANDED + 1, DSN_EINVAL);
    EXPECT_ERROR(g.action = DSN_ACTION_DELIVERED, DSN_EBADCLASS);
    EXPECT_ERROR(g.action = DSN_ACTION_DELAYED, DSN_EBADCLASS);
    f.status = &st;
    EXPECT_ERROR(g_st.cls = 3, DSN_EBADSTATUS);
    EXPECT_ERROR(g_st.cls = 6, DSN_EBADSTATUS);
    EXPECT_ERROR(g_st.cls = 0, DSN_EBADSTATUS);
    EXPECT_ERROR(g_st.cls = -5, DSN_EBADSTATUS);
    /* the Status need not share the last reply's class (RFC 3464 ties
     * it to the Action): 550 with 4.1.1, failed, is accepted */
    g = f;
    g_st = st;
    g_st.cls = 4;
    g.status = &g_st;
    assert_int_equal(dsn_status_fields_check(&g), DSN_OK);
    /* the issue-15 fault: the class was multiplied before its check */
    EXPECT_ERROR(g_st.cls = 42949677, DSN_EBADSTATUS);
    EXPECT_ERROR(g_st.cls = 21474837, DSN_EBADSTATUS);
    EXPECT_ERROR(g_st.cls = -21474837, DSN_EBADSTATUS);
    EXPECT_ERROR(g_st.subject = 1000, DSN_EBADSTATUS);
    EXPECT_ERROR(g_st.subject = -1, DSN_EBADSTATUS);
    EXPECT_ERROR(g_st.detail = 1000, DSN_EBADSTATUS);
    EXPECT_ERROR(g_st.detail = -1, DSN_EBADSTATUS);
    assert_int_equal(dsn_status_fields_check(&f), DSN_OK);
    /* Action against the status class, without a code */
    f.code = 0;
    st.cls = 2;
    EXPECT_ERROR(g.action = DSN_ACTION_FAILED, DSN_EBADCLASS);
    EXPECT_ERROR(g.action = DSN_ACTION_DELAYED, DSN_EBADCLASS);
    st.cls = 5;
    EXPECT_ERROR(g.action = DSN_ACTION_RELAYED, DSN_EBADCLASS);
    EXPECT_ERROR(g.action = DSN_ACTION_EXPANDED, DSN_EBADCLASS);
    EXPECT_ERROR(g.action = DSN_ACTION_DELIVERED, DSN_EBADCLASS);
    st.cls = 4;
    g = f;
    g.action = DSN_ACTION_FAILED;
    assert_int_equal(dsn_status_fields_check(&g), DSN_OK);
#undef EXPECT_ERROR
}

/* A recipient expired after greylisting. RFC 3464 ties
 * the Status to the Action, not to the last reply's code. */
static void test_fields_greylisted_then_expired(void **state)
{
    static const char reply[] = "451 4.7.1 Greylisted, try again later";
    dsn_recipient_fields f = DSN_RECIPIENT_FIELDS_INIT;
    dsn_status st = {5, 4, 7};
    (void)state;
    f.final_recipient = "user@example.com";
    f.action = DSN_ACTION_FAILED;
    f.code = 451;
    f.status = &st;
    f.diagnostic = reply;
    expect_fields(&f, "Final-Recipient: rfc822; user@example.com\r\n"
                      "Action: failed\r\n"
                      "Status: 5.4.7\r\n"
                      "Diagnostic-Code: smtp; 451 4.7.1 Greylisted, try again "
                      "later\r\n");
    st.cls = 4; /* Postfix writes 4.4.7 */
    expect_fields(&f, "Final-Recipient: rfc822; user@example.com\r\n"
                      "Action: failed\r\n"
                      "Status: 4.4.7\r\n"
                      "Diagnostic-Code: smtp; 451 4.7.1 Greylisted, try again "
                      "later\r\n");
    /* without an action the code's applies: delayed, which 5.X.X does
     * not fit (RFC 3463 section 3.1) */
    st.cls = 5;
    f.action = 0;
    assert_int_equal(dsn_status_fields_check(&f), DSN_EBADCLASS);
}

/* Bytes that are not UTF-8 never go out as UTF-8. */
static void test_fields_bytes_not_utf8(void **state)
{
    size_t i;
    (void)state;
    for (i = 0; i < sizeof not_utf8_cases / sizeof not_utf8_cases[0]; i++) {
        dsn_recipient_fields f = DSN_RECIPIENT_FIELDS_INIT;
        char diagnostic[64], want[256];
        int form;
        snprintf(diagnostic, sizeof diagnostic, "550 %s", not_utf8_cases[i].in);
        f.final_recipient = "user@example.com";
        f.code = 550;
        f.diagnostic = diagnostic;
        for (form = 0; form < 2; form++) {
            f.flags = form ? DSN_FIELDS_UTF8 : 0u;
            snprintf(want, sizeof want,
                     "Final-Recipient: rfc822; user@example.com\r\n"
                     "Action: failed\r\nStatus: 5.0.0\r\n"
                     "Diagnostic-Code: smtp; 550 %s\r\n",
                     form ? not_utf8_cases[i].utf8 : not_utf8_cases[i].ascii);
            expect_fields(&f, want);
        }
    }
}

static void test_fields_address_bytes(void **state)
{
    dsn_recipient_fields f = DSN_RECIPIENT_FIELDS_INIT;
    (void)state;
    f.final_recipient = "user@example.com";
    f.code = 550;
    f.remote_mta = "mx.\xb7\xa2.example"; /* not an address: replaced */
    expect_fields(&f, "Final-Recipient: rfc822; user@example.com\r\n"
                      "Action: failed\r\nStatus: 5.0.0\r\n"
                      "Remote-MTA: dns; mx.\?\?.example\r\n");
    f.original_recipient = "\xb7\xa2@example.com";
    expect_error(&f, DSN_ENOTASCII);
    f.flags = DSN_FIELDS_UTF8;
    expect_error(&f, DSN_ENOTUTF8);
    f.original_recipient = NULL;
    f.final_recipient = "user\xc3@example.com";
    expect_error(&f, DSN_ENOTUTF8);
    f.flags = 0x2u; /* no such flag */
    f.final_recipient = "user@example.com";
    expect_error(&f, DSN_EINVAL);
}

/* ---- Python's email package reads it back ---- */

typedef struct rcpt_case {
    dsn_recipient_fields f;
    /* the fields a reader must find, in order, unfolded: "Name: value"
     * lines, CRLF each, as expect_fields() writes them */
    const char *want;
} rcpt_case;

static const dsn_status py_511 = {5, 1, 1}, py_567 = {5, 6, 7},
                        py_571 = {5, 7, 1}, py_200 = {2, 0, 0};
/* long words: a long address folded after its type, a long URL; filled
 * by fill_long_words() */
static char long_address[200], long_diagnostic[300], want_long[600];

static const rcpt_case py_cases[] = {
    {{.final_recipient = "user@example.com",
      .code = 550,
      .status = &py_511,
      .remote_mta = "mx.example.com",
      .diagnostic = "550 5.1.1 No such user"},
     "Final-Recipient: rfc822; user@example.com\r\n"
     "Action: failed\r\n"
     "Status: 5.1.1\r\n"
     "Remote-MTA: dns; mx.example.com\r\n"
     "Diagnostic-Code: smtp; 550 5.1.1 No such user\r\n"},
    {{.final_recipient = "someone.who.does.not.exist@gmail.com",
      .code = 550,
      .remote_mta = "gmail-smtp-in.l.google.com",
      .diagnostic = gmail},
     "Final-Recipient: rfc822; someone.who.does.not.exist@gmail.com\r\n"
     "Action: failed\r\n"
     "Status: 5.0.0\r\n"
     "Remote-MTA: dns; gmail-smtp-in.l.google.com\r\n"
     "Diagnostic-Code: " GMAIL_UNFOLDED "\r\n"},
    {{.original_recipient = "alias@example.org",
      .final_recipient = "user@example.com",
      .code = 421,
      .remote_mta = "mx\r\nBcc: victim@example.net",
      .diagnostic = "421 4.7.0 Try again later,\tclosing connection.\r\n",
      .last_attempt_date = "Thu, 21 Nov 2024 10:00:00 +0000",
      .will_retry_until = "Fri, 22 Nov 2024 10:00:00 +0000\n"},
     "Original-Recipient: rfc822; alias@example.org\r\n"
     "Final-Recipient: rfc822; user@example.com\r\n"
     "Action: delayed\r\n"
     "Status: 4.4.2\r\n"
     "Remote-MTA: dns; mx Bcc: victim@example.net\r\n"
     "Diagnostic-Code: smtp; 421 4.7.0 Try again later, closing connection.\r\n"
     "Last-Attempt-Date: Thu, 21 Nov 2024 10:00:00 +0000\r\n"
     "Will-Retry-Until: Fri, 22 Nov 2024 10:00:00 +0000\r\n"},
    {{.final_recipient = "jos\xc3\xa9@ex\xc3\xa4mple.com",
      .flags = DSN_FIELDS_UTF8,
      .code = 553,
      .status = &py_567,
      .diagnostic = "553 5.6.7 Non-ASCII addresses not permitted \xe2\x80\x94 "
                    "\xc3\xa9t\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e "
                    "words words words words words words words words"},
     "Final-Recipient: utf-8; jos\xc3\xa9@ex\xc3\xa4mple.com\r\n"
     "Action: failed\r\n"
     "Status: 5.6.7\r\n"
     "Diagnostic-Code: smtp; 553 5.6.7 Non-ASCII addresses not permitted "
     "\xe2\x80\x94 \xc3\xa9t\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e "
     "words words words words words words words words\r\n"},
    {{.final_recipient = long_address,
      .code = 550,
      .status = &py_571,
      .diagnostic = long_diagnostic},
     want_long},
    {{.final_recipient = "list@example.com",
      .action = DSN_ACTION_EXPANDED,
      .status = &py_200},
     "Final-Recipient: rfc822; list@example.com\r\n"
     "Action: expanded\r\n"
     "Status: 2.0.0\r\n"},
};

#define PY_COUNT (sizeof py_cases / sizeof py_cases[0])

static void fill_long_words(void)
{
    memset(long_address, 'a', 150);
    strcpy(long_address + 150, "@example.com");
    memcpy(long_diagnostic, "550 5.7.1 see https://example.com/", 34);
    memset(long_diagnostic + 34, 'b', 200);
    strcpy(long_diagnostic + 234, "  and   spaces  ");
    /* the address folded after its type, the diagnostic's trailing
     * spaces trimmed */
    snprintf(want_long, sizeof want_long,
             "Final-Recipient: rfc822; %s\r\n"
             "Action: failed\r\n"
             "Status: 5.7.1\r\n"
             "Diagnostic-Code: smtp; %.*s\r\n",
             long_address, 248, long_diagnostic);
    assert_non_null(strstr(want_long, "  and   spaces\r\n"));
}

/* Adds "name: value" and CRLF to text[0..size). */
static void add_field(char *text, size_t size, const char *name,
                      const char *value)
{
    size_t n = strlen(text);
    int w = snprintf(text + n, size - n, "%s: %s\r\n", name, value);
    assert_true(w >= 0 && (size_t)w < size - n);
}

/* Python's reading of case i's block and its source bytes unfolded are
 * the fields the case wants, all of them, in order. */
static void expect_read_back(size_t i, const char *parsed, const char *raw)
{
    assert_true(i < PY_COUNT);
    if (strcmp(parsed, py_cases[i].want) != 0 ||
        strcmp(raw, py_cases[i].want) != 0)
        fail_msg("case %zu:\npython:\n%sraw:\n%swant:\n%s", i, parsed, raw,
                 py_cases[i].want);
}

/* Decodes the hex of the script's output ("-" for empty) in place. */
static char *unhex(char *s)
{
    size_t i, n;
    if (strcmp(s, "-") == 0) {
        s[0] = '\0';
        return s;
    }
    n = strlen(s) / 2;
    for (i = 0; i < n; i++) {
        int hi = dsn_hex_value(s[2 * i], DSN_HEX_EITHER_CASE);
        int lo = dsn_hex_value(s[2 * i + 1], DSN_HEX_EITHER_CASE);
        if (hi < 0 || lo < 0)
            fail_msg("not hex: \"%s\"", s);
        s[i] = (char)(hi * 16 + lo);
    }
    s[n] = '\0';
    return s;
}

/* 1 when python3 with its email package runs here. */
static int have_python(void)
{
    FILE *p = popen("python3 -c 'import email.policy' 2>/dev/null", "r");
    return p != NULL && pclose(p) == 0;
}

static void test_python_reads_every_field_back(void **state)
{
    static char parsed_text[4096], raw_text[4096];
    char path[4096], cmd[8192], line[16384];
    const char *dir = getenv("DSN_BINARY_DIR"), *src = getenv("DSN_SOURCE_DIR");
    size_t i, block = 0;
    int fd, blocks_seen = 0;
    FILE *out, *py;
    (void)state;
    if (!have_python()) {
        if (getenv("CI") != NULL)
            fail_msg("python3 with its email package is required in CI");
        print_message("SKIPPED: python3 (with its email package) not found; "
                      "the RFC 3464 fields were not checked by a real "
                      "parser\n");
        skip();
    }
    fill_long_words();
    snprintf(path, sizeof path, "%s/test_delivery_XXXXXX",
             dir != NULL ? dir : "/tmp");
    fd = mkstemp(path);
    assert_true(fd >= 0);
    out = fdopen(fd, "wb");
    assert_non_null(out);
    fputs("From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\r\n"
          "To: sender@example.net\r\n"
          "Subject: Undelivered Mail Returned to Sender\r\n"
          "MIME-Version: 1.0\r\n"
          "Content-Type: multipart/report; report-type=delivery-status;\r\n"
          "\tboundary=\"=_libdsn_test\"\r\n"
          "\r\n"
          "--=_libdsn_test\r\n"
          "Content-Type: text/plain; charset=us-ascii\r\n"
          "\r\n"
          "Your message could not be delivered.\r\n"
          "--=_libdsn_test\r\n"
          "Content-Type: message/delivery-status\r\n"
          "\r\n"
          "Reporting-MTA: dns; mx.example.net\r\n",
          out);
    for (i = 0; i < PY_COUNT; i++) {
        const char *f = fields(&py_cases[i].f);
        check_lines(f);
        fputs("\r\n", out);
        fputs(f, out);
    }
    fputs("\r\n--=_libdsn_test--\r\n", out);
    assert_int_equal(fclose(out), 0);

    snprintf(cmd, sizeof cmd, "python3 '%s/tests/rfc3464_check.py' '%s' 2>&1",
             src != NULL ? src : ".", path);
    py = popen(cmd, "r");
    assert_non_null(py);
    while (fgets(line, sizeof line, py) != NULL) {
        char *name, *parsed, *raw;
        line[strcspn(line, "\n")] = '\0';
        if (strcmp(line, "BLOCK") == 0) {
            if (blocks_seen > 0)
                expect_read_back(block++, parsed_text, raw_text);
            blocks_seen++;
            parsed_text[0] = raw_text[0] = '\0';
            continue;
        }
        if (strncmp(line, "FIELD ", 6) != 0)
            fail_msg("rfc3464_check.py: %s", line);
        assert_true(blocks_seen > 0);
        name = strtok(line + 6, " ");
        parsed = strtok(NULL, " ");
        raw = strtok(NULL, " ");
        assert_non_null(raw);
        /* the email package's reading, and the source bytes unfolded */
        add_field(parsed_text, sizeof parsed_text, name, unhex(parsed));
        add_field(raw_text, sizeof raw_text, name, unhex(raw));
    }
    assert_int_equal(pclose(py), 0);
    assert_int_equal((size_t)blocks_seen, PY_COUNT);
    expect_read_back(block, parsed_text, raw_text);
    unlink(path);
}

CMOCKA_MAIN({
    cmocka_unit_test(test_severity_and_action_of_every_code),
    cmocka_unit_test(test_action_by_name),
    cmocka_unit_test(test_default_status_of_every_code),
    cmocka_unit_test(test_default_status_the_issue_names),
    cmocka_unit_test(test_reply_status),
    cmocka_unit_test(test_fields_basic),
    cmocka_unit_test(test_fields_every_field_in_order),
    cmocka_unit_test(test_fields_cleaning),
    cmocka_unit_test(test_fields_utf8_address),
    cmocka_unit_test(test_fields_greylisted_then_expired),
    cmocka_unit_test(test_fields_bytes_not_utf8),
    cmocka_unit_test(test_fields_address_bytes),
    cmocka_unit_test(test_fields_folding),
    cmocka_unit_test(test_fields_over_998),
    cmocka_unit_test(test_fields_errors),
    cmocka_unit_test(test_python_reads_every_field_back),
})
