/*
 * dsn_format: overrides, codes, multi-line, sanitising, the no-enhanced and
 * text variants, and bad input. Wrapping is in test_wrap.c.
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include <cmocka.h>

#include "support/cmocka_main.h"
#include "support/not_utf8_cases.h"
#include "support/expect_reply.h"

static void test_default_and_overrides(void **state)
{
    dsn_reply r;
    (void)state;
    r = dsn_no_such_user(NULL, 0);
    expect_reply(r, "550 5.1.1 No such user\r\n");
    r = dsn_no_such_user("", 0);
    expect_reply(r, "550 5.1.1 No such user\r\n");
    r = dsn_mbox_full("Mailbox full, try later", 452);
    expect_reply(r, "452 4.2.2 Mailbox full, try later\r\n");
    r = dsn_addr_rcpt_ok(NULL, 0);
    expect_reply(r, "250 2.1.5 Destination address valid\r\n");
    r = dsn_auth_succeeded(NULL, 0);
    expect_reply(r, "235 2.7.0 Authentication Succeeded\r\n");
    r = dsn_addr_null_mx(NULL, 0);
    expect_reply(r, "556 5.1.10 Recipient address has null MX\r\n");
    r = dsn_relaying_denied("é 日本 😀", 554);
    expect_reply(r, "554 5.7.1 é 日本 😀\r\n");
}

/* Only [245][0-5][0-9] replaces the default; anything else is ignored. */
static void test_codes(void **state)
{
    static const int taken[] = {200, 259, 400, 421, 459, 500, 559};
    static const int ignored[] = {INT_MIN, -550, -1,   0,    1,    199,    260,
                                  299,     300,  354,  399,  460,  560,    599,
                                  600,     999,  1000, 2500, 5500, INT_MAX};
    size_t i;
    char want[64];
    (void)state;
    for (i = 0; i < sizeof taken / sizeof taken[0]; i++) {
        dsn_reply r = dsn_no_such_user(NULL, taken[i]);
        snprintf(want, sizeof want, "%d %d.1.1 No such user\r\n", taken[i],
                 taken[i] / 100);
        expect_reply(r, want);
        assert_int_equal(r.cls, taken[i] / 100);
    }
    for (i = 0; i < sizeof ignored / sizeof ignored[0]; i++) {
        dsn_reply r = dsn_no_such_user(NULL, ignored[i]);
        expect_reply(r, "550 5.1.1 No such user\r\n");
    }
}

/* Texts of several lines, and control characters: they go, so that a
 * client cannot be handed a forged reply line. dsn_no_such_user's text
 * and the reply it must give. */
static void test_lines_and_control_characters(void **state)
{
    static const char *const cases[][2] = {
        {"first\nsecond", "550-5.1.1 first\r\n550 5.1.1 second\r\n"},
        {"line one\nline two\nline three",
         "550-5.1.1 line one\r\n550-5.1.1 line two\r\n"
         "550 5.1.1 line three\r\n"},
        /* empty lines are dropped, wherever they are */
        {"\na\n\n\nb\n", "550-5.1.1 a\r\n550 5.1.1 b\r\n"},
        {"\n\n\n", "550 5.1.1 No such user\r\n"},
        /* spaces are text: a line of spaces stays */
        {"a\n \nb", "550-5.1.1 a\r\n550-5.1.1  \r\n550 5.1.1 b\r\n"},
        /* control characters */
        {"ok\r\n250 2.0.0 forged",
         "550-5.1.1 ok\r\n550 5.1.1 250 2.0.0 forged\r\n"},
        {"a\rb\tc\x01\x1f\x7f"
         "d",
         "550 5.1.1 abcd\r\n"},
        {"\r\t\x7f", "550 5.1.1 No such user\r\n"},
        {"\r\nx\n\x1b", "550 5.1.1 x\r\n"},
        /* bytes that are not UTF-8 never go out: '?' each */
        {"\x80\xff\xc3", "550 5.1.1 ?\?\?\r\n"},
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        dsn_reply r = dsn_no_such_user(cases[i][0], 0);
        expect_reply(r, cases[i][1]);
    }
}

/* Well-formed UTF-8 passes, any other byte >= 0x80 is
 * '?'; DSN_FMT_ASCII keeps the reply 7-bit for a client without
 * SMTPUTF8. One byte is one byte either way (tests/support/not_utf8_cases.h,
 * which the delivery-status fields are held to as well). */
static void test_eight_bit(void **state)
{
    size_t i;
    (void)state;
    for (i = 0; i < sizeof not_utf8_cases / sizeof not_utf8_cases[0]; i++) {
        dsn_reply r = dsn_no_such_user(not_utf8_cases[i].in, 0);
        char want[128];
        snprintf(want, sizeof want, "550 5.1.1 %s\r\n", not_utf8_cases[i].utf8);
        expect_reply_ex(&r, 0, want);
        snprintf(want, sizeof want, "550 5.1.1 %s\r\n",
                 not_utf8_cases[i].ascii);
        expect_reply_ex(&r, DSN_FMT_ASCII, want);
        r.flags = DSN_FMT_ASCII; /* a reply that is always 7-bit */
        expect_reply_ex(&r, 0, want);
        snprintf(want, sizeof want, "5.1.1 %s", not_utf8_cases[i].ascii);
        expect_reply_ex(&r, DSN_FMT_TEXT, want);
    }
}

