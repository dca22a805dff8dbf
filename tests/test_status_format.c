/*
 * The small rules of dsn/base.h, at their edges: reply code ranges, the
 * numbers and classes of an enhanced status code, and dsn_status_format()
 * with snprintf's contract.
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include <cmocka.h>

#include "support/cmocka_main.h"
#include "dsn.h"
#include "support/snprintf_check.h"

static void test_code_rules(void **state)
{
    int code;
    (void)state;
    for (code = -1; code <= 1000; code++) {
        int in_range = code >= 200 && code <= 599;
        int wellformed = in_range && code % 100 <= 59;
        assert_int_equal(dsn_code_in_range(code), in_range);
        assert_int_equal(dsn_code_wellformed(code), wellformed);
        assert_int_equal(dsn_code_valid(code), wellformed && code / 100 != 3);
    }
}

static void test_status_numbers(void **state)
{
    (void)state;
    assert_false(dsn_status_number_valid(INT_MIN));
    assert_false(dsn_status_number_valid(-1));
    assert_true(dsn_status_number_valid(0));
    assert_true(dsn_status_number_valid(999));
    assert_false(dsn_status_number_valid(1000));
    assert_false(dsn_status_number_valid(INT_MAX));
}

static void test_status_rules(void **state)
{
    static const dsn_status good[] = {
        {2, 0, 0}, {4, 999, 999}, {5, 1, 1}, {5, 7, 30}};
    static const dsn_status bad[] = {{0, 0, 0},    {1, 1, 1},   {3, 0, 0},
                                     {6, 0, 0},    {5, -1, 0},  {5, 0, -1},
                                     {5, 1000, 0}, {5, 0, 1000}};
    size_t i;
    (void)state;
    assert_false(dsn_status_valid(NULL));
    for (i = 0; i < sizeof good / sizeof good[0]; i++)
        assert_true(dsn_status_valid(&good[i]));
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_false(dsn_status_valid(&bad[i]));
}

static size_t write_status(const void *arg, char *buf, size_t size)
{
    return dsn_status_format(arg, buf, size);
}

static void expect_status(int cls, int subject, int detail, const char *want)
{
    dsn_status st;
    char *got;
    st.cls = cls;
    st.subject = subject;
    st.detail = detail;
    got = expect_snprintf_contract(write_status, &st);
    assert_string_equal(got, want);
    free(got);
}

static void test_status_format(void **state)
{
    char buf[DSN_STATUS_MAX];
    dsn_status st = {5, 1, 1};
    (void)state;
    expect_status(5, 1, 1, "5.1.1");
    expect_status(2, 0, 0, "2.0.0");
    expect_status(4, 7, 26, "4.7.26");
    expect_status(5, 100, 10, "5.100.10");
    /* the longest fits DSN_STATUS_MAX with its NUL */
    expect_status(5, 999, 999, "5.999.999");
    st.subject = st.detail = 999;
    assert_int_equal(dsn_status_format(&st, buf, sizeof buf), 9);
    assert_string_equal(buf, "5.999.999");
}

/* An invalid status writes "" and returns 0, as dsn_format() does. */
static void test_status_format_invalid(void **state)
{
    char buf[DSN_STATUS_MAX];
    (void)state;
    expect_status(3, 1, 1, "");
    expect_status(5, -1, 1, "");
    expect_status(5, 1, 1000, "");
    buf[0] = 'x';
    assert_int_equal(dsn_status_format(NULL, buf, sizeof buf), 0);
    assert_string_equal(buf, "");
}

CMOCKA_MAIN({
    cmocka_unit_test(test_code_rules),
    cmocka_unit_test(test_status_numbers),
    cmocka_unit_test(test_status_rules),
    cmocka_unit_test(test_status_format),
    cmocka_unit_test(test_status_format_invalid),
})
