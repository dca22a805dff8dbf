/*
 * dsn/exim.h: the ACL message (code and enhanced code once, the class
 * moved to the verb's) and the local_scan text (enhanced code on every
 * line, the code chosen by the class), snprintf's contract, the errors.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include <cmocka.h>

#include "support/cmocka_main.h"
#include "dsn/exim.h"
#include "support/snprintf_check.h"
#include "support/xorshift.h"

typedef struct exim_case {
    const dsn_reply *r;
    int verb; /* -1: the local_scan text */
} exim_case;

static size_t write_case(const void *arg, char *buf, size_t size)
{
    const exim_case *c = arg;
    int n = c->verb < 0 ? dsn_exim_local_scan_text(c->r, buf, size)
                        : dsn_exim_acl_message(c->r, c->verb, buf, size);
    assert_true(n >= 0);
    return (size_t)n;
}

static void expect_text(dsn_reply r, int verb, const char *expected)
{
    exim_case c;
    char *got;
    c.r = &r;
    c.verb = verb;
    got = expect_snprintf_contract(write_case, &c);
    assert_string_equal(got, expected);
    assert_null(strchr(got, '\r'));
    free(got);
}

static void test_acl_message(void **state)
{
    (void)state;
    expect_text(dsn_no_such_user(NULL, 0), DSN_EXIM_DENY,
                "550 5.1.1 No such user");
    expect_text(dsn_no_such_user("first\nsecond\nthird", 0), DSN_EXIM_DENY,
                "550 5.1.1 first\nsecond\nthird");
    expect_text(dsn_mbox_full("try\r\n\nlater", 452), DSN_EXIM_DEFER,
                "452 4.2.2 try\nlater");
    /* any class with DSN_EXIM_ANY, 2yz included */
    expect_text(dsn_addr_rcpt_ok(NULL, 0), DSN_EXIM_ANY,
                "250 2.1.5 Destination address valid");
    expect_text(dsn_mbox_full(NULL, 0), DSN_EXIM_ANY, "450 4.2.2 Mailbox full");
}

static void test_acl_class_moves_to_the_verb(void **state)
{
    (void)state;
    /* Exim would drop a code whose first digit does not fit the verb */
    expect_text(dsn_mbox_full(NULL, 452), DSN_EXIM_DENY,
                "552 5.2.2 Mailbox full");
    expect_text(dsn_no_such_user("a\nb", 0), DSN_EXIM_DEFER, "450 4.1.1 a\nb");
    expect_text(dsn_sec_mbox_owner_changed(NULL, 0), DSN_EXIM_DENY,
                "550 5.7.17 Mailbox owner has changed");
}

static void test_local_scan(void **state)
{
    dsn_reply r = dsn_sec_unauthorized("first\nsecond", 554);
    (void)state;
    expect_text(r, -1, "5.7.1 first\n5.7.1 second");
    assert_int_equal(dsn_exim_local_scan_code(&r), 550);
    r = dsn_mbox_full(NULL, 452);
    expect_text(r, -1, "4.2.2 Mailbox full");
    assert_int_equal(dsn_exim_local_scan_code(&r), 451);
    r = dsn_basic(554, "No");
    expect_text(r, -1, "5.0.0 No");
}

/* Lines wrap so that Exim's "550-5.1.1 " prefix still fits 512 octets. */
static void test_wrap_fits_exims_lines(void **state)
{
    char text[2000], buf[DSN_EXIM_BUF_SIZE];
    const char *p, *nl;
    size_t i;
    int n;
    dsn_reply r;
    (void)state;
    for (i = 0; i < sizeof text - 1; i++)
        text[i] = i % 7 == 6 ? ' ' : 'w';
    text[sizeof text - 1] = '\0';
    r = dsn_no_such_user(text, 0);
    n = dsn_exim_acl_message(&r, DSN_EXIM_DENY, buf, sizeof buf);
    assert_true(n > 0 && (size_t)n < sizeof buf);
    for (p = buf; p != NULL; p = nl != NULL ? nl + 1 : NULL) {
        nl = strchr(p, '\n');
        i = nl != NULL ? (size_t)(nl - p) : strlen(p);
        if (p == buf)
            i -= 10; /* "550 5.1.1 ", which Exim takes off */
        /* Exim sends "550-5.1.1 " + line + CRLF */
        assert_true(10 + i + 2 <= DSN_LINE_MAX);
        assert_true(i > 0);
    }
}

