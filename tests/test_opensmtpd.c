/*
 * dsn/opensmtpd.h: the filter result line OpenSMTPD 6.8 reads: one line
 * ended by LF alone, replies joined, the 2047-octet cut, 421 disconnects,
 * snprintf's contract and the errors.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "support/cmocka_main.h"
#include "dsn/opensmtpd.h"
#include "support/snprintf_check.h"
#include "support/xorshift.h"

typedef struct line_case {
    uint64_t reqid, token;
    const dsn_reply *r;
    unsigned flags;
    int whole; /* 1: dsn_opensmtpd_line, 0: dsn_opensmtpd_result */
} line_case;

static size_t write_case(const void *arg, char *buf, size_t size)
{
    const line_case *c = arg;
    int n = c->whole ? dsn_opensmtpd_line(c->reqid, c->token, c->r, c->flags,
                                          buf, size)
                     : dsn_opensmtpd_result(c->r, c->flags, buf, size);
    assert_true(n >= 0);
    return (size_t)n;
}

/* Asserts the line (or result) is expected, holds no CR, one LF at its
 * end, and keeps snprintf's contract. Returns its length. */
static size_t expect_result(dsn_reply r, unsigned flags, const char *expected)
{
    line_case c = {0, 0, NULL, 0, 0};
    char *got;
    size_t n;
    c.r = &r;
    c.flags = flags;
    got = expect_snprintf_contract(write_case, &c);
    if (expected != NULL)
        assert_string_equal(got, expected);
    n = strlen(got);
    assert_null(strchr(got, '\r'));
    assert_true(n > 0 && got[n - 1] == '\n');
    assert_ptr_equal(strchr(got, '\n'), got + n - 1);
    assert_true(n - 1 <= DSN_OPENSMTPD_RESULT_MAX);
    free(got);
    return n;
}

static void test_reject_and_disconnect(void **state)
{
    (void)state;
    expect_result(dsn_no_such_user(NULL, 0), 0,
                  "reject|550 5.1.1 No such user\n");
    expect_result(dsn_mbox_full(NULL, 452), 0,
                  "reject|452 4.2.2 Mailbox full\n");
    expect_result(dsn_no_such_user(NULL, 0), DSN_OPENSMTPD_DISCONNECT,
                  "disconnect|550 5.1.1 No such user\n");
    /* 421 closes the session (RFC 5321 3.8), so it says so */
    expect_result(dsn_sys_not_accepting_mail("Going down", 421), 0,
                  "disconnect|421 4.3.2 Going down\n");
    /* a reply made without enhanced code gets X.0.0 */
    expect_result(dsn_basic(554, "No"), 0, "reject|554 5.0.0 No\n");
}

static void test_one_line(void **state)
{
    (void)state;
    /* lines joined by one space each; control characters dropped */
    expect_result(dsn_no_such_user("first\nsecond", 0), 0,
                  "reject|550 5.1.1 first second\n");
    expect_result(dsn_no_such_user("a\r\nb\rc\n\n\nd\t|e", 0), 0,
                  "reject|550 5.1.1 a bc d|e\n");
    expect_result(dsn_no_such_user("\r\n\n", 0), 0,
                  "reject|550 5.1.1 No such user\n");
}

/* A text of n octets: words of 9 letters and a space. */
static char *long_text(size_t n, char letter)
{
    char *t = malloc(n + 1);
    size_t i;
    assert_non_null(t);
    for (i = 0; i < n; i++)
        t[i] = i % 10 == 9 ? ' ' : letter;
    t[n] = '\0';
    return t;
}

static void test_cut_at_the_line_limit(void **state)
{
    char *t = long_text(3000, 'x'), *got;
    line_case c = {0xffffffffffffffffu, 1, NULL, 0, 1};
    dsn_reply r = dsn_no_such_user(t, 0);
    size_t n;
    (void)state;
    /* "reject|550 5.1.1 " and 1975 octets: 1999 in all, and the LF */
    n = expect_result(r, 0, NULL);
    assert_int_equal(n, DSN_OPENSMTPD_RESULT_MAX + 1);
    n = expect_result(r, DSN_OPENSMTPD_DISCONNECT, NULL);
    assert_int_equal(n, DSN_OPENSMTPD_RESULT_MAX + 1);
    /* the whole line: 2047 octets and the LF, the text unchanged */
    c.r = &r;
    got = expect_snprintf_contract(write_case, &c);
    assert_int_equal(strlen(got), DSN_OPENSMTPD_LINE_MAX + 1);
    assert_memory_equal(got,
                        "filter-result|ffffffffffffffff|0000000000000001|"
                        "reject|550 5.1.1 xxxxxxxxx x",
                        48 + 7 + 10 + 11);
    assert_memory_equal(got + 48 + 7 + 10, t,
                        DSN_OPENSMTPD_LINE_MAX - 48 - 7 - 10);
    free(got);
    free(t);
}

