/*
 * NAME
 *      dsn_osmtpd.h - libdsn replies from an OpenSMTPD filter built on
 *      libopensmtpd
 *
 * SYNOPSIS
 *      #include "dsn_osmtpd.h"
 *
 *      static void on_rcpt(struct osmtpd_ctx *ctx, const char *rcpt)
 *      {
 *          dsn_reply r = dsn_no_such_user("100% sure", 0);
 *          if (dsn_osmtpd_reject(ctx, &r) != 0)
 *              osmtpd_filter_proceed(ctx);  // or a fixed reply of its own
 *      }
 *
 *      Link with dsn_osmtpd, dsn and opensmtpd (CMake: dsn::opensmtpd).
 *
 * DESCRIPTION
 *      dsn_osmtpd_reject(ctx, r) answers the filter request of ctx with
 *      the reply r, through libopensmtpd's osmtpd_filter_reject() (or
 *      osmtpd_filter_disconnect() for a 421, which closes the session).
 *      The reply is the one dsn_opensmtpd_result() writes (dsn/opensmtpd.h):
 *      one line, the lines of a multi-line reply joined by spaces, no CR,
 *      cut at the 2047 octets of a line OpenSMTPD keeps, the code and the
 *      enhanced code always there.
 *
 *      libopensmtpd takes a printf format: the text is passed as the
 *      argument of a "%s", never as the format, so a '%' in it arrives as
 *      '%'.
 *
 *      libopensmtpd writes every disconnect as "421 ": a 5yz reply that
 *      should close the session cannot go through it; write that line with
 *      dsn_opensmtpd_line() and DSN_OPENSMTPD_DISCONNECT instead.
 *
 *      Protocol versions: libopensmtpd 0.7 (Debian 12's libopensmtpd-dev)
 *      reads the "filter|0.6|..." requests of Debian 12's OpenSMTPD 6.8
 *      and answers them in the 0.6 order (it checks only the major version
 *      and orders reqid and token by the minor one); the e2e test proves
 *      it against the real daemon.
 *
 * RETURN VALUE
 *      0: the result line is written (libopensmtpd sends it when control
 *      returns to its event loop). A negative dsn_error: nothing was
 *      written (ctx or r NULL: DSN_EINVAL; r not a 4yz or 5yz reply, or
 *      one dsn_reply_check() rejects: as dsn_opensmtpd_result()), and the
 *      filter must still answer the request itself: libopensmtpd and
 *      smtpd wait for it.
 */
#ifndef DSN_OSMTPD_H
#define DSN_OSMTPD_H

/* opensmtpd.h uses these without including them */
#include <stdint.h>
#include <time.h>

#include <opensmtpd.h>

#include "dsn.h"
#include "dsn/opensmtpd.h"

#ifdef __cplusplus
extern "C" {
#endif

int dsn_osmtpd_reject(struct osmtpd_ctx *ctx, const dsn_reply *r);

#ifdef __cplusplus
}
#endif

#endif /* DSN_OSMTPD_H */