/* "é", a 4-octet "📧", a stray 0xFF, a 0xC3 cut short, and a second line */
static const char mixed[] = "h\xC3\xA9llo \xF0\x9F\x93\xA7 \xFF\xC3x\nnext";

/* The reply's DSN_FMT_ASCII, for a client that did not use SMTPUTF8:
 * every byte >= 0x80 is a '?', valid UTF-8 or not, in both texts; the
 * reply's other flags still cannot take the enhanced code out. */
static void test_ascii(void **state)
{
    dsn_reply r = dsn_no_such_user(mixed, 0);
    (void)state;
    /* without it UTF-8 passes, other bytes >= 0x80 are '?' */
    expect_text(r, DSN_EXIM_DENY,
                "550 5.1.1 h\xC3\xA9llo \xF0\x9F\x93\xA7 ??x\nnext");
    r.flags = DSN_FMT_ASCII;
    expect_text(r, DSN_EXIM_DENY, "550 5.1.1 h??llo ???? ??x\nnext");
    expect_text(r, DSN_EXIM_DEFER, "450 4.1.1 h??llo ???? ??x\nnext");
    expect_text(r, -1, "5.1.1 h??llo ???? ??x\n5.1.1 next");
    r.flags = DSN_FMT_ASCII | DSN_FMT_NO_ENHANCED | DSN_FMT_TEXT;
    expect_text(r, DSN_EXIM_ANY, "550 5.1.1 h??llo ???? ??x\nnext");
    expect_text(r, -1, "5.1.1 h??llo ???? ??x\n5.1.1 next");
    assert_int_equal(dsn_exim_local_scan_code(&r), 550);
}

/* No byte >= 0x80 in s[0..n). */
static void expect_7bit(const char *s, int n)
{
    int i;
    for (i = 0; i < n; i++)
        assert_true((unsigned char)s[i] < 0x80);
}

static void expect_error(const dsn_reply *r, int verb, int err)
{
    char buf[64] = "untouched";
    if (verb < 0) {
        assert_int_equal(dsn_exim_local_scan_text(r, buf, sizeof buf), err);
        assert_int_equal(dsn_exim_local_scan_code(r),
                         err == DSN_ETOOLONG ? dsn_exim_local_scan_code(r)
                                             : err);
    } else {
        assert_int_equal(dsn_exim_acl_message(r, verb, buf, sizeof buf), err);
    }
    assert_string_equal(buf, "");
}

static void test_errors(void **state)
{
    dsn_reply r = dsn_addr_rcpt_ok(NULL, 0);
    char *t = malloc(DSN_EXIM_TEXT_MAX + 2);
    (void)state;
    assert_non_null(t);
    expect_error(NULL, DSN_EXIM_DENY, DSN_EINVAL);
    expect_error(NULL, -1, DSN_EINVAL);
    expect_error(&r, DSN_EXIM_DENY, DSN_EREJECTCODE);
    expect_error(&r, DSN_EXIM_DEFER, DSN_EREJECTCODE);
    expect_error(&r, -1, DSN_EREJECTCODE);
    r = dsn_no_such_user(NULL, 0);
    expect_error(&r, 3, DSN_EINVAL);
    expect_error(&r, 2, DSN_EINVAL);
    r.cls = 4;
    expect_error(&r, DSN_EXIM_DENY, DSN_EBADCLASS);
    expect_error(&r, -1, DSN_EBADCLASS);
    /* the limit is on the local_scan text, for both */
    memset(t, 'z', DSN_EXIM_TEXT_MAX + 1);
    t[DSN_EXIM_TEXT_MAX + 1] = '\0';
    r = dsn_no_such_user(t, 0);
    expect_error(&r, DSN_EXIM_DENY, DSN_ETOOLONG);
    expect_error(&r, -1, DSN_ETOOLONG);
    free(t);
}

