/*
 * dsn_policy_action and dsn_policy_parse (dsn/policy.h): the Postfix policy
 * response for libdsn replies (one line, never a bare code, printable valid
 * UTF-8, short enough for Postfix's prefix) and the request parser.
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
#include "dsn/policy.h"
#include "support/snprintf_check.h"

/* dsn_policy_action as the contract check wants a writer: a response
 * always, never an error. */
static size_t write_action(const void *r, char *buf, size_t size)
{
    int n = dsn_policy_action((const dsn_reply *)r, buf, size);
    assert_true(n > 0);
    return (size_t)n;
}

/* The response for r, checked against the snprintf contract on the way. */
static const char *action_of(dsn_reply r)
{
    static char buf[DSN_POLICY_ACTION_MAX];
    char *full = expect_snprintf_contract(write_action, &r);
    assert_true(strlen(full) < sizeof buf);
    strcpy(buf, full);
    free(full);
    return buf;
}

static void test_one_line_reply(void **state)
{
    (void)state;
    assert_string_equal(action_of(dsn_no_such_user(NULL, 0)),
                        "action=550 5.1.1 No such user\n\n");
    assert_string_equal(action_of(dsn_mbox_full("Mailbox full", 452)),
                        "action=452 4.2.2 Mailbox full\n\n");
    /* no enhanced code in the reply: X.0.0, never one taken from the text */
    assert_string_equal(action_of(dsn_basic(554, "4.2.2 is not the code")),
                        "action=554 5.0.0 4.2.2 is not the code\n\n");
}

/* A reply that has an enhanced code but is not to show it on the wire
 * (DSN_FMT_NO_ENHANCED): Postfix writes one anyway, so the reply's own
 * goes out, as the OpenSMTPD and Exim writers write it; not X.0.0. */
static void test_no_enhanced_keeps_the_status(void **state)
{
    dsn_reply r = dsn_no_such_user(NULL, 0);
    (void)state;
    r.flags |= DSN_FMT_NO_ENHANCED;
    assert_string_equal(action_of(r), "action=550 5.1.1 No such user\n\n");
    r.subject = 1000; /* written now, so checked now */
    assert_int_equal(dsn_policy_action(&r, NULL, 0), DSN_EBADSTATUS);
}

static void test_lines_joined_by_one_space(void **state)
{
    (void)state;
    assert_string_equal(
        action_of(dsn_sec_unauthorized("first\nsecond\n\n\r\nthird", 0)),
        "action=550 5.7.1 first second third\n\n");
    /* empty lines at either end leave no space */
    assert_string_equal(action_of(dsn_no_such_user("\n\nonly\n\n", 0)),
                        "action=550 5.1.1 only\n\n");
}

static void test_never_a_bare_code(void **state)
{
    (void)state;
    /* a text of control characters only: the reply's fallback */
    assert_string_equal(action_of(dsn_no_such_user("\r\n\t\x7f", 0)),
                        "action=550 5.1.1 No such user\n\n");
    /* no fallback, no text: the row of the code, then X.0.0's */
    assert_string_equal(action_of(dsn_create(550, "\n", 1, 1)),
                        "action=550 5.1.1 Bad destination mailbox address\n\n");
    assert_string_equal(action_of(dsn_create(550, NULL, 9, 9)),
                        "action=550 5.9.9 Other undefined status\n\n");
    assert_string_equal(action_of(dsn_basic(450, NULL)),
                        "action=450 4.0.0 Other undefined status\n\n");
}

static void test_printable_utf8(void **state)
{
    dsn_reply r = dsn_no_such_user("caf\xc3\xa9 \xff", 0);
    (void)state;
    /* DSN_FMT_ASCII: 7-bit, every byte >= 0x80 a '?' */
    r.flags |= DSN_FMT_ASCII;
    assert_string_equal(action_of(r), "action=550 5.1.1 caf?? ?\n\n");
    /* controls go; each byte outside a valid UTF-8 character is '?':
     * a lone continuation, a cut sequence, an overlong '/', a surrogate
     * and a code point above U+10FFFF */
    assert_string_equal(
        action_of(dsn_no_such_user("caf\xc3\xa9\t|\x80|\xc3|\xc0\xaf|"
                                   "\xed\xa0\x80|\xf4\x90\x80\x80|"
                                   "\xf0\x9f\x93\xab\x01",
                                   0)),
        "action=550 5.1.1 caf\xc3\xa9|?|?|??|???|????|\xf0\x9f\x93\xab\n\n");
}

