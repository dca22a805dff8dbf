/*
 * dsn_parse_status: RFC 3463 section 2 exactly. Hand-picked cases, then
 * every string up to 7 bytes over an alphabet that reaches every branch,
 * checked against a POSIX regular expression of the grammar, each one read
 * from a buffer of exactly its length (so a read past len is caught by
 * ASan or valgrind).
 */
#define _POSIX_C_SOURCE 200809L
#include <regex.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "support/cmocka_main.h"
#include "dsn.h"

/* Parses s[0..len) from a heap copy of exactly len bytes. */
static int parse_exact(const char *s, size_t len, dsn_status *out)
{
    char *copy = malloc(len > 0 ? len : 1);
    int r;
    assert_non_null(copy);
    if (len > 0)
        memcpy(copy, s, len);
    r = dsn_parse_status(copy, len, out);
    free(copy);
    return r;
}

static void expect_valid(const char *s, int n, int cls, int subject, int detail)
{
    dsn_status st = {-1, -1, -1};
    int r = parse_exact(s, strlen(s), &st);
    if (r != n)
        fail_msg("\"%s\": got %d (%s), want %d", s, r, dsn_err_name(r), n);
    assert_int_equal(st.cls, cls);
    assert_int_equal(st.subject, subject);
    assert_int_equal(st.detail, detail);
}

static void expect_invalid_len(const char *s, size_t len)
{
    dsn_status st = {-7, -7, -7};
    int r = parse_exact(s, len, &st);
    if (r != DSN_ESTATUS)
        fail_msg("\"%.*s\" (len %zu): got %d, want DSN_ESTATUS", (int)len, s,
                 len, r);
    /* left untouched on error */
    assert_int_equal(st.cls, -7);
    assert_int_equal(st.subject, -7);
    assert_int_equal(st.detail, -7);
}

static void expect_invalid(const char *s)
{
    expect_invalid_len(s, strlen(s));
}

/* expect_invalid() for every string of a list. */
static void expect_each_invalid(const char *const *list, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        expect_invalid(list[i]);
}
#define EXPECT_EACH_INVALID(list)                                              \
    expect_each_invalid(list, sizeof list / sizeof list[0])

/* expect_invalid() for before, one byte of bytes, after: each byte. */
static void expect_invalid_around(const char *before, const char *bytes,
                                  const char *after)
{
    char s[32];
    for (; *bytes != '\0'; bytes++) {
        snprintf(s, sizeof s, "%s%c%s", before, *bytes, after);
        expect_invalid(s);
    }
}

static void test_valid(void **state)
{
    (void)state;
    expect_valid("2.0.0", 5, 2, 0, 0);
    expect_valid("4.0.0", 5, 4, 0, 0);
    expect_valid("5.0.0", 5, 5, 0, 0);
    expect_valid("5.1.1", 5, 5, 1, 1);
    expect_valid("4.7.28", 6, 4, 7, 28);
    expect_valid("5.7.606", 7, 5, 7, 606);
    expect_valid("5.1.10", 6, 5, 1, 10);
    expect_valid("2.10.100", 8, 2, 10, 100);
    expect_valid("5.999.999", 9, 5, 999, 999);
    expect_valid("4.100.0", 7, 4, 100, 0);
    /* ends at a space: the space is not consumed */
    expect_valid("5.1.1 ", 5, 5, 1, 1);
    expect_valid("5.1.1 No such user", 5, 5, 1, 1);
    expect_valid("5.1.1  two spaces", 5, 5, 1, 1);
    expect_valid("4.7.650 The mail server", 7, 4, 7, 650);
}

static void test_leading_zeros(void **state)
{
    static const char *const leading_zeros[] = {
        "5.01.1",  "5.1.01",    "5.00.1", "5.1.00",     "5.001.1",
        "5.1.010", "5.000.000", "05.1.1", "5.01.1 text"};
    (void)state;
    EXPECT_EACH_INVALID(leading_zeros);
    /* a lone zero is a number */
    expect_valid("5.0.1", 5, 5, 0, 1);
    expect_valid("5.1.0", 5, 5, 1, 0);
    expect_valid("5.10.0", 6, 5, 10, 0);
}

static void test_too_many_digits(void **state)
{
    static const char *const too_long[] = {"5.1000.1",
                                           "5.1.1000",
                                           "5.1234.5678",
                                           "5.1.99999999999999999999",
                                           "5.99999999999999999999.1",
                                           "55.1.1",
                                           "555.1.1",
                                           "5.1.1000 text"};
    (void)state;
    EXPECT_EACH_INVALID(too_long);
}

static void test_classes(void **state)
{
    static const char *const not_a_class[] = {"X.1.1",  "x.1.1",  "#5.1.1",
                                              "+5.1.1", "-5.1.1", " 5.1.1"};
    (void)state;
    expect_invalid_around("", "01366789", ".1.1");
    EXPECT_EACH_INVALID(not_a_class);
}

