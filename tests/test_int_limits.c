/*
 * Every int a caller passes to the public API, at and around each limit:
 * INT_MIN, INT_MAX, the values around 0, around every range the headers
 * document (0..999, 200..599, [245][0-5][0-9], the ids, the actions) and
 * the values whose product by 100 or 1000 overflows. Each call is checked
 * against the documented result, computed here from the headers' words;
 * built with -fsanitize=undefined -fno-sanitize-recover=all (the
 * sanitizer CI step) any arithmetic on an unchecked int aborts the test.
 *
 * A fault Frama-C found: dsn_status_fields() multiplied a caller's status class by
 * 100 before checking it; {42949677, 1, 1} overflowed (and wrapped to a
 * valid 404 at -O2).
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "support/cmocka_main.h"
#include "dsn.h"

static const int values[] = {
    INT_MIN,
    INT_MIN + 1,
    -INT_MAX / 100 - 1,
    -INT_MAX / 1000 - 1,
    -1000,
    -999,
    -100,
    -2,
    -1,
    0,
    1,
    2,
    3,
    4,
    5,
    6,
    7,
    8,
    9,
    10,
    59,
    60,
    91,
    92,
    93,
    99,
    100,
    101,
    199,
    200,
    201,
    250,
    259,
    260,
    299,
    300,
    354,
    399,
    400,
    421,
    451,
    452,
    459,
    460,
    499,
    500,
    550,
    559,
    560,
    599,
    600,
    999,
    1000,
    1001,
    INT_MAX / 1000,
    INT_MAX / 1000 + 1,
    INT_MAX / 100,
    INT_MAX / 100 + 1,
    42949677,
    INT_MAX - 1,
    INT_MAX,
};
#define NV (sizeof values / sizeof values[0])

static int in(int v, int lo, int hi)
{
    return v >= lo && v <= hi;
}

/* The headers' words, once more, as predicates. */
static int code_valid(int c) /* [245][0-5][0-9]: dsn.h */
{
    return in(c, 200, 559) && c / 100 != 3 && c % 100 <= 59;
}
static int basic_valid(int c) /* [2-5][0-5][0-9]: dsn_basic() */
{
    return in(c, 200, 559) && c % 100 <= 59;
}
static int final_valid(int c) /* 200..599 but 3yz: dsn_severity() */
{
    return in(c, 200, 599) && c / 100 != 3;
}
static int number_valid(int v) /* subject, detail */
{
    return in(v, 0, 999);
}

static int listed_error(int v)
{
    switch (v) {
    case DSN_OK:
#define LISTED_(name, value, text) case DSN_##name:
        DSN_ERRNO_MAP(LISTED_)
#undef LISTED_
        return 1;
    default:
        return 0;
    }
}

static void test_errors_and_names(void **state)
{
    size_t i;
    (void)state;
    for (i = 0; i < NV; i++) {
        int v = values[i];
        int listed = listed_error(v);
        assert_int_equal(strcmp(dsn_err_name(v), "unknown error") != 0, listed);
        assert_int_equal(strcmp(dsn_strerror(v), "unknown error") != 0, listed);
        assert_int_equal(dsn_entry_of(v) != NULL, in(v, 0, DSN_ID_COUNT - 1));
        assert_int_equal(dsn_name(v) != NULL, in(v, 0, DSN_ID_COUNT - 1));
        assert_int_equal(dsn_class_name(v) != NULL, v == 2 || v == 4 || v == 5);
        assert_int_equal(dsn_subject_name(v) != NULL, in(v, 0, 7));
        assert_int_equal(dsn_severity_name(v) != NULL,
                         v == 2 || v == 4 || v == 5);
        assert_int_equal(dsn_action_name(v) != NULL,
                         in(v, DSN_ACTION_FAILED, DSN_ACTION_EXPANDED));
        assert_int_equal(dsn_code_valid(v), code_valid(v));
    }
}

static void test_lookups_by_status(void **state)
{
    size_t i, j;
    (void)state;
    for (i = 0; i < NV; i++) {
        for (j = 0; j < NV; j++) {
            int s = values[i], d = values[j];
            const dsn_entry *e = dsn_entry_by_status(s, d);
            const dsn_status_info *info = dsn_describe(s, d);
            if (!number_valid(s) || !number_valid(d)) {
                assert_null(e);
                assert_null(info);
            }
            if (e != NULL)
                assert_true(e->subject == s && e->detail == d);
            if (info != NULL)
                assert_true(info->subject == s && info->detail == d);
        }
    }
}

