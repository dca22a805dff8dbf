/*
 * The dsn program's JSON strings (tools/cli/json.c): every byte that RFC
 * 8259 section 7 requires escaped is, and nothing else changes. The
 * tables hold no such byte, so `dsn list --json` alone cannot show it.
 * Bytes that are not well-formed UTF-8 (as bounces hold) become \ufffd,
 * one per byte, so the output is always UTF-8.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "cli.h"

static void expect_json(const char *in, const char *want)
{
    char got[256];
    size_t n;
    FILE *f = tmpfile();
    assert_non_null(f);
    cli_put_json_string(f, in);
    rewind(f);
    n = fread(got, 1, sizeof got - 1, f);
    got[n] = '\0';
    fclose(f);
    assert_string_equal(got, want);
}

static void test_plain_text_is_quoted(void **state)
{
    (void)state;
    expect_json("", "\"\"");
    expect_json("Bad sender's system address",
                "\"Bad sender's system address\"");
}

static void test_quote_and_backslash_are_escaped(void **state)
{
    (void)state;
    expect_json("say \"hi\"", "\"say \\\"hi\\\"\"");
    expect_json("C:\\path\\", "\"C:\\\\path\\\\\"");
}

static void test_control_characters_are_escaped(void **state)
{
    (void)state;
    expect_json("a\nb\rc\td", "\"a\\nb\\rc\\td\"");
    expect_json("\x01\x1f\x7f", "\"\\u0001\\u001f\\u007f\"");
}

static void test_utf8_passes(void **state)
{
    (void)state;
    expect_json("bo\xc3\xaete", "\"bo\xc3\xaete\"");
    expect_json("\xe2\x82\xac \xf0\x9f\x93\xa7 \xf4\x8f\xbf\xbf",
                "\"\xe2\x82\xac \xf0\x9f\x93\xa7 \xf4\x8f\xbf\xbf\"");
}

static void test_bytes_not_utf8_are_replaced(void **state)
{
    (void)state;
    /* Latin-1, a lone continuation byte, a cut sequence at the end */
    expect_json("caf\xe9", "\"caf\\ufffd\"");
    expect_json("\x80x", "\"\\ufffdx\"");
    expect_json("a\xe2\x82", "\"a\\ufffd\\ufffd\"");
    /* overlong '/', a surrogate, above U+10FFFF, 0xC0 0xC1 0xF5 0xFF */
    expect_json("\xc0\xaf", "\"\\ufffd\\ufffd\"");
    expect_json("\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\"");
    expect_json("\xf4\x90\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");
    expect_json("\xc1\xf5\xff", "\"\\ufffd\\ufffd\\ufffd\"");
    /* a sequence cut by another character */
    expect_json("\xc3\"", "\"\\ufffd\\\"\"");
}

static void test_bytes_with_nul(void **state)
{
    char got[64];
    size_t n;
    FILE *f = tmpfile();
    (void)state;
    assert_non_null(f);
    cli_put_json_bytes(f, "a\0b\xff", 4);
    rewind(f);
    n = fread(got, 1, sizeof got - 1, f);
    got[n] = '\0';
    fclose(f);
    assert_string_equal(got, "\"a\\u0000b\\ufffd\"");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_text_is_quoted),
        cmocka_unit_test(test_quote_and_backslash_are_escaped),
        cmocka_unit_test(test_control_characters_are_escaped),
        cmocka_unit_test(test_utf8_passes),
        cmocka_unit_test(test_bytes_not_utf8_are_replaced),
        cmocka_unit_test(test_bytes_with_nul),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