static void test_cut_keeps_utf8_whole(void **state)
{
    /* "é" (2 octets) across the limit is left out whole */
    size_t room = DSN_OPENSMTPD_RESULT_MAX - 7 - 10, n;
    char *t = long_text(room + 10, 'y');
    dsn_reply r;
    (void)state;
    t[room - 1] = (char)0xC3;
    t[room] = (char)0xA9;
    r = dsn_no_such_user(t, 0);
    n = expect_result(r, 0, NULL);
    assert_int_equal(n, 7 + 10 + room - 1 + 1);
    /* with DSN_FMT_ASCII it is "??", one octet each: cut at the limit */
    r.flags = DSN_FMT_ASCII;
    n = expect_result(r, 0, NULL);
    assert_int_equal(n, 7 + 10 + room + 1);
    /* a 4-octet sequence ending exactly at the limit stays */
    memcpy(t + room - 4, "\xF0\x9F\x93\xA7", 4);
    r = dsn_no_such_user(t, 0);
    n = expect_result(r, 0, NULL);
    assert_int_equal(n, 7 + 10 + room + 1);
    free(t);
}

static void test_whole_line(void **state)
{
    line_case c = {0x0123456789abcdefu, 0xfedcba9876543210u, NULL, 0, 1};
    dsn_reply r = dsn_no_such_user(NULL, 0);
    char *got;
    (void)state;
    c.r = &r;
    got = expect_snprintf_contract(write_case, &c);
    assert_string_equal(got, "filter-result|0123456789abcdef|fedcba9876543210|"
                             "reject|550 5.1.1 No such user\n");
    free(got);
    c.reqid = c.token = 0;
    c.flags = DSN_OPENSMTPD_DISCONNECT;
    got = expect_snprintf_contract(write_case, &c);
    assert_string_equal(got, "filter-result|0000000000000000|0000000000000000|"
                             "disconnect|550 5.1.1 No such user\n");
    free(got);
}

/* "é", a 4-octet "📧", a stray 0xFF, a 0xC3 cut short, and a second line */
static const char mixed[] = "h\xC3\xA9llo \xF0\x9F\x93\xA7 \xFF\xC3x\nnext";

/* The reply's DSN_FMT_ASCII, for a client that did not use SMTPUTF8:
 * every byte >= 0x80 is a '?', valid UTF-8 or not; the reply's other
 * flags still cannot take the enhanced code out. */
static void test_ascii(void **state)
{
    line_case c = {0x0123456789abcdefu, 1, NULL, 0, 1};
    dsn_reply r = dsn_no_such_user(mixed, 0);
    char *got;
    (void)state;
    /* without it UTF-8 passes, other bytes >= 0x80 are '?' */
    expect_result(r, 0,
                  "reject|550 5.1.1 h\xC3\xA9llo \xF0\x9F\x93\xA7 ??x next\n");
    r.flags = DSN_FMT_ASCII;
    expect_result(r, 0, "reject|550 5.1.1 h??llo ???? ??x next\n");
    expect_result(r, DSN_OPENSMTPD_DISCONNECT,
                  "disconnect|550 5.1.1 h??llo ???? ??x next\n");
    r.flags = DSN_FMT_ASCII | DSN_FMT_NO_ENHANCED | DSN_FMT_TEXT;
    expect_result(r, 0, "reject|550 5.1.1 h??llo ???? ??x next\n");
    c.r = &r;
    got = expect_snprintf_contract(write_case, &c);
    assert_string_equal(got, "filter-result|0123456789abcdef|0000000000000001|"
                             "reject|550 5.1.1 h??llo ???? ??x next\n");
    free(got);
}

