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

#include "../support/cmocka_main.h"
#include "cli.h"

/* Bytes in (len 0: to its NUL) and the JSON string they must give. */
static const struct {
    const char *in;
    size_t len;
    const char *want;
} cases[] = {
    /* plain text is quoted */
    {"", 0, "\"\""},
    {"Bad sender's system address", 0, "\"Bad sender's system address\""},
    /* quote and backslash are escaped */
    {"say \"hi\"", 0, "\"say \\\"hi\\\"\""},
    {"C:\\path\\", 0, "\"C:\\\\path\\\\\""},
    /* control characters are escaped, NUL too */
    {"a\nb\rc\td", 0, "\"a\\nb\\rc\\td\""},
    {"\x01\x1f\x7f", 0, "\"\\u0001\\u001f\\u007f\""},
    {"a\0b\xff", 4, "\"a\\u0000b\\ufffd\""},
    /* UTF-8 passes */
    {"bo\xc3\xaete", 0, "\"bo\xc3\xaete\""},
    {"\xe2\x82\xac \xf0\x9f\x93\xa7 \xf4\x8f\xbf\xbf", 0,
     "\"\xe2\x82\xac \xf0\x9f\x93\xa7 \xf4\x8f\xbf\xbf\""},
    /* bytes not UTF-8 are replaced: Latin-1, a lone continuation byte, a
     * cut sequence at the end */
    {"caf\xe9", 0, "\"caf\\ufffd\""},
    {"\x80x", 0, "\"\\ufffdx\""},
    {"a\xe2\x82", 0, "\"a\\ufffd\\ufffd\""},
    /* overlong '/', a surrogate, above U+10FFFF, 0xC0 0xC1 0xF5 0xFF */
    {"\xc0\xaf", 0, "\"\\ufffd\\ufffd\""},
    {"\xed\xa0\x80", 0, "\"\\ufffd\\ufffd\\ufffd\""},
    {"\xf4\x90\x80\x80", 0, "\"\\ufffd\\ufffd\\ufffd\\ufffd\""},
    {"\xc1\xf5\xff", 0, "\"\\ufffd\\ufffd\\ufffd\""},
    /* a sequence cut by another character */
    {"\xc3\"", 0, "\"\\ufffd\\\"\""},
};

static void test_json_strings(void **state)
{
    char got[256];
    size_t i, n;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        FILE *f = tmpfile();
        assert_non_null(f);
        if (cases[i].len == 0)
            cli_put_json_string(f, cases[i].in);
        else
            cli_put_json_bytes(f, cases[i].in, cases[i].len);
        rewind(f);
        n = fread(got, 1, sizeof got - 1, f);
        got[n] = '\0';
        fclose(f);
        assert_string_equal(got, cases[i].want);
    }
}

CMOCKA_MAIN({
    cmocka_unit_test(test_json_strings),
})
