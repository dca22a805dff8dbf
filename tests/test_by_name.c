/*
 * dsn_by_name() and dsn_name(): every row found by its name, read from a
 * buffer of exactly its length (no NUL after it, so a read past len shows
 * under ASan or valgrind); every near miss (each prefix, each name with one
 * more byte, each byte changed) not found; the reply it gives; errors.
 * A search over a badly ordered index would miss some of these.
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "support/cmocka_main.h"
#include "dsn.h"

/* The id of the row named s[0..len), or -1: the plain linear answer. */
static int linear(const char *s, size_t len)
{
    int id;
    for (id = 0; id < (int)DSN_ID_COUNT; id++)
        if (dsn_entries[id].name_len == len &&
            memcmp(dsn_entries[id].name, s, len) == 0)
            return id;
    return -1;
}

/* dsn_by_name over a heap copy of exactly len bytes. */
static int by_name_exact(const char *s, size_t len, dsn_reply *out)
{
    char *copy = malloc(len > 0 ? len : 1);
    int r;
    assert_non_null(copy);
    memcpy(copy, s, len);
    r = dsn_by_name(copy, len, NULL, 0, out);
    free(copy);
    return r;
}

static void expect_lookup(const char *s, size_t len)
{
    int want = linear(s, len);
    int got = by_name_exact(s, len, NULL);
    if (want < 0 && got != DSN_ENOTFOUND)
        fail_msg("\"%.*s\": got %d, want DSN_ENOTFOUND", (int)len, s, got);
    if (want >= 0 && got != want)
        fail_msg("\"%.*s\": got %d, want %d", (int)len, s, got, want);
}

static void test_every_name_is_found(void **state)
{
    int id;
    (void)state;
    for (id = 0; id < (int)DSN_ID_COUNT; id++) {
        const dsn_entry *e = &dsn_entries[id];
        dsn_reply r, want = dsn_from_id(id, NULL, 0);
        assert_int_equal(by_name_exact(e->name, e->name_len, &r), id);
        assert_int_equal(r.code, want.code);
        assert_int_equal(r.cls, want.cls);
        assert_int_equal(r.subject, want.subject);
        assert_int_equal(r.detail, want.detail);
        assert_ptr_equal(r.msg, want.msg);
        assert_ptr_equal(r.fallback, want.fallback);
        assert_int_equal(r.flags, want.flags);
        assert_string_equal(dsn_name(id), e->name);
    }
    assert_int_equal(dsn_by_name("mbox_full", 9, NULL, 0, NULL),
                     DSN_ID_mbox_full);
    assert_int_equal(dsn_by_name("no_such_user", 12, NULL, 0, NULL),
                     DSN_ID_no_such_user);
    /* variants and haraka-dsn's spellings */
    assert_int_equal(dsn_by_name("addr_mbox_mobed", 15, NULL, 0, NULL),
                     DSN_ID_addr_mbox_mobed);
    assert_int_equal(dsn_by_name("addr_dest_ambigous", 18, NULL, 0, NULL),
                     DSN_ID_addr_dest_ambigous);
    assert_int_equal(dsn_by_name("addr_dest_ambiguous", 19, NULL, 0, NULL),
                     DSN_ID_addr_dest_ambiguous);
}

static void test_near_misses(void **state)
{
    int id;
    char buf[128];
    (void)state;
    for (id = 0; id < (int)DSN_ID_COUNT; id++) {
        const dsn_entry *e = &dsn_entries[id];
        size_t len = e->name_len, i;
        int c;
        assert_true(len + 1 < sizeof buf);
        for (i = 0; i <= len; i++)
            expect_lookup(e->name, i); /* every prefix, "" included */
        memcpy(buf, e->name, len);
        for (c = 0; c < 256; c++) {
            buf[len] = (char)c; /* one byte more, NUL included */
            expect_lookup(buf, len + 1);
        }
        for (i = 0; i < len; i++) {
            for (c = 0; c < 256; c++) {
                memcpy(buf, e->name, len);
                buf[i] = (char)c; /* one byte changed */
                expect_lookup(buf, len);
            }
        }
    }
}

static void test_not_found(void **state)
{
    static const char *const misses[] = {
        "",           "MBOX_FULL",  "Mbox_full", "dsn_mbox_full",
        " mbox_full", "mbox_full ", "mbox-full", "mbox_fulll",
        "a",          "zzzzzz",     "~",         "\xff",
    };
    size_t i;
    dsn_reply r;
    (void)state;
    for (i = 0; i < sizeof misses / sizeof misses[0]; i++) {
        memset(&r, 0x5a, sizeof r);
        assert_int_equal(by_name_exact(misses[i], strlen(misses[i]), &r),
                         DSN_ENOTFOUND);
        /* *out untouched */
        assert_int_equal(r.code, 0x5a5a5a5a);
    }
    /* a NUL inside the span matches nothing */
    assert_int_equal(dsn_by_name("mbox_full\0", 10, NULL, 0, NULL),
                     DSN_ENOTFOUND);
    /* len decides, not the NUL: a longer string read only up to len */
    assert_int_equal(dsn_by_name("mbox_full = reject", 9, NULL, 0, NULL),
                     DSN_ID_mbox_full);
    assert_int_equal(dsn_by_name(NULL, 0, NULL, 0, &r), DSN_ENOTFOUND);
    assert_int_equal(dsn_by_name(NULL, 5, NULL, 0, &r), DSN_EINVAL);
    assert_int_equal(r.code, 0x5a5a5a5a);
    assert_string_equal(dsn_err_name(DSN_ENOTFOUND), "ENOTFOUND");
    assert_string_equal(dsn_strerror(DSN_ENOTFOUND),
                        "no function of that name in dsn_table.def");
}

static void test_reply_with_msg_and_code(void **state)
{
    dsn_reply r;
    char buf[DSN_REPLY_MAX];
    (void)state;
    /* a config line: reject = mbox_full, with its own text and code */
    assert_int_equal(dsn_by_name("mbox_full", 9, "Quota exceeded", 452, &r),
                     DSN_ID_mbox_full);
    assert_int_equal(dsn_format(&r, buf, sizeof buf),
                     strlen("452 4.2.2 Quota exceeded\r\n"));
    assert_string_equal(buf, "452 4.2.2 Quota exceeded\r\n");
    /* haraka-dsn's defaults: invalid code, empty text */
    assert_int_equal(dsn_by_name("no_such_user", 12, "", 600, &r),
                     DSN_ID_no_such_user);
    dsn_format(&r, buf, sizeof buf);
    assert_string_equal(buf, "550 5.1.1 No such user\r\n");
}

static void test_name_of_id(void **state)
{
    (void)state;
    assert_string_equal(dsn_name(DSN_ID_no_such_user), "no_such_user");
    assert_string_equal(dsn_name(0), dsn_entries[0].name);
    assert_null(dsn_name(-1));
    assert_null(dsn_name((int)DSN_ID_COUNT));
    assert_null(dsn_name(INT_MIN));
    assert_null(dsn_name(INT_MAX));
}

CMOCKA_MAIN({
    cmocka_unit_test(test_every_name_is_found),
    cmocka_unit_test(test_near_misses),
    cmocka_unit_test(test_not_found),
    cmocka_unit_test(test_reply_with_msg_and_code),
    cmocka_unit_test(test_name_of_id),
})