/* The line Postfix sends for a response: its longest prefix included. */
static size_t postfix_line_length(const char *action)
{
    /* "action=" off, "\n\n" off; "550 5.1.1 " stays; prefix and CRLF on */
    return strlen(action) - 7 - 2 + DSN_POLICY_PREFIX_MAX + 2;
}

static void test_cut_to_fit_postfix_prefix(void **state)
{
    char text[1200];
    const char *a;
    size_t i;
    (void)state;
    /* words: cut before a space, "..." after */
    for (i = 0; i + 5 < sizeof text; i += 5)
        memcpy(text + i, "word ", 5);
    text[i] = '\0';
    a = action_of(dsn_no_such_user(text, 0));
    /* 209 octets of words, "...": 212 of the 214 the budget allows */
    assert_int_equal(strlen(a), 7 + 10 + 212 + 2);
    assert_int_equal(postfix_line_length(a), DSN_LINE_MAX - 2);
    assert_non_null(strstr(a, " word word...\n\n"));
    /* no space: cut between characters, never inside one */
    for (i = 0; i + 2 < sizeof text; i += 2)
        memcpy(text + i, "\xc3\xa9", 2);
    text[i] = '\0';
    a = action_of(dsn_no_such_user(text, 0));
    assert_int_equal(postfix_line_length(a), DSN_LINE_MAX - 1);
    assert_non_null(strstr(a, "\xc3\xa9...\n\n"));
    /* a longer status leaves less text */
    a = action_of(dsn_create(550, text, 999, 999));
    assert_int_equal(strlen(a), 7 + 14 + 206 + 3 + 2);
    assert_int_equal(postfix_line_length(a), DSN_LINE_MAX - 1);
    /* exactly the budget: no cut */
    memset(text, 'a', 214);
    text[214] = '\0';
    a = action_of(dsn_no_such_user(text, 0));
    assert_null(strstr(a, "..."));
    assert_int_equal(postfix_line_length(a), DSN_LINE_MAX);
    text[214] = 'b';
    text[215] = '\0';
    a = action_of(dsn_no_such_user(text, 0));
    assert_non_null(strstr(a, "a...\n\n"));
    assert_int_equal(postfix_line_length(a), DSN_LINE_MAX);
}

static void test_every_row(void **state)
{
    int id;
    (void)state;
    for (id = 0; id < (int)DSN_ID_COUNT; id++) {
        dsn_reply r = dsn_from_id(id, NULL, 0);
        char buf[DSN_POLICY_ACTION_MAX];
        int n = dsn_policy_action(&r, buf, sizeof buf);
        if (r.code / 100 == 2) {
            assert_int_equal(n, DSN_EREJECTCODE);
            continue;
        }
        assert_true(n > 0);
        /* one line, then the empty line: no other LF, no control */
        assert_int_equal(strcspn(buf, "\n"), (size_t)n - 2);
        assert_string_equal(buf + n - 2, "\n\n");
        assert_true(postfix_line_length(buf) <= DSN_LINE_MAX);
    }
}

static void test_errors(void **state)
{
    dsn_reply r;
    char buf[16];
    (void)state;
    r = dsn_create(250, "fine", 0, 0);
    memset(buf, 'x', sizeof buf);
    assert_int_equal(dsn_policy_action(&r, buf, sizeof buf), DSN_EREJECTCODE);
    assert_string_equal(buf, "");
    r = dsn_basic(354, "go on");
    assert_int_equal(dsn_policy_action(&r, buf, sizeof buf), DSN_EREJECTCODE);
    r = dsn_create(550, "x", 1000, 0);
    assert_int_equal(dsn_policy_action(&r, buf, sizeof buf), DSN_EBADSTATUS);
    r = dsn_no_such_user(NULL, 0);
    r.cls = 4;
    assert_int_equal(dsn_policy_action(&r, buf, sizeof buf), DSN_EBADCLASS);
    assert_int_equal(dsn_policy_action(NULL, buf, sizeof buf), DSN_EINVAL);
    assert_int_equal(dsn_policy_action(NULL, NULL, 0), DSN_EINVAL);
}

