/*
 * The dsn program's JSON strings (tools/cli/json.c): every byte that RFC
 * 8259 section 7 requires escaped is, and nothing else changes. The
 * tables hold no such byte, so `dsn list --json` alone cannot show it.
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
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_text_is_quoted),
        cmocka_unit_test(test_quote_and_backslash_are_escaped),
        cmocka_unit_test(test_control_characters_are_escaped),
        cmocka_unit_test(test_utf8_passes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
