/*
 * dsn_create: haraka-dsn's DSN.create(code, msg, subject, detail), with its
 * default texts taken from the table, and its errors.
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include <cmocka.h>

#include "support/expect_reply.h"

static void test_default_text_is_the_owning_row(void **state)
{
    dsn_reply r;
    int id;
    (void)state;
    r = dsn_create(550, NULL, 1, 1);
    expect_reply(r, "550 5.1.1 Bad destination mailbox address\r\n");
    /* X.7.0: sec_unspecified's text, not auth_succeeded's */
    r = dsn_create(235, "", 7, 0);
    expect_reply(r, "235 2.7.0 Other or undefined security status\r\n");
    /* registry codes haraka-dsn has no text for: the registry's */
    r = dsn_create(553, NULL, 6, 7);
    expect_reply(r, "553 5.6.7 Non-ASCII addresses not permitted for that "
                    "sender/recipient\r\n");
    /* a code nobody registered: an empty text, as haraka-dsn sends it */
    r = dsn_create(550, NULL, 9, 9);
    expect_reply(r, "550 5.9.9 \r\n");
    r = dsn_create(550, NULL, 6, 10);
    expect_reply(r, "550 5.6.10 \r\n");
    r = dsn_create(550, "\r\n\t", 999, 999);
    expect_reply(r, "550 5.999.999 \r\n");
    /* every row that owns a code gives its text through create */
    for (id = 0; id < (int)DSN_ID_COUNT; id++) {
        const dsn_entry *e = &dsn_entries[id];
        r = dsn_create(e->code, NULL, e->subject, e->detail);
        if (!e->variant)
            assert_string_equal(r.msg, e->message);
    }
}

static void test_codes_and_messages(void **state)
{
    dsn_reply r;
    (void)state;
    r = dsn_create(0, NULL, 1, 1);
    expect_reply(r, "450 4.1.1 Bad destination mailbox address\r\n");
    r = dsn_create(354, "go on", 0, 0);
    expect_reply(r, "450 4.0.0 go on\r\n");
    r = dsn_create(INT_MAX, "x", 0, 0);
    expect_reply(r, "450 4.0.0 x\r\n");
    r = dsn_create(INT_MIN, "x", 0, 0);
    expect_reply(r, "450 4.0.0 x\r\n");
    r = dsn_create(250, "line one\nline two", 0, 0);
    expect_reply(r, "250-2.0.0 line one\r\n250 2.0.0 line two\r\n");
    r = dsn_create(521, NULL, 3, 2);
    expect_reply(r, "521 5.3.2 System not accepting network messages\r\n");
}

/* subject and detail outside 0..999 are an error, reported, not formatted. */
static void test_out_of_range(void **state)
{
    static const int bad[][2] = {{-1, 0},   {0, -1},      {1000, 0},
                                 {0, 1000}, {INT_MIN, 1}, {1, INT_MAX}};
    char buf[64];
    size_t i;
    (void)state;
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        dsn_reply r = dsn_create(550, "text", bad[i][0], bad[i][1]);
        assert_int_equal(dsn_reply_check(&r, 0), DSN_EBADSTATUS);
        memset(buf, 'x', sizeof buf);
        assert_int_equal(dsn_format(&r, buf, sizeof buf), 0);
        assert_string_equal(buf, "");
        assert_int_equal(dsn_text(&r, NULL, 0), 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_text_is_the_owning_row),
        cmocka_unit_test(test_codes_and_messages),
        cmocka_unit_test(test_out_of_range),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