static void expect_error(const dsn_reply *r, unsigned flags, int err)
{
    char buf[64] = "untouched";
    assert_int_equal(dsn_opensmtpd_result(r, flags, buf, sizeof buf), err);
    assert_string_equal(buf, "");
    strcpy(buf, "untouched");
    assert_int_equal(dsn_opensmtpd_line(1, 2, r, flags, buf, sizeof buf), err);
    assert_string_equal(buf, "");
    assert_int_equal(dsn_opensmtpd_result(r, flags, NULL, 0), err);
}

static void test_errors(void **state)
{
    dsn_reply r = dsn_addr_rcpt_ok(NULL, 0);
    (void)state;
    expect_error(NULL, 0, DSN_EINVAL);
    expect_error(&r, 0, DSN_EREJECTCODE);
    r = dsn_no_such_user(NULL, 0);
    expect_error(&r, 0x2u, DSN_EINVAL);
    r.cls = 4;
    expect_error(&r, 0, DSN_EBADCLASS);
    r = dsn_no_such_user(NULL, 0);
    r.code = 600;
    expect_error(&r, 0, DSN_EBADCODE);
    r = dsn_create(550, "x", 1000, 1);
    expect_error(&r, 0, DSN_EBADSTATUS);
    r = dsn_basic(354, "go"); /* valid, but no rejection */
    expect_error(&r, 0, DSN_EREJECTCODE);
}

/* Hostile input: any byte but NUL, any length up to 3 lines' worth past
 * the limit, any valid code and status. Whatever the reply, the line is
 * one OpenSMTPD reads as meant: the head, a verb, "<code> <status> ", no
 * CR, no LF but the last, at most 2047 octets before it. */
static void test_any_reply_makes_a_well_formed_line(void **state)
{
    static const char *const verbs[] = {"reject|", "disconnect|"};
    char text[3 * DSN_OPENSMTPD_LINE_MAX], line[DSN_OPENSMTPD_LINE_MAX + 2];
    char head[32];
    uint64_t seed = 0x9e3779b97f4a7c15u;
    int i;
    (void)state;
    for (i = 0; i < 3000; i++) {
        size_t len = xorshift_below(&seed, sizeof text), j, n, verb;
        dsn_reply r;
        int cls = 4 + (int)xorshift_below(&seed, 2), got;
        for (j = 0; j < len; j++)
            text[j] = (char)(1 + xorshift_below(&seed, 255));
        text[len] = '\0';
        r = dsn_create(cls * 100 + (int)xorshift_below(&seed, 60), text,
                       (int)xorshift_below(&seed, 1000),
                       (int)xorshift_below(&seed, 1000));
        r.flags = i % 2 ? DSN_FMT_ASCII : 0;
        got = dsn_opensmtpd_line(xorshift_below(&seed, 1u << 31), 42, &r,
                                 xorshift_below(&seed, 2), line, sizeof line);
        assert_true(got > 0);
        n = (size_t)got;
        assert_int_equal(strlen(line), n);
        assert_true(n - 1 <= DSN_OPENSMTPD_LINE_MAX);
        assert_int_equal(line[n - 1], '\n');
        assert_ptr_equal(strchr(line, '\n'), line + n - 1);
        assert_null(strchr(line, '\r'));
        assert_memory_equal(line, "filter-result|", 14);
        verb =
            strncmp(line + DSN_OPENSMTPD_HEAD_LEN, "reject|", 7) == 0 ? 0 : 1;
        (void)snprintf(head, sizeof head, "%s%d %d.%d.%d ", verbs[verb], r.code,
                       r.cls, r.subject, r.detail);
        assert_memory_equal(line + DSN_OPENSMTPD_HEAD_LEN, head, strlen(head));
        for (j = 0; r.flags != 0 && j < n; j++)
            assert_true((unsigned char)line[j] < 0x80);
    }
}

CMOCKA_MAIN({
    cmocka_unit_test(test_reject_and_disconnect),
    cmocka_unit_test(test_one_line),
    cmocka_unit_test(test_cut_at_the_line_limit),
    cmocka_unit_test(test_cut_keeps_utf8_whole),
    cmocka_unit_test(test_whole_line),
    cmocka_unit_test(test_ascii),
    cmocka_unit_test(test_errors),
    cmocka_unit_test(test_any_reply_makes_a_well_formed_line),
})