static void test_associated(void **state)
{
    const dsn_status_info *any = dsn_describe(0, 0);
    size_t i;
    (void)state;
    assert_non_null(any);
    for (i = 0; i < NV; i++) {
        int v = values[i];
        /* X.0.0 is "Any": every final code, no other int */
        assert_int_equal(dsn_status_associated(any, v), final_valid(v));
        assert_int_equal(dsn_status_associated(NULL, v), 0);
    }
}

static void test_severity_action_default(void **state)
{
    size_t i;
    (void)state;
    for (i = 0; i < NV; i++) {
        int v = values[i];
        dsn_status st = {-7, -7, -7};
        int sev = dsn_severity(v), act = dsn_action_of(v);
        int r = dsn_default_status(v, &st);
        if (!final_valid(v)) {
            assert_int_equal(sev, DSN_EBADCODE);
            assert_int_equal(act, DSN_EBADCODE);
            assert_int_equal(r, DSN_EBADCODE);
            assert_int_equal(st.cls, -7);
            continue;
        }
        assert_int_equal(sev, v / 100);
        assert_int_equal(act, v / 100 == 2   ? DSN_ACTION_DELIVERED
                              : v / 100 == 4 ? DSN_ACTION_DELAYED
                                             : DSN_ACTION_FAILED);
        assert_int_equal(r, DSN_OK);
        assert_int_equal(st.cls, v / 100);
        assert_true(number_valid(st.subject) && number_valid(st.detail));
    }
}

static void test_reply_status(void **state)
{
    size_t i;
    (void)state;
    for (i = 0; i < NV; i++) {
        dsn_parsed_reply r;
        dsn_status st;
        memset(&r, 0, sizeof r);
        r.code = values[i];
        r.status.cls = r.status.subject = r.status.detail = values[i];
        r.flags = 0;
        assert_int_equal(dsn_reply_status(&r, &st),
                         final_valid(values[i]) ? DSN_OK : DSN_EBADCODE);
        /* with DSN_REPLY_STATUS the reply's own status, as it is */
        r.flags = DSN_REPLY_STATUS;
        assert_int_equal(dsn_reply_status(&r, &st), DSN_OK);
        assert_int_equal(st.cls, values[i]);
    }
}

/* dsn_reply_check()'s documented order: code, then numbers, then class. */
static int check_oracle(const dsn_reply *r, unsigned flags)
{
    if ((flags | r->flags) & DSN_FMT_NO_ENHANCED)
        return basic_valid(r->code) ? DSN_OK : DSN_EBADCODE;
    if (!code_valid(r->code))
        return DSN_EBADCODE;
    if (!number_valid(r->subject) || !number_valid(r->detail))
        return DSN_EBADSTATUS;
    return r->cls == r->code / 100 ? DSN_OK : DSN_EBADCLASS;
}

static const unsigned flag_values[] = {0u, DSN_FMT_NO_ENHANCED, DSN_FMT_TEXT,
                                       DSN_FMT_NO_ENHANCED | DSN_FMT_TEXT,
                                       UINT_MAX};

static void expect_format(const dsn_reply *r)
{
    size_t k;
    for (k = 0; k < sizeof flag_values / sizeof flag_values[0]; k++) {
        char buf[DSN_REPLY_MAX];
        int want = check_oracle(r, flag_values[k]);
        size_t n = dsn_format_ex(r, flag_values[k], buf, sizeof buf);
        assert_int_equal(dsn_reply_check(r, flag_values[k]), want);
        if (want != DSN_OK) {
            assert_int_equal(n, 0);
            assert_string_equal(buf, "");
        } else {
            assert_true(n > 0);
        }
    }
}

static void test_format_every_field(void **state)
{
    size_t i, j;
    (void)state;
    for (i = 0; i < NV; i++) {
        int v = values[i];
        dsn_reply r = dsn_no_such_user(NULL, 0), g;
        int k;
        /* each int field of the reply in turn */
        for (k = 0; k < 4; k++) {
            g = r;
            *(k == 0   ? &g.code
              : k == 1 ? &g.cls
              : k == 2 ? &g.subject
                       : &g.detail) = v;
            expect_format(&g);
        }
        for (j = 0; j < NV; j++) {
            g = r;
            g.code = v;
            g.cls = values[j];
            expect_format(&g);
            g = r;
            g.subject = v;
            g.detail = values[j];
            expect_format(&g);
        }
    }
}

