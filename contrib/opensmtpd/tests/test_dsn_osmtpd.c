/*
 * dsn_osmtpd_reject() against fakes of libopensmtpd's
 * osmtpd_filter_reject() and osmtpd_filter_disconnect() that write the
 * line as libopensmtpd 0.7 does (its format, then the arguments, then LF):
 * every line must equal dsn_opensmtpd_line() for the same ids, a '%' in
 * the text arriving as '%'.
 */
#include <inttypes.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../../tests/support/cmocka_main.h"
#include "dsn_osmtpd.h"

static char written[4096];
static int calls;

static void record(const struct osmtpd_ctx *ctx, const char *head,
                   const char *fmt, va_list ap)
{
    int n = snprintf(written, sizeof written,
                     "filter-result|%016" PRIx64 "|%016" PRIx64 "|%s",
                     ctx->reqid, ctx->token, head);
    assert_true(n > 0 && (size_t)n < sizeof written);
    (void)vsnprintf(written + n, sizeof written - (size_t)n, fmt, ap);
    assert_true(strlen(written) + 1 < sizeof written);
    strcat(written, "\n");
    calls++;
}

/* libopensmtpd's prototypes: ctx cannot be const */
// cppcheck-suppress constParameter
void osmtpd_filter_reject(struct osmtpd_ctx *ctx, int code, const char *fmt,
                          ...)
{
    char head[16];
    va_list ap;
    assert_true(code >= 200 && code <= 599); /* libopensmtpd exits else */
    (void)snprintf(head, sizeof head, "reject|%d ", code);
    va_start(ap, fmt);
    record(ctx, head, fmt, ap);
    va_end(ap);
}

// cppcheck-suppress constParameter
void osmtpd_filter_disconnect(struct osmtpd_ctx *ctx, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    record(ctx, "disconnect|421 ", fmt, ap);
    va_end(ap);
}

static void expect_same_line(dsn_reply r)
{
    char expected[DSN_OPENSMTPD_LINE_MAX + 2];
    struct osmtpd_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.reqid = 0x5c358d6361218058u;
    ctx.token = 0x1u;
    calls = 0;
    assert_int_equal(dsn_osmtpd_reject(&ctx, &r), 0);
    assert_int_equal(calls, 1);
    assert_true(dsn_opensmtpd_line(ctx.reqid, ctx.token, &r, 0, expected,
                                   sizeof expected) > 0);
    assert_string_equal(written, expected);
}

static void test_reject(void **state)
{
    (void)state;
    expect_same_line(dsn_no_such_user(NULL, 0));
    assert_string_equal(strstr(written, "reject|"),
                        "reject|550 5.1.1 No such user\n");
    expect_same_line(dsn_no_such_user("100% sure %s %n %%", 0));
    assert_string_equal(strstr(written, "reject|"),
                        "reject|550 5.1.1 100% sure %s %n %%\n");
    expect_same_line(dsn_mbox_full("first\nsecond", 452));
    assert_string_equal(strstr(written, "reject|"),
                        "reject|452 4.2.2 first second\n");
}

static void test_421_disconnects(void **state)
{
    (void)state;
    expect_same_line(dsn_sys_not_accepting_mail("Going down 100%", 421));
    assert_string_equal(strstr(written, "disconnect|"),
                        "disconnect|421 4.3.2 Going down 100%\n");
}

static void test_long_reply_is_cut_like_the_writer(void **state)
{
    char text[3001];
    (void)state;
    memset(text, '%', sizeof text - 1);
    text[sizeof text - 1] = '\0';
    expect_same_line(dsn_no_such_user(text, 0));
    assert_int_equal(strlen(written), DSN_OPENSMTPD_LINE_MAX + 1);
}

static void test_errors_write_nothing(void **state)
{
    struct osmtpd_ctx ctx;
    dsn_reply r = dsn_addr_rcpt_ok(NULL, 0);
    (void)state;
    memset(&ctx, 0, sizeof ctx);
    calls = 0;
    assert_int_equal(dsn_osmtpd_reject(&ctx, &r), DSN_EREJECTCODE);
    assert_int_equal(dsn_osmtpd_reject(&ctx, NULL), DSN_EINVAL);
    r = dsn_no_such_user(NULL, 0);
    assert_int_equal(dsn_osmtpd_reject(NULL, &r), DSN_EINVAL);
    r.cls = 2;
    assert_int_equal(dsn_osmtpd_reject(&ctx, &r), DSN_EBADCLASS);
    assert_int_equal(calls, 0);
}

CMOCKA_MAIN({
    cmocka_unit_test(test_reject),
    cmocka_unit_test(test_421_disconnects),
    cmocka_unit_test(test_long_reply_is_cut_like_the_writer),
    cmocka_unit_test(test_errors_write_nothing),
})