/* SMTPD_POLICY_README's example request, with a name Postfix 3.7 lacks. */
static const char request[] = "request=smtpd_access_policy\n"
                              "protocol_state=RCPT\n"
                              "protocol_name=SMTP\n"
                              "helo_name=some.domain.tld\n"
                              "queue_id=8045F2AB23\n"
                              "sender=foo@bar.tld\n"
                              "recipient=bar@foo.tld\n"
                              "recipient_count=0\n"
                              "client_address=1.2.3.4\n"
                              "client_name=another.domain.tld\n"
                              "reverse_client_name=another.domain.tld\n"
                              "instance=123.456.7\n"
                              "sasl_method=\n"
                              "x_future_attribute=a=b\n"
                              "ccert_subject=CN=x\ty\n"
                              "\n";

/* Every attribute of a request, in DSN_POLICY_ATTR_MAP's order. */
#define POLICY_FIELD_(name) SLICE_FIELD(dsn_policy_request, name),
static const slice_field policy_fields[] = {DSN_POLICY_ATTR_MAP(POLICY_FIELD_)};
#undef POLICY_FIELD_

/* A copy of s[0..n) in a buffer of exactly n bytes, for the sanitizers. */
static char *exact(const char *s, size_t n)
{
    char *p = malloc(n > 0 ? n : 1);
    assert_non_null(p);
    memcpy(p, s, n);
    return p;
}

/* The request's lines without its unknown attribute and its empty line. */
static const char *known_attributes(char *out)
{
    static const char unknown[] = "x_future_attribute=a=b\n";
    const char *at = strstr(request, unknown);
    size_t before, after;
    assert_non_null(at);
    before = (size_t)(at - request);
    /* what follows it, but the LF of the empty line */
    after = sizeof request - 1 - before - (sizeof unknown - 1) - 1;
    memcpy(out, request, before);
    memcpy(out + before, at + sizeof unknown - 1, after);
    out[before + after] = '\0';
    return out;
}

static void test_parse_request(void **state)
{
    char want[sizeof request];
    dsn_policy_request q;
    size_t len = sizeof request - 1;
    char *buf = exact(request, len);
    (void)state;
    assert_int_equal(dsn_policy_parse(buf, len, &q), (int)len);
    /* every attribute read back as sent, in the request's order (Postfix's,
     * which DSN_POLICY_ATTR_MAP follows), but the one Postfix 3.7 lacks;
     * not sent is NULL (sasl_username), unlike sent and empty (sasl_method) */
    EXPECT_SLICE_FIELDS(&q, policy_fields, known_attributes(want));
    expect_slice(q.sasl_method, "");
    expect_slice(q.sasl_username, NULL);
    assert_int_equal(q.attributes, 15);
    free(buf);
}

static void test_parse_incomplete_then_next(void **state)
{
    char two[2 * sizeof request];
    dsn_policy_request q;
    size_t len = sizeof request - 1, n;
    (void)state;
    /* every cut before the empty line: read more */
    for (n = 0; n < len; n++) {
        char *buf = exact(request, n);
        assert_int_equal(dsn_policy_parse(buf, n, &q), DSN_EINCOMPLETE);
        free(buf);
    }
    /* two requests back to back: one at a time */
    memcpy(two, request, len);
    memcpy(two + len, "recipient=x@y\n\n", 15);
    assert_int_equal(dsn_policy_parse(two, len + 15, &q), (int)len);
    assert_int_equal(dsn_policy_parse(two + len, 15, &q), 15);
    expect_slice(q.recipient, "x@y");
    expect_slice(q.sender, NULL);
    assert_int_equal(q.attributes, 1);
    /* an empty request: no attribute at all */
    assert_int_equal(dsn_policy_parse("\n", 1, &q), 1);
    assert_int_equal(q.attributes, 0);
}

