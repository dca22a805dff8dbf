/*
 * dsn_format's fast paths (src/format_fast.c) give the bytes of its general path.
 * A row's default text is copied pre-rendered when the reply points at
 * that very text; a copy of it takes the clean-lines path; the same copy
 * with a trailing '\n' (an empty last line, which is dropped) takes the
 * general path. All three must agree, for every row and for replies edited by
 * hand, and the clean-lines path must agree with the general one on
 * texts of every length around the 512-octet limit, in one line or many.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include <cmocka.h>

#include "support/cmocka_main.h"
#include "support/expect_reply.h"

#define TEXT_MAX 700

static char general[4096];

/* r with its text between before and after: with "" and "\n" it takes
 * the general path's scan 8 bytes at a time, with "\x01" and "" its
 * byte-by-byte one; the control character and the empty last line
 * leave the bytes unchanged. */
static size_t format_general(dsn_reply r, const char *before, const char *after,
                             char *out, size_t size)
{
    static char tmp[TEXT_MAX + 3];
    snprintf(tmp, sizeof tmp, "%s%s%s", before, r.msg, after);
    r.msg = tmp;
    return dsn_format(&r, out, size);
}

static void expect_as_general(dsn_reply r)
{
    static char bytewise[sizeof general];
    size_t n = format_general(r, "", "\n", general, sizeof general);
    assert_true(n > 0 && n < sizeof general);
    assert_int_equal(format_general(r, "\x01", "", bytewise, sizeof bytewise),
                     n);
    assert_string_equal(bytewise, general);
    /* in a buffer of exactly n + 1 bytes, and in a roomy one */
    expect_reply(r, general);
    assert_int_equal(dsn_format(&r, bytewise, sizeof bytewise), n);
    assert_string_equal(bytewise, general);
}

static void test_every_row_default(void **state)
{
    static const int codes[] = {0, 250, 452, 559, 354, 600};
    char copy[TEXT_MAX + 1];
    size_t c;
    int id;
    (void)state;
    for (id = 0; id < (int)DSN_ID_COUNT; id++) {
        for (c = 0; c < sizeof codes / sizeof codes[0]; c++) {
            dsn_reply r = dsn_from_id(id, NULL, codes[c]), own;
            expect_as_general(r); /* pre-rendered */
            own = r;
            snprintf(copy, sizeof copy, "%s", r.msg);
            own.msg = copy;
            expect_as_general(own); /* clean lines */
        }
        {
            const dsn_entry *e = dsn_entry_of(id);
            dsn_reply r = dsn_create(e->code, NULL, e->subject, e->detail);
            expect_as_general(r);
        }
    }
}

static void test_edited_replies(void **state)
{
    dsn_reply r;
    (void)state;
    /* the default text's pointer with another enhanced code */
    r = dsn_no_such_user(NULL, 0);
    r.subject = 2;
    expect_reply(r, "550 5.2.1 No such user\r\n");
    r = dsn_no_such_user(NULL, 0);
    r.detail = 10;
    expect_reply(r, "550 5.1.10 No such user\r\n");
    /* another row's text under this row's code */
    r = dsn_no_such_user(dsn_entries[DSN_ID_mbox_full].message, 0);
    expect_reply(r, "550 5.1.1 Mailbox full\r\n");
    /* the text without its fallback, and a variant's fallback */
    r = dsn_no_such_user(NULL, 0);
    r.fallback = NULL;
    expect_reply(r, "550 5.1.1 No such user\r\n");
    r = dsn_addr_bad_dest_mbox(NULL, 0);
    r.msg = r.fallback = dsn_entries[DSN_ID_no_such_user].message;
    expect_reply(r, "550 5.1.1 No such user\r\n");
    /* a class that does not match the code is refused on every path */
    r = dsn_no_such_user(NULL, 0);
    r.cls = 4;
    assert_int_equal(dsn_format(&r, general, sizeof general), 0);
    r.cls = 5;
    r.flags = DSN_FMT_NO_ENHANCED;
    expect_reply(r, "550 No such user\r\n");
}

static unsigned long long seed = 0x9E3779B97F4A7C15ull;

static unsigned next_random(void)
{
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return (unsigned)(seed >> 11);
}

static void test_clean_texts_of_every_length(void **state)
{
    static const char alphabet[] = "abcdefgh   XYZ.,;\xc3\xa9\xe2\x82\xac~";
    static char msg[TEXT_MAX + 1];
    size_t len, i;
    int round;
    (void)state;
    for (len = 1; len < 560; len++) {
        for (round = 0; round < 4; round++) {
            int subject = round == 3 ? 999 : (int)(next_random() % 8);
            int detail = round == 2 ? 100 : (int)(next_random() % 31);
            int code = round == 1 ? 0 : 200 + (int)(next_random() % 360);
            for (i = 0; i < len; i++)
                msg[i] = round == 0 && next_random() % 4 == 0
                             ? 'w'
                             : alphabet[next_random() % (sizeof alphabet - 1)];
            /* lines: clean ones, and now and then an empty one */
            for (i = 0; round == 1 && i < len; i += 1 + next_random() % 90)
                msg[i] = '\n';
            msg[len] = '\0';
            expect_as_general(dsn_create(code, msg, subject, detail));
        }
    }
}

CMOCKA_MAIN({
    cmocka_unit_test(test_every_row_default),
    cmocka_unit_test(test_edited_replies),
    cmocka_unit_test(test_clean_texts_of_every_length),
})