static void test_constructors(void **state)
{
    size_t i, j, k;
    (void)state;
    for (i = 0; i < NV; i++) {
        int v = values[i];
        dsn_reply r = dsn_no_such_user("x", v), b = dsn_basic(v, "x"), o;
        assert_int_equal(r.code, code_valid(v) ? v : 550);
        assert_int_equal(dsn_reply_check(&r, 0), DSN_OK);
        assert_int_equal(b.code, basic_valid(v) ? v : 0);
        assert_int_equal(dsn_reply_check(&b, 0),
                         basic_valid(v) ? DSN_OK : DSN_EBADCODE);
        r = dsn_from_id(v, "x", 250);
        assert_int_equal(dsn_reply_check(&r, 0),
                         in(v, 0, DSN_ID_COUNT - 1) ? DSN_OK : DSN_EBADCODE);
        assert_int_equal(dsn_by_name("no_such_user", 12, "x", v, &o),
                         DSN_ID_no_such_user);
        assert_int_equal(o.code, code_valid(v) ? v : 550);
        for (j = 0; j < NV; j++) {
            for (k = 0; k < NV; k++) {
                int s = values[j], d = values[k];
                dsn_reply c = dsn_create(v, NULL, s, d);
                char buf[DSN_REPLY_MAX];
                int ok = number_valid(s) && number_valid(d);
                assert_int_equal(c.code, code_valid(v) ? v : 450);
                assert_int_equal(dsn_reply_check(&c, 0),
                                 ok ? DSN_OK : DSN_EBADSTATUS);
                assert_int_equal(dsn_format(&c, buf, sizeof buf) > 0, ok);
            }
        }
    }
}

/* dsn_status_fields_check()'s documented rules, from dsn/delivery.h. */
static int fields_oracle(const dsn_recipient_fields *f)
{
    int cls, action;
    if (f->code != 0 && !final_valid(f->code))
        return DSN_EBADCODE;
    if (f->action != 0 && !in(f->action, 1, 5))
        return DSN_EINVAL;
    if (f->status != NULL) {
        cls = f->status->cls;
        if ((cls != 2 && cls != 4 && cls != 5) ||
            !number_valid(f->status->subject) ||
            !number_valid(f->status->detail))
            return DSN_EBADSTATUS;
    } else if (f->code != 0) {
        cls = f->code / 100;
    } else {
        return DSN_EINVAL;
    }
    action = f->action != 0 ? f->action
             : f->code != 0 ? dsn_action_of(f->code)
             : cls == 2     ? DSN_ACTION_DELIVERED
             : cls == 4     ? DSN_ACTION_DELAYED
                            : DSN_ACTION_FAILED;
    if (action == DSN_ACTION_FAILED)
        return cls != 2 ? DSN_OK : DSN_EBADCLASS;
    if (action == DSN_ACTION_DELAYED)
        return cls == 4 ? DSN_OK : DSN_EBADCLASS;
    return cls == 2 ? DSN_OK : DSN_EBADCLASS;
}

static void expect_fields(const dsn_recipient_fields *f)
{
    char buf[512];
    int want = fields_oracle(f);
    size_t n = dsn_status_fields(f, buf, sizeof buf);
    assert_int_equal(dsn_status_fields_check(f), want);
    if (want != DSN_OK) {
        assert_int_equal(n, 0);
        assert_string_equal(buf, "");
    } else {
        /* the Status written is the status resolved: digits only */
        const char *s = strstr(buf, "Status: ");
        assert_non_null(s);
        assert_true(s[8] == '2' || s[8] == '4' || s[8] == '5');
        assert_true(s[9] == '.');
    }
}

static void test_status_fields(void **state)
{
    size_t i, j, k;
    (void)state;
    for (i = 0; i < NV; i++) {
        for (j = 0; j < NV; j++) {
            dsn_recipient_fields f = DSN_RECIPIENT_FIELDS_INIT;
            dsn_status st = {5, 1, 1};
            f.final_recipient = "user@example.com";
            /* action x code, without and with a status */
            f.action = values[i];
            f.code = values[j];
            expect_fields(&f);
            f.status = &st;
            expect_fields(&f);
            /* the status's numbers, by pairs, with each action */
            for (k = 0; k < 6; k++) {
                f.action = (int)k;
                f.code = 0;
                st.cls = values[i];
                st.subject = values[j];
                st.detail = 1;
                expect_fields(&f);
                st.cls = 5;
                st.subject = values[i];
                st.detail = values[j];
                expect_fields(&f);
            }
        }
    }
}

/* dsn/base.h's small rules and dsn_status_format(). */
static void test_base(void **state)
{
    size_t i, j;
    (void)state;
    for (i = 0; i < NV; i++) {
        int v = values[i];
        assert_int_equal(dsn_code_in_range(v), in(v, 200, 599));
        assert_int_equal(dsn_code_wellformed(v), basic_valid(v));
        assert_int_equal(dsn_status_number_valid(v), number_valid(v));
        for (j = 0; j < NV; j++) {
            dsn_status st;
            char buf[DSN_STATUS_MAX];
            int ok;
            st.cls = v;
            st.subject = values[j];
            st.detail = values[NV - 1 - j];
            ok = (v == 2 || v == 4 || v == 5) && number_valid(st.subject) &&
                 number_valid(st.detail);
            assert_int_equal(dsn_status_valid(&st), ok);
            assert_int_equal(dsn_status_format(&st, buf, sizeof buf) > 0, ok);
        }
    }
}

