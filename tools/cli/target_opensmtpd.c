/* target_opensmtpd.c - `dsn reply --for opensmtpd`: what an OpenSMTPD
 * filter writes after "filter-result|<reqid>|<token>|": "reject|<reply>"
 * or "disconnect|<reply>" for a 421, and LF (dsn_opensmtpd_result,
 * dsn/opensmtpd.h). */
#include "cli.h"
#include "dsn/opensmtpd.h"

int cli_target_opensmtpd(const dsn_reply *r, unsigned flags, char *buf,
                         size_t size)
{
    /* only DSN_FMT_ASCII comes (targets.def): the result always carries
     * the enhanced code */
    dsn_reply c = cli_reply_with_flags(r, flags);
    return dsn_opensmtpd_result(&c, 0, buf, size);
}