/* Hostile input: any byte but NUL, any valid reply. The ACL message starts
 * with "<code> <status> " once, and no later line does; every local_scan
 * line starts with "<status> "; no CR; each line fits 512 octets with the
 * "550-5.1.1 " Exim adds; or the text is too long, and said so. */
static void test_any_reply_keeps_the_shapes(void **state)
{
    char text[DSN_EXIM_TEXT_MAX], acl[DSN_EXIM_BUF_SIZE];
    char scan[DSN_EXIM_BUF_SIZE], deny[32], own[32];
    uint64_t seed = 0x2545f4914f6cdd1du;
    int i;
    (void)state;
    for (i = 0; i < 3000; i++) {
        size_t len = xorshift_below(&seed, sizeof text), j, st;
        const char *p, *nl;
        dsn_reply r;
        int na, ns;
        for (j = 0; j < len; j++)
            text[j] = (char)(1 + xorshift_below(&seed, 255));
        text[len] = '\0';
        r = dsn_create((4 + (int)xorshift_below(&seed, 2)) * 100 +
                           (int)xorshift_below(&seed, 60),
                       text, (int)xorshift_below(&seed, 1000),
                       (int)xorshift_below(&seed, 1000));
        r.flags = i % 2 ? DSN_FMT_ASCII : 0;
        na = dsn_exim_acl_message(&r, DSN_EXIM_DENY, acl, sizeof acl);
        ns = dsn_exim_local_scan_text(&r, scan, sizeof scan);
        if (ns == DSN_ETOOLONG) {
            assert_int_equal(na, DSN_ETOOLONG);
            continue;
        }
        assert_true(na > 0 && ns > 0);
        if (r.flags != 0) {
            expect_7bit(acl, na);
            expect_7bit(scan, ns);
        }
        assert_null(strchr(acl, '\r'));
        assert_null(strchr(scan, '\r'));
        /* deny moves the class to 5; local_scan keeps the reply's */
        st = (size_t)snprintf(deny, sizeof deny, "%d.%d.%d ", 5, r.subject,
                              r.detail);
        (void)snprintf(own, sizeof own, "%d.%d.%d ", r.cls, r.subject,
                       r.detail);
        assert_true(acl[0] == '5' && acl[3] == ' ');
        assert_memory_equal(acl + 4, deny, st);
        /* Exim sends "550-5.1.1 " + line + CRLF: at most 512 octets */
        nl = strchr(acl, '\n');
        assert_true((nl != NULL ? (size_t)(nl - acl) : strlen(acl)) + 2 <=
                    DSN_LINE_MAX);
        for (p = nl; p != NULL; p = nl) {
            nl = strchr(p + 1, '\n');
            assert_true((nl != NULL ? (size_t)(nl - p - 1) : strlen(p + 1)) +
                            4 + st + 2 <=
                        DSN_LINE_MAX);
        }
        for (p = scan; p != NULL; p = nl != NULL ? nl + 1 : NULL) {
            nl = strchr(p, '\n');
            assert_memory_equal(p, own, st);
            assert_true((nl != NULL ? (size_t)(nl - p) : strlen(p)) + 4 + 2 <=
                        DSN_LINE_MAX);
        }
    }
}

CMOCKA_MAIN({
    cmocka_unit_test(test_acl_message),
    cmocka_unit_test(test_acl_class_moves_to_the_verb),
    cmocka_unit_test(test_local_scan),
    cmocka_unit_test(test_ascii),
    cmocka_unit_test(test_wrap_fits_exims_lines),
    cmocka_unit_test(test_errors),
    cmocka_unit_test(test_any_reply_keeps_the_shapes),
})
