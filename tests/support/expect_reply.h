/*
 * expect_reply.h - the one assertion the formatting tests make: a reply
 * formats to exactly the expected bytes, is well formed on the wire, and
 * keeps snprintf's contract at every buffer size from 0 to length + 1 (the
 * prefix that fits plus NUL, nothing written past size).
 * Include after <cmocka.h>.
 */
#ifndef DSN_TESTS_EXPECT_REPLY_H
#define DSN_TESTS_EXPECT_REPLY_H

#include <stdlib.h>
#include <string.h>

#include "dsn.h"
#include "wire_check.h"

#define CANARY ((char)0xA5)

static void check_truncation(const dsn_reply *r, unsigned flags,
                             const char *full, size_t len)
{
    char *buf = malloc(len + 2 + 8);
    size_t size, i;
    assert_non_null(buf);
    for (size = 0; size <= len + 1; size++) {
        memset(buf, CANARY, len + 2 + 8);
        assert_int_equal(dsn_format_ex(r, flags, buf, size), len);
        if (size == 0) {
            assert_int_equal(buf[0], CANARY);
            continue;
        }
        i = size - 1 < len ? size - 1 : len;
        assert_memory_equal(buf, full, i);
        assert_int_equal(buf[i], '\0');
        for (i = i + 1; i < len + 2 + 8; i++)
            assert_int_equal(buf[i], CANARY);
    }
    free(buf);
}

/* Formats r with flags; returns the bytes (caller frees). */
static char *format_all(const dsn_reply *r, unsigned flags, size_t *len)
{
    size_t n = dsn_format_ex(r, flags, NULL, 0);
    char *buf = malloc(n + 1);
    assert_non_null(buf);
    assert_int_equal(dsn_format_ex(r, flags, buf, n + 1), n);
    assert_int_equal(strlen(buf), n);
    *len = n;
    return buf;
}

static void expect_reply_ex(const dsn_reply *r, unsigned flags,
                            const char *want)
{
    size_t len;
    char *got = format_all(r, flags, &len);
    assert_string_equal(got, want);
    if (!((flags | r->flags) & DSN_FMT_TEXT)) {
        const char *why;
        if (wire_check(got, len, !((flags | r->flags) & DSN_FMT_NO_ENHANCED),
                       &why) == 0)
            fail_msg("malformed reply (%s): %s", why, got);
    }
    check_truncation(r, flags, got, len);
    free(got);
}

#define expect_reply(r, want) expect_reply_ex(&(r), 0, want)

#endif
