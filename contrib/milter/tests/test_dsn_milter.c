/*
 * dsn_milter_setreply() against fakes of smfi_setreply() and
 * smfi_setmlreply() that enforce libmilter's limits (4xx/5xx, at most 32
 * lines, 980 octets a line, no CR or LF) and record what they are given.
 * Every expectation comes from dsn_format(): the recorded lines, with
 * "%%" read back as Postfix reads it, must equal its wire lines.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dsn_milter.h"

#define LIBMILTER_TEXT_MAX 980 /* libmilter's MAXREPLYLEN */
#define RECORD_LINES 40        /* more than libmilter takes, to see excess */

static struct {
    int setreply_calls;
    int setmlreply_calls;
    int refused; /* calls that broke libmilter's rules */
    int result;  /* what the fakes return */
    char rcode[8];
    char xcode[16];
    size_t lines;
    char line[RECORD_LINES][2 * LIBMILTER_TEXT_MAX];
} rec;

static int fake_ctx_storage;
#define CTX ((SMFICTX *)(void *)&fake_ctx_storage)

static int check_and_copy(size_t i, const char *text)
{
    if (strlen(text) > LIBMILTER_TEXT_MAX || strpbrk(text, "\r\n") != NULL)
        return -1;
    if (i < RECORD_LINES)
        (void)snprintf(rec.line[i], sizeof rec.line[i], "%s", text);
    return 0;
}

static int check_codes(const char *rcode, const char *xcode)
{
    if (rcode == NULL || strlen(rcode) != 3 ||
        (rcode[0] != '4' && rcode[0] != '5') || xcode == NULL)
        return -1;
    (void)snprintf(rec.rcode, sizeof rec.rcode, "%s", rcode);
    (void)snprintf(rec.xcode, sizeof rec.xcode, "%s", xcode);
    return 0;
}

/* libmilter's prototypes: ctx cannot be const */
// cppcheck-suppress constParameter
int smfi_setreply(SMFICTX *ctx, char *rcode, char *xcode, char *message)
{
    rec.setreply_calls++;
    rec.lines = 1;
    if (ctx != CTX || check_codes(rcode, xcode) != 0 || message == NULL ||
        check_and_copy(0, message) != 0) {
        rec.refused++;
        return MI_FAILURE;
    }
    return rec.result;
}

// cppcheck-suppress constParameter
int smfi_setmlreply(SMFICTX *ctx, const char *rcode, const char *xcode, ...)
{
    va_list ap;
    const char *text;
    size_t n = 0;
    int bad = ctx != CTX || check_codes(rcode, xcode) != 0;
    rec.setmlreply_calls++;
    va_start(ap, xcode);
    while ((text = va_arg(ap, const char *)) != NULL) {
        if (check_and_copy(n, text) != 0)
            bad = 1;
        n++;
    }
    va_end(ap);
    rec.lines = n;
    if (bad || n > DSN_MILTER_MAX_LINES) {
        rec.refused++;
        return MI_FAILURE;
    }
    return rec.result;
}

#ifdef DSN_WRAP_MALLOC
/* NOLINTBEGIN(bugprone-reserved-identifier,cert-dcl37-c,cert-dcl51-cpp): --wrap's names */
/* the linker sends every malloc of this program and its static libraries
 * here (cmocka is a shared library: its own are not counted) */
void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);
static volatile int allocations; /* volatile: malloc may not be folded */
void *__wrap_malloc(size_t n)
{
    allocations++;
    return __real_malloc(n);
}
void *__wrap_calloc(size_t n, size_t size)
{
    allocations++;
    return __real_calloc(n, size);
}
void *__wrap_realloc(void *p, size_t n)
{
    allocations++;
    return __real_realloc(p, n);
}
/* NOLINTEND(bugprone-reserved-identifier,cert-dcl37-c,cert-dcl51-cpp) */
#endif

static int setup(void **state)
{
    (void)state;
    memset(&rec, 0, sizeof rec);
    rec.result = MI_SUCCESS;
    return 0;
}

/* Postfix's milter8.c: "%%" gives '%', a lone '%' is dropped. */
static void postfix_unescape(const char *in, char *out)
{
    while (*in != '\0') {
        if (*in == '%')
            in++;
        if (*in == '\0')
            break;
        *out++ = *in++;
    }
    *out = '\0';
}

/* The wire lines dsn_format() gives for r, enhanced code forced as the
 * milter sends it, each NUL-terminated in place of its CRLF. */
#define WIRE_LINES 128
static char wire[WIRE_LINES * DSN_LINE_MAX + 1];
static char *wire_line[WIRE_LINES];

static size_t wire_lines(const dsn_reply *r)
{
    dsn_reply w = *r;
    size_t n, count = 0, i, start = 0;
    w.flags &= ~DSN_FMT_NO_ENHANCED;
    n = dsn_format(&w, wire, sizeof wire);
    assert_true(n > 0 && n < sizeof wire);
    for (i = 0; i + 1 < n; i++)
        if (wire[i] == '\r' && wire[i + 1] == '\n') {
            assert_true(count < WIRE_LINES);
            wire[i] = '\0';
            wire_line[count++] = wire + start;
            start = i + 2;
        }
    return count;
}

