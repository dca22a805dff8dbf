/*
 * dsn_exim.so loaded as Exim loads it (dlopen, then dlsym of the name the
 * ACL gives), and dsn_exim_local_scan(), against fakes of the Exim
 * functions they call (string_copy, string_copy_taint, string_sprintf,
 * log_write), which this program exports to the module: what they yield,
 * what they return to Exim, and that the text keeps the taint of the
 * argument it came from.
 *
 *     test_dsn_exim PATH/dsn_exim.so
 */
#define DLFUNC_IMPL
#include <local_scan.h>

#include <dlfcn.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dsn_exim.h"

static exim_dlfunc_t *dsn_deny, *dsn_defer, *dsn_reply_fn;

static char store[8][DSN_EXIM_BUF_SIZE + 64]; /* Exim's memory, faked */
static int stored;
static const void *taint_from;
static int logged;

static uschar *keep(const char *s)
{
    char *p = store[stored++ % 8];
    (void)snprintf(p, sizeof store[0], "%s", s);
    return US p;
}

uschar *string_copy_function(const uschar *s)
{
    taint_from = NULL;
    return keep(CCS s);
}

uschar *string_copy_taint_function(const uschar *s, const void *proto_mem)
{
    taint_from = proto_mem;
    return keep(CCS s);
}

uschar *string_sprintf_trc(const char *fmt, const uschar *func, unsigned line,
                           ...)
{
    char buf[512];
    va_list ap;
    (void)func;
    (void)line;
    va_start(ap, line);
    (void)vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return keep(buf);
}

void log_write(unsigned int selector, int flags, const char *fmt, ...)
{
    (void)selector;
    (void)flags;
    (void)fmt;
    logged++;
}

static void expect_yield(exim_dlfunc_t *f, int argc, const char *a0,
                         const char *a1, const char *a2, int rc,
                         const char *yield)
{
    uschar *argv[3];
    uschar *got = NULL;
    argv[0] = US a0;
    argv[1] = US a1;
    argv[2] = US a2;
    assert_int_equal(f(&got, argc, argv), rc);
    assert_non_null(got);
    assert_string_equal(CS got, yield);
    if (rc == OK) /* the text's taint: the message's, else the name's */
        assert_ptr_equal(taint_from, argc > 1 ? argv[1] : argv[0]);
}

static void test_deny(void **state)
{
    (void)state;
    expect_yield(dsn_deny, 1, "no_such_user", NULL, NULL, OK,
                 "550 5.1.1 No such user");
    expect_yield(dsn_deny, 2, "sec_unauthorized", "first\nsecond\nthird", NULL,
                 OK, "550 5.7.1 first\nsecond\nthird");
    expect_yield(dsn_deny, 3, "no_such_user", "", "551", OK,
                 "551 5.1.1 No such user");
    /* 4yz under deny: Exim would drop it, so it becomes 5yz */
    expect_yield(dsn_deny, 1, "mbox_full", NULL, NULL, OK,
                 "550 5.2.2 Mailbox full");
    /* an invalid code means the default one, as in haraka-dsn */
    expect_yield(dsn_deny, 3, "no_such_user", "x", "5x0", OK, "550 5.1.1 x");
    expect_yield(dsn_deny, 3, "no_such_user", "x", "1000", OK, "550 5.1.1 x");
}

static void test_defer_and_reply(void **state)
{
    (void)state;
    expect_yield(dsn_defer, 3, "mbox_full", "", "452", OK,
                 "452 4.2.2 Mailbox full");
    expect_yield(dsn_defer, 1, "no_such_user", NULL, NULL, OK,
                 "450 4.1.1 No such user");
    expect_yield(dsn_reply_fn, 1, "mbox_full", NULL, NULL, OK,
                 "450 4.2.2 Mailbox full");
    expect_yield(dsn_reply_fn, 1, "addr_rcpt_ok", NULL, NULL, OK,
                 "250 2.1.5 Destination address valid");
}

static void test_failures_name_the_cause(void **state)
{
    (void)state;
    expect_yield(dsn_deny, 1, "no_such_function", NULL, NULL, FAIL,
                 "dsn_exim.so: no function dsn_no_such_function in libdsn");
    expect_yield(dsn_deny, 0, "x", NULL, NULL, FAIL,
                 "dsn_exim.so: want {NAME}, then optionally {MESSAGE} and "
                 "{CODE}");
    expect_yield(dsn_deny, 4, "x", NULL, NULL, FAIL,
                 "dsn_exim.so: want {NAME}, then optionally {MESSAGE} and "
                 "{CODE}");
    expect_yield(dsn_defer, 1, "addr_rcpt_ok", NULL, NULL, FAIL,
                 "dsn_exim.so: dsn_addr_rcpt_ok: the interface carries only "
                 "rejections: reply code must be 4xx or 5xx");
}

static void test_local_scan(void **state)
{
    uschar *text = NULL;
    dsn_reply r = dsn_sec_unauthorized("first\nsecond", 554);
    (void)state;
    assert_int_equal(dsn_exim_local_scan(&r, &text), LOCAL_SCAN_REJECT);
    assert_string_equal(CS text, "5.7.1 first\n5.7.1 second");
    r = dsn_mbox_full(NULL, 452);
    assert_int_equal(dsn_exim_local_scan(&r, &text), LOCAL_SCAN_TEMPREJECT);
    assert_string_equal(CS text, "4.2.2 Mailbox full");
    /* what cannot be written: Exim's own temporary error, and a log line */
    logged = 0;
    r = dsn_addr_rcpt_ok(NULL, 0);
    assert_int_equal(dsn_exim_local_scan(&r, &text), LOCAL_SCAN_TEMPREJECT);
    assert_null(text);
    assert_int_equal(logged, 1);
}

/* dlsym() returns void *: POSIX makes it convertible to a function */
static exim_dlfunc_t *find(void *module, const char *name)
{
    exim_dlfunc_t *f;
    void *sym = dlsym(module, name);
    if (sym == NULL) {
        (void)fprintf(stderr, "dlsym %s: %s\n", name, dlerror());
        exit(1);
    }
    memcpy(&f, &sym, sizeof f);
    return f;
}

int main(int argc, char **argv)
{
    void *module;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_deny),
        cmocka_unit_test(test_defer_and_reply),
        cmocka_unit_test(test_failures_name_the_cause),
        cmocka_unit_test(test_local_scan),
    };
    if (argc != 2) {
        (void)fputs("usage: test_dsn_exim PATH/dsn_exim.so\n", stderr);
        return 2;
    }
    module = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (module == NULL) {
        (void)fprintf(stderr, "dlopen: %s\n", dlerror());
        return 1;
    }
    dsn_deny = find(module, "dsn_deny");
    dsn_defer = find(module, "dsn_defer");
    dsn_reply_fn = find(module, "dsn_reply");
    return cmocka_run_group_tests(tests, NULL, NULL);
}
