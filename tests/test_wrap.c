/*
 * Line breaking at RFC 5321's 512 octets: at the exact boundary, at the last
 * space, hard where there is none, never inside a UTF-8 sequence, and for
 * messages up to 1 MiB.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "support/cmocka_main.h"
#include "support/expect_reply.h"
#include "support/xorshift.h"

/* "550-5.1.1 " and CRLF leave 500 text octets on a line. */
#define ROOM_511 500

static char *repeat(char c, size_t n)
{
    char *s = malloc(n + 1);
    assert_non_null(s);
    memset(s, c, n);
    s[n] = '\0';
    return s;
}

/* Line octets 510, 511, 512 fit; 513 does not. */
static void test_exact_boundary(void **state)
{
    size_t total;
    (void)state;
    for (total = 510; total <= 514; total++) {
        size_t text = total - 12;
        char *msg = repeat('a', text), *want = malloc(2 * total + 64);
        dsn_reply r = dsn_no_such_user(msg, 0);
        assert_non_null(want);
        if (total <= DSN_LINE_MAX) {
            sprintf(want, "550 5.1.1 %s\r\n", msg);
        } else {
            /* no space: split hard at the limit */
            size_t rest = text - ROOM_511;
            msg[ROOM_511] = '\0';
            sprintf(want, "550-5.1.1 %s\r\n550 5.1.1 ", msg);
            memset(want + strlen(want), 'a', rest);
            strcpy(want + 10 + ROOM_511 + 2 + 10 + rest, "\r\n");
            msg[ROOM_511] = 'a';
        }
        expect_reply(r, want);
        free(msg);
        free(want);
    }
}

/* The break goes at the last space that fits; that space is dropped. */
static void test_breaks_at_last_space(void **state)
{
    char *msg = repeat('a', 600), want[1400];
    dsn_reply r;
    (void)state;
    /* a space exactly at the limit: the first line is full */
    msg[ROOM_511] = ' ';
    snprintf(want, sizeof want, "550-5.1.1 %.*s\r\n550 5.1.1 %s\r\n", ROOM_511,
             msg, msg + ROOM_511 + 1);
    r = dsn_no_such_user(msg, 0);
    expect_reply(r, want);
    msg[ROOM_511] = 'a';
    /* earlier spaces: the last of them wins */
    msg[100] = msg[300] = ' ';
    snprintf(want, sizeof want, "550-5.1.1 %.*s\r\n550 5.1.1 %s\r\n", 300, msg,
             msg + 301);
    r = dsn_no_such_user(msg, 0);
    expect_reply(r, want);
    free(msg);
}

/* A multi-byte character across the limit moves whole to the next line. */
static void test_utf8_at_the_boundary(void **state)
{
    static const char *const chars[] = {"\xc3\xa9", "\xe6\x97\xa5",
                                        "\xf0\x9f\x98\x80"};
    size_t c, offset;
    (void)state;
    for (c = 0; c < 3; c++) {
        size_t w = strlen(chars[c]);
        for (offset = ROOM_511 - w - 1; offset <= ROOM_511; offset++) {
            char msg[1200], want[1400];
            size_t fits;
            dsn_reply r;
            memset(msg, 'a', offset);
            strcpy(msg + offset, chars[c]);
            strcat(msg, "zz");
            /* the hard split falls at the limit, or before the character
             * that crosses it */
            fits = offset + w <= ROOM_511 ? ROOM_511 : offset;
            if (offset + w + 2 <= ROOM_511)
                snprintf(want, sizeof want, "550 5.1.1 %s\r\n", msg);
            else
                snprintf(want, sizeof want,
                         "550-5.1.1 %.*s\r\n550 5.1.1 %s\r\n", (int)fits, msg,
                         msg + fits);
            r = dsn_no_such_user(msg, 0);
            expect_reply(r, want);
        }
    }
}

/* Control characters removed before the limit is counted. */
static void test_limit_counts_sanitised_text(void **state)
{
    char *msg = repeat('\t', 1000), want[1200];
    dsn_reply r;
    (void)state;
    memset(msg + 200, 'b', ROOM_511);
    r = dsn_no_such_user(msg, 0);
    snprintf(want, sizeof want, "550 5.1.1 %.*s\r\n", ROOM_511, msg + 200);
    expect_reply(r, want);
    free(msg);
}

