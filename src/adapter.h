/*
 * adapter.h - what the writers for other servers' plugin interfaces
 * (opensmtpd_*.c, exim_*.c) share: the check of a reply that rejects, and
 * its "550 5.1.1 " head.
 */
#ifndef DSN_ADAPTER_H
#define DSN_ADAPTER_H

#include <limits.h>
#include <stddef.h>

#include "dsn/base.h"
#include "dsn/reply.h"
#include "digits.h"

/* "550 5.999.999 " and a NUL */
#define DSN_REPLY_HEAD_MAX 16

/* The reply flags an adapter keeps: DSN_FMT_ASCII, 7-bit text for a
 * client that did not use SMTPUTF8, which each interface can carry. The
 * others go: every adapter writes the enhanced code (DSN_FMT_NO_ENHANCED;
 * a dsn_basic() reply gets X.0.0) and chooses its own shape (DSN_FMT_TEXT
 * or wire lines). */
#define DSN_ADAPTER_KEPT_FLAGS DSN_FMT_ASCII

/* Copies r into *out with only DSN_ADAPTER_KEPT_FLAGS of its flags.
 * Returns DSN_OK when the copy formats (its enhanced code checked, as it
 * will be written) and is a negative reply, 4yz or 5yz (RFC 5321 4.2.1),
 * the only kind a rejecting interface carries; DSN_EREJECTCODE for a
 * reply that is valid but not negative (a 2yz, or a 3yz such as 354,
 * which is valid only without an enhanced code). */
static inline int dsn_adapter_reply(const dsn_reply *r, dsn_reply *out)
{
    int err;
    if (r == NULL)
        return DSN_EINVAL;
    *out = *r;
    out->flags &= DSN_ADAPTER_KEPT_FLAGS;
    err = dsn_reply_check(out, 0);
    if (err == DSN_EBADCODE && r->code / 100 == 3 &&
        dsn_reply_check(r, 0) == DSN_OK)
        return DSN_EREJECTCODE;
    if (err != DSN_OK)
        return err;
    return out->cls == 4 || out->cls == 5 ? DSN_OK : DSN_EREJECTCODE;
}

/* Writes "<code> <class>.<subject>.<detail> " for a checked reply; returns
 * its length, at most DSN_REPLY_HEAD_MAX - 1. With code 0 the code is left
 * out: "5.1.1 ". */
static inline size_t dsn_put_reply_head(char *p, int code, const dsn_reply *r)
{
    size_t n = 0;
    if (code != 0) {
        n += dsn_put_digits(p, code);
        p[n++] = ' ';
    }
    n += dsn_put_status(p + n, r->cls, r->subject, r->detail);
    p[n++] = ' ';
    return n;
}

/* What a writer does on error: leaves "" in buf, if it has room, and
 * returns err. */
static inline int dsn_adapter_fail(char *buf, size_t size, int err)
{
    if (buf != NULL && size > 0)
        buf[0] = '\0';
    return err;
}

/* The length a writer returns as an int; every adapter's output is
 * bounded far below INT_MAX. */
static inline int dsn_adapter_len(size_t n)
{
    return n <= INT_MAX ? (int)n : DSN_EINVAL;
}

#endif /* DSN_ADAPTER_H */
