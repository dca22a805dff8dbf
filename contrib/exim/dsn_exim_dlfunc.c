/*
 * dsn_exim.so's work for dsn_reply, dsn_deny and dsn_defer (dsn_exim.h),
 * which dsn_exim_entry.c exports under those names. Exim's memory holds
 * the result; the text keeps the taint of the argument it came from.
 */
#define DLFUNC_IMPL
#include <local_scan.h>

#include <string.h>

#include "dsn_exim.h"
#include "dsn_exim_dlfunc.h"

/* A reply code of 1 to 3 digits, or 0 (the row's default, as for any
 * invalid code). */
static int parse_code(const uschar *s)
{
    int code = 0, i;
    for (i = 0; i < 3 && s[i] >= '0' && s[i] <= '9'; i++)
        code = code * 10 + (s[i] - '0');
    return i > 0 && s[i] == '\0' ? code : 0;
}

static int acl_message(uschar **yield, int argc, uschar *argv[], int verb)
{
    char buf[DSN_EXIM_BUF_SIZE];
    const char *name, *msg;
    dsn_reply r;
    int n;
    if (argc < 1 || argc > 3) {
        *yield = string_copy(US "dsn_exim.so: want {NAME}, then optionally "
                                "{MESSAGE} and {CODE}");
        return FAIL;
    }
    name = CS argv[0];
    msg = argc > 1 ? CS argv[1] : NULL;
    if (dsn_by_name(name, strlen(name), msg, argc > 2 ? parse_code(argv[2]) : 0,
                    &r) < 0) {
        *yield =
            string_sprintf("dsn_exim.so: no function dsn_%s in libdsn", name);
        return FAIL;
    }
    n = dsn_exim_acl_message(&r, verb, buf, sizeof buf);
    if (n < 0) {
        *yield =
            string_sprintf("dsn_exim.so: dsn_%s: %s", name, dsn_strerror(n));
        return FAIL;
    }
    /* tainted when the text or the name was */
    *yield = string_copy_taint(US buf, argc > 1 ? argv[1] : argv[0]);
    return OK;
}

int dsn_exim_dlfunc_any(uschar **yield, int argc, uschar *argv[])
{
    return acl_message(yield, argc, argv, DSN_EXIM_ANY);
}

int dsn_exim_dlfunc_deny(uschar **yield, int argc, uschar *argv[])
{
    return acl_message(yield, argc, argv, DSN_EXIM_DENY);
}

int dsn_exim_dlfunc_defer(uschar **yield, int argc, uschar *argv[])
{
    return acl_message(yield, argc, argv, DSN_EXIM_DEFER);
}