/* The ints dsn_rfc5322_date() reads, each with the range it takes on
 * 2026-11-30 10:22:53: the offset, then the members of the tm (a month
 * but February, which has no 30th). */
#define DATE_OFFSET ((size_t)-1)
static const struct {
    size_t member; /* offsetof(struct tm, ...), or DATE_OFFSET */
    int lo, hi, not_february;
} date_ints[] = {
    {DATE_OFFSET, -1439, 1439, 0},
    {offsetof(struct tm, tm_year), 0, 9999 - 1900, 0},
    {offsetof(struct tm, tm_mon), 0, 11, 1},
    {offsetof(struct tm, tm_mday), 1, 30, 0},
    {offsetof(struct tm, tm_hour), 0, 23, 0},
    {offsetof(struct tm, tm_min), 0, 59, 0},
    {offsetof(struct tm, tm_sec), 0, 60, 0},
};

/* dsn_rfc5322_date(): each int of the tm and the offset, any value. */
static void test_date(void **state)
{
    size_t i, k;
    (void)state;
    for (i = 0; i < NV; i++) {
        for (k = 0; k < sizeof date_ints / sizeof date_ints[0]; k++) {
            struct tm tm = {.tm_year = 126,
                            .tm_mon = 10,
                            .tm_mday = 30,
                            .tm_hour = 10,
                            .tm_min = 22,
                            .tm_sec = 53};
            char buf[DSN_DATE_MAX];
            int v = values[i], off = 0, ok;
            if (date_ints[k].member == DATE_OFFSET)
                off = v;
            else
                memcpy((char *)&tm + date_ints[k].member, &v, sizeof v);
            ok = in(v, date_ints[k].lo, date_ints[k].hi) &&
                 !(date_ints[k].not_february && v == 1);
            assert_int_equal(dsn_rfc5322_date(&tm, off, buf, sizeof buf) > 0,
                             ok);
        }
    }
}

/* The issue's case, exactly. */
static void test_issue_15_case(void **state)
{
    dsn_recipient_fields f = DSN_RECIPIENT_FIELDS_INIT;
    dsn_status st = {42949677, 1, 1};
    char buf[256];
    (void)state;
    f.final_recipient = "user@example.com";
    f.action = DSN_ACTION_FAILED;
    f.status = &st;
    memset(buf, 'x', sizeof buf);
    assert_int_equal(dsn_status_fields_check(&f), DSN_EBADSTATUS);
    assert_int_equal(dsn_status_fields(&f, buf, sizeof buf), 0);
    assert_string_equal(buf, "");
}

/* The parsers take no int, but their size_t options at their limits give
 * the documented results: max_line 0 is DSN_LINE_MAX, SIZE_MAX no limit
 * a reply can reach; cap 0 stores no line. */
static void test_parser_size_limits(void **state)
{
    static const char reply[] = "250 ok\r\n";
    static const size_t caps[] = {0, 1, SIZE_MAX};
    static const size_t max_lines[] = {0, 8, 512, SIZE_MAX - 1, SIZE_MAX};
    size_t i, j;
    (void)state;
    for (i = 0; i < sizeof caps / sizeof caps[0]; i++) {
        for (j = 0; j < sizeof max_lines / sizeof max_lines[0]; j++) {
            dsn_parse_options opt = DSN_PARSE_OPTIONS_INIT;
            dsn_parsed_reply r;
            dsn_slice line;
            opt.max_line = max_lines[j];
            assert_int_equal(dsn_parse_reply(reply, sizeof reply - 1, &r,
                                             caps[i] ? &line : NULL, caps[i],
                                             &opt),
                             (int)sizeof reply - 1);
            assert_int_equal(r.code, 250);
            assert_int_equal(r.lines, 1);
        }
    }
}

CMOCKA_MAIN({
    cmocka_unit_test(test_errors_and_names),
    cmocka_unit_test(test_lookups_by_status),
    cmocka_unit_test(test_associated),
    cmocka_unit_test(test_severity_action_default),
    cmocka_unit_test(test_reply_status),
    cmocka_unit_test(test_format_every_field),
    cmocka_unit_test(test_constructors),
    cmocka_unit_test(test_status_fields),
    cmocka_unit_test(test_issue_15_case),
    cmocka_unit_test(test_base),
    cmocka_unit_test(test_date),
    cmocka_unit_test(test_parser_size_limits),
})