/* Checks the recorded call against dsn_format(r): code, enhanced code and
 * the text of each of the first `compare` lines. */
static void expect_lines(const dsn_reply *r, size_t expect_sent, size_t compare)
{
    size_t total = wire_lines(r), i;
    char got[2 * LIBMILTER_TEXT_MAX];
    assert_int_equal(rec.refused, 0);
    assert_int_equal(rec.lines, expect_sent);
    assert_int_equal(rec.setreply_calls + rec.setmlreply_calls, 1);
    assert_int_equal(rec.setreply_calls, expect_sent == 1);
    assert_true(compare <= total);
    for (i = 0; i < compare; i++) {
        const char *l = wire_line[i];
        size_t xlen = strlen(rec.xcode);
        /* "550-5.1.1 text" */
        assert_memory_equal(l, rec.rcode, 3);
        assert_int_equal(l[3], i + 1 == total ? ' ' : '-');
        assert_memory_equal(l + 4, rec.xcode, xlen);
        assert_int_equal(l[4 + xlen], ' ');
        postfix_unescape(rec.line[i], got);
        assert_string_equal(got, l + 5 + xlen);
    }
}

static int set_reply(const dsn_reply *r)
{
    int rc;
#ifdef DSN_WRAP_MALLOC
    int before = allocations;
    rc = dsn_milter_setreply(CTX, r);
    assert_int_equal(allocations, before);
#else
    rc = dsn_milter_setreply(CTX, r);
#endif
    return rc;
}

static void single_line(void **state)
{
    dsn_reply r = dsn_no_such_user(NULL, 0);
    (void)state;
    assert_int_equal(set_reply(&r), MI_SUCCESS);
    expect_lines(&r, 1, 1);
}

/* n lines "line 1" ... in buf */
static const char *numbered_lines(char *buf, size_t size, int n, int width)
{
    size_t used = 0;
    int i;
    buf[0] = '\0';
    for (i = 1; i <= n; i++) {
        int w = snprintf(buf + used, size - used, "%s%-*d|", i > 1 ? "\n" : "",
                         width, i);
        assert_true(w > 0 && (size_t)w < size - used);
        used += (size_t)w;
    }
    return buf;
}

static void three_lines(void **state)
{
    char msg[64];
    dsn_reply r = dsn_create(550, numbered_lines(msg, sizeof msg, 3, 1), 7, 1);
    (void)state;
    assert_int_equal(set_reply(&r), MI_SUCCESS);
    expect_lines(&r, 3, 3);
    assert_int_equal(rec.setmlreply_calls, 1);
}

static void thirty_two_lines(void **state)
{
    char msg[32 * 8];
    dsn_reply r = dsn_no_such_user(
        numbered_lines(msg, sizeof msg, DSN_MILTER_MAX_LINES, 1), 0);
    (void)state;
    assert_int_equal(set_reply(&r), MI_SUCCESS);
    expect_lines(&r, DSN_MILTER_MAX_LINES, DSN_MILTER_MAX_LINES);
}

static void expect_cut(const dsn_reply *r)
{
    assert_int_equal(set_reply(r), MI_SUCCESS);
    expect_lines(r, DSN_MILTER_MAX_LINES, DSN_MILTER_MAX_LINES - 1);
    assert_string_equal(rec.line[DSN_MILTER_MAX_LINES - 1],
                        DSN_MILTER_CUT_TEXT);
}

/* 33 and 100 short lines: 31 sent, the 32nd says the rest was cut */
static void more_than_thirty_two_lines(void **state)
{
    static char msg[100 * 8];
    dsn_reply r = dsn_no_such_user(numbered_lines(msg, sizeof msg, 33, 1), 0);
    (void)state;
    expect_cut(&r);
    setup(NULL);
    r = dsn_no_such_user(numbered_lines(msg, sizeof msg, 100, 1), 0);
    expect_cut(&r);
}

/* 40 lines of 480 octets: more than the 32 * 512 octets the milter
 * formats, so the reply is cut where the formatted text stops */
static void longer_than_the_wire_buffer(void **state)
{
    static char msg[40 * 490];
    dsn_reply r = dsn_no_such_user(numbered_lines(msg, sizeof msg, 40, 478), 0);
    (void)state;
    assert_true(dsn_format(&r, NULL, 0) >
                (size_t)DSN_MILTER_MAX_LINES * DSN_LINE_MAX);
    expect_cut(&r);
}

static void percent_is_doubled(void **state)
{
    dsn_reply r = dsn_no_such_user("We are 100% sure: 50%% of %s", 0);
    (void)state;
    assert_int_equal(set_reply(&r), MI_SUCCESS);
    assert_string_equal(rec.line[0], "We are 100%% sure: 50%%%% of %%s");
    expect_lines(&r, 1, 1);
    setup(NULL);
    r = dsn_no_such_user("100% sure\nreally 100%", 0);
    assert_int_equal(set_reply(&r), MI_SUCCESS);
    expect_lines(&r, 2, 2);
}