/* RFC 2034: no enhanced code in the greeting, EHLO replies and 3xx. */
static void test_no_enhanced(void **state)
{
    dsn_reply r;
    (void)state;
    r = dsn_no_such_user(NULL, 0);
    expect_reply_ex(&r, DSN_FMT_NO_ENHANCED, "550 No such user\r\n");
    r = dsn_no_such_user("a\nb", 0);
    expect_reply_ex(&r, DSN_FMT_NO_ENHANCED, "550-a\r\n550 b\r\n");
    r = dsn_basic(354, "End data with <CR><LF>.<CR><LF>");
    expect_reply(r, "354 End data with <CR><LF>.<CR><LF>\r\n");
    r = dsn_basic(220, "mx.example.com ESMTP ready");
    expect_reply(r, "220 mx.example.com ESMTP ready\r\n");
    r = dsn_basic(250, "mx.example.com\nPIPELINING\nENHANCEDSTATUSCODES");
    expect_reply(r, "250-mx.example.com\r\n250-PIPELINING\r\n"
                    "250 ENHANCEDSTATUSCODES\r\n");
    /* RFC 5321 4.2: the text is optional */
    r = dsn_basic(354, NULL);
    expect_reply(r, "354\r\n");
    r = dsn_basic(221, "\r\n");
    expect_reply(r, "221\r\n");
    /* the flag leaves it out of text replies too */
    r = dsn_no_such_user("a\nb", 0);
    expect_reply_ex(&r, DSN_FMT_NO_ENHANCED | DSN_FMT_TEXT, "a\nb");
}

/* haraka-dsn's reply / toString(): no code, no CRLF, lines joined by \n. */
static void test_text_variant(void **state)
{
    char buf[128];
    dsn_reply r;
    (void)state;
    r = dsn_no_such_user(NULL, 0);
    expect_reply_ex(&r, DSN_FMT_TEXT, "5.1.1 No such user");
    assert_int_equal(dsn_text(&r, buf, sizeof buf), 18);
    assert_string_equal(buf, "5.1.1 No such user");
    r = dsn_no_such_user("a\n\nb\r", 0);
    expect_reply_ex(&r, DSN_FMT_TEXT, "5.1.1 a\n5.1.1 b");
    r = dsn_create(550, NULL, 9, 9);
    expect_reply_ex(&r, DSN_FMT_TEXT, "5.9.9 ");
}

static void test_bad_input(void **state)
{
    char buf[32];
    dsn_reply r = dsn_no_such_user(NULL, 0);
    (void)state;
    /* NULL reply: nothing, 0 */
    memset(buf, 'x', sizeof buf);
    assert_int_equal(dsn_format(NULL, buf, sizeof buf), 0);
    assert_string_equal(buf, "");
    assert_int_equal(dsn_format(NULL, NULL, 0), 0);
    assert_int_equal(dsn_text(NULL, buf, sizeof buf), 0);
    /* NULL buf with a size measures */
    assert_int_equal(dsn_format(&r, NULL, 100), 24);
    /* hand-made replies that break the rules format to nothing */
    r.code = 354;
    assert_int_equal(dsn_reply_check(&r, 0), DSN_EBADCODE);
    assert_int_equal(dsn_format(&r, buf, sizeof buf), 0);
    assert_string_equal(buf, "");
    assert_int_equal(dsn_reply_check(&r, DSN_FMT_NO_ENHANCED), DSN_OK);
    r = dsn_no_such_user(NULL, 0);
    r.cls = 4;
    assert_int_equal(dsn_reply_check(&r, 0), DSN_EBADCLASS);
    assert_int_equal(dsn_format(&r, buf, sizeof buf), 0);
    r = dsn_no_such_user(NULL, 0);
    r.detail = 1000;
    assert_int_equal(dsn_reply_check(&r, 0), DSN_EBADSTATUS);
    assert_int_equal(dsn_format(&r, buf, sizeof buf), 0);
    r.detail = INT_MIN;
    assert_int_equal(dsn_format(&r, buf, sizeof buf), 0);
    r = dsn_no_such_user(NULL, 0);
    r.msg = r.fallback = NULL;
    expect_reply(r, "550 5.1.1 \r\n");
    /* an id out of range */
    r = dsn_from_id(-1, NULL, 0);
    assert_int_equal(dsn_reply_check(&r, 0), DSN_EBADCODE);
    r = dsn_from_id(DSN_ID_COUNT, "x", 550);
    assert_int_equal(dsn_format(&r, buf, sizeof buf), 0);
    /* dsn_basic codes: [2-5][0-5][0-9] */
    r = dsn_basic(600, "x");
    assert_int_equal(dsn_format(&r, buf, sizeof buf), 0);
    r = dsn_basic(-354, "x");
    assert_int_equal(dsn_format(&r, buf, sizeof buf), 0);
    r = dsn_basic(199, "x");
    assert_int_equal(dsn_reply_check(&r, 0), DSN_EBADCODE);
}

static void test_errors_have_names(void **state)
{
    (void)state;
    assert_string_equal(dsn_err_name(DSN_OK), "OK");
    assert_string_equal(dsn_err_name(DSN_EBADCODE), "EBADCODE");
    assert_string_equal(dsn_err_name(DSN_EBADSTATUS), "EBADSTATUS");
    assert_string_equal(dsn_err_name(12345), "unknown error");
    assert_string_equal(dsn_strerror(-12345), "unknown error");
    assert_string_equal(dsn_strerror(DSN_OK), "success");
    assert_true(strlen(dsn_strerror(DSN_EBADCLASS)) > 10);
}

CMOCKA_MAIN({
    cmocka_unit_test(test_default_and_overrides),
    cmocka_unit_test(test_codes),
    cmocka_unit_test(test_lines_and_control_characters),
    cmocka_unit_test(test_eight_bit),
    cmocka_unit_test(test_no_enhanced),
    cmocka_unit_test(test_text_variant),
    cmocka_unit_test(test_bad_input),
    cmocka_unit_test(test_errors_have_names),
})