static void test_terminators(void **state)
{
    /* a byte >= 0x80, a fourth number, a dot right after the code */
    static const char *const after_the_code[] = {"5.1.1\xc3\xa9", "5.1.1.2",
                                                 "5.1.1."};
    static const char after[] = "\t\r\n\v\f.-_:;,/#xA(";
    (void)state;
    expect_invalid_around("5.1.1", after, "");
    expect_invalid_around("5.1.1", after, "more");
    /* NUL is no terminator either */
    expect_invalid_len("5.1.1\0", 6);
    expect_invalid_len("5.1\0.1", 6);
    EXPECT_EACH_INVALID(after_the_code);
}

/* Every cut of a valid code: only the cuts that end a valid code parse. */
static void test_every_cut(void **state)
{
    static const struct {
        const char *s;
        const char *valid_at; /* '1' where the prefix of that length is valid */
    } cases[] = {
        {"5.1.1 text", "00000111111"}, {"5.123.456 x", "000000011111"},
        {"4.7.28", "0000011"},         {"2.0.0", "000001"},
        {"5.10.100", "000000111"},
    };
    size_t i, len;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *s = cases[i].s;
        for (len = 0; len <= strlen(s); len++) {
            dsn_status st;
            int r = parse_exact(s, len, &st);
            if (cases[i].valid_at[len] == '1') {
                if (r <= 0)
                    fail_msg("\"%.*s\": got %d, want valid", (int)len, s, r);
            } else if (r != DSN_ESTATUS) {
                fail_msg("\"%.*s\": got %d, want DSN_ESTATUS", (int)len, s, r);
            }
        }
    }
}

static void test_missing_parts(void **state)
{
    static const char *const missing[] = {
        "",       "5",      "5.",     "5.1",    "5.1.", ".1.1", "5..1",
        "5.1..1", "5.1. 1", "5 .1.1", "5. 1.1", "...",  " "};
    (void)state;
    EXPECT_EACH_INVALID(missing);
}

static void test_len_is_the_end(void **state)
{
    dsn_status st;
    (void)state;
    /* the byte at s[len] is never looked at */
    assert_int_equal(dsn_parse_status("5.1.10", 5, &st), 5);
    assert_int_equal(st.detail, 1);
    assert_int_equal(dsn_parse_status("5.1.1x", 5, &st), 5);
    assert_int_equal(dsn_parse_status("5.1.1.", 5, &st), 5);
    assert_int_equal(dsn_parse_status("5.1.1", 4, &st), DSN_ESTATUS);
    assert_int_equal(dsn_parse_status("5.1.1", 0, &st), DSN_ESTATUS);
}

static void test_null(void **state)
{
    (void)state;
    assert_int_equal(dsn_parse_status(NULL, 0, NULL), DSN_ESTATUS);
    assert_int_equal(dsn_parse_status(NULL, 5, NULL), DSN_EINVAL);
    /* out NULL only validates */
    assert_int_equal(dsn_parse_status("5.7.26 x", 8, NULL), 6);
    assert_int_equal(dsn_parse_status("5.07.26", 7, NULL), DSN_ESTATUS);
    assert_string_equal(dsn_err_name(DSN_ESTATUS), "ESTATUS");
}

/*
 * Every string of up to 7 bytes over "0125. x" (and '#'), against the
 * grammar as a regular expression: the result and the length must agree.
 */
static void test_exhaustive_against_regex(void **state)
{
    static const char alphabet[] = "01259. #";
    const size_t k = sizeof alphabet - 1;
    regex_t re;
    char s[16];
    size_t len, total = 0, valid = 0;
    (void)state;
    assert_int_equal(regcomp(&re,
                             "^[245]\\.(0|[1-9][0-9]?[0-9]?)\\."
                             "(0|[1-9][0-9]?[0-9]?)( |$)",
                             REG_EXTENDED),
                     0);
    for (len = 0; len <= 7; len++) {
        size_t idx[8] = {0}, i;
        for (;;) {
            regmatch_t m[4];
            int r, want;
            for (i = 0; i < len; i++)
                s[i] = alphabet[idx[i]];
            s[len] = '\0';
            want = regexec(&re, s, 4, m, 0) == 0
                       ? (int)(m[0].rm_eo - (m[3].rm_eo > m[3].rm_so))
                       : DSN_ESTATUS;
            r = parse_exact(s, len, NULL);
            if (r != want)
                fail_msg("\"%s\": got %d, want %d", s, r, want);
            total++;
            valid += want > 0;
            for (i = 0; i < len && ++idx[i] == k; i++)
                idx[i] = 0;
            if (i == len)
                break;
        }
    }
    regfree(&re);
    /* 1 + 8 + ... + 8^7 strings, some thousands of them valid */
    assert_int_equal(total, 2396745);
    assert_true(valid > 1000);
}

CMOCKA_MAIN({
    cmocka_unit_test(test_valid),
    cmocka_unit_test(test_leading_zeros),
    cmocka_unit_test(test_too_many_digits),
    cmocka_unit_test(test_classes),
    cmocka_unit_test(test_terminators),
    cmocka_unit_test(test_every_cut),
    cmocka_unit_test(test_missing_parts),
    cmocka_unit_test(test_len_is_the_end),
    cmocka_unit_test(test_null),
    cmocka_unit_test(test_exhaustive_against_regex),
})