/* a line of 490 '%' doubles to libmilter's 980 octets; 491 is too many */
static void percent_limit(void **state)
{
    char msg[492];
    dsn_reply r;
    (void)state;
    memset(msg, '%', 490);
    msg[490] = '\0';
    r = dsn_no_such_user(msg, 0);
    assert_int_equal(set_reply(&r), MI_SUCCESS);
    assert_int_equal(strlen(rec.line[0]), LIBMILTER_TEXT_MAX);
    expect_lines(&r, 1, 1);
    setup(NULL);
    msg[490] = '%';
    msg[491] = '\0';
    r = dsn_no_such_user(msg, 0);
    assert_int_equal(set_reply(&r), MI_FAILURE);
    assert_int_equal(rec.setreply_calls + rec.setmlreply_calls, 0);
}

/* 1,500 octets of words wrap as dsn_format wraps them */
static void wrapped_message(void **state)
{
    char msg[1501];
    size_t i;
    dsn_reply r;
    size_t total;
    (void)state;
    for (i = 0; i < 1500; i++) {
        msg[i] = "abcdefghijklmnopqrstuvwxyz"[i % 26];
        if (i % 10 == 9)
            msg[i] = ' ';
    }
    msg[1500] = '\0';
    r = dsn_sec_unauthorized(msg, 0);
    total = wire_lines(&r);
    assert_true(total >= 3);
    assert_int_equal(set_reply(&r), MI_SUCCESS);
    expect_lines(&r, total, total);
}

static void control_characters_as_dsn_format(void **state)
{
    dsn_reply r = dsn_no_such_user("a\tb\001c\177d\r\n\r\ne\033[0m", 0);
    (void)state;
    assert_int_equal(set_reply(&r), MI_SUCCESS);
    expect_lines(&r, 2, 2);
}

/* no enhanced code (dsn_basic): sent with cls.0.0 all the same */
static void basic_reply_gets_its_class(void **state)
{
    dsn_reply r = dsn_basic(554, "go away");
    (void)state;
    assert_int_equal(set_reply(&r), MI_SUCCESS);
    assert_string_equal(rec.xcode, "5.0.0");
    expect_lines(&r, 1, 1);
}

static void invalid_replies(void **state)
{
    dsn_reply bad_status = dsn_create(550, "x", 1000, 0);
    dsn_reply success = dsn_create(250, "ok", 0, 0);
    dsn_reply start_input = dsn_basic(354, "go ahead");
    dsn_reply r = dsn_no_such_user(NULL, 0);
    (void)state;
    assert_int_equal(dsn_milter_setreply(NULL, &r), MI_FAILURE);
    assert_int_equal(dsn_milter_setreply(CTX, NULL), MI_FAILURE);
    assert_int_equal(set_reply(&bad_status), MI_FAILURE);
    assert_int_equal(set_reply(&success), MI_FAILURE);
    assert_int_equal(set_reply(&start_input), MI_FAILURE);
    r.code = 999;
    assert_int_equal(set_reply(&r), MI_FAILURE);
    assert_int_equal(rec.setreply_calls + rec.setmlreply_calls, 0);
}

static void libmilter_failure_is_returned(void **state)
{
    char msg[16];
    dsn_reply one = dsn_no_such_user(NULL, 0);
    dsn_reply two = dsn_no_such_user(numbered_lines(msg, sizeof msg, 2, 1), 0);
    (void)state;
    rec.result = MI_FAILURE;
    assert_int_equal(set_reply(&one), MI_FAILURE);
    assert_int_equal(set_reply(&two), MI_FAILURE);
    assert_int_equal(rec.setreply_calls, 1);
    assert_int_equal(rec.setmlreply_calls, 1);
}

#ifdef DSN_WRAP_MALLOC
/* the counter works: an allocation of this program is seen */
static void allocation_counter_works(void **state)
{
    int before = allocations;
    void *volatile p = malloc(16);
    (void)state;
    assert_int_equal(allocations, before + 1);
    free(p);
}
#endif

int main(void)
{
    const struct CMUnitTest tests[] = {
#ifdef DSN_WRAP_MALLOC
        cmocka_unit_test_setup(allocation_counter_works, setup),
#endif
        cmocka_unit_test_setup(single_line, setup),
        cmocka_unit_test_setup(three_lines, setup),
        cmocka_unit_test_setup(thirty_two_lines, setup),
        cmocka_unit_test_setup(more_than_thirty_two_lines, setup),
        cmocka_unit_test_setup(longer_than_the_wire_buffer, setup),
        cmocka_unit_test_setup(percent_is_doubled, setup),
        cmocka_unit_test_setup(percent_limit, setup),
        cmocka_unit_test_setup(wrapped_message, setup),
        cmocka_unit_test_setup(control_characters_as_dsn_format, setup),
        cmocka_unit_test_setup(basic_reply_gets_its_class, setup),
        cmocka_unit_test_setup(invalid_replies, setup),
        cmocka_unit_test_setup(libmilter_failure_is_returned, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
