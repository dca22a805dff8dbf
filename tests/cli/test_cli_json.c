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
#include "../support/not_utf8_cases.h"
#include "cli.h"

/* The JSON string cli_put_json_string writes for s, or, with len > 0,
 * cli_put_json_bytes for s[0..len). */
static const char *json_of(const char *s, size_t len)
{
    static char got[256];
    size_t n;
    FILE *f = tmpfile();
    assert_non_null(f);
    if (len == 0)
        cli_put_json_string(f, s);
    else
        cli_put_json_bytes(f, s, len);
    rewind(f);
    n = fread(got, 1, sizeof got - 1, f);
    got[n] = '\0';
    fclose(f);
    return got;
}

/* Text and UTF-8 pass: the string is only quoted. */
static void test_text_and_utf8_pass(void **state)
{
    static const char *const passes[] = {
        "", "Bad sender's system address", "bo\xc3\xaete",
        "\xe2\x82\xac \xf0\x9f\x93\xa7 \xf4\x8f\xbf\xbf"};
    char want[256];
    size_t i;
    (void)state;
    for (i = 0; i < sizeof passes / sizeof passes[0]; i++) {
        snprintf(want, sizeof want, "\"%s\"", passes[i]);
        assert_string_equal(json_of(passes[i], 0), want);
    }
}

/* Quote, backslash and control characters are escaped, NUL too, and a
 * control byte inside a UTF-8 sequence breaks it. */
static void test_escapes(void **state)
{
    static const struct {
        const char *in, *want;
    } escaped[] = {
        {"say \"hi\"", "\"say \\\"hi\\\"\""},
        {"C:\\path\\", "\"C:\\\\path\\\\\""},
        {"a\nb\rc\td", "\"a\\nb\\rc\\td\""},
        {"\x01\x1f\x7f", "\"\\u0001\\u001f\\u007f\""},
        {"\xc3\x01\xa9", "\"\\ufffd\\u0001\\ufffd\""},
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof escaped / sizeof escaped[0]; i++)
        assert_string_equal(json_of(escaped[i].in, 0), escaped[i].want);
    assert_string_equal(json_of("a\0b\xff", 4), "\"a\\u0000b\\ufffd\"");
}

/* The JSON string for a utf8 column of not_utf8_cases: '?' is \ufffd. */
static const char *json_of_utf8(const char *utf8)
{
    static char want[256];
    size_t n = 0;
    want[n++] = '"';
    for (; *utf8 != '\0'; utf8++) {
        const char *put = *utf8 == '?'   ? "\\ufffd"
                          : *utf8 == '"' ? "\\\""
                                         : NULL;
        size_t k = put != NULL ? strlen(put) : 1;
        assert_true(n + k + 2 < sizeof want);
        if (put != NULL)
            memcpy(want + n, put, k);
        else
            want[n] = *utf8;
        n += k;
    }
    want[n++] = '"';
    want[n] = '\0';
    return want;
}

/* Bytes not UTF-8 are \ufffd, one per byte, where every writer puts '?'
 * (tests/support/not_utf8_cases.h; but the rows with a control byte,
 * which JSON escapes: test_escapes). */
static void test_bytes_not_utf8_replaced(void **state)
{
    size_t i;
    (void)state;
    for (i = 0; i < sizeof not_utf8_cases / sizeof not_utf8_cases[0]; i++) {
        const char *in = not_utf8_cases[i].in, *p;
        int control = 0;
        for (p = in; *p != '\0'; p++)
            control |= (unsigned char)*p < 0x20;
        assert_null(strchr(in, '?'));
        if (control)
            continue;
        assert_string_equal(json_of(in, 0),
                            json_of_utf8(not_utf8_cases[i].utf8));
    }
}

CMOCKA_MAIN({
    cmocka_unit_test(test_text_and_utf8_pass),
    cmocka_unit_test(test_escapes),
    cmocka_unit_test(test_bytes_not_utf8_replaced),
})
