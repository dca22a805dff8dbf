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

#include "support/cmocka_main.h"
#include "support/each_row.h"
#include "support/expect_reply.h"

/* dsn_create's arguments and the reply they must format to. */
static const struct {
    int code;
    const char *msg;
    int subject, detail;
    const char *want;
} creates[] = {
    /* default texts: the row that owns the code */
    {550, NULL, 1, 1, "550 5.1.1 Bad destination mailbox address\r\n"},
    /* X.7.0: sec_unspecified's text, not auth_succeeded's */
    {235, "", 7, 0, "235 2.7.0 Other or undefined security status\r\n"},
    /* registry codes haraka-dsn has no text for: the registry's */
    {553, NULL, 6, 7,
     "553 5.6.7 Non-ASCII addresses not permitted for that "
     "sender/recipient\r\n"},
    /* a code nobody registered: an empty text, as haraka-dsn sends it */
    {550, NULL, 9, 9, "550 5.9.9 \r\n"},
    {550, NULL, 6, 10, "550 5.6.10 \r\n"},
    {550, "\r\n\t", 999, 999, "550 5.999.999 \r\n"},
    /* codes that are no reply code of a rejection: 450, class 4 */
    {0, NULL, 1, 1, "450 4.1.1 Bad destination mailbox address\r\n"},
    {354, "go on", 0, 0, "450 4.0.0 go on\r\n"},
    {INT_MAX, "x", 0, 0, "450 4.0.0 x\r\n"},
    {INT_MIN, "x", 0, 0, "450 4.0.0 x\r\n"},
    /* own texts, lines and all */
    {250, "line one\nline two", 0, 0,
     "250-2.0.0 line one\r\n250 2.0.0 line two\r\n"},
    {521, NULL, 3, 2, "521 5.3.2 System not accepting network messages\r\n"},
};

static void test_codes_and_messages(void **state)
{
    size_t i;
    (void)state;
    for (i = 0; i < sizeof creates / sizeof creates[0]; i++) {
        dsn_reply r = dsn_create(creates[i].code, creates[i].msg,
                                 creates[i].subject, creates[i].detail);
        expect_reply(r, creates[i].want);
    }
}

/* every row that owns a code gives its text through create */
static void create_gives_the_row_text(const dsn_entry *e)
{
    dsn_reply r = dsn_create(e->code, NULL, e->subject, e->detail);
    if (!e->variant)
        assert_string_equal(r.msg, e->message);
}

static void test_default_text_is_the_owning_row(void **state)
{
    (void)state;
    for_each_row(create_gives_the_row_text);
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

CMOCKA_MAIN({
    cmocka_unit_test(test_default_text_is_the_owning_row),
    cmocka_unit_test(test_codes_and_messages),
    cmocka_unit_test(test_out_of_range),
})
