/* target_exim.c - `dsn reply --for exim-acl` and `--for exim-local-scan`:
 * the text of an Exim ACL's "message =" (code and enhanced code once) and
 * of local_scan()'s return_text (the enhanced code on every line), from
 * dsn/exim.h, each followed by a LF for the terminal. */
#include "cli.h"
#include "dsn/exim.h"

/* Ends the text of length n (or the error n) that a writer left in buf
 * with a LF, keeping snprintf's contract: a buffer too small for it holds
 * the same prefix either way. */
static int with_lf(int n, char *buf, size_t size)
{
    if (n < 0)
        return n;
    if (buf != NULL && size > (size_t)n + 1) {
        buf[n] = '\n';
        buf[n + 1] = '\0';
    }
    return n + 1;
}

int cli_target_exim_acl(const dsn_reply *r, unsigned flags, char *buf,
                        size_t size)
{
    /* only DSN_FMT_ASCII comes (targets.def); the verb is the admin's:
     * the reply's own class */
    dsn_reply c = cli_reply_with_flags(r, flags);
    return with_lf(dsn_exim_acl_message(&c, DSN_EXIM_ANY, buf, size), buf,
                   size);
}

int cli_target_exim_local_scan(const dsn_reply *r, unsigned flags, char *buf,
                               size_t size)
{
    /* only DSN_FMT_ASCII comes (targets.def) */
    dsn_reply c = cli_reply_with_flags(r, flags);
    return with_lf(dsn_exim_local_scan_text(&c, buf, size), buf, size);
}