/* A 3-digit subject and detail leave 496 octets; no enhanced code, 506. */
static void test_room_follows_the_prefix(void **state)
{
    char *msg = repeat('x', 2000);
    size_t len, i;
    char *out;
    dsn_reply r = dsn_create(550, msg, 100, 999);
    const char *why;
    (void)state;
    out = format_all(&r, 0, &len);
    assert_int_equal(wire_check(out, len, 1, &why), 5);
    for (i = 0; i < 4; i++)
        assert_int_equal(strcspn(out + i * DSN_LINE_MAX, "\n") + 1,
                         DSN_LINE_MAX);
    free(out);
    r = dsn_create(550, msg, 1, 1);
    out = format_all(&r, DSN_FMT_NO_ENHANCED, &len);
    assert_int_equal(wire_check(out, len, 0, &why), 4);
    assert_int_equal(strcspn(out, "\n") + 1, DSN_LINE_MAX);
    assert_int_equal(len, 3 * 512 + 4 + (2000 - 3 * 506) + 2);
    free(out);
    /* the text variant wraps where the wire would */
    out = format_all(&r, DSN_FMT_TEXT, &len);
    assert_int_equal(strcspn(out, "\n"), 6 + ROOM_511);
    free(out);
    free(msg);
}

static uint64_t rng = 88172645463325252u;
static uint32_t rnd(uint32_t n)
{
    return xorshift_below(&rng, n);
}

/* Every printable byte of the message arrives, in order; only control
 * characters and the spaces lines broke at are gone. */
static void check_nothing_lost(const char *msg, const char *out, size_t len)
{
    const char *m = msg, *o = out, *end = out + len;
    while (o < end) {
        const char *eol = strstr(o, "\r\n");
        o += 10; /* "550-5.1.1 " */
        for (; o < eol; o++) {
            while (*m != '\0' && (*m == '\n' || (unsigned char)*m < 0x20 ||
                                  *m == 0x7f || (*m == ' ' && *o != ' ')))
                m++;
            assert_int_equal(*m, *o);
            m++;
        }
        o = eol + 2;
    }
    for (; *m != '\0'; m++)
        assert_true(*m == ' ' || *m == '\n' || (unsigned char)*m < 0x20 ||
                    *m == 0x7f);
}

static void test_random_messages(void **state)
{
    static const char *const parts[] = {
        "word", " ",         "  ",           "\r",
        "\n",   "\xc3\xa9",  "\xe6\x97\xa5", "\xf0\x9f\x98\x80",
        "\t",   "long-token"};
    int round;
    (void)state;
    for (round = 0; round < 300; round++) {
        char msg[4096];
        size_t n = 0, len, lines, target = rnd(3000);
        const char *why;
        char *out;
        dsn_reply r;
        while (n < target) {
            const char *p = parts[rnd(10)];
            if (rnd(3) == 0)
                p = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
            memcpy(msg + n, p, strlen(p));
            n += strlen(p);
        }
        msg[n] = '\0';
        r = dsn_no_such_user(msg, 0);
        out = format_all(&r, 0, &len);
        lines = wire_check(out, len, 1, &why);
        if (lines == 0)
            fail_msg("round %d: %s", round, why);
        if (strcmp(out, "550 5.1.1 No such user\r\n") != 0)
            check_nothing_lost(msg, out, len);
        if (round < 40)
            check_truncation(&r, 0, out, len);
        free(out);
    }
}

/* 1 MiB of text, with spaces, with none, and not UTF-8 at all. */
static void test_one_mebibyte(void **state)
{
    const size_t mib = 1u << 20;
    char *msg = repeat('a', mib), *out;
    size_t len, i, lines;
    const char *why;
    dsn_reply r;
    (void)state;
    for (i = 7; i < mib; i += 8)
        msg[i] = ' ';
    r = dsn_no_such_user(msg, 0);
    out = format_all(&r, 0, &len);
    lines = wire_check(out, len, 1, &why);
    assert_true(lines > mib / ROOM_511);
    assert_int_equal(len, lines * 12 + mib - (lines - 1));
    free(out);
    memset(msg, 'b', mib);
    r = dsn_no_such_user(msg, 0);
    out = format_all(&r, 0, &len);
    assert_int_equal(wire_check(out, len, 1, &why),
                     (mib + ROOM_511 - 1) / ROOM_511);
    free(out);
    /* continuation bytes only: no lead byte to back up to, split anyway */
    memset(msg, 0x80, mib);
    r = dsn_no_such_user(msg, 0);
    out = format_all(&r, 0, &len);
    assert_int_equal(wire_check(out, len, 1, &why),
                     (mib + ROOM_511 - 1) / ROOM_511);
    free(out);
    free(msg);
}

CMOCKA_MAIN({
    cmocka_unit_test(test_exact_boundary),
    cmocka_unit_test(test_breaks_at_last_space),
    cmocka_unit_test(test_utf8_at_the_boundary),
    cmocka_unit_test(test_limit_counts_sanitised_text),
    cmocka_unit_test(test_room_follows_the_prefix),
    cmocka_unit_test(test_random_messages),
    cmocka_unit_test(test_one_mebibyte),
})
