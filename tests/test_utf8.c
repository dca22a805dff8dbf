/*
 * dsn_utf8_char and dsn_utf8_valid (dsn/base.h) against an oracle written
 * another way: RFC 3629's bit patterns decoded, the code point encoded
 * again, and the octets compared (a well-formed character is exactly the
 * encoding of a Unicode scalar value). Every 1-, 2- and 3-octet sequence
 * is tried, and every 4-octet one whose first two octets are any and
 * whose last two are a boundary of a class (00 7F 80 8F 90 9F A0 BF C0
 * FF): each lead octet, each second-octet range the lead allows or
 * refuses, each tail octet inside and just outside 80..BF.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "support/cmocka_main.h"
#include "dsn.h"

/* The octets of cp, RFC 3629 section 3's table. */
static size_t encode(unsigned long cp, unsigned char out[4])
{
    if (cp < 0x80) {
        out[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (unsigned char)(0xC0 | (cp >> 6));
        out[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (unsigned char)(0xE0 | (cp >> 12));
        out[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (unsigned char)(0xF0 | (cp >> 18));
    out[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

/* What dsn_utf8_char must say of b[0..n): the pattern's length when b
 * starts with the encoding of a scalar value, else 0. */
static size_t oracle(const unsigned char *b, size_t n)
{
    unsigned char again[4];
    unsigned long cp;
    size_t k, i;
    if (n == 0)
        return 0;
    k = b[0] < 0x80         ? 1
        : (b[0] >> 5) == 6  ? 2
        : (b[0] >> 4) == 14 ? 3
        : (b[0] >> 3) == 30 ? 4
                            : 0;
    if (k == 0 || k > n)
        return 0;
    cp = k == 1 ? b[0] : (unsigned long)(b[0] & (0x7F >> k));
    for (i = 1; i < k; i++)
        cp = (cp << 6) | (b[i] & 0x3Fu);
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return encode(cp, again) == k && memcmp(again, b, k) == 0 ? k : 0;
}

static void check(const unsigned char *b, size_t n)
{
    size_t want = oracle(b, n);
    size_t got = dsn_utf8_char((const char *)b, n);
    if (got != want)
        fail_msg("%zu octets %02X %02X %02X %02X: got %zu, want %zu", n,
                 n > 0 ? b[0] : 0, n > 1 ? b[1] : 0, n > 2 ? b[2] : 0,
                 n > 3 ? b[3] : 0, got, want);
}

static void test_every_short_sequence(void **state)
{
    unsigned char b[3] = {0, 0, 0};
    unsigned long v;
    (void)state;
    check(b, 0);
    for (v = 0; v < 0x100; v++) {
        b[0] = (unsigned char)v;
        check(b, 1);
    }
    for (v = 0; v < 0x10000; v++) {
        b[0] = (unsigned char)(v >> 8);
        b[1] = (unsigned char)v;
        check(b, 2);
    }
    for (v = 0; v < 0x1000000; v++) {
        b[0] = (unsigned char)(v >> 16);
        b[1] = (unsigned char)(v >> 8);
        b[2] = (unsigned char)v;
        check(b, 3);
    }
}

static void test_four_octet_classes(void **state)
{
    static const unsigned char edge[] = {0x00, 0x7F, 0x80, 0x8F, 0x90,
                                         0x9F, 0xA0, 0xBF, 0xC0, 0xFF};
    unsigned char b[4];
    unsigned long v;
    size_t x, y;
    (void)state;
    for (v = 0; v < 0x10000; v++) {
        b[0] = (unsigned char)(v >> 8);
        b[1] = (unsigned char)v;
        for (x = 0; x < sizeof edge; x++)
            for (y = 0; y < sizeof edge; y++) {
                b[2] = edge[x];
                b[3] = edge[y];
                check(b, 4);
            }
    }
}

/* Every scalar value is accepted whole, and refused when cut short. */
static void test_every_code_point(void **state)
{
    unsigned char b[4];
    unsigned long cp;
    (void)state;
    for (cp = 0; cp <= 0x10FFFF; cp++) {
        size_t n = encode(cp, b);
        int scalar = cp < 0xD800 || cp > 0xDFFF;
        assert_int_equal(dsn_utf8_char((const char *)b, n), scalar ? n : 0);
        assert_int_equal(dsn_utf8_char((const char *)b, n - 1), 0);
    }
}

static void test_longest_prefix(void **state)
{
    static const struct {
        const char *s;
        size_t len, valid;
    } cases[] = {
        {"", 0, 0},
        {"abc", 3, 3},
        {"a\0b", 3, 3},
        {"caf\xC3\xA9", 5, 5},
        {"caf\xC3", 4, 3},                      /* cut by len */
        {"\xE2\x82\xAC\xF0\x9F\x98\x80", 7, 7}, /* euro sign, emoji */
        {"ok\xC0\xAFno", 6, 2},                 /* overlong '/' */
        {"ok\xED\xA0\x80", 5, 2},               /* surrogate D800 */
        {"ok\xF4\x90\x80\x80", 6, 2},           /* U+110000 */
        {"\x80", 1, 0},                         /* lone continuation */
        {"ab\xC3\xA9\xFF", 5, 4},
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_int_equal(dsn_utf8_valid(cases[i].s, cases[i].len),
                         cases[i].valid);
    assert_int_equal(dsn_utf8_valid(NULL, 0), 0);
    assert_int_equal(dsn_utf8_char(NULL, 0), 0);
}

CMOCKA_MAIN({
    cmocka_unit_test(test_every_short_sequence),
    cmocka_unit_test(test_four_octet_classes),
    cmocka_unit_test(test_every_code_point),
    cmocka_unit_test(test_longest_prefix),
})