static void test_parse_errors(void **state)
{
    static const struct {
        const char *in;
        size_t len; /* 0: strlen(in) */
        int err;
    } bad[] = {
        {"sender\n\n", 0, DSN_EPOLICYSYNTAX},
        {"=x\n\n", 0, DSN_EPOLICYSYNTAX},
        {"sender=a\r\n\r\n", 0, DSN_EPOLICYCTRL},
        {"sender=a\0b\n\n", 12, DSN_EPOLICYCTRL},
        {"sender=a\x7f\n\n", 0, DSN_EPOLICYCTRL},
        {"sender=a\nsender=b\n\n", 0, DSN_EPOLICYDUP},
        {"sender=\nrecipient=x\nsender=\n\n", 0, DSN_EPOLICYDUP},
    };
    dsn_policy_request q;
    size_t i;
    char *big;
    (void)state;
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        size_t n = bad[i].len > 0 ? bad[i].len : strlen(bad[i].in);
        assert_int_equal(dsn_policy_parse(bad[i].in, n, &q), bad[i].err);
    }
    /* an unknown name given twice is no error: it is ignored */
    assert_int_equal(dsn_policy_parse("x=1\nx=2\n\n", 9, &q), 9);
    /* no end within DSN_POLICY_REQUEST_MAX: too big, not incomplete */
    big = malloc(DSN_POLICY_REQUEST_MAX + 2);
    assert_non_null(big);
    memset(big, 'a', DSN_POLICY_REQUEST_MAX + 2);
    memcpy(big, "sender=", 7);
    assert_int_equal(dsn_policy_parse(big, DSN_POLICY_REQUEST_MAX - 1, &q),
                     DSN_EINCOMPLETE);
    assert_int_equal(dsn_policy_parse(big, DSN_POLICY_REQUEST_MAX, &q),
                     DSN_EPOLICYSIZE);
    /* the end just inside the limit is found */
    big[DSN_POLICY_REQUEST_MAX - 2] = '\n';
    big[DSN_POLICY_REQUEST_MAX - 1] = '\n';
    assert_int_equal(dsn_policy_parse(big, DSN_POLICY_REQUEST_MAX + 2, &q),
                     DSN_POLICY_REQUEST_MAX);
    assert_int_equal(q.sender.len, DSN_POLICY_REQUEST_MAX - 9);
    free(big);
    assert_int_equal(dsn_policy_parse(NULL, 0, &q), DSN_EINVAL);
    assert_int_equal(dsn_policy_parse("\n", 1, NULL), DSN_EINVAL);
}

static void test_error_names(void **state)
{
    (void)state;
    assert_string_equal(dsn_err_name(DSN_EREJECTCODE), "EREJECTCODE");
    assert_string_equal(dsn_err_name(DSN_EPOLICYSIZE), "EPOLICYSIZE");
    assert_true(DSN_EREJECTCODE <= -60 && DSN_EREJECTCODE >= -69);
    assert_true(DSN_EPOLICYSYNTAX <= -60 && DSN_EPOLICYSYNTAX >= -69);
    assert_true(DSN_EPOLICYCTRL <= -60 && DSN_EPOLICYCTRL >= -69);
    assert_true(DSN_EPOLICYDUP <= -60 && DSN_EPOLICYDUP >= -69);
    assert_true(DSN_EPOLICYSIZE <= -60 && DSN_EPOLICYSIZE >= -69);
}

CMOCKA_MAIN({
    cmocka_unit_test(test_one_line_reply),
    cmocka_unit_test(test_no_enhanced_keeps_the_status),
    cmocka_unit_test(test_lines_joined_by_one_space),
    cmocka_unit_test(test_never_a_bare_code),
    cmocka_unit_test(test_printable_utf8),
    cmocka_unit_test(test_cut_to_fit_postfix_prefix),
    cmocka_unit_test(test_every_row),
    cmocka_unit_test(test_errors),
    cmocka_unit_test(test_parse_request),
    cmocka_unit_test(test_parse_incomplete_then_next),
    cmocka_unit_test(test_parse_errors),
    cmocka_unit_test(test_error_names),
})
